/// Person-name rules. Each rule has an id (the mention's `source` is `rule:<id>`) and examples
/// that are test rows in `PersonRulesTests`.
///
/// Evidence comes from the morphology: OpenCorpora marks first names (`Name`), surnames (`Surn`)
/// and patronymics (`Patr`); unknown capitalised words get the guesser's surname/patronymic
/// readings. Capitals at a sentence start prove nothing, so a sentence-initial word counts as a
/// name only with name evidence, never when its best reading is a common word («Кроме», «Фото»).
struct PersonRules {
    /// `person.first-patronymic-last` — «Владимир Владимирович Путин», «Андрея Ивановича Крутских».
    static let firstPatronymicLast = "person.first-patronymic-last"
    /// `person.last-first-patronymic` — «Иванова Наталья Петровна», «Путин Владимир Владимирович».
    static let lastFirstPatronymic = "person.last-first-patronymic"
    /// `person.first-last` — «Сергей Рябков», «Андрей Крутских», «Барак Обама».
    static let firstLast = "person.first-last"
    /// `person.first-patronymic` — «Бориса Николаевича».
    static let firstPatronymic = "person.first-patronymic"
    /// `person.initials-last` — «В. В. Путин», «В.Лукашенко», «С. Рябков».
    static let initialsLast = "person.initials-last"
    /// `person.last-initials` — «Путин В. В.», «Рябков С.».
    static let lastInitials = "person.last-initials"
    /// `person.after-role` — a name right after a role word: «президент Трамп», «посол Андрей Крутских».
    static let afterRole = "person.after-role"
    /// `person.surname` — a capitalised dictionary surname mid-sentence: «Путин заявил», «встреча с Лавровым».
    static let surname = "person.surname"
    /// `person.first-name` — a dictionary first name alone mid-sentence: «Кэтрин», «Марк».
    static let firstName = "person.first-name"
    /// `person.latin-credit` — a Latin-script name in a photo credit or byline: «Фото: SeongJoon Cho / Bloomberg».
    static let latinCredit = "person.latin-credit"
    /// `person.name-sequence` — two or three adjacent capitalised name-like words mid-sentence,
    /// at least one with name evidence (a dictionary name reading or an unknown word):
    /// «Виторио Сандали», «Ху Цзиньтао», «Хуану Пабло Монтойе», «Усамы бин Ладена».
    static let nameSequence = "person.name-sequence"
    /// `person.first-name-opening` — a first name alone opening a sentence, its best reading the
    /// name and a lowercase word after it: «Татьяна приехала в квартиру», «Хиллари не смогла».
    static let firstNameOpening = "person.first-name-opening"
    /// `person.chinese-name` — a one-syllable Chinese surname and a given name of one to three
    /// Palladius syllables written as one word (`chinese-syllables.tsv`), the given name possibly
    /// inflected: «Ван Цзюнь», «Е Сяоин», «Си Цзиньпин», «Мао Цзэдуна», «Ван Цзюня».
    static let chineseName = "person.chinese-name"
    /// `person.regnal-name` — a name with a Roman regnal number: «Елизавета II», «Иоанн Павел II».
    static let regnalName = "person.regnal-name"
    /// `person.generation-suffix` — a name with «-младший»/«-старший»: «Лукашенко-младший», «Буша-старшего».
    static let generationSuffix = "person.generation-suffix"
    /// `person.after-named-entity` — a name run that starts with an organization or place the
    /// gazetteer knows is that name plus a person: «Ассошиэйтед Пресс | Билал Хассеин», «Арсенала |
    /// Киран Гиббс», «Израиля | Биньямин Нетаньяху»; the person is the rest (two words or more).
    static let afterNamedEntity = "person.after-named-entity"
    /// `person.surname-coref` — a surname alone that repeats the last name of a person named in full elsewhere in the document.
    static let surnameCoref = "person.surname-coref"

