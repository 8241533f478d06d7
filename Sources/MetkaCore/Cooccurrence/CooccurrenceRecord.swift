import Foundation

/// One document as co-occurrence counting sees it: a date, topic ids, the document's resolved
/// entities and, per mention, which entity it names and which unit (sentence/paragraph) holds it.
///
/// Why a record of its own instead of `TaggedDocument`: reports are built from stored output —
/// tagged JSON Lines today, the SQLite archive (MetkaArchive) later — and neither has the text or
/// the segmentation at hand. Any source that can produce this record can feed `CooccurrenceBuilder`.
public struct CooccurrenceRecord: Sendable {
    /// A document-level entity (`entities[]` of the output schema).
    public struct Entity: Sendable, Hashable {
        public let type: EntityType
        /// Canonical nominative name (Владимир Путин for Путина/Путину/Путин).
        public let name: String
        /// Knowledge-base id (`wikidata:Q7747`); entities with one merge across documents by it.
        public let kb: String?
        /// A cross-document entity id the source already assigned (an archive's entity table);
        /// when set it is the node's identity instead of kb / (type, name).
        public let key: String?
        /// The node identity, with its hash computed here: sources build records on worker
        /// threads, so the single counting thread only compares keys.
        public let nodeKey: NodeKey
        /// FNV-1a of `name`, for counting which name a kb-merged entity goes by.
        let nameHash: UInt64

        public init(type: EntityType, name: String, kb: String? = nil, key: String? = nil) {
            self.type = type
            self.name = name
            self.kb = kb
            self.key = key
            self.nodeKey = NodeKey(type: type, name: name, kb: kb, key: key)
            self.nameHash = NodeKey.fnv1a(name, seed: NodeKey.fnvOffset)
        }

        public static func == (a: Entity, b: Entity) -> Bool {
            a.nodeKey == b.nodeKey && a.type == b.type && a.name.utf8Equals(b.name)
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(nodeKey) }
    }

    /// One mention: its entity (index into `entities`), its unit index and boilerplate flag.
    public struct Mention: Sendable, Hashable {
        public var entity: Int32
        /// Sentence or paragraph number within the document for those units; ignored for articles.
        public var unit: Int32
        public var boilerplate: Bool

        public init(entity: Int32, unit: Int32 = 0, boilerplate: Bool = false) {
            self.entity = entity
            self.unit = unit
            self.boilerplate = boilerplate
        }
    }

    public var id: String
    public var date: CalendarDate?
    /// Topic ids the tagger assigned (`topics[].id`).
    public var topics: [String]
    public var entities: [Entity]
    public var mentions: [Mention]

    public init(id: String, date: CalendarDate? = nil, topics: [String] = [], entities: [Entity] = [],
                mentions: [Mention] = []) {
        self.id = id
        self.date = date
        self.topics = topics
        self.entities = entities
        self.mentions = mentions
    }

    /// Builds a record from one row per mention, the shape a database join gives
    /// (entity key, name, type, kb, unit index, boilerplate). Rows naming the same entity
    /// (same key, or same kb, or same type and name) share one `Entity`.
    public init(id: String, date: CalendarDate?, topics: [String],
                rows: [(key: String?, name: String, type: EntityType, kb: String?, unit: Int32, boilerplate: Bool)]) {
        self.init(id: id, date: date, topics: topics)
        var index: [NodeKey: Int32] = [:]
        for row in rows {
            let entity = Entity(type: row.type, name: row.name, kb: row.kb, key: row.key)
            let k = entity.nodeKey
            let e: Int32
            if let known = index[k] {
                e = known
            } else {
                e = Int32(entities.count)
                entities.append(entity)
                index[k] = e
            }
            mentions.append(Mention(entity: e, unit: row.unit, boilerplate: row.boilerplate))
        }
    }
}

/// The identity of a graph node across documents: an explicit key, else the kb id, else
/// (type, canonical name). Hashing avoids building a concatenated string per lookup.
///
/// Equality and hashing work on the UTF-8 bytes, not on `String`'s canonical equivalence:
/// Metka writes names in one normalization form, and Unicode-aware hashing of Cyrillic names
/// was the single largest cost of counting a million documents.
public struct NodeKey: Hashable, Sendable, Comparable {
    enum Kind: UInt8, Sendable { case explicit, kb, name }
    let kind: Kind
    let value: String
    let type: EntityType?
    /// FNV-1a over kind, type and the UTF-8 bytes, computed once.
    let hash: UInt64

    init(type entityType: EntityType, name: String, kb: String?, key: String?) {
        if let key {
            kind = .explicit; value = key; type = nil
        } else if let kb, !kb.isEmpty {
            kind = .kb; value = kb; type = nil
        } else {
            kind = .name; value = name; type = entityType
        }
        var h = NodeKey.fnvOffset
        h = (h ^ UInt64(kind.rawValue)) &* NodeKey.fnvPrime
        h = (h ^ UInt64(type.map { $0.rawValue.utf8.first! } ?? 0)) &* NodeKey.fnvPrime
        hash = NodeKey.fnv1a(value, seed: h)
    }

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    static func fnv1a(_ s: String, seed: UInt64) -> UInt64 {
        var h = seed
        var v = s
        v.withUTF8 { for b in $0 { h = (h ^ UInt64(b)) &* fnvPrime } }
        return h
    }

    /// The node id written to every output format: `wikidata:Q7747`, or `PER:Владимир Путин`.
    public var id: String {
        switch kind {
        case .explicit, .kb: value
        case .name: type!.rawValue + ":" + value
        }
    }

    public static func == (a: NodeKey, b: NodeKey) -> Bool {
        a.hash == b.hash && a.kind == b.kind && a.type == b.type && a.value.utf8Equals(b.value)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    public static func < (a: NodeKey, b: NodeKey) -> Bool { a.id.utf8Precedes(b.id) }
}

extension String {
    /// Byte-wise equality (see `NodeKey`), by `memcmp` on the contiguous UTF-8.
    func utf8Equals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return utf8Compare(other) == 0
    }

    /// Byte-wise order: code point order for valid UTF-8, independent of locale and normalization.
    func utf8Precedes(_ other: String) -> Bool { utf8Compare(other) < 0 }

    /// memcmp-style comparison of the UTF-8 bytes: negative, zero or positive.
    func utf8Compare(_ other: String) -> Int {
        var a = self, b = other
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                let n = min(pa.count, pb.count)
                let c = n == 0 ? 0 : Int(memcmp(pa.baseAddress!, pb.baseAddress!, n))
                return c != 0 ? c : pa.count - pb.count
            }
        }
    }
}
