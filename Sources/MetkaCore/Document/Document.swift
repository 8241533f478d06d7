/// One article as Metka sees it: the original text (never rewritten) plus its envelope.
///
/// Offsets everywhere in Metka's output are Unicode scalar (code point) offsets into `text`,
/// half-open — the numbers Python's `str` indexing gives. Internally the tokenizer scans the
/// UTF-8 bytes in `utf8` and records both byte and scalar offsets per token, so nothing ever
/// converts `String.Index` on the hot path.
public struct Document: Sendable {
    /// Caller-supplied identifier (JSONL `id`, archive primary key, or `"stdin"`).
    public let id: String
    /// The article body exactly as received.
    public let text: String
    /// Optional headline supplied separately from the body (JSONL `title`).
    public let title: String?
    /// Publication date, the anchor for relative dates («в прошлом году»).
    public let published: CalendarDate?
    /// The UTF-8 bytes of `text`, contiguous, for byte scanning.
    public let utf8: [UInt8]

    public init(id: String, text: String, title: String? = nil, published: CalendarDate? = nil) {
        self.id = id
        self.text = text
        self.title = title
        self.published = published
        self.utf8 = Array(text.utf8)
    }

    /// The text between two byte offsets (token slices, mention texts).
    @inlinable
    public func string(bytes range: Range<Int>) -> String {
        utf8.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}
