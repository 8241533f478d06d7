/// Supplies the normalized term of a word token for topic features.
///
/// Topic features want one feature per word, not per inflected form. Today the fallback is
/// `StemTermSource` (token key + `TopicStemmer`); once the morphology module lands, a lemma source
/// (for example `ClosureTermSource(id: "lemma-v1") { tagged, i in … }`) replaces it without touching
/// the extractor. The source's `id` is recorded in the model manifest and checked at load, because
/// a model trained on stems is meaningless over lemmas.
public protocol TopicTermSource: Sendable {
    var id: String { get }
    /// Calls `body` with the term bytes of word token `index`; nil skips the token.
    func withTerm<R>(_ tagged: TaggedDocument, _ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R?
}

/// The fallback term: the token key, suffix-stripped by `TopicStemmer`. Allocation-free.
public struct StemTermSource: TopicTermSource {
    public init() {}
    public var id: String { TopicStemmer.version }

    @inlinable
    public func withTerm<R>(_ tagged: TaggedDocument, _ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        tagged.segmentation.withKey(index) { key in
            body(UnsafeBufferPointer(rebasing: key[0..<TopicStemmer.stemLength(key)]))
        }
    }
}

/// A term source backed by a closure — the hook for lemmas from the morphology module.
public struct ClosureTermSource: TopicTermSource {
    public let id: String
    let term: @Sendable (TaggedDocument, Int) -> [UInt8]?

    public init(id: String, term: @escaping @Sendable (TaggedDocument, Int) -> [UInt8]?) {
        self.id = id
        self.term = term
    }

    public func withTerm<R>(_ tagged: TaggedDocument, _ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard let bytes = term(tagged, index) else { return nil }
        return bytes.withUnsafeBufferPointer { body($0) }
    }
}
