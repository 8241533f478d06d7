import Foundation

/// The tagging pipeline: segmentation, entity candidates and resolution, dates, topics.
///
/// Immutable and `Sendable`: one instance serves every worker thread. Per-thread mutable state
/// (the morphology cache) comes from `AnalyzerPool`.
public final class Pipeline: Sendable {
    public let resources: Resources
    let workers: WorkerPool

    public init(resources: Resources) {
        self.resources = resources
        self.workers = WorkerPool(morphology: resources.morphology)
    }

    /// Loads bundled data from the data root (see `DataLocator`) plus user gazetteers.
    public convenience init(dataRoot: URL, userGazetteers: [URL] = [], entityModel: Bool = true) throws {
        self.init(resources: try Resources.load(dataRoot: dataRoot, userGazetteers: userGazetteers, entityModel: entityModel))
    }

    /// - Parameter explain: also list each topic's strongest features (`--explain`); off by
    ///   default because ranking features for every emitted topic costs time nobody reads.
    public func process(_ document: Document, explain: Bool = false) -> TaggedDocument {
        let segmentation = resources.segmenter.segment(document)
        var tagged = TaggedDocument(document: document, segmentation: segmentation)
        let worker = workers.take()
        defer { workers.give(worker) }
        let (mentions, entities) = resources.entityTagger.tag(document, segmentation, worker: worker)
        tagged.mentions = mentions
        tagged.entities = entities
        if let dates = resources.dates {
            DateMerge.merge(dates.tag(document, segmentation), into: &tagged)
        }
        // Topics last: their features read the entity stages' mentions.
        if let topics = resources.topics { tagged.topics = topics.classify(tagged, explain: explain) }
        return tagged
    }
}

/// Everything the pipeline loads once: word lists, lexicon, gazetteers, models.
public struct Resources: Sendable {
    public var segmenter: Segmenter
    public var morphology: RussianMorphology
    public var entityTagger: EntityTagger
    /// The topic model (`Models/topics`), when one has been trained.
    public var topics: TopicClassifier?
    /// Problems found in data files while loading (`file:line: message`); the rows were skipped.
    public var diagnostics: [String] = []
    /// DATE rules (`Gazetteers/dates/`); nil when the folder is absent.
    public var dates: DateTagger?
    /// Where the data was loaded from; `fingerprint` checksums these files.
    public var dataRoot: URL?
    public var userGazetteerFolders: [URL] = []

    public init(segmenter: Segmenter, morphology: RussianMorphology, entityTagger: EntityTagger, dates: DateTagger? = nil) {
        self.segmenter = segmenter
        self.morphology = morphology
        self.entityTagger = entityTagger
        self.dates = dates
    }

    /// - Parameter topics: load the topic model if present (off for `metka topics train`, which
    ///   must work while the old model is stale).
    /// - Parameter entityModel: load `Models/ner/` if present (off: rules only, e.g. to train or compare).
    public static func load(dataRoot: URL, userGazetteers: [URL] = [], topics: Bool = true, entityModel: Bool = true) throws -> Resources {
        let gazetteers = dataRoot.appendingPathComponent("Gazetteers")
        let lexicon = try SegmentationLexicon.load(directory: gazetteers.appendingPathComponent("segmentation"))
        let morphology = try RussianMorphology.load(directory: dataRoot.appendingPathComponent("Models/morphology"))
        // The entity rules' lexicon is compiled into the gazetteer cache too (its lists are in the
        // cache's fingerprint), so a start with an up-to-date cache inflects nothing.
        let (compiled, diagnostics, cachedLexicon) = try CompiledGazetteer.load(
            directory: gazetteers, userFolders: userGazetteers, lexicon: morphology.lexicon, cache: gazetteerCache(dataRoot),
            entityRules: gazetteers.appendingPathComponent("rules"), ruleForms: { morphology.phraseForms($0) }
        ) { _, alias in morphology.phraseForms(alias.text) }
        guard let entityLexicon = cachedLexicon else { throw MetkaError.data("entity rule lexicon missing from the gazetteer cache") }
        let datesDir = gazetteers.appendingPathComponent("dates")
        let dates = FileManager.default.fileExists(atPath: datesDir.path) ? try DateTagger(directory: datesDir) : nil
        var resources = Resources(segmenter: Segmenter(lexicon: lexicon), morphology: morphology,
                                  entityTagger: EntityTagger(morphology: morphology, gazetteer: compiled, lexicon: entityLexicon),
                                  dates: dates)
        resources.diagnostics = diagnostics
        resources.dataRoot = dataRoot
        resources.userGazetteerFolders = userGazetteers
        if topics && TopicClassifier.isAvailable(dataRoot: dataRoot) {
            resources.topics = try TopicClassifier.load(dataRoot: dataRoot, segmenter: resources.segmenter)
        }
        if entityModel {
            resources.entityTagger.candidateModel = try CandidateModel.load(directory: dataRoot.appendingPathComponent("Models/ner"))
        }
        return resources
    }
}

/// Where the compiled gazetteer cache lives: `Models/gazetteers/compiled.bin` in the data root
/// when writable, else the user's cache folder (`$XDG_CACHE_HOME/metka`, `~/.cache/metka`).
func gazetteerCache(_ dataRoot: URL) -> URL? {
    let models = dataRoot.appendingPathComponent("Models/gazetteers")
    let fm = FileManager.default
    if fm.isWritableFile(atPath: models.path) || (!fm.fileExists(atPath: models.path) && fm.isWritableFile(atPath: dataRoot.appendingPathComponent("Models").path)) {
        return models.appendingPathComponent("compiled.bin")
    }
    let env = ProcessInfo.processInfo.environment
    let base = env["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
        ?? env["HOME"].map { URL(fileURLWithPath: $0).appendingPathComponent(".cache") }
    return base?.appendingPathComponent("metka/gazetteers-compiled.bin")
}

/// Per-thread mutable state: the morphology cache and caches of normalized names. Taken from
/// a `WorkerPool` for one document at a time, so no locking happens inside a document.
public final class WorkerState {
    public let analyzer: MorphAnalyzer
    /// Mention text → nominative form (ORG/LOC phrases), across documents.
    var phraseNormals = SimpleStringMap<String>()
    /// Mention text → normalized person name, across documents.
    var personNormals = SimpleStringMap<PersonName>()
    static let cacheLimit = 50_000

    init(analyzer: MorphAnalyzer) { self.analyzer = analyzer }

    func normalPhrase(_ text: String, _ compute: () -> String) -> String {
        if let n = phraseNormals[text] { return n }
        if phraseNormals.count >= WorkerState.cacheLimit { phraseNormals.removeAll() }
        let n = compute()
        phraseNormals.set(text, n)
        return n
    }

    func person(_ text: String, _ compute: () -> PersonName) -> PersonName {
        if let n = personNormals[text] { return n }
        if personNormals.count >= WorkerState.cacheLimit { personNormals.removeAll() }
        let n = compute()
        personNormals.set(text, n)
        return n
    }
}

/// Hands out `WorkerState`s (one per concurrently processed document) and takes them back.
final class WorkerPool: @unchecked Sendable {
    private let morphology: RussianMorphology
    private var free: [WorkerState] = []
    private let lock = NSLock()

    init(morphology: RussianMorphology) { self.morphology = morphology }

    func take() -> WorkerState {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast() ?? WorkerState(analyzer: morphology.makeAnalyzer(cacheLimit: 60_000))
    }

    func give(_ worker: WorkerState) {
        lock.lock()
        free.append(worker)
        lock.unlock()
    }
}
