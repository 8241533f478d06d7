import Foundation

/// One labelled document for training or evaluation (a JSONL line
/// `{"id", "text", "labels": [...], optional "title", "mask": [...], "weight", "corpus"}`).
///
/// `mask` lists the labels the document supervises (rubric data: the rubric's label plus the
/// labels it rules out); absent means all labels. `weight` scales the document's loss (silver data).
public struct TopicExample: Sendable {
    public var id: String
    public var corpus: String
    public var text: String
    public var title: String?
    public var labels: [String]
    public var mask: [String]?
    public var weight: Double

    public init(id: String, corpus: String = "", text: String, title: String? = nil, labels: [String], mask: [String]? = nil, weight: Double = 1) {
        self.id = id
        self.corpus = corpus
        self.text = text
        self.title = title
        self.labels = labels
        self.mask = mask
        self.weight = weight
    }

    /// Fully labelled (no mask): such documents calibrate scores and tune thresholds.
    public var isGold: Bool { mask == nil }
}

public enum TopicDataset {
    public static func load(_ url: URL) throws -> [TopicExample] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw MetkaError.io("\(url.path): cannot read")
        }
        var out: [TopicExample] = []
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let text = obj["text"] as? String, let labels = obj["labels"] as? [String] else {
                throw MetkaError.data("\(url.path):\(lineNumber): expected {\"id\", \"text\", \"labels\": [...]}")
            }
            let id = (obj["id"] as? String) ?? String(lineNumber)
            out.append(TopicExample(id: id, corpus: obj["corpus"] as? String ?? "", text: text, title: obj["title"] as? String,
                                    labels: labels, mask: obj["mask"] as? [String],
                                    weight: (obj["weight"] as? NSNumber)?.doubleValue ?? 1))
        }
        return out
    }
}
