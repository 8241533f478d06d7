/// Rules of the corpus convention profiles (`EntityConvention`); ids are `rule:<id>`, examples
/// are test rows in `ConventionRulesTests`. They change what counts as a name, never add vocabulary.
struct ConventionRules {
    /// `convention.nerel.relational-adjective` — an adjective whose lemma is a place's relational
    /// adjective (`adj=` in the location gazetteer) is that place: «российских» → Россия,
    /// «британской» → Великобритания. NEREL only.
    static let relationalAdjective = "convention.nerel.relational-adjective"
    /// `convention.nerel.nationality` — no place adjective where NEREL reads NATIONALITY or
    /// LANGUAGE: before an occupation, origin or language noun (`nationality-nouns.tsv`), also
    /// across coordinated adjectives: «российский боксёр», «польский композитор и дирижёр»,
    /// «российский и американский актёр», «американского происхождения», «на русском языке».
    /// A city's adjective stays the city («томские журналисты», «чебоксарский гимнаст»: a home
    /// town, not a nationality). State, political and military roles are not listed: NEREL keeps «российский президент»,
    /// «израильские солдаты» as the country (on NEREL v1.1 train animate nouns split 194 COUNTRY /
    /// 203 NATIONALITY, and the split follows that line; filtering every animate noun lost more
    /// than it saved). NEREL only.
    static let nationality = "convention.nerel.nationality"
    /// `convention.nerel.adjective-descriptor` — a place adjective with an institution noun
    /// (`descriptors.tsv`) and no name after it is one organization in NEREL: «киргизских
    /// властей», «украинской армии», «бельгийской колониальной администрации» (on NEREL v1.1 train
    /// 77 of 97 such pairs are ORG). NEREL only.
    static let adjectiveDescriptor = "convention.nerel.adjective-descriptor"
    /// `convention.nerel.descriptor-tail` — a lowercase institution noun (`descriptors.tsv` or a
    /// `generic` gazetteer hit) with a genitive tail that holds a name: «правительство Мали»,
    /// «полиция Нью-Йорка», «министерство культуры Польши», «властями России». NEREL only.
    static let descriptorTail = "convention.nerel.descriptor-tail"
    /// `convention.nerel.direction-part` — a direction noun with the place after it is one LOC:
    /// «на севере Мали» → «севере Мали», «на юго-востоке Польши». NEREL only.
    static let directionPart = "convention.nerel.direction-part"
    /// `convention.nerel.descriptor` — a descriptor NEREL tags by itself (`alone=yes` in
    /// `descriptors.tsv`): «полиция сообщила», «в правительстве». NEREL only.
    static let standaloneDescriptor = "convention.nerel.descriptor"
    /// `convention.nerel.person-adjective` — a capitalised -ский adjective made from a dictionary
    /// surname names that person in NEREL (nested in an award, event or building name):
    /// «Нобелевской премии» (Нобель), «Шукшинские дни» (Шукшин). Not before a place head noun
    /// («Свердловской области» is a region; the longer location wins anyway) or a place or
    /// building noun (`facility-heads.tsv`: «Александровском саду», «Ленинском проспекте»). NEREL only.
    static let personAdjective = "convention.nerel.person-adjective"
    /// `convention.factru.location-tail` — an organization name ending in a location is split in
    /// two: «Министерства сельского хозяйства Германии» → ORG + LOC «Германии»; a lone descriptor
    /// left over is dropped: «Правительство Японии» → LOC «Японии». factRuEval only.
    static let locationTail = "convention.factru.location-tail"

    /// `convention.factru.internet` — factRuEval annotates the capitalised «Интернет» as an
    /// organization (16 of its 18 standalone capitalised uses in the devset; NEREL calls it a
    /// PRODUCT, which is not scored): «работал в Интернете», «Интернет страница». factRuEval only.
    static let internet = "convention.factru.internet"
    static let internetLemma = "интернет"
    /// `convention.factru.latin-actor` — in factRuEval a capitalised Latin-script name in Russian
    /// text is an organization far more often than in NEREL (devset, rules alone: 152 of 189
    /// `org.latin-name`/gazetteer Latin ORG candidates are gold); the candidate model, trained on
    /// NEREL where many of them are PRODUCT, rejects some. Under `factru` a Latin ORG candidate
    /// the model rejected is kept as a fallback.
    static let latinActor = "convention.factru.latin-actor"
    /// `convention.factru.abbreviation-before-quoted` — factRuEval's name span of «РИА «Новости»»,
    /// «ОАО «Газпром»», «РКК «Энергия»» is the quoted name alone; the abbreviation before it is
    /// not a name of its own. factRuEval only.
    static let abbreviationBeforeQuoted = "convention.factru.abbreviation-before-quoted"

