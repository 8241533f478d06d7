import Foundation
@testable import MetkaCore

/// The date tagger and a segmenter over the bundled data, without the rest of the pipeline.
enum DateTestSupport {
    static let segmenter: Segmenter = {
        do {
            let lexicon = try SegmentationLexicon.load(directory: TestData.root.appendingPathComponent("Gazetteers/segmentation"))
            return Segmenter(lexicon: lexicon)
        } catch { fatalError("cannot load segmentation data: \(error)") }
    }()

    static let tagger: DateTagger = {
        do { return try DateTagger(directory: TestData.root.appendingPathComponent("Gazetteers/dates")) } catch {
            fatalError("cannot load Gazetteers/dates: \(error)")
        }
    }()

    /// DATE mentions of `text` anchored at `published` (YYYY-MM-DD or nil).
    static func tag(_ text: String, published: String? = nil) -> [Mention] {
        let doc = Document(id: "t", text: text, published: published.flatMap { CalendarDate(iso: $0) })
        return tagger.tag(doc, segmenter.segment(doc))
    }
}
