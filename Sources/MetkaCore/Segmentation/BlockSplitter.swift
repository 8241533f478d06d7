/// Cuts the text into non-empty lines ("blocks") and numbers paragraphs (blank-line separated),
/// then assigns every token to its block.
enum BlockSplitter {
    static func split(_ document: Document, tokens: [Token]) -> (blocks: [TextBlock], blockOfToken: [Int32]) {
        var blocks: [TextBlock] = []
        var blockOfToken = [Int32](repeating: 0, count: tokens.count)
        var paragraph: Int32 = 0
        var blankSeen = false
        var t = 0
        document.utf8.withUnsafeBufferPointer { p in
            var lineStartByte = 0
            var lineStartScalar: Int32 = 0
            var scalar: Int32 = 0
            var i = 0
            func closeLine(endByte: Int, endScalar: Int32) {
                // Tokens that start inside this line belong to it.
                let first = t
                while t < tokens.count && Int(tokens[t].byteStart) < endByte { t += 1 }
                if first == t {
                    blankSeen = true
                    return
                }
                if blankSeen && !blocks.isEmpty { paragraph += 1 }
                blankSeen = false
                let index = Int32(blocks.count)
                for k in first..<t { blockOfToken[k] = index }
                blocks.append(TextBlock(start: lineStartScalar, end: endScalar, byteStart: Int32(lineStartByte),
                                        byteEnd: Int32(endByte), tokenRange: first..<t, paragraph: paragraph, flags: []))
            }
            while i < p.count {
                let b = p[i]
                if b == 0x0A || b == 0x0D {
                    closeLine(endByte: i, endScalar: scalar)
                    i += 1; scalar += 1
                    if b == 0x0D, i < p.count, p[i] == 0x0A { i += 1; scalar += 1 }
                    lineStartByte = i
                    lineStartScalar = scalar
                    continue
                }
                if b & 0xC0 != 0x80 { scalar += 1 }
                i += 1
            }
            closeLine(endByte: p.count, endScalar: scalar)
        }
        return (blocks, blockOfToken)
    }
}
