/// What a token is, decided once by the tokenizer so later stages never re-scan characters.
public enum TokenKind: UInt8, Sendable, CustomStringConvertible {
    /// Letters (Cyrillic, Latin, mixed), optionally with digits and inner hyphens/apostrophes:
    /// «Путин», «APT29», «COVID-19», «Санкт-Петербург», «40-летний».
    case word
    /// Digits with inner separators: «2017», «8,1», «24.03.2021», «1+1».
    case number
    /// URLs, domains, e-mail addresses: «www.adv.rbc.ru», «https://…», «info@rbc.ru».
    case url
    /// Social handles and hashtags: «@rbc_news», «#кибербезопасность».
    case handle
    /// Quotation marks: « » „ “ ” " ' ‘ ’.
    case quote
    /// Dashes and hyphens standing alone: - – — ‒ ―.
    case dash
    /// Sentence punctuation and everything else that is not a letter or digit.
    case punct
    /// Symbols: © № % $ € ₽ + = / * etc.
    case symbol

    public var description: String {
        switch self {
        case .word: "word"
        case .number: "number"
        case .url: "url"
        case .handle: "handle"
        case .quote: "quote"
        case .dash: "dash"
        case .punct: "punct"
        case .symbol: "symbol"
        }
    }
}

/// Orthographic facts about a token, as bits, so rules test them without touching text.
public struct TokenShape: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// First letter is uppercase.
    public static let capitalized = TokenShape(rawValue: 1 << 0)
    /// Every letter is uppercase (and there are at least two letters).
    public static let allCaps = TokenShape(rawValue: 1 << 1)
    /// Contains a Cyrillic letter.
    public static let cyrillic = TokenShape(rawValue: 1 << 2)
    /// Contains a Latin letter.
    public static let latin = TokenShape(rawValue: 1 << 3)
    /// Contains a digit.
    public static let digit = TokenShape(rawValue: 1 << 4)
    /// Contains an inner hyphen.
    public static let hyphenated = TokenShape(rawValue: 1 << 5)
    /// Preceded by whitespace (or the start of the text).
    public static let spaceBefore = TokenShape(rawValue: 1 << 6)
    /// A line break lies between this token and the previous one.
    public static let newlineBefore = TokenShape(rawValue: 1 << 7)
    /// Contains letters of a script other than Cyrillic and Latin.
    public static let otherScript = TokenShape(rawValue: 1 << 8)
    /// Mixed-case inside the word after the first letter (SolarWinds, iPhone, McDonald).
    public static let innerCaps = TokenShape(rawValue: 1 << 9)
    /// A single uppercase letter (an initial candidate: «В.»).
    public static let singleLetter = TokenShape(rawValue: 1 << 10)
    /// A blank line lies between this token and the previous one (paragraph start).
    public static let paragraphStart = TokenShape(rawValue: 1 << 11)
}

/// One token: spans in bytes and in code points, kind, shape and the location of its match key.
///
/// A plain value of 32 bytes; documents keep tokens in one contiguous array. The token's key
/// (lowercase, ё→е, stress marks dropped, look-alike letters unified) lives in the
/// segmentation's key buffer at `keyStart..<keyEnd`, so keys cost no allocation per token.
public struct Token: Sendable, Hashable {
    /// Byte range in `Document.utf8`.
    public var byteStart: Int32
    public var byteEnd: Int32
    /// Code point range in `Document.text` (the public offsets).
    public var start: Int32
    public var end: Int32
    /// Byte range of the normalized key in `Segmentation.keyBytes`.
    public var keyStart: Int32
    public var keyEnd: Int32
    public var kind: TokenKind
    public var shape: TokenShape

    @inlinable public var byteRange: Range<Int> { Int(byteStart)..<Int(byteEnd) }
    @inlinable public var keyRange: Range<Int> { Int(keyStart)..<Int(keyEnd) }
    @inlinable public var isWord: Bool { kind == .word }
    @inlinable public func has(_ s: TokenShape) -> Bool { shape.contains(s) }
}
