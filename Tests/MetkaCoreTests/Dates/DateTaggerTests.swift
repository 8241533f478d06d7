import Testing
@testable import MetkaCore

/// One row per rule of `DateGrammar` (its doc comment lists them): span text, value, rule id.
@Suite("DateTagger rules")
struct DateTaggerTests {
    struct Row: CustomStringConvertible, Sendable {
        var text: String
        var published: String?
        var span: String
        var value: String?
        var rule: String
        var description: String { "\(text) @\(published ?? "-")" }
    }

    static let rows: [Row] = [
        // Absolute forms.
        Row(text: "Это случилось 12 мая 2019 года в Москве.", published: nil, span: "12 мая 2019 года", value: "2019-05-12", rule: "date.day-month-year"),
        Row(text: "Приказ от 12.05.2019 вступил в силу.", published: nil, span: "12.05.2019", value: "2019-05-12", rule: "date.numeric"),
        Row(text: "Релиз 2019-05-12 перенесли.", published: nil, span: "2019-05-12", value: "2019-05-12", rule: "date.numeric"),
        Row(text: "Снимок от 24/06/2016 опубликован.", published: nil, span: "24/06/2016", value: "2016-06-24", rule: "date.numeric"),
        Row(text: "Статья от 30.05.18 удалена.", published: nil, span: "30.05.18", value: "2018-05-30", rule: "date.numeric"),
        Row(text: "Продажи упали в мае 2019 года.", published: nil, span: "в мае 2019 года", value: "2019-05", rule: "date.month-year"),
        Row(text: "Закон приняли в 2017 году.", published: nil, span: "в 2017 году", value: "2017", rule: "date.year"),
        Row(text: "Он пришёл в компанию в 2008г. после выпуска.", published: nil, span: "в 2008г", value: "2008", rule: "date.year"),
        Row(text: "В феврале 2017 года Рябков сообщил об этом.", published: nil, span: "В феврале 2017 года", value: "2017-02", rule: "date.month-year"),
        Row(text: "Это было в 1990-е годы.", published: nil, span: "в 1990-е годы", value: "1990/1999", rule: "date.decade"),
        Row(text: "Город вырос в 90-х.", published: nil, span: "в 90-х", value: "1990/1999", rule: "date.decade"),
        Row(text: "В девяностые годы двадцатого века он был министром.", published: nil, span: "В девяностые годы двадцатого века", value: "1990/1999", rule: "date.decade"),
        Row(text: "Собор построен в XX веке.", published: nil, span: "в XX веке", value: "1900/1999", rule: "date.century"),
        Row(text: "Итоги сезона 2019/20 подведены.", published: nil, span: "2019/20", value: "2019/2020", rule: "date.sport-season"),
        Row(text: "Это был его лучший 2019/20 сезон.", published: nil, span: "2019/20 сезон", value: "2019/2020", rule: "date.sport-season"),
        Row(text: "Матч прошёл в понедельник, 27 апреля 2020 года.", published: nil, span: "в понедельник, 27 апреля 2020 года", value: "2020-04-27", rule: "date.weekday-date"),
        Row(text: "The report was filed on May 12, 2019 in court.", published: nil, span: "May 12, 2019", value: "2019-05-12", rule: "date.day-month-year"),
        Row(text: "Выставка работает с 1 по 5 мая 2021 года.", published: nil, span: "с 1 по 5 мая 2021 года", value: "2021-05-01/2021-05-05", rule: "date.day-range"),
        Row(text: "Работа будет приостановлена 27-28 июля 2018 года.", published: nil, span: "27-28 июля 2018 года", value: "2018-07-27/2018-07-28", rule: "date.day-range"),
        Row(text: "Он работал министром в 2019–2020 годах.", published: nil, span: "в 2019–2020 годах", value: "2019/2020", rule: "date.year-range"),
        Row(text: "Он руководил армией с 1993 по 1996 год.", published: nil, span: "с 1993 по 1996 год", value: "1993/1996", rule: "date.year-range"),
        Row(text: "Он живёт в Италии с 2003 года.", published: nil, span: "с 2003 года", value: "2003/..", rule: "date.year"),
        Row(text: "Группа просуществовала до 1991 года.", published: nil, span: "до 1991 года", value: "../1991", rule: "date.year"),
        Row(text: "Забастовки прошли в ноябре-декабре 2018 года.", published: nil, span: "в ноябре-декабре 2018 года", value: "2018-11/2018-12", rule: "date.month-range"),
        Row(text: "Итоги ЕГЭ-2013 подвели.", published: nil, span: "2013", value: "2013", rule: "date.name-year"),
        Row(text: "Альбомы Music for the Jilted Generation (1994) и другие.", published: nil, span: "1994", value: "1994", rule: "date.bare-year"),
        Row(text: "Виновника 1990 года рождения задержали.", published: nil, span: "1990 года рождения", value: "1990", rule: "date.year"),
        Row(text: "Проповедь произнесена в 410 году в Гиппоне.", published: nil, span: "в 410 году", value: "0410", rule: "date.year"),
        // Relative forms, anchored at published.
        Row(text: "Сегодня суд вынес решение.", published: "2021-03-25", span: "Сегодня", value: "2021-03-25", rule: "date.deictic"),
        Row(text: "Вчера министр подал в отставку.", published: "2021-03-25", span: "Вчера", value: "2021-03-24", rule: "date.deictic"),
        Row(text: "Позавчера прошли переговоры.", published: "2021-03-25", span: "Позавчера", value: "2021-03-23", rule: "date.deictic"),
        Row(text: "Завтра начнётся саммит.", published: "2021-03-25", span: "Завтра", value: "2021-03-26", rule: "date.deictic"),
        Row(text: "Сергей Доренко умер вчера, 9 мая 2019 года.", published: "2019-05-10", span: "вчера, 9 мая 2019 года", value: "2019-05-09", rule: "date.deictic-date"),
        Row(text: "Выборы прошли в прошлом году.", published: "2021-03-25", span: "в прошлом году", value: "2020", rule: "date.relative-unit"),
        Row(text: "Путин озвучил это в сентябре прошлого года.", published: "2021-03-25", span: "в сентябре прошлого года", value: "2020-09", rule: "date.month-relative-year"),
        Row(text: "В прошлом сентябре Путин озвучил предложения.", published: "2021-03-25", span: "В прошлом сентябре", value: "2020-09", rule: "date.relative-month"),
        Row(text: "Атака произошла в конце прошлого года.", published: "2021-03-25", span: "в конце прошлого года", value: "2020-09/2020-12", rule: "date.part-of"),
        Row(text: "Документ опубликовали на прошлой неделе.", published: "2021-03-25", span: "на прошлой неделе", value: "2021-W11", rule: "date.relative-unit"),
        Row(text: "Трамп заявил в понедельник, что знает ответ.", published: "2021-03-25", span: "в понедельник", value: "2021-03-22", rule: "date.weekday"),
        Row(text: "В четверг будет опубликован полный вариант.", published: "2018-07-10", span: "В четверг", value: "2018-07-12", rule: "date.weekday"),
        Row(text: "В минувшую среду суд оправдал её.", published: "2018-11-02", span: "В минувшую среду", value: "2018-10-31", rule: "date.weekday-relative"),
        Row(text: "Решение объявят через два дня.", published: "2021-03-25", span: "через два дня", value: "2021-03-27", rule: "date.offset-after"),
        Row(text: "Компания основана три года назад.", published: "2021-03-25", span: "три года назад", value: "2018", rule: "date.offset-ago"),
        Row(text: "В начале марта ситуация изменилась.", published: "2021-03-25", span: "В начале марта", value: "2021-03-01/2021-03-10", rule: "date.part-of"),
        Row(text: "В середине 1970-х он переехал.", published: nil, span: "В середине 1970-х", value: "1974/1976", rule: "date.part-of"),
        Row(text: "Он снимался во второй половине 1950-х годов.", published: nil, span: "во второй половине 1950-х годов", value: "1955/1959", rule: "date.half-of"),
        Row(text: "Выручка выросла в первом квартале.", published: "2021-03-25", span: "в первом квартале", value: "2021-Q1", rule: "date.quarter"),
        Row(text: "Прибыль за первый квартал 2018 года выросла.", published: nil, span: "за первый квартал 2018 года", value: "2018-Q1", rule: "date.quarter"),
        Row(text: "Летом 2020 года границы закрыли.", published: nil, span: "Летом 2020 года", value: "2020-06/2020-08", rule: "date.season"),
        Row(text: "Зимой 2020 года выпало мало снега.", published: nil, span: "Зимой 2020 года", value: "2019-12/2020-02", rule: "date.season"),
        Row(text: "Минувшей осенью Шрёдер был избран председателем.", published: "2018-03-19", span: "Минувшей осенью", value: "2017-09/2017-11", rule: "date.season"),
        Row(text: "Певец покончил с собой в выходные.", published: "2019-03-05", span: "в выходные", value: "2019-03-02/2019-03-03", rule: "date.weekday"),
        // Anaphoric and unresolved.
        Row(text: "Умер её отец. В тот же день она стала королевой.", published: "2021-03-25", span: "В тот же день", value: nil, rule: "date.anaphoric"),
        Row(text: "Годом позже он стал чемпионом.", published: "2021-03-25", span: "Годом позже", value: nil, rule: "date.anaphoric"),
        Row(text: "Сделку заключат через два года после Брексита.", published: "2018-07-01", span: "через два года", value: nil, rule: "date.offset-after"),
        // Durations and frequencies (NEREL DATE covers them).
        Row(text: "Он отсидел три года и вышел.", published: nil, span: "три года", value: "P3Y", rule: "date.duration"),
        Row(text: "Суд назначил 1 год 6 месяцев колонии.", published: nil, span: "1 год 6 месяцев", value: "P1Y6M", rule: "date.duration"),
        Row(text: "Процесс займёт не более трёх лет.", published: nil, span: "не более трёх лет", value: "P3Y", rule: "date.duration"),
        Row(text: "Запрет будет действовать в течение десяти лет.", published: nil, span: "в течение десяти лет", value: "P10Y", rule: "date.duration"),
        Row(text: "Майкл отбывал 23-летний срок.", published: nil, span: "23-летний", value: "P23Y", rule: "date.duration-adjective"),
        Row(text: "Он подписал пятилетний контракт.", published: nil, span: "пятилетний", value: "P5Y", rule: "date.duration-adjective"),
        Row(text: "Это первый случай за последние 200 лет.", published: nil, span: "за последние 200 лет", value: nil, rule: "date.last-period"),
        Row(text: "Права продлевают каждые три года.", published: nil, span: "каждые три года", value: "R/P3Y", rule: "date.frequency"),
        Row(text: "Отчёт публикуется ежегодно.", published: nil, span: "ежегодно", value: "R/P1Y", rule: "date.frequency"),
    ]

