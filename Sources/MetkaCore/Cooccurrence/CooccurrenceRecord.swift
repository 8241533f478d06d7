/// One document as co-occurrence counting sees it: a date, topic ids, the document's resolved
/// entities and, per mention, which entity it names and which unit (sentence/paragraph) holds it.
///
/// Why a record of its own instead of `TaggedDocument`: reports are built from stored output —
/// tagged JSON Lines today, the SQLite archive (MetkaArchive) later — and neither has the text or
/// the segmentation at hand. Any source that can produce this record can feed `CooccurrenceBuilder`.
public struct CooccurrenceRecord: Sendable {
    /// A document-level entity (`entities[]` of the output schema).
    public struct Entity: Sendable, Hashable {
        public var type: EntityType
        /// Canonical nominative name (Владимир Путин for Путина/Путину/Путин).
        public var name: String
        /// Knowledge-base id (`wikidata:Q7747`); entities with one merge across documents by it.
        public var kb: String?
        /// A cross-document entity id the source already assigned (an archive's entity table);
        /// when set it is the node's identity instead of kb / (type, name).
        public var key: String?

        public init(type: EntityType, name: String, kb: String? = nil, key: String? = nil) {
            self.type = type
            self.name = name
            self.kb = kb
            self.key = key
        }
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
            let k = NodeKey(entity)
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

    public init(_ entity: CooccurrenceRecord.Entity) {
        if let key = entity.key {
            kind = .explicit; value = key; type = nil
        } else if let kb = entity.kb, !kb.isEmpty {
            kind = .kb; value = kb; type = nil
        } else {
            kind = .name; value = entity.name; type = entity.type
        }
    }

    /// The node id written to every output format: `wikidata:Q7747`, or `PER:Владимир Путин`.
    public var id: String {
        switch kind {
        case .explicit, .kb: value
        case .name: type!.rawValue + ":" + value
        }
    }

    public static func == (a: NodeKey, b: NodeKey) -> Bool {
        a.kind == b.kind && a.type == b.type && a.value.utf8.elementsEqual(b.value.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(type)
        var v = value
        v.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public static func < (a: NodeKey, b: NodeKey) -> Bool { a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }
}

extension String {
    /// Byte-wise equality (see `NodeKey`).
    func utf8Equals(_ other: String) -> Bool { utf8.elementsEqual(other.utf8) }
    /// Byte-wise order: code point order for valid UTF-8, independent of locale and normalization.
    func utf8Precedes(_ other: String) -> Bool { utf8.lexicographicallyPrecedes(other.utf8) }
}