    func candidates(_ ctx: TokenContext) -> [Candidate] {
        var out: [Candidate] = []
        func add(_ range: Range<Int>, _ rule: String, _ priority: Int) {
            out.append(Candidate(tokenRange: range, type: .PER, reference: .personName, source: "rule:" + rule, priority: priority))
        }
        var i = 0
        while i < ctx.count {
            defer { i += 1 }
            guard ctx.token(i).kind == .word else { continue }
            // Initials first: «В. В. Путин», «В.Лукашенко».
            if let (end, n) = initials(ctx, from: i), end < ctx.count,
               isSurnameLike(ctx, end, strict: false) || isSurnameAfterInitials(ctx, end, initials: n) {
                add(i..<(end + 1), PersonRules.initialsLast, CandidatePriority.personFullName)
                continue
            }
            // Before the single-letter guard: «Е Сяоин».
            if isChineseName(ctx, at: i) {
                // Written syllable by syllable, a third short syllable belongs too: «Ли Со Ён», «Ли Куан Ю».
                let third = ctx.key(i + 1).count <= 3 && i + 2 < ctx.count && ctx.token(i + 2).has(.spaceBefore) && isShortSyllable(ctx, i + 2)
                add(i..<(i + (third ? 3 : 2)), PersonRules.chineseName, CandidatePriority.personFullName)
            }
            guard ctx.isCapitalizedWord(i), !ctx.token(i).has(.allCaps), !ctx.token(i).has(.singleLetter) else { continue }
            let first = isFirstName(ctx, i)
            let surnameHere = isSurnameLike(ctx, i, strict: true)
            if first, i + 1 < ctx.count, ctx.isCapitalizedWord(i + 1) {
                if isPatronymic(ctx, i + 1) {
                    if i + 2 < ctx.count, ctx.isCapitalizedWord(i + 2), isSurnameLike(ctx, i + 2, strict: false), !isFirstName(ctx, i + 2) {
                        add(i..<(i + 3), PersonRules.firstPatronymicLast, CandidatePriority.personFullName)
                    } else {
                        add(i..<(i + 2), PersonRules.firstPatronymic, CandidatePriority.personFullName)
                    }
                } else if isSurnameLike(ctx, i + 1, strict: false) {
                    add(i..<(i + 2), PersonRules.firstLast, CandidatePriority.personFullName)
                } else if isLooseSurnameAfterFirstName(ctx, first: i) {
                    add(i..<(i + 2), PersonRules.firstLast, CandidatePriority.personPartial + 5)
                }
            }
            if surnameHere, i + 2 < ctx.count, isFirstName(ctx, i + 1), isPatronymic(ctx, i + 2) {
                add(i..<(i + 3), PersonRules.lastFirstPatronymic, CandidatePriority.personFullName)
            }
            if surnameHere || isSurnameLike(ctx, i, strict: false), let (end, _) = initials(ctx, from: i + 1) {
                add(i..<end, PersonRules.lastInitials, CandidatePriority.personFullName)
            }
            // A name right after a role word: «президент Трамп», «замглавы МИДа Сергей Рябков» (handled above).
            if i > 0, isRole(ctx, i - 1), isSurnameLike(ctx, i, strict: false) || first {
                var end = i + 1
                while end < ctx.count, end < i + 3, ctx.isCapitalizedWord(end), isSurnameLike(ctx, end, strict: false) { end += 1 }
                add(i..<end, PersonRules.afterRole, CandidatePriority.personPartial)
            }
            if let end = nameSequence(ctx, from: i) {
                add(i..<end, PersonRules.nameSequence, CandidatePriority.personPartial + 5)
            }
            if hasGenerationSuffix(ctx, i) {
                add(i..<(i + 1), PersonRules.generationSuffix, CandidatePriority.personPartial)
            }
            if !ctx.atSentenceStart[i], !isAdjectiveBeforeNoun(ctx, i) {
                if surnameHere {
                    add(i..<(i + 1), PersonRules.surname, CandidatePriority.personSurname)
                } else if first && !ctx.isCommonWord(i) {
                    add(i..<(i + 1), PersonRules.firstName, CandidatePriority.personSurname)
                }
            } else if surnameHere && isDominantSurname(ctx, i) {
                add(i..<(i + 1), PersonRules.surname, CandidatePriority.personSurname)
            } else if first && isOpeningFirstName(ctx, i) {
                add(i..<(i + 1), PersonRules.firstNameOpening, CandidatePriority.personSurname)
            }
        }
        out += latinCredits(ctx)
        // A Roman regnal number right after a name is part of it (the same span the tagger's
        // `appendRegnalNumbers` would make, proposed here so that the model weighs it as a whole).
        for c in out where c.tokenRange.count <= 3 {
            let n = c.tokenRange.upperBound
            guard n < ctx.count, ctx.token(n).kind == .word, ctx.token(n).has(.latin), ctx.token(n).has(.allCaps),
                  ctx.token(n).has(.spaceBefore), !ctx.token(n).has(.newlineBefore), EntityTagger.romanNumerals.contains(ctx.key(n)),
                  ctx.token(c.tokenRange.lowerBound).has(.cyrillic) else { continue }
            add(c.tokenRange.lowerBound..<(n + 1), PersonRules.regnalName, CandidatePriority.personFullName)
        }
        return out
    }

