import CMetkaICU

/// Swift face of the `CMetkaICU` shim: String in, String out.
///
/// ICU is used off the hot path only (NFC of rare non-NFC tokens, CLDR names while compiling
/// gazetteers), so converting through UTF-8 buffers is cheap enough and keeps the C API plain.
public enum ICU {
    /// The version of the system ICU the binary links (e.g. "72.1").
    public static var version: String { String(cString: metka_icu_version()) }

    /// NFC normalization.
    public static func nfc(_ text: String) -> String { call(text) { metka_icu_nfc($0, $1, $2, $3) } ?? text }

    /// Full Unicode lowercase (root locale).
    public static func lowercase(_ text: String) -> String { call(text) { metka_icu_lowercase($0, $1, $2, $3) } ?? text.lowercased() }

    /// CLDR display name of an ISO 3166 region code in a locale, or nil when CLDR has none.
    public static func regionName(_ region: String, locale: String = "ru") -> String? {
        let name = call(region) { src, _, dst, cap in metka_icu_region_name(src, locale, dst, cap) }
        return (name?.isEmpty ?? true) ? nil : name
    }

    /// Transliterates with an ICU transform id such as "Cyrillic-Latin"; nil when the id is unknown.
    public static func transliterate(_ text: String, transform: String) -> String? {
        call(text) { metka_icu_transliterate(transform, $0, $1, $2, $3) }
    }

    /// Runs a shim function with the "returns needed length" contract, growing the buffer once.
    private static func call(
        _ text: String,
        _ body: (UnsafePointer<CChar>, Int32, UnsafeMutablePointer<CChar>, Int32) -> Int32
    ) -> String? {
        var input = Array(text.utf8CString)
        let length = Int32(input.count - 1)
        var capacity = max(64, Int(length) * 2 + 16)
        for _ in 0..<2 {
            var output = [CChar](repeating: 0, count: capacity)
            let needed = input.withUnsafeMutableBufferPointer { src in
                output.withUnsafeMutableBufferPointer { dst in
                    body(src.baseAddress!, length, dst.baseAddress!, Int32(capacity))
                }
            }
            if needed < 0 { return nil }
            if Int(needed) < capacity {
                return String(decoding: output[0..<Int(needed)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            capacity = Int(needed) + 1
        }
        return nil
    }
}
