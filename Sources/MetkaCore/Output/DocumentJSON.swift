/// Writes a `TaggedDocument` in the output schema of ARCHITECTURE.md.
public enum DocumentJSON {
    public struct Options: Sendable {
        public var indent: Int?
        public var explain: Bool
        /// Include boilerplate mentions (marked `"boilerplate": true`); default true — nothing is hidden.
        public var includeBoilerplate: Bool
        public init(indent: Int? = nil, explain: Bool = false, includeBoilerplate: Bool = true) {
            self.indent = indent
            self.explain = explain
            self.includeBoilerplate = includeBoilerplate
        }
    }

    public static func encode(_ tagged: TaggedDocument, options: Options = Options()) -> [UInt8] {
        var j = JSONText(indent: options.indent)
        j.beginObject()
        j.field("id", tagged.document.id)
        if let title = tagged.document.title { j.field("title", title) }
        if let published = tagged.document.published { j.field("published", published.description) }
        j.beginArray(key: "mentions")
        let units = UnitLocator(tagged.segmentation)
        for m in tagged.mentions where options.includeBoilerplate || !m.boilerplate {
            j.beginObject()
            j.field("start", Int(m.start))
            j.field("end", Int(m.end))
            j.field("text", m.text)
            j.field("type", m.type.rawValue)
            j.field("subtype", m.subtype)
            j.field("entity", m.entity)
            j.field("normal", m.normal)
            if m.type == .DATE {
                if let v = m.value { j.field("value", v) } else { j.fieldNull("value") }
                j.field("relative", m.relative)
            }
            j.field("source", m.source)
            // Unit indices let `metka cooccur --unit sentence|paragraph` work from JSONL alone.
            j.field("sentence", units.sentence(ofToken: m.tokenRange.lowerBound))
            j.field("paragraph", units.paragraph(ofToken: m.tokenRange.lowerBound))
            if m.boilerplate { j.field("boilerplate", true) }
            if options.explain && !m.explanation.isEmpty {
                j.beginArray(key: "beat")
                for e in m.explanation { j.value(e) }
                j.endArray()
            }
            j.endObject()
        }
        j.endArray()
        j.beginArray(key: "entities")
        for e in tagged.entities where options.includeBoilerplate || !e.boilerplate {
            j.beginObject()
            j.field("id", e.id)
            j.field("type", e.type.rawValue)
            j.field("subtype", e.subtype)
            j.field("name", e.name)
            j.field("short", e.short)
            j.field("kb", e.kb)
            j.field("gender", e.gender)
            j.field("iso", e.iso)
            j.field("country", e.country)
            j.field("count", e.count)
            if e.boilerplate { j.field("boilerplate", true) }
            j.endObject()
        }
        j.endArray()
        j.beginArray(key: "topics")
        for t in tagged.topics {
            j.beginObject()
            j.field("id", t.id)
            j.field("iptc", t.iptc)
            j.field("score", t.score, decimals: 4)
            if options.explain && !t.features.isEmpty {
                j.beginArray(key: "features")
                for f in t.features { j.value(f) }
                j.endArray()
            }
            j.endObject()
        }
        j.endArray()
        j.endObject()
        return j.bytes
    }

    /// The record written in place of a document that failed, so every input line has an output line.
    public static func error(id: String?, line: Int?, message: String) -> [UInt8] {
        var j = JSONText()
        j.beginObject()
        if let id { j.field("id", id) } else { j.fieldNull("id") }
        j.field("line", line)
        j.field("error", message)
        j.endObject()
        return j.bytes
    }
}

/// Sentence and paragraph numbers (from 0) of a token, for the `sentence`/`paragraph` mention fields.
///
/// A paragraph is a blank-line-separated group of lines when the text uses blank lines at all
/// (hard-wrapped prose keeps its lines together); otherwise every line is its own paragraph
/// (the usual one-paragraph-per-line news layout).
public struct UnitLocator: Sendable {
    private let segmentation: Segmentation
    private let blankLineParagraphs: Bool

    public init(_ segmentation: Segmentation) {
        self.segmentation = segmentation
        self.blankLineParagraphs = (segmentation.blocks.last?.paragraph ?? 0) > 0
    }

    public func sentence(ofToken t: Int) -> Int? {
        let sentences = segmentation.sentences
        guard t >= 0, t < segmentation.tokens.count, !sentences.isEmpty else { return nil }
        var lo = 0, hi = sentences.count - 1
        while lo < hi {  // the last sentence starting at or before t
            let mid = (lo + hi + 1) / 2
            if sentences[mid].tokenRange.lowerBound <= t { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    public func paragraph(ofToken t: Int) -> Int? {
        guard t >= 0, t < segmentation.blockOfToken.count else { return nil }
        let block = Int(segmentation.blockOfToken[t])
        return blankLineParagraphs ? Int(segmentation.blocks[block].paragraph) : block
    }
}