    /// A Chinese surname syllable and a capitalised given name made of Palladius syllables (see
    /// `chineseName`). A function word only disqualifies the surname at a sentence start or as a
    /// single-letter preposition, conjunction or pronoun («У Хулио», «А Жан», «На Тайване»);
    /// mid-sentence «Ли» is the surname and «Е» («Е Сяоин») is no function word.
    func isChineseName(_ ctx: TokenContext, at i: Int) -> Bool {
        let syllables = ctx.lexicon.chineseSyllables
        // (A one-letter surname such as «Е» is flagged all-caps too.)
        guard !syllables.isEmpty, i + 1 < ctx.count, ctx.isCapitalizedWord(i), ctx.token(i).has(.cyrillic),
              !ctx.token(i).has(.allCaps) || ctx.token(i).has(.singleLetter),
              ctx.isCapitalizedWord(i + 1), ctx.token(i + 1).has(.cyrillic), !ctx.token(i + 1).has(.allCaps), !ctx.token(i + 1).has(.hyphenated),
              ctx.token(i + 1).has(.spaceBefore), !ctx.token(i + 1).has(.newlineBefore), syllables.contains(ctx.key(i)) else { return false }
        if ctx.atSentenceStart[i] && ctx.hasFunctionWordReading(i) { return false }
        if ctx.key(i).count < 2 && ctx.parses(i).contains(where: { $0.isDictionary && !$0.grammemes.isDisjoint(with: [.prep, .conj, .npro]) }) { return false }
        return isChineseGivenName(Array(ctx.key(i + 1)), syllables: syllables, longest: ctx.lexicon.longestChineseSyllable)
    }

    /// Russian case endings of a given name ending in a consonant: «Цзюня» (-нь), «Цзэдуна», «Сяопину».
    static let chineseCaseEndings: [(String, String)] = [("я", "ь"), ("ю", "ь"), ("ем", "ь"), ("е", "ь"), ("а", ""), ("у", ""), ("ом", ""), ("е", "")]

    func isChineseGivenName(_ word: [Character], syllables: Set<String>, longest: Int) -> Bool {
        if segments(word[...], syllables: syllables, longest: longest, left: 3) { return true }
        for (ending, restore) in PersonRules.chineseCaseEndings {
            let e = Array(ending)
            guard word.count > e.count + 1, Array(word.suffix(e.count)) == e else { continue }
            let stem = Array(word.dropLast(e.count)) + Array(restore)
            guard stem.last == "н" || stem.last == "ь" else { continue }
            if segments(stem[...], syllables: syllables, longest: longest, left: 3) { return true }
        }
        return false
    }

