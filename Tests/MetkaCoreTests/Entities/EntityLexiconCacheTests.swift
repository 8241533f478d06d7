import Foundation
import Testing
@testable import MetkaCore

/// The entity rules' lexicon lives in the compiled gazetteer cache (`EntityLexicon.encode`/`decode`).
/// A field added to `load` but not to the cache format would silently be empty after the first
/// run; this compares every stored property, whatever fields the lexicon has.
@Suite struct EntityLexiconCacheTests {
    static func fields(_ lexicon: EntityLexicon) -> [String] {
        Mirror(reflecting: lexicon).children.map { child in
            // Sets print in an order of their own: compare them sorted.
            let value = (child.value as? Set<String>).map { "\($0.sorted())" } ?? String(describing: child.value)
            return "\(child.label ?? "?") = \(value)"
        }
    }

    @Test func cachedLexiconEqualsLoadedOne() throws {
        let morphology = TestData.pipeline.resources.morphology
        let loaded = try EntityLexicon.load(directory: TestData.root.appendingPathComponent("Gazetteers/rules")) {
            morphology.phraseForms($0)
        }
        var writer = BinaryWriter()
        loaded.encode(into: &writer)
        var reader = BinaryReader(writer.data)
        let decoded = try EntityLexicon.decode(from: &reader)
        #expect(reader.offset == writer.data.count)
        let a = Self.fields(loaded), b = Self.fields(decoded)
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) where x != y { Issue.record("differs after the cache round trip: \(x.prefix(80))") }
        #expect(loaded.personRoles.count > 0 && decoded.personRoles.count == loaded.personRoles.count)
    }

    /// Every list file `load` reads is in the cache fingerprint (`fileNames`), so editing it rebuilds the cache.
    @Test func everyRuleListIsFingerprinted() throws {
        let dir = TestData.root.appendingPathComponent("Gazetteers/rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tsv") }
        for f in files { #expect(EntityLexicon.fileNames.contains(f), "\(f) is not in EntityLexicon.fileNames") }
    }
}
