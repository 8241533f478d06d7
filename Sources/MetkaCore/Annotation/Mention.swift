/// Coarse entity types of the output schema.
public enum EntityType: String, Sendable, Hashable, Comparable, CaseIterable {
    case PER, ORG, LOC, DATE
    public static func < (a: EntityType, b: EntityType) -> Bool { a.rawValue < b.rawValue }
}

/// One tagged span in a document (see ARCHITECTURE.md, "Output schema").
public struct Mention: Sendable, Hashable {
    /// Code point offsets, half-open.
    public var start: Int32
    public var end: Int32
    /// Token range the span covers.
    public var tokenRange: Range<Int>
    public var type: EntityType
    /// LOC: country, city, region, other; ORG: the gazetteer's subtype when known.
    public var subtype: String?
    public var text: String
    /// The mention's own nominative form (Путину → Путин).
    public var normal: String?
    /// Id of the document-level entity (`E1`…), set by resolution.
    public var entity: String?
    /// DATE: ISO 8601 value at the precision the text gives; nil when unresolved.
    public var value: String?
    /// DATE: a structured description of an unresolved relative date (e.g. `month=9,year=-1`).
    public var relative: String?
    /// Provenance: `rule:<id>` or `gazetteer:<file>:<line>`.
    public var source: String
    /// The span lies in a boilerplate block (photo credit, teaser, footer…).
    public var boilerplate: Bool = false
    /// `--explain`: candidates this mention beat, as `source` strings with a reason.
    public var explanation: [String] = []
    /// Internal: key into the candidate's knowledge (gazetteer entry id, person name parts) used by resolution.
    public var ref: String?
    /// Internal: candidate strength used by the overlap policy (higher wins).
    public var priority: Int = 0

    public init(start: Int32, end: Int32, tokenRange: Range<Int>, type: EntityType, subtype: String? = nil,
                text: String, normal: String? = nil, source: String) {
        self.start = start
        self.end = end
        self.tokenRange = tokenRange
        self.type = type
        self.subtype = subtype
        self.text = text
        self.normal = normal
        self.source = source
    }
}

/// A real-world entity as resolved within one document.
public struct EntityRecord: Sendable, Hashable {
    public var id: String
    public var type: EntityType
    public var subtype: String?
    /// Fullest canonical nominative name.
    public var name: String
    /// Preferred short form (МИД, США) when the gazetteer gives one.
    public var short: String?
    /// Knowledge-base id such as `wikidata:Q7747`.
    public var kb: String?
    public var gender: String?
    /// Country: ISO code of the country itself.
    public var iso: String?
    /// City/region/organization: ISO code of its country.
    public var country: String?
    public var count: Int
    /// Mentions of this entity all lie in boilerplate.
    public var boilerplate: Bool = false

    public init(id: String, type: EntityType, name: String, count: Int = 0) {
        self.id = id
        self.type = type
        self.name = name
        self.count = count
    }
}

/// A topic above its threshold.
public struct TopicScore: Sendable, Hashable {
    public var id: String
    public var iptc: String
    public var score: Double
    /// `--explain`: the strongest features behind the score.
    public var features: [String] = []

    public init(id: String, iptc: String, score: Double) {
        self.id = id
        self.iptc = iptc
        self.score = score
    }
}

/// Everything Metka found in one document.
public struct TaggedDocument: Sendable {
    public var document: Document
    public var segmentation: Segmentation
    public var mentions: [Mention] = []
    public var entities: [EntityRecord] = []
    public var topics: [TopicScore] = []

    public init(document: Document, segmentation: Segmentation) {
        self.document = document
        self.segmentation = segmentation
    }
}