    /// `word` splits into at most `left` syllables.
    func segments(_ word: ArraySlice<Character>, syllables: Set<String>, longest: Int, left: Int) -> Bool {
        if word.isEmpty { return true }
        guard left > 0 else { return false }
        var k = min(longest, word.count)
        while k > 0 {
            if syllables.contains(String(word.prefix(k))),
               segments(word.dropFirst(k), syllables: syllables, longest: longest, left: left - 1) { return true }
            k -= 1
        }
        return false
    }

    /// `X.` or `X. Y.` initials starting at `i`; returns the token index after them.
    func initials(_ ctx: TokenContext, from i: Int) -> (Int, Int)? {
        var j = i
        var n = 0
        while j + 1 < ctx.count, isInitialLetter(ctx, j), ctx.isPunct(j + 1, "."), n < 2 {
            j += 2
            n += 1
            // «В.В.Путин» and «В. В. Путин» alike; stop at a sentence-looking gap.
        }
        return n > 0 ? (j, n) : nil
    }

    /// After two initials, or one written tight against the name («Дж.Коми»), a capitalised
    /// word is the surname even when it is also a place: «Дж.Коми», «А. С. Пушкина».
    func isSurnameAfterInitials(_ ctx: TokenContext, _ i: Int, initials n: Int) -> Bool {
        guard ctx.isCapitalizedWord(i), ctx.token(i).has(.cyrillic), !ctx.token(i).has(.allCaps), !ctx.token(i).has(.newlineBefore),
              n == 2 || !ctx.token(i).has(.spaceBefore) else { return false }
        return !isRole(ctx, i) && !ctx.lexicon.stopNames.contains(token: i, of: ctx.segmentation) && !ctx.hasFunctionWordReading(i)
    }

    /// One initial: a single letter, or the digraph «Дж» Russian writes for J («Дж. Буш», «Дж.Коми»).
    func isInitialLetter(_ ctx: TokenContext, _ i: Int) -> Bool {
        let t = ctx.token(i)
        guard t.kind == .word, t.has(.cyrillic) || t.has(.latin) else { return false }
        return t.has(.singleLetter) || (t.has(.capitalized) && !t.has(.allCaps) && ctx.key(i) == "дж")
    }

    /// A plural surname form names a family, not a person: «братьев Ямадаевых», «клан Шаймиевых»
    /// (-овы/-евы/-ины and their oblique plurals never end a singular form).
    static let pluralSurnameEndings = ["овы", "евы", "ёвы", "овых", "евых", "ёвых", "иных", "ыных", "овыми", "евыми", "иными"]

    static let pluralSurnameEndingBytes = pluralSurnameEndings.map { Array($0.utf8) }

    /// Asked for every capitalised word, several times: so it compares the key's bytes (NFC,
    /// lowercase) instead of building and suffix-matching a String.
    func isPluralSurnameForm(_ ctx: TokenContext, _ i: Int) -> Bool {
        guard ctx.token(i).kind == .word, ctx.token(i).has(.cyrillic), !ctx.token(i).has(.hyphenated) else { return false }
        let plural = ctx.segmentation.withKey(i) { key -> Bool in
            var characters = 0
            for b in key where b & 0xC0 != 0x80 { characters += 1 }
            guard characters > 5 else { return false }
            return PersonRules.pluralSurnameEndingBytes.contains { e in
                key.count >= e.count && key[(key.count - e.count)...].elementsEqual(e)
            }
        }
        return plural && !ctx.hasDictionaryReading(i, .name)
    }

    /// «Лукашенко-младший», «Буша-старшего»: a name with «-младший»/«-старший» is a person.
    func hasGenerationSuffix(_ ctx: TokenContext, _ i: Int) -> Bool {
        guard ctx.token(i).has(.hyphenated), ctx.isCapitalizedWord(i), ctx.token(i).has(.cyrillic) else { return false }
        let k = ctx.key(i)
        return k.contains("-младш") || k.contains("-старш")
    }

