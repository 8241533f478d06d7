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
        ("пишите на press-office@mid.ru или @MID_RF", ["пишите", "на", "press-office@mid.ru", "или", "@MID_RF"]),
        ("https://t.me/rbc_news?utm_source=x, затем", ["https://t.me/rbc_news?utm_source=x", ",", "затем"]),
        ("сайт кремль.рф и Газета.Ru", ["сайт", "кремль.рф", "и", "Газета.Ru"]),
        ("теле- и радиокомпании", ["теле-", "и", "радиокомпании"]),
        ("в 2019-2021 годах, 3-4 июня, 2019-05-12", ["в", "2019-2021", "годах", ",", "3-4", "июня", ",", "2019-05-12"]),
        ("Ту-154 и 1-й канал", ["Ту-154", "и", "1-й", "канал"]),
        ("&quot;Газпром&quot; &mdash; &laquo;Нафтогаз&raquo;&#187;", ["&quot;", "Газпром", "&quot;", "&mdash;", "&laquo;", "Нафтогаз", "&raquo;", "&#187;"]),
        ("14:19 &nbsp 9 Января", ["14:19", "9", "Января"]),
        ("Санкт\u{2011}Петербург", ["Санкт\u{2011}Петербург"]),
    ])
    func tokens(text: String, expected: [String]) {
        #expect(TestData.tokens(text) == expected)
    }

    /// HTML references keep their text span but take the key and kind of their character.
    @Test func htmlReferencesActAsTheirCharacters() {
        let (_, seg) = TestData.segment("&laquo;Газпром&raquo;&hellip; Нет.")
        #expect(seg.tokens.map(\.kind) == [.quote, .word, .quote, .punct, .word, .punct])
        #expect(seg.key(0) == "«" && seg.key(3) == "…")
        #expect(seg.tokens[1].start == 7 && seg.tokens[1].end == 14)
        #expect(seg.sentences.count == 2)
    }

    @Test func shapes() {
        let (_, seg) = TestData.segment("Глава SolarWinds В. Путин и APT29\n\nНАТО")
        let shapes = seg.tokens.map(\.shape)
        #expect(shapes[1].contains([.capitalized, .innerCaps, .latin]))
        #expect(shapes[2].contains([.singleLetter, .capitalized, .cyrillic]))
        #expect(shapes[6].contains([.allCaps, .latin, .digit]))
        #expect(shapes[7].contains([.allCaps, .newlineBefore, .paragraphStart]))
        #expect(shapes[4].contains(.spaceBefore) && !shapes[3].contains(.spaceBefore))
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
        ("И\u{0306}ошкар-Ола", "йошкар-ола"),     // й as и + combining breve
        ("Санкт\u{2011}Петербург", "санкт-петербург"), // non-breaking hyphen
        ("О\u{2019}Брайен", "о'брайен"),             // typographic apostrophe
        ("ЁЛКА", "елка"),
    ])
    func keys(text: String, key: String) {
        #expect(TokenKey.of(text) == key)
        let (_, seg) = TestData.segment(text)
        #expect(seg.key(0) == key)
    }
}
