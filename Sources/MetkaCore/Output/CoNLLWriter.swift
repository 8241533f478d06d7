/// CoNLL-style BIO output: `# id = …` comment, one token per line (`token<TAB>tag`), a blank
/// line between sentences. Overlapping mentions cannot occur (resolution keeps a flat layer).
public enum CoNLLWriter {
    public static func encode(_ tagged: TaggedDocument) -> String {
        let seg = tagged.segmentation
        var tags = [String](repeating: "O", count: seg.tokens.count)
        for m in tagged.mentions {
            for (k, t) in m.tokenRange.enumerated() where t < tags.count {
                tags[t] = (k == 0 ? "B-" : "I-") + m.type.rawValue
            }
        }
        var out = "# id = \(tagged.document.id.replacingOccurrences(of: "\n", with: " "))\n"
        for s in seg.sentences {
            for t in s.tokenRange {
                let text = tagged.document.string(bytes: seg.tokens[t].byteRange)
                out += text + "\t" + tags[t] + "\n"
            }
            out += "\n"
        }
        return out
    }
}

/// brat standoff: `T<n><TAB><type> <start> <end><TAB><text>` per mention, plus `#<n>` notes for
/// normal forms and DATE values. Several documents are separated by a `# doc <id>` line.
public enum BratWriter {
    public static func encode(_ tagged: TaggedDocument, header: Bool) -> String {
        var out = header ? "# doc \(tagged.document.id.replacingOccurrences(of: "\n", with: " "))\n" : ""
        for (n, m) in tagged.mentions.enumerated() {
            let text = m.text.replacingOccurrences(of: "\n", with: " ")
            out += "T\(n + 1)\t\(m.type.rawValue) \(m.start) \(m.end)\t\(text)\n"
            var note: [String] = []
            if let normal = m.normal { note.append("normal=\(normal)") }
            if let v = m.value { note.append("value=\(v)") }
            if let e = m.entity { note.append("entity=\(e)") }
            if !note.isEmpty { out += "#\(n + 1)\tAnnotatorNotes T\(n + 1)\t\(note.joined(separator: "; "))\n" }
        }
        return out
    }
}

/// Human-readable view: the text with mentions bracketed and typed, ANSI-coloured on a terminal.
public enum PrettyWriter {
    public static func encode(_ tagged: TaggedDocument, color: Bool) -> String {
        let text = Array(tagged.document.text.unicodeScalars)
        var out = color ? "\u{1B}[1m\(tagged.document.id)\u{1B}[0m\n" : "== \(tagged.document.id)\n"
        var pos = 0
        for m in tagged.mentions.sorted(by: { $0.start < $1.start }) where Int(m.start) >= pos {
            out.unicodeScalars.append(contentsOf: text[pos..<Int(m.start)])
            let span = String(String.UnicodeScalarView(text[Int(m.start)..<Int(m.end)]))
            let label = m.type.rawValue + (m.value.map { "=" + $0 } ?? "")
            if color {
                let code = m.boilerplate ? "90" : ["PER": "31", "ORG": "34", "LOC": "32", "DATE": "35"][m.type.rawValue] ?? "33"
                out += "\u{1B}[\(code)m[\(span)]\u{1B}[2m\(label)\u{1B}[0m"
            } else {
                out += "[\(span)]\(label)"
            }
            pos = Int(m.end)
        }
        out.unicodeScalars.append(contentsOf: text[pos...])
        if !out.hasSuffix("\n") { out += "\n" }
        if !tagged.topics.isEmpty {
            out += "topics: " + tagged.topics.map { "\($0.id) \(JSONText.fixed($0.score, 2))" }.joined(separator: ", ") + "\n"
        }
        return out
    }
}

/// Debugging view of segmentation: one token per line with offsets, kind, key, sentence and block flags.
public enum TokenDumpWriter {
    public static func encode(_ tagged: TaggedDocument) -> String {
        let seg = tagged.segmentation
        var sentenceOf = [Int](repeating: -1, count: seg.tokens.count)
        for (n, s) in seg.sentences.enumerated() { for t in s.tokenRange { sentenceOf[t] = n } }
        var out = "# id = \(tagged.document.id)\n# start\tend\tkind\ttext\tkey\tsentence\tblock\tflags\n"
        for (i, t) in seg.tokens.enumerated() {
            let block = seg.blocks[Int(seg.blockOfToken[i])]
            let flags = block.flags.names.joined(separator: ",")
            out += "\(t.start)\t\(t.end)\t\(t.kind)\t\(tagged.document.string(bytes: t.byteRange))\t\(seg.key(i))\t\(sentenceOf[i])\t\(seg.blockOfToken[i])\t\(flags.isEmpty ? "-" : flags)\n"
        }
        return out
    }
}
