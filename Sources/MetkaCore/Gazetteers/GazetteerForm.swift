/// One (entry, written form, provenance) tuple: what the matcher compiler consumes.
///
/// The compiler tokenizes `text`, asks the morphology for the inflected forms (unless `isExact`,
/// `declension == .none`, or the word is frozen / all-caps / Latin) and inserts the token-key
/// sequences into its trie, pointing back at `entityID` and `location` for the mention's
/// `source` field.
public struct GazetteerForm: Hashable, Sendable {
    public enum Origin: Hashable, Sendable {
        case name
        case alias
        /// Generated from a person's fields.
        case personVariant(PersonVariant.Kind)
        /// A relational adjective from `adj=` (российский → Россия).
        case adjective
    }

    /// `list-file#id`, unique across all loaded lists.
    public var entityID: String
    public var type: GazetteerEntityType
    public var subtype: String
    public var text: String
    public var origin: Origin
    /// Match exactly as written (`=` marker).
    public var isExact: Bool
    /// Needs context before it is accepted: a `?` alias, an entry marked `ambiguous=`, or a short
    /// person variant (surname alone, initials).
    public var needsContext: Bool
    public var frozenWords: [Int]
    public var declension: GazetteerAttributes.Declension
    public var location: SourceLocation
}

extension GazetteerRecord {
    public func forms() -> [GazetteerForm] {
        let entryAmbiguous = attributes.ambiguity != nil
        func form(_ alias: AliasForm, _ origin: GazetteerForm.Origin) -> GazetteerForm {
            GazetteerForm(entityID: qualifiedID, type: type, subtype: subtype, text: alias.text, origin: origin,
                          isExact: alias.isExact, needsContext: alias.isAmbiguous || entryAmbiguous,
                          frozenWords: alias.frozenWords, declension: attributes.declension, location: location)
        }
        var out = [form(name, .name)] + aliases.map { form($0, .alias) }
        for adjective in attributes.adjectives {
            out.append(form(AliasForm(text: adjective), .adjective))
        }
        return out
    }
}

extension PersonRecord {
    public func forms() -> [GazetteerForm] {
        let entryAmbiguous = attributes.ambiguity != nil
        var out = variants().map { v in
            GazetteerForm(entityID: qualifiedID, type: .per, subtype: subtype, text: v.text,
                          origin: .personVariant(v.kind), isExact: false,
                          needsContext: v.needsContext || entryAmbiguous, frozenWords: [],
                          declension: attributes.declension, location: location)
        }
        let generated = Set(out.map { GazetteerFormKey.fold($0.text) })
        for alias in aliases where !generated.contains(GazetteerFormKey.fold(alias.text)) {
            out.append(GazetteerForm(entityID: qualifiedID, type: .per, subtype: subtype, text: alias.text,
                                     origin: .alias, isExact: alias.isExact,
                                     needsContext: alias.isAmbiguous || entryAmbiguous,
                                     frozenWords: alias.frozenWords, declension: attributes.declension,
                                     location: location))
        }
        return out
    }
}
