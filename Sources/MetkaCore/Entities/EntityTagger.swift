/// Persons, organizations and locations: gazetteer and rule candidates, the overlap policy,
/// in-document coreference and entity records.
public struct EntityTagger: Sendable {
    public let morphology: RussianMorphology
    public let gazetteer: CompiledGazetteer
    public let lexicon: EntityLexicon
    /// Gazetteer subtypes left out of tagging. Default: `generic` (lowercase institution nouns
    /// such as «полиция», «власти»): Metka tags names, not descriptions.
    public var excludedSubtypes: Set<String> = ["generic"]

    public init(morphology: RussianMorphology, gazetteer: CompiledGazetteer, lexicon: EntityLexicon) {
        self.morphology = morphology
        self.gazetteer = gazetteer
        self.lexicon = lexicon
    }

    public func tag(_ document: Document, _ segmentation: Segmentation, worker: WorkerState) -> ([Mention], [EntityRecord]) {
        let ctx = TokenContext(document: document, segmentation: segmentation, analyzer: worker.analyzer, lexicon: lexicon)
        let keyIDs = gazetteer.keyIDs(segmentation)
        var candidates = gazetteer.candidates(segmentation, keyIDs: keyIDs).filter {
            !excludedSubtypes.contains($0.subtype ?? "")
        }
        candidates += PersonRules().candidates(ctx)
        candidates += OrganizationRules().candidates(ctx)
        candidates += LocationRules().candidates(ctx)
        // Coreference pass: a lone surname that repeats a full name's last name is that person.
        let first = OverlapPolicy.resolve(candidates)
        candidates += surnameCoreference(first.map(\.0), ctx)
        let selected = OverlapPolicy.resolve(candidates)
        return EntityResolver(morphology: morphology, gazetteer: gazetteer, worker: worker).resolve(selected, ctx: ctx)
    }

    /// Candidates for capitalised words whose lemma equals the last name of a person named with
    /// at least two words elsewhere in the document.
    func surnameCoreference(_ selected: [Candidate], _ ctx: TokenContext) -> [Candidate] {
        var lastNames: Set<String> = []
        for c in selected where c.type == .PER && c.tokenRange.count >= 2 {
            let last = c.tokenRange.upperBound - 1
            guard ctx.token(last).kind == .word else { continue }
            lastNames.insert(ctx.key(last))
            for l in ctx.lemmaKeys(last) { lastNames.insert(l) }
        }
        guard !lastNames.isEmpty else { return [] }
        var out: [Candidate] = []
        for i in 0..<ctx.count where ctx.isCapitalizedWord(i) && ctx.token(i).has(.cyrillic) {
            if lastNames.contains(ctx.key(i)) || ctx.lemmaKeys(i).contains(where: lastNames.contains) {
                out.append(Candidate(tokenRange: i..<(i + 1), type: .PER, reference: .personName,
                                     source: "rule:" + PersonRules.surnameCoref, priority: CandidatePriority.gazetteer + 1))
            }
        }
        return out
    }
}
