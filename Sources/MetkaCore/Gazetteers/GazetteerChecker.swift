/// Whole-set checks that no single line can see: the same written form naming two different
/// entities without an ambiguity mark.
///
/// Per-line problems (column counts, unknown attribute keys, unsorted or duplicate ids, empty
/// names, malformed brackets) are reported while parsing; `check(root:)` returns both kinds.
public enum GazetteerChecker {
    /// Loads the folder and returns every diagnostic, sorted for output.
    public static func check(root: String, prefix: String = "") throws -> [GazetteerDiagnostic] {
        let (set, diagnostics) = try GazetteerRecordSet.load(root: root, prefix: prefix)
        return (diagnostics + check(set)).sortedForOutput()
    }

    private struct Claim {
        var entityID: String
        var text: String
        var location: SourceLocation
        var marked: Bool
        var isPerson: Bool
    }

    /// Cross-list checks over an already loaded set.
    ///
    /// Two entities may share a form when at least all but one of them mark it (`?alias`, or
    /// `ambiguous=` on the entry): the unmarked one is the default reading. Persons sharing a full
    /// name are a warning (namesakes exist); anything involving a non-person is an error.
    /// Surname-only and initial variants are not compared: they are context-only by design.
    public static func check(_ set: GazetteerRecordSet) -> [GazetteerDiagnostic] {
        var claims: [String: [Claim]] = [:]
        func claim(_ text: String, _ id: String, _ at: SourceLocation, marked: Bool, person: Bool) {
            let key = GazetteerFormKey.fold(text)
            var list = claims[key, default: []]
            if list.contains(where: { $0.entityID == id }) { return }
            list.append(Claim(entityID: id, text: text, location: at, marked: marked, isPerson: person))
            claims[key] = list
        }
        for e in set.entries {
            let entryMarked = e.attributes.ambiguity != nil
            claim(e.name.text, e.qualifiedID, e.location, marked: entryMarked, person: false)
            for a in e.aliases { claim(a.text, e.qualifiedID, e.location, marked: entryMarked || a.isAmbiguous, person: false) }
        }
        for p in set.persons {
            let marked = p.attributes.ambiguity != nil
            claim(p.displayName, p.qualifiedID, p.location, marked: marked, person: true)
            claim(p.fullName, p.qualifiedID, p.location, marked: marked, person: true)
            for a in p.aliases { claim(a.text, p.qualifiedID, p.location, marked: marked || a.isAmbiguous, person: true) }
        }
        var out: [GazetteerDiagnostic] = []
        for key in claims.keys.sorted() {
            let unmarked = claims[key]!.filter { !$0.marked }.sorted { $0.location < $1.location }
            guard unmarked.count > 1, let first = unmarked.first else { continue }
            for other in unmarked.dropFirst() {
                let severity: GazetteerDiagnostic.Severity = (first.isPerson && other.isPerson) ? .warning : .error
                out.append(.init(severity, at: other.location,
                    "form '\(other.text)' of '\(other.entityID)' also names '\(first.entityID)' (\(first.location)); "
                    + "mark the less likely one with '?' or ambiguous="))
            }
        }
        return out
    }
}
