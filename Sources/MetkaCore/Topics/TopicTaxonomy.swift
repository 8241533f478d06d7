import Foundation

/// One label of the topic taxonomy (`Models/topics/labels.tsv`).
public struct TopicLabel: Sendable, Hashable {
    public var id: String
    /// IPTC Media Topics code, e.g. `medtop:20000639`.
    public var iptc: String
    /// Russian display name.
    public var nameRu: String
    /// Labels this one always brings along (diplomacy → politics).
    public var implies: [String]
    public var definition: String
}

/// The ordered label set. Order is the file's order and fixes every per-label array in the model.
public struct TopicTaxonomy: Sendable, Hashable {
    public var labels: [TopicLabel]

    public init(labels: [TopicLabel]) { self.labels = labels }

    public static func load(_ url: URL) throws -> TopicTaxonomy {
        var labels: [TopicLabel] = []
        for (line, f) in try TSVFile.rows(url, columns: 5) {
            let implies = f[3] == "-" || f[3].isEmpty ? [] : f[3].split(separator: ",").map(String.init)
            guard !f[0].isEmpty, f[1].hasPrefix("medtop:") else {
                throw MetkaError.data("\(url.path):\(line): expected an id and an IPTC medtop: code")
            }
            labels.append(TopicLabel(id: f[0], iptc: f[1], nameRu: f[2], implies: implies, definition: f[4]))
        }
        let taxonomy = TopicTaxonomy(labels: labels)
        for l in labels {
            for target in l.implies where taxonomy.index(of: target) == nil {
                throw MetkaError.data("\(url.path): \(l.id) implies unknown label \(target)")
            }
        }
        return taxonomy
    }

    public var count: Int { labels.count }
    public var ids: [String] { labels.map(\.id) }

    public func index(of id: String) -> Int? { labels.firstIndex { $0.id == id } }

    /// (implying, implied) label index pairs.
    public var implications: [(from: Int, to: Int)] {
        var out: [(Int, Int)] = []
        for (i, l) in labels.enumerated() {
            for t in l.implies { if let j = index(of: t) { out.append((i, j)) } }
        }
        return out
    }

    /// Label indices ordered so that an implying label comes before the label it implies:
    /// thresholds are tuned in this order, since an implied label's decision depends on the other.
    public var decisionOrder: [Int] {
        let implied = Set(implications.map(\.to))
        return (0..<count).filter { !implied.contains($0) } + (0..<count).filter { implied.contains($0) }
    }

    /// Targets for training, as a bit set per label.
    ///
    /// An implied label is trained on its *own* evidence: when the labeller listed it after the
    /// implying label (`diplomacy,politics`), it is there because of the implication, and the
    /// politics classifier would otherwise learn "foreign-ministry talk" as politics and outrank
    /// the actual topic. At prediction time the implication is restored (`TopicDecision`).
    public func trainingTargets(_ ids: [String]) -> [Bool] {
        var y = [Bool](repeating: false, count: count)
        let positions = ids.enumerated().reduce(into: [String: Int]()) { m, e in if m[e.element] == nil { m[e.element] = e.offset } }
        for (i, l) in labels.enumerated() {
            guard let p = positions[l.id] else { continue }
            y[i] = true
            for (from, to) in implications where to == i {
                if let q = positions[labels[from].id], q < p { y[i] = false }
            }
        }
        return y
    }

    /// The full gold label set with implications applied (what evaluation compares against).
    public func closure(_ ids: [String]) -> [Bool] {
        var y = [Bool](repeating: false, count: count)
        for id in ids { if let i = index(of: id) { y[i] = true } }
        for _ in 0..<2 { for (from, to) in implications where y[from] { y[to] = true } }
        return y
    }
}
