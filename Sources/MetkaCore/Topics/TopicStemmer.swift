/// A small deterministic suffix-stripping stemmer for Russian token keys — the topic features'
/// fallback until the morphology module supplies lemmas (see `TopicTermSource`).
///
/// Why not a full stemmer: topic features only need inflected forms of one word to land on one
/// feature (атака/атаки/атаками → атак), and over-stemming costs little in a linear model with
/// bigrams. The rules: strip a reflexive ending (ся/сь), then the longest ending from a fixed list
/// (noun, adjective and verb inflections), keeping at least three letters of stem. Only words made
/// entirely of Cyrillic letters are stemmed; Latin words, numbers and mixed tokens pass unchanged.
/// Input is a token key (lowercase, ё→е), as UTF-8 bytes; the result is a prefix of the input.
public enum TopicStemmer {
    /// Version tag recorded in the model manifest: a model is only valid with the stemmer it was trained with.
    public static let version = "stem-ru-v1"

    static let reflexive = ["ся", "сь"]
    static let endings = [
        "иями", "ями", "ами", "ией", "иям", "иях",
        "ого", "его", "ому", "ему", "ыми", "ими", "ешь", "ишь", "ете", "ите", "ает", "яет", "ует", "ают", "яют", "уют",
        "ить", "ать", "ять", "еть", "уть",
        "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий", "ой", "ую", "юю", "ых", "их", "ым", "им", "ом", "ем", "ах", "ях",
        "ов", "ев", "ей", "ью", "ия", "ии", "ию", "ам", "ям", "ет", "ит", "ут", "ют", "ат", "ят", "ла", "ли", "ло",
        "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
    ]

    /// Endings grouped by their last letter (index = code point − U+0430), longest first.
    static let byLastLetter: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 32)
        // Inflectional endings only: derivational suffixes (-ость, -ство) stay in the stem, so
        // кибербезопасность and безопасный remain different features.
        for e in endings {
            let last = e.unicodeScalars.last!.value
            guard (0x430...0x44F).contains(last) else { continue }
            table[Int(last - 0x430)].append(Array(e.utf8))
        }
        for i in table.indices { table[i].sort { $0.count > $1.count } }
        return table
    }()

    /// Minimum stem length in bytes (three two-byte Cyrillic letters).
    static let minStemBytes = 6

    /// The stem length (a byte count prefix of `key`).
    @inlinable
    public static func stemLength(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        stemLengthImpl(key)
    }

    @usableFromInline
    static func stemLengthImpl(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var n = key.count
        guard n >= minStemBytes + 2, n & 1 == 0 else { return n }
        // Only all-Cyrillic (two-byte а..я) words.
        var i = 0
        while i < n {
            let b0 = key[i], b1 = key[i + 1]
            guard (b0 == 0xD0 && b1 >= 0xB0 && b1 <= 0xBF) || (b0 == 0xD1 && b1 >= 0x80 && b1 <= 0x8F) else { return n }
            i += 2
        }
        // Reflexive ending.
        if n >= minStemBytes + 4, key[n - 4] == 0xD1, key[n - 3] == 0x81,
           key[n - 2] == 0xD1, key[n - 1] == 0x8F || key[n - 1] == 0x8C {  // ся, сь
            n -= 4
        }
        let last = letterIndex(key[n - 2], key[n - 1])
        for e in byLastLetter[last] where n - e.count >= minStemBytes {
            var match = true
            var j = 0
            let start = n - e.count
            while j < e.count {
                if key[start + j] != e[j] { match = false; break }
                j += 1
            }
            if match { return start }
        }
        return n
    }

    @inline(__always)
    static func letterIndex(_ b0: UInt8, _ b1: UInt8) -> Int {
        b0 == 0xD0 ? Int(b1) - 0xB0 : Int(b1) - 0x80 + 16
    }

    /// Convenience for tests and tools.
    public static func stem(_ key: String) -> String {
        let bytes = Array(key.utf8)
        let n = bytes.withUnsafeBufferPointer { stemLength($0) }
        return String(decoding: bytes[0..<n], as: UTF8.self)
    }
}
