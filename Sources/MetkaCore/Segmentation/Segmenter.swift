/// Runs tokenization, line/paragraph splitting, boilerplate flagging and sentence splitting.
public struct Segmenter: Sendable {
    public let lexicon: SegmentationLexicon
    private let tokenizer = Tokenizer()

    public init(lexicon: SegmentationLexicon) { self.lexicon = lexicon }

    public func segment(_ document: Document) -> Segmentation {
        let (tokens, keyBytes) = tokenizer.tokenize(document)
        var (blocks, blockOfToken) = BlockSplitter.split(document, tokens: tokens)
        BoilerplateDetector(lexicon: lexicon).flag(&blocks, tokens: tokens, keyBytes: keyBytes)
        var sentences = SentenceSplitter(lexicon: lexicon).split(tokens: tokens, keyBytes: keyBytes)
        // A sentence never crosses a block boundary that the splitter kept (hard-wrapped prose) when
        // the blocks differ in boilerplate status: boilerplate must not leak into body sentences.
        sentences = sentences.flatMap { s -> [Sentence] in
            var parts: [Sentence] = []
            var from = s.tokenRange.lowerBound
            for t in s.tokenRange.dropFirst() where blocks[Int(blockOfToken[t])].flags != blocks[Int(blockOfToken[t - 1])].flags {
                parts.append(Sentence(tokenRange: from..<t, start: tokens[from].start, end: tokens[t - 1].end))
                from = t
            }
            parts.append(Sentence(tokenRange: from..<s.tokenRange.upperBound, start: tokens[from].start,
                                  end: tokens[s.tokenRange.upperBound - 1].end))
            return parts
        }
        return Segmentation(tokens: tokens, keyBytes: keyBytes, blocks: blocks, sentences: sentences,
                            blockOfToken: blockOfToken)
    }
}
