import Testing
@testable import MetkaCore

/// Person rules (`PersonRules`) as test rows, rules alone (no candidate model), Metka's convention:
/// sentence → expected PER spans, in order.
@Suite struct PersonRulesTests {
    static let pipeline: Pipeline = {
        var resources = TestData.pipeline.resources
        resources.entityTagger.candidateModel = nil
        return Pipeline(resources: resources)
    }()

    func persons(_ text: String) -> [String] {
        PersonRulesTests.pipeline.process(Document(id: "t", text: text)).mentions.filter { $0.type == .PER }.map(\.text)
    }

    @Test(arguments: [
        // person.first-name-opening: a first name alone opening a sentence, a lowercase word after it
        ("Сын родился в мае. Татьяна приехала в квартиру вечером.", ["Татьяна"]),
        ("Марк рассказал, что рабочие бастуют.", ["Марк"]),
        // … but not a word whose best reading is a common noun, nor the first word of a longer name
        ("Вера в победу не покидала команду.", []),
        ("Надежда умирает последней.", []),
        // initials: «Дж.» is one initial; a place-like surname tight against initials is the surname
        ("Б.Обама охарактеризовал Дж.Коми как профессионала.", ["Б.Обама", "Дж.Коми"]),
        ("Президентом был Дж. Буш.", ["Дж. Буш"]),
        // person.name-sequence: particles inside a name, capitalised or joined to an Arabic name
        ("Судья Массимо Де Сантис отменил гол.", ["Массимо Де Сантис"]),
        ("В турнире играл Люк Ван Велли из Нидерландов.", ["Люк Ван Велли"]),
        ("Оператора Сами аль-Хадж освободили.", ["Сами аль-Хадж"]),
        // «-младший»/«-старший» make a person
        ("Тогда Лукашенко-младший лоббировал назначение.", ["Лукашенко-младший"]),
        // a list item opens with the name: a surname-reading first word does not end an earlier name
        ("Судьи:\n• Карлос Симон (Бразилия) • Оскар Руис (Колумбия)", ["Карлос Симон", "Оскар Руис"]),
        // an organization's genitive tail stops before a person's name (`OrganizationRules.startsPersonName`)
        ("Выступил лидер Движения против нелегальной иммиграции Александр Белов.", ["Александр Белов"]),
        ("По мнению директора Международного института политической экспертизы Евгения Минченко, отставка возможна.", ["Евгения Минченко"]),
        // person.chinese-name: a surname syllable and a Palladius given name, inflected too
        ("Бизнесмен Ван Цзюнь умер, а дочь Ван Цзюня учится в Австралии.", ["Ван Цзюнь", "Ван Цзюня"]),
        ("Его жена Е Сяоин была дочерью маршала.", ["Е Сяоин"]),
        ("У Хулио Иглесиаса есть сын.", ["Хулио Иглесиаса"]),
        ("Космонавт Ли Со Ён вернулась на Землю.", ["Ли Со Ён"]),
        // person.after-named-entity: a leading organization or place is cut off the name run
        ("Глава правительства Израиля Биньямин Нетаньяху провёл встречу.", ["Биньямин Нетаньяху"]),
        ("Он вырос в родном городе.  Владимир Козьмич Зворыкин был инженером.", ["Владимир Козьмич Зворыкин"]),
        // person.regnal-name
        ("Его поздравила королева Елизавета II.", ["Елизавета II"]),
        // a plural surname names a family, not a person
        ("Он является третьим из братьев Ямадаевых.", []),
    ])
    func rows(text: String, expected: [String]) {
        #expect(persons(text) == expected)
    }

    @Test func pluralSurnameIsNoCoreferenceOfThePerson() {
        #expect(persons("Минтимер Шаймиев ушёл на покой. Клан Шаймиевых расширяет бизнес, а Шаймиев молчит.")
            == ["Минтимер Шаймиев", "Шаймиев"])
    }
}
