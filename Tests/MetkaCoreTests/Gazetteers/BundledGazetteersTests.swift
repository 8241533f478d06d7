import Foundation
import Testing
@testable import MetkaCore

/// The real lists under Gazetteers/: they must load and check clean (this is what CI's
/// `metka gazetteer check` will enforce), and hold the entries the issue names.
@Suite struct BundledGazetteersTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Gazetteers/, MetkaCoreTests/, Tests/, file
        return url.appendingPathComponent("Gazetteers").path
    }()

    static let loaded: (set: GazetteerRecordSet, diagnostics: [GazetteerDiagnostic]) = {
        do { return try GazetteerRecordSet.load(root: root) } catch { return (GazetteerRecordSet(), [
            GazetteerDiagnostic(.error, at: .init(file: "index.tsv", line: 0), "\(error)")]) }
    }()

    @Test func checksClean() throws {
        let diagnostics = try GazetteerChecker.check(root: Self.root)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.prefix(40).map(\.description).joined(separator: "\n"))")
    }

    @Test func everyIndexedListLoads() {
        let set = Self.loaded.set
        #expect(set.lists.count >= 14)
        let files = Set(set.entries.map(\.location.file) + set.persons.map(\.location.file))
        for spec in set.lists { #expect(files.contains(spec.file), "\(spec.file) has no entries") }
    }

    @Test func sizes() {
        let set = Self.loaded.set
        func count(_ subtype: String) -> Int { set.entries.filter { $0.subtype == subtype }.count }
        #expect(count("country") >= 249)
        #expect(count("city") >= 1000)
        #expect(count("region") >= 85 + 50)
        #expect(set.persons.count >= 300)
        #expect(set.entries.filter { $0.type == .org }.count >= 500)
    }

    @Test func namedEntriesFromTheIssue() {
        let set = Self.loaded.set
        func entry(_ id: String, in file: String) -> GazetteerRecord? {
            set.entries.first { $0.id == id && $0.location.file == file }
        }
        let mfa = entry("mfa-russia", in: "organizations/government-ru.tsv")
        #expect(mfa?.aliases.contains { $0.text == "МИД" } == true)
        #expect(mfa?.attributes.declension == .abbreviation)
        let us = entry("united-states", in: "locations/countries.tsv")
        #expect(us?.name.text == "Соединённые Штаты Америки")
        #expect(us?.attributes.iso == "US")
        #expect(us?.attributes.kb == "wikidata:Q30")
        #expect(us?.aliases.first { $0.text == "Америка" }?.isAmbiguous == true)
        let svr = entry("svr", in: "organizations/government-ru.tsv")
        #expect(svr?.aliases.contains { $0.text == "Служба внешней разведки" } == true)
        #expect(entry("nizhniy-novgorod", in: "locations/cities.tsv")?.name.text == "Нижний Новгород")
        #expect(entry("ria-novosti", in: "organizations/media.tsv")?.attributes.declension == GazetteerAttributes.Declension.none)
        #expect(entry("washington-post", in: "organizations/media.tsv")?.name.text == "The Washington Post")
        #expect(entry("washington", in: "locations/cities.tsv")?.attributes.ambiguity == "PER")
        #expect(entry("apt29", in: "organizations/apt.tsv")?.aliases.contains { $0.text == "Cozy Bear" } == true)
        let putin = set.persons.first { $0.id == "vladimir-putin" }
        #expect(putin?.gender == .male)
        #expect(putin?.attributes.kb == "wikidata:Q7747")
        #expect(putin?.fullName == "Владимир Владимирович Путин")
    }

    /// Provenance is what the mention's `source` field will print.
    @Test func formsCarryProvenance() throws {
        let forms = Self.loaded.set.forms()
        let mid = try #require(forms.first { $0.text == "МИД" && $0.entityID.hasSuffix("#mfa-russia") })
        #expect(mid.location.file == "organizations/government-ru.tsv")
        let text = try String(contentsOfFile: Self.root + "/" + mid.location.file, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)[mid.location.line - 1]
        #expect(line.hasPrefix("mfa-russia\t"))
        #expect(forms.contains { $0.text == "российский" && $0.origin == .adjective && $0.entityID.hasSuffix("#russia") })
        #expect(forms.contains { $0.text == "В. В. Путин" && $0.needsContext })
    }
}

/// The checking parser and the runtime loader must agree on the bundled lists, so the pipeline
/// can switch to `GazetteerRecordSet.runtimeEntries()` without changing what is matched.
@Suite struct RuntimeBridgeTests {
    @Test func checkedParserMatchesRuntimeLoader() throws {
        let root = URL(fileURLWithPath: BundledGazetteersTests.root)
        let runtime = try GazetteerLoader.load(directory: root)
        let bridged = BundledGazetteersTests.loaded.set.runtimeEntries()
        #expect(runtime.count == bridged.count)
        for (a, b) in zip(runtime, bridged) {
            #expect(a.key == b.key && a.line == b.line && a.type == b.type && a.subtype == b.subtype, "\(a.key) vs \(b.key)")
            #expect(a.name == b.name, "\(a.key): \(a.name) vs \(b.name)")
            #expect(a.aliases == b.aliases, "\(a.key): aliases differ")
            #expect(a.attributes == b.attributes, "\(a.key): attributes differ")
            #expect(a.person == b.person, "\(a.key): person parts differ")
        }
    }
}
