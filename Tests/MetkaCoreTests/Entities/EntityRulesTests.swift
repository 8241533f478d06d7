import Testing
@testable import MetkaCore

/// Rule examples as test rows: sentence → expected (span text, type) mentions, in order.
@Suite struct EntityRulesTests {
    func mentions(_ text: String) -> [String] {
        TestData.pipeline.process(Document(id: "t", text: text)).mentions.filter { $0.type != .DATE }.map { "\($0.text)/\($0.type.rawValue)" }
    }

    func sources(_ text: String) -> [String: String] {
        Dictionary(TestData.pipeline.process(Document(id: "t", text: text)).mentions.map { ($0.text, $0.source) }, uniquingKeysWith: { a, _ in a })
    }

    @Test(arguments: [
        // person.first-last / person.first-patronymic-last / person.last-first-patronymic
        ("Заместитель главы МИДа Сергей Рябков сообщил об этом.", ["МИДа/ORG", "Сергей Рябков/PER"]),
        ("Иванова Наталья Петровна подала в суд.", ["Иванова Наталья Петровна/PER"]),
        ("Об этом сказал Андрей Иванович Крутских.", ["Андрей Иванович Крутских/PER"]),
        // person.initials-last / person.last-initials
        ("Президент В. В. Путин подписал указ.", ["В. В. Путин/PER"]),
        ("Указ подписал Путин В. В. вчера.", ["Путин В. В./PER"]),
        ("Как заявил В.Лукашенко, переговоры продолжатся.", ["В.Лукашенко/PER"]),
        // person.first-last after an unambiguous first name, the surname also a place or a word
        ("Задержан фотограф Владимир Королёв.", ["Владимир Королёв/PER"]),
        // person.name-sequence: foreign names unknown to the dictionary
        ("Посол Италии Виторио Сандали встретился с коллегами.", ["Италии/LOC", "Виторио Сандали/PER"]),
        ("На встрече был Ху Цзиньтао.", ["Ху Цзиньтао/PER"]),
        ("Лидер «Аль-Каиды» Усама бин Ладен скрывался.", ["Аль-Каиды/ORG", "Усама бин Ладен/PER"]),
        // capitalised common words at a sentence start are not names
        ("Кроме того, Москва предлагает Вашингтону заключить соглашение.", ["Москва/LOC", "Вашингтону/LOC"]),
        ("По данным агентства, переговоры прошли успешно.", []),
        // org.named-head, gazetteer organizations with inflection
        ("Об этом сообщили в Министерстве иностранных дел России.", ["Министерстве иностранных дел России/ORG"]),
        ("Хакеры якобы работают на российскую Службу внешней разведки.", ["Службу внешней разведки/ORG"]),
        ("Решение принял Конституционный суд.", ["Конституционный суд/ORG"]),
        // org.quoted-after-head
        ("Акции компании «Северный ветер» выросли.", ["Северный ветер/ORG"]),
        // org.abbreviation: not for a lowercase term defined in parentheses
        ("Стороны обсудили вопросы международной информационной безопасности (МИБ) и торговли.", []),
        ("Соглашение подписал Фонд поддержки народных инициатив (ФПНИ).", ["Фонд поддержки народных инициатив/ORG", "ФПНИ/ORG"]),
        // org.latin-name and gazetteer Latin names
        ("Как писал Bloomberg, пострадали клиенты SolarWinds.", ["Bloomberg/ORG", "SolarWinds/ORG"]),
        // loc.region-pattern, loc.after-settlement-head
        ("В Краснодарском крае и Московской области прошли дожди.", ["Краснодарском крае/LOC", "Московской области/LOC"]),
        ("Он родился в городе Кологрив.", ["Кологрив/LOC"]),
        // gazetteer locations in every case; metonymy stays LOC
        ("Москва предложила Вашингтону восстановить диалог.", ["Москва/LOC", "Вашингтону/LOC"]),
        ("Делегация прибыла в Нижний Новгород из Соединённых Штатов Америки.", ["Нижний Новгород/LOC", "Соединённых Штатов Америки/LOC"]),
    ])
    func rows(text: String, expected: [String]) {
        #expect(mentions(text) == expected)
    }

    @Test func provenanceNamesTheRuleOrListLine() {
        let s = sources("Заместитель главы МИДа Сергей Рябков сообщил, что Виторио Сандали приедет.")
        #expect(s["Виторио Сандали"] == "rule:person.name-sequence")
        #expect(s["МИДа"]?.hasPrefix("gazetteer:organizations/government-ru.tsv:") == true)
        #expect(s["Сергей Рябков"]?.hasPrefix("gazetteer:persons/persons.tsv:") == true || s["Сергей Рябков"] == "rule:person.first-last")
    }

    @Test func inflectedFormsResolveToOneEntityWithNominativeNames() {
        let tagged = TestData.pipeline.process(Document(id: "t", text:
            "Путин прилетел в Москву. Владимир Путин встретился с главой МИДа. Путину показали МИД России. В Москве тепло."))
        let byText = Dictionary(tagged.mentions.map { ($0.text, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byText["Путину"]?.normal == "Путин")
        #expect(byText["Москву"]?.normal == "Москва")
        #expect(byText["МИДа"]?.normal == "МИД")
        let putin = tagged.entities.filter { $0.name == "Владимир Путин" }
        #expect(putin.count == 1 && putin[0].count == 3 && putin[0].kb == "wikidata:Q7747" && putin[0].gender == "m")
        let moscow = tagged.entities.filter { $0.name == "Москва" }
        #expect(moscow.count == 1 && moscow[0].count == 2 && moscow[0].subtype == "city" && moscow[0].country == "RU")
        let mfa = tagged.entities.filter { $0.short == "МИД" }
        #expect(mfa.count == 1 && mfa[0].count == 2)
    }

    @Test func boilerplateMentionsAreMarkedAndNotCounted() {
        let tagged = TestData.pipeline.process(Document(id: "t", text: "Новость дня\n\nФото: SeongJoon Cho / Bloomberg\n\nТекст статьи о Москве."))
        let credit = tagged.mentions.first { $0.text == "SeongJoon Cho" }
        #expect(credit?.type == .PER && credit?.boilerplate == true)
        #expect(tagged.entities.first { $0.name == "SeongJoon Cho" }?.boilerplate == true)
    }
}
