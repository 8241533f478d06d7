/// Organization rules (ids are `rule:<id>`; examples are test rows in `OrganizationRulesTests`).
struct OrganizationRules {
    /// `org.quoted-after-head` — a quoted name after an organization head noun; the span is the
    /// name inside the quotes: «компания "Яндекс"», агентство «РИА Новости», ООО «Ромашка».
    static let quotedAfterHead = "org.quoted-after-head"
    /// `org.named-head` — a capitalised head noun (optionally after capitalised adjectives) with
    /// its genitive/adjective tail: «Служба внешней разведки», «Министерство иностранных дел
    /// России», «Конституционного суда», «Большого театра», «Национального фронта».
    static let namedHead = "org.named-head"
    /// `org.abbreviation` — an all-caps Cyrillic abbreviation, possibly with a case ending:
    /// «ДПНИ», «МИДа», «ФСБ» (when not in a gazetteer). Not when the text defines it in
    /// parentheses after a lowercase expansion: «международной информационной безопасности (МИБ)»
    /// names a term, not an organization.
    static let abbreviation = "org.abbreviation"
    /// `org.latin-name` — Latin-script capitalised words used as an actor in Cyrillic text:
    /// «SolarWinds», «Vestas», «World Fashion Channel», «APT29».
    static let latinName = "org.latin-name"
    /// `org.compound-word` — a capitalised word unknown to the dictionary, built from an
    /// organization prefix or suffix (`org-word-parts.tsv`): «Росприроднадзора», «Минсвязи»,
    /// «Нацфронта», «Рыбохраны».
    static let compoundWord = "org.compound-word"
    /// `org.quoted-after-abbreviation` — a quoted name right after an all-caps organization
    /// abbreviation that is not a common word: РИА «Новости», РКК «Энергия». The span is the
    /// quoted name, as after a head noun (legal forms such as ООО are head nouns already).
    static let quotedAfterAbbreviation = "org.quoted-after-abbreviation"
    /// `org.quoted-after-report` — a quoted name right after a verb of reporting (`report-verbs.tsv`)
    /// is the outlet that reports: сообщает «Интерфакс», пишет «Коммерсантъ», цитирует «Росбалт».
    /// (NEREL v1.1 train: all 31 such quoted names are organizations.)
    static let quotedAfterReport = "org.quoted-after-report"
    /// `org.site-after-report` — a bare site name right after a verb of reporting is the outlet:
    /// «сообщает baltinfo.ru», «как пишет Lenta.ru» (NEREL v1.1 train: all site names after
    /// such a verb are organizations). A site name elsewhere may be a product («на change.org»).
    static let siteAfterReport = "org.site-after-report"
    /// `org.abbreviation-complement` — an organization abbreviation (optionally after another one
    /// and before a country) with a «по» complement naming a place is one regional body:
    /// «ГУ МЧС России по Санкт-Петербургу», «МЧС по Санкт-Петербургу и Ленобласти», «УФСБ по Москве».
    static let abbreviationComplement = "org.abbreviation-complement"

