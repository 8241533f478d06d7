import MetkaCore

/// The identity of an archive-wide entity: one `metka_entities` row per real entity across all
/// articles.
///
/// A knowledge-base id, when resolution found one, is the identity (`Q7747` is Putin whatever
/// the article calls him). Otherwise the type plus the normalized canonical name: lowercased,
/// `ё` folded to `е`, whitespace collapsed — the spelling variation news text shows for one name.
enum EntityKey {
    static func key(type: EntityType, name: String, kb: String?) -> String {
        if let kb, !kb.isEmpty { return "kb:" + kb }
        return type.rawValue + ":" + normalize(name)
    }

    static func normalize(_ name: String) -> String {
        let lower = ICU.lowercase(ICU.nfc(name))
        var out = ""
        out.reserveCapacity(lower.utf8.count)
        var pendingSpace = false
        for s in lower.unicodeScalars {
            if s.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
            out.unicodeScalars.append(s == "ё" ? "е" : s)
        }
        return out
    }
}

/// The archive entity a mention belongs to.
struct ArchiveEntity: Sendable, Hashable {
    var type: EntityType
    var subtype: String?
    var name: String
    var short: String?
    var kb: String?

    /// The archive identity (normalizes the name: ICU calls, so the writer caches by `rawKey`).
    var key: String { EntityKey.key(type: type, name: name, kb: kb) }

    /// The fields the identity derives from, unnormalized: a cheap cache key.
    var rawKey: String { type.rawValue + "\u{1F}" + (kb ?? "") + "\u{1F}" + name }

    /// From the document's resolved entity when the mention has one; otherwise, for names (not
    /// dates), from the mention's own normal form — so an archive is queryable by entity even
    /// for stages that tag mentions without resolving them.
    static func of(_ mention: Mention, in entities: [String: EntityRecord]) -> ArchiveEntity? {
        if let ref = mention.entity, let e = entities[ref] {
            return ArchiveEntity(type: e.type, subtype: e.subtype, name: e.name, short: e.short, kb: e.kb)
        }
        guard mention.type != .DATE else { return nil }
        let name = mention.normal ?? mention.text
        guard !name.isEmpty else { return nil }
        return ArchiveEntity(type: mention.type, subtype: mention.subtype, name: name, short: nil, kb: nil)
    }
}

/// Archive-wide entity ids derived from the entity key, and the rule that picks an entity's
/// stored name when articles spell it differently.
///
/// Why derived ids: several workers insert entities concurrently and in no fixed order, so an
/// id handed out by a sequence would depend on scheduling. An id computed from the key is the
/// same in every run, on every machine, in SQLite and in PostgreSQL — `metka_entities.id` can be
/// kept in reports and joined across re-enriched copies of an archive.
enum EntityID {
    /// 63-bit FNV-1a of the key (positive, never 0). Two keys sharing an id is an error the
    /// database reports (a primary-key violation) rather than a silent merge; at a million
    /// entities the chance is about 5·10⁻⁸.
    static func of(key: String) -> Int64 {
        var sum = Checksum()
        sum.addField("metka-entity")
        sum.add(key)
        let id = Int64(bitPattern: sum.value & 0x7FFF_FFFF_FFFF_FFFF)
        return id == 0 ? 1 : id
    }
}

extension ArchiveEntity {
    /// Order of preference among the spellings that share one key; the smallest is stored.
    /// Mixed-case names («Сбербанк») beat all-caps headline forms («СБЕРБАНК») and lowercase
    /// ones; then code-point order of name, subtype, short form, kb id and type (absent first).
    /// A total order on the spellings alone, so the stored row does not depend on which worker
    /// or article saw the entity first.
    var preference: String {
        let name = self.name
        let upper = name.uppercased(), lower = name.lowercased()
        let rank = (upper != lower && name != upper && name != lower) ? "0" : "1"
        func field(_ s: String?) -> String { s.map { "\u{2}" + $0 } ?? "" }
        return [rank, field(name), field(subtype), field(short), field(kb), field(type.rawValue)].joined(separator: "\u{1}")
    }

    /// `a` is preferred over `b` (code-point order, never locale order).
    static func prefers(_ a: ArchiveEntity, over b: ArchiveEntity) -> Bool {
        a.preference.unicodeScalars.lexicographicallyPrecedes(b.preference.unicodeScalars)
    }
}