    /// factRuEval-only candidates, added after the candidate model (see `internet`, `latinActor`).
    func factruCandidates(_ ctx: TokenContext, ruleCandidates: [Candidate], rescored: [Candidate]) -> [Candidate] {
        var out: [Candidate] = []
        for i in 0..<ctx.count where ctx.isCapitalizedWord(i) && ctx.token(i).has(.cyrillic) && !ctx.token(i).has(.hyphenated) && !ctx.token(i).has(.allCaps) {
            guard ctx.key(i).hasPrefix(ConventionRules.internetLemma), ctx.lemmaKeys(i).contains(ConventionRules.internetLemma) else { continue }
            // «Интернет-магазин» is one hyphenated token and is skipped above.
            out.append(Candidate(tokenRange: i..<(i + 1), type: .ORG, reference: .phrase,
                                 source: "rule:" + ConventionRules.internet, priority: CandidatePriority.fallback))
        }
        var kept = Set<Range<Int>>()
        for c in rescored { kept.insert(c.tokenRange) }
        for c in ruleCandidates where c.type == .ORG && !kept.contains(c.tokenRange) && ctx.token(c.tokenRange.lowerBound).has(.latin) {
            var restored = c
            restored.priority = CandidatePriority.fallback - 1
            restored.source = c.source
            out.append(restored)
        }
        return out
    }

    /// The span is exactly the inside of a pair of quotes.
    func isQuoted(_ r: Range<Int>, _ ctx: TokenContext) -> Bool {
        r.lowerBound > 0 && r.upperBound < ctx.count && ctx.isOpeningQuote(r.lowerBound - 1) && ctx.isClosingQuote(r.upperBound)
    }

    /// `convention.factru.organization-tail` — in factRuEval every organization is its own name:
    /// a unit named by a phrase whose genitive tail names another organization is two names,
    /// «Палаты представителей Конгресса США» → «Палаты представителей» + «Конгресса США»,
    /// «Института этнологии и антропологии РАН» → … + «РАН»; a lone descriptor phrase before the
    /// name (capitalised only because it starts the sentence) is not a name: «Служба прессы
    /// Конституционного суда» → «Конституционного суда», «Комиссия ЕС» → «ЕС». factRuEval only.
    static let organizationTail = "convention.factru.organization-tail"

    func factruSplitOrganizations(_ selected: [(Candidate, [String])], pool: [Candidate], _ ctx: TokenContext) -> [(Candidate, [String])] {
        var inner: [Int: [Candidate]] = [:]  // end token → ORG name candidates ending there
        // Not a span that is also a place («США», «КНР»: the abbreviation rule proposes them as ORG too).
        let places = Set(pool.filter { $0.type == .LOC }.map(\.tokenRange))
        for c in pool where c.type == .ORG && !places.contains(c.tokenRange) {
            let s = c.tokenRange.lowerBound
            guard ctx.token(s).has(.capitalized), ctx.token(s).has(.cyrillic), !ctx.atSentenceStart[s] else { continue }
            inner[c.tokenRange.upperBound, default: []].append(c)
        }
        var out: [(Candidate, [String])] = []
        for (c, beaten) in selected {
            let r = c.tokenRange
            // The longest organization name ending with this one and starting inside it.
            let t = (inner[r.upperBound] ?? []).filter { $0.tokenRange.lowerBound > r.lowerBound }
                .min { a, b in a.tokenRange.lowerBound != b.tokenRange.lowerBound ? a.tokenRange.lowerBound < b.tokenRange.lowerBound : a.source < b.source }
            guard c.type == .ORG, r.count >= 2, !isQuoted(r, ctx), ctx.token(r.lowerBound).has(.cyrillic),
                  ctx.isCapitalizedWord(r.lowerBound), let t else {
                out.append((c, beaten)); continue
            }
            let p = t.tokenRange.lowerBound
            // Only a genitive tail: not inside a «по»/«при»/«против» complement, not after «и».
            // The head part ends on its noun, not on an adjective of the inner name («Европейского Союза»).
            guard ctx.token(p - 1).kind == .word, !ctx.hasReading(p - 1, .prep), ctx.key(p - 1) != "и",
                  ctx.parses(p - 1).first.map({ !$0.grammemes.contains(.adjf) }) ?? true,
                  !(r.lowerBound..<p).contains(where: { OrganizationRules.complementCases[ctx.key($0)] != nil }) else {
                out.append((c, beaten)); continue
            }
            var head = c
            head.tokenRange = r.lowerBound..<p
            var tail = t
            tail.source = t.source
            if !ctx.atSentenceStart[r.lowerBound] { out.append((head, beaten + ["\(ConventionRules.organizationTail) split"])) }
            out.append((tail, []))
        }
        return out
    }

