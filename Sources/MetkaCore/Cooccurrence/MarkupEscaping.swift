/// Escaping for every text format the reports write. All names come from articles and are
/// untrusted: they may contain markup, quotes, separators, control characters or formulas.
public enum MarkupEscaping {
    /// XML 1.0 text and attribute values (GEXF, GraphML): the five predefined entities, and
    /// characters XML 1.0 cannot carry at all (C0 controls except tab/LF/CR, U+FFFE, U+FFFF)
    /// replaced by U+FFFD. Tab/LF/CR are written as character references so attribute values
    /// keep them through attribute-value normalization.
    public static func xml(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled.
    /// Text fields that a spreadsheet would run as a formula (leading = + - @ tab CR) get a
    /// leading apostrophe (OWASP "CSV injection"); numbers are written by the caller unquoted.
    public static func csv(_ s: String) -> String {
        var v = s
        if let first = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { v = "'" + v }
        guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Markdown table cell: HTML-significant characters as entities (renderers pass raw HTML
    /// through), Markdown punctuation backslash-escaped, line breaks as spaces.
    public static func markdown(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "|", "\\", "`", "*", "_", "[", "]", "#", "!", "~": out += "\\" + String(u)
            case "\n", "\r", "\t": out += " "
            default:
                if u.value < 0x20 { out += " " } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// JSON for embedding inside an HTML `<script type="application/json">` element: `<`, `>`
    /// and `&` as \u escapes so no `</script>` or `<!--` can ever appear, and U+2028/U+2029
    /// escaped too. The result is still valid JSON with the same value.
    public static func jsonForHTMLScript(_ json: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(json.count + json.count / 16)
        var i = 0
        while i < json.count {
            let b = json[i]
            switch b {
            case UInt8(ascii: "<"): out += Array("\\u003c".utf8)
            case UInt8(ascii: ">"): out += Array("\\u003e".utf8)
            case UInt8(ascii: "&"): out += Array("\\u0026".utf8)
            case 0xE2 where i + 2 < json.count && json[i + 1] == 0x80 && (json[i + 2] == 0xA8 || json[i + 2] == 0xA9):
                out += Array((json[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                i += 2
            default: out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Number formatting shared by the writers: fixed decimals, no locale, no exponent.
    static func number(_ x: Double) -> String { JSONText.fixed(x, 6) }
}
