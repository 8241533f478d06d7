/// Parses one list file according to its index spec, collecting per-line diagnostics.
///
/// A bad row is reported and skipped; everything else still loads, so one typo in a user list
/// never takes the bundled gazetteers down with it.
enum GazetteerListParser {
    struct Result {
        var entries: [GazetteerRecord] = []
        var persons: [PersonRecord] = []
        var diagnostics: [GazetteerDiagnostic] = []
    }

    static func parse(_ text: String, spec: GazetteerListSpec, file: String) -> Result {
        let doc = GazetteerTSV.read(text, file: file)
        var result = Result()
        result.diagnostics = doc.diagnostics
        let columns = spec.schema.columns
        checkHeader(doc, columns: columns, file: file, into: &result.diagnostics)

        var ids: [String: Int] = [:]
        var previousID: (id: String, line: Int)?
        for row in doc.rows {
            let at = SourceLocation(file: file, line: row.line)
            guard row.fields.count == columns.count else {
                result.diagnostics.append(.init(.error, at: at,
                    "expected \(columns.count) columns (\(columns.joined(separator: ", "))), found \(row.fields.count)"))
                continue
            }
            let id = String(row.fields[0])
            if let problem = slugProblem(id) {
                result.diagnostics.append(.init(.error, at: at, problem))
                continue
            }
            if let first = ids[id] {
                result.diagnostics.append(.init(.error, at: at, "duplicate id '\(id)' (first at line \(first))"))
                continue
            }
            ids[id] = row.line
            if let previous = previousID, id < previous.id {
                result.diagnostics.append(.init(.error, at: at,
                    "id '\(id)' is out of order: rows must be sorted by id ('\(previous.id)' at line \(previous.line) comes first)"))
            }
            previousID = (id, row.line)

            var diagnostics: [GazetteerDiagnostic] = []
            let attributes = GazetteerAttributes.parse(row.fields[columns.count - 1], at: at, into: &diagnostics)
            let aliases = parseAliases(row.fields[columns.count - 2], at: at, into: &diagnostics)
            switch spec.schema {
            case .entity:
                let nameField = row.fields[1]
                if nameField.trimmingSpacesSubstring().isEmpty {
                    diagnostics.append(.init(.error, at: at, "empty name"))
                } else if nameField.first == "?" || nameField.first == "=" {
                    diagnostics.append(.init(.error, at: at,
                        "the canonical name takes no '?'/'=' marker; use attrs (ambiguous=…, decl=none) instead"))
                } else {
                    do {
                        let name = try AliasForm.parse(nameField)
                        result.entries.append(GazetteerRecord(id: id, name: name, aliases: aliases, attributes: attributes,
                                                             type: spec.type, subtype: spec.subtype, location: at))
                    } catch {
                        diagnostics.append(.init(.error, at: at, "name: \(error)"))
                    }
                }
                checkAliasesRepeatName(result.entries.last.flatMap { $0.id == id ? $0 : nil }, at: at, into: &diagnostics)
            case .person:
                let last = String(row.fields[1]).trimmingSpaces(), first = String(row.fields[2]).trimmingSpaces()
                let patronymic = String(row.fields[3]).trimmingSpaces(), genderField = String(row.fields[4]).trimmingSpaces()
                if last.isEmpty { diagnostics.append(.init(.error, at: at, "empty last name")) }
                for (label, value) in [("last", last), ("first", first), ("patronymic", patronymic)]
                where value.contains("[") || value.contains("]") || value.hasPrefix("?") || value.hasPrefix("=") {
                    diagnostics.append(.init(.error, at: at, "\(label) name takes no alias markup: '\(value)'"))
                }
                var gender: PersonGender?
                if !genderField.isEmpty {
                    gender = PersonGender(rawValue: genderField)
                    if gender == nil { diagnostics.append(.init(.error, at: at, "gender '\(genderField)' must be m or f")) }
                }
                if !patronymic.isEmpty && first.isEmpty {
                    diagnostics.append(.init(.error, at: at, "patronymic without a first name"))
                }
                if !last.isEmpty {
                    result.persons.append(PersonRecord(id: id, last: last, first: first, patronymic: patronymic,
                                                      gender: gender, aliases: aliases, attributes: attributes,
                                                      subtype: spec.subtype, location: at))
                }
            }
            result.diagnostics += diagnostics
        }
        return result
    }

