import Foundation
import Testing
@testable import MetkaCore

@Suite struct LexiconTests {
    let m = MorphologyTestSupport.shared

    @Test func checksumAndCounts() throws {
        try m.lexicon.verifyChecksum()
        #expect(m.lexicon.lemmaCount > 180_000)
        #expect(m.lexicon.paradigmCount == 3456)
    }

    @Test func rejectsAFileThatIsNotALexicon() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("metka-not-a-lexicon-\(getpid()).bin")
        try Data(repeating: 7, count: 4096).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: LexiconError.self) { _ = try Lexicon(url: url) }
    }

    @Test func manifestRecordsSourceLicenseAndSize() throws {
        let data = try Data(contentsOf: MorphologyTestSupport.modelDirectory.appendingPathComponent("manifest.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(json["license"] as? String == "CC BY-SA 3.0")
        #expect(json["bytes"] as? Int == m.lexicon.byteCount)
        #expect(json["fnv1a64_body"] as? String == String(format: "%016llx", m.lexicon.headerChecksum))
    }
}

@Suite struct AnalyzerTests {
    let m = MorphologyTestSupport.shared

    @Test func rankingFollowsCorpusProbabilities() {
        #expect(m.analyze("стали").first?.lemma == "стать")
        #expect(m.analyze("все").first?.lemma == "всё")
        #expect(m.analyze("мира").first?.lemma == "мир")
    }

    @Test func yoIsFoldedForLookupButKeptInLemmas() {
        #expect(m.analyze("еще").first?.lemma == "ещё")
        #expect(m.analyze("Соединенных").first?.lemma == "соединить")
        #expect(m.analyze("Шрёдера").first?.lemma == "шрёдер")
        #expect(m.analyze("ра́йона").first?.lemma == "район")   // stress mark dropped
    }

    @Test func properNameMarks() {
        #expect(m.analyze("Путину").contains { $0.grammemes.contains(.surn) && $0.lemma == "путин" })
        #expect(m.analyze("Натальи").first?.grammemes.contains([.name, .femn]) == true)
        #expect(m.analyze("Петровичем").first?.grammemes.contains(.patr) == true)
        #expect(m.analyze("США").first?.grammemes.contains([.abbr, .fixd, .geox]) == true)
    }

    @Test func commonWordsAtSentenceStart() {
        for w in ["Кроме", "Фото", "Политика", "Однако", "Москва"] where w != "Москва" {
            #expect(m.isCommonWord(w), "\(w)")
        }
        #expect(!m.isCommonWord("Путин", dominant: true))
        #expect(!m.isCommonWord("Наталья"))
        #expect(m.isKnown("Кроме") && !m.isKnown("Шмыговой"))
    }

    @Test func guessesUnknownNames() {
        let surname = m.analyze("Шмыговой")
        #expect(surname.first?.source == .surnameGuess)
        #expect(surname.first?.grammemes.contains([.surn, .femn]) == true)
        let patronymic = m.analyze("Кузьмовича")
        #expect(patronymic.first?.grammemes.contains(.patr) == true)
        #expect(m.analyze("Зеленского").first?.lemma == "зеленский")
        #expect(m.analyze("Черныха").isEmpty == false)
        #expect(m.analyze("Microsoft").first?.source == .foreign)
        #expect(m.analyze("Microsoft").first?.lemma == "Microsoft")
    }

    @Test func cachedAnalyzerAgreesAndIsUsableFromTwoThreads() async {
        let words = ["стали", "МИДа", "Шмыговой", "Путину", "Нижнем", "ещё", "Microsoft", "Кроме"]
        let expected = words.map { m.analyze($0) }
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let a = m.makeAnalyzer()
                    var ok = true
                    for _ in 0..<200 { for (w, e) in zip(words, expected) where a.analyze(w) != e { ok = false } }
                    return ok
                }
            }
            for await ok in group { #expect(ok) }
        }
    }
}

@Suite struct InflectionTests {
    let m = MorphologyTestSupport.shared

    @Test func wordInflection() {
        #expect(m.inflect("Путин", to: [.datv]) == "Путину")
        #expect(m.inflect("МИД", to: [.ablt]) == "МИДом")
        #expect(m.inflect("США", to: [.gent]) == "США")
        #expect(m.inflect("разведка", to: [.gent, .plur]) == "разведок")
    }

