import Testing
@testable import MetkaCore

@Suite struct BoilerplateTests {
    /// Flags per line of the bundled sample page, keyed by the line's first characters.
    func flags(_ text: String) -> [(String, BlockFlags)] {
        let (doc, seg) = TestData.segment(text)
        let scalars = Array(doc.text.unicodeScalars)
        return seg.blocks.map { (String(String.UnicodeScalarView(scalars[Int($0.start)..<Int($0.end)])), $0.flags) }
    }

    @Test func samplePageBlocks() throws {
        let blocks = flags(TestData.fixture("sample/rbc-mfa-cyber-guarantees.txt"))
        func flag(startingWith prefix: String) -> BlockFlags? { blocks.first { $0.0.hasPrefix(prefix) }?.1 }
        #expect(flag(startingWith: "МИД предложил США") == [.title])
        #expect(flag(startingWith: "Фото: SeongJoon Cho") == [.photoCredit])
        #expect(flag(startingWith: "СМИ узнали о планах США") == [.teaser])
        #expect(flag(startingWith: "www.adv.rbc.ru") == [.ad])
        #expect(flag(startingWith: "Читайте на РБК Pro") == [.promo])
        #expect(flag(startingWith: "Как поколение Z") == [.promo])
        #expect(flag(startingWith: "Михаил Юшков") == [.byline])
        #expect(flag(startingWith: "Пн Вт Ср") == [.calendar])
        #expect(flag(startingWith: "2930")?.contains(.calendar) == true)
        #expect(flag(startingWith: "©")?.contains(.footer) == true)
        // Body paragraphs stay body.
        for body in ["В прошлом сентябре Путин", "Москва предложила Вашингтону", "Кроме того, Москва",
                     "Вопрос о российско-американских", "В июне 2019 года", "Обсуждение информационной"] {
            #expect(flag(startingWith: body) == [], "\(body)")
        }
        #expect(blocks.filter { $0.1.contains(.rubric) }.count == 2)
    }

    @Test func bodyOnlyArticleHasNoBoilerplate() {
        let text = "Глава МИД России Сергей Лавров провёл переговоры.\n\nОн заявил, что стороны договорились о встрече."
        #expect(flags(text).allSatisfy { !$0.1.isBoilerplate })
    }
}
