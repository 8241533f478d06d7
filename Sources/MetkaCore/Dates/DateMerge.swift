/// How DATE mentions join the entity mentions of a document (flat output, one span per place).
///
/// - An entity mention strictly inside a longer date span is dropped (a stray «В» read as a name in
///   «В ноябре 2011 г»); its entity's count goes down, and an entity no kept mention refers to goes.
/// - A date that overlaps an entity mention in any other way yields to it («Улица 1905 года» as a
///   name keeps its «1905 года»).
/// - Mentions end up sorted by start.
public enum DateMerge {
    public static func merge(_ dates: [Mention], into tagged: inout TaggedDocument) {
        guard !dates.isEmpty else { return }
        var dropped: [String: Int] = [:]
        var kept: [Mention] = []
        kept.reserveCapacity(tagged.mentions.count)
        for m in tagged.mentions {
            let inside = dates.contains { d in d.start <= m.start && m.end <= d.end && (d.end - d.start) > (m.end - m.start) }
            if inside {
                if let e = m.entity { dropped[e, default: 0] += 1 }
            } else {
                kept.append(m)
            }
        }
        let accepted = dates.filter { d in !kept.contains { $0.start < d.end && d.start < $0.end } }
        if !dropped.isEmpty {
            let referenced = Set(kept.compactMap(\.entity))
            tagged.entities = tagged.entities.compactMap { e in
                guard let n = dropped[e.id] else { return e }
                guard referenced.contains(e.id) else { return nil }
                var e = e
                e.count = max(1, e.count - n)
                return e
            }
        }
        tagged.mentions = kept + accepted
        tagged.mentions.sort { ($0.start, $0.end) < ($1.start, $1.end) }
    }
}