    /// Drops an abbreviation selected right before a quoted organization name (`abbreviationBeforeQuoted`).
    func factruDropAbbreviations(_ selected: [(Candidate, [String])], _ ctx: TokenContext) -> [(Candidate, [String])] {
        var out: [(Candidate, [String])] = []
        for (k, (c, beaten)) in selected.enumerated() {
            let r = c.tokenRange
            if c.type == .ORG, r.count == 1, ctx.token(r.lowerBound).has(.allCaps), k + 1 < selected.count,
               selected[k + 1].0.type == .ORG, selected[k + 1].0.tokenRange.lowerBound == r.upperBound + 1,
               ctx.isOpeningQuote(r.upperBound) { continue }
            out.append((c, beaten))
        }
        return out
    }

    /// `convention.facility-location` — places NEREL annotates as FACILITY (or leaves out) that
    /// factRuEval and Metka's own output call locations: celestial bodies, space stations,
    /// cosmodromes, streets, squares, buildings (`kind=` of the location gazetteer: «МКС», «на
    /// Луну», «Красная площадь»). The candidate model learned NEREL's labels and rejects them, so
    /// outside the `nerel` convention their gazetteer candidates are kept past its veto. Under
    /// `nerel` the kinds NEREL calls FACILITY or leaves out are not locations at all (planets and
    /// satellites stay: NEREL tags «Земля» as LOCATION); on NEREL v1.1 train, rules alone, all 34
    /// such gazetteer hits were spurious.
    static let facilityLocation = "convention.facility-location"
    static let facilityLocationKinds: Set<String> = ["planet", "satellite", "star", "galaxy", "station", "cosmodrome", "building", "street", "square", "route"]
    static let nerelFacilityKinds: Set<String> = ["star", "station", "cosmodrome", "building", "street", "square", "route"]

    /// Rule candidates the model must not veto outside NEREL (see `facilityLocation`).
    func facilityLocations(_ candidates: [Candidate], gazetteer: CompiledGazetteer) -> [Candidate] {
        candidates.filter { isLocation($0, ofKind: ConventionRules.facilityLocationKinds, gazetteer) }
    }

    static func spanKey(_ r: Range<Int>) -> Int { r.lowerBound << 32 | r.upperBound }

    /// A location gazetteer candidate whose entry's `kind=` is one of `kinds`.
    func isLocation(_ c: Candidate, ofKind kinds: Set<String>, _ gazetteer: CompiledGazetteer) -> Bool {
        guard c.type == .LOC, case .gazetteer(let e) = c.reference, let kind = gazetteer.entries[Int(e)].attributes["kind"] else { return false }
        return kinds.contains(kind)
    }