    func isRole(_ ctx: TokenContext, _ i: Int) -> Bool {
        guard ctx.token(i).kind == .word else { return false }
        return ctx.lexicon.personRoles.contains(token: i, of: ctx.segmentation)
    }

    func isFirstName(_ ctx: TokenContext, _ i: Int) -> Bool {
        guard ctx.isCapitalizedWord(i), ctx.token(i).has(.cyrillic) else { return false }
        return ctx.hasDictionaryReading(i, .name)
    }

    func isPatronymic(_ ctx: TokenContext, _ i: Int) -> Bool {
        guard ctx.isCapitalizedWord(i), ctx.token(i).has(.cyrillic) else { return false }
        return ctx.hasReading(i, .patr)
    }

    /// A capitalised Cyrillic word that can be a surname. `strict`: on its own (no first name
    /// next to it) — then a dictionary surname reading or an unknown word mid-sentence is needed.
    func isSurnameLike(_ ctx: TokenContext, _ i: Int, strict: Bool) -> Bool {
        guard i < ctx.count, ctx.isCapitalizedWord(i), ctx.token(i).has(.cyrillic), !ctx.token(i).has(.allCaps) else { return false }
        if ctx.lexicon.stopNames.contains(token: i, of: ctx.segmentation) { return false }
        if hasGenerationSuffix(ctx, i) { return true }
        if strict && isPluralSurnameForm(ctx, i) { return false }
        let parses = ctx.parses(i)
        guard let best = parses.first else { return false }
        if isRole(ctx, i) { return false }
        let dictionary = ctx.dictionaryParses(i)
        if dictionary.contains(where: { $0.grammemes.contains(.surn) }) {
            // «Москва» is Geox first; a surname reading ranked below a place is not enough alone.
            if strict, let top = dictionary.first, top.grammemes.contains(.geox) || top.grammemes.contains(.orgn) { return false }
            return true
        }
        if dictionary.isEmpty {
            // Unknown word: a name unless it looks like an abbreviation or foreign token.
            return best.source != .abbreviation && best.source != .foreign && (!strict || !ctx.atSentenceStart[i])
        }
        if strict { return false }
        // Next to a first name any capitalised word that is not a place/organization/common word counts.
        guard let top = dictionary.first else { return true }
        if top.grammemes.contains(.geox) || top.grammemes.contains(.orgn) { return false }
        return !ctx.isCommonWord(i) || !ctx.atSentenceStart[i]
    }

    /// After an unambiguous first name (its best reading is the first name: «Владимир», «Дмитрия»),
    /// the next capitalised word mid-sentence is the surname even when it is also a place or an
    /// ordinary word: «Владимир Королёв», «Дмитрия Уса», «Дик Адвокат».
    func isLooseSurnameAfterFirstName(_ ctx: TokenContext, first i: Int) -> Bool {
        let j = i + 1
        guard j < ctx.count, let top = ctx.parses(i).first, top.isDictionary, top.grammemes.contains(.name),
              ctx.isCapitalizedWord(j), ctx.token(j).has(.cyrillic), !ctx.token(j).has(.allCaps), ctx.token(j).has(.spaceBefore),
              !ctx.token(j).has(.newlineBefore), !ctx.atSentenceStart[j], !isFirstName(ctx, j),
              !ctx.lexicon.stopNames.contains(token: j, of: ctx.segmentation),
              !ctx.lexicon.namedHeads.contains(token: j, of: ctx.segmentation) else { return false }
        return !ctx.hasFunctionWordReading(j)
    }