    func candidates(_ ctx: TokenContext) -> [Candidate] {
        var out: [Candidate] = []
        func add(_ r: Range<Int>, _ rule: String, _ priority: Int) {
            out.append(Candidate(tokenRange: r, type: .ORG, reference: .phrase, source: "rule:" + rule, priority: priority))
        }
        let termAbbreviations = self.termAbbreviations(ctx)
        var i = 0
        while i < ctx.count {
            defer { i += 1 }
            let t = ctx.token(i)
            if t.kind == .url, i > 0, ctx.token(i).has(.spaceBefore), isSiteName(ctx, i), ctx.token(i - 1).kind == .word,
               !ctx.token(i - 1).has(.capitalized), ctx.lemmaKeys(i - 1).contains(where: ctx.lexicon.reportVerbs.contains) {
                add(i..<(i + 1), OrganizationRules.siteAfterReport, CandidatePriority.organizationPhrase)
                continue
            }
            guard t.kind == .word else { continue }
            // Quoted name after a head noun, an organization abbreviation or a verb of reporting.
            if i + 2 < ctx.count, ctx.token(i + 1).kind == .quote, ctx.isOpeningQuote(i + 1),
               let rule = quotedNameRule(ctx, before: i) {
                var j = i + 2
                while j < ctx.count, j < i + 10, !ctx.isClosingQuote(j), ctx.token(j).kind != .punct || ctx.isPunct(j, "-") || isInnerDot(ctx, j) { j += 1 }
                if j < ctx.count, j > i + 2, ctx.isClosingQuote(j), ctx.isCapitalizedWord(i + 2) || ctx.token(i + 2).kind == .number ||
                    (ctx.token(i + 2).kind == .url && j == i + 3 && isSiteName(ctx, i + 2)) ||
                    (ctx.token(i + 2).kind == .word && ctx.token(i + 2).has(.capitalized)),
                   rule == OrganizationRules.quotedAfterHead || !ctx.hasFunctionWordReading(i + 2) {
                    add((i + 2)..<j, rule, CandidatePriority.organizationPhrase)
                }
                if rule == OrganizationRules.quotedAfterHead { continue }
            }
            // Capitalised adjectives + head + genitive tail.
            if ctx.isCapitalizedWord(i), t.has(.cyrillic), !t.has(.allCaps) {
                var head = i
                // Adjectives before the head; after the first (capitalised) one they may be lowercase,
                // joined by «и»: «Всемирной продовольственной и сельскохозяйственной организации».
                while head < ctx.count, head < i + 5, ctx.token(head).kind == .word, !isHead(ctx, head, quoted: false) {
                    if isAdjective(ctx, head) { head += 1; continue }
                    if head > i, ctx.key(head) == "и", head + 1 < ctx.count, isAdjective(ctx, head + 1) { head += 2; continue }
                    break
                }
                if head < ctx.count, isHead(ctx, head, quoted: false), head == i || ctx.token(head).kind == .word {
                    let end = complementTail(ctx, from: tail(ctx, after: head, latinEnds: true))
                    let length = end - i
                    // A lone capitalised head at a sentence start («Суд постановил») is not a name.
                    if length >= 2 || (!ctx.atSentenceStart[i] && ctx.isCapitalizedWord(head)) {
                        add(i..<end, OrganizationRules.namedHead, CandidatePriority.organizationPhrase)
                        continue
                    }
                }
            }
            if isCompoundOrganizationWord(ctx, i) {
                add(i..<(i + 1), OrganizationRules.compoundWord, CandidatePriority.organizationPhrase - 5)
                continue
            }
            if t.has(.allCaps), t.has(.cyrillic), !ctx.hasDictionaryReading(i, .geox), let end = abbreviationComplementEnd(ctx, i) {
                let start = i > 0 && ctx.token(i - 1).has(.allCaps) && ctx.token(i - 1).has(.cyrillic) && ctx.token(i).has(.spaceBefore) &&
                    !ctx.token(i).has(.newlineBefore) && !ctx.hasDictionaryReading(i - 1, .geox) ? i - 1 : i
                add(start..<end, OrganizationRules.abbreviationComplement, CandidatePriority.organizationPhrase)
            }
            if isAbbreviation(ctx, i), !termAbbreviations.contains(ctx.key(i)) {
                add(i..<(i + 1), OrganizationRules.abbreviation, CandidatePriority.fallback)
                continue
            }
            if isLatinName(ctx, i), !ctx.blockFlags(i).contains(.photoCredit), !ctx.blockFlags(i).contains(.byline) {
                var end = i + 1
                while end < ctx.count, end < i + 8, ctx.token(end).has(.spaceBefore) {
                    if isLatinName(ctx, end) { end += 1; continue }
                    if OrganizationRules.latinConnectors.contains(ctx.key(end)), end + 1 < ctx.count, isLatinName(ctx, end + 1) { end += 2; continue }
                    break
                }
                // «Corus Chess Tournament»: an English event or work noun ends the name of an event.
                if !followsProductHead(ctx, i), !ctx.lexicon.productHeads.contains(token: end - 1, of: ctx.segmentation) {
                    add(i..<end, OrganizationRules.latinName, CandidatePriority.fallback)
                }
                i = end - 1
            }
        }
        return out
    }

