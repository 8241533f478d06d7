import Foundation

/// The tagging pipeline: segmentation, then the candidate stages, resolution and topics.
///
/// Immutable and `Sendable`: one instance serves every worker thread. Each stage is optional so
/// the tool runs (and tests run) with whatever data is present; `Resources.load` decides.
public final class Pipeline: Sendable {
    public let resources: Resources

    public init(resources: Resources) {
        self.resources = resources
    }

    /// Loads bundled data from the data root (see `DataLocator`).
    public convenience init(dataRoot: URL) throws {
        self.init(resources: try Resources.load(dataRoot: dataRoot))
    }

    public func process(_ document: Document) -> TaggedDocument {
        let segmentation = resources.segmenter.segment(document)
        let tagged = TaggedDocument(document: document, segmentation: segmentation)
        return tagged
    }
}

/// Everything the pipeline loads once: word lists, lexicon, gazetteers, models.
public struct Resources: Sendable {
    public var segmenter: Segmenter

    public init(segmenter: Segmenter) {
        self.segmenter = segmenter
    }

    public static func load(dataRoot: URL) throws -> Resources {
        let lexicon = try SegmentationLexicon.load(directory: dataRoot.appendingPathComponent("Gazetteers/segmentation"))
        return Resources(segmenter: Segmenter(lexicon: lexicon))
    }
}
