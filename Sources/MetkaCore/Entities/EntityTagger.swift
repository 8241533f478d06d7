/// Persons, organizations and locations: gazetteer and rule candidates, the overlap policy,
/// in-document coreference and entity records.
public struct EntityTagger: Sendable {
    public let morphology: RussianMorphology
    public let gazetteer: CompiledGazetteer
    public let lexicon: EntityLexicon
    /// Gazetteer subtypes left out of tagging. Default: `generic` (lowercase institution nouns
    /// such as «полиция», «власти»): Metka tags names, not descriptions.
    public var excludedSubtypes: Set<String> = ["generic"]
    /// Learned re-scorer of candidates (`Models/ner/`); nil runs the rules alone.
    public var candidateModel: CandidateModel?
    /// Annotation convention of the output (default: Metka's own; see `EntityConvention`).
    public var convention: EntityConvention = .metka
    /// Relational adjective lemma key → location entry («российский» → Россия), from `adj=`.
    let locationAdjectives: [String: Int32]

    public init(morphology: RussianMorphology, gazetteer: CompiledGazetteer, lexicon: EntityLexicon) {
        self.morphology = morphology
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        var adjectives: [String: Int32] = [:]
        for (e, entry) in gazetteer.entries.enumerated() where entry.type == .LOC {
            for a in (entry.attributes["adj"] ?? "").split(separator: "|") {
                let key = TokenKey.of(String(a))
                // The first entry wins (countries load before cities and regions).
                if adjectives[key] == nil { adjectives[key] = Int32(e) }
            }
        }
        locationAdjectives = adjectives
    }

    public func tag(_ document: Document, _ segmentation: Segmentation, worker: WorkerState) -> ([Mention], [EntityRecord]) {
        let ctx = TokenContext(document: document, segmentation: segmentation, analyzer: worker.analyzer, lexicon: lexicon)
        var candidates = ruleCandidates(ctx)
        let words = candidateModel.map { _ in CandidateFeatures.WordUsage(ctx) }
        if let candidateModel, let words {
            let rules = candidates
            let keep = convention == .nerel ? [] : ConventionRules().facilityLocations(candidates, gazetteer: gazetteer)
            candidates = candidateModel.rescore(candidates, words: words, ctx: ctx)
            // Put back what the model vetoed (`convention.facility-location`).
            for c in keep where !candidates.contains(where: { $0.tokenRange == c.tokenRange && $0.source == c.source }) { candidates.append(c) }
            if convention == .factru { candidates += ConventionRules().factruCandidates(ctx, ruleCandidates: rules, rescored: candidates) }
        } else if convention == .factru {
            candidates += ConventionRules().factruCandidates(ctx, ruleCandidates: candidates, rescored: candidates)
        }
        // Coreference pass: a lone surname that repeats a full name's last name is that person.
        let first = OverlapPolicy.resolve(candidates)
        let before = candidates.count
        candidates += surnameCoreference(first.map(\.0), ctx)
        if let candidateModel { candidates = candidateModel.apply(to: candidates, from: before, words: words, ctx: ctx) }
        if convention != .nerel {
            // The model learned NEREL's capitalised place adjectives («Российские власти»); outside
            // that convention an adjective alone is not a location.
            candidates.removeAll { c in
                c.source == CandidateModel.proposalSource && c.tokenRange.count == 1 &&
                    ctx.parses(c.tokenRange.lowerBound).first.map { $0.grammemes.contains(.adjf) } == true
            }
        }
        if convention == .nerel {
            // NEREL's facilities are not names it scores (`convention.facility-location`): neither the
            // place nor another reading of the same words («МКС» as an abbreviation).
            let facilities = Set(candidates.filter { ConventionRules().isLocation($0, ofKind: ConventionRules.nerelFacilityKinds, gazetteer) }
                .map { ConventionRules.spanKey($0.tokenRange) })
            if !facilities.isEmpty { candidates.removeAll { facilities.contains(ConventionRules.spanKey($0.tokenRange)) } }
            let generic = gazetteer.candidates(ctx.document, ctx.segmentation, keyIDs: gazetteer.keyIDs(ctx.segmentation)).filter {
                $0.subtype == "generic" && (!ctx.isCapitalizedWord($0.tokenRange.lowerBound) || ctx.atSentenceStart[$0.tokenRange.lowerBound])
            }
            candidates += ConventionRules().nerelCandidates(ctx, gazetteerGeneric: generic, adjectives: locationAdjectives, pool: candidates,
                                                          gazetteer: gazetteer)
        }
        var selected = retypeGlosses(OverlapPolicy.resolve(candidates), ctx)
        if convention != .nerel { selected.removeAll { isAdjectiveDescriptor($0.0, ctx) } }
        if convention != .metka { selected = absorbRelationalAdjectives(selected, ctx) }
        selected = appendRegnalNumbers(selected, ctx)
        if convention == .factru {
            selected = ConventionRules().factruSplitOrganizations(selected, pool: candidates, ctx)
            selected = ConventionRules().factruSplit(selected, pool: candidates, ctx)
            selected = ConventionRules().factruDropAbbreviations(selected, ctx)
        }
        if candidateModel != nil {
            for k in selected.indices {
                if let s = selected[k].0.modelScore { selected[k].1.insert(CandidateModel.explanation(s), at: 0) }
            }
        }
        return EntityResolver(morphology: morphology, gazetteer: gazetteer, worker: worker).resolve(selected, ctx: ctx)
    }

