import Foundation
import Testing

@Suite struct TagCommandTests {
    let sample = (try? String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/sample/rbc-mfa-cyber-guarantees.txt"), encoding: .utf8)) ?? ""

    @Test func plainTextDefaultsToPrettyJSON() throws {
        let r = try CLIRunner.run(["tag", "--published", "2021-03-25"], stdin: sample)
        #expect(r.status == 0, "\(r.stderr)")
        let obj = CLIRunner.json(r.stdout)
        #expect(obj["id"] as? String == "stdin")
        #expect(obj["published"] as? String == "2021-03-25")
        #expect(obj["mentions"] is [Any])
        #expect(r.stdout.contains("\n  \"mentions\""))
    }

    @Test func jsonLinesKeepOrderAndCount() throws {
        var input = ""
        for i in 0..<600 { input += "{\"id\": \"d\(i)\", \"text\": \"Документ номер \(i). Москва.\"}\n" }
        let r = try CLIRunner.run(["tag", "--jobs", "2"], stdin: input)
        #expect(r.status == 0)
        let ids = r.lines.map { CLIRunner.json($0)["id"] as? String }
        #expect(ids == (0..<600).map { "d\($0)" })
    }

    /// Input larger than the reader's 256 KiB chunk, so lines straddle chunk boundaries and the buffer compacts.
    @Test func inputAcrossReadChunks() throws {
        let body = String(repeating: "Москва предложила Вашингтону провести консультации. ", count: 12)
        var input = ""
        for i in 0..<3000 { input += "{\"id\": \"c\(i)\", \"text\": \"\(body)\"}\n" }
        #expect(input.utf8.count > 2 << 20)
        let r = try CLIRunner.run(["tag", "--format", "jsonl"], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines.map { CLIRunner.json($0)["id"] as? String } == (0..<3000).map { "c\($0)" })
    }

    @Test func badRecordsAreReportedAndProcessingContinues() throws {
        var bytes = Array("{\"id\": \"ok1\", \"text\": \"Путин прилетел.\"}\n".utf8)
        bytes += Array("{\"id\": \"broken\", \"text\": \"нет кавычки}\n".utf8)          // line 2: bad JSON
        bytes += Array("{\"id\": \"utf\", \"text\": \"".utf8) + [0xD0, 0x28] + Array("\"}\n".utf8) // line 3: invalid UTF-8
        bytes += Array("{\"id\": \"nul\", \"text\": \"a\\u0000b\"}\n".utf8)              // line 4: NUL
        bytes += Array("{\"id\": \"empty\", \"text\": \"  \"}\n".utf8)                    // line 5: empty
        bytes += Array("{\"id\": \"notext\"}\n".utf8)                                      // line 6: missing text
        bytes += Array("[1, 2]\n".utf8)                                                    // line 7: not an object
        bytes += Array("{\"id\": 8, \"text\": \"Лавров в Женеве.\"}\n".utf8)              // line 8: numeric id ok
        let r = try CLIRunner.run(["tag"], stdin: bytes)
        #expect(r.status == 1)
        let lines = r.lines
        #expect(lines.count == 8)
        let errors = lines.map { CLIRunner.json($0)["error"] as? String }
        #expect(errors[0] == nil && errors[7] == nil)
        #expect(errors[1]?.contains("invalid JSON") == true)
        #expect(errors[2]?.contains("invalid UTF-8") == true)
        #expect(errors[3]?.contains("NUL") == true)
        #expect(errors[4] == "empty text")
        #expect(errors[5]?.contains("missing \"text\"") == true)
        #expect(errors[6]?.contains("object") == true)
        #expect(CLIRunner.json(lines[7])["id"] as? String == "8")
        let stderrLines = r.stderr.split(separator: "\n")
        #expect(stderrLines.count == 6)
        #expect(stderrLines.contains { $0.contains("line 5") && $0.contains("id empty") })
    }

    @Test func hugeRecordIsRejectedWithoutStoppingTheStream() throws {
        let big = String(repeating: "а", count: 300_000)
        let input = "{\"id\": \"big\", \"text\": \"\(big)\"}\n{\"id\": \"after\", \"text\": \"Москва.\"}\n"
        let r = try CLIRunner.run(["tag", "--max-bytes", "100000"], stdin: input)
        #expect(r.status == 1)
        #expect(r.lines.count == 2)
        #expect((CLIRunner.json(r.lines[0])["error"] as? String)?.contains("exceeds the limit") == true)
        #expect(CLIRunner.json(r.lines[1])["id"] as? String == "after")
    }

    @Test func invalidUTF8PlainText() throws {
        let r = try CLIRunner.run(["tag", "--format", "jsonl"], stdin: Array("Москва ".utf8) + [0xFF, 0x20])
        #expect(r.status == 1)
        #expect(r.stderr.contains("invalid UTF-8 at byte 13"))
    }

    @Test func emptyStdinTextIsAnError() throws {
        let r = try CLIRunner.run(["tag", "--input", "text"], stdin: "")
        #expect(r.status == 1)
        #expect(r.stderr.contains("empty text"))
    }

    @Test func usageErrorsExitWith2() throws {
        let r = try CLIRunner.run(["tag", "--published", "25.03.2021"], stdin: "x")
        #expect(r.status == 2)
        #expect(r.stderr.contains("--published"))
        let unknown = try CLIRunner.run(["tag", "--bogus"], stdin: "x")
        #expect(unknown.status == 2 && unknown.stderr.contains("--bogus"))
        let jobs = try CLIRunner.run(["tag", "--jobs", "0"], stdin: "x")
        #expect(jobs.status == 2 && jobs.stderr.contains("--jobs"))
    }

    @Test(arguments: ["conll", "brat", "pretty", "tokens", "json", "jsonl"])
    func everyFormatProducesOutput(format: String) throws {
        let r = try CLIRunner.run(["tag", "--format", format], stdin: "МИД предложил провести консультации\nМосква предложила Вашингтону провести консультации.")
        #expect(r.status == 0, "\(r.stderr)")
        switch format {
        case "conll":
            #expect(r.stdout.hasPrefix("# id = stdin\nМИД\t"))
        case "tokens":
            #expect(r.stdout.contains("\tword\tМИД\tмид\t0\t0\ttitle"))
            #expect(r.stdout.contains("\tword\tМосква\tмосква\t1\t1\t-"))
        case "pretty":
            #expect(r.stdout.contains("[Москва]LOC предложила [Вашингтону]LOC"))
        case "json", "jsonl":
            #expect(CLIRunner.json(r.stdout)["id"] as? String == "stdin")
        default:
            #expect(!r.stdout.contains("\u{1B}"))
        }
    }
}
