import Testing
@testable import MetkaCore

/// Every inflected form the morphology generates for a gazetteer entry must be matched back to
/// that entry by the compiled matcher — for a deterministic sample of ≥ 100 bundled entries and
/// for the hard cases named in the gazetteer issue.
@Suite struct InflectedFormsMatchTests {
    let tagger = TestData.pipeline.resources.entityTagger
    let morphology = TestData.pipeline.resources.morphology

    /// Entries whose candidates cover the whole of `text` (one gazetteer phrase spanning every token).
    func entriesMatching(_ text: String) -> Set<String> {
        let doc = Document(id: "t", text: text)
        let seg = TestData.pipeline.resources.segmenter.segment(doc)
        let g = tagger.gazetteer
        let candidates = g.candidates(doc, seg, keyIDs: g.keyIDs(seg))
        return Set(candidates.compactMap { c -> String? in
            guard c.tokenRange == 0..<seg.tokens.count, case .gazetteer(let e) = c.reference else { return nil }
            return g.entries[Int(e)].key
        })
    }

    @Test func sampledEntriesMatchInEveryForm() {
        let g = tagger.gazetteer
        // Every 40th non-person entry with a Cyrillic canonical name and no exact-only alias.
        let sample = g.entries.enumerated().filter { i, e in
            e.person == nil && i % 40 == 0 && e.name.unicodeScalars.contains { (0x0410...0x044F).contains($0.value) }
        }.map(\.1)
        #expect(sample.count >= 100)
        var checked = 0
        for entry in sample {
            let alias = entry.aliases[0]
            guard !alias.exact else { continue }
            for form in morphology.phraseForms(alias.text) {
                #expect(entriesMatching(form).contains(entry.key), "\(entry.key): «\(form)» not matched")
                checked += 1
            }
        }
        #expect(checked >= 500)
    }

    @Test(arguments: [
        ("МИДа", "government-ru.tsv#mfa-russia"), ("МИДе", "government-ru.tsv#mfa-russia"),
        ("Соединённых Штатах Америки", "countries.tsv#united-states"), ("Соединенных Штатов Америки", "countries.tsv#united-states"),
        ("Службой внешней разведки", "government-ru.tsv#svr"), ("Нижнем Новгороде", "cities.tsv#nizhniy-novgorod"),
        ("РИА Новости", "media.tsv#ria-novosti"), ("The Washington Post", "media.tsv#washington-post"),
    ])
    func hardCases(text: String, entrySuffix: String) {
        let keys = entriesMatching(text)
        #expect(keys.contains { $0.hasSuffix(entrySuffix) }, "«\(text)» → \(keys.sorted())")
    }

    /// East Asian names decline only their last word («Си Цзиньпина», not «Си Цзиньпин» only, and
    /// never «Кима Чен Ын»). The morphology does not yet decline two-letter words («Ын»), so
    /// «Ким Чен Ына» is still left to the person rules.
    @Test func easternNamesDoNotDeclineTheFamilyName() {
        #expect(entriesMatching("Кима Чен Ын").isEmpty)
        #expect(entriesMatching("Ким Чен Ын").contains { $0.hasSuffix("persons.tsv#kim-chen-yn") })
    }

    @Test(arguments: [
        ("Си Цзиньпина", "persons.tsv#si-tszinpin"), ("Си Цзиньпину", "persons.tsv#si-tszinpin"),
        ("Луне", "other.tsv#moon"), ("Марса", "other.tsv#mars"), ("МКС", "other.tsv#iss"),
    ])
    func easternNamesAndSpacePlaces(text: String, entrySuffix: String) {
        let keys = entriesMatching(text)
        #expect(keys.contains { $0.hasSuffix(entrySuffix) }, "«\(text)» → \(keys.sorted())")
    }
}
