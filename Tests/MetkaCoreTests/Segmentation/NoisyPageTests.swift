import Testing
@testable import MetkaCore

/// Boilerplate flags, line by line, on synthetic pages that reproduce the furniture of real noisy
/// documents from the corpora (see `Tests/Fixtures/pages/README.md` for the document each models;
/// the real texts may not be redistributed). Every line of every page is asserted.
@Suite struct NoisyPageTests {
    /// (first characters of the line, flags) for every block of `text`, in order.
    func blocks(_ text: String) -> [(String, BlockFlags)] {
        let (doc, seg) = TestData.segment(text)
        let scalars = Array(doc.text.unicodeScalars)
        return seg.blocks.map { (String(String.UnicodeScalarView(scalars[Int($0.start)..<Int($0.end)])), $0.flags) }
    }

    func check(_ file: String, _ expected: [(String, BlockFlags)]) {
        let got = blocks(TestData.fixture("pages/" + file))
        #expect(got.count == expected.count, "\(file): \(got.map(\.0))")
        for (g, e) in zip(got, expected) {
            #expect(g.0.hasPrefix(e.0) && g.1 == e.1, "\(file): «\(g.0.prefix(50))» has \(g.1.names), expected «\(e.0)» \(e.1.names)")
        }
    }

    /// Models lenta_asryan_45 (lenta-rubrics.jsonl): the page starts with the lead (no headline
    /// line, so no title), a photo credit, a quote card (kept as body), then «Материалы по теме:»
    /// with teaser headlines whose subtitle is glued after a period, an ad label and date lines.
    @Test func lentaRelatedMaterials() {
        check("lenta-related-materials.txt", [
            ("Городские власти открыли", []),
            ("Фото: Иван Сидоров", [.photoCredit]),
            ("По словам Петрова", []),
            ("Главное в любом парке", []),
            ("Иван Петров", []),
            ("руководитель проекта", []),
            ("Кроме того, на входах", []),
            ("Материалы по теме:", [.promo]),
            ("Город у воды.Как", [.promo]),
            ("Реклама", [.ad]),
            ("5 сентября 2022", [.promo]),
            ("Зеленая столица.Сколько", [.promo]),
            ("29 мая 2023", [.promo]),
            ("Тихие улицы.Почему", [.promo]),
            ("19 февраля 2023", [.promo]),
            ("Ранее власти сообщили", []),
        ])
    }

    /// Models tg_1001117628569_59767: the channel's subscribe line, decorated with an emoji and a
    /// markdown link, closes the post.
    @Test func telegramSubscribeFooter() {
        check("telegram-subscribe-footer.txt", [
            ("Футбольный клуб из Казани", []),
            ("Игрок провел в составе", []),
            ("Ранее клуб продлил", []),
            ("❗️ [Подписывайся", [.promo]),
        ])
    }

    /// Models tg_1001125816841_46382 and tg_1001237513492_73169: a menu made only of markdown
    /// links, and a link whose text is broken over two lines.
    @Test func telegramLinkMenu() {
        check("telegram-link-menu.txt", [
            ("🥶 Синоптики предупредили", []),
            ("Водителей просят", []),
            ("🔴[ ](https://t.me/+QwErTyUiOp)[Подписаться]", [.navigation]),
            ("[📈Городские новости. Экономика —", [.promo]),
            ("Подписаться](https://t.me/+ZxCvBnMaSd)", [.promo]),
        ])
    }

    /// Models tg_1001138587070_6083: an advertising post; the call to subscribe and the legally
    /// required ad disclosure («Реклама. …, ИНН …, Erid …») are flagged.
    @Test func telegramAdPost() {
        check("telegram-ad-post.txt", [
            ("[**Книги по программированию**]", []),
            ("**Что в нашем канале: **", []),
            ("1. Книги для подготовки", []),
            ("2. Книги на русском языке", []),
            ("3. Все книги можно скачать", []),
            ("**Подписывайтесь и читайте", [.promo]),
            ("Реклама. ИП Иванов", [.ad]),
        ])
    }