    /// Lowercase words inside Latin names: «Bank of China», «Committee to Protect Journalists», «Harles und Jentzsch».
    static let latinConnectors: Set<String> = ["of", "and", "the", "&", "to", "for", "de", "la", "le", "du", "des", "und", "von", "van", "da", "del", "di", "on", "in"]

    /// End of «ABBR [России|РФ] по <place>…» (`abbreviationComplement`), or nil.
    func abbreviationComplementEnd(_ ctx: TokenContext, _ i: Int) -> Int? {
        var j = i + 1
        // An optional country: «МЧС России по …», «МВД РФ по …».
        if j < ctx.count, ctx.token(j).kind == .word, ctx.isCapitalizedWord(j), ctx.hasDictionaryReading(j, .geox), ctx.hasReading(j, .gent) { j += 1 }
        guard j < ctx.count, ctx.key(j) == "по", !ctx.token(j).has(.newlineBefore) else { return nil }
        // The complement is a place: «по Санкт-Петербургу (и Ленобласти)», «по городу Москве»,
        // «по Нижегородской области» — not a topic («по правам человека») or a person.
        func place(_ k: Int) -> Int? {
            guard k < ctx.count, ctx.token(k).kind == .word, !ctx.token(k).has(.newlineBefore) else { return nil }
            if !ctx.isCapitalizedWord(k), ctx.lexicon.settlementHeads.contains(token: k, of: ctx.segmentation) || ctx.lexicon.regionHeads.contains(token: k, of: ctx.segmentation) {
                return place(k + 1)
            }
            guard ctx.isCapitalizedWord(k), !startsPersonName(ctx, k), ctx.hasReading(k, .datv) || !ctx.isKnownWord(k) else { return nil }
            if ctx.hasDictionaryReading(k, .name) || ctx.hasDictionaryReading(k, .surn) { return nil }
            // «Нижегородской области»: a capitalised adjective with its region head.
            if k + 1 < ctx.count, ctx.parses(k).first.map({ $0.grammemes.contains(.adjf) }) == true {
                return ctx.lexicon.regionHeads.contains(token: k + 1, of: ctx.segmentation) ? k + 2 : nil
            }
            return ctx.hasReading(k, .geox) || !ctx.isKnownWord(k) ? k + 1 : nil
        }
        guard var end = place(j + 1) else { return nil }
        if end + 1 < ctx.count, ctx.key(end) == "и", let more = place(end + 1) { end = more }
        return end
    }

    /// A bare site name («Lenta.ru», «baltinfo.ru»), not an address with a scheme, path or e-mail.
    func isSiteName(_ ctx: TokenContext, _ i: Int) -> Bool {
        let text = ctx.text(i)
        return text.contains(".") && !text.contains("/") && !text.contains("@") && !text.contains(":") && text.count <= 40
    }

    /// A dot inside a word, as in a site name: «Gzt.Ru», «Лента.ру».
    func isInnerDot(_ ctx: TokenContext, _ j: Int) -> Bool {
        ctx.isPunct(j, ".") && !ctx.token(j).has(.spaceBefore) && j + 1 < ctx.count && ctx.token(j + 1).kind == .word && !ctx.token(j + 1).has(.spaceBefore)
    }

    /// Which quoted-name rule the word before an opening quote licenses, if any.
    func quotedNameRule(_ ctx: TokenContext, before i: Int) -> String? {
        if isHead(ctx, i, quoted: true) { return OrganizationRules.quotedAfterHead }
        let t = ctx.token(i)
        // Not after a place abbreviation: «УК РФ «Клевета»» names an article of the code.
        if t.has(.allCaps), t.has(.cyrillic), isAbbreviation(ctx, i), !ctx.hasDictionaryReading(i, .geox) {
            return OrganizationRules.quotedAfterAbbreviation
        }
        if !t.has(.capitalized), ctx.lemmaKeys(i).contains(where: ctx.lexicon.reportVerbs.contains) { return OrganizationRules.quotedAfterReport }
        return nil
    }

