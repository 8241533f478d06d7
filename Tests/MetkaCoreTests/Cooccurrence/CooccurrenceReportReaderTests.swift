import Foundation
import Testing
@testable import MetkaCore

/// A JSON report read back renders every format as the build it came from does, and a bad report
/// is an error naming the file and the place, never a crash.
@Suite struct CooccurrenceReportReaderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var fixture: String
        var filter: CooccurrenceFilter
        var selection: CooccurrenceSelection
        var testDescription: String {
            "\(fixture) \(filter.unit.rawValue) slice \(filter.slice?.rawValue ?? "-") sort \(selection.sort.rawValue) top-k \(selection.topK.map(String.init) ?? "-")"
        }
    }

    static let cases = [
        Case(fixture: "corpus.jsonl", filter: CooccurrenceFilter(), selection: CooccurrenceSelection()),
        Case(fixture: "corpus.jsonl", filter: CooccurrenceFilter(unit: .sentence, slice: .month), selection: CooccurrenceSelection(sort: .npmi)),
        Case(fixture: "corpus.jsonl", filter: CooccurrenceFilter(unit: .paragraph, includeBoilerplate: true, slice: .week),
             selection: CooccurrenceSelection(topK: 2, sort: .dice)),
        Case(fixture: "corpus.jsonl", filter: CooccurrenceFilter(types: [.PER, .ORG, .LOC, .DATE], slice: .year),
             selection: CooccurrenceSelection(minCount: 1, sort: .pmi, maxNodes: 6)),
        Case(fixture: "hostile.jsonl", filter: CooccurrenceFilter(), selection: CooccurrenceSelection()),
        Case(fixture: "hostile.jsonl", filter: CooccurrenceFilter(slice: .month), selection: CooccurrenceSelection(sort: .jaccard)),
    ]

    static func json(_ r: CooccurrenceReport) -> String { CooccurrenceFormat.json.render(r, generator: "t")[0].contents }

    static func read(_ text: String, name: String = "test.json") throws -> CooccurrenceReport {
        try CooccurrenceReportReader.read(Array(text.utf8), name: name)
    }

    @Test(arguments: cases)
    func everyFormatFromTheJSONReportEqualsTheDirectBuild(_ c: Case) throws {
        let full = try CooccurrenceFixture.report(c.fixture, filter: c.filter, selection: c.selection)
        #expect(!full.edges.isEmpty)
        let text = Self.json(full)
        let read = try Self.read(text)
        // Measures and trends are recomputed from the counts: the very doubles of the build.
        #expect(read.edges == full.edges)
        #expect(read.nodes == full.nodes)
        #expect(Self.json(read) == text)
        for format in CooccurrenceFormat.allCases {
            // What `metka cooccur --format X` writes: the build bounded to the format's scope.
            let direct = try CooccurrenceFixture.report(c.fixture, filter: c.filter, selection: c.selection, scope: format.edgeScope)
            let expected = format.render(direct, generator: "Metka test")
            let got = format.render(read.scoped(to: format.edgeScope), generator: "Metka test")
            #expect(got.map(\.name) == expected.map(\.name))
            #expect(got.map(\.contents) == expected.map(\.contents), "\(format)")
        }
    }

    /// Metka writes the edges last (they are then checked while read); any other key order reads the same.
    @Test func keyOrderDoesNotMatter() throws {
        let full = try CooccurrenceFixture.report("corpus.jsonl", filter: CooccurrenceFilter(unit: .sentence, slice: .month))
        let object = try JSONSerialization.jsonObject(with: Data(Self.json(full).utf8))
        let sorted = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        #expect(sorted.hasPrefix("{\"edges\":"))
        let read = try Self.read(sorted)
        #expect(read.nodes == full.nodes && read.edges == full.edges && read.slices == full.slices)
        #expect(Self.json(read) == Self.json(full))
    }

    @Test(arguments: CooccurrenceScopeTests.selections)
    func scopedFullReportEqualsTheBoundedBuild(_ selection: CooccurrenceSelection) throws {
        let filter = CooccurrenceFilter(unit: .sentence, slice: .month)
        let full = try CooccurrenceFixture.report("corpus.jsonl", filter: filter, selection: selection)
        for scope in [CooccurrenceEdgeScope.best(1), .best(3), .best(1000), .amongTopNodes(2), .amongTopNodes(5), .all] {
            let bounded = try CooccurrenceFixture.report("corpus.jsonl", filter: filter, selection: selection, scope: scope)
            let scoped = full.scoped(to: scope)
            #expect(scoped.edges == bounded.edges && scoped.nodes == bounded.nodes && scoped.edgesTotal == bounded.edgesTotal, "\(scope)")
        }
    }

    /// A report past the writers' bounds (the page draws 500 nodes, Markdown ranks 10,000 pairs),
    /// with many tied counts: the scoped report from JSON still equals the bounded builds.
    @Test func largeReportKeepsTheFormatsBounds() throws {
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var records: [CooccurrenceRecord] = []
        for d in 0..<400 {
            var entities: [String] = [], mentions: [String] = []
            for k in 0..<10 {
                let e = k < 3 ? next(30) : next(1000)
                let type = ["PER", "ORG", "LOC"][e % 3]
                let kb = e % 7 == 0 ? "\"q:\(e)\"" : "null"
                entities.append(#"{"id": "E\#(k)", "type": "\#(type)", "name": "Сущность \#(e)", "kb": \#(kb)}"#)
                mentions.append(#"{"type": "\#(type)", "entity": "E\#(k)", "text": "x", "sentence": \#(k / 4), "paragraph": 0}"#)
            }
            let line = #"{"id": "d\#(d)", "published": "2021-0\#(1 + d % 6)-1\#(d % 9)", "mentions": [\#(mentions.joined(separator: ","))], "#
                + #""entities": [\#(entities.joined(separator: ","))]}"#
            var bytes = Array(line.utf8)
            if let r = try bytes.withUnsafeMutableBufferPointer({ try TaggedLineParser(unit: .article).parse(UnsafeBufferPointer($0)) }) {
                records.append(r)
            }
        }
        #expect(records.count == 400)
        func build(_ scope: CooccurrenceEdgeScope) -> CooccurrenceReport {
            let builder = CooccurrenceBuilder(filter: CooccurrenceFilter(slice: .month))
            for r in records { try? builder.add(r) }
            return CooccurrenceReport.build(from: builder.finish(), selection: CooccurrenceSelection(), scope: scope)
        }
        let full = build(.all)
        #expect(full.nodes.count > CooccurrenceHTML.nodeLimit && full.edges.count > CooccurrenceMarkdown.edgeLimit)
        let read = try Self.read(Self.json(full))
        for format in [CooccurrenceFormat.md, .html] {
            let expected = format.render(build(format.edgeScope), generator: "t")[0].contents
            #expect(format.render(read.scoped(to: format.edgeScope), generator: "t")[0].contents == expected, "\(format)")
        }
    }

    // MARK: Escaping

    /// A report written by hand (or by another tool) with markup in every text field.
    static let scriptReport = """
        {"parameters": {"unit": "article", "types": ["LOC", "ORG", "PER"], "topics": ["<script>alert(2)</script>"],
          "includeBoilerplate": false, "minCount": 1, "sort": "count", "logBase": 2},
         "stats": {"documents": 2, "documentsWithoutEntities": 0, "documentsFiltered": 0, "documentsUndated": 0,
          "mentions": 4, "boilerplateMentionsSkipped": 0, "units": 2, "entities": 2, "pairs": 1, "nodes": 2, "edges": 1},
         "slices": [],
         "nodes": [
          {"id": "<script>", "label": "<script>", "type": "ORG", "kb": "</script><img src=x onerror=alert(1)>",
           "frequency": 2, "documents": 2, "mentions": 2, "degree": 1},
          {"id": "PER:<!--", "label": "</script><script>alert(1)</script>", "type": "PER",
           "frequency": 1, "documents": 1, "mentions": 2, "degree": 1}],
         "edges": [{"source": "<script>", "target": "PER:<!--", "count": 1, "pmi": 0, "npmi": 0, "dice": 0.666667, "jaccard": 0.5}]}
        """

    @Test func markupInAJSONReportStaysDataInHTML() throws {
        let report = try Self.read(Self.scriptReport)
        #expect(report.nodes.map(\.label) == ["<script>", "</script><script>alert(1)</script>"])
        let html = CooccurrenceFormat.html.render(report, generator: "t")[0].contents
        #expect(html.components(separatedBy: "<script").count - 1 == 2)
        #expect(html.components(separatedBy: "</script>").count - 1 == 2)
        #expect(!html.contains("<img") && !html.contains("<!--") && !html.contains("alert(1)<"))
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"metka-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        let nodes = try #require((payload["report"] as? [String: Any])?["nodes"] as? [[String: Any]])
        #expect(nodes.compactMap { $0["kb"] as? String } == ["</script><img src=x onerror=alert(1)>"])
        #expect((payload["summary"] as? String)?.contains("topics <script>alert(2)</script>") == true)
        // The other markup formats escape it too.
        #expect(!CooccurrenceFormat.gexf.render(report, generator: "t")[0].contents.contains("<script"))
        #expect(!CooccurrenceFormat.graphml.render(report, generator: "t")[0].contents.contains("<script"))
        #expect(!CooccurrenceFormat.md.render(report, generator: "t")[0].contents.contains("<script"))
    }

    // MARK: Bad reports

    /// The sliced corpus report as mutable JSON objects.
    static func object() throws -> [String: Any] {
        let r = try CooccurrenceFixture.report("corpus.jsonl", filter: CooccurrenceFilter(unit: .sentence, slice: .month))
        return try #require(try JSONSerialization.jsonObject(with: Data(json(r).utf8)) as? [String: Any])
    }

    static func text(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// One mutation of a valid report, and a fragment of the error it must give.
    struct Mutation: CustomTestStringConvertible, @unchecked Sendable {
        var name: String
        var expected: String
        var change: (inout [String: Any]) -> Void
        var testDescription: String { name }
    }

    static func node(_ o: inout [String: Any], _ k: Int, _ change: (inout [String: Any]) -> Void) {
        var nodes = o["nodes"] as! [[String: Any]]
        change(&nodes[k])
        o["nodes"] = nodes
    }

    static func edge(_ o: inout [String: Any], _ k: Int, _ change: (inout [String: Any]) -> Void) {
        var edges = o["edges"] as! [[String: Any]]
        change(&edges[k])
        o["edges"] = edges
    }

    static let mutations: [Mutation] = [
        Mutation(name: "no parameters", expected: "parameters: missing") { $0["parameters"] = nil },
        Mutation(name: "no edges", expected: "edges: missing") { $0["edges"] = nil },
        Mutation(name: "nodes not an array", expected: "nodes: must be an array") { $0["nodes"] = ["a": 1] },
        Mutation(name: "unknown unit", expected: "parameters.unit: \"chapter\" is not article") {
            var p = $0["parameters"] as! [String: Any]; p["unit"] = "chapter"; $0["parameters"] = p
        },
        Mutation(name: "log base 10", expected: "parameters.logBase: is 10.0") {
            var p = $0["parameters"] as! [String: Any]; p["logBase"] = 10; $0["parameters"] = p
        },
        Mutation(name: "minCount 0", expected: "parameters.minCount: must be at least 1, got 0") {
            var p = $0["parameters"] as! [String: Any]; p["minCount"] = 0; $0["parameters"] = p
        },
        Mutation(name: "date with a time", expected: "parameters.from: \"2021-01-01T00:00\" is not a date") {
            var p = $0["parameters"] as! [String: Any]; p["from"] = "2021-01-01T00:00"; $0["parameters"] = p
        },
        Mutation(name: "slices without slice kind", expected: "slices[0]: a slice, but parameters.slice is not set") {
            var p = $0["parameters"] as! [String: Any]; p["slice"] = nil; $0["parameters"] = p
        },
        Mutation(name: "missing stat", expected: "stats.units: missing") {
            var s = $0["stats"] as! [String: Any]; s["units"] = nil; $0["stats"] = s
        },
        Mutation(name: "negative stat", expected: "stats.mentions: must be at least 0, got -1") {
            var s = $0["stats"] as! [String: Any]; s["mentions"] = -1; $0["stats"] = s
        },
        Mutation(name: "slice label", expected: "slices[1]: \"2021-13\"") {
            var s = $0["slices"] as! [[String: Any]]; s[1]["label"] = "2021-13"; $0["slices"] = s
        },
        Mutation(name: "slice gap", expected: "slices[1]: \"2021-02\" does not follow") {
            var s = $0["slices"] as! [[String: Any]]; s.remove(at: 0); s.insert(s[1], at: 0); $0["slices"] = s
        },
        Mutation(name: "month slices read as weeks", expected: "is not a week (") {
            var p = $0["parameters"] as! [String: Any]; p["slice"] = "week"; $0["parameters"] = p
            var s = $0["slices"] as! [[String: Any]]; s[0]["start"] = "9999-06-07"; $0["slices"] = s
        },
        Mutation(name: "unknown node in edge", expected: "edges[0].target: \"ORG:nowhere\" is not a node of the report") {
            edge(&$0, 0) { $0["target"] = "ORG:nowhere" }
        },
        Mutation(name: "self loop", expected: "edges[0]: joins") { o in
            let source = (o["edges"] as! [[String: Any]])[0]["source"]!
            edge(&o, 0) { $0["target"] = source }
        },
        Mutation(name: "reversed edge", expected: "edges[0]: source") { o in
            edge(&o, 0) { e in let s = e["source"]; e["source"] = e["target"]; e["target"] = s }
        },
        Mutation(name: "duplicate edge", expected: "is given twice") { o in
            var edges = o["edges"] as! [[String: Any]]; edges.insert(edges[0], at: 1); o["edges"] = edges
        },
        Mutation(name: "duplicate node id", expected: "nodes[1].id: ") { o in
            let id = (o["nodes"] as! [[String: Any]])[0]["id"]!
            node(&o, 1) { $0["id"] = id }
        },
        Mutation(name: "node type not counted", expected: "nodes[0].type: DATE is not among parameters.types") {
            node(&$0, 0) { $0["type"] = "DATE" }
        },
        Mutation(name: "frequency above N", expected: "nodes[0].frequency: 1000000 is not within 1…stats.units") {
            node(&$0, 0) { $0["frequency"] = 1_000_000 }
        },
        Mutation(name: "count above frequency", expected: "edges[0].count: 999 is not within") { edge(&$0, 0) { $0["count"] = 999 } },
        Mutation(name: "measure off", expected: "edges[0].pmi: 99.0 does not match count") { edge(&$0, 0) { $0["pmi"] = 99 } },
        Mutation(name: "measure missing", expected: "edges[0].dice: missing") { edge(&$0, 0) { $0["dice"] = nil } },
        Mutation(name: "measure null", expected: "edges[0].npmi: must be a number, not null") { edge(&$0, 0) { $0["npmi"] = NSNull() } },
        Mutation(name: "trend off", expected: "nodes[0].trend: ") { node(&$0, 0) { $0["trend"] = 12345.5 } },
        Mutation(name: "short series", expected: "edges[0].slices: 1 values for 3 slices") { edge(&$0, 0) { $0["slices"] = [1] } },
        Mutation(name: "series above slice units", expected: "nodes[0].slices[0]: 77777 is more than the units") {
            node(&$0, 0) { $0["slices"] = [77777, 0, 0] }
        },
        Mutation(name: "degree off", expected: "nodes[0].degree: is 99") { node(&$0, 0) { $0["degree"] = 99 } },
        Mutation(name: "node order", expected: "is out of order (nodes go by frequency") { o in
            var nodes = o["nodes"] as! [[String: Any]]; nodes.swapAt(0, nodes.count - 1); o["nodes"] = nodes
        },
        Mutation(name: "edge order", expected: "out of order (edges go by count") { o in
            var edges = o["edges"] as! [[String: Any]]; edges.swapAt(0, edges.count - 1); o["edges"] = edges
        },
        Mutation(name: "stats.edges", expected: "stats.edges: is 1000, but the report lists") {
            var s = $0["stats"] as! [String: Any]; s["edges"] = 1000; $0["stats"] = s
        },
        Mutation(name: "string for integer", expected: "nodes[0].frequency: invalid JSON at byte") { node(&$0, 0) { $0["frequency"] = "3" } },
        Mutation(name: "fraction for integer", expected: "edges[0].count: invalid JSON at byte") { edge(&$0, 0) { $0["count"] = 1.5 } },
    ]

    @Test(arguments: mutations)
    func badReportsAreErrorsAtTheirPlace(_ m: Mutation) throws {
        var o = try Self.object()
        _ = try Self.read(try Self.text(o))   // the unmutated report reads
        m.change(&o)
        let text = try Self.text(o)
        #expect {
            _ = try Self.read(text, name: "bad.json")
        } throws: { error in
            guard case .data(let message) = error as? MetkaError else { return false }
            return message.hasPrefix("bad.json: ") && message.contains(m.expected)
        }
        // The message, for a failing expectation.
        do { _ = try Self.read(text, name: "bad.json") } catch { #expect("\(error)".contains(m.expected), "\(error)") }
    }

    static let badTexts: [(String, String)] = [
        ("", "empty input: expected a JSON co-occurrence report"),
        ("   \n", "empty input: expected a JSON co-occurrence report"),
        ("[]", "not a JSON object: expected a co-occurrence report"),
        ("{", "invalid JSON at byte 1: expected '\"'"),
        ("{\"parameters\": {}} x", "text after the report's JSON object (byte 19)"),
        ("{\"nodes\": [], \"nodes\": []}", "nodes: key given twice"),
        ("{\"stats\": {\"units\": 99999999999999999999}}", "stats.units: invalid JSON at byte 40: integer out of range"),
        ("{\"edges\": [{\"pmi\": 1e999}]}", "edges[0].pmi: invalid JSON at byte 24: number out of range"),
        ("{\"edges\": [{\"pmi\": NaN}]}", "edges[0].pmi: invalid JSON at byte 19: expected a number"),
        ("{\"edges\": [{\"pmi\": 01}]}", "edges[0].pmi: invalid JSON at byte 21: number with a leading zero"),
        ("{\"x\": " + String(repeating: "[", count: 100_000) + "}", "x: invalid JSON at byte 262: nested more than 256 levels deep"),
        ("{\"nodes\": [{\"id\": \"a\u{1}\"}]}", "nodes[0].id: invalid JSON at byte 20: control character in string"),
    ]

    @Test func malformedJSONIsAnErrorNotACrash() throws {
        for (text, expected) in Self.badTexts {
            do {
                _ = try Self.read(text, name: "bad.json")
                Issue.record("no error for \(text.prefix(40))")
            } catch {
                #expect("\(error)" == "bad.json: \(expected)")
            }
        }
    }

    /// The scanner is shared with the tagged-line parser: a deeply nested value in an input line
    /// is a record error there too (it used to overflow a parser thread's stack).
    @Test func deeplyNestedTaggedLineIsARecordError() throws {
        var bytes = Array(("{\"id\": \"a\", \"x\": " + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000) + "}").utf8)
        #expect(throws: MetkaError.self) {
            try bytes.withUnsafeMutableBufferPointer { _ = try TaggedLineParser(unit: .article).parse(UnsafeBufferPointer($0)) }
        }
        var ok = Array(("{\"id\": \"a\", \"x\": " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "}").utf8)
        #expect(try ok.withUnsafeMutableBufferPointer { try TaggedLineParser(unit: .article).parse(UnsafeBufferPointer($0)) }?.id == "a")
    }

    /// Every prefix and many one-byte corruptions of a real report: an error or a report, never a trap.
    @Test func truncatedAndCorruptedReportsNeverCrash() throws {
        let r = try CooccurrenceFixture.report("hostile.jsonl", filter: CooccurrenceFilter(slice: .month))
        let bytes = Array(Self.json(r).utf8)
        var failures = 0
        for n in 0..<bytes.count {
            do { _ = try CooccurrenceReportReader.read(Array(bytes[0..<n]), name: "t") } catch { failures += 1 }
        }
        #expect(failures == bytes.count - 1)   // only the prefix without the final newline is a whole report
        let replacements: [UInt8] = [0x22, 0x7D, 0x5D, 0x39, 0x2D, 0x30, 0xFF, 0x5C, 0x2C, 0x00]
        var read = 0
        for i in stride(from: 0, to: bytes.count, by: 3) {
            for b in replacements where bytes[i] != b {
                var copy = bytes
                copy[i] = b
                if (try? CooccurrenceReportReader.read(copy, name: "t")) != nil { read += 1 }
            }
        }
        #expect(read < bytes.count)   // most corruptions are caught (some, in a label, are not errors)
    }
}