    /// Adjective endings worth a morphology lookup.
    static let adjectiveEndings = ["ий", "ый", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ыми", "ими", "ую", "юю", "ого", "его", "ому", "ему", "ом", "ем", "ей"]

    /// NEREL-only candidates, added after the candidate model (trained on Metka's convention,
    /// it would reject them).
    func nerelCandidates(_ ctx: TokenContext, gazetteerGeneric: [Candidate], adjectives: [String: Int32], pool: [Candidate],
                         gazetteer: CompiledGazetteer) -> [Candidate] {
        var out: [Candidate] = []
        // Direction + place: «севере Мали», «юго-востоке Польши».
        var locationStarts: [Int: Int] = [:]  // start token → longest LOC end
        for c in pool where c.type == .LOC { locationStarts[c.tokenRange.lowerBound] = max(locationStarts[c.tokenRange.lowerBound] ?? 0, c.tokenRange.upperBound) }
        for i in 0..<max(0, ctx.count - 1) where ctx.token(i).kind == .word && !ctx.isCapitalizedWord(i) {
            guard let end = locationStarts[i + 1], ctx.lexicon.directionHeads.contains(token: i, of: ctx.segmentation) else { continue }
            out.append(Candidate(tokenRange: i..<end, type: .LOC, subtype: "other", reference: .phrase,
                                 source: "rule:" + ConventionRules.directionPart, priority: CandidatePriority.locationPattern))
        }
        let org = OrganizationRules()
        for i in 0..<ctx.count where ctx.token(i).kind == .word && ctx.token(i).has(.cyrillic) && !ctx.token(i).has(.allCaps) {
            let key = ctx.key(i)
            if ctx.isCapitalizedWord(i), key.count >= 8, key.contains("ск"), isPersonAdjective(ctx, i) {
                out.append(Candidate(tokenRange: i..<(i + 1), type: .PER, reference: .personName,
                                     source: "rule:" + ConventionRules.personAdjective, priority: CandidatePriority.fallback))
            }
            if key.count >= 5, ConventionRules.adjectiveEndings.contains(where: key.hasSuffix),
               let parse = ctx.parses(i).first(where: { $0.grammemes.contains(.adjf) }),
               let entry = adjectives[TokenKey.of(parse.lemma)],
               gazetteer.entries[Int(entry)].subtype == "city" || !namesNationality(ctx, adjective: i) {
                out.append(Candidate(tokenRange: i..<(i + 1), type: .LOC, reference: .gazetteer(entry),
                                     source: "rule:" + ConventionRules.relationalAdjective, priority: CandidatePriority.fallback))
            }
            let descriptor = ctx.lexicon.descriptors.contains(token: i, of: ctx.segmentation)
            // (Other lowercase organization heads — «комитета …», «департамента …» — measured worse on NEREL train and dev.)
            if !ctx.isCapitalizedWord(i) || ctx.atSentenceStart[i], descriptor {
                if let c = descriptorTail(ctx, org, head: i..<(i + 1)) {
                    out.append(c)
                } else if let c = adjectiveDescriptor(ctx, head: i, adjectives: adjectives) {
                    out.append(c)
                } else if descriptor, ctx.lexicon.standaloneDescriptors.contains(token: i, of: ctx.segmentation) {
                    out.append(Candidate(tokenRange: i..<(i + 1), type: .ORG, reference: .phrase,
                                         source: "rule:" + ConventionRules.standaloneDescriptor, priority: CandidatePriority.fallback))
                }
            }
        }
        for g in gazetteerGeneric where g.type == .ORG {
            if let c = descriptorTail(ctx, org, head: g.tokenRange) { out.append(c) }
        }
        return out
    }

    /// The place adjective at `i` qualifies an occupation, origin or language noun (see `nationality`):
    /// the next noun, past coordinated adjectives («российский и американский»), is listed.
    func namesNationality(_ ctx: TokenContext, adjective i: Int) -> Bool {
        var j = i + 1
        while j < ctx.count, j <= i + 6, !ctx.token(j).has(.newlineBefore) {
            if ctx.token(j).kind == .word {
                if ctx.lexicon.nationalityNouns.contains(token: j, of: ctx.segmentation) { return true }
                let k = ctx.key(j)
                guard k == "и" || k == "или" || ctx.parses(j).first.map({ !$0.grammemes.isDisjoint(with: [.adjf, .prtf]) }) == true else { return false }
            } else if !(ctx.isPunct(j, ",") || ctx.isPunct(j, "-")) {
                return false
            }
            j += 1
        }
        return false
    }

    /// Place adjective(s), at most one other adjective, then the descriptor at `head`: one
    /// organization (see `adjectiveDescriptor`).
    func adjectiveDescriptor(_ ctx: TokenContext, head: Int, adjectives: [String: Int32]) -> Candidate? {
        func placeAdjective(_ j: Int) -> Bool {
            ctx.token(j).kind == .word && ctx.token(j).has(.cyrillic) &&
                ctx.parses(j).first.map { $0.grammemes.contains(.adjf) && adjectives[TokenKey.of($0.lemma)] != nil } == true
        }
        var start = head
        if start > 0, !ctx.token(start).has(.newlineBefore), ctx.token(start - 1).kind == .word, !placeAdjective(start - 1),
           ctx.parses(start - 1).first.map({ $0.grammemes.contains(.adjf) }) == true, !ctx.hasFunctionWordReading(start - 1) {
            start -= 1
        }
        guard start > 0, !ctx.token(start).has(.newlineBefore), placeAdjective(start - 1) else { return nil }
        start -= 1
        return Candidate(tokenRange: start..<(head + 1), type: .ORG, reference: .phrase,
                         source: "rule:" + ConventionRules.adjectiveDescriptor, priority: CandidatePriority.organizationPhrase)
    }

    /// See `personAdjective`: the adjective's lemma «…ский» minus the suffix (and a possessive
    /// -ов/-ев/-ин) is a dictionary surname, and the next word is a lowercase non-place noun.
    func isPersonAdjective(_ ctx: TokenContext, _ i: Int) -> Bool {
        // A rare adjective («Шукшинские») is a guess; its lemma is still «…ский».
        guard let adjective = ctx.parses(i).first(where: { $0.grammemes.contains(.adjf) }),
              adjective.lemma.hasSuffix("ский"), i + 1 < ctx.count, ctx.token(i + 1).kind == .word, !ctx.token(i + 1).has(.capitalized),
              ctx.token(i + 1).has(.spaceBefore) else { return false }
        let lexicon = ctx.lexicon, seg = ctx.segmentation
        if lexicon.regionHeads.contains(token: i + 1, of: seg) || lexicon.settlementHeads.contains(token: i + 1, of: seg) ||
            lexicon.areaHeads.contains(token: i + 1, of: seg) || lexicon.naturalHeads.contains(token: i + 1, of: seg) ||
            lexicon.facilityHeads.contains(token: i + 1, of: seg) { return false }
        let stem = String(adjective.lemma.dropLast(4))
        var bases = [stem]
        if ["ов", "ев", "ёв", "ин"].contains(where: stem.hasSuffix) {
            let root = String(stem.dropLast(2))
            bases += [root, root + "ь", root + "й"]
        }
        return bases.contains { base in
            base.count >= 3 && ctx.analyzer.analyze(base).contains {
                $0.isDictionary && $0.grammemes.contains(.surn) && $0.grammemes.contains(.nomn) && $0.lemma == base
            }
        }
    }

    func descriptorTail(_ ctx: TokenContext, _ org: OrganizationRules, head: Range<Int>) -> Candidate? {
        var start = head.lowerBound
        // Agreeing adjectives before the noun: «правоохранительные органы», «северокорейские власти».
        while start > 0, start > head.lowerBound - 2, ctx.token(start - 1).kind == .word, !ctx.token(start).has(.newlineBefore),
              org.isAdjective(ctx, start - 1), !ctx.hasFunctionWordReading(start - 1) { start -= 1 }
        let end = org.complementTail(ctx, from: org.tail(ctx, after: head.upperBound - 1))
        guard end > head.upperBound,
              (head.upperBound..<end).contains(where: { ctx.isCapitalizedWord($0) || ctx.token($0).has(.allCaps) }) else { return nil }
        return Candidate(tokenRange: start..<end, type: .ORG, reference: .phrase,
                         source: "rule:" + ConventionRules.descriptorTail, priority: CandidatePriority.organizationPhrase)
    }

    /// factRuEval: splits organizations ending in a location (see `locationTail`). `pool` are the
    /// candidates the selection was made from.
    func factruSplit(_ selected: [(Candidate, [String])], pool: [Candidate], _ ctx: TokenContext) -> [(Candidate, [String])] {
        var tails: [Int: Candidate] = [:]  // end token → longest LOC candidate ending there
        for c in pool where c.type == .LOC {
            let e = c.tokenRange.upperBound
            if let t = tails[e], t.tokenRange.count >= c.tokenRange.count { continue }
            tails[e] = c
        }
        var out: [(Candidate, [String])] = []
        for (c, beaten) in selected {
            // A media title's place word is part of the name, not a location («Голос Америки»,
            // «Эхо Москвы»): titles stay whole.
            guard c.type == .ORG, c.subtype != "media", c.tokenRange.count >= 2, var tail = tails[c.tokenRange.upperBound],
                  tail.tokenRange.lowerBound > c.tokenRange.lowerBound else { out.append((c, beaten)); continue }
            // A quoted name is whole («Путь Грузии», «Новый свет Мьянмы»), and a Latin name has no
            // Russian genitive tail («Industrial and Commercial Bank of China»).
            if isQuoted(c.tokenRange, ctx) || ctx.token(tail.tokenRange.lowerBound - 1).has(.latin) {
                out.append((c, beaten)); continue
            }
            // Inside a «по»/«при» complement the location belongs to the phrase («МЧС по Санкт-Петербургу»).
            let before = tail.tokenRange.lowerBound - 1
            if ctx.token(before).kind != .word || ctx.hasReading(before, .prep) ||
                (c.tokenRange.lowerBound..<before).contains(where: { OrganizationRules.complementCases[ctx.key($0)] != nil }) {
                out.append((c, beaten)); continue
            }
            var head = c
            head.tokenRange = c.tokenRange.lowerBound..<tail.tokenRange.lowerBound
            head.source = c.source
            tail.source = "rule:" + ConventionRules.locationTail
            let lone = head.tokenRange.count == 1 && ctx.lexicon.descriptors.contains(token: head.tokenRange.lowerBound, of: ctx.segmentation)
            if !lone { out.append((head, beaten + ["\(ConventionRules.locationTail) split"])) }
            out.append((tail, []))
        }
        return out
    }
}