    /// A capitalised word that can be an adjective, followed by a lowercase noun, modifies that
    /// noun — a name of a place, event or building, not a person: «на Храмовой горе», «в
    /// Александровском саду», «после Второй мировой войны».
    func isAdjectiveBeforeNoun(_ ctx: TokenContext, _ i: Int) -> Bool {
        guard i + 1 < ctx.count, ctx.token(i + 1).kind == .word,
              !ctx.isCapitalizedWord(i + 1), ctx.token(i + 1).has(.spaceBefore) else { return false }
        if ctx.hasDictionaryReading(i, .adjf) {
            return ctx.parses(i + 1).first.map { $0.grammemes.contains(.noun) || $0.grammemes.contains(.adjf) } == true
        }
        // An unknown «-ский» word agreeing in case with the noun after it names a place or an
        // institution, not a person: «на Серафимовском кладбище», «в Иллинойсском университете»
        // (but «вручили Ковальскому премию»: dative before accusative).
        guard !ctx.isKnownWord(i), LocationRules.adjectiveSuffixes.contains(where: { ctx.key(i).hasSuffix($0) }) else { return false }
        let nounCases = ctx.parses(i + 1).filter { $0.isDictionary && $0.grammemes.contains(.noun) }
            .reduce(Grammemes()) { $0.union($1.grammemes.intersection(.cases)) }
        return ctx.parses(i).contains { !$0.grammemes.intersection(.cases).isDisjoint(with: nounCases) }
    }

    /// At a sentence start a lone surname needs its best reading to be the surname («Путин
    /// заявил») and no function-word reading at all («По данным…» has the surname По too).
    func isDominantSurname(_ ctx: TokenContext, _ i: Int) -> Bool {
        guard let top = ctx.parses(i).first, top.isDictionary, top.grammemes.contains(.surn) else { return false }
        return !hasFunctionWordReading(ctx, i)
    }

    func hasFunctionWordReading(_ ctx: TokenContext, _ i: Int) -> Bool { ctx.hasFunctionWordReading(i) }

    /// At a sentence start a first name alone needs its best reading to be the name (not «Вера»
    /// the word, not «Роман» the novel), no function-word reading, and a lowercase word right
    /// after it, so that the capital cannot be the first word of a title or a longer name.
    func isOpeningFirstName(_ ctx: TokenContext, _ i: Int) -> Bool {
        guard let top = ctx.parses(i).first, top.isDictionary, top.grammemes.contains(.name),
              !hasFunctionWordReading(ctx, i), i + 1 < ctx.count else { return false }
        let next = ctx.token(i + 1)
        return next.kind == .word && !next.has(.capitalized) && next.has(.spaceBefore) && !next.has(.newlineBefore)
    }

    /// See `afterNamedEntity`: name-sequence candidates trimmed after a leading ORG/LOC gazetteer
    /// hit; other rule-made person candidates running from inside that hit into the person
    /// («Израиля Эхуда» from «Израиля Эхуда Барака») go too.
    /// A first name that is also a place keeps its patronymic («Владимир Козьмич Зворыкин»), a
    /// surname that is also a place its first name and patronymic («Иванова Наталья Петровна»), and
    /// the person must start with a capital («Доминика де Вильпена» stays whole).
    func trimmedAfterNamedEntities(_ candidates: [Candidate], _ ctx: TokenContext) -> [Candidate] {
        var gazetteerEnds: [Int: Int] = [:]  // start token → longest ORG/LOC gazetteer end
        for c in candidates where c.type != .PER {
            guard case .gazetteer = c.reference else { continue }
            gazetteerEnds[c.tokenRange.lowerBound] = max(gazetteerEnds[c.tokenRange.lowerBound] ?? 0, c.tokenRange.upperBound)
        }
        guard !gazetteerEnds.isEmpty else { return candidates }
        var cuts: [Range<Int>] = []  // the gazetteer hits that names were cut after
        var out: [Candidate] = []
        for c in candidates {
            guard c.type == .PER, c.source == "rule:" + PersonRules.nameSequence,
                  let end = gazetteerEnds[c.tokenRange.lowerBound], c.tokenRange.upperBound - end >= 2,
                  ctx.isCapitalizedWord(end), !isPatronymic(ctx, end), !isPatronymic(ctx, end + 1) else { out.append(c); continue }
            var person = c
            person.tokenRange = end..<c.tokenRange.upperBound
            person.source = "rule:" + PersonRules.afterNamedEntity
            out.append(person)
            cuts.append(c.tokenRange.lowerBound..<end)
        }
        guard !cuts.isEmpty else { return out }
        return out.filter { c in
            guard c.type == .PER, c.reference == .personName, c.source != "rule:" + PersonRules.afterNamedEntity else { return true }
            return !cuts.contains { cut in cut.contains(c.tokenRange.lowerBound) && c.tokenRange.upperBound > cut.upperBound }
        }
    }

