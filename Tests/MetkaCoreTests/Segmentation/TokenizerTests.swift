import Testing
@testable import MetkaCore

@Suite struct TokenizerTests {
    @Test(arguments: [
        ("APT29, или Cozy Bear", ["APT29", ",", "или", "Cozy", "Bear"]),
        ("пандемия COVID-19 в Санкт-Петербурге", ["пандемия", "COVID-19", "в", "Санкт-Петербурге"]),
        ("российско-американский диалог", ["российско-американский", "диалог"]),
        ("8,1 млн долларов", ["8,1", "млн", "долларов"]),
        ("24.03.2021 в 10:30", ["24.03.2021", "в", "10:30"]),
        ("канал «1+1»", ["канал", "«", "1+1", "»"]),
        ("www.adv.rbc.ru", ["www.adv.rbc.ru"]),
        ("пишите на info@rbc.ru.", ["пишите", "на", "info@rbc.ru", "."]),
        ("40-летний житель Нью-Йорка", ["40-летний", "житель", "Нью-Йорка"]),
        ("— говорится в сообщении...", ["—", "говорится", "в", "сообщении", "..."]),
        ("«РИА Новости»", ["«", "РИА", "Новости", "»"]),
        ("„Газпром“", ["„", "Газпром", "“"]),
        ("O'Brien", ["O'Brien"]),
        ("@rbc_news #кибербезопасность", ["@rbc_news", "#кибербезопасность"]),
        ("Lenta.ru сообщает", ["Lenta.ru", "сообщает"]),
    ])
    func tokens(text: String, expected: [String]) {
        #expect(TestData.tokens(text) == expected)
    }

    @Test func offsetsAreCodePoints() {
        let (doc, seg) = TestData.segment("«МИД» 🇷🇺 США")
        let usa = seg.tokens.last!
        #expect(usa.start == 9 && usa.end == 12)
        #expect(doc.string(bytes: usa.byteRange) == "США")
    }

    @Test(arguments: [
        ("Ёлка", "елка"),
        ("Путин", "путин"),
        ("МИ\u{0301}Да", "мида"),
        ("MИД", "мид"),          // Latin M inside a Cyrillic word
        ("Aэрофлот", "аэрофлот"), // Latin A
        ("Microsоft", "microsoft"), // Cyrillic о inside a Latin word
        ("е\u{0308}ж", "еж"),
    ])
    func keys(text: String, key: String) {
        #expect(TokenKey.of(text) == key)
        let (_, seg) = TestData.segment(text)
        #expect(seg.key(0) == key)
    }
}
