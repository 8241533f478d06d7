/// Flags page boilerplate in scraped articles, line by line, keeping every line in the document.
///
/// Heuristics, in the order they run (rows in `BoilerplateTests` and `NoisyPageTests`):
/// 1. **Markers** from `Gazetteers/segmentation/boilerplate.tsv`: a line equal to, starting with
///    or containing a marker («Фото:», «Читайте на», «©», «Поиск по сайту», «Автор», «erid») gets
///    the marker's flag. Leading decoration — emoji, bullets, markdown `**`, `__`, `[` — is skipped
///    before `exact`/`prefix` markers are compared, so messenger footers such as
///    «❗️ [Подписывайся на Mash](https://t.me/…)» match «Подписывайся». A `words` marker
///    («пн вт ср чт пт сб вс») flags a line made only of those words.
/// 2. **Calendars**: lines of numbers only («1234567», «2930») next to a calendar line or each other.
/// 3. **Link lines**: a line that is a single URL/domain («www.adv.rbc.ru») is an ad host; a line
///    whose every word is the text of a markdown link, a URL, a @handle or a #hashtag
///    («[Подписаться](…) | [Прислать новость](…)», «#ии #робототехника») is navigation — menus,
///    tag lists and call-to-action links carry no article prose.
///    A markdown link broken over two lines takes the flags of the line that closes it.
/// 4. **Rubric + teaser**: a short line that is a site rubric («Политика») is a rubric; the
///    headline-like line just before it (no final period) is a related-article teaser.
/// 5. **Promo lists**: after a promo header («Читайте на РБК Pro», «Материалы по теме:»),
///    headline-like lines (headlines, their date lines, «Реклама») are promo until a line that
///    reads like body text (ends with a period or is long).
/// 6. **Bylines**: the line after «Автор» (the author's name) is a byline, not boilerplate —
///    names there are tagged as persons.
/// 7. **Footer tail**: after a footer/navigation line in the last third of the page, every following
///    line is navigation too (site menus, calendars, login links).
/// 8. **Title**: the first line is the title when it reads like a headline (short, no final
///    period), the next line does not continue it in lowercase (hard-wrapped prose) and no marker
///    claimed it. A site suffix on the title — «…: Политика: Мир: Lenta.ru»,
///    «… | В мире | Политика | Аргументы и факты», «… | Woman.ru», as HTML `<title>`s carry — is
///    split off into a block of its own flagged navigation: from the end, segments after `:`, `|`,
///    ` - `, ` — ` that are a domain or a rubric, plus one short last segment after ` | `.
struct BoilerplateDetector {
    let lexicon: SegmentationLexicon

    func flag(_ blocks: inout [TextBlock], blockOfToken: inout [Int32], tokens: [Token], keyBytes: [UInt8]) {
        guard !blocks.isEmpty else { return }
        keyBytes.withUnsafeBufferPointer { keys in
            let scan = LineScan(tokens: tokens, keys: keys)

            for b in blocks.indices {
                blocks[b].flags.formUnion(markerFlags(blocks[b].tokenRange, scan))
            }

            // Calendars, ad hosts and link-only lines.
            for b in blocks.indices {
                let r = blocks[b].tokenRange
                if scan.isNumberLine(r) {
                    let neighbour = (b > 0 && blocks[b - 1].flags.contains(.calendar))
                        || (b + 1 < blocks.count && scan.isNumberLine(blocks[b + 1].tokenRange))
                        || (b > 0 && scan.isNumberLine(blocks[b - 1].tokenRange))
                    if neighbour { blocks[b].flags.insert(.calendar) }
                }
                if r.count == 1 && tokens[r.lowerBound].kind == .url {
                    blocks[b].flags.insert(.ad)
                } else if !blocks[b].flags.isBoilerplate && scan.isLinkLine(r) {
                    blocks[b].flags.insert(.navigation)
                }
            }

            // A markdown link broken over two lines («[📈Топор. Экономика —⏎Подписаться](…)»): the
            // opening line takes the boilerplate flags of the line that closes the link.
            for b in blocks.indices.dropLast().reversed() where !blocks[b].flags.isBoilerplate {
                let next = blocks[b + 1].flags.intersection(.boilerplate)
                if !next.isEmpty && scan.linkDepth(blocks[b].tokenRange) > 0 && scan.linkDepth(blocks[b + 1].tokenRange) < 0 {
                    blocks[b].flags.formUnion(next)
                }
            }

            // Rubric lines and the teaser headline above them.
            for b in blocks.indices where blocks[b].tokenRange.count <= 4 && scan.isRubric(blocks[b].tokenRange, lexicon) {
                blocks[b].flags.insert(.rubric)
                if b > 1, scan.isHeadlineLike(blocks[b - 1]), !blocks[b - 1].flags.contains(.title) {
                    blocks[b - 1].flags.insert(.teaser)
                }
            }

            // Promo lists after a promo header.
            var inPromo = false
            for b in blocks.indices {
                if blocks[b].flags.contains(.promo) { inPromo = true; continue }
                guard inPromo else { continue }
                if blocks[b].flags.isBoilerplate { continue }
                if scan.isHeadlineLike(blocks[b]) { blocks[b].flags.insert(.promo) } else { inPromo = false }
            }

            // The author's name after an «Автор» line.
            for b in blocks.indices.dropLast() where blocks[b].flags.contains(.byline) && blocks[b].tokenRange.count <= 2 {
                if blocks[b + 1].tokenRange.count <= 5 && !blocks[b + 1].flags.isBoilerplate { blocks[b + 1].flags.insert(.byline) }
            }

            // Footer tail: once the page footer starts in the last third, the rest is page chrome.
            let tailStart = blocks.count - max(1, blocks.count / 3)
            if let first = blocks.indices.first(where: {
                $0 >= tailStart && !blocks[$0].flags.intersection([.footer, .navigation]).isEmpty
            }) {
                for b in first..<blocks.count where !blocks[b].flags.isBoilerplate && !blocks[b].flags.contains(.byline) {
                    blocks[b].flags.insert(.navigation)
                }
            }

            // The title, and its site suffix.
            let continues = blocks.count > 1 && scan.continuesLine(blocks[1].tokenRange.lowerBound)
            if blocks[0].flags.isEmpty && scan.isHeadlineLike(blocks[0]) && !continues {
                blocks[0].flags.insert(.title)
                if let cut = scan.titleSuffixStart(blocks[0].tokenRange, lexicon) {
                    splitBlock(0, at: cut, flags: .navigation, &blocks, &blockOfToken, tokens)
                }
            }
        }
    }

