/// Location rules (ids are `rule:<id>`; examples are test rows in `LocationRulesTests`).
struct LocationRules {
    /// `loc.region-pattern` — a capitalised adjective with a region head: «Московской области»,
    /// «Краснодарский край», «Ханты-Мансийского автономного округа»; and «Республика Татарстан».
    static let regionPattern = "loc.region-pattern"
    /// `loc.after-settlement-head` — the capitalised name after «город», «село», «г.»: «в городе Тверь» → «Тверь».
    static let afterSettlementHead = "loc.after-settlement-head"
    /// `loc.after-natural-head` — the capitalised name after «река», «озеро», «остров»: «реки
    /// Славянки» → «Славянки», «на острове Сахалин» → «Сахалин» (both corpora tag the name only).
    static let afterNaturalHead = "loc.after-natural-head"
    /// `loc.after-area-head` — the capitalised name after a lowercase region noun: «штата
    /// Мэриленд» → «Мэриленд», «в префектуре Канагава» → «Канагава», «графство Эссекс» → «Эссекс».
    static let afterAreaHead = "loc.after-area-head"
    /// `loc.toponym` — a capitalised word whose dictionary reading is a toponym (`Geox`) and no
    /// gazetteer or other rule claimed it: «Дюссельдорфе», «Калифорнии».
    static let toponym = "loc.toponym"

    /// `loc.after-preposition` — an unknown capitalised word after a locative preposition, not
    /// followed by another capitalised word: «в Бенрате», «в Тусоне», «из Козьмино».
    static let afterPreposition = "loc.after-preposition"
    static let locativePrepositions: Set<String> = ["в", "во", "на", "из", "под", "около", "возле", "близ", "вблизи", "до", "через", "у"]

    func candidates(_ ctx: TokenContext) -> [Candidate] {
        var out: [Candidate] = []
        func add(_ r: Range<Int>, _ rule: String, _ priority: Int, _ subtype: String) {
            out.append(Candidate(tokenRange: r, type: .LOC, subtype: subtype, reference: .phrase, source: "rule:" + rule, priority: priority))
        }
        for i in 0..<ctx.count where ctx.token(i).kind == .word {
            // Adjective(s) + region head.
            if ctx.isCapitalizedWord(i), ctx.token(i).has(.cyrillic), isAdjective(ctx, i) {
                var j = i + 1
                while j < ctx.count, j < i + 3, isAdjective(ctx, j), !isRegionHead(ctx, j) { j += 1 }
                if j < ctx.count, isRegionHead(ctx, j) {
                    add(i..<(j + 1), LocationRules.regionPattern, CandidatePriority.locationPattern + 10, "region")
                    continue
                }
            }
            // «Республика Татарстан».
            if ctx.isCapitalizedWord(i), isRegionHead(ctx, i), i + 1 < ctx.count, ctx.isCapitalizedWord(i + 1), !isAdjective(ctx, i + 1) {
                add(i..<(i + 2), LocationRules.regionPattern, CandidatePriority.locationPattern, "region")
                continue
            }
            // «город Тверь», «г. Москва»; «реки Славянки», «на острове Сахалин».
            let natural = isNaturalHead(ctx, i)
            let area = !natural && isAreaHead(ctx, i)
            if natural || area || isSettlementHead(ctx, i) {
                var j = i + 1
                // «г. Москва»: the dot of an abbreviated head; after a full word («города. Ребёнок») it ends the sentence.
                if j < ctx.count, ctx.isPunct(j, "."), ctx.key(i).count <= LocationRules.abbreviatedHeadLength { j += 1 }
                if j < ctx.count, ctx.isCapitalizedWord(j), ctx.token(j).has(.cyrillic), !ctx.hasFunctionWordReading(j),
                   !area || (!isAdjective(ctx, j) && !ctx.atSentenceStart[j]) {
                    // A second word only after an adjective («Светлый Яр», «Сергиев Посад»): else it is the next
                    // name («в столице Чехии Праге», «главы города Иванова Вячеслава Сверчкова»).
                    var end = j + 1
                    // Two foreign words unknown to the dictionary are one name too («Хилтон Хэд»).
                    while end < ctx.count, end < j + 3, ctx.isCapitalizedWord(end), !ctx.atSentenceStart[end],
                          isAdjective(ctx, end - 1) || (!area && !natural && !ctx.isKnownWord(end - 1) && !ctx.isKnownWord(end)) { end += 1 }
                    add(j..<end, natural ? LocationRules.afterNaturalHead : area ? LocationRules.afterAreaHead : LocationRules.afterSettlementHead,
                        CandidatePriority.locationPattern, natural ? "other" : area ? "region" : "city")
                    continue
                }
            }
            if i > 0, ctx.isCapitalizedWord(i), ctx.token(i).has(.cyrillic), !ctx.token(i).has(.allCaps), !ctx.atSentenceStart[i],
               !ctx.isKnownWord(i), ctx.token(i - 1).kind == .word, LocationRules.locativePrepositions.contains(ctx.key(i - 1)),
               !(i + 1 < ctx.count && ctx.isCapitalizedWord(i + 1) && ctx.token(i + 1).has(.spaceBefore)),
               !modifiesNextNoun(ctx, i) {
                add(i..<(i + 1), LocationRules.afterPreposition, CandidatePriority.personSurname + 2, "other")
                continue
            }
            // Dictionary toponyms.
            if ctx.isCapitalizedWord(i), ctx.token(i).has(.cyrillic), let top = ctx.parses(i).first, top.isDictionary,
               top.grammemes.contains(.geox), !top.grammemes.contains(.adjf), !continuesName(ctx, i) {
                add(i..<(i + 1), LocationRules.toponym, CandidatePriority.fallback + 5, "other")
            }
        }
        return out
    }

