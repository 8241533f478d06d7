import ArgumentParser
import Foundation
import MetkaCore

/// `metka eval`: tags gold documents (or reads predictions) and scores exact spans exactly as
/// the reference `score_ner.py` does.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score Metka against gold JSON Lines (exact span, reproduces score_ner.py).",
        discussion: """
            Gold: {"id", "text", "entities": [{"start", "end", "coarse"}]} per line (corpora JSONL files).
            For factRuEval's naeval view use dev.naeval.jsonl with --view all --types PER,LOC,ORG.
            The entity convention follows the gold file unless --convention is given: factru for
            factRuEval exports (path contains factru/naeval), nerel for NEREL (path contains nerel,
            or NEREL's fine types in "type"), else metka. The chosen convention is printed on stderr.
            """
    )

    @Option(help: "Gold JSON Lines file.")
    var gold: String

    @Option(help: "Score this prediction file instead of tagging the gold texts.")
    var pred: String?

    @Option(help: "Gold view: outer (drop spans nested in a longer gold span) or all.")
    var view: String = "outer"

    @Option(help: "Comma-separated types to score.")
    var types: String = "PER,ORG,LOC,DATE"

    @Option(help: "Print N missed and N spurious examples per type.")
    var errors: Int = 0

    @Option(name: .customLong("write-pred"), help: "Also write the predictions (metka tag JSONL) to this file.")
    var writePred: String?

    @Option(help: "Write the scores as JSON to this file.")
    var json: String?

    @OptionGroup var data: DataOptions

    func run() throws {
        guard let view = NERScorer.View(rawValue: view) else { throw ValidationError("--view must be outer or all") }
        let scorer = NERScorer(view: view, types: types.split(separator: ",").map(String.init))
        let goldDocs = try EvalCommand.readJSONL(gold)
        var predictions: [String: [String: Any]] = [:]
        if let pred {
            for (id, obj) in try EvalCommand.readJSONL(pred) { predictions[id] = obj }
        } else {
            let fine = goldDocs.lazy.flatMap { ($0.1["entities"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String } }
            let convention = try data.entityConvention(default: EntityConvention.of(goldPath: gold, fineTypes: fine.prefix(200)))
            Diagnostics.error("convention: \(convention.rawValue)")
            let pipeline = try data.makePipeline(convention: convention)
            let (tagged, out) = try EvalCommand.predict(pipeline, goldDocs, keepBytes: writePred != nil)
            predictions = tagged
            if let writePred { try Data(out).write(to: URL(fileURLWithPath: writePred)) }
        }
        let report = scorer.score(gold: goldDocs, predictions: predictions)
        print(NERScorer.table(report, view: view), terminator: "")
        if errors > 0 {
            for t in scorer.types {
                let m = (report.missed[t] ?? []).prefix(errors).map { "\($0.0):'\($0.1)'" }.joined(separator: "; ")
                let s = (report.spurious[t] ?? []).prefix(errors).map { "\($0.0):'\($0.1)'" }.joined(separator: "; ")
                print("\n\(t) missed: \(m)\n\(t) spurious: \(s)")
            }
        }
        if let json {
            var j = JSONText(indent: 1)
            j.beginObject()
            for (name, c) in scorer.types.map({ ($0, report.counts[$0] ?? .init()) }) + [("micro", report.micro)] {
                j.beginObject(key: name)
                j.field("precision", c.precision); j.field("recall", c.recall); j.field("f1", c.f1)
                j.field("tp", c.tp); j.field("fp", c.fp); j.field("fn", c.fn)
                j.endObject()
            }
            j.endObject()
            try Data(j.bytes).write(to: URL(fileURLWithPath: json))
        }
    }

    /// Tags the gold texts (all cores) and returns the predictions by id as the scorer reads
    /// them, plus the JSONL bytes when `keepBytes`.
    static func predict(_ pipeline: Pipeline, _ goldDocs: [(String, [String: Any])], keepBytes: Bool) throws -> ([String: [String: Any]], [UInt8]) {
        let docs = goldDocs.map { Document(id: $0.0, text: $0.1["text"] as? String ?? "",
                                           published: ($0.1["published"] as? String).flatMap { CalendarDate(iso: $0) }) }
        let slots = ResultSlots(count: docs.count)
        let workers = ProcessInfo.processInfo.activeProcessorCount
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < docs.count {
                slots.set(i, (DocumentJSON.encode(pipeline.process(docs[i])), nil))
                i += workers
            }
        }
        var predictions: [String: [String: Any]] = [:]
        var out: [UInt8] = []
        for i in docs.indices {
            let bytes = slots.get(i).0
            if keepBytes { out += bytes + [0x0A] }
            if let obj = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] {
                predictions[docs[i].id] = obj
            }
        }
        return (predictions, out)
    }

    /// Documents in file order as (id, object).
    static func readJSONL(_ path: String) throws -> [(String, [String: Any])] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read \(path)")
        }
        var out: [(String, [String: Any])] = []
        var n = 0
        for line in data.split(separator: 0x0A) {
            n += 1
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) else { continue }
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw ValidationError("\(path):\(n): not JSON")
            }
            guard let id = obj["id"] else { throw ValidationError("\(path):\(n): no \"id\"") }
            out.append((String(describing: id), obj))
        }
        return out
    }
}