    /// Splits block `b` before token `t`; the second part gets `flags`.
    private func splitBlock(_ b: Int, at t: Int, flags: BlockFlags, _ blocks: inout [TextBlock],
                            _ blockOfToken: inout [Int32], _ tokens: [Token]) {
        var head = blocks[b]
        var tail = head
        head.tokenRange = head.tokenRange.lowerBound..<t
        head.end = tokens[t - 1].end
        head.byteEnd = tokens[t - 1].byteEnd
        tail.tokenRange = t..<tail.tokenRange.upperBound
        tail.start = tokens[t].start
        tail.byteStart = tokens[t].byteStart
        tail.flags = flags
        blocks[b] = head
        blocks.insert(tail, at: b + 1)
        for k in t..<blockOfToken.count { blockOfToken[k] += 1 }
    }

    /// Marker flags of the line `r` (heuristic 1).
    private func markerFlags(_ r: Range<Int>, _ scan: LineScan) -> BlockFlags {
        guard !r.isEmpty else { return [] }
        var flags: BlockFlags = []
        let content = scan.firstContent(r)
        for start in content == r.lowerBound ? [r.lowerBound] : [r.lowerBound, content] where start < r.upperBound {
            guard let candidates = lexicon.anchoredMarkers[scan.byteKey(start)] else { continue }
            for m in candidates where scan.matches(m.tokens, at: start, within: r) {
                if m.mode == .prefix || scan.onlyDecoration(start + m.tokens.count..<r.upperBound) { flags.insert(m.flag) }
            }
        }
        for m in lexicon.containsMarkers where !flags.contains(m.flag) {
            // Compare length and first byte of the first token before anything else: prose lines are long.
            let first = m.tokens[0]
            let length = Int32(first.count), byte = first[0]
            var t = r.lowerBound
            while t + m.tokens.count <= r.upperBound {
                let token = scan.tokens[t]
                if token.keyEnd - token.keyStart == length && scan.keys[Int(token.keyStart)] == byte
                    && scan.matches(m.tokens, at: t, within: r) { flags.insert(m.flag); break }
                t += 1
            }
        }
        for (flag, words) in lexicon.wordMarkers where words.contains(scan.byteKey(r.lowerBound)) {
            if r.allSatisfy({ words.contains(scan.byteKey($0)) }) { flags.insert(flag) }
        }
        return flags
    }
}

/// Read-only views of a document's tokens and keys that the line heuristics share.
struct LineScan {
    let tokens: [Token]
    let keys: UnsafeBufferPointer<UInt8>

    @inline(__always) func byteKey(_ t: Int) -> ByteKey { ByteKey(keys, tokens[t].keyRange) }

    /// Token `t`'s key is the single ASCII byte `c`.
    @inline(__always) func isByte(_ t: Int, _ c: UInt8) -> Bool {
        tokens[t].keyEnd - tokens[t].keyStart == 1 && keys[Int(tokens[t].keyStart)] == c
    }

    @inline(__always) func keyEquals(_ t: Int, _ bytes: [UInt8]) -> Bool {
        let r = tokens[t].keyRange
        guard r.count == bytes.count else { return false }
        var k = 0
        for i in r {
            if keys[i] != bytes[k] { return false }
            k += 1
        }
        return true
    }

