/// The segmentation of one document: tokens with keys, lines/paragraphs with boilerplate flags,
/// and sentences — all as index ranges into one token array.
public struct Segmentation: Sendable {
    public var tokens: [Token]
    /// Concatenated normalized keys; `Token.keyRange` slices it.
    public var keyBytes: [UInt8]
    /// Non-empty lines in text order.
    public var blocks: [TextBlock]
    public var sentences: [Sentence]
    /// For each token, the index of its block (line).
    public var blockOfToken: [Int32]

    /// The key of token `index` as a String (tests, explanations; the hot path uses bytes).
    public func key(_ index: Int) -> String {
        let r = tokens[index].keyRange
        return keyBytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
    }

    /// Calls `body` with the key bytes of token `index` without allocating.
    @inlinable
    public func withKey<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = tokens[index].keyRange
        return try keyBytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// Boilerplate flags of the block holding token `index`.
    @inlinable public func blockFlags(ofToken index: Int) -> BlockFlags { blocks[Int(blockOfToken[index])].flags }
}

/// A non-empty line of the original text: the unit boilerplate detection works on.
public struct TextBlock: Sendable, Hashable {
    /// Code point range from the line's first token to its last (no surrounding whitespace, no
    /// line break). A title's site suffix («: Политика: Мир: Lenta.ru») is a block of its own.
    public var start: Int32
    public var end: Int32
    public var byteStart: Int32
    public var byteEnd: Int32
    /// Tokens of the line.
    public var tokenRange: Range<Int>
    /// Paragraph number (blank lines separate paragraphs), from 0.
    public var paragraph: Int32
    public var flags: BlockFlags
}

/// What a block is, when it is not article body. Everything but `byline` and `title` is
/// boilerplate: kept in the document, excluded from topics and reports, its mentions marked.
public struct BlockFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let title = BlockFlags(rawValue: 1 << 0)
    public static let photoCredit = BlockFlags(rawValue: 1 << 1)
    public static let promo = BlockFlags(rawValue: 1 << 2)
    public static let teaser = BlockFlags(rawValue: 1 << 3)
    public static let rubric = BlockFlags(rawValue: 1 << 4)
    public static let calendar = BlockFlags(rawValue: 1 << 5)
    public static let footer = BlockFlags(rawValue: 1 << 6)
    public static let ad = BlockFlags(rawValue: 1 << 7)
    public static let navigation = BlockFlags(rawValue: 1 << 8)
    public static let byline = BlockFlags(rawValue: 1 << 9)

    /// Flags that make a block boilerplate.
    public static let boilerplate: BlockFlags = [.photoCredit, .promo, .teaser, .rubric, .calendar, .footer, .ad, .navigation]

    @inlinable public var isBoilerplate: Bool { !intersection(.boilerplate).isEmpty }

    /// Names for output and `--format tokens`, in bit order.
    public var names: [String] {
        let all: [(BlockFlags, String)] = [
            (.title, "title"), (.photoCredit, "photo-credit"), (.promo, "promo"), (.teaser, "teaser"),
            (.rubric, "rubric"), (.calendar, "calendar"), (.footer, "footer"), (.ad, "ad"),
            (.navigation, "navigation"), (.byline, "byline"),
        ]
        return all.filter { contains($0.0) }.map(\.1)
    }
}

/// A sentence as a token range plus its code point span.
public struct Sentence: Sendable, Hashable {
    public var tokenRange: Range<Int>
    public var start: Int32
    public var end: Int32
}
