import Foundation

/// Multi-label evaluation: per-label precision/recall/F1, micro and macro averages, and a
/// confusion table (for documents of gold label g, how often label p was predicted).
public struct TopicEvaluation: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var support: Int
        public var tp: Int, fp: Int, fn: Int
        public var precision: Double { tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp) }
        public var recall: Double { tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    public var labels: [String]
    public var rows: [Row]
    public var documents: Int
    public var exactMatch: Int
    /// confusion[g][p]: documents whose gold set holds g and whose prediction holds p.
    public var confusion: [[Int]]

    public init(labels: [String], gold: [[Bool]], predicted: [[Bool]]) {
        self.labels = labels
        let n = labels.count
        rows = labels.map { Row(label: $0, support: 0, tp: 0, fp: 0, fn: 0) }
        confusion = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        documents = gold.count
        exactMatch = 0
        for (g, p) in zip(gold, predicted) {
            if g == p { exactMatch += 1 }
            for l in 0..<n {
                if g[l] { rows[l].support += 1 }
                if g[l] && p[l] { rows[l].tp += 1 } else if p[l] { rows[l].fp += 1 } else if g[l] { rows[l].fn += 1 }
                if g[l] { for q in 0..<n where p[q] { confusion[l][q] += 1 } }
            }
        }
    }

    public var microF1: Double {
        let tp = rows.reduce(0) { $0 + $1.tp }, fp = rows.reduce(0) { $0 + $1.fp }, fn = rows.reduce(0) { $0 + $1.fn }
        return tp == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn)
    }

    /// Mean F1 over labels that have gold support or predictions (a label absent from both says nothing).
    public var macroF1: Double {
        let used = rows.filter { $0.support > 0 || $0.fp > 0 }
        return used.isEmpty ? 0 : used.reduce(0) { $0 + $1.f1 } / Double(used.count)
    }

    public func row(_ label: String) -> Row? { rows.first { $0.label == label } }

    /// A plain-text report (the CLI prints it; tests read the numbers directly).
    public var report: String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        func pad(_ s: String, _ w: Int, left: Bool = false) -> String {
            s.count >= w ? s : (left ? s + String(repeating: " ", count: w - s.count) : String(repeating: " ", count: w - s.count) + s)
        }
        var out = "documents \(documents), exact set match \(exactMatch) (\(f(documents == 0 ? 0 : Double(exactMatch) / Double(documents))))\n"
        out += pad("label", 20, left: true) + pad("support", 8) + pad("P", 8) + pad("R", 8) + pad("F1", 8) + "\n"
        for r in rows {
            out += pad(r.label, 20, left: true) + pad(String(r.support), 8) + pad(f(r.precision), 8) + pad(f(r.recall), 8) + pad(f(r.f1), 8) + "\n"
        }
        out += "micro-F1 \(f(microF1))  macro-F1 \(f(macroF1))\n\nconfusion (row: gold label, column: predicted label, documents)\n"
        let short = labels.map { String($0.prefix(5)) }
        out += pad("", 20) + short.map { pad($0, 6) }.joined() + "\n"
        for (i, l) in labels.enumerated() {
            out += pad(l, 20, left: true) + confusion[i].map { pad(String($0), 6) }.joined() + "\n"
        }
        return out
    }
}

extension TopicClassifier {
    /// Classifies every example (through `tag`) and compares with its gold labels (implications applied).
    public func evaluate(_ examples: [TopicExample], tag: (TopicExample) -> TaggedDocument) -> TopicEvaluation {
        var gold: [[Bool]] = [], predicted: [[Bool]] = []
        for e in examples {
            gold.append(taxonomy.closure(e.labels))
            var p = [Bool](repeating: false, count: taxonomy.count)
            for t in classify(tag(e)) { if let l = taxonomy.index(of: t.id) { p[l] = true } }
            predicted.append(p)
        }
        return TopicEvaluation(labels: taxonomy.ids, gold: gold, predicted: predicted)
    }
}
