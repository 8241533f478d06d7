/// Groups tokens into non-empty lines ("blocks") and numbers paragraphs (blank-line separated).
///
/// Works on the tokens' `newlineBefore`/`paragraphStart` shapes, which the tokenizer sets while
/// scanning, so the text is not scanned a second time. A block spans its first token's start to
/// its last token's end: the line without its surrounding whitespace and line break.
enum BlockSplitter {
    static func split(_ document: Document, tokens: [Token]) -> (blocks: [TextBlock], blockOfToken: [Int32]) {
        var blocks: [TextBlock] = []
        guard !tokens.isEmpty else { return (blocks, []) }
        var blockOfToken = [Int32](repeating: 0, count: tokens.count)
        var paragraph: Int32 = 0
        var first = 0
        func close(_ end: Int) {
            blocks.append(TextBlock(start: tokens[first].start, end: tokens[end - 1].end,
                                    byteStart: tokens[first].byteStart, byteEnd: tokens[end - 1].byteEnd,
                                    tokenRange: first..<end, paragraph: paragraph, flags: []))
        }
        blockOfToken.withUnsafeMutableBufferPointer { out in
            var index: Int32 = 0
            for t in 1..<tokens.count {
                let shape = tokens[t].shape
                if shape.contains(.newlineBefore) {
                    close(t)
                    if shape.contains(.paragraphStart) { paragraph += 1 }
                    first = t
                    index += 1
                }
                out[t] = index
            }
        }
        close(tokens.count)
        return (blocks, blockOfToken)
    }
}
