import Foundation
@testable import MetkaCore

/// Shared access to the checkout's data and fixtures from tests.
enum TestData {
    /// The repository root (…/Tests/MetkaCoreTests/Support/TestData.swift → root).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ path: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent("Tests/Fixtures/" + path), encoding: .utf8)) ?? ""
    }

    /// The pipeline over bundled data, loaded once per test process.
    static let pipeline: Pipeline = {
        do { return try Pipeline(dataRoot: root) } catch { fatalError("cannot load bundled data: \(error)") }
    }()

    static func segment(_ text: String) -> (Document, Segmentation) {
        let doc = Document(id: "t", text: text)
        return (doc, pipeline.resources.segmenter.segment(doc))
    }

    /// Token texts of `text`.
    static func tokens(_ text: String) -> [String] {
        let (doc, seg) = segment(text)
        return seg.tokens.map { doc.string(bytes: $0.byteRange) }
    }

    /// Sentence texts of `text` (from first to last token, original spacing).
    static func sentences(_ text: String) -> [String] {
        let (doc, seg) = segment(text)
        let scalars = Array(doc.text.unicodeScalars)
        return seg.sentences.map { String(String.UnicodeScalarView(scalars[Int($0.start)..<Int($0.end)])) }
    }
}
