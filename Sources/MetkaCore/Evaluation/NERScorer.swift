/// Exact-span NER scoring, identical to the reference scorer `score_ner.py`.
///
/// Gold spans come from `entities[].coarse` (PER, ORG, LOC, DATE; null ignored). The `outer`
/// view drops a gold span that lies inside a strictly longer gold span of a scored type (NEREL
/// is nested; a flat tagger is scored on outermost spans); `all` keeps every span. Predicted
/// spans come from `mentions` (or `entities` when there are no mentions) with the same type
/// aliases the reference accepts. Spans are sets: duplicates count once.
public struct NERScorer: Sendable {
    public enum View: String, Sendable, CaseIterable { case outer, all }

    public struct Span: Hashable, Sendable {
        public var start: Int
        public var end: Int
        public var type: String
        public init(start: Int, end: Int, type: String) {
            self.start = start
            self.end = end
            self.type = type
        }
    }

    public struct Counts: Sendable {
        public var tp = 0, fp = 0, fn = 0
        public init() {}
        public var precision: Double { tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0 }
        public var recall: Double { tp + fn > 0 ? Double(tp) / Double(tp + fn) : 0 }
        public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
    }

    /// Errors kept for `--errors N`: (document id, span text).
    public struct Report: Sendable {
        public var types: [String]
        public var counts: [String: Counts] = [:]
        public var missed: [String: [(String, String)]] = [:]
        public var spurious: [String: [(String, String)]] = [:]
        public var documents = 0
        public var predicted = 0

        public var micro: Counts {
            var c = Counts()
            for t in types { c.tp += counts[t]?.tp ?? 0; c.fp += counts[t]?.fp ?? 0; c.fn += counts[t]?.fn ?? 0 }
            return c
        }
    }

    /// Prediction type names the reference scorer maps to coarse types.
    static let predictionTypes: [String: String] = [
        "PER": "PER", "PERSON": "PER", "ORG": "ORG", "ORGANIZATION": "ORG", "LOC": "LOC", "LOCATION": "LOC",
        "GPE": "LOC", "COUNTRY": "LOC", "CITY": "LOC", "DATE": "DATE",
    ]

    public var view: View
    public var types: [String]

    public init(view: View = .outer, types: [String] = ["PER", "ORG", "LOC", "DATE"]) {
        self.view = view
        self.types = types
    }

    public func goldSpans(_ entities: [[String: Any]]) -> Set<Span> {
        var spans: [Span] = []
        for e in entities {
            guard let coarse = e["coarse"] as? String, types.contains(coarse),
                  let s = NERScorer.int(e["start"]), let t = NERScorer.int(e["end"]) else { continue }
            spans.append(Span(start: s, end: t, type: coarse))
        }
        if view == .outer {
            let all = spans
            spans = spans.filter { s in
                !all.contains { o in o != s && o.start <= s.start && s.end <= o.end && (o.end - o.start) > (s.end - s.start) }
            }
        }
        return Set(spans)
    }

    public func predictedSpans(_ items: [[String: Any]]) -> Set<Span> {
        var out = Set<Span>()
        for m in items {
            guard let raw = m["type"], let t = NERScorer.predictionTypes[String(describing: raw).uppercased()],
                  types.contains(t), let s = NERScorer.int(m["start"]), let e = NERScorer.int(m["end"]) else { continue }
            out.insert(Span(start: s, end: e, type: t))
        }
        return out
    }

    /// Scores `gold` documents (id → parsed object) against predictions (id → parsed object).
    public func score(gold: [(String, [String: Any])], predictions: [String: [String: Any]]) -> Report {
        var report = Report(types: types)
        for t in types { report.counts[t] = Counts() }
        for (id, g) in gold {
            report.documents += 1
            let pred = predictions[id]
            if pred != nil { report.predicted += 1 }
            let gs = goldSpans(g["entities"] as? [[String: Any]] ?? [])
            let items = (pred?["mentions"] as? [[String: Any]]) ?? (pred?["entities"] as? [[String: Any]]) ?? []
            let ps = predictedSpans(items)
            let text = Array((g["text"] as? String ?? "").unicodeScalars)
            func slice(_ s: Span) -> String {
                guard s.start >= 0, s.end <= text.count, s.start <= s.end else { return "" }
                return String(String.UnicodeScalarView(text[s.start..<s.end]))
            }
            for s in gs.intersection(ps) { report.counts[s.type]!.tp += 1 }
            for s in ps.subtracting(gs).sorted(by: NERScorer.order) {
                report.counts[s.type]!.fp += 1
                report.spurious[s.type, default: []].append((id, slice(s)))
            }
            for s in gs.subtracting(ps).sorted(by: NERScorer.order) {
                report.counts[s.type]!.fn += 1
                report.missed[s.type, default: []].append((id, slice(s)))
            }
        }
        return report
    }

    static func order(_ a: Span, _ b: Span) -> Bool { (a.start, a.end, a.type) < (b.start, b.end, b.type) }

    static func int(_ v: Any?) -> Int? {
        switch v {
        case let i as Int: return i
        case let d as Double: return Int(d)
        case let s as String: return Int(s)
        default: return nil
        }
    }

    /// The reference scorer's table: `docs N  predicted M  view V`, then per type and micro,
    /// P/R/F1 rounded to 4 places.
    public static func table(_ report: Report, view: View) -> String {
        func pad(_ s: String, _ w: Int, left: Bool = false) -> String {
            s.count >= w ? s : (left ? s + String(repeating: " ", count: w - s.count) : String(repeating: " ", count: w - s.count) + s)
        }
        func f4(_ x: Double) -> String {
            // Python rounds to 4 places with round-half-even on the binary value, then formats with 4 decimals.
            let r = (x * 10_000).rounded(.toNearestOrEven) / 10_000
            return JSONText.fixedPadded(r, 4)
        }
        var out = "docs \(report.documents)  predicted \(report.predicted)  view \(view.rawValue)\n"
        out += pad("type", 6, left: true) + " " + pad("P", 7) + " " + pad("R", 7) + " " + pad("F1", 7) + " "
            + pad("tp", 6) + " " + pad("fp", 6) + " " + pad("fn", 6) + "\n"
        for (name, c) in report.types.map({ ($0, report.counts[$0] ?? Counts()) }) + [("micro", report.micro)] {
            out += pad(name, 6, left: true) + " " + pad(f4(c.precision), 7) + " " + pad(f4(c.recall), 7) + " "
                + pad(f4(c.f1), 7) + " " + pad(String(c.tp), 6) + " " + pad(String(c.fp), 6) + " " + pad(String(c.fn), 6) + "\n"
        }
        return out
    }
}