    @Test func phraseWithAgreement() {
        #expect(m.phraseForms("Служба внешней разведки") == [
            "Служба внешней разведки", "Службы внешней разведки", "Службе внешней разведки", "Службу внешней разведки",
            "Службой внешней разведки", "Служб внешней разведки", "Службам внешней разведки", "Службами внешней разведки",
            "Службах внешней разведки"])
        #expect(m.phraseForms("Нижний Новгород", includePlural: false) == [
            "Нижний Новгород", "Нижнего Новгорода", "Нижнему Новгороду", "Нижним Новгородом", "Нижнем Новгороде"])
    }

    @Test func pluralOnlyPhrase() {
        #expect(m.phraseForms("Соединённые Штаты Америки") == [
            "Соединённые Штаты Америки", "Соединённых Штатов Америки", "Соединённым Штатам Америки",
            "Соединёнными Штатами Америки", "Соединённых Штатах Америки"])
    }

    @Test func frozenTails() {
        let forms = m.phraseForms("Министерство иностранных дел России", includePlural: false)
        #expect(forms == ["Министерство иностранных дел России", "Министерства иностранных дел России",
                          "Министерству иностранных дел России", "Министерством иностранных дел России",
                          "Министерстве иностранных дел России"])
        // Brackets freeze explicitly: «Русский» would otherwise agree with «музей».
        #expect(m.phraseForms("[Русский] музей", includePlural: false).contains("Русский музея"))
        #expect(m.phraseForms("Русский музей", includePlural: false).contains("Русского музея"))
    }

    @Test func abbreviations() {
        #expect(m.phraseForms("МИД") == ["МИД", "МИДа", "МИДу", "МИДом", "МИДе"])
        #expect(m.phraseForms("США") == ["США"])
        #expect(m.phraseForms("ЦРУ") == ["ЦРУ"])
        #expect(m.phraseForms("ФСБ") == ["ФСБ"])
        #expect(AbbreviationRules.declines(Array("омон".unicodeScalars)))
        #expect(!AbbreviationRules.declines(Array("фсб".unicodeScalars)))
        #expect(!AbbreviationRules.declines(Array("цру".unicodeScalars)))
    }

    @Test func normalizePhrases() {
        let cases: [(String, String)] = [
            ("Нижнем Новгороде", "Нижний Новгород"), ("Службу внешней разведки", "Служба внешней разведки"),
            ("Службы внешней разведки", "Служба внешней разведки"), ("МИДа", "МИД"), ("МИДом", "МИД"),
            ("Соединённых Штатов Америки", "Соединённые Штаты Америки"), ("Вооружённых сил", "Вооружённые силы"),
            ("Государственной думе", "Государственная дума"), ("\"Газпрому\"", "\"Газпром\""), ("ЦРУ", "ЦРУ"),
            ("Львова", "Львов"), ("Центральной", "Центральная"), ("российских", "российские"),
        ]
        for (input, expected) in cases {
            #expect(m.normalizePhrase(input.split(separator: " ")) == expected, "\(input)")
        }
    }
}

@Suite struct PersonNameTests {
    let m = MorphologyTestSupport.shared

    @Test func feminineFullName() {
        let n = m.normalizePerson("Ивановой Натальи Петровны")
        #expect(n.normal == "Иванова Наталья Петровна")
        #expect(n.first == "Наталья" && n.patronymic == "Петровна" && n.last == "Иванова")
        #expect(n.gender == .female)
        #expect(n.canonical == "Наталья Петровна Иванова")
    }

    @Test func masculineAgreementPicksTheSurnameGender() {
        let n = m.normalizePerson("Иванова Сергея")
        #expect(n.normal == "Иванов Сергей" && n.gender == .male && n.canonical == "Сергей Иванов")
        #expect(m.normalizePerson("Марии Захаровой").normal == "Мария Захарова")
        #expect(m.normalizePerson("Сергею Шойгу").normal == "Сергей Шойгу")
    }

    @Test func patronymicsStayPatronymics() {
        #expect(m.normalizePerson("Ивановича").normal == "Иванович")
        #expect(m.normalizePerson("Ивановича").patronymic == "Иванович")
        #expect(m.normalizePerson("Юрьевич").normal == "Юрьевич")
        #expect(m.normalizePerson("Владимира Юрьевича Петрова").normal == "Владимир Юрьевич Петров")
    }

    @Test func unknownSurnamesByGender() {
        #expect(m.normalizePerson("Анны Шмыговой").normal == "Анна Шмыгова")
        #expect(m.normalizePerson("Петра Шмыгова").normal == "Пётр Шмыгов")
        #expect(m.normalizePerson("Ольги Кречетовской").normal == "Ольга Кречетовская")
        #expect(m.normalizePerson("Олега Кречетовского").normal == "Олег Кречетовский")
        #expect(m.normalizePerson("Ивана Черных").normal == "Иван Черных")
        #expect(m.normalizePerson("Тарасу Шевченко").normal == "Тарас Шевченко")
    }

    @Test func hyphenatedAndForeignDeclinedSurnames() {
        #expect(m.normalizePerson("Римского-Корсакова").normal == "Римский-Корсаков")
        #expect(m.normalizePerson("Саифа-ул-Мулука").normal == "Саиф-ул-Мулук")
        #expect(m.normalizePerson("Сергея Скрипаля").normal == "Сергей Скрипаль")
        #expect(m.normalizePerson("Ричарда Гренелла").normal == "Ричард Гренелл")
    }

    @Test func foreignNames() {
        #expect(m.normalizePerson("Джо Байдена").normal == "Джо Байден")
        #expect(m.normalizePerson("Терезе Мэй").normal == "Тереза Мэй")
        #expect(m.normalizePerson("Хиллари Клинтон").normal == "Хиллари Клинтон")
        #expect(m.normalizePerson("Майклом О'Лири").normal == "Майкл О'Лири")
    }

    @Test func initials() {
        let n = m.normalizePerson("В. В. Путину")
        #expect(n.normal == "В. В. Путин")
        #expect(n.first == "В." && n.patronymic == "В." && n.last == "Путин")
    }
}
