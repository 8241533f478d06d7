/// What counts as "together": the whole article, one paragraph, or one sentence.
public enum CooccurrenceUnit: String, CaseIterable, Sendable {
    case article, paragraph, sentence
}

/// Association measures an edge list can be ranked by (formulas: `PairMeasures`).
public enum CooccurrenceMeasure: String, CaseIterable, Sendable {
    case count, pmi, npmi, dice, jaccard
}

/// Which documents and mentions are counted. Applied while streaming, in `CooccurrenceBuilder`.
public struct CooccurrenceFilter: Sendable {
    public var unit: CooccurrenceUnit
    /// Entity types that become nodes (DATE is left out by default: dates are not actors).
    public var types: Set<EntityType>
    /// Keep only documents carrying at least one of these topic ids; empty keeps all.
    public var topics: Set<String>
    /// Inclusive date range on `published`; documents without a date are skipped when set.
    public var from: CalendarDate?
    public var to: CalendarDate?
    /// Count mentions in boilerplate blocks (photo credits, teasers, footers) too.
    public var includeBoilerplate: Bool
    /// Per-slice counts; documents without a date are skipped when set.
    public var slice: TimeSliceKind?

    public init(unit: CooccurrenceUnit = .article, types: Set<EntityType> = [.PER, .ORG, .LOC], topics: Set<String> = [],
                from: CalendarDate? = nil, to: CalendarDate? = nil, includeBoilerplate: Bool = false,
                slice: TimeSliceKind? = nil) {
        self.unit = unit
        self.types = types
        self.topics = topics
        self.from = from
        self.to = to
        self.includeBoilerplate = includeBoilerplate
        self.slice = slice
    }

    /// Dated documents only: a date filter or time slices are in use.
    public var needsDate: Bool { from != nil || to != nil || slice != nil }

    /// Why a document is left out of the counts.
    public enum Exclusion: Sendable { case topic, undated, outOfRange }

    /// Why `record` is left out (topic first, then date), nil when it is counted: the one
    /// definition the builder's two passes and the archive reader (which then skips reading the
    /// document's mentions) share.
    public func exclusion(of record: CooccurrenceRecord) -> Exclusion? {
        if !topics.isEmpty && !record.topics.contains(where: { topics.contains($0) }) { return .topic }
        guard needsDate else { return nil }
        guard let date = record.date else { return .undated }
        if let from, date < from { return .outOfRange }
        if let to, to < date { return .outOfRange }
        return nil
    }
}

/// Which pairs become edges of the report. Applied once, in `CooccurrenceReport.build`.
public struct CooccurrenceSelection: Sendable {
    /// Smallest pair count (units where both occur) an edge needs.
    public var minCount: Int
    /// Keep an edge when it is among the `topK` best edges (by `sort`) of either endpoint; nil keeps all.
    public var topK: Int?
    public var sort: CooccurrenceMeasure
    /// Restrict the graph to the most frequent entities; nil keeps all.
    public var maxNodes: Int?

    public init(minCount: Int = 1, topK: Int? = nil, sort: CooccurrenceMeasure = .count, maxNodes: Int? = nil) {
        self.minCount = minCount
        self.topK = topK
        self.sort = sort
        self.maxNodes = maxNodes
    }
}
