/// Groups tokens into sentences.
///
/// A sentence ends after `.`, `!`, `?`, `…` (and any closing quotes/brackets right after them)
/// when the next token opens a new sentence: a capitalised word, a digit, an opening quote or a
/// dash of dialogue before a capital. It does not end
/// - after a known abbreviation («г.», «т. е.», «им.»; `Gazetteers/segmentation/abbreviations.tsv`);
///   «г.» after a year ends a sentence only when the year does not open it («В 2017 г. Путин…»),
/// - after an initial before a capitalised word of the same script («В. В. Путин», «Путин В. В.»)
///   — but a capital letter after a number is a unit, not an initial («до 8 G. Но…»); nor after
///   a capital letter glued to what follows («Ж.-К.Трише», «I.S.P.A.-Engineering»),
/// - before a lowercase word («…», — говорится) or more terminal punctuation («власти?».),
/// - after a list number opening a line or a sentence («1. Дюссельдорф — …»); a list number
///   after a closing bracket starts an item («…(922774 голоса) 2. Леван…»),
/// - at an omission mark inside brackets («<…>», «[…]», «(…)»).
/// Line breaks end sentences (headlines carry no final period) unless the next line continues in
/// lowercase (hard-wrapped text); blank lines always do. A list bullet («•», «▪», «►») starts a
/// sentence wherever it stands: lists flattened into one line are still one item per sentence.
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
        func firstByte(_ i: Int) -> UInt8 { keyBytes[Int(tokens[i].keyStart)] }

        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if i > start && t.has(.newlineBefore) && breaksAtLine(tokens, i) {
                close(i)
            }
            if i > start && (t.kind == .symbol || t.kind == .punct) && isBullet(t, keyBytes) && !isBullet(tokens[i - 1], keyBytes) {
                close(i)
            }
            if i > start && isInlineListNumber(tokens, keyBytes, i) {
                close(i)
            }
            if t.kind == .punct && isTerminal(t, keyBytes) && !isOmissionMark(tokens, keyBytes, i) {
                // Swallow closing quotes and brackets right after the terminal mark.
                var j = i + 1
                while j < tokens.count && !tokens[j].has(.spaceBefore)
                        && (tokens[j].kind == .quote || firstByte(j) == UInt8(ascii: ")")) { j += 1 }
                if j >= tokens.count {
                    i = j
                    break
                }
                if startsSentence(tokens, keyBytes, at: j, afterTerminalAt: i, sentenceStart: start) {
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

    /// The abbreviation class of token `t`'s key, if it is a listed abbreviation.
    private func abbreviation(_ token: Token, _ keys: [UInt8]) -> SegmentationLexicon.AbbreviationClass? {
        keys.withUnsafeBufferPointer { lexicon.abbreviationKeys[ByteKey($0, token.keyRange)] }
    }

    /// List bullets: • ‣ ▪ ► ● ◦ ▸ (U+2022, U+2023, U+25AA, U+25BA, U+25CF, U+25E6, U+25B8).
    private func isBullet(_ t: Token, _ keys: [UInt8]) -> Bool {
        guard t.keyEnd - t.keyStart == 3 else { return false }
        let k = Int(t.keyStart)
        let b0 = keys[k], b1 = keys[k + 1], b2 = keys[k + 2]
        if b0 == 0xE2 && b1 == 0x80 { return b2 == 0xA2 || b2 == 0xA3 }
        if b0 == 0xE2 && b1 == 0x96 { return b2 == 0xAA || b2 == 0xBA || b2 == 0xB8 }
        if b0 == 0xE2 && b1 == 0x97 { return b2 == 0x8F || b2 == 0xA6 }
        return false
    }

    /// «<…>», «[…]», «(...)»: a terminal glued to an opening bracket marks omitted text.
    private func isOmissionMark(_ tokens: [Token], _ keys: [UInt8], _ i: Int) -> Bool {
        guard i > 0, !tokens[i].has(.spaceBefore), tokens[i - 1].keyEnd - tokens[i - 1].keyStart == 1 else { return false }
        let b = keys[Int(tokens[i - 1].keyStart)]
        return b == UInt8(ascii: "<") || b == UInt8(ascii: "[") || b == UInt8(ascii: "(")
    }

    /// Does a line break before token `i` end the sentence?
    private func breaksAtLine(_ tokens: [Token], _ i: Int) -> Bool {
        let t = tokens[i]
        if t.has(.paragraphStart) { return true }
        // Hard-wrapped prose continues in lowercase.
        if t.kind == .word && !t.has(.capitalized) && !t.has(.digit) { return false }
        return true
    }

    /// «) 2. Леван»: a one- or two-digit number glued to «.» before a capitalised word, right after
    /// a closing bracket — the next item of a list flattened into one line.
    private func isInlineListNumber(_ tokens: [Token], _ keys: [UInt8], _ i: Int) -> Bool {
        let t = tokens[i]
        guard t.kind == .number, t.end - t.start <= 2, i + 2 < tokens.count, i > 0 else { return false }
        let dot = tokens[i + 1], next = tokens[i + 2]
        guard !dot.has(.spaceBefore), dot.keyEnd - dot.keyStart == 1, keys[Int(dot.keyStart)] == UInt8(ascii: "."),
              next.kind == .word, next.has(.capitalized) else { return false }
        let prev = tokens[i - 1]
        return prev.keyEnd - prev.keyStart == 1 && keys[Int(prev.keyStart)] == UInt8(ascii: ")")
    }

    private func startsSentence(_ tokens: [Token], _ keys: [UInt8], at j: Int, afterTerminalAt i: Int,
                                sentenceStart: Int) -> Bool {
        let next = tokens[j]
        if next.has(.paragraphStart) || next.has(.newlineBefore) { return true }
        let isDot = keys[Int(tokens[i].keyStart)] == UInt8(ascii: ".") && tokens[i].keyEnd - tokens[i].keyStart == 1
        if isDot && i > 0 && !tokens[i].has(.spaceBefore) {
            let prev = tokens[i - 1]
            // Initials: «В. В. Путин», «Путин В. В.» — not a unit after a number («8 G. Но»), and
            // the initial and the name share a script.
            if prev.has(.singleLetter) && prev.has(.capitalized) && next.kind == .word && next.has(.capitalized)
                && !(i >= 2 && tokens[i - 2].kind == .number)
                && prev.has(.cyrillic) == next.has(.cyrillic) { return false }
            // Glued initials and dotted acronyms: «Ж.-К.Трише», «I.S.P.A.-Engineering».
            if prev.has(.singleLetter) && !next.has(.spaceBefore) { return false }
            // A list number opening a line or sentence: «1. Дюссельдорф — …».
            if prev.kind == .number && prev.end - prev.start <= 2
                && (i - 1 == sentenceStart || prev.has(.newlineBefore)) { return false }
            if prev.kind == .word, let cls = abbreviation(prev, keys) {
                switch cls {
                case .prefix: return false
                case .suffix: break
                case .yearOrPrefix:
                    // «ГУ МВД по г. Москве»: a prefix. After a year it ends a sentence («…за 2010 г. В
                    // понедельник…») unless the year opens the sentence as a time adverbial («В начале
                    // 2016 г. Григорий Родченков…»).
                    let afterNumber = i >= 2 && (tokens[i - 2].kind == .number  // «2011 г.», «2008-2011 г.»
                        || tokens[i - 2].has(.digit) && !tokens[i - 2].has(.cyrillic) && !tokens[i - 2].has(.latin))
                    if !afterNumber || i - 2 - sentenceStart <= 3 { return false }
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
            if next.kind == .punct && isTerminal(next, keys) { return false }  // «власти?».
            return !(b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == UInt8(ascii: ":") || b == UInt8(ascii: ")"))
        }
    }
}
