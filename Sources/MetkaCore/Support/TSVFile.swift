import Foundation

/// Minimal reader for Metka's TSV data files: UTF-8, LF, `#` comments and blank lines skipped.
public enum TSVFile {
    /// Rows as (1-based line number, columns). Rows with fewer than `columns` fields are an error
    /// naming `file:line`; extra trailing fields are kept.
    public static func rows(_ url: URL, columns: Int) throws -> [(Int, [String])] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw MetkaError.data("\(url.path): cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MetkaError.data("\(url.path): not valid UTF-8")
        }
        var out: [(Int, [String])] = []
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= columns else {
                throw MetkaError.data("\(url.path):\(lineNumber): expected \(columns) tab-separated columns, found \(fields.count)")
            }
            out.append((lineNumber, fields))
        }
        return out
    }
}
