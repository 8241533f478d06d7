/// Reads one line of `metka tag --format jsonl` output into a `CooccurrenceRecord`.
///
/// Fields read: `id`, `published`, `topics[].id`, `entities[].{id, type, name, kb}` (ids strings
/// as `metka tag` writes them or integers as `metka archive export` does),
/// `mentions[].{type, entity, normal, text, boilerplate, sentence, paragraph}`; everything else is
/// skipped. A mention without a known `entity` stands for itself: (type, `normal` or `text`).
/// Error records written by `metka tag` (`{"id", "line", "error"}`) come back as `nil`.
public struct TaggedLineParser: Sendable {
    public let unit: CooccurrenceUnit

    public init(unit: CooccurrenceUnit) {
        self.unit = unit
    }

    private struct RawEntity {
        var id: JSONScanner.StringToken?
        var type: EntityType?
        var name: String?
        var kb: String?
    }

    private struct RawMention {
        var type: EntityType?
        var entity: JSONScanner.StringToken?
        var normal: JSONScanner.StringToken?
        var text: JSONScanner.StringToken?
        var boilerplate = false
        var sentence: Int?
        var paragraph: Int?
    }

    public func parse(_ line: UnsafeBufferPointer<UInt8>) throws -> CooccurrenceRecord? {
        var s = JSONScanner(line)
        var id: String?
        var date: CalendarDate?
        var topics: [String] = []
        var rawEntities: [RawEntity] = []
        var rawMentions: [RawMention] = []
        var isError = false
        try s.object { s, key in
            if s.equals(key, "id") {
                if s.peek() == UInt8(ascii: "\"") { id = s.decode(try s.string()) }
                else if let n = try s.integer() { id = String(n) }
            } else if s.equals(key, "published") {
                if !s.isNull() {
                    let text = s.decode(try s.string())
                    if !text.isEmpty {
                        guard let d = CalendarDate(iso: text) else {
                            throw MetkaError.record("\"published\" must be a date YYYY-MM-DD, got \"\(text.prefix(40))\"")
                        }
                        date = d
                    }
                }
            } else if s.equals(key, "topics") {
                try s.array { s in
                    try s.object { s, key in
                        if s.equals(key, "id") { topics.append(s.decode(try s.string())) } else { try s.skipValue() }
                    }
                }
            } else if s.equals(key, "entities") {
                try s.array { s in
                    var e = RawEntity()
                    try s.object { s, key in
                        if s.equals(key, "id") { e.id = try s.id() }
                        else if s.equals(key, "type") { e.type = TaggedLineParser.type(s, try s.string()) }
                        else if s.equals(key, "name") { e.name = s.decode(try s.string()) }
                        else if s.equals(key, "kb") { e.kb = s.isNull() ? nil : s.decode(try s.string()) }
                        else { try s.skipValue() }
                    }
                    rawEntities.append(e)
                }
            } else if s.equals(key, "mentions") {
                try s.array { s in
                    var m = RawMention()
                    try s.object { s, key in
                        if s.equals(key, "type") { m.type = TaggedLineParser.type(s, try s.string()) }
                        else if s.equals(key, "entity") { m.entity = s.isNull() ? nil : try s.id() }
                        else if s.equals(key, "normal") { m.normal = s.isNull() ? nil : try s.string() }
                        else if s.equals(key, "text") { m.text = try s.string() }
                        else if s.equals(key, "boilerplate") { m.boilerplate = try s.boolean() ?? false }
                        else if s.equals(key, "sentence") { m.sentence = try s.integer() }
                        else if s.equals(key, "paragraph") { m.paragraph = try s.integer() }
                        else { try s.skipValue() }
                    }
                    rawMentions.append(m)
                }
            } else if s.equals(key, "error") {
                isError = true
                try s.skipValue()
            } else {
                try s.skipValue()
            }
        }
        guard s.peek() == nil else { throw s.error("text after the record") }
        if isError { return nil }

        var record = CooccurrenceRecord(id: id ?? "", date: date, topics: topics)
        record.entities.reserveCapacity(rawEntities.count)
        for e in rawEntities {
            guard let type = e.type, let name = e.name else {
                record.entities.append(CooccurrenceRecord.Entity(type: .DATE, name: "", kb: nil))  // keeps indices aligned; never counted by name
                continue
            }
            record.entities.append(CooccurrenceRecord.Entity(type: type, name: name, kb: e.kb))
        }
        record.mentions.reserveCapacity(rawMentions.count)
        for (n, m) in rawMentions.enumerated() {
            guard let type = m.type else { continue }
            var index: Int32 = -1
            if let ref = m.entity {
                // Documents have few entities; a scan beats building a dictionary per line.
                for (k, e) in rawEntities.enumerated() {
                    if let eid = e.id, e.type != nil, e.name != nil, s.equals(ref, eid) { index = Int32(k); break }
                }
            }
            if index < 0 {
                // No resolved entity: the mention stands for itself.
                guard let surface = m.normal ?? m.text else { continue }
                let entity = CooccurrenceRecord.Entity(type: type, name: s.decode(surface))
                if let k = record.entities.firstIndex(of: entity) {
                    index = Int32(k)
                } else {
                    index = Int32(record.entities.count)
                    record.entities.append(entity)
                }
            }
            var unitIndex = 0
            switch unit {
            case .article: break
            case .sentence, .paragraph:
                let field = unit == .sentence ? m.sentence : m.paragraph
                guard let value = field else {
                    throw MetkaError.record("mention \(n) has no \"\(unit.rawValue)\" field (written by metka tag since co-occurrence support); re-tag or use --unit article")
                }
                guard value >= 0 && value <= Int(Int32.max) else {
                    throw MetkaError.record("mention \(n) has a negative or huge \"\(unit.rawValue)\" index")
                }
                unitIndex = value
            }
            record.mentions.append(CooccurrenceRecord.Mention(entity: index, unit: Int32(unitIndex), boilerplate: m.boilerplate))
        }
        return record
    }

    private static func type(_ s: JSONScanner, _ t: JSONScanner.StringToken) -> EntityType? {
        if s.equals(t, "PER") { return .PER }
        if s.equals(t, "ORG") { return .ORG }
        if s.equals(t, "LOC") { return .LOC }
        if s.equals(t, "DATE") { return .DATE }
        return nil
    }
}
