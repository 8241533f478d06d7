import Foundation
@testable import MetkaCore

/// Loads the committed lexicon once for all morphology tests (repo root found from #filePath).
enum MorphologyTestSupport {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let modelDirectory = repoRoot.appendingPathComponent("Models/morphology")
    static let fixtures = repoRoot.appendingPathComponent("Tests/MetkaCoreTests/Fixtures/morphology")
    static let shared: RussianMorphology = try! RussianMorphology.load(directory: modelDirectory)
}
