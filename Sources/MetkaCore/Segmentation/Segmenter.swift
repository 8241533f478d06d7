/// Runs tokenization, line/paragraph splitting, boilerplate flagging and sentence splitting.
public struct Segmenter: Sendable {
    public let lexicon: SegmentationLexicon
    private let tokenizer = Tokenizer()

    public init(lexicon: SegmentationLexicon) { self.lexicon = lexicon }

    public func segment(_ document: Document) -> Segmentation {
        let (tokens, keyBytes) = tokenizer.tokenize(document)
        var (blocks, blockOfToken) = BlockSplitter.split(document, tokens: tokens)
        BoilerplateDetector(lexicon: lexicon).flag(&blocks, blockOfToken: &blockOfToken, tokens: tokens, keyBytes: keyBytes)
        let split = SentenceSplitter(lexicon: lexicon).split(tokens: tokens, keyBytes: keyBytes)
        // A sentence never crosses a block boundary that the splitter kept (hard-wrapped prose) when
        // the blocks differ in boilerplate status: boilerplate must not leak into body sentences.
        var sentences: [Sentence] = []
        sentences.reserveCapacity(split.count)
        for s in split {
            var from = s.tokenRange.lowerBound
            var t = from + 1
            while t < s.tokenRange.upperBound {
                if blockOfToken[t] != blockOfToken[t - 1]
                    && blocks[Int(blockOfToken[t])].flags != blocks[Int(blockOfToken[t - 1])].flags {
                    sentences.append(Sentence(tokenRange: from..<t, start: tokens[from].start, end: tokens[t - 1].end))
                    from = t
                }
                t += 1
            }
            sentences.append(Sentence(tokenRange: from..<s.tokenRange.upperBound, start: tokens[from].start,
                                      end: tokens[s.tokenRange.upperBound - 1].end))
        }
        return Segmentation(tokens: tokens, keyBytes: keyBytes, blocks: blocks, sentences: sentences,
                            blockOfToken: blockOfToken)
    }
}