    /// The last comment line before the first row should name the columns (`# id<TAB>name…`):
    /// it is what a person editing the file reads. A mismatch is only a warning.
    private static func checkHeader(_ doc: GazetteerTSV.Document, columns: [String], file: String,
                                    into diagnostics: inout [GazetteerDiagnostic]) {
        let firstRow = doc.rows.first?.line ?? Int.max
        guard let header = doc.comments.last(where: { $0.line < firstRow }) else {
            diagnostics.append(.init(.warning, at: .init(file: file, line: 1),
                                     "no header comment naming the columns (# \(columns.joined(separator: "<TAB>")))"))
            return
        }
        let names = header.text.dropFirst().trimmingSpacesSubstring().split(separator: "\t").map(String.init)
        if names != columns {
            diagnostics.append(.init(.warning, at: .init(file: file, line: header.line),
                "header comment should name the columns: # \(columns.joined(separator: "<TAB>"))"))
        }
    }

    static func slugProblem(_ id: String) -> String? {
        if id.isEmpty { return "empty id" }
        let ok = id.unicodeScalars.allSatisfy { s in
            (s.value >= 97 && s.value <= 122) || (s.value >= 48 && s.value <= 57) || s == "-"
        }
        if !ok { return "id '\(id)' must be a lowercase ASCII slug (letters, digits, hyphens)" }
        if id.hasPrefix("-") || id.hasSuffix("-") || id.contains("--") {
            return "id '\(id)' has a leading, trailing or doubled hyphen"
        }
        return nil
    }

    private static func parseAliases(_ field: Substring, at: SourceLocation,
                                     into diagnostics: inout [GazetteerDiagnostic]) -> [AliasForm] {
        var out: [AliasForm] = []
        var seen: Set<String> = []
        for raw in field.split(separator: "|", omittingEmptySubsequences: false) {
            if raw.isEmpty {
                if !field.isEmpty { diagnostics.append(.init(.error, at: at, "empty alias (stray '|')")) }
                continue
            }
            do {
                let alias = try AliasForm.parse(raw)
                let key = GazetteerFormKey.fold(alias.text)
                if !seen.insert(key).inserted {
                    diagnostics.append(.init(.warning, at: at, "alias '\(alias.text)' is listed twice"))
                    continue
                }
                out.append(alias)
            } catch {
                diagnostics.append(.init(.error, at: at, "alias '\(raw)': \(error)"))
            }
        }
        return out
    }

    private static func checkAliasesRepeatName(_ entry: GazetteerRecord?, at: SourceLocation,
                                               into diagnostics: inout [GazetteerDiagnostic]) {
        guard let entry else { return }
        let nameKey = GazetteerFormKey.fold(entry.name.text)
        for alias in entry.aliases where GazetteerFormKey.fold(alias.text) == nameKey && !alias.isAmbiguous && !alias.isExact {
            diagnostics.append(.init(.warning, at: at, "alias '\(alias.text)' repeats the name"))
        }
    }
}

/// Folding used to decide that two written forms are "the same form": case, ё/е, quotes,
/// dash variants and spacing. (The compiled matcher folds token keys the same way.)
public enum GazetteerFormKey {
    public static func fold(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for ch in text.lowercased() {
            switch ch {
            case "«", "»", "\"", "“", "”", "„": continue
            case " ", "\t": pendingSpace = !out.isEmpty; continue
            default: break
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            switch ch {
            case "ё": out.append("е")
            case "–", "—", "‒", "−": out.append("-")
            case "’", "ʼ": out.append("'")
            default: out.append(ch)
            }
        }
        return out
    }
}
