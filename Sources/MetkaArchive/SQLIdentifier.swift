/// SQL identifiers that come from flags (`--table`, `--text-column`, …).
///
/// Identifiers cannot be bound as statement parameters, so they are the one place user input
/// reaches SQL text. Every such name is first checked to exist in the schema (which SQLite
/// reports through bound-parameter queries), then always written double-quoted with embedded
/// quotes doubled — a name like `x"; DROP TABLE articles; --` is just an odd, nonexistent column.
public enum SQLIdentifier {
    /// `name` as a quoted SQL identifier.
    public static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Empty names and NUL characters cannot be quoted safely.
    public static func isUsable(_ name: String) -> Bool {
        !name.isEmpty && !name.utf8.contains(0)
    }

    /// A name for messages: quoted, with control characters escaped.
    static func display(_ name: String) -> String {
        var out = "\""
        for s in name.unicodeScalars {
            if s.value < 0x20 || s.value == 0x7F { out += "\\u{\(String(s.value, radix: 16))}" } else { out.unicodeScalars.append(s) }
        }
        return out + "\""
    }

    /// The candidate closest to `name` (case-insensitive edit distance), if it is close enough to
    /// be a likely typo: at most a third of the name's length, and at least 1, at most 3 edits.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        var best: (String, Int)?
        for c in candidates {
            let d = editDistance(target, Array(c.lowercased().unicodeScalars))
            if best == nil || d < best!.1 { best = (c, d) }
        }
        guard let (candidate, distance) = best else { return nil }
        let allowed = min(3, max(1, target.count / 3))
        return distance <= allowed ? candidate : nil
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
