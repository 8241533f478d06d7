import Foundation

/// The tagging pipeline: segmentation, entity candidates and resolution, dates, topics.
///
/// Immutable and `Sendable`: one instance serves every worker thread. Per-thread mutable state
/// (the morphology cache) comes from `AnalyzerPool`.
public final class Pipeline: Sendable {
    public let resources: Resources
    private let analyzers: AnalyzerPool

    public init(resources: Resources) {
        self.resources = resources
        self.analyzers = AnalyzerPool(morphology: resources.morphology)
    }

    /// Loads bundled data from the data root (see `DataLocator`) plus user gazetteers.
    public convenience init(dataRoot: URL, userGazetteers: [URL] = []) throws {
        self.init(resources: try Resources.load(dataRoot: dataRoot, userGazetteers: userGazetteers))
    }

    public func process(_ document: Document) -> TaggedDocument {
        let segmentation = resources.segmenter.segment(document)
        var tagged = TaggedDocument(document: document, segmentation: segmentation)
        let analyzer = analyzers.take()
        defer { analyzers.give(analyzer) }
        let (mentions, entities) = resources.entityTagger.tag(document, segmentation, analyzer: analyzer)
        tagged.mentions = mentions
        tagged.entities = entities
        return tagged
    }
}

/// Everything the pipeline loads once: word lists, lexicon, gazetteers, models.
public struct Resources: Sendable {
    public var segmenter: Segmenter
    public var morphology: RussianMorphology
    public var entityTagger: EntityTagger

    public init(segmenter: Segmenter, morphology: RussianMorphology, entityTagger: EntityTagger) {
        self.segmenter = segmenter
        self.morphology = morphology
        self.entityTagger = entityTagger
    }

    public static func load(dataRoot: URL, userGazetteers: [URL] = []) throws -> Resources {
        let gazetteers = dataRoot.appendingPathComponent("Gazetteers")
        let lexicon = try SegmentationLexicon.load(directory: gazetteers.appendingPathComponent("segmentation"))
        let morphology = try RussianMorphology.load(directory: dataRoot.appendingPathComponent("Models/morphology"))
        let entries = try GazetteerLoader.load(directory: gazetteers, userLists: userGazetteers)
        let compiled = CompiledGazetteer.compile(entries) { _, alias in morphology.phraseForms(alias.text) }
        let entityLexicon = try EntityLexicon.load(directory: gazetteers.appendingPathComponent("rules"))
        return Resources(segmenter: Segmenter(lexicon: lexicon), morphology: morphology,
                         entityTagger: EntityTagger(morphology: morphology, gazetteer: compiled, lexicon: entityLexicon))
    }
}

/// Hands out per-thread `MorphAnalyzer`s (each owns a cache) and takes them back.
final class AnalyzerPool: @unchecked Sendable {
    private let morphology: RussianMorphology
    private var free: [MorphAnalyzer] = []
    private let lock = NSLock()

    init(morphology: RussianMorphology) { self.morphology = morphology }

    func take() -> MorphAnalyzer {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast() ?? morphology.makeAnalyzer()
    }

    func give(_ analyzer: MorphAnalyzer) {
        lock.lock()
        free.append(analyzer)
        lock.unlock()
    }
}