    /// A Latin name right after a lowercase noun for a kind of product, work or event
    /// (`non-org-heads.tsv`), possibly with adjectives between, names that thing and not its maker:
    /// «операционной системы Windows», «популярных игр FarmVille», «конкурс The BOBs».
    func followsProductHead(_ ctx: TokenContext, _ i: Int) -> Bool {
        var j = i - 1
        // A brand abbreviation may stand between: «автомобили ЗАЗ Forza».
        if j > 0, ctx.token(j).kind == .word, ctx.token(j).has(.allCaps), ctx.token(j).has(.cyrillic),
           ctx.token(j - 1).kind == .word, ctx.lexicon.productHeads.contains(token: j - 1, of: ctx.segmentation) { return true }
        while j >= 0, j > i - 4, ctx.token(j).kind == .word, !ctx.isCapitalizedWord(j) || ctx.token(j).has(.allCaps) {
            if ctx.lexicon.productHeads.contains(token: j, of: ctx.segmentation) { return true }
            guard isAdjective(ctx, j) else { return false }
            j -= 1
        }
        return false
    }

    /// A capitalised first name in the nominative starts a person, not a genitive tail or a
    /// complement of an organization: «Движения против нелегальной иммиграции Александр Белов»,
    /// «директора института политической экспертизы Евгения Минченко».
    func startsPersonName(_ ctx: TokenContext, _ j: Int) -> Bool {
        guard ctx.isCapitalizedWord(j), !ctx.atSentenceStart[j], j + 1 < ctx.count, ctx.isCapitalizedWord(j + 1),
              ctx.token(j + 1).has(.spaceBefore) else { return false }
        func firstName(_ parses: [MorphParse]) -> Bool {
            parses.contains { $0.isDictionary && $0.grammemes.contains(.name) && $0.grammemes.contains(.nomn) }
        }
        if firstName(ctx.parses(j)) { return true }
        // Double first names: «Жан-Мари», «Анна-Мария».
        guard ctx.token(j).has(.hyphenated) else { return false }
        let parts = ctx.text(j).split(separator: "-")
        return parts.count == 2 && parts.allSatisfy { firstName(ctx.analyzer.analyze($0)) }
    }

    func isHead(_ ctx: TokenContext, _ i: Int, quoted: Bool) -> Bool {
        ctx.token(i).kind == .word && (quoted ? ctx.lexicon.quotedHeads : ctx.lexicon.namedHeads).contains(token: i, of: ctx.segmentation)
    }

    func isAdjective(_ ctx: TokenContext, _ i: Int) -> Bool {
        ctx.token(i).kind == .word && ctx.parses(i).first.map { $0.grammemes.contains(.adjf) || $0.grammemes.contains(.prtf) } == true
    }

