import Foundation
import Testing

/// End-to-end input handling of `metka tag` beyond `TagCommandTests`: forcing the input kind,
/// line-ending and encoding variants, bad input in plain-text mode, failures in non-JSON formats,
/// envelope fields, streams larger than the reader's chunk, and output order with `--jobs 2`.
@Suite struct TagInputTests {
    /// `--format tokens` rows of one document: (start, end, text, sentence, block, flags).
    func tokenRows(_ stdout: String) -> [(Int, Int, String, Int, Int, String)] {
        stdout.split(separator: "\n").filter { $0.first?.isNumber == true }.map {
            let f = $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (Int(f[0])!, Int(f[1])!, f[3], Int(f[5])!, Int(f[6])!, f[7])
        }
    }

    @Test func inputTextForcesOneDocumentEvenWhenItLooksLikeJSON() throws {
        let r = try CLIRunner.run(["tag", "--input", "text", "--format", "tokens"], stdin: "{\"id\":\"x\"} это текст\n{\"id\":\"y\"}")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.components(separatedBy: "# id = ").count == 2)  // one document
        #expect(r.stdout.hasPrefix("# id = stdin\n"))
        let rows = tokenRows(r.stdout)
        #expect(rows.first?.2 == "{" && rows.contains { $0.2 == "текст" })
    }

    @Test func inputJSONLForcesRecordsEvenWhenTheFirstLineIsText() throws {
        let r = try CLIRunner.run(["tag", "--input", "jsonl"], stdin: "Москва.\n{\"id\":\"b\",\"text\":\"Лондон.\"}\n")
        #expect(r.status == 1)
        #expect(r.lines.count == 2)
        #expect((CLIRunner.json(r.lines[0])["error"] as? String)?.contains("invalid JSON") == true)
        #expect(CLIRunner.json(r.lines[0])["line"] as? Int == 1)
        #expect(CLIRunner.json(r.lines[1])["id"] as? String == "b")
        #expect(r.stderr.contains("line 1"))
    }

    /// `--first-line` (a Spark partition's place in the whole input): fallback ids and error
    /// records number lines as one run over the whole input would; blank lines still count.
    @Test func firstLineOffsetsFallbackIDsAndErrorLines() throws {
        let r = try CLIRunner.run(["tag", "--first-line", "1001"], stdin: "{\"text\":\"Москва.\"}\n\n{bad\n")
        #expect(r.status == 1)
        #expect(r.lines.count == 2)
        #expect(CLIRunner.json(r.lines[0])["id"] as? String == "line-1001")
        #expect(CLIRunner.json(r.lines[1])["line"] as? Int == 1003)
        #expect(r.stderr.contains("line 1003"))
        let bad = try CLIRunner.run(["tag", "--first-line", "0"], stdin: "{\"text\":\"Москва.\"}\n")
        #expect(bad.status == 2)
    }

    /// A BOM before the first record, CRLF line ends, and a last record without a newline.
    @Test func jsonLinesWithBOMCRLFAndNoFinalNewline() throws {
        let input = Array("\u{FEFF}{\"id\":\"a\",\"text\":\"Москва.\"}\r\n\r\n{\"id\":\"b\",\"text\":\"Заголовок\\r\\nЛондон.\"}".utf8)
        let r = try CLIRunner.run(["tag", "--format", "tokens"], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        let docs = r.stdout.components(separatedBy: "# id = ").dropFirst()
        #expect(docs.map { $0.prefix(while: { $0 != "\n" }) } == ["a", "b"])
        // In «Заголовок\r\nЛондон.» the CR and LF are two code points: «Лондон» starts at 11.
        let b = tokenRows(String(docs.last!))
        #expect(b.map(\.0) == [0, 11, 17])
        #expect(b[0].5 == "title" && b[1].3 == 1 && b[1].4 == 1)
    }

    /// Plain text: the BOM is not text (offsets start after it); CRLF counts two code points.
    @Test func plainTextWithBOMAndCRLF() throws {
        let r = try CLIRunner.run(["tag", "--format", "tokens"], stdin: "\u{FEFF}Заголовок\r\n\r\nМосква предложила Вашингтону гарантии.\r\n")
        #expect(r.status == 0, "\(r.stderr)")
        let rows = tokenRows(r.stdout)
        #expect(rows[0].0 == 0 && rows[0].2 == "Заголовок" && rows[0].5 == "title")
        #expect(rows[1].0 == 13 && rows[1].2 == "Москва" && rows[1].3 == 1)
        let json = try CLIRunner.run(["tag", "--format", "jsonl"], stdin: "\u{FEFF}Москва.")
        #expect(CLIRunner.json(json.stdout)["id"] as? String == "stdin")
    }

    @Test func plainTextNULAndOversizeAreReported() throws {
        let nul = try CLIRunner.run(["tag", "--input", "text"], stdin: Array("Москва".utf8) + [0] + Array(" текст".utf8))
        #expect(nul.status == 1)
        #expect(nul.stderr.contains("NUL") && nul.stderr.contains("id stdin"))
        #expect((CLIRunner.json(nul.stdout)["error"] as? String)?.contains("NUL") == true)
        // A stand-in for a 50 MB document: the same path with a lower limit.
        let big = String(repeating: "Москва предложила Вашингтону гарантии. ", count: 4_000)  // ≈ 290 KB
        let r = try CLIRunner.run(["tag", "--max-bytes", "100000", "--id", "page-7"], stdin: big)
        #expect(r.status == 1)
        #expect(r.stderr.contains("exceeds the limit of 100000 bytes") && r.stderr.contains("id page-7"))
        #expect(CLIRunner.json(r.stdout)["id"] as? String == "page-7")
    }

    /// Non-JSON formats have no error records: the failure goes to stderr only, the other
    /// documents are written, the exit status says some failed.
    @Test(arguments: ["conll", "brat"])  // tokens and pretty share the same failure path
    func failuresInNonJSONFormats(format: String) throws {
        let input = "{\"id\":\"a\",\"text\":\"Москва.\"}\n{\"id\":\"bad\",\"text\":}\n{\"id\":\"c\",\"text\":\"Лондон.\"}\n"
        let r = try CLIRunner.run(["tag", "--format", format], stdin: input)
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("line 2"))
        #expect(r.stdout.contains("Москва") && r.stdout.contains("Лондон"))
        #expect(!r.stdout.contains("error"))
        if format == "brat" { #expect(r.stdout.contains("# doc a\n") && r.stdout.contains("# doc c\n")) }
    }

    @Test func envelopeFields() throws {
        let input = """
            {"id":"t","title":"Заголовок","published":"2021-03-25T10:00:00+03:00","text":"Москва."}
            {"id":"p","published":"25.03.2021","text":"Москва."}
            {"text":"Без id."}
            {"id":"n","text":42}

            """
        let r = try CLIRunner.run(["tag"], stdin: input)
        #expect(r.status == 1)
        #expect(r.lines.count == 4)
        let t = CLIRunner.json(r.lines[0])
        #expect(t["title"] as? String == "Заголовок" && t["published"] as? String == "2021-03-25")
        #expect((CLIRunner.json(r.lines[1])["error"] as? String)?.contains("\"published\"") == true)
        #expect(CLIRunner.json(r.lines[2])["id"] as? String == "line-3")
        #expect((CLIRunner.json(r.lines[3])["error"] as? String)?.contains("must be a string") == true)
    }

    /// Records padded past the reader's 256 KiB chunk, so lines straddle chunk boundaries after
    /// the buffer has been compacted; two workers; order and count kept.
    @Test func streamLargerThanReadChunksKeepsOrder() throws {
        let pad = String(repeating: " ", count: 100_000)
        var input = ""
        for i in 0..<40 { input += "{\"id\":\"r\(i)\",\"text\":\"Документ \(i). Москва.\"}\(pad)\n" }
        let r = try CLIRunner.run(["tag", "--jobs", "2"], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines.map { CLIRunner.json($0)["id"] as? String } == (0..<40).map { "r\($0)" })
    }

    /// Failures interleaved with good records across more than one batch (256 records), two workers.
    @Test func orderWithFailuresAcrossBatches() throws {
        var input = ""
        for i in 0..<300 {
            input += i % 7 == 3 ? "{\"id\":\"e\(i)\",\"text\":\"\"}\n" : "{\"id\":\"d\(i)\",\"text\":\"Запись \(i).\"}\n"
        }
        let r = try CLIRunner.run(["tag", "--jobs", "2"], stdin: input)
        #expect(r.status == 1)
        let objects = r.lines.map { CLIRunner.json($0) }
        #expect(objects.map { $0["id"] as? String } == (0..<300).map { $0 % 7 == 3 ? "e\($0)" : "d\($0)" })
        #expect(objects.enumerated().allSatisfy { ($0.offset % 7 == 3) == ($0.element["error"] != nil) })
        #expect(r.stderr.split(separator: "\n").count == (0..<300).filter { $0 % 7 == 3 }.count)
    }

    @Test func helpDocumentsExitCodes() throws {
        let r = try CLIRunner.run(["--help"], stdin: "")
        #expect(r.status == 0)
        #expect(r.stdout.contains("Exit codes") && r.stdout.contains("2  usage error"))
        let tag = try CLIRunner.run(["tag", "--help"], stdin: "")
        #expect(tag.status == 0 && tag.stdout.contains("Exit codes"))
    }
}