    /// Gazetteer and rule candidates of a document, before any model or overlap policy.
    func ruleCandidates(_ ctx: TokenContext) -> [Candidate] {
        let segmentation = ctx.segmentation
        let keyIDs = gazetteer.keyIDs(segmentation)
        var candidates = gazetteer.candidates(ctx.document, segmentation, keyIDs: keyIDs).filter {
            !excludedSubtypes.contains($0.subtype ?? "") && plausibleSingleWord($0, ctx)
        }
        candidates += PersonRules().candidates(ctx)
        candidates += OrganizationRules().candidates(ctx)
        candidates += LocationRules().candidates(ctx)
        candidates = PersonRules().trimmedAfterNamedEntities(candidates, ctx)
        // No name runs across a line break (a headline and the next line, a list of names).
        candidates.removeAll { c in c.tokenRange.dropFirst().contains { segmentation.tokens[$0].has(.newlineBefore) } }
        return candidates
    }

    /// A one-word gazetteer hit must not be a function word («По» is also Edgar Poe, «Ли» a
    /// particle) and, at a sentence start, not a word whose best reading is an ordinary noun.
    func plausibleSingleWord(_ c: Candidate, _ ctx: TokenContext) -> Bool {
        guard c.tokenRange.count == 1 else { return true }
        let i = c.tokenRange.lowerBound
        guard ctx.token(i).kind == .word, ctx.token(i).has(.cyrillic), !ctx.token(i).has(.allCaps) else { return true }
        if ctx.hasFunctionWordReading(i) { return false }
        if ctx.atSentenceStart[i], c.type == .PER, ctx.isCommonWord(i) { return false }
        return true
    }

    /// `rule:gloss.latin` — a Latin-script name in parentheses right after a mention names the
    /// same thing: «Билал Хассеин (Bilal Hussein)», «банк Китая (Industrial and Commercial Bank of China)».
    static let latinGloss = "gloss.latin"

    func retypeGlosses(_ selected: [(Candidate, [String])], _ ctx: TokenContext) -> [(Candidate, [String])] {
        var out = selected
        for k in 1..<max(1, out.count) {
            let prev = out[k - 1].0, cur = out[k].0
            let open = cur.tokenRange.lowerBound - 1
            guard open == prev.tokenRange.upperBound, ctx.isASCII(open, UInt8(ascii: "(")),
                  ctx.token(cur.tokenRange.lowerBound).has(.latin), cur.type != prev.type else { continue }
            out[k].0.type = prev.type
            out[k].0.subtype = prev.subtype
            out[k].0.source = "rule:" + EntityTagger.latinGloss
            out[k].0.reference = prev.type == .PER ? .personName : .phrase
        }
        return out
    }

    /// «Японское правительство», «Кипрское правительство»: place adjectives and a descriptor
    /// (`descriptors.tsv`) describe an institution rather than name it; dropped outside NEREL.
    func isAdjectiveDescriptor(_ c: Candidate, _ ctx: TokenContext) -> Bool {
        let r = c.tokenRange
        guard c.type == .ORG, c.source == "rule:" + OrganizationRules.namedHead, r.count >= 2,
              ctx.lexicon.descriptors.contains(token: r.upperBound - 1, of: ctx.segmentation) else { return false }
        return r.dropLast().allSatisfy { i in
            ctx.parses(i).first.map { $0.grammemes.contains(.adjf) && locationAdjectives[TokenKey.of($0.lemma)] != nil } == true
        }
    }

