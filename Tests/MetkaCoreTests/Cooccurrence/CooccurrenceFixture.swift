import Foundation
@testable import MetkaCore

/// The hand-made tagged corpus (Tests/Fixtures/cooccur) read two ways: through Metka's parser
/// and builder, and through an independent reference computation on `JSONSerialization` objects
/// with plain sets, so counting bugs cannot hide in shared code.
enum CooccurrenceFixture {
    static func lines(_ name: String) -> [String] {
        TestData.fixture("cooccur/" + name).split(separator: "\n").map(String.init)
    }

    static func records(_ name: String, unit: CooccurrenceUnit) throws -> [CooccurrenceRecord] {
        try lines(name).compactMap { line in
            var bytes = Array(line.utf8)
            return try bytes.withUnsafeMutableBufferPointer { try TaggedLineParser(unit: unit).parse(UnsafeBufferPointer($0)) }
        }
    }

    static func report(_ name: String, filter: CooccurrenceFilter, selection: CooccurrenceSelection = CooccurrenceSelection(),
                       shuffle: Bool = false, scope: CooccurrenceEdgeScope = .all) throws -> CooccurrenceReport {
        var recs = try records(name, unit: filter.unit)
        if shuffle { recs.reverse(); recs.swapAt(0, recs.count / 2) }
        let builder = CooccurrenceBuilder(filter: filter)
        for r in recs { try builder.add(r) }
        return CooccurrenceReport.build(from: builder.finish(), selection: selection, scope: scope)
    }

    /// Reference counts: N, per-entity unit frequency, per-pair unit count, per-slice pair counts.
    struct Reference {
        var units = 0
        var frequency: [String: Int] = [:]
        var pairs: [Set<String>: Int] = [:]
        var slicePairs: [String: [Set<String>: Int]] = [:]
        var sliceUnits: [String: Int] = [:]
    }

    static func reference(_ name: String, filter: CooccurrenceFilter) -> Reference {
        var ref = Reference()
        for line in lines(name) {
            guard let doc = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            if doc["error"] != nil { continue }
            let topics = (doc["topics"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            if !filter.topics.isEmpty && filter.topics.isDisjoint(with: topics) { continue }
            let published = doc["published"] as? String
            var sliceLabel: String?
            if filter.needsDate {
                guard let p = published, let date = CalendarDate(iso: p) else { continue }
                if let from = filter.from, date < from { continue }
                if let to = filter.to, to < date { continue }
                if let kind = filter.slice {
                    switch kind {
                    case .month: sliceLabel = String(p.prefix(7))
                    case .year: sliceLabel = String(p.prefix(4))
                    case .week: sliceLabel = TimeSlice(kind: .week, containing: date).label
                    }
                }
            }
            var entities: [String: (type: String, key: String)] = [:]
            for e in doc["entities"] as? [[String: Any]] ?? [] {
                let type = e["type"] as! String, name = e["name"] as! String
                entities[e["id"] as! String] = (type, (e["kb"] as? String) ?? "\(type):\(name)")
            }
            var units: [Int: Set<String>] = [:]
            for m in doc["mentions"] as? [[String: Any]] ?? [] {
                if (m["boilerplate"] as? Bool ?? false) && !filter.includeBoilerplate { continue }
                let type: String, key: String
                if let id = m["entity"] as? String, let e = entities[id] {
                    (type, key) = (e.type, e.key)
                } else {
                    type = m["type"] as! String
                    key = "\(type):\((m["normal"] as? String) ?? (m["text"] as! String))"
                }
                guard let t = EntityType(rawValue: type), filter.types.contains(t) else { continue }
                let unit: Int
                switch filter.unit {
                case .article: unit = 0
                case .sentence: unit = m["sentence"] as! Int
                case .paragraph: unit = m["paragraph"] as! Int
                }
                units[unit, default: []].insert(key)
            }
            for (_, keys) in units {
                ref.units += 1
                if let s = sliceLabel { ref.sliceUnits[s, default: 0] += 1 }
                for k in keys { ref.frequency[k, default: 0] += 1 }
                let list = keys.sorted()
                for i in list.indices {
                    for j in list.indices where j > i {
                        ref.pairs[[list[i], list[j]], default: 0] += 1
                        if let s = sliceLabel { ref.slicePairs[s, default: [:]][[list[i], list[j]], default: 0] += 1 }
                    }
                }
            }
        }
        return ref
    }
}
