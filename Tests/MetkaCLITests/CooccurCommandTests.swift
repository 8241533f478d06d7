import Foundation
import Testing

@Suite struct CooccurCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cooccur")
    var corpus: String { Self.fixtures.appendingPathComponent("corpus.jsonl").path }
    var hostile: String { Self.fixtures.appendingPathComponent("hostile.jsonl").path }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("metka-cooccur-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func jsonFromStdinAndFileAgree() throws {
        let stdin = try String(contentsOfFile: corpus, encoding: .utf8)
        let a = try CLIRunner.run(["cooccur", "--format", "json", "--unit", "sentence", "--slice", "month"], stdin: stdin)
        let b = try CLIRunner.run(["cooccur", corpus, "--format", "json", "--unit", "sentence", "--slice", "month"], stdin: "")
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        let obj = CLIRunner.json(a.stdout)
        let stats = obj["stats"] as? [String: Any]
        #expect(stats?["documents"] as? Int == 7)
        #expect(stats?["documentsUndated"] as? Int == 1)
        #expect((obj["slices"] as? [Any])?.count == 3)
    }

    @Test func csvWritesGephiTables() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["cooccur", corpus, "--format", "csv", "--output", dir.path, "--min-count", "2"], stdin: "")
        #expect(r.status == 0, "\(r.stderr)")
        let nodes = try String(contentsOf: dir.appendingPathComponent("nodes.csv"), encoding: .utf8)
        let edges = try String(contentsOf: dir.appendingPathComponent("edges.csv"), encoding: .utf8)
        #expect(nodes.hasPrefix("Id,Label,type,kb,frequency,documents,mentions,degree\r\n"))
        #expect(edges.hasPrefix("Source,Target,Type,Weight,count,pmi,npmi,dice,jaccard\r\n"))
        #expect(edges.contains("wikidata:Q7747,wikidata:Q30,Undirected,3,3,"))
    }

    @Test func htmlFileIsSelfContainedAndInert() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.html")
        let r = try CLIRunner.run(["cooccur", hostile, "--format", "html", "--output", out.path], stdin: "")
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.components(separatedBy: "<script").count - 1 == 2)
        #expect(!html.contains("<img") && !html.contains("alert(1)</script>"))
        #expect(html.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
    }

    @Test func badLinesAreReportedAndCountingContinues() throws {
        var input = try String(contentsOfFile: corpus, encoding: .utf8)
        input += "{\"id\": \"broken\", \"mentions\": [\n"
        let r = try CLIRunner.run(["cooccur", "--format", "json"], stdin: input)
        #expect(r.status == 1)
        #expect(r.stderr.contains("stdin:10:"))
        #expect((CLIRunner.json(r.stdout)["stats"] as? [String: Any])?["documents"] as? Int == 8)
    }

    @Test func overlongLinesCRLFAndAMissingFinalNewline() throws {
        let lines = try String(contentsOfFile: corpus, encoding: .utf8).split(separator: "\n").map(String.init)
        var input = lines.dropLast().joined(separator: "\r\n") + "\r\n"
        input += "{\"id\": \"huge\", \"pad\": \"" + String(repeating: "x", count: 5000) + "\"}\n"
        input += lines.last!   // no final newline
        let r = try CLIRunner.run(["cooccur", "--format", "json", "--max-line-bytes", "4096", "--jobs", "2"], stdin: input)
        #expect(r.status == 1)
        #expect(r.stderr.contains("stdin:9: line of 5025 bytes exceeds --max-line-bytes"), "\(r.stderr)")
        let reference = try CLIRunner.run(["cooccur", corpus, "--format", "json", "--jobs", "1"], stdin: "")
        #expect(r.stdout == reference.stdout)
    }

    @Test func usageErrors() throws {
        let csv = try CLIRunner.run(["cooccur", "--format", "csv"], stdin: "")
        #expect(csv.status != 0 && csv.stderr.contains("--output DIR"))
        let r = try CLIRunner.run(["cooccur", "--unit", "sentences"], stdin: "")
        #expect(r.status != 0 && r.stderr.contains("--unit"))
        let missing = try CLIRunner.run(["cooccur", "/nonexistent/file.jsonl"], stdin: "")
        #expect(missing.status == 2)
    }
}