    func matches(_ marker: [[UInt8]], at start: Int, within r: Range<Int>) -> Bool {
        guard start + marker.count <= r.upperBound else { return false }
        for (k, m) in marker.enumerated() where !keyEquals(start + k, m) { return false }
        return true
    }

    /// Emoji, bullets, markdown emphasis and brackets, quotes, dashes: what decorates a line.
    @inline(__always) func isDecoration(_ t: Int) -> Bool {
        switch tokens[t].kind {
        case .symbol, .punct, .quote, .dash: true
        default: false
        }
    }

    func firstContent(_ r: Range<Int>) -> Int {
        var t = r.lowerBound
        while t < r.upperBound && isDecoration(t) { t += 1 }
        return t
    }

    func onlyDecoration(_ r: Range<Int>) -> Bool { r.allSatisfy { isDecoration($0) } }

    func isNumberLine(_ r: Range<Int>) -> Bool {
        r.count <= 8 && r.allSatisfy { tokens[$0].kind == .number }
    }

    /// Heuristic 3: every word is link text, a URL, a handle or a hashtag; at least one link.
    func isLinkLine(_ r: Range<Int>) -> Bool {
        var depth = 0, links = 0
        for t in r {
            switch tokens[t].kind {
            case .url, .handle:
                links += 1
            case .word, .number:
                if depth == 0 { return false }
            default:
                if isByte(t, UInt8(ascii: "[")) { depth += 1 }
                else if isByte(t, UInt8(ascii: "]")) && depth > 0 {
                    depth -= 1
                    if t + 1 < r.upperBound && isByte(t + 1, UInt8(ascii: "(")) && !tokens[t + 1].has(.spaceBefore) { links += 1 }
                }
            }
        }
        return links > 0
    }

    /// Markdown link brackets left open (> 0) or closed without an opening (< 0) on the line.
    func linkDepth(_ r: Range<Int>) -> Int {
        var depth = 0, lowest = 0
        for t in r {
            if isByte(t, UInt8(ascii: "[")) { depth += 1 }
            else if isByte(t, UInt8(ascii: "]")) { depth -= 1; lowest = min(lowest, depth) }
        }
        return lowest < 0 ? lowest : depth
    }

    /// The line's token keys joined by single spaces is a rubric.
    func isRubric(_ r: Range<Int>, _ lexicon: SegmentationLexicon) -> Bool {
        guard !r.isEmpty else { return false }
        if r.count == 1 { return lexicon.rubricKeys.contains(byteKey(r.lowerBound)) }
        var joined: [UInt8] = []
        for t in r {
            if !joined.isEmpty { joined.append(0x20) }
            joined.append(contentsOf: UnsafeBufferPointer(rebasing: keys[tokens[t].keyRange]))
        }
        return lexicon.rubricKeys.contains(ByteKey(joined))
    }

    /// Short, no sentence-final period: a headline rather than body prose.
    func isHeadlineLike(_ block: TextBlock) -> Bool {
        let r = block.tokenRange
        guard !r.isEmpty, r.count <= 30, block.end - block.start <= 200 else { return false }
        return !isByte(r.upperBound - 1, UInt8(ascii: "."))
    }

    /// The line starting at token `t` continues the previous one (hard-wrapped prose): it opens
    /// with a lowercase word.
    func continuesLine(_ t: Int) -> Bool {
        let token = tokens[t]
        return token.kind == .word && !token.has(.capitalized) && !token.has(.digit) && !token.has(.paragraphStart)
    }

    /// Heuristic 8: the first token of a title's site suffix, if there is one.
    func titleSuffixStart(_ r: Range<Int>, _ lexicon: SegmentationLexicon) -> Int? {
        // Separator positions, left to right.
        var separators: [Int] = []
        for t in r.dropFirst() {
            if isByte(t, UInt8(ascii: "|")) || isByte(t, UInt8(ascii: ":")) && !tokens[t].has(.spaceBefore) {
                separators.append(t)
            } else if tokens[t].kind == .dash && tokens[t].has(.spaceBefore) && t + 1 < r.upperBound && tokens[t + 1].has(.spaceBefore) {
                separators.append(t)
            }
        }
        var cut: Int?
        var end = r.upperBound
        for s in separators.reversed() {
            let segment = (s + 1)..<end
            guard !segment.isEmpty, s > r.lowerBound else { break }
            let isDomain = segment.count == 1 && tokens[segment.lowerBound].kind == .url
            let strong = isDomain || (segment.count <= 4 && isRubric(segment, lexicon))
            let lastAfterBar = end == r.upperBound && isByte(s, UInt8(ascii: "|")) && segment.count <= 4
            guard strong || lastAfterBar else { break }
            cut = s
            end = s
        }
        return cut
    }
}
