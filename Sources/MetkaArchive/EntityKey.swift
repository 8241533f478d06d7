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
