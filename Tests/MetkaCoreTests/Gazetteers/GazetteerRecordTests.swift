import Testing
@testable import MetkaCore

@Suite struct AliasFormTests {
    @Test func plainAlias() throws {
        let a = try AliasForm.parse("Соединённые  Штаты ")
        #expect(a == AliasForm(text: "Соединённые Штаты"))
    }

    @Test func markers() throws {
        #expect(try AliasForm.parse("=The Washington Post") == AliasForm(text: "The Washington Post", isExact: true))
        #expect(try AliasForm.parse("?Штаты") == AliasForm(text: "Штаты", isAmbiguous: true))
        #expect(try AliasForm.parse("?=US") == AliasForm(text: "US", isExact: true, isAmbiguous: true))
    }

    @Test func frozenWords() throws {
        let a = try AliasForm.parse("Лаборатория [Касперского]")
        #expect(a.text == "Лаборатория Касперского")
        #expect(a.frozenWords == [1])
        #expect(a.written == "Лаборатория [Касперского]")
    }

    @Test func malformed() {
        #expect(throws: AliasForm.ParseError.empty) { try AliasForm.parse("?") }
        #expect(throws: AliasForm.ParseError.emptyBrackets) { try AliasForm.parse("[] МИД") }
        #expect(throws: AliasForm.ParseError.unbalancedBracket("[Касперского")) { try AliasForm.parse("[Касперского") }
    }

    @Test func formKeyFolding() {
        #expect(GazetteerFormKey.fold("«Соединённые  Штаты»") == "соединенные штаты")
        #expect(GazetteerFormKey.fold("ОПЕК — экспортёры") == "опек - экспортеры")
    }

    @Test func editDistanceSuggestions() {
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.suggestion(for: "contry", among: GazetteerAttributes.knownKeys) == "country")
        #expect(EditDistance.suggestion(for: "xyz", among: GazetteerAttributes.knownKeys) == nil)
    }
}

@Suite struct PersonVariantTests {
    func person(_ last: String, _ first: String, _ patronymic: String = "", attrs: [(key: String, value: String)] = [])
        -> PersonRecord
    {
        PersonRecord(id: "x", last: last, first: first, patronymic: patronymic, gender: .male, aliases: [],
                    attributes: GazetteerAttributes(attrs), subtype: "person", location: .init(file: "p.tsv", line: 2))
    }

    @Test func russianNameWithPatronymic() {
        let v = person("Путин", "Владимир", "Владимирович").variants()
        #expect(v.map(\.text) == ["Путин", "Владимир Путин", "В. Путин", "В. В. Путин", "Путин В. В.",
                                  "Владимир Владимирович Путин", "Путин Владимир Владимирович", "Владимир Владимирович"])
        #expect(v.filter { !$0.needsContext }.map(\.kind) == [.firstLast, .firstPatronymicLast, .lastFirstPatronymic])
    }

    @Test func foreignNameWithoutPatronymic() {
        let p = person("Трамп", "Дональд")
        #expect(p.variants().map(\.text) == ["Трамп", "Дональд Трамп", "Д. Трамп", "Трамп Д."])
        #expect(p.displayName == "Дональд Трамп")
        #expect(p.fullName == "Дональд Трамп")
    }

    @Test func hyphenatedAndEasternNames() {
        #expect(person("Штайнмайер", "Франк-Вальтер").variants().map(\.text).contains("Ф.-В. Штайнмайер"))
        let xi = person("Си", "Цзиньпин", attrs: [("order", "eastern")])
        #expect(xi.variants().map(\.text) == ["Си", "Си Цзиньпин"])
        #expect(xi.displayName == "Си Цзиньпин")
    }

    @Test func formsAddAliasesNotAlreadyGenerated() {
        var p = person("Трамп", "Дональд")
        p.aliases = [AliasForm(text: "Дональд Джон Трамп"), AliasForm(text: "Дональд  Трамп")]
        let forms = p.forms()
        #expect(forms.filter { $0.origin == .alias }.map(\.text) == ["Дональд Джон Трамп"])
        #expect(forms.allSatisfy { $0.location == SourceLocation(file: "p.tsv", line: 2) })
    }
}