    @Test("rule rows", arguments: rows)
    func rule(_ row: Row) {
        let mentions = DateTestSupport.tag(row.text, published: row.published)
        let m = mentions.first { $0.text == row.span }
        #expect(m != nil, "no mention '\(row.span)' in \(mentions.map(\.text))")
        guard let m else { return }
        #expect(m.type == .DATE)
        #expect(m.value == row.value, "\(row.span): value \(m.value ?? "nil"), relative \(m.relative ?? "nil")")
        #expect(m.source == "rule:" + row.rule)
        if m.value == nil { #expect(m.relative != nil && !m.relative!.isEmpty) }
    }

    @Test("offsets are code points of the original text")
    func offsets() {
        let text = "Ёлка 🎄 стояла до 7 января 2021 года."
        let m = DateTestSupport.tag(text).first!
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[Int(m.start)..<Int(m.end)])) == "до 7 января 2021 года")
        #expect(m.value == "../2021-01-07")
    }

    @Test("vague durations keep their count in `relative`")
    func vagueDurations() {
        let m = DateTestSupport.tag("Выборы проведут в течение 45-60 дней.").first!
        #expect(m.text == "в течение 45-60 дней")
        #expect(m.value == nil)
        #expect(m.relative == "count=45..60,duration=day")
        #expect(DateTestSupport.tag("Он провёл там несколько лет.").first?.relative == "count=few,duration=year")
    }

    @Test("without published, relative dates say what they mean")
    func unresolved() {
        let m = DateTestSupport.tag("Путин озвучил это в сентябре прошлого года.").first!
        #expect(m.value == nil)
        #expect(m.relative == "month=9,year=-1")
        let w = DateTestSupport.tag("Документ опубликовали на прошлой неделе.").first!
        #expect(w.value == nil)
        #expect(w.relative == "week=-1")
        let d = DateTestSupport.tag("Выставка откроется 30 октября.").first!
        #expect(d.relative == "day=30,month=10")
    }

    @Test("year-less dates take the year nearest to published")
    func nearestYear() {
        #expect(DateTestSupport.tag("Суд состоялся 30 октября.", published: "2021-03-25").first?.value == "2020-10-30")
        #expect(DateTestSupport.tag("Выборы пройдут 5 января.", published: "2021-11-20").first?.value == "2022-01-05")
    }

    @Test("not dates: amounts, codes, phones, times, ages", arguments: [
        "Инфляция составила 8,1 млн рублей.",
        "Канал запустил акцию 1+1.",
        "За атакой стоит группировка APT29.",
        "Звоните по телефону +7 (495) 123-45-67.",
        "Встреча начнётся в 10:30.",
        "40-летний политик заявил о выходе из партии.",
        "Он умер в возрасте 92 лет.",
        "В 90 лет он всё ещё работал.",
        "Кастинг просмотрел 2000 человек.",
        "Маршруты: более чем по 1800 направлениям.",
        "Премьера фильма «Один день Ивана Денисовича» состоялась.",
        "Кандидату 68 лет, он юрист.",
        "Сохраним благоприятную окружающую среду.",
    ])
    func notDates(_ text: String) {
        let mentions = DateTestSupport.tag(text, published: "2021-03-25")
        #expect(mentions.isEmpty, "\(mentions.map { "\($0.text) (\($0.source))" })")
    }

    @Test("dates in boilerplate blocks are marked")
    func boilerplate() {
        let text = "Новость дня.\n\nТекст статьи.\n\n© 2024    vseinfo.com    //    Войти"
        let m = DateTestSupport.tag(text).first { $0.text == "2024" }
        #expect(m != nil)
        #expect(m?.boilerplate == true)
    }
}
