/// One date expression found by the grammar: token range, meaning and the rule that matched.
struct DateMatch {
    enum Open: UInt8 { case none, from, until }

    var start: Int
    var end: Int
    var spec: DateSpec
    /// The end of a range («с 1 по 5 мая», «в 2019–2020 годах»).
    var endSpec: DateSpec?
    /// «с 2006 года» (from), «до 2020 года» (until).
    var open: Open = .none
    var rule: String
    /// The leading prepositions belong to the span (false for «23-летний срок» after «с»).
    var keepLead = true
    /// The span is the last `suffixScalars` code points of its single token («2013» in «ЕГЭ-2013»).
    var suffixScalars = 0
}

/// The date rules over one document's tokens: a single left-to-right pass; at each token a cheap
/// trigger (a digit, or a date word found by one hash lookup of its key) decides whether any rule
/// can start there, then a hand-written recursive-descent parser tries the rules and the longest
/// match wins. No regular expressions, no text re-scanning: rules read token kinds, shapes, keys.
///
/// Rule ids (`source: rule:<id>`) with an example each; `DateTaggerTests` has rows for every one:
/// - `date.day-month-year` «12 мая 2019 года», «May 12, 2019» → `2019-05-12`
/// - `date.day-month` «30 октября» → year nearest to `published`
/// - `date.day-range` «с 1 по 5 мая», «27-28 сентября 2014 года», «30 июня и 1 июля 2019 года» → `2019-06-30/2019-07-01`
/// - `date.numeric` «12.05.2019», «2019-05-12», «24/06/2016», «12.05.19» (two-digit years: 00–49 → 20YY, 50–99 → 19YY)
/// - `date.month-year` «в феврале 2017 года» → `2017-02`; `date.month` «в мае» (needs a preposition)
/// - `date.month-range` «в ноябре-декабре», «в августе-сентябре 1998 г» → `1998-08/1998-09`
/// - `date.month-relative-year` «в сентябре прошлого года» → `2020-09` (published 2021-03-25)
/// - `date.year` «в 2017 году», «2008г», «в апреле 1945-го»; `date.bare-year` «(1994)»
/// - `date.year-range` «в 2019–2020 годах», «с 1994 по 2000 годы» → `2019/2020`
/// - `date.sport-season` «2019/20 сезон» → `2019/2020`
/// - `date.decade` «1990-е годы», «в 90-х», «девяностые годы двадцатого века» → `1990/1999`
/// - `date.century` «XX век», «двадцатого века» → `1900/1999`
/// - `date.weekday-date` «в понедельник, 27 апреля 2020 года»; `date.weekday` «в понедельник» → latest
///   such weekday up to `published`, or the next one when the sentence speaks of the future
///   («будет», «планируют»: `tense(of:)`); «в выходные»; `date.weekday-relative` «в минувшую среду»
///   (strictly before `published`), «в следующий понедельник» (next week)
/// - `date.deictic` сегодня, вчера, позавчера, завтра, «на сегодняшний день»
/// - `date.relative-unit` «в прошлом году», «на прошлой неделе», «в следующем месяце» → `2020`, `2021-W11`
/// - `date.relative-month` «в прошлом сентябре» → the latest September before the published month
/// - `date.anaphoric` «в тот же день», «в том же году», «на следующий день», «годом позже»: relative to
///   another date of the text, so `value` stays nil and `relative` says `anchor=context`
/// - `date.part-of` «в конце прошлого года» → `2020-09/2020-12`, «в начале 2017 года», «в середине 1970-х»
/// - `date.half-of` «во второй половине 1950-х»; `date.quarter` «в первом квартале» → `2021-Q1`
/// - `date.season` «летом 2020 года» → `2020-06/2020-08`, «прошлой осенью»
/// - `date.offset-ago` «три года назад» → `2018`; `date.offset-after` «через два дня» → `2021-03-27`
/// - `date.duration` «два года», «в течение пяти лет», «до трёх лет», «1 год 6 месяцев» → `P2Y`, `P1Y6M`
/// - `date.duration-adjective` «23-летний срок» (not «40-летний политик»: ages are not dates)
/// - `date.last-period` «за последние 200 лет», «в последние годы»
/// - `date.frequency` «ежегодно», «каждые три года», «в день» → `R/P1Y`, `R/P3Y`, `R/P1D`
/// - `date.name-year` «ЕГЭ-2013», «COVID-19»: the year digits inside a name
struct DateGrammar {
    let lexicon: DateLexicon
    /// `lexicon.entries`, borrowed for the pass.
    let entries: UnsafeBufferPointer<DateLexicon.Entry>
    let tokens: UnsafeBufferPointer<Token>
    let keys: UnsafeBufferPointer<UInt8>
    /// Lexicon entry range of each token (empty when not a date word).
    let lo: UnsafeBufferPointer<Int32>
    let hi: UnsafeBufferPointer<Int32>
    var n: Int { tokens.count }

    typealias C = DateLexicon.WordClass

    // MARK: - Token helpers

