import Testing
@testable import MetkaCore

/// Each checker rule on a small in-memory gazetteer, asserting the exact `file:line: message`.
@Suite struct GazetteerCheckerTests {
    static let header = "# id\tname\taliases\tattrs\n"
    static let personHeader = "# id\tlast\tfirst\tpatronymic\tgender\taliases\tattrs\n"

    /// Loads an index plus lists from strings, runs line and set checks.
    func check(index: String, lists: [String: String]) -> [String] {
        let (set, diagnostics) = GazetteerRecordSet.parse(indexText: index) { path in
            guard let text = lists[path] else { throw GazetteerRecordSet.LoadError.unreadable(path: path, underlying: "missing") }
            return text
        }
        return (diagnostics + GazetteerChecker.check(set)).sortedForOutput().map(\.description)
    }

    func orgIndex(_ files: String...) -> String {
        "# file\ttype\tsubtype\tschema\tsource\tlicense\n"
            + files.map { "\($0)\tORG\tgovernment\tentity\thand\tCC0\n" }.joined()
    }

    @Test func cleanListHasNoDiagnostics() {
        let list = Self.header + "fsb\tФедеральная служба безопасности\tФСБ\tcountry=RU;kb=wikidata:Q58792\n"
            + "svr\tСлужба внешней разведки\tСВР|?Служба\tcountry=RU\n"
        #expect(check(index: orgIndex("gov.tsv"), lists: ["gov.tsv": list]) == [])
    }

