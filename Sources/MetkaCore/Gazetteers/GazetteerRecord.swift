/// One row of an `entity`-schema list: an organization or a location with its names.
public struct GazetteerRecord: Hashable, Sendable {
    /// Slug unique within its list (`mfa-russia`).
    public var id: String
    /// Canonical nominative name (first form; never ambiguous by markup).
    public var name: AliasForm
    public var aliases: [AliasForm]
    public var attributes: GazetteerAttributes
    public var type: GazetteerEntityType
    public var subtype: String
    public var location: SourceLocation

    public init(id: String, name: AliasForm, aliases: [AliasForm], attributes: GazetteerAttributes,
                type: GazetteerEntityType, subtype: String, location: SourceLocation) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.attributes = attributes
        self.type = type
        self.subtype = subtype
        self.location = location
    }

    /// Globally unique key: list file + id (`organizations/government-ru.tsv#mfa-russia`).
    public var qualifiedID: String { "\(location.file)#\(id)" }
}

/// Person gender as written in the `gender` column.
public enum PersonGender: String, Sendable {
    case male = "m", female = "f"
}

/// One row of a `person`-schema list. Name variants are generated, never typed.
public struct PersonRecord: Hashable, Sendable {
    public var id: String
    public var last: String
    public var first: String
    public var patronymic: String
    public var gender: PersonGender?
    public var aliases: [AliasForm]
    public var attributes: GazetteerAttributes
    public var subtype: String
    public var location: SourceLocation

    public init(id: String, last: String, first: String, patronymic: String, gender: PersonGender?,
                aliases: [AliasForm], attributes: GazetteerAttributes, subtype: String,
                location: SourceLocation) {
        self.id = id
        self.last = last
        self.first = first
        self.patronymic = patronymic
        self.gender = gender
        self.aliases = aliases
        self.attributes = attributes
        self.subtype = subtype
        self.location = location
    }

    public var qualifiedID: String { "\(location.file)#\(id)" }

    /// True for names written family-name first (Си Цзиньпин, Ким Чен Ын).
    public var isEasternOrder: Bool { attributes["order"] == "eastern" }

    /// Display name: «Владимир Путин», «Си Цзиньпин».
    public var displayName: String {
        if first.isEmpty { return last }
        return isEasternOrder ? "\(last) \(first)" : "\(first) \(last)"
    }

    /// Fullest form: «Владимир Владимирович Путин».
    public var fullName: String {
        if isEasternOrder || patronymic.isEmpty { return displayName }
        return "\(first) \(patronymic) \(last)"
    }
}
