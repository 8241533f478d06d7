import Foundation
import Testing

/// `metka cooccur --from-report`: a JSON report rendered later gives the files a direct run
/// writes, byte for byte, on text tagged by Metka itself.
@Suite struct CooccurFromReportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Real text tagged by `metka tag`: the sample article paragraph by paragraph and the page
    /// fixtures, dated over four months (one undated, as archives have), tagged once per process.
    static let tagged: String = {
        var texts = ((try? String(contentsOf: fixtures.appendingPathComponent("sample/rbc-mfa-cyber-guarantees.txt"), encoding: .utf8)) ?? "")
            .components(separatedBy: "\n\n").filter { $0.count > 80 }
        let pages = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent("pages").path)) ?? []
        for name in pages.sorted() where name.hasSuffix(".txt") {
            texts.append((try? String(contentsOf: fixtures.appendingPathComponent("pages/" + name), encoding: .utf8)) ?? "")
        }
        var input = ""
        for (i, text) in texts.enumerated() {
            var record: [String: String] = ["id": "real-\(i)", "text": text]
            if i != 3 { record["published"] = String(format: "2021-%02d-%02d", 1 + i % 4, 1 + (i * 7) % 28) }
            let data = (try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])) ?? Data()
            input += String(decoding: data, as: UTF8.self) + "\n"
        }
        return (try? CLIRunner.run(["tag", "--format", "jsonl"], stdin: input).stdout) ?? ""
    }()

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("metka-from-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func files(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            out[name] = try Data(contentsOf: dir.appendingPathComponent(name))
        }
        return out
    }

    static let formats = ["html", "md", "gexf", "graphml", "csv", "json"]

    @Test(arguments: [[String](), ["--slice", "month", "--unit", "sentence", "--sort", "npmi", "--top-k", "4"]])
    func fromReportEqualsDirectRunsByteForByte(_ options: [String]) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("tagged.jsonl")
        try Self.tagged.write(to: input, atomically: true, encoding: .utf8)
        #expect(Self.tagged.split(separator: "\n").count >= 10)

        let report = dir.appendingPathComponent("report.json")
        let json = try CLIRunner.run(["cooccur", input.path, "--format", "json", "--output", report.path] + options, stdin: "")
        #expect(json.status == 0, "\(json.stderr)")
        let obj = CLIRunner.json(try String(contentsOf: report, encoding: .utf8))
        #expect(((obj["nodes"] as? [Any])?.count ?? 0) >= 10, "a report of real entities")
        #expect(((obj["edges"] as? [Any])?.count ?? 0) >= 10)
        if options.contains("--slice") { #expect(((obj["slices"] as? [Any])?.count ?? 0) == 4) }

        let direct = dir.appendingPathComponent("direct")
        for format in Self.formats {
            let r = try CLIRunner.run(["cooccur", input.path, "--format", format, "--output", direct.path + "/"] + options, stdin: "")
            #expect(r.status == 0, "\(r.stderr)")
        }
        let rendered = dir.appendingPathComponent("rendered")
        let r = try CLIRunner.run(["cooccur", "--from-report", report.path, "--format", Self.formats.joined(separator: ","),
                                   "--output", rendered.path], stdin: "")
        #expect(r.status == 0, "\(r.stderr)")
        let want = try files(direct), got = try files(rendered)
        #expect(want.count == 7 && Set(got.keys) == Set(want.keys))
        for (name, bytes) in want { #expect(got[name] == bytes, "\(name) differs") }

        // One direct run writing every format from one count gives the same files.
        let together = dir.appendingPathComponent("together")
        let t = try CLIRunner.run(["cooccur", input.path, "--format", Self.formats.joined(separator: ","), "--output", together.path] + options,
                                  stdin: "")
        #expect(t.status == 0, "\(t.stderr)")
        #expect(try files(together) == want)

        // From stdin, to stdout.
        let piped = try CLIRunner.run(["cooccur", "--from-report", "-", "--format", "html"], stdin: Array(try Data(contentsOf: report)))
        #expect(piped.status == 0 && Data(piped.stdout.utf8) == want["cooccurrence.html"])
    }

    @Test func hostileNamesStayInertThroughAReport() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hostile = Self.fixtures.appendingPathComponent("cooccur/hostile.jsonl").path
        let report = dir.appendingPathComponent("r.json").path
        #expect(try CLIRunner.run(["cooccur", hostile, "--format", "json", "--output", report], stdin: "").status == 0)
        let direct = try CLIRunner.run(["cooccur", hostile, "--format", "html"], stdin: "")
        let rendered = try CLIRunner.run(["cooccur", "--from-report", report, "--format", "html"], stdin: "")
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(rendered.stdout == direct.stdout)
        #expect(rendered.stdout.components(separatedBy: "<script").count - 1 == 2)
        #expect(!rendered.stdout.contains("<img") && rendered.stdout.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"))
    }

    @Test func optionsThatCountOrSelectAreRefused() throws {
        let report = Self.fixtures.appendingPathComponent("cooccur/corpus.jsonl").path   // never read: usage fails first
        for extra in [["--unit", "article"], ["--types", "PER"], ["--topic", "politics"], ["--from", "2021-01-01"], ["--to", "2021-01-01"],
                      ["--include-boilerplate"], ["--slice", "month"], ["--min-count", "1"], ["--top-k", "3"], ["--max-nodes", "5"],
                      ["--sort", "count"], ["--db", "x.sqlite"], ["tagged.jsonl"]] {
            let r = try CLIRunner.run(["cooccur", "--from-report", report, "--format", "html"] + extra, stdin: "")
            #expect(r.status == 2, "\(extra)")
            let name = extra[0].hasPrefix("--") ? extra[0] : "input files"
            #expect(r.stderr.contains("--from-report renders the report as it was counted and selected: \(name)"), "\(r.stderr)")
        }
        let several = try CLIRunner.run(["cooccur", "--from-report", report, "--format", "html,md"], stdin: "")
        #expect(several.status == 2 && several.stderr.contains("give --output DIR"))
        let unknown = try CLIRunner.run(["cooccur", "--from-report", report, "--format", "html,pdf", "--output", "/tmp/x"], stdin: "")
        #expect(unknown.status == 2 && unknown.stderr.contains("got 'pdf'"))
    }

    @Test func badReportsExitTwoNamingFileAndPlace() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = Self.fixtures.appendingPathComponent("cooccur/corpus.jsonl").path
        // Tagged JSON Lines are not a report.
        let lines = try CLIRunner.run(["cooccur", "--from-report", corpus, "--format", "html"], stdin: "")
        #expect(lines.status == 2 && lines.stderr.hasPrefix("metka: \(corpus): "), "\(lines.stderr)")
        #expect(lines.stdout.isEmpty)
        let missing = try CLIRunner.run(["cooccur", "--from-report", dir.appendingPathComponent("none.json").path, "--format", "md"], stdin: "")
        #expect(missing.status == 2 && missing.stderr.contains("cannot open"))
        // An edge to an unknown node.
        let report = dir.appendingPathComponent("r.json")
        #expect(try CLIRunner.run(["cooccur", corpus, "--format", "json", "--output", report.path], stdin: "").status == 0)
        var text = try String(contentsOf: report, encoding: .utf8)
        let target = try #require(text.range(of: "\"target\": \""))
        text.insert(contentsOf: "x", at: target.upperBound)
        try text.write(to: report, atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["cooccur", "--from-report", report.path, "--format", "html"], stdin: "")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(report.path): edges[0].target: \"x"), "\(bad.stderr)")
        #expect(bad.stderr.contains("is not a node of the report"))
    }
}