    /// Lowercase name particles inside a name: «бин», «ибн», «фон», «ван», «де», «дель», «ди», «да», «ла», «ле».
    static let nameParticles: Set<String> = ["бин", "ибн", "фон", "ван", "де", "дель", "ди", "да", "ла", "ле", "аль", "эль", "дер", "дю", "абд", "абу", "бен"]

    /// End of a run of 2–3 capitalised name-like words starting at `i` (see `nameSequence`).
    func nameSequence(_ ctx: TokenContext, from i: Int) -> Int? {
        guard i + 1 < ctx.count, nameLikeInSequence(ctx, i) else { return nil }
        let opening = ctx.atSentenceStart[i]
        if opening && !ctx.hasDictionaryReading(i, .name) && !isDominantSurname(ctx, i) && ctx.isKnownWord(i) { return nil }
        var end = i + 1
        var evidence = hasNameEvidence(ctx, i)
        while end < ctx.count, end < i + 4, ctx.token(end).has(.spaceBefore), !ctx.token(end).has(.newlineBefore) {
            if end + 1 < ctx.count, ctx.isCapitalizedWord(end), PersonRules.nameParticles.contains(ctx.key(end)),
               ctx.token(end + 1).has(.spaceBefore), !ctx.token(end + 1).has(.newlineBefore), nameLikeInSequence(ctx, end + 1) {
                // A capitalised particle inside a name: «Жан-Мари Ле Пен», «Люк Ван Велли», «Массимо Де Сантис».
                end += 2
            } else if nameLikeInSequence(ctx, end) {
                // A first name after a dictionary surname starts the next person: «Билла Клинтона | Джо Локхарту», «Пушкина | Виталий Костомаров».
                // A word opening a sentence or a list item cannot end an earlier name: «• Карлос Симон».
                if ctx.hasDictionaryReading(end, .name), ctx.hasDictionaryReading(end - 1, .surn),
                   !ctx.hasDictionaryReading(end - 1, .name), !(opening && end - 1 == i) { break }
                evidence = evidence || hasNameEvidence(ctx, end)
                end += 1
            } else if isArticleName(ctx, end) {
                // «Сами аль-Хадж», «Халеда эль-Масри»: an Arabic article joined to the next name part.
                evidence = true
                end += 1
            } else if ctx.token(end).kind == .word, !ctx.token(end).has(.capitalized), PersonRules.nameParticles.contains(ctx.key(end)),
                      end + 1 < ctx.count, nameLikeInSequence(ctx, end + 1) {
                end += 2
            } else if evidence, isShortSyllable(ctx, end), end + 1 < ctx.count, end + 1 < i + 4, ctx.token(end + 1).has(.spaceBefore),
                      nameLikeInSequence(ctx, end + 1), hasNameEvidence(ctx, end + 1) {
                // East Asian names: a short syllable that is also a place or a word inside the
                // name («Ким Чен Ына», «Ким Ир Сен», «Аун Сан Су Чжи»).
                end += 2
            } else {
                break
            }
        }
        return end - i >= 2 && evidence ? end : nil
    }