    /// Genitive/adjective tail after a head noun: «иностранных дел России», «внешней разведки».
    /// `latinEnds`: a Latin word after a capitalised head is an apposition, not a genitive
    /// («Корпорация Google» → «Google»); after a lowercase descriptor NEREL keeps it in the
    /// descriptive span («совет директоров банка HSBC»).
    func tail(_ ctx: TokenContext, after head: Int, latinEnds: Bool = false) -> Int {
        var j = head + 1
        var nouns = 0
        while j < ctx.count, j < head + 6, ctx.token(j).kind == .word, ctx.token(j).has(.spaceBefore) {
            // «имени Х» is a complement (`complementTail`), not a genitive noun.
            if ctx.key(j) == "имени" || ctx.key(j) == "им" { break }
            if (latinEnds && ctx.token(j).has(.latin)) || startsPersonName(ctx, j) { break }
            let parses = ctx.parses(j)
            guard let best = parses.first else { break }
            let gentive = parses.contains { $0.grammemes.contains(.gent) || $0.grammemes.contains(.gen2) }
            // Participles agree like adjectives: «Координационный совет пострадавших соинвесторов».
            let adjective = (best.grammemes.contains(.adjf) || best.grammemes.contains(.prtf)) && gentive
            let noun = parses.contains { ($0.grammemes.contains(.noun) || $0.grammemes.contains(.fixd)) && ($0.grammemes.contains(.gent) || $0.grammemes.contains(.fixd)) }
            let capitalizedName = ctx.isCapitalizedWord(j) && !ctx.atSentenceStart[j]
            guard adjective || (noun && (nouns < 2 || capitalizedName)) else { break }
            if best.grammemes.contains(.prep) || best.grammemes.contains(.conj) || best.grammemes.contains(.verb) { break }
            if noun { nouns += 1 }
            j += 1
            // A capitalised proper noun ends the tail («… России»); a capitalised common noun does
            // not («Парламентской ассамблеи Совета Европы», «комитета Совета Федерации»).
            if capitalizedName && noun && !adjective && !ctx.isCommonWord(j - 1) { break }
            // «и» between lowercase genitive nouns: «Института этнологии и антропологии».
            // (Not the same noun again: «Конгресса профсоюзов и профсоюза Юнайт» lists two bodies.)
            // Also with an adjective after «и»: «Министерство сельского хозяйства и пищевой промышленности».
            if noun, !capitalizedName, j + 1 < ctx.count, ctx.key(j) == "и", ctx.token(j + 1).kind == .word, !ctx.isCapitalizedWord(j + 1),
               Set(ctx.lemmaKeys(j + 1)).isDisjoint(with: ctx.lemmaKeys(j - 1)) {
                let next = ctx.parses(j + 1).first
                if next.map({ $0.grammemes.contains(.noun) && $0.grammemes.contains(.gent) }) == true {
                    j += 1
                } else if next.map({ $0.grammemes.contains(.adjf) && $0.grammemes.contains(.gent) }) == true, j + 2 < ctx.count,
                          ctx.token(j + 2).kind == .word, !ctx.isCapitalizedWord(j + 2),
                          ctx.parses(j + 2).first.map({ $0.grammemes.contains(.noun) && $0.grammemes.contains(.gent) }) == true {
                    j += 1
                }
            }
        }
        // Do not end on «и» or on an adjective without its noun.
        if j > head + 1, ctx.key(j - 1) == "и" { j -= 1 }
        while j > head + 1, let best = ctx.parses(j - 1).first, best.grammemes.contains(.adjf) { j -= 1 }
        return j
    }

    /// `org.named-head` complements after the genitive tail, part of the name in both corpora:
    /// «по» + a dative/locative noun phrase («Комитет по иностранным делам», «Агентство по охране
    /// окружающей среды», «Главное управление МВД России по Нижегородской области») and «имени» /
    /// «им.» + a person's name («Литературный институт имени А. М. Горького», «Театр им. Йозефа Бойса»).
    func complementTail(_ ctx: TokenContext, from start: Int) -> Int {
        var end = start
        // Complements chain: «Совета при Президенте РФ по развитию гражданского общества».
        while end < start + 20 {
            let next = complement(ctx, from: end)
            if next == end { break }
            end = next
        }
        return end
    }

    /// Prepositions that open a complement, with the case of the noun phrase after them.
    static let complementCases: [String: Grammemes] = ["по": [.datv, .loct], "при": [.loct], "против": [.gent]]

