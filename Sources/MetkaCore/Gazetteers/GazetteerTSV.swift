/// Line-oriented TSV reading shared by the index and the lists.
///
/// Why not a general CSV/TSV library: the format is deliberately tiny (no quoting, `#` comments,
/// LF only), and the checker needs the exact 1-based line of every row, including the ones it
/// rejects. Comment lines are kept so the header comment (`# id<TAB>name…`) can be inspected.
enum GazetteerTSV {
    struct Row {
        var line: Int
        var fields: [Substring]
    }

    struct Document {
        var rows: [Row] = []
        var comments: [(line: Int, text: Substring)] = []
        var diagnostics: [GazetteerDiagnostic] = []
    }

    static func read(_ text: String, file: String) -> Document {
        var doc = Document()
        var lineNumber = 0
        // Split on the LF byte, not on Characters: Swift treats "\r\n" as one Character, so a
        // Character split would hide CRLF files instead of reporting them.
        for bytes in text.utf8.split(separator: 10, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(bytes)
            if bytes.last == 13 {
                doc.diagnostics.append(.init(.error, at: .init(file: file, line: lineNumber),
                                             "CRLF line ending (lists must use LF)"))
                line = Substring(bytes.dropLast())
            }
            if line.isEmpty { continue }
            if line.first == "#" {
                doc.comments.append((lineNumber, line))
                continue
            }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                doc.diagnostics.append(.init(.warning, at: .init(file: file, line: lineNumber),
                                             "line holds only whitespace"))
                continue
            }
            doc.rows.append(Row(line: lineNumber,
                                fields: line.split(separator: "\t", omittingEmptySubsequences: false)))
        }
        return doc
    }
}