    @Test func badColumnCount() {
        let list = Self.header + "fsb\tФСБ\tcountry=RU\n"
        #expect(check(index: orgIndex("gov.tsv"), lists: ["gov.tsv": list])
            == ["gov.tsv:2: expected 4 columns (id, name, aliases, attrs), found 3"])
    }

    @Test func unknownAttributeKeyGetsSuggestion() {
        let list = Self.header + "fsb\tФСБ\t\tcontry=RU;wat=1\n"
        #expect(check(index: orgIndex("gov.tsv"), lists: ["gov.tsv": list]) == [
            "gov.tsv:2: unknown attribute key 'contry'; did you mean 'country'?",
            "gov.tsv:2: unknown attribute key 'wat'",
        ])
    }

    @Test func badAttributeValues() {
        let list = Self.header + "fsb\tФСБ\t\tcountry=Russia;kb=wikidata:30;decl=abr;ambiguous=loc\n"
        let out = check(index: orgIndex("gov.tsv"), lists: ["gov.tsv": list])
        #expect(out == [
            "gov.tsv:2: Wikidata id '30' must look like Q30",
            "gov.tsv:2: ambiguous 'loc' must be PER, ORG, LOC or common; did you mean 'LOC'?",
            "gov.tsv:2: country 'Russia' must be an ISO 3166-1 alpha-2 code (US)",
            "gov.tsv:2: decl 'abr' must be abbr or none",
        ])
    }

    @Test func unsortedAndDuplicateIds() {
        let list = Self.header + "svr\tСВР\t\t\nfsb\tФСБ\t\t\nsvr\tСлужба внешней разведки\t\t\n"
        #expect(check(index: orgIndex("gov.tsv"), lists: ["gov.tsv": list]) == [
            "gov.tsv:3: id 'fsb' is out of order: rows must be sorted by id ('svr' at line 2 comes first)",
            "gov.tsv:4: duplicate id 'svr' (first at line 2)",
        ])
    }

    @Test func badSlugAndEmptyName() {
        let list = Self.header + "FSB\tФСБ\t\t\nsvr\t\tСВР\t\n"
        #expect(check(index: orgIndex("gov.tsv"), lists: ["gov.tsv": list]) == [
            "gov.tsv:2: id 'FSB' must be a lowercase ASCII slug (letters, digits, hyphens)",
            "gov.tsv:3: empty name",
        ])
    }

    @Test func malformedBrackets() {
        let list = Self.header + "kaspersky\tЛаборатория [Касперского\tЛК|Лаб[оратория]\t\n"
        #expect(check(index: orgIndex("c.tsv"), lists: ["c.tsv": list]) == [
            "c.tsv:2: alias 'Лаб[оратория]': brackets must enclose whole words: 'Лаб[оратория]'",
            "c.tsv:2: name: unbalanced '[' or ']' in 'Лаборатория [Касперского'",
        ])
    }

    @Test func duplicateFormAcrossListsNeedsAMark() {
        let a = Self.header + "mfa-russia\tМинистерство иностранных дел России\tМИД\t\n"
        let b = Self.header + "foreign-ministry\tминистерство иностранных дел\tмид\t\n"
        #expect(check(index: orgIndex("a.tsv", "b.tsv"), lists: ["a.tsv": a, "b.tsv": b]) == [
            "b.tsv:2: form 'мид' of 'b.tsv#foreign-ministry' also names 'a.tsv#mfa-russia' (a.tsv:2); mark the less likely one with '?' or ambiguous=",
        ])
        // One mark on either side settles it: `?alias` or `ambiguous=` on the entry.
        let marked = Self.header + "foreign-ministry\tминистерство иностранных дел\tмид\tambiguous=common\n"
        #expect(check(index: orgIndex("a.tsv", "b.tsv"), lists: ["a.tsv": a, "b.tsv": marked]) == [])
        let aliasMarked = Self.header + "mfa-ukraine\tМИД Украины\t?МИД\t\n"
        #expect(check(index: orgIndex("a.tsv", "b.tsv"), lists: ["a.tsv": a, "b.tsv": aliasMarked]) == [])
    }

    @Test func duplicateFormFoldsCaseYoAndQuotes() {
        let list = Self.header + "a\tСоединённые Штаты\t\t\nb\t«Соединенные штаты»\t\t\n"
        #expect(check(index: orgIndex("x.tsv"), lists: ["x.tsv": list]).count == 1)
    }

    @Test func personListChecks() {
        let index = "# file\ttype\tsubtype\tschema\tsource\tlicense\npersons.tsv\tPER\tperson\tperson\thand\tCC0\n"
        let list = Self.personHeader
            + "hillary-clinton\tКлинтон\tХиллари\t\tf\t\tkb=wikidata:Q6294\n"
            + "vladimir-putin\tПутин\tВладимир\tВладимирович\tx\t\t\n"
            + "vladimir-putin-2\tПутин\tВладимир\t\tm\t\t\n"
        #expect(check(index: index, lists: ["persons.tsv": list]) == [
            "persons.tsv:3: gender 'x' must be m or f",
            "persons.tsv:4: warning: form 'Владимир Путин' of 'persons.tsv#vladimir-putin-2' also names 'persons.tsv#vladimir-putin' (persons.tsv:3); mark the less likely one with '?' or ambiguous=",
        ])
    }

    @Test func indexProblems() {
        let index = "# file\ttype\tsubtype\tschema\tsource\tlicense\n"
            + "a.tsv\tORG\tgov\tentity\thand\n"
            + "b.tsv\tGPE\tcity\tentity\thand\tCC0\n"
            + "c.tsv\tLOC\tcitty\tentity\thand\tCC0\n"
            + "d.tsv\tORG\tgov\tentty\thand\tCC0\n"
            + "../e.tsv\tORG\tgov\tentity\thand\tCC0\n"
            + "missing.tsv\tORG\tgov\tentity\thand\tCC0\n"
        #expect(check(index: index, lists: [:]) == [
            "index.tsv:2: expected 6 columns (file, type, subtype, schema, source, license), found 5",
            "index.tsv:3: unknown type 'GPE' (expected PER, ORG or LOC)",
            "index.tsv:4: unknown LOC subtype 'citty'; did you mean 'city'?",
            "index.tsv:5: unknown schema 'entty'; did you mean 'entity'?",
            "index.tsv:6: list path '../e.tsv' must be relative and stay inside the gazetteer folder",
            "index.tsv:7: cannot read list 'missing.tsv': missing.tsv: cannot read: missing",
        ])
    }

    @Test func headerCommentAndLineEndings() {
        let list = "# id\tname\n" + "fsb\tФСБ\t\t\r\n"
        #expect(check(index: orgIndex("gov.tsv"), lists: ["gov.tsv": list]) == [
            "gov.tsv:1: warning: header comment should name the columns: # id<TAB>name<TAB>aliases<TAB>attrs",
            "gov.tsv:2: CRLF line ending (lists must use LF)",
        ])
    }
}