    /// Models tg_1001003921752_73714 and tg_1001044298783_12809: a body line with an inline link
    /// stays body; the «read us without VPN» footer and the hashtag line do not.
    @Test func telegramVPNFooterAndTags() {
        check("telegram-vpn-footer.txt", [
            ("📹 Ученые представили", []),
            ("Наблюдения начнутся", []),
            ("Подробнее можно прочитать", []),
            ("**__Внимание:", []),
            ("__Читать нас без VPN", [.promo]),
            ("#наука #космос", [.navigation]),
        ])
    }

    /// Models bsnlp-train/trump/raw/ru/file_215.txt: the HTML title carries the site's rubric path;
    /// the suffix becomes a navigation block of its own, and a mention there is boilerplate.
    @Test func bsnlpLentaTitle() {
        check("bsnlp-lenta-title.txt", [
            ("Министр обсудил с коллегами погоду на следующей неделе", [.title]),
            (": Политика: Мир: Lenta.ru", [.navigation]),
            ("Министр иностранных дел", []),
            ("Стороны договорились", []),
        ])
        let (_, seg) = TestData.segment(TestData.fixture("pages/bsnlp-lenta-title.txt"))
        let lenta = seg.tokens.indices.first { seg.key($0) == "lenta.ru" }!
        #expect(seg.blockFlags(ofToken: lenta).isBoilerplate)
        #expect(!seg.blockFlags(ofToken: 0).isBoilerplate)
        // The title sentence ends where the suffix starts.
        #expect(seg.sentences[0].tokenRange.upperBound == seg.blocks[1].tokenRange.lowerBound)
    }

    /// Title suffixes as BSNLP pages from other sites show them (ids in the comments); a headline
    /// with a dash or colon of its own keeps it.
    @Test(arguments: [
        // trump/raw/ru/file_279.txt (aif.ru)
        ("Министр прибыл на переговоры | В мире | Политика | Аргументы и Факты\nТекст.", "Министр прибыл на переговоры"),
        // trump/raw/ru/file_271.txt (woman.ru)
        ("Певица выпустила новый клип | Woman.ru\nТекст.", "Певица выпустила новый клип"),
        // ec/raw/ru/file_256_ru.txt (apptractor)
        ("Комиссия потребовала уплаты налогов | AppTractor\nТекст.", "Комиссия потребовала уплаты налогов"),
        // ec/raw/ru/file_247_ru.txt (dv.ee)
        ("Европейская комиссия - dv.ee\nТекст.", "Европейская комиссия"),
        // nord_stream/raw/ru/Nord_Stream_2_extra.xml_file_984.txt: the colon is the headline's
        ("Меркель: «Северный поток — 2» не сделает ФРГ зависимой от России\nТекст.", "Меркель: «Северный поток — 2» не сделает ФРГ зависимой от России"),
        // ryanair/raw/ru/ryan-ru_file_54.txt: the dash is the headline's
        ("Отменили не менее 600 рейсов — Забастовка в Ryanair\nТекст.", "Отменили не менее 600 рейсов — Забастовка в Ryanair"),
    ])
    func titleSuffix(text: String, title: String) {
        let got = blocks(text)
        #expect(got[0].0 == title && got[0].1 == [.title])
        if got[0].0 != text.prefix(while: { $0 != "\n" }) {
            #expect(got[1].1 == [.navigation])
        }
    }

    /// Body text that looks like furniture stays body: an agency dateline (RIA style, modelled on
    /// ria-rubrics.jsonl), a lead that starts the page without a headline, a sentence that mentions
    /// subscribing, a hard-wrapped paragraph.
    @Test(arguments: [
        "МОСКВА, 20 окт – РИА Новости. Правительство обсудило план работ на следующий год.",
        "Власти города обсудили план работ на следующий год. Обсуждение продолжится в среду.",
        "Жители могут подписаться на рассылку уведомлений, заявили в мэрии. Сервис бесплатный.",
        "Министр заявил, что переговоры\nпродолжатся в среду, а делегации\nвстретятся в Женеве.",
    ])
    func bodyStaysBody(text: String) {
        #expect(blocks(text).allSatisfy { !$0.1.isBoilerplate && !$0.1.contains(.title) }, "\(blocks(text).map(\.1.names))")
    }
}