    func complement(_ ctx: TokenContext, from end: Int) -> Int {
        guard end < ctx.count, ctx.token(end).kind == .word, ctx.token(end).has(.spaceBefore),
              !ctx.token(end).has(.newlineBefore), !ctx.atSentenceStart[end] else { return end }
        let key = ctx.key(end)
        if key == "имени" || (key == "им" && end + 1 < ctx.count && ctx.isPunct(end + 1, ".")) {
            var j = end + (key == "им" ? 2 : 1)
            var names = 0
            while j < ctx.count, j < end + 8, !ctx.token(j).has(.newlineBefore) {
                let t = ctx.token(j)
                if t.kind == .word, t.has(.singleLetter), t.has(.capitalized), j + 1 < ctx.count, ctx.isPunct(j + 1, ".") { j += 2; continue }
                if ctx.isCapitalizedWord(j), !t.has(.singleLetter) { j += 1; names += 1; continue }
                if t.kind == .word, PersonRules.nameParticles.contains(ctx.key(j)) || ctx.key(j) == "и", names > 0 || ctx.key(j) != "и",
                   j + 1 < ctx.count, ctx.isCapitalizedWord(j + 1) { j += 1; continue }
                break
            }
            // End on the last full name word, not on an initial.
            while j > end, !(ctx.isCapitalizedWord(j - 1) && !ctx.token(j - 1).has(.singleLetter)) { j -= 1 }
            return names > 0 ? j : end
        }
        guard let cases = OrganizationRules.complementCases[key], end + 1 < ctx.count else { return end }
        var j = end + 1
        var lastNoun = -1
        var sawCase = false
        while j < ctx.count, j < end + 8, ctx.token(j).kind == .word, ctx.token(j).has(.spaceBefore), !ctx.token(j).has(.newlineBefore) {
            let parses = ctx.parses(j)
            guard let best = parses.first else { break }
            if ctx.token(j).has(.allCaps), sawCase { lastNoun = j; j += 1; continue }
            if startsPersonName(ctx, j) { break }
            if best.grammemes.contains(.prep) || best.grammemes.contains(.verb) || best.grammemes.contains(.npro) ||
               best.grammemes.contains(.advb) || best.grammemes.contains(.infn) || best.grammemes.contains(.grnd) { break }
            if ctx.key(j) == "и" {
                if lastNoun == j - 1 { j += 1; continue }
                break
            }
            let isNoun = parses.contains { $0.grammemes.contains(.noun) }
            let isAdj = best.grammemes.contains(.adjf) || best.grammemes.contains(.prtf)
            guard isNoun || isAdj else { break }
            // The phrase starts in the preposition's case («по делам», «при Президенте», «против пыток»).
            if !sawCase {
                guard parses.contains(where: { !$0.grammemes.isDisjoint(with: cases) }) else { break }
                sawCase = true
            } else if isNoun, !isAdj, lastNoun >= 0, ctx.key(j - 1) != "и",
                      !parses.contains(where: { $0.grammemes.contains(.gent) || $0.grammemes.contains(.fixd) || !$0.grammemes.isDisjoint(with: cases) }) {
                // After its first noun the phrase continues only in the genitive: «по развитию
                // информационного общества | глава РФ …».
                break
            }
            if best.grammemes.contains(.noun) || (isNoun && !isAdj) { lastNoun = j }
            j += 1
        }
        return lastNoun > end ? lastNoun + 1 : end
    }

    func isCompoundOrganizationWord(_ ctx: TokenContext, _ i: Int) -> Bool {
        let t = ctx.token(i)
        guard ctx.isCapitalizedWord(i), t.has(.cyrillic), !t.has(.allCaps), !t.has(.hyphenated), !ctx.isKnownWord(i) else { return false }
        // A surname-shaped word is a person, whatever its first letters: «Минченко», «Росляков».
        if ctx.parses(i).contains(where: { $0.source == .surnameGuess || $0.source == .patronymicGuess }) || ctx.key(i).hasSuffix("енко") { return false }
        // Prefixes, and suffixes with a case ending: «Росприроднадзора», «Газпромбанком».
        return ctx.lexicon.isCompoundOrganizationKey(ctx.key(i))
    }

    /// «ДПНИ», and inflected «МИДа», «МИДе», «МИДом».
    func isAbbreviation(_ ctx: TokenContext, _ i: Int) -> Bool {
        let t = ctx.token(i)
        guard t.kind == .word, t.has(.cyrillic), t.has(.capitalized), !t.has(.latin), !t.has(.digit), !t.has(.hyphenated),
              t.has(.allCaps) || t.end - t.start <= 8 else { return false }
        let text = Array(ctx.text(i).unicodeScalars)
        let upperPrefix = text.prefix { $0.properties.isUppercase }.count
        guard upperPrefix >= 2, upperPrefix <= 6 else { return false }
        let rest = text.count - upperPrefix
        guard rest == 0 || (rest <= 2 && text[upperPrefix...].allSatisfy { $0.properties.isLowercase }) else { return false }
        // Known common abbreviations («СМИ», «ЖЖ» aside, «ВУЗ», «НДС») are not organizations.
        if ctx.dictionaryParses(i).contains(where: { !$0.isProperName && !$0.grammemes.contains(.orgn) }) { return false }
        // Roman numerals and a headline in capitals are not abbreviations.
        if text.allSatisfy({ "IVXLCDMІХ".unicodeScalars.contains($0) }) { return false }
        if definesLowercaseTerm(ctx, i, letters: Array(text.prefix(upperPrefix))) { return false }
        return true
    }