    /// Longest key of an abbreviated settlement head followed by a dot («г.», «пос.», «дер.»).
    static let abbreviatedHeadLength = 3

    /// `loc.after-preposition` leaves out an adjective that modifies the lowercase noun after it:
    /// «в Щукинском училище», «на Серафимовском кладбище», «на Гаврской улице» name an
    /// institution or a street, not the place the word alone would be.
    func modifiesNextNoun(_ ctx: TokenContext, _ i: Int) -> Bool {
        guard i + 1 < ctx.count, ctx.token(i + 1).kind == .word, !ctx.isCapitalizedWord(i + 1), !ctx.token(i + 1).has(.newlineBefore) else { return false }
        let adjective = ctx.hasReading(i, .adjf) || LocationRules.adjectiveSuffixes.contains { ctx.key(i).hasSuffix($0) }
        return adjective && ctx.parses(i + 1).first.map { $0.grammemes.contains(.noun) } == true
    }
    /// Endings of «-ский» adjectives, for words the dictionary does not know («Серафимовском»).
    static let adjectiveSuffixes = ["ский", "ская", "ское", "ские", "ского", "ской", "скому", "ским", "ском", "ских", "скую", "скими"]

    /// `loc.toponym` leaves out a word right after another capitalised word: it continues a
    /// name («Франсиско Флорес», «Ким Чен Ына», «Эллиоттом Спенсером»), not a place of its own.
    func continuesName(_ ctx: TokenContext, _ i: Int) -> Bool {
        i > 0 && ctx.token(i).has(.spaceBefore) && !ctx.token(i).has(.newlineBefore) && ctx.isCapitalizedWord(i - 1)
    }

    func isAdjective(_ ctx: TokenContext, _ i: Int) -> Bool {
        ctx.token(i).kind == .word && ctx.parses(i).first.map { $0.grammemes.contains(.adjf) } == true
    }

    func isRegionHead(_ ctx: TokenContext, _ i: Int) -> Bool {
        ctx.token(i).kind == .word && ctx.lexicon.regionHeads.contains(token: i, of: ctx.segmentation)
    }

    func isAreaHead(_ ctx: TokenContext, _ i: Int) -> Bool {
        ctx.token(i).kind == .word && !ctx.isCapitalizedWord(i) && ctx.lexicon.areaHeads.contains(token: i, of: ctx.segmentation)
    }

    func isNaturalHead(_ ctx: TokenContext, _ i: Int) -> Bool {
        ctx.token(i).kind == .word && !ctx.isCapitalizedWord(i) && ctx.lexicon.naturalHeads.contains(token: i, of: ctx.segmentation)
    }

    func isSettlementHead(_ ctx: TokenContext, _ i: Int) -> Bool {
        ctx.token(i).kind == .word && !ctx.isCapitalizedWord(i) && ctx.lexicon.settlementHeads.contains(token: i, of: ctx.segmentation)
    }
}
