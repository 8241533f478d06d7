import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import MetkaCore

/// Entity names are article text and untrusted: every format must carry them as data.
@Suite struct CooccurrenceEscapingTests {
    static let scriptName = "<script>alert(1)</script>"
    static let imgName = "</script><img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
    static let messyName = "=HYPERLINK(\"http://x\",\"a|b\")\nR&D 'q' \u{2028} <!-- --> ]]>"

    func report(slice: TimeSliceKind? = nil) throws -> CooccurrenceReport {
        try CooccurrenceFixture.report("hostile.jsonl", filter: CooccurrenceFilter(slice: slice))
    }

    @Test func fixtureHasTheHostileNames() throws {
        #expect(Set(try report().nodes.map(\.label)) == [Self.scriptName, Self.imgName, Self.messyName])
    }

    @Test func htmlEmbedsNamesOnlyAsEscapedJSON() throws {
        let html = CooccurrenceFormat.html.render(try report(), generator: "t")[0].contents
        // Exactly our two script elements, and no markup from the data anywhere.
        #expect(html.components(separatedBy: "<script").count - 1 == 2)
        #expect(html.components(separatedBy: "</script>").count - 1 == 2)
        #expect(!html.contains("<img"))
        #expect(!html.contains("<!--"))
        #expect(!html.contains("\u{2028}"))
        // The data element parses back to the original names.
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"metka-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = String(html[start.upperBound..<end.lowerBound])
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let nodes = try #require((payload["report"] as? [String: Any])?["nodes"] as? [[String: Any]])
        #expect(Set(nodes.compactMap { $0["label"] as? String }) == [Self.scriptName, Self.imgName, Self.messyName])
        // The CSP admits only the page's own script, by hash, and no network.
        #expect(html.contains("default-src 'none'; script-src 'sha256-"))
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
    }

    @Test func cspHashIsTheScriptsSHA256() {
        // FIPS 180-2 test vector.
        #expect(SHA256.base64(SHA256.digest(Array("abc".utf8))) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        #expect(SHA256.base64(SHA256.digest([])) == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
    }

    @Test(arguments: [CooccurrenceFormat.gexf, .graphml], [nil, TimeSliceKind.month])
    func xmlFormatsParseBackToTheSameNames(format: CooccurrenceFormat, slice: TimeSliceKind?) throws {
        let text = format.render(try report(slice: slice), generator: "<t&>")[0].contents
        let collector = LabelCollector(format: format)
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(Set(collector.labels) == [Self.scriptName, Self.imgName, Self.messyName])
        #expect(collector.edges == 3)
    }

    @Test func csvQuotesAndDefusesFormulas() throws {
        let files = CooccurrenceFormat.csv.render(try report(), generator: "t")
        let nodes = CSVReference.parse(files[0].contents)
        #expect(nodes[0].prefix(2) == ["Id", "Label"])
        let labels = Set(nodes.dropFirst().map { $0[1] })
        #expect(labels == [Self.scriptName, Self.imgName, "'" + Self.messyName])
        let edges = CSVReference.parse(files[1].contents)
        #expect(edges[0].prefix(4) == ["Source", "Target", "Type", "Weight"])
        #expect(edges.count == 4 && edges.dropFirst().allSatisfy { $0.count == edges[0].count })
    }

    @Test func markdownHasNoRawMarkupOrBrokenRows() throws {
        let md = CooccurrenceFormat.md.render(try report(), generator: "t")[0].contents
        #expect(!md.contains("<script") && !md.contains("<img"))
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("alert") }
        #expect(!rows.isEmpty)
        for row in rows {
            // Unescaped pipes delimit cells: an entity row has 7 cells (8 bars), a pair row 8 (9 bars).
            let bars = row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect(bars == 8 || bars == 9, "\(row)")
        }
    }
}

/// Collects node labels from GEXF (`label` attribute) or GraphML (`<data key="n_label">`).
final class LabelCollector: NSObject, XMLParserDelegate {
    let format: CooccurrenceFormat
    var labels: [String] = []
    var edges = 0
    private var inLabel = false
    private var text = ""

    init(format: CooccurrenceFormat) { self.format = format }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "edge" { edges += 1 }
        if format == .gexf, name == "node", let label = attributes["label"] { labels.append(label) }
        if format == .graphml, name == "data", attributes["key"] == "n_label" { inLabel = true; text = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inLabel { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if inLabel && name == "data" { labels.append(text); inLabel = false }
    }
}

/// RFC 4180 reader for the test (quoted fields, doubled quotes, CRLF records).
enum CSVReference {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var it = Array(text.unicodeScalars)[...]
        while let c = it.popFirst() {
            if quoted {
                if c == "\"" { if it.first == "\"" { field.unicodeScalars.append("\""); it.removeFirst() } else { quoted = false } }
                else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r" { continue }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.unicodeScalars.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