    /// `rule:person.regnal-number` — a Roman numeral right after a person's name is part of it:
    /// «Елизавета II», «Иоанн Павел II», «Альбер II».
    static let regnalNumber = "person.regnal-number"
    static let romanNumerals: Set<String> = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi"]

    func appendRegnalNumbers(_ selected: [(Candidate, [String])], _ ctx: TokenContext) -> [(Candidate, [String])] {
        var out = selected
        for k in out.indices where out[k].0.type == .PER {
            let n = out[k].0.tokenRange.upperBound
            guard n < ctx.count, ctx.token(n).kind == .word, ctx.token(n).has(.latin), ctx.token(n).has(.allCaps),
                  ctx.token(n).has(.spaceBefore), !ctx.token(n).has(.newlineBefore), EntityTagger.romanNumerals.contains(ctx.key(n)),
                  k + 1 == out.count || out[k + 1].0.tokenRange.lowerBound > n else { continue }
            out[k].0.tokenRange = out[k].0.tokenRange.lowerBound..<(n + 1)
            out[k].1.append("rule:\(EntityTagger.regnalNumber) extended")
        }
        return out
    }

    /// `rule:org.relational-adjective` — a lowercase relational adjective of a place right before
    /// an organization is part of its name in both reference corpora (`factru`, `nerel`
    /// conventions; Metka's own output keeps the name alone): «японского МИДа», «российского
    /// Минсельхоза». The organization keeps its source and entity.
    static let relationalAdjectiveOrg = "org.relational-adjective"

    func absorbRelationalAdjectives(_ selected: [(Candidate, [String])], _ ctx: TokenContext) -> [(Candidate, [String])] {
        var out: [(Candidate, [String])] = []
        for (c, beaten) in selected {
            let a = c.tokenRange.lowerBound - 1
            guard c.type == .ORG, a >= 0, ctx.token(a).kind == .word, ctx.token(a).has(.cyrillic), !ctx.isCapitalizedWord(a),
                  !ctx.token(c.tokenRange.lowerBound).has(.newlineBefore),
                  let parse = ctx.parses(a).first, parse.grammemes.contains(.adjf),
                  locationAdjectives[TokenKey.of(parse.lemma)] != nil else { out.append((c, beaten)); continue }
            // The adjective may have been selected alone (NEREL's LOC adjectives): it joins the name.
            if let last = out.last, last.0.tokenRange == a..<(a + 1) { out.removeLast() }
            var grown = c
            grown.tokenRange = a..<c.tokenRange.upperBound
            out.append((grown, beaten + ["rule:\(EntityTagger.relationalAdjectiveOrg) extended"]))
        }
        return out
    }

    /// Candidates for capitalised words whose lemma equals the last name of a person named with
    /// at least two words elsewhere in the document.
    func surnameCoreference(_ selected: [Candidate], _ ctx: TokenContext) -> [Candidate] {
        var lastNames = SimpleStringSet()
        for c in selected where c.type == .PER && c.tokenRange.count >= 2 {
            let last = c.tokenRange.upperBound - 1
            guard ctx.token(last).kind == .word else { continue }
            lastNames.insert(ctx.key(last))
            for l in ctx.lemmaKeys(last) { lastNames.insert(l) }
            // A Chinese name puts the surname first: «Ван Цзюнь» … «Ван».
            if c.source == "rule:" + PersonRules.chineseName { lastNames.insert(ctx.key(c.tokenRange.lowerBound)) }
        }
        guard !lastNames.isEmpty else { return [] }
        var out: [Candidate] = []
        let rules = PersonRules()
        for i in 0..<ctx.count where ctx.isCapitalizedWord(i) && ctx.token(i).has(.cyrillic) && !rules.isPluralSurnameForm(ctx, i) {
            if lastNames.contains(ctx.key(i)) || ctx.lemmaKeys(i).contains(where: { lastNames.contains($0) }) {
                out.append(Candidate(tokenRange: i..<(i + 1), type: .PER, reference: .personName,
                                     source: "rule:" + PersonRules.surnameCoref, priority: CandidatePriority.gazetteer + 1))
            }
        }
        return out
    }
}
