import Testing
@testable import MetkaCore

/// The bundled sample page: every person, organization and location in its body is found with
/// the right canonical entity, and nothing from boilerplate counts as an entity.
@Suite struct SampleArticleTests {
    let tagged = TestData.pipeline.process(Document(id: "sample", text: TestData.fixture("sample/rbc-mfa-cyber-guarantees.txt"),
                                                    published: CalendarDate(iso: "2021-03-25")))

    func entity(_ name: String) -> EntityRecord? { tagged.entities.first { $0.name == name } }

    @Test func bodyEntities() throws {
        let expected: [(String, EntityType, Int)] = [
            ("Владимир Путин", .PER, 2), ("Сергей Рябков", .PER, 1), ("Андрей Крутских", .PER, 1),
            ("Соединённые Штаты Америки", .LOC, 6), ("Москва", .LOC, 4), ("Вашингтон", .LOC, 3), ("Россия", .LOC, 1),
            ("РИА Новости", .ORG, 1), ("Bloomberg", .ORG, 1), ("SolarWinds", .ORG, 1), ("The Washington Post", .ORG, 1),
            ("APT29", .ORG, 2), ("Служба внешней разведки Российской Федерации", .ORG, 1),
        ]
        for (name, type, count) in expected {
            let e = try #require(entity(name), "\(name) missing")
            #expect(e.type == type, "\(name)")
            #expect(e.count == count, "\(name): count \(e.count)")
            #expect(!e.boilerplate, "\(name)")
        }
        let mfa = try #require(tagged.entities.first { $0.short == "МИД" })
        #expect(mfa.type == .ORG && mfa.count == 5)
        #expect(entity("Москва")?.kb == "wikidata:Q649" && entity("Соединённые Штаты Америки")?.iso == "US")
    }

    @Test func noBoilerplateEntitiesCounted() {
        // Names on the page's furniture (photo credit, promo list, teasers, byline source) are
        // marked; no entity with only boilerplate mentions is presented as body content.
        for m in tagged.mentions where m.boilerplate && m.type != .DATE {  // DATE mentions have values, not entities
            let e = tagged.entities.first { $0.id == m.entity }
            #expect(e != nil)
        }
        #expect(entity("SeongJoon Cho")?.boilerplate == true)
        #expect(entity("Ицхак Адизес")?.boilerplate == true)
        // Page words are not persons.
        #expect(!tagged.mentions.contains { ["Фото", "Политика", "Кроме", "По"].contains($0.text) })
    }

    /// «международной информационной безопасности (МИБ)» defines a term, not an organization:
    /// neither the abbreviation rule nor the candidate model's proposals may tag it.
    @Test func definedTermIsNotAnOrganization() {
        #expect(!tagged.mentions.contains { $0.text == "МИБ" })
    }
}
