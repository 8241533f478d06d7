/// A possible mention before overlaps are settled: a token span, a type, and where it came from.
public struct Candidate: Sendable {
    /// What backs the candidate, for canonical names and entity identity.
    public enum Reference: Sendable, Hashable {
        /// A gazetteer entry (index into `CompiledGazetteer.entries`).
        case gazetteer(Int32)
        /// A person name found by rules; parts are resolved later with the name normalizer.
        case personName
        /// A name phrase found by rules (organization or location).
        case phrase
    }

    public var tokenRange: Range<Int>
    public var type: EntityType
    public var subtype: String?
    public var reference: Reference
    /// `rule:<id>` or `gazetteer:<file>:<line>`.
    public var source: String
    /// Strength in the overlap policy; see `OverlapPolicy`.
    public var priority: Int
    /// The candidate model's margin for this candidate's type over "not a name", when a model ran.
    public var modelScore: Float?
    /// For gazetteer matches, a hash of the entry's stable key (`list#id`); 0 otherwise. The
    /// candidate model keys per-entry weights on it rather than on `source`'s line number, so
    /// an edit that moves lines in a list does not silently detach the learned weights.
    public var entryKey: UInt64 = 0

    public init(tokenRange: Range<Int>, type: EntityType, subtype: String? = nil, reference: Reference,
                source: String, priority: Int) {
        self.tokenRange = tokenRange
        self.type = type
        self.subtype = subtype
        self.reference = reference
        self.source = source
        self.priority = priority
    }
}

/// Priorities of candidate kinds (higher wins among equally long overlapping candidates).
public enum CandidatePriority {
    public static let gazetteer = 50
    public static let personFullName = 45
    public static let organizationPhrase = 40
    public static let gazetteerAmbiguous = 30
    public static let personPartial = 25
    public static let locationPattern = 20
    public static let personSurname = 15
    public static let fallback = 5
}