    /// Keys of the abbreviations the document defines as lowercase terms: they are terms
    /// everywhere in it, for the rules and for the candidate model's proposals alike
    /// («приборно-агрегатного отсека (ПАО)» … «ПАО всё-таки отделился»; «(МИБ)» on the sample).
    func termAbbreviations(_ ctx: TokenContext) -> Set<String> {
        var terms = Set<String>()
        for k in 1..<max(1, ctx.count) where ctx.token(k).has(.allCaps) && ctx.token(k).has(.cyrillic) && ctx.isASCII(k - 1, UInt8(ascii: "(")) {
            let letters = Array(ctx.text(k).unicodeScalars.prefix { $0.properties.isUppercase })
            if letters.count >= 2, definesLowercaseTerm(ctx, k, letters: letters) { terms.insert(ctx.key(k)) }
        }
        return terms
    }

    /// «… информационной безопасности (МИБ)»: the abbreviation stands in parentheses right after
    /// words whose initials spell it, all lowercase — the expansion of a term. (An organization's
    /// expansion is capitalised: «Министерство иностранных дел (МИД)».)
    func definesLowercaseTerm(_ ctx: TokenContext, _ i: Int, letters: [Unicode.Scalar]) -> Bool {
        guard i >= 1, ctx.text(i - 1) == "(" else { return false }
        var j = i - 2
        var initials: [Unicode.Scalar] = []
        while j >= 0, initials.count < letters.count, ctx.token(j).kind == .word {
            // A hyphenated word gives one initial per part: «приборно-агрегатного отсека (ПАО)».
            let parts = ctx.text(j).split(separator: "-").compactMap { $0.unicodeScalars.first }
            guard !parts.isEmpty, parts.allSatisfy({ $0.properties.isLowercase }) else { return false }
            initials.insert(contentsOf: parts, at: 0)
            j -= 1
        }
        guard initials.count == letters.count else { return false }
        return zip(initials, letters).allSatisfy { a, b in
            a.properties.uppercaseMapping == String(b)
        }
    }

    /// A capitalised Latin word in Cyrillic context (or a Latin code such as APT29).
    func isLatinName(_ ctx: TokenContext, _ i: Int) -> Bool {
        let t = ctx.token(i)
        guard t.kind == .word, t.has(.latin), !t.has(.cyrillic), t.has(.capitalized) || t.has(.innerCaps) else { return false }
        // Codes with digits (COVID-19, SARS-CoV-2) and Roman numerals (II, XIV) are not names;
        // named codes such as APT29 come from the gazetteer.
        if t.has(.singleLetter) { return false }
        // A leading digit is part of a few company names («3Com»): one digit, then a capitalised word.
        if t.has(.digit) {
            let u = Array(ctx.text(i).unicodeScalars)
            guard u.count >= 4, ("0"..."9").contains(u[0]), u[1].properties.isUppercase,
                  u[2...].allSatisfy({ $0.properties.isLowercase }) else { return false }
        }
        if t.has(.allCaps), ctx.text(i).unicodeScalars.allSatisfy({ "IVXLCDM".unicodeScalars.contains($0) }) { return false }
        // The sentence must be mostly Cyrillic; a Latin quotation is not a list of names.
        let sentence = ctx.segmentation.sentences.first { $0.tokenRange.contains(i) }?.tokenRange ?? i..<(i + 1)
        var cyr = 0, lat = 0
        for j in sentence where ctx.token(j).kind == .word {
            if ctx.token(j).has(.cyrillic) { cyr += 1 } else if ctx.token(j).has(.latin) { lat += 1 }
        }
        return cyr >= lat
    }
}