    @inline(__always) func key(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: keys[tokens[i].keyRange])
    }

    @inline(__always) func entry(_ i: Int, _ c: C) -> DateLexicon.Entry? {
        guard i < n else { return nil }
        var k = Int(lo[i])
        let e = Int(hi[i])
        while k < e {
            if entries[k].cls == c { return entries[k] }
            k += 1
        }
        return nil
    }

    @inline(__always) func isKnown(_ i: Int) -> Bool { i < n && hi[i] > lo[i] }

    @inline(__always) func isByte(_ i: Int, _ b: UInt8) -> Bool {
        guard i < n else { return false }
        let t = tokens[i]
        return t.keyEnd - t.keyStart == 1 && keys[Int(t.keyStart)] == b
    }

    func isKey(_ i: Int, _ text: StaticString) -> Bool {
        guard i < n else { return false }
        let k = key(i)
        guard k.count == text.utf8CodeUnitCount else { return false }
        for x in 0..<k.count where k[x] != text.utf8Start[x] { return false }
        return true
    }

    /// «ночь» (key bytes).
    func isNight(_ i: Int) -> Bool { isKey(i, "ночь") }

    @inline(__always) func isComma(_ i: Int) -> Bool { isByte(i, UInt8(ascii: ",")) }
    @inline(__always) func isDash(_ i: Int) -> Bool { i < n && tokens[i].kind == .dash }

    func number(_ i: Int) -> DateNumber? {
        guard i < n, tokens[i].kind == .number || tokens[i].has(.digit) else { return nil }
        return DateNumber(key(i))
    }

    /// «по», «и», a dash: joins two ends of a range.
    func isRangeJoiner(_ i: Int) -> Bool {
        guard i < n else { return false }
        if isDash(i) { return true }
        if let p = entry(i, .prep), p.prep == .by { return true }
        if let c = entry(i, .connector), c.isAnd { return true }
        return false
    }

    /// The calendar-year unit after a year number: год, года, году, годы, годах, г, гг (not «лет»).
    func yearUnit(_ i: Int) -> Bool {
        if let u = entry(i, .unit), u.unit == .year, !u.countOnly { return true }
        return entry(i, .yearAbbr) != nil
    }

    // MARK: - Tense

    /// +1 when the sentence has a future cue («будет», «планируют»), −1 when it has a past-tense
    /// verb (a lowercase Cyrillic word ending in -л, -ла, -ло, -ли, -лся, -лась, -лось, -лись), else 0.
    /// Future wins: «объявили, что в четверг проведут» speaks of a coming Thursday.
    func tense(of range: Range<Int>) -> Int {
        var past = false
        for i in range {
            let t = tokens[i]
            guard t.kind == .word, t.has(.cyrillic), !t.has(.capitalized) || i == range.lowerBound else { continue }
            if isKnown(i) {
                if entry(i, .futureCue) != nil { return 1 }
                if entry(i, .notPast) != nil { continue }
            }
            if !past, looksPastTense(key(i)) { past = true }
        }
        return past ? -1 : 0
    }

    func looksPastTense(_ k: UnsafeBufferPointer<UInt8>) -> Bool {
        guard k.count >= 8 else { return false }  // at least four Cyrillic letters
        let n = k.count
        func ends(_ s: StaticString) -> Bool {
            let m = s.utf8CodeUnitCount
            guard n >= m else { return false }
            for x in 0..<m where k[n - m + x] != s.utf8Start[x] { return false }
            return true
        }
        return ends("л") || ends("ла") || ends("ло") || ends("ли") || ends("лся") || ends("лась") || ends("лось") || ends("лись")
    }

    // MARK: - Entry point

    /// The longest date expression starting at token `i`, or nil.
    func match(at i: Int) -> DateMatch? {
        let t = tokens[i]
        // Cheap trigger: a date word or a token with a digit; Roman numerals only before «век».
        guard t.kind == .word || t.kind == .number else { return nil }
        if !t.has(.digit) {
            if !isKnown(i) {
                return romanNumeral(i) != nil || t.has(.hyphenated) ? core(i, lead: Lead()) : durationAdjective(i, lead: Lead())
            }
            if !canStart(i) { return nil }  // «и», «же», «назад», «было»…: date words that never open an expression
        }
        if t.kind == .word, t.has(.hyphenated), t.has(.digit), let m = nameYear(i) { return m }
        var lead = Lead()
        var j = i
        // «в период с 2003 по 2011 годы»: NEREL keeps «в период» when a «с …» range follows.
        if entry(i, .prep)?.prep == .in, entry(i + 1, .periodWord) != nil, entry(i + 2, .prep)?.prep == .from {
            lead.kinds.append(.in)
            j = i + 2
        }
        while j < n, j - i < 4, let p = entry(j, .prep), let kind = p.prep {
            if kind == .during && !(lead.kinds.last == .in || lead.kinds.last == .on || lead.kinds.last == .by) { break }
            if kind == .later && lead.kinds.last != .not { break }
            if kind == .than && !(lead.kinds.last == .more || lead.kinds.last == .less) { break }
            lead.kinds.append(kind)
            j += 1
        }
        if lead.kinds.last == .not || lead.kinds.last == .than && j - i == 1 { return nil }
        guard j < n else { return nil }
        guard var m = core(j, lead: lead) else { return nil }
        m.start = m.keepLead ? i : j
        // «в ночь на 25 декабря»: NEREL leaves «на» out after «ночь».
        if lead.kinds == [.on], i > 0, isNight(i - 1) { m.start = j }
        // «от 25 мая 2012 года» (document dates): «от» stays out.
        if lead.kinds == [.since], m.spec.kind == .point { m.start = j }
        // «приговорён к 5 годам», «к году»: «к» before a duration stays out.
        if lead.kinds == [.to], m.spec.kind == .duration { m.start = j }
        if m.open == .none, m.spec.kind == .point, m.endSpec == nil {
            if lead.has(.from) && lead.kinds.count == 1 { m.open = .from }
            if lead.has(.until) && lead.kinds.count == 1 { m.open = .until }
            if lead.kinds == [.not, .later] { m.open = .until }  // «не позже сентября»
        }
        return m
    }

    struct Lead {
        var kinds: [DateLexicon.Prep] = []
        var isEmpty: Bool { kinds.isEmpty }
        func has(_ p: DateLexicon.Prep) -> Bool { kinds.contains(p) }
        /// Only «в»/«во».
        var onlyIn: Bool { kinds.count == 1 && kinds[0] == .in }
    }

    /// Whether token `i` has a word class that can open a date expression.
    @inline(__always) func canStart(_ i: Int) -> Bool {
        var k = Int(lo[i])
        let e = Int(hi[i])
        while k < e {
            switch entries[k].cls {
            case .same, .ago, .tomu, .afterShift, .connector, .durationNoun, .measure, .ageCue, .periodWord, .thisThat,
                 .birth, .yearName, .futureCue, .notPast, .post, .stem:
                break
            default:
                return true
            }
            k += 1
        }
        return false
    }

    func core(_ j: Int, lead: Lead) -> DateMatch? {
        // A plain word after a preposition: only «в трёхмесячный срок»-style adjectives can still match.
        if !isKnown(j) && !tokens[j].has(.digit) && tokens[j].kind != .number && !tokens[j].has(.hyphenated) && romanNumeral(j) == nil {
            return durationAdjective(j, lead: lead)
        }
        var best: DateMatch?
        func consider(_ m: DateMatch?) {
            guard let m else { return }
            if best == nil || m.end > best!.end { best = m }
        }
        if tokens[j].has(.digit) || tokens[j].kind == .number {
            consider(calendar(j, lead: lead))
            consider(duration(j, lead: lead))
            consider(durationAdjective(j, lead: lead))
        } else {
            if entry(j, .month) != nil || tokens[j].has(.hyphenated) { consider(calendar(j, lead: lead)) }
            if entry(j, .weekend) != nil { consider(weekend(j, lead: lead)) }
            if entry(j, .weekday) != nil { consider(weekday(j, lead: lead)) }
            if entry(j, .deictic) != nil || entry(j, .deictic_adj) != nil { consider(deictic(j, lead: lead)) }
            if entry(j, .rel) != nil || entry(j, .that) != nil { consider(relative(j, lead: lead)) }
            if entry(j, .last) != nil || entry(j, .nearest) != nil || entry(j, .different) != nil { consider(lastPeriod(j, lead: lead)) }
            if entry(j, .part) != nil || entry(j, .ord) != nil || romanNumeral(j) != nil { consider(partOf(j, lead: lead)) }
            if entry(j, .ord) != nil || romanNumeral(j) != nil { consider(century(j, lead: lead)) }
            if entry(j, .season) != nil { consider(season(j, lead: lead)) }
            if entry(j, .decadeWord) != nil { consider(decadeWord(j, lead: lead)) }
            if entry(j, .num) != nil || entry(j, .few) != nil || entry(j, .many) != nil || entry(j, .unit) != nil {
                consider(duration(j, lead: lead))
            }
            if entry(j, .every) != nil || entry(j, .freq) != nil { consider(frequency(j, lead: lead)) }
            if !isKnown(j) { consider(durationAdjective(j, lead: lead)) }
        }
        return best
    }

    // MARK: - Years, months, days

    /// A calendar year at `i`: «2017», «2008г», «1945-го», with an optional unit after it.
    /// Returns the end token, the year and whether a unit (or г) was present.
    func year(_ i: Int) -> (end: Int, year: Int, unit: Bool)? {
        guard let num = number(i), num.count == 1 else { return nil }
        // «в 410 году»: three digits only with a calendar-year unit (and not «на 100 году жизни»).
        if num.digits.0 == 3, num.suffix == .none, (100...999).contains(num.first), yearUnit(i + 1), !isKey(i + 2, "жизни") {
            return (i + 2, num.first, true)
        }
        guard num.digits.0 == 4, (1000...2199).contains(num.first) else { return nil }
        var end: Int
        switch num.suffix {
        case .none:
            guard yearUnit(i + 1) else { return (i + 1, num.first, false) }
            end = i + 2
        case .yearAbbr:
            end = i + 1
        case .ordinal:
            end = yearUnit(i + 1) ? i + 2 : i + 1
        default:
            return nil
        }
        // «1990 года рождения», «1944 г. р.»: NEREL keeps the birth marker in the span.
        if entry(end, .birth) != nil, isKey(end, "рождения") {
            end += 1
        } else if isByte(end, UInt8(ascii: ".")), isKey(end + 1, "р"), isByte(end + 2, UInt8(ascii: ".")) {
            end += 3
        }
        return (end, num.first, true)
    }

    /// «прошлого года», «этого года», «следующего года» after a month/season/part: the year shift.
    func relativeYear(_ i: Int) -> (end: Int, shift: Int?, anaphoric: Bool)? {
        if let r = entry(i, .rel) {
            var k = i + 1
            let same = entry(k, .same) != nil
            if same { k += 1 }
            if yearUnit(k) { return (k + 1, same ? nil : r.int, same) }
        }
        if entry(i, .that) != nil {
            var k = i + 1
            if entry(k, .same) != nil { k += 1 }
            if yearUnit(k) { return (k + 1, nil, true) }
        }
        return nil
    }

    /// A month name, or a hyphenated pair «ноябре-декабре».
    func month(_ i: Int) -> (m1: Int, m2: Int?)? {
        guard i < n else { return nil }
        if let e = entry(i, .month) { return (e.int, nil) }
        let t = tokens[i]
        guard t.kind == .word, t.has(.hyphenated), !t.has(.digit) else { return nil }
        let k = key(i)
        guard let dash = k.firstIndex(of: UInt8(ascii: "-")) else { return nil }
        let a = lexicon.lookup(UnsafeBufferPointer(rebasing: k[..<dash]))
        let b = lexicon.lookup(UnsafeBufferPointer(rebasing: k[(dash + 1)...]))
        guard let m1 = entries[a].first(where: { $0.cls == .month }),
              let m2 = entries[b].first(where: { $0.cls == .month }) else { return nil }
        return (m1.int, m2.int)
    }

    /// A day of the month: «12», «5-го», or a range «27-28».
    func day(_ i: Int) -> (d1: Int, d2: Int?)? {
        guard let num = number(i) else { return nil }
        if num.count == 1, num.digits.0 <= 2, (1...31).contains(num.first), num.suffix == .none || num.suffix == .ordinal {
            return (num.first, nil)
        }
        if num.count == 2, num.sep1 == UInt8(ascii: "-"), num.suffix == .none, num.digits.0 <= 2, num.digits.1 <= 2,
           (1...31).contains(num.first), (1...31).contains(num.second), num.first < num.second {
            return (num.first, num.second)
        }
        return nil
    }

    func singleDay(_ i: Int) -> Int? {
        guard let d = day(i), d.d2 == nil else { return nil }
        return d.d1
    }

    func singleMonth(_ i: Int) -> Int? {
        guard let m = month(i), m.m2 == nil else { return nil }
        return m.m1
    }

    /// Two-digit years: 00–49 → 2000–2049, 50–99 → 1950–1999.
    static func expandTwoDigitYear(_ y: Int) -> Int { y < 50 ? 2000 + y : 1900 + y }

    // MARK: - Calendar expressions

    func calendar(_ j: Int, lead: Lead) -> DateMatch? {
        if let m = numericDate(j) { return m }
        if let m = dayFirst(j) { return m }
        if let m = monthFirst(j, lead: lead) { return m }
        if let m = decade(j) { return m }
        if let m = century(j, lead: lead) { return m }
        return yearFirst(j, lead: lead)
    }

    /// «12.05.2019», «12.05.19», «2019-05-12», «24/06/2016».
    func numericDate(_ j: Int) -> DateMatch? {
        guard let num = number(j) else { return nil }
        var spec = DateSpec()
        if num.count == 3, num.suffix == .none {
            if num.sep1 == UInt8(ascii: "."), num.sep2 == UInt8(ascii: "."), num.digits.0 <= 2, num.digits.1 <= 2,
               num.digits.2 == 4 || num.digits.2 == 2 {
                spec.day = num.first
                spec.month = num.second
                spec.year = num.digits.2 == 4 ? num.third : Self.expandTwoDigitYear(num.third)
            } else if num.sep1 == UInt8(ascii: "-"), num.sep2 == UInt8(ascii: "-"), num.digits.0 == 4, num.digits.1 == 2, num.digits.2 == 2 {
                spec.year = num.first
                spec.month = num.second
                spec.day = num.third
            } else {
                return nil
            }
            guard CalendarDate(year: spec.year!, month: spec.month!, day: spec.day!) != nil else { return nil }
            return DateMatch(start: j, end: j + 1, spec: spec, rule: "date.numeric")
        }
        // 24/06/2016 as five tokens.
        if num.count == 1, num.digits.0 <= 2, isByte(j + 1, UInt8(ascii: "/")), let m = number(j + 2), m.count == 1, m.digits.0 <= 2,
           isByte(j + 3, UInt8(ascii: "/")), let y = number(j + 4), y.count == 1, y.digits.0 == 4 {
            guard CalendarDate(year: y.first, month: m.first, day: num.first) != nil else { return nil }
            spec.day = num.first
            spec.month = m.first
            spec.year = y.first
            return DateMatch(start: j, end: j + 5, spec: spec, rule: "date.numeric")
        }
        return nil
    }

    /// Day-first: «12 мая 2019 года», «30 октября», «27-28 сентября 2014 года», «1 по 5 мая»,
    /// «16 апреля по 19 мая 2019 года», «30 июня и 1 июля 2019 года», «12 мая прошлого года».
    func dayFirst(_ j: Int) -> DateMatch? {
        guard let (d1, d2range) = day(j) else { return nil }
        var k = j + 1
        var d2 = d2range
        // «1 по 5 мая», «1 и 2 мая», «1–5 мая», «с 3 на 4 июня»
        if d2 == nil, isRangeJoiner(k) || entry(k, .prep)?.prep == .on, let e = singleDay(k + 1), month(k + 2) != nil, e > d1 {
            d2 = e
            k += 2
        }
        guard let m = singleMonth(k), d1 <= CalendarDate.daysIn(month: m, year: 2000), (d2 ?? 1) <= CalendarDate.daysIn(month: m, year: 2000) else { return nil }
        k += 1
        var spec = DateSpec()
        spec.day = d1
        spec.month = m
        var endSpec: DateSpec?
        if let d2 {
            var e = spec
            e.day = d2
            endSpec = e
        } else if isRangeJoiner(k), let e1 = singleDay(k + 1), let m2 = singleMonth(k + 2) {
            var e = DateSpec()
            e.day = e1
            e.month = m2
            endSpec = e
            k += 3
        }
        var rule = endSpec == nil ? "date.day-month" : "date.day-range"
        if let (e, y, _) = year(k) {
            spec.year = y
            endSpec?.year = y
            k = e
            if endSpec == nil { rule = "date.day-month-year" }
        } else if isComma(k), tokens[j].has(.latin) || entry(j + 1, .month).map({ _ in tokens[j + 1].has(.latin) }) == true,
                  let (e, y, _) = year(k + 1) {
            spec.year = y
            k = e
            rule = "date.day-month-year"
        } else if let (e, shift, anaphoric) = relativeYear(k) {
            spec.yearShift = shift
            spec.anaphoric = anaphoric
            endSpec?.yearShift = shift
            endSpec?.anaphoric = anaphoric
            k = e
        }
        if endSpec != nil, spec.year == nil, endSpec?.month == nil { endSpec?.month = m }
        var match = DateMatch(start: j, end: k, spec: spec, endSpec: endSpec, rule: rule)
        // «25 июля, в четверг»
        if endSpec == nil, isComma(k), entry(k + 1, .prep)?.prep == .in, let wd = entry(k + 2, .weekday) {
            match.spec.weekday = wd.int
            match.end = k + 3
        }
        return match
    }

    /// Month-first: «мая 2019 года», «в феврале 2017 года», «в сентябре прошлого года», «в мае»,
    /// «в ноябре-декабре», «May 12, 2019», «в апреле 1945-го».
    func monthFirst(_ j: Int, lead: Lead) -> DateMatch? {
        guard let (m1, m2) = month(j) else { return nil }
        var k = j + 1
        var spec = DateSpec()
        spec.month = m1
        var endSpec: DateSpec?
        if let m2 {
            var e = DateSpec()
            e.month = m2
            endSpec = e
        } else if isDash(k) || entry(k, .connector) != nil, let mm = singleMonth(k + 1) {
            var e = DateSpec()
            e.month = mm
            endSpec = e
            k += 2
        }
        // Latin «May 12, 2019»
        if endSpec == nil, tokens[j].has(.latin), let d = singleDay(k) {
            var kk = k + 1
            if isComma(kk) { kk += 1 }
            if let (e, y, _) = year(kk) {
                spec.day = d
                spec.year = y
                return DateMatch(start: j, end: e, spec: spec, rule: "date.day-month-year")
            }
        }
        var rule = endSpec == nil ? "date.month" : "date.month-range"
        if let (e, y, _) = year(k) {
            spec.year = y
            endSpec?.year = y
            k = e
            if endSpec == nil { rule = "date.month-year" }
        } else if let (e, shift, anaphoric) = relativeYear(k) {
            spec.yearShift = shift
            spec.anaphoric = anaphoric
            endSpec?.yearShift = shift
            endSpec?.anaphoric = anaphoric
            k = e
            rule = anaphoric ? "date.anaphoric" : "date.month-relative-year"
        } else {
            // A bare month needs a preposition («в мае», «с апреля», «до июня») and lowercase or a sentence-initial capital.
            if lead.isEmpty { return nil }
            if tokens[j].has(.latin) { return nil }
        }
        return DateMatch(start: j, end: k, spec: spec, endSpec: endSpec, rule: rule)
    }

    /// Year-first: «2017 год», «в 2017 году», «2019–2020 годах», «1994 по 2000 годы», «2019/20», bare «1994».
    func yearFirst(_ j: Int, lead: Lead) -> DateMatch? {
        guard let num = number(j) else { return nil }
        // «2001-2002», «1912-1914гг» as one token.
        if num.count == 2, num.sep1 == UInt8(ascii: "-"), num.digits.0 == 4, num.digits.1 == 4,
           num.suffix == .none || num.suffix == .yearAbbr, (1000...2199).contains(num.first), num.second > num.first {
            var s = DateSpec(); s.year = num.first
            var e = DateSpec(); e.year = num.second
            var k = j + 1
            if num.suffix == .none && yearUnit(k) { k += 1 }
            return DateMatch(start: j, end: k, spec: s, endSpec: e, rule: "date.year-range")
        }
        // «2019/20», «2019/2020» sport seasons.
        if num.count == 2, num.sep1 == UInt8(ascii: "/"), num.digits.0 == 4, num.suffix == .none,
           (num.digits.1 == 2 && num.second == (num.first + 1) % 100) || (num.digits.1 == 4 && num.second == num.first + 1) {
            var s = DateSpec(); s.year = num.first; s.sportSeason = true
            var k = j + 1
            if let u = entry(k, .unit), u.unit == .season { k += 1 }
            return DateMatch(start: j, end: k, spec: s, rule: "date.sport-season")
        }
        guard let (e1, y1, unit1) = year(j) else { return nil }
        var s = DateSpec(); s.year = y1
        if !unit1 {
            // Range: «2019–2020 годах», «1994 по 2000 годы», «1985—1990».
            if isRangeJoiner(e1) || (lead.has(.from) && entry(e1, .prep)?.prep == .until), !(entry(e1, .connector) != nil),
               let (e2, y2, _) = year(e1 + 1), y2 > y1 {
                var e = DateSpec(); e.year = y2
                return DateMatch(start: j, end: e2, spec: s, endSpec: e, rule: "date.year-range")
            }
            // «2019/20 сезон» split as tokens.
            if isByte(e1, UInt8(ascii: "/")), let n2 = number(e1 + 1), n2.count == 1,
               (n2.digits.0 == 2 && n2.first == (y1 + 1) % 100) || (n2.digits.0 == 4 && n2.first == y1 + 1) {
                s.sportSeason = true
                var k = e1 + 2
                if let u = entry(k, .unit), u.unit == .season { k += 1 }
                return DateMatch(start: j, end: k, spec: s, rule: "date.sport-season")
            }
            guard bareYearAllowed(j, lead: lead) else { return nil }
            return DateMatch(start: j, end: e1, spec: s, rule: "date.bare-year")
        }
        return DateMatch(start: j, end: e1, spec: s, rule: "date.year")
    }

    /// A four-digit number without «год» is a year unless it counts something or sits among digits.
    func bareYearAllowed(_ j: Int, lead: Lead) -> Bool {
        let num = number(j)!
        guard (1800...2100).contains(num.first), num.suffix == .none else { return false }
        // «более чем по 1800 маршрутам», «около 2000»: counts, not years.
        if lead.has(.more) || lead.has(.less) || lead.has(.about) || lead.has(.than) || lead.has(.by) { return false }
        if lead.isEmpty, j > 0, let p = entry(j - 1, .prep)?.prep, p == .more || p == .less || p == .about || p == .than || p == .by { return false }
        if j > 0 {
            let p = tokens[j - 1]
            if p.kind == .number || p.has(.digit) { return false }
            if isByte(j - 1, UInt8(ascii: "+")) || isKey(j - 1, "№") || isByte(j - 1, UInt8(ascii: "$")) { return false }
            if tokens[j].has(.spaceBefore) == false && p.kind == .word { return false }  // «ЕГЭ2013»-like glue
        }
        let k = j + 1
        if k < n {
            let t = tokens[k]
            if t.kind == .number || (t.has(.digit) && t.kind == .word) { return false }
            if entry(k, .measure) != nil || entry(k, .unit) != nil { return false }
            if isByte(k, UInt8(ascii: "%")) { return false }
            if (isByte(k, UInt8(ascii: ",")) || isByte(k, UInt8(ascii: "."))) && !t.has(.spaceBefore),
               k + 1 < n, tokens[k + 1].kind == .number, !tokens[k + 1].has(.spaceBefore) { return false }
        }
        return true
    }

    /// «1990-е годы», «1990-х годов», «90-х», «в 1980-е»; «в 20-х числах марта» (days 20–29).
    func decade(_ j: Int) -> DateMatch? {
        if let num = number(j), num.count == 1, num.suffix == .decade, num.digits.0 <= 2, (1...3).contains(num.first / 10), num.first % 10 == 0,
           isKey(j + 1, "числах") || isKey(j + 1, "числа") || isKey(j + 1, "числам"), let m = singleMonth(j + 2) {
            var s = DateSpec(); s.month = m; s.day = num.first
            var e = DateSpec(); e.month = m; e.day = min(num.first + 9, CalendarDate.daysIn(month: m, year: 2001))
            var k = j + 3
            if let (ee, y, _) = year(k) { s.year = y; e.year = y; k = ee }
            return DateMatch(start: j, end: k, spec: s, endSpec: e, rule: "date.day-range")
        }
        guard let num = number(j), num.count == 1, num.suffix == .decade, num.hyphenSuffix, num.first % 10 == 0,
              num.digits.0 == 4 || num.digits.0 == 2 else { return nil }
        var s = DateSpec()
        s.year = num.digits.0 == 4 ? num.first : (num.first >= 30 ? 1900 + num.first : 2000 + num.first)
        s.yearSpan = 10
        var k = j + 1
        if yearUnit(k) { k += 1 }
        // «1990-х — 2000-х» ranges
        if isDash(k), let n2 = number(k + 1), n2.count == 1, n2.suffix == .decade, n2.digits.0 == num.digits.0, n2.first > num.first {
            var e = DateSpec()
            e.year = num.digits.0 == 4 ? n2.first : (n2.first >= 30 ? 1900 + n2.first : 2000 + n2.first)
            e.yearSpan = 10
            var kk = k + 2
            if yearUnit(kk) { kk += 1 }
            return DateMatch(start: j, end: kk, spec: s, endSpec: e, rule: "date.decade")
        }
        return DateMatch(start: j, end: k, spec: s, rule: "date.decade")
    }

    /// «девяностые годы», «в девяностые годы двадцатого века».
    func decadeWord(_ j: Int, lead: Lead) -> DateMatch? {
        guard let d = entry(j, .decadeWord), let u = entry(j + 1, .unit), u.unit == .year, !u.countOnly else { return nil }
        var s = DateSpec()
        s.year = d.int
        s.yearSpan = 10
        var k = j + 2
        if let c = century(k, lead: Lead()), let cy = c.spec.year {
            s.year = cy + d.int % 100
            k = c.end
        }
        return DateMatch(start: j, end: k, spec: s, rule: "date.decade")
    }

    /// Roman numeral token value (I … XXI), for centuries and quarters.
    func romanNumeral(_ i: Int) -> Int? {
        guard i < n else { return nil }
        let t = tokens[i]
        guard t.kind == .word, t.has(.latin), !t.has(.cyrillic), !t.has(.digit), t.has(.capitalized) else { return nil }
        let k = key(i)
        guard k.count <= 6 else { return nil }
        var total = 0, prev = 0
        for b in k.reversed() {
            let v: Int
            switch b {
            case UInt8(ascii: "i"): v = 1
            case UInt8(ascii: "v"): v = 5
            case UInt8(ascii: "x"): v = 10
            default: return nil
            }
            if v < prev { total -= v } else { total += v; prev = v }
        }
        return total
    }

    /// «XX век», «XIX века», «двадцатого века», «21 век», «XX–XXI веков».
    func century(_ j: Int, lead: Lead) -> DateMatch? {
        var c: Int?
        var k = j
        if let r = romanNumeral(j) {
            c = r; k = j + 1
        } else if let o = entry(j, .ord), o.int >= 10 {
            c = o.int; k = j + 1
        } else if let num = number(j), num.count == 1, num.digits.0 <= 2, num.suffix == .none || num.suffix == .ordinal {
            c = num.first; k = j + 1
        } else if let t = entry(j, .num), t.int == 20, let o = entry(j + 1, .ord), o.int < 10 {
            c = 20 + o.int; k = j + 2
        }
        guard let cc = c, (1...22).contains(cc) else { return nil }
        var endCentury: Int?
        if isDash(k), let r2 = romanNumeral(k + 1), r2 == cc + 1 {
            endCentury = r2
            k += 2
        }
        guard let u = entry(k, .unit), u.unit == .century else { return nil }
        var s = DateSpec()
        s.year = (cc - 1) * 100
        s.yearSpan = 100
        var m = DateMatch(start: j, end: k + 1, spec: s, rule: "date.century")
        if let ec = endCentury {
            var e = DateSpec()
            e.year = (ec - 1) * 100
            e.yearSpan = 100
            m.endSpec = e
        }
        if s.year == 0 { m.spec.year = 1; m.spec.yearSpan = 99 }
        return m
    }

    // MARK: - Weekdays and deictic words

    /// «в понедельник», «в понедельник, 27 апреля 2020 года», «в прошлую пятницу» (see `relative`).
    func weekday(_ j: Int, lead: Lead) -> DateMatch? {
        guard let wd = entry(j, .weekday) else { return nil }
        var k = j + 1
        if isComma(k) || isDash(k) { k += 1 }
        if let d = dayFirst(k), d.endSpec == nil, d.spec.day != nil {
            var m = d
            m.start = j
            m.spec.weekday = wd.int
            m.rule = "date.weekday-date"
            return m
        }
        // A bare weekday needs a preposition («в пятницу») or a coordinated weekday before it
        // («в пятницу и субботу»); alone it is a noun («окружающую среду», «Пятница»).
        if lead.isEmpty && !(j >= 2 && entry(j - 1, .connector) != nil && entry(j - 2, .weekday) != nil) { return nil }
        if tokens[j].has(.latin) { return nil }
        var s = DateSpec()
        s.weekday = wd.int
        return DateMatch(start: j, end: j + 1, spec: s, rule: "date.weekday")
    }

    /// «ЕГЭ-2013», «Евровидение-2019», «COVID-19»: the year inside a name. NEREL marks the digits
    /// as DATE; the span is the digits only (`suffixScalars`), the value the year.
    func nameYear(_ i: Int) -> DateMatch? {
        let k = key(i)
        guard let dash = k.lastIndex(of: UInt8(ascii: "-")), dash > 0, dash + 1 < k.count else { return nil }
        let first = k[0]
        guard !(first >= 48 && first <= 57) else { return nil }
        var v = 0
        for b in k[(dash + 1)...] {
            guard b >= 48 && b <= 57 else { return nil }
            v = v * 10 + Int(b - 48)
        }
        let digits = k.count - dash - 1
        var s = DateSpec()
        if digits == 4, (1900...2100).contains(v) {
            s.year = v
        } else if digits == 2 {
            let r = lexicon.lookup(UnsafeBufferPointer(rebasing: k[..<dash]))
            guard let e = entries[r].first(where: { $0.cls == .yearName }) else { return nil }
            s.year = e.int + v
        } else {
            return nil
        }
        var m = DateMatch(start: i, end: i + 1, spec: s, rule: "date.name-year")
        m.suffixScalars = digits
        return m
    }

    /// «в выходные», «на выходных»: the latest Saturday–Sunday up to `published`.
    func weekend(_ j: Int, lead: Lead) -> DateMatch? {
        guard entry(j, .weekend) != nil, lead.kinds == [.in] || lead.kinds == [.on] else { return nil }
        var s = DateSpec()
        s.weekday = 6
        s.weekend = true
        return DateMatch(start: j, end: j + 1, spec: s, rule: "date.weekday")
    }

    /// сегодня, вчера, позавчера, завтра, «на сегодняшний день»; «вчера, 9 мая 2019 года».
    func deictic(_ j: Int, lead: Lead) -> DateMatch? {
        var s = DateSpec()
        var k = j + 1
        if let d = entry(j, .deictic) {
            s.dayShift = d.int
        } else if let d = entry(j, .deictic_adj) {
            s.dayShift = d.int
            if let u = entry(k, .unit), u.unit == .day { k += 1 }  // «сегодняшний день»
        } else {
            return nil
        }
        if isComma(k), let d = dayFirst(k + 1), d.endSpec == nil {
            var m = d
            m.start = j
            m.rule = "date.deictic-date"
            return m
        }
        return DateMatch(start: j, end: k, spec: s, rule: "date.deictic")
    }

    // MARK: - Relative expressions

    /// «в прошлом году», «на этой неделе», «в следующем месяце», «в текущем сезоне»,
    /// «в прошлом сентябре», «в прошлую пятницу», «прошлой осенью», «в тот же день», «в этом же году».
    func relative(_ j: Int, lead: Lead) -> DateMatch? {
        var k = j
        var shift: Int?
        var that = false
        if let r = entry(k, .rel) { shift = r.int; k += 1 } else if entry(k, .that) != nil { that = true; k += 1 } else { return nil }
        var same = false
        if entry(k, .same) != nil { same = true; k += 1 }
        var s = DateSpec()
        // «в текущем 2011 году»
        if !that, !same, shift == 0, let (e, y, withUnit) = year(k), withUnit {
            s.year = y
            return DateMatch(start: j, end: e, spec: s, rule: "date.year")
        }
        if let u = entry(k, .unit), let unit = u.unit, !u.countOnly {
            let anaphoric = that || same || (unit == .day)
            if anaphoric {
                s.anaphoric = true
                switch unit {
                case .day: s.dayShift = shift ?? 0
                case .week: s.weekShift = shift ?? 0
                case .month: s.monthShift = shift ?? 0
                default: s.yearShift = shift ?? 0
                }
                return DateMatch(start: j, end: k + 1, spec: s, rule: "date.anaphoric")
            }
            guard let sh = shift else { return nil }
            switch unit {
            case .week: s.weekShift = sh
            case .month: s.monthShift = sh
            case .year: s.yearShift = sh
            case .season:
                s.kind = .vague
                s.vague = sh < 0 ? "previous-season" : sh > 0 ? "next-season" : "current-season"
                s.unit = .season
            case .quarter:
                s.kind = .vague
                s.vague = sh < 0 ? "previous-quarter" : sh > 0 ? "next-quarter" : "current-quarter"
                s.unit = .quarter
            case .decade, .century, .halfyear, .halfcentury:
                s.kind = .vague
                s.vague = sh < 0 ? "previous" : sh > 0 ? "next" : "current"
                s.unit = unit
            default: return nil
            }
            return DateMatch(start: j, end: k + 1, spec: s, rule: "date.relative-unit")
        }
        if entry(k, .weekend) != nil {
            s.kind = .vague
            s.vague = (shift ?? 0) < 0 ? "previous-weekend" : (shift ?? 0) > 0 ? "next-weekend" : "weekend"
            s.anaphoric = that || same
            return DateMatch(start: j, end: k + 1, spec: s, rule: "date.relative-unit")
        }
        guard let sh = shift, !same else {
            if that || same, let m = singleMonth(k) {  // «в том же мае»
                s.month = m
                s.anaphoric = true
                return DateMatch(start: j, end: k + 1, spec: s, rule: "date.anaphoric")
            }
            return nil
        }
        if let m = singleMonth(k) {
            s.month = m
            if sh == 0 { s.yearShift = 0 } else { s.nearestShift = sh }
            return DateMatch(start: j, end: k + 1, spec: s, rule: "date.relative-month")
        }
        if let wd = entry(k, .weekday) {
            s.weekday = wd.int
            if sh > 0 { s.weekShift = sh } else if sh < 0 { s.nearestShift = -1 }
            // «в минувшую субботу, 17 сентября 2016 года»
            if isComma(k + 1) || isDash(k + 1), let d = dayFirst(k + 2), d.endSpec == nil {
                var m = d
                m.start = j
                m.spec.weekday = wd.int
                m.rule = "date.weekday-date"
                return m
            }
            return DateMatch(start: j, end: k + 1, spec: s, rule: "date.weekday-relative")
        }
        if let se = entry(k, .season), let season = se.season {
            s.season = season
            if sh == 0 { s.yearShift = 0 } else { s.nearestShift = sh }
            return DateMatch(start: j, end: k + 1, spec: s, rule: "date.season")
        }
        return nil
    }

    /// «в начале 2017 года», «в конце прошлого года», «до конца мая», «в середине 1970-х»,
    /// «во второй половине 1950-х», «в первом квартале», «в I квартале 2020 года».
    func partOf(_ j: Int, lead: Lead) -> DateMatch? {
        var part: PeriodPart?
        var k = j
        if let p = entry(j, .part), let pp = p.part, pp != .firstHalf {
            part = pp; k = j + 1
        } else if let o = entry(j, .ord), let p = entry(j + 1, .part), p.part == .firstHalf, o.int == 1 || o.int == 2 {
            part = o.int == 1 ? .firstHalf : .secondHalf; k = j + 2
        } else if let q = entry(j, .ord)?.int ?? romanNumeral(j), (1...4).contains(q), let u = entry(j + 1, .unit), u.unit == .quarter {
            var s = DateSpec()
            s.quarter = q
            var kk = j + 2
            if let (e, y, _) = year(kk) { s.year = y; kk = e } else if let (e, sh, an) = relativeYear(kk) {
                s.yearShift = sh; s.anaphoric = an; kk = e
            } else { s.yearShift = 0 }
            return DateMatch(start: j, end: kk, spec: s, rule: "date.quarter")
        } else if let o = entry(j, .ord), (1...2).contains(o.int), let u = entry(j + 1, .unit), u.unit == .halfyear {
            var s = DateSpec()
            s.part = o.int == 1 ? .firstHalf : .secondHalf
            var kk = j + 2
            if let (e, y, _) = year(kk) { s.year = y; kk = e } else if let (e, sh, an) = relativeYear(kk) {
                s.yearShift = sh; s.anaphoric = an; kk = e
            } else { s.yearShift = 0 }
            return DateMatch(start: j, end: kk, spec: s, rule: "date.half-of")
        }
        guard let part else { return nil }
        let rule = (part == .firstHalf || part == .secondHalf) ? "date.half-of" : "date.part-of"
        // The period the part is of.
        // The genitive after «начале/конце» governs like a preposition: «в конце марта».
        if let inner = calendar(k, lead: Lead(kinds: [.in])) ?? season(k, lead: Lead()), inner.endSpec == nil, inner.spec.day == nil {
            var m = inner
            m.start = j
            m.spec.part = part
            m.rule = rule
            return m
        }
        if let (e, sh, an) = relativeYear(k) {
            var s = DateSpec(); s.yearShift = sh; s.anaphoric = an; s.part = part
            if an { s.yearShift = 0 }
            return DateMatch(start: j, end: e, spec: s, rule: rule)
        }
        if let r = relative(k, lead: Lead()), r.spec.day == nil, r.spec.dayShift == nil {
            var m = r
            m.start = j
            m.spec.part = part
            m.rule = rule
            return m
        }
        // «до конца года», «в начале месяца», «в конце недели», «до конца сезона»: the current one.
        if let u = entry(k, .unit), let unit = u.unit, !u.countOnly {
            var s = DateSpec()
            s.part = part
            switch unit {
            case .year: s.yearShift = 0
            case .month: s.monthShift = 0
            case .week: s.weekShift = 0
            default:
                s.kind = .vague
                s.vague = "current-" + unit.name
            }
            return DateMatch(start: j, end: k + 1, spec: s, rule: rule)
        }
        return nil
    }

    /// «летом 2020 года», «осенью прошлого года», «весной», «зимой 2019/20».
    func season(_ j: Int, lead: Lead) -> DateMatch? {
        guard let se = entry(j, .season), let season = se.season else { return nil }
        var s = DateSpec()
        s.season = season
        var k = j + 1
        if let (e, y, _) = year(k) {
            s.year = season == .winter ? y : y
            k = e
        } else if let (e, sh, an) = relativeYear(k) {
            s.yearShift = sh; s.anaphoric = an; k = e
        } else if lead.isEmpty && tokens[j].has(.capitalized) && !(j == 0 || tokens[j].has(.newlineBefore) || isSentenceStart(j)) {
            return nil
        } else if lead.isEmpty && !isSeasonAdverb(j) {
            return nil  // «зима близко», «осень»: the noun, not a time («зимой», «летом» are)
        }
        return DateMatch(start: j, end: k, spec: s, rule: "date.season")
    }

    /// Instrumental season forms used as adverbs of time: зимой, весной, летом, осенью.
    func isSeasonAdverb(_ j: Int) -> Bool {
        isKey(j, "зимой") || isKey(j, "весной") || isKey(j, "летом") || isKey(j, "осенью")
    }

    func isSentenceStart(_ j: Int) -> Bool {
        guard j > 0 else { return true }
        let p = tokens[j - 1]
        if p.kind == .punct {
            let b = keys[Int(p.keyStart)]
            return b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
        }
        return tokens[j].has(.newlineBefore)
    }

    /// «в последние годы», «за последние 200 лет», «последние полтора года», «в ближайшие месяцы»,
    /// «в разные годы», «в последнее время».
    func lastPeriod(_ j: Int, lead: Lead) -> DateMatch? {
        var s = DateSpec()
        let which: String
        if entry(j, .last) != nil { which = "last" } else if entry(j, .nearest) != nil { which = "next" } else if entry(j, .different) != nil {
            which = "various"
        } else if let r = entry(j, .rel), r.int == 1, quantity(j + 1) != nil {
            which = "next"  // «на следующие пять лет»
        } else { return nil }
        var k = j + 1
        var amount: Double?
        if let q = quantity(k) { amount = q.amount; k = q.end }
        guard let u = entry(k, .unit), let unit = u.unit else { return nil }
        if which == "various" {
            s.kind = .vague
            s.vague = "various"
            s.unit = unit
        } else {
            s.kind = .duration
            s.unit = unit
            s.amount = amount
            s.vague = which
        }
        return DateMatch(start: j, end: k + 1, spec: s, rule: "date.last-period")
    }

    // MARK: - Durations, offsets, frequencies

    /// A count: «3», «1,5», «35-ти», «двадцать пять», «полтора», «несколько» (amount nil), «пару».
    func quantity(_ i: Int) -> (end: Int, amount: Double?)? {
        guard i < n else { return nil }
        if let num = number(i) {
            if let v = num.plain, num.digits.0 <= 4, v <= 5000 { return (i + 1, Double(v)) }
            if let d = num.decimal { return (i + 1, d) }
            // «45-60 дней»: a range of counts, vague.
            if num.count == 2, num.sep1 == UInt8(ascii: "-"), num.suffix == .none, num.second > num.first { return (i + 1, nil) }
            if num.count == 1, num.hyphenSuffix, num.suffix == .numeral || (num.suffix == .decade && num.first % 10 != 0) {
                return (i + 1, Double(num.first))
            }
            return nil
        }
        if let a = entry(i, .num) {
            var v = a.number
            var k = i + 1
            if v >= 20, v.truncatingRemainder(dividingBy: 10) == 0, let b = entry(k, .num), b.number < 10, b.number >= 1 {
                v += b.number; k += 1
            } else if v == 100, let b = entry(k, .num), b.number < 100 {
                v += b.number; k += 1
            }
            return (k, v)
        }
        if entry(i, .few) != nil || entry(i, .many) != nil { return (i + 1, nil) }
        return nil
    }

    func duration(_ j: Int, lead: Lead) -> DateMatch? {
        var s = DateSpec()
        s.kind = .duration
        var k = j
        var hadQuantity = false
        // «от 8 до 20 лет»: a range of durations (sentences); the value says the bounds.
        if lead.kinds == [.since], let q1 = quantity(j), let a1 = q1.amount, entry(q1.end, .prep)?.prep == .until,
           let q2 = quantity(q1.end + 1), let a2 = q2.amount, let u = entry(q2.end, .unit), let unit = u.unit {
            s.unit = unit
            s.vague = DateSpec.number(a1) + ".." + DateSpec.number(a2)
            return DateMatch(start: j, end: q2.end + 1, spec: s, rule: "date.duration")
        }
        if let u = entry(j, .unit), u.selfCounted {
            s.unit = u.unit
            s.amount = 1
            k = j + 1
            hadQuantity = true
        } else {
            if let q = quantity(j) {
                s.amount = q.amount
                if q.amount == nil {
                    if let num = number(j), num.count == 2 {
                        s.vague = String(num.first) + ".." + String(num.second)
                    } else {
                        s.vague = entry(j, .few) != nil ? "few" : "many"
                    }
                }
                k = q.end
                hadQuantity = true
            }
            guard let u = entry(k, .unit), let unit = u.unit, !u.selfCounted else {
                // «на днях»
                return nil
            }
            if u.countOnly && !hadQuantity { return nil }  // «через лет пять»: «лет» needs its count first
            s.unit = unit
            if !hadQuantity { s.amount = 1 }
            k += 1
            // «1 год 6 месяцев»
            if hadQuantity, let q2 = quantity(k), let a2 = q2.amount, let u2 = entry(q2.end, .unit), let unit2 = u2.unit, unit2 != unit {
                s.amount2 = a2
                s.unit2 = unit2
                k = q2.end + 1
            }
        }
        let unit = s.unit!
        // «на днях» is vague («recently»), not a one-day duration.
        if !hadQuantity, isDaysLocative(k - 1) { return nil }
        // Tails: назад, тому назад, спустя/позже/ранее.
        var tailAgo = false
        var tailShift: Int?
        if entry(k, .ago) != nil { tailAgo = true; k += 1 } else if entry(k, .tomu) != nil, entry(k + 1, .ago) != nil {
            tailAgo = true; k += 2
        } else if let a = entry(k, .afterShift) { tailShift = a.int; k += 1 }
        let after = lead.has(.after) || lead.has(.after2)
        // Ages are not dates: «в 90 лет», «в возрасте 92 лет», «ему было 59 лет», «Картер, 49 лет,», «(26 лет)».
        if unit == .year, hadQuantity, !tailAgo, tailShift == nil, !after {
            if lead.onlyIn { return nil }
            let before = j - lead.kinds.count - 1
            // «ему было всего пять лет», «исполнилось бы 125 лет», «младше его на год»
            if before >= 0, entry(before, .ageCue) != nil || (lead.isEmpty && before >= 1 && entry(before - 1, .ageCue) != nil) { return nil }
            if entry(k, .ageCue) != nil { return nil }  // «на несколько месяцев старше»
            if lead.isEmpty, before >= 0 {
                if entry(before, .prep)?.prep == .in || isByte(before, UInt8(ascii: "(")) { return nil }
                let p = tokens[before]
                if p.kind == .word, p.has(.capitalized) { return nil }  // «Глазков 40 лет», «Келли 52 года.»
                if isComma(before), before >= 1, tokens[before - 1].has(.capitalized), tokens[before - 1].kind == .word { return nil }
                if isComma(before) || entry(before, .connector) != nil, before >= 1, tokens[before - 1].kind == .number { return nil }  // «27 и 34 лет»
            }
        }
        if !tailAgo, tailShift == nil, entry(k, .ageCue) != nil { return nil }  // «на год старше» (not «два года назад ему…»)
        // «на 85 году жизни» is an age; «Один день Ивана Денисовича» a title.
        if hadQuantity, isKey(k - 1, "году") { return nil }
        if lead.isEmpty, j > 0, tokens[j - 1].kind == .quote, tokens[j].has(.capitalized) { return nil }
        if !hadQuantity && !tailAgo && tailShift == nil {
            // A bare unit: «на год», «за день», «в течение года», «через месяц», «в день» (a rate).
            if lead.isEmpty { return nil }
            if tokens[j].has(.capitalized) && !isSentenceStart(j - lead.kinds.count) { return nil }  // «на Неделе моды»
            if lead.kinds == [.to] && unit != .year { return nil }  // «ко дню рождения»
            if lead.onlyIn {
                guard unit == .day || unit == .year || unit == .month || unit == .week else { return nil }
                let next = k < n ? tokens[k] : nil
                guard next == nil || next!.kind == .punct || next!.kind == .dash else { return nil }
                var f = DateSpec()
                f.kind = .frequency
                f.unit = unit
                f.amount = 1
                return DateMatch(start: j, end: k, spec: f, rule: "date.frequency")
            }
            if lead.kinds == [.from] || lead.kinds == [.by] || lead.kinds == [.since] || lead.kinds == [.until] { return nil }
        }
        // «за 5 месяцев этого года», «за полгода до этого».
        if let (e, _, _) = relativeYear(k) {
            k = e
        } else if let (e, _, withUnit) = year(k), withUnit {
            k = e
        }
        if lead.has(.for), entry(k, .prep)?.prep == .until, entry(k + 1, .thisThat) != nil { k += 2 }
        if tailAgo || after {
            var p = DateSpec()
            // «через два года после Брексита», «за месяц до выборов»: relative to the event, not the article.
            p.anaphoric = entry(k, .post) != nil || (after && entry(k, .prep)?.prep == .until)
            let sign = tailAgo ? -1 : 1
            guard let a = s.amount, s.amount2 == nil, a == a.rounded() else {
                var v = DateSpec()
                v.kind = .vague
                v.vague = tailAgo ? "ago" : "later"
                v.unit = unit
                return DateMatch(start: j, end: k, spec: v, rule: tailAgo ? "date.offset-ago" : "date.offset-after")
            }
            let amount = Int(a) * sign
            switch unit {
            case .day: p.dayShift = amount
            case .week: p.dayShift = 7 * amount
            case .month: p.monthShift = amount
            case .year: p.yearShift = amount
            case .decade: p.yearShift = 10 * amount
            default:
                p.kind = .vague
                p.vague = tailAgo ? "ago" : "later"
                p.unit = unit
            }
            // «через четыре года, в декабре 1981», «более 10 лет назад, 20 сентября 2000 года»: one span, the date's value.
            if isComma(k) {
                var kk = k + 1
                var inner = Lead()
                if let pr = entry(kk, .prep), pr.prep == .in { inner.kinds = [.in]; kk += 1 }
                if let c = calendar(kk, lead: inner), c.spec.year != nil, c.endSpec == nil {
                    var m = c
                    m.start = j
                    return m
                }
            }
            return DateMatch(start: j, end: k, spec: p, rule: tailAgo ? "date.offset-ago" : "date.offset-after")
        }
        if let sh = tailShift {
            var p = DateSpec()
            p.anaphoric = true
            let amount = Int(s.amount ?? 1) * sh
            switch unit {
            case .day: p.dayShift = amount
            case .week: p.weekShift = amount
            case .month: p.monthShift = amount
            default: p.yearShift = amount
            }
            return DateMatch(start: j, end: k, spec: p, rule: "date.anaphoric")
        }
        return DateMatch(start: j, end: k, spec: s, rule: "date.duration")
    }

    /// «днях» (locative plural) — only «на днях» means "recently".
    func isDaysLocative(_ i: Int) -> Bool {
        let k = key(i)
        return k.count == 8 && k[6] == 0xD1 && k[7] == 0x85 && k[4] == 0xD1 && k[5] == 0x8F  // «днях»
    }

    /// «23-летний срок», «пятилетний контракт», «трёхмесячный карантин»: a duration only before a
    /// noun that names a period; «40-летний политик» is an age and stays untagged.
    func durationAdjective(_ j: Int, lead: Lead) -> DateMatch? {
        guard j + 1 < n, entry(j + 1, .durationNoun) != nil else { return nil }
        var s = DateSpec()
        s.kind = .duration
        if let num = number(j), num.count == 1, num.hyphenSuffix {
            switch num.suffix {
            case .years: s.unit = .year
            case .months: s.unit = .month
            case .days: s.unit = .day
            case .weeks: s.unit = .week
            default: return nil
            }
            s.amount = Double(num.first)
        } else {
            guard tokens[j].kind == .word, tokens[j].has(.cyrillic) else { return nil }
            let k = key(j)
            guard let (amount, unit) = adjectiveStem(k) else { return nil }
            s.amount = amount
            s.unit = unit
        }
        var m = DateMatch(start: j, end: j + 1, spec: s, rule: "date.duration-adjective")
        m.keepLead = false
        return m
    }

    /// Splits «пятилетний» into a numeral stem (from the lexicon) and «летн…» / «месячн…» / «дневн…» / «недельн…».
    func adjectiveStem(_ k: UnsafeBufferPointer<UInt8>) -> (Double, DateSpec.Unit)? {
        let markers: [(StaticString, DateSpec.Unit)] = [("летн", .year), ("месячн", .month), ("дневн", .day), ("недельн", .week)]
        for (marker, unit) in markers {
            let m = marker.utf8CodeUnitCount
            guard k.count > m else { continue }
            var pos = 2
            while pos + m <= k.count {
                var ok = true
                for x in 0..<m where k[pos + x] != marker.utf8Start[x] { ok = false; break }
                if ok {
                    let stem = lexicon.lookup(UnsafeBufferPointer(rebasing: k[..<pos]))
                    if let e = entries[stem].first(where: { $0.cls == .stem }) { return (e.number, unit) }
                    return nil
                }
                pos += 2
            }
        }
        return nil
    }

    /// «ежегодно», «каждый день», «каждые три года».
    func frequency(_ j: Int, lead: Lead) -> DateMatch? {
        var s = DateSpec()
        s.kind = .frequency
        if let f = entry(j, .freq) {
            s.unit = f.unit ?? .year
            s.amount = 1
            return DateMatch(start: j, end: j + 1, spec: s, rule: "date.frequency")
        }
        guard entry(j, .every) != nil else { return nil }
        var k = j + 1
        s.amount = 1
        if let q = quantity(k), let a = q.amount { s.amount = a; k = q.end }
        guard let u = entry(k, .unit), let unit = u.unit else { return nil }
        s.unit = unit
        return DateMatch(start: j, end: k + 1, spec: s, rule: "date.frequency")
    }
}
