/// Flags page boilerplate in scraped articles, line by line, keeping every line in the document.
///
/// Heuristics, in the order they run (rows in `BoilerplateTests`):
/// 1. **Markers** from `Gazetteers/segmentation/boilerplate.tsv`: a line equal to, starting with
///    or containing a marker («Фото:», «Читайте на», «©», «Поиск по сайту», «Автор») gets the
///    marker's flag. A `words` marker («пн вт ср чт пт сб вс») flags a line made only of those words.
/// 2. **Calendars**: lines of digits only («1234567», «2930») next to a calendar line or each other.
/// 3. **Ad hosts**: a line that is a single URL/domain («www.adv.rbc.ru»).
/// 4. **Rubric + teaser**: a short line that is a site rubric («Политика») is a rubric; the
///    headline-like line just before it (no final period) is a related-article teaser.
/// 5. **Promo lists**: after a promo header («Читайте на РБК Pro»), headline-like lines are promo
///    until a line that reads like body text.
/// 6. **Bylines**: the line after «Автор» (the author's name) is a byline, not boilerplate —
///    names there are tagged as persons.
/// 7. **Footer tail**: after a footer/navigation line in the last part of the page, every following
///    line is navigation too (site menus, calendars, login links).
/// The first line is the title unless a marker says otherwise.
struct BoilerplateDetector {
    let lexicon: SegmentationLexicon

    func flag(_ blocks: inout [TextBlock], tokens: [Token], keyBytes: [UInt8]) {
        guard !blocks.isEmpty else { return }
        let lineKeys = blocks.map { lineKey($0, tokens, keyBytes) }

        for b in blocks.indices {
            blocks[b].flags.formUnion(markerFlags(lineKeys[b]))
        }
        if !blocks[0].flags.isBoilerplate && !blocks[0].flags.contains(.byline) { blocks[0].flags.insert(.title) }

        // Calendars and ad hosts.
        for b in blocks.indices {
            let r = blocks[b].tokenRange
            if r.allSatisfy({ tokens[$0].kind == .number }) && r.count <= 8 {
                let neighbour = (b > 0 && blocks[b - 1].flags.contains(.calendar))
                    || (b + 1 < blocks.count && isDigitLine(blocks[b + 1], tokens))
                    || (b > 0 && isDigitLine(blocks[b - 1], tokens))
                if neighbour { blocks[b].flags.insert(.calendar) }
            }
            if r.count == 1 && tokens[r.lowerBound].kind == .url { blocks[b].flags.insert(.ad) }
        }

        // Rubric lines and the teaser headline above them.
        for b in blocks.indices where blocks[b].tokenRange.count <= 4 && lexicon.rubrics.contains(lineKeys[b]) {
            blocks[b].flags.insert(.rubric)
            if b > 1, isHeadlineLike(blocks[b - 1], tokens, keyBytes), !blocks[b - 1].flags.contains(.title) {
                blocks[b - 1].flags.insert(.teaser)
            }
        }

        // Promo lists after a promo header.
        var inPromo = false
        for b in blocks.indices {
            if blocks[b].flags.contains(.promo) { inPromo = true; continue }
            guard inPromo else { continue }
            if blocks[b].flags.isBoilerplate { continue }
            if isHeadlineLike(blocks[b], tokens, keyBytes) { blocks[b].flags.insert(.promo) } else { inPromo = false }
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
    }

    /// The line's token keys joined by single spaces (punctuation included), for marker matching.
    private func lineKey(_ block: TextBlock, _ tokens: [Token], _ keyBytes: [UInt8]) -> String {
        var out: [UInt8] = []
        for t in block.tokenRange {
            if !out.isEmpty && tokens[t].has(.spaceBefore) { out.append(0x20) }
            out.append(contentsOf: keyBytes[tokens[t].keyRange])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func markerFlags(_ key: String) -> BlockFlags {
        var flags: BlockFlags = []
        for m in lexicon.markers {
            switch m.mode {
            case .exact: if key == m.key { flags.insert(m.flag) }
            case .prefix: if key.hasPrefix(m.key) { flags.insert(m.flag) }
            case .contains: if key.contains(m.key) { flags.insert(m.flag) }
            case .words:
                let words = key.split(separator: " ")
                if !words.isEmpty && words.allSatisfy({ m.words.contains(String($0)) }) { flags.insert(m.flag) }
            }
        }
        return flags
    }

    private func isDigitLine(_ block: TextBlock, _ tokens: [Token]) -> Bool {
        block.tokenRange.allSatisfy { tokens[$0].kind == .number } && block.tokenRange.count <= 8
    }

    /// Short, no sentence-final period: a headline rather than body prose.
    private func isHeadlineLike(_ block: TextBlock, _ tokens: [Token], _ keyBytes: [UInt8]) -> Bool {
        let r = block.tokenRange
        guard !r.isEmpty, r.count <= 30, block.end - block.start <= 200 else { return false }
        let last = tokens[r.upperBound - 1]
        let lastByte = keyBytes[Int(last.keyStart)]
        return !(last.kind == .punct && lastByte == UInt8(ascii: "."))
    }
}
