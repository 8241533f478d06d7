/// The shape of a token that starts with a digit, decoded from its key bytes without allocating:
/// up to three digit groups with their separators and an optional letter suffix.
///
/// `2017` · `8,1` · `12.05.2019` · `2019-05-12` · `27-28` · `2001-2002гг` · `1990-е` · `1945-го`
/// · `2008г` · `23-летний` · `35-ти`. Anything else (`10:30`, `1+1`, `APT29`, phone groups
/// `123-45-67` stay numbers but fit no date pattern) is reported as such and rejected by the rules.
struct DateNumber {
    enum Suffix: UInt8 {
        case none
        /// г, гг (2008г, 1912-1914гг)
        case yearAbbr
        /// е, х, ые, ых, ми (1990-е, 90-х)
        case decade
        /// го, й, м, ого, ый, ом (1945-го, 5-го, 1997-м)
        case ordinal
        /// ти, х, и, ми, мя, ю (35-ти лет, 2-х)
        case numeral
        /// летний… (23-летний), месячный, дневный, недельный
        case years, months, days, weeks
        case other
    }

    var values: (Int, Int, Int) = (0, 0, 0)
    var digits: (Int, Int, Int) = (0, 0, 0)
    var count = 0
    /// Separators after group 1 and 2 (`-`, `.`, `,`, `:`, `+`, `/`), 0 when none.
    var sep1: UInt8 = 0
    var sep2: UInt8 = 0
    var suffix: Suffix = .none
    /// The suffix follows a hyphen (1990-е) rather than the digits directly (2008г).
    var hyphenSuffix = false

    var first: Int { values.0 }
    var second: Int { values.1 }
    var third: Int { values.2 }

    /// A plain integer without separators or suffix.
    var plain: Int? { count == 1 && suffix == .none ? values.0 : nil }

    /// A decimal «1,5» / «5.5».
    var decimal: Double? {
        guard count == 2, suffix == .none, sep1 == UInt8(ascii: ",") || sep1 == UInt8(ascii: "."), digits.1 <= 2 else { return nil }
        var frac = Double(values.1)
        for _ in 0..<digits.1 { frac /= 10 }
        return Double(values.0) + frac
    }

    /// Parses key bytes; nil when the token does not start with a digit or has more than three groups.
    init?(_ key: UnsafeBufferPointer<UInt8>) {
        guard let f = key.first, f >= 48, f <= 57 else { return nil }
        var i = 0
        let n = key.count
        while i < n {
            let b = key[i]
            if b >= 48 && b <= 57 {
                var v = 0, d = 0
                while i < n, key[i] >= 48, key[i] <= 57 {
                    if d < 9 { v = v * 10 + Int(key[i] - 48) }
                    d += 1
                    i += 1
                }
                switch count {
                case 0: values.0 = v; digits.0 = d
                case 1: values.1 = v; digits.1 = d
                case 2: values.2 = v; digits.2 = d
                default: return nil
                }
                count += 1
                continue
            }
            let isSep = b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: ",") || b == UInt8(ascii: ":")
                || b == UInt8(ascii: "+") || b == UInt8(ascii: "/")
            if isSep, i + 1 < n, key[i + 1] >= 48, key[i + 1] <= 57 {
                if count == 1 { sep1 = b } else if count == 2 { sep2 = b } else { return nil }
                i += 1
                continue
            }
            // Letter suffix (optionally after a hyphen) to the end of the token.
            var s = i
            if b == UInt8(ascii: "-") { hyphenSuffix = true; s += 1 }
            suffix = DateNumber.classify(UnsafeBufferPointer(rebasing: key[s..<n]))
            return
        }
    }

    private static func matches(_ p: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard p.count == n else { return false }
        for k in 0..<n where p[k] != s.utf8Start[k] { return false }
        return true
    }

    private static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard p.count >= n else { return false }
        for k in 0..<n where p[k] != s.utf8Start[k] { return false }
        return true
    }

    static func classify(_ p: UnsafeBufferPointer<UInt8>) -> Suffix {
        if matches(p, "г") || matches(p, "гг") { return .yearAbbr }
        if matches(p, "е") || matches(p, "х") || matches(p, "ые") || matches(p, "ых") || matches(p, "ыми") { return .decade }
        if matches(p, "го") || matches(p, "й") || matches(p, "м") || matches(p, "ого") || matches(p, "ый") || matches(p, "ом")
            || matches(p, "ой") || matches(p, "ому") { return .ordinal }
        if matches(p, "ти") || matches(p, "и") || matches(p, "ми") || matches(p, "мя") || matches(p, "ю") || matches(p, "ух")
            || matches(p, "ех") || matches(p, "ью") || matches(p, "ста") { return .numeral }
        if hasPrefix(p, "летн") { return .years }
        if hasPrefix(p, "месячн") { return .months }
        if hasPrefix(p, "дневн") { return .days }
        if hasPrefix(p, "недельн") { return .weeks }
        return .other
    }
}