    /// Lowercase article prefixes of Arabic names, written with a hyphen before the capitalised part.
    static let articlePrefixes = ["аль-", "эль-", "ар-", "ад-", "ас-", "ат-", "аш-", "ан-", "аз-", "ат-", "эд-", "эр-", "эс-", "эт-", "эш-"]

    /// «аль-Хадж», «эль-Масри», «ар-Раи»: a lowercase article, a hyphen and a capitalised name.
    func isArticleName(_ ctx: TokenContext, _ i: Int) -> Bool {
        let t = ctx.token(i)
        guard t.kind == .word, t.has(.hyphenated), t.has(.cyrillic), !t.has(.capitalized), t.has(.spaceBefore), !t.has(.newlineBefore) else { return false }
        let k = ctx.key(i)
        guard let prefix = PersonRules.articlePrefixes.first(where: { k.hasPrefix($0) }) else { return false }
        let rest = ctx.text(i).unicodeScalars.dropFirst(prefix.unicodeScalars.count)
        return rest.first.map { $0.properties.isUppercase } == true
    }

    /// A capitalised Cyrillic word of at most three letters mid-sentence («Чен», «Ир», «Сан»).
    func isShortSyllable(_ ctx: TokenContext, _ i: Int) -> Bool {
        ctx.isCapitalizedWord(i) && ctx.token(i).has(.cyrillic) && !ctx.token(i).has(.allCaps) && !ctx.atSentenceStart[i] &&
            !ctx.token(i).has(.newlineBefore) && ctx.key(i).count <= 3 && !ctx.hasFunctionWordReading(i)
    }

    func nameLikeInSequence(_ ctx: TokenContext, _ i: Int) -> Bool {
        guard ctx.isCapitalizedWord(i), ctx.token(i).has(.cyrillic), !ctx.token(i).has(.allCaps) else { return false }
        if ctx.lexicon.stopNames.contains(token: i, of: ctx.segmentation) || isRole(ctx, i) { return false }
        if ctx.lexicon.namedHeads.contains(token: i, of: ctx.segmentation) { return false }
        let dictionary = ctx.dictionaryParses(i)
        guard let top = dictionary.first else { return true }
        if dictionary.contains(where: { !$0.grammemes.isDisjoint(with: [.name, .surn, .patr]) }) { return true }
        if top.grammemes.contains(.geox) || top.grammemes.contains(.orgn) { return false }
        return !ctx.atSentenceStart[i] && !top.grammemes.contains(.adjf) && !hasFunctionWordReading(ctx, i)
    }

    func hasNameEvidence(_ ctx: TokenContext, _ i: Int) -> Bool {
        hasGenerationSuffix(ctx, i) || !ctx.isKnownWord(i) || ctx.hasDictionaryReading(i, .name) || ctx.hasDictionaryReading(i, .surn) || ctx.hasDictionaryReading(i, .patr)
    }

    /// Latin-script names in photo credits and bylines: «Фото: SeongJoon Cho / Bloomberg».
    func latinCredits(_ ctx: TokenContext) -> [Candidate] {
        var out: [Candidate] = []
        var i = 0
        while i < ctx.count {
            let flags = ctx.blockFlags(i)
            guard flags.contains(.photoCredit) || flags.contains(.byline), ctx.isCapitalizedWord(i),
                  ctx.token(i).has(.latin), !ctx.token(i).has(.allCaps) else { i += 1; continue }
            var end = i + 1
            while end < ctx.count, end < i + 3, ctx.isCapitalizedWord(end), ctx.token(end).has(.latin), !ctx.token(end).has(.allCaps),
                  ctx.token(end).has(.spaceBefore) { end += 1 }
            if end - i >= 2 {
                out.append(Candidate(tokenRange: i..<end, type: .PER, reference: .personName,
                                     source: "rule:" + PersonRules.latinCredit, priority: CandidatePriority.personFullName))
            }
            i = end
        }
        return out
    }
}
