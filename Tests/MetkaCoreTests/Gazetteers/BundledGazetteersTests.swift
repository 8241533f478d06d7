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

/// The runtime loader goes through the checking parser: user folders are merged after the
/// bundled lists, bad rows are skipped and reported with `file:line`.
@Suite struct RuntimeLoaderTests {
    @Test func userFolderIsMergedAndBadRowsAreReported() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("metka-user-gaz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "# file\ttype\tsubtype\tschema\tsource\tlicense\nmine.tsv\tORG\tcompany\tentity\tunit test\tCC0\n"
            .write(to: dir.appendingPathComponent("index.tsv"), atomically: true, encoding: .utf8)
        try "# id\tname\taliases\tattrs\nromashka\tРомашка\tООО Ромашка\tcountry=RU\nbroken-row-without-name\n"
            .write(to: dir.appendingPathComponent("mine.tsv"), atomically: true, encoding: .utf8)
        let root = URL(fileURLWithPath: BundledGazetteersTests.root)
        let loaded = try GazetteerLoader.load(directory: root, userFolders: [dir])
        let bundledOnly = try GazetteerLoader.load(directory: root)
        #expect(loaded.entries.count == bundledOnly.entries.count + 1)
        let mine = try #require(loaded.entries.last)
        #expect(mine.name == "Ромашка" && mine.type == .ORG && mine.attributes["country"] == "RU")
        #expect(mine.source.hasSuffix("mine.tsv:2"))
        #expect(loaded.diagnostics.contains { $0.description.contains("mine.tsv:3") })
        #expect(loaded.files.count == bundledOnly.files.count + 1)
    }
}
