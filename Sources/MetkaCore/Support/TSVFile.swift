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
        if !data.contains(0x0D) { return try rows(bytes: [UInt8](data), path: url.path, columns: columns) }
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

    /// The same rows from the bytes of a file without CR (then LF and tab are grapheme clusters
    /// of their own and splitting bytes equals splitting `Character`s). Start-up reads a dozen
    /// lists; splitting them by `Character` cost more than everything else they are used for.
    static func rows(bytes: [UInt8], path: String, columns: Int) throws -> [(Int, [String])] {
        var out: [(Int, [String])] = []
        var lineNumber = 0
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start <= all.count {
                var end = start
                while end < all.count && all[end] != 0x0A { end += 1 }
                lineNumber += 1
                defer { start = end + 1 }
                let line = UnsafeBufferPointer(rebasing: all[start..<end])
                if line.isEmpty { continue }
                if line[0] == UInt8(ascii: "#") {
                    // `hasPrefix("#")` compares the first Character: a mark after `#` joins it.
                    if line.count == 1 || line[1] < 0x80 { continue }
                    if String(decoding: line, as: UTF8.self).hasPrefix("#") { continue }
                }
                var fields: [String] = []
                var f = 0
                for k in 0...line.count where k == line.count || line[k] == 0x09 {
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: line[f..<k]), as: UTF8.self))
                    f = k + 1
                }
                guard fields.count >= columns else {
                    throw MetkaError.data("\(path):\(lineNumber): expected \(columns) tab-separated columns, found \(fields.count)")
                }
                out.append((lineNumber, fields))
            }
        }
        return out
    }
}
