/// Groups tokens into sentences.
///
/// A sentence ends after `.`, `!`, `?`, `…` (and any closing quotes/brackets right after them)
/// when the next token opens a new sentence: a capitalised word, a digit, an opening quote or a
/// dash of dialogue before a capital. It does not end after a known abbreviation («г.», «т. е.»,
/// «им.»), after an initial before a capitalised word («В. В. Путин»), or before a lowercase
/// word («…», — говорится). Line breaks end sentences (headlines carry no final period) unless
/// the next line continues in lowercase (hard-wrapped text); blank lines always do.
struct SentenceSplitter {
    let lexicon: SegmentationLexicon

    func split(tokens: [Token], keyBytes: [UInt8]) -> [Sentence] {
        var sentences: [Sentence] = []
        guard !tokens.isEmpty else { return sentences }
        var start = 0
        func close(_ endExclusive: Int) {
            guard endExclusive > start else { return }
            sentences.append(Sentence(tokenRange: start..<endExclusive, start: tokens[start].start,
                                      end: tokens[endExclusive - 1].end))
            start = endExclusive
        }
        func key(_ i: Int) -> Substring {
            let r = tokens[i].keyRange
            return Substring(String(decoding: keyBytes[r], as: UTF8.self))
        }
        func firstByte(_ i: Int) -> UInt8 { keyBytes[Int(tokens[i].keyStart)] }

        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if i > start && t.has(.newlineBefore) && breaksAtLine(tokens, i) {
                close(i)
            }
            if t.kind == .punct && isTerminal(t, keyBytes) {
                // Swallow closing quotes and brackets right after the terminal mark.
                var j = i + 1
                while j < tokens.count && !tokens[j].has(.spaceBefore)
                        && (tokens[j].kind == .quote || firstByte(j) == UInt8(ascii: ")")) { j += 1 }
                if j >= tokens.count {
                    i = j
                    break
                }
                if startsSentence(tokens, keyBytes, at: j, afterTerminalAt: i, key: key) {
                    close(j)
                }
                i = j
                continue
            }
            i += 1
        }
        close(tokens.count)
        return sentences
    }

    /// `.`, `!`, `?`, `…` and their clusters.
    private func isTerminal(_ t: Token, _ keys: [UInt8]) -> Bool {
        let b = keys[Int(t.keyStart)]
        if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") { return true }
        return t.keyEnd - t.keyStart == 3 && b == 0xE2 && keys[Int(t.keyStart) + 1] == 0x80 && keys[Int(t.keyStart) + 2] == 0xA6
    }

    /// Does a line break before token `i` end the sentence?
    private func breaksAtLine(_ tokens: [Token], _ i: Int) -> Bool {
        let t = tokens[i]
        if t.has(.paragraphStart) { return true }
        // Hard-wrapped prose continues in lowercase.
        if t.kind == .word && !t.has(.capitalized) && !t.has(.digit) { return false }
        return true
    }

    private func startsSentence(_ tokens: [Token], _ keys: [UInt8], at j: Int, afterTerminalAt i: Int,
                                key: (Int) -> Substring) -> Bool {
        let next = tokens[j]
        if next.has(.paragraphStart) || next.has(.newlineBefore) { return true }
        let isDot = keys[Int(tokens[i].keyStart)] == UInt8(ascii: ".") && tokens[i].keyEnd - tokens[i].keyStart == 1
        if isDot && i > 0 && !tokens[i].has(.spaceBefore) {
            let prev = tokens[i - 1]
            // Initials: «В. В. Путин», «Путин В. В.».
            if prev.has(.singleLetter) && prev.has(.capitalized) && next.kind == .word && next.has(.capitalized) { return false }
            if prev.kind == .word, let cls = lexicon.abbreviations[String(key(i - 1))] {
                switch cls {
                case .prefix: return false
                case .suffix: break
                case .yearOrPrefix:
                    let afterNumber = i >= 2 && tokens[i - 2].kind == .number
                    if !afterNumber { return false }
                }
            }
        }
        switch next.kind {
        case .word:
            return next.has(.capitalized) || (next.has(.digit) && !next.has(.cyrillic) && !next.has(.latin))
        case .number, .quote, .url, .handle:
            return true
        case .dash:
            // «…», — говорится: a dialogue dash followed by lowercase continues the sentence.
            if j + 1 < tokens.count, tokens[j + 1].kind == .word, !tokens[j + 1].has(.capitalized) { return false }
            return true
        case .punct, .symbol:
            let b = keys[Int(next.keyStart)]
            return !(b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == UInt8(ascii: ":") || b == UInt8(ascii: ")"))
        }
    }
}
