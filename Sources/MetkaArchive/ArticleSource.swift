import GRDB

/// Where articles live in an archive: the table (or view) and the columns Metka reads.
///
/// Defaults are `articles(id, title, body, published_at)`. The title and date columns are
/// optional when left at their defaults (an archive without `title` is fine) but must exist when
/// named explicitly; the id and text columns must always exist.
public struct ArticleSource: Sendable, Equatable {
    public var table = "articles"
    public var idColumn = "id"
    public var textColumn = "body"
    /// nil: no title column.
    public var titleColumn: String? = "title"
    /// nil: no date column.
    public var dateColumn: String? = "published_at"
    /// Set when the caller named the column (a flag): then a missing column is an error.
    public var titleRequired = false
    public var dateRequired = false

    public init() {}

    /// Checks every name against the archive's schema and returns the names as the schema spells them.
    func resolve(_ db: Database) throws -> ResolvedSource {
        for (flag, value) in [("--table", table), ("--id-column", idColumn), ("--text-column", textColumn),
                              ("--title-column", titleColumn ?? "-"), ("--date-column", dateColumn ?? "-")] {
            if !SQLIdentifier.isUsable(value) { throw ArchiveError.invalidIdentifier(flag: flag, value: value) }
        }
        let objects = try Row.fetchAll(db, sql: """
            SELECT name, type, sql FROM sqlite_schema
            WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY name
            """)
        let userObjects = objects.filter { !(($0["name"] as String).hasPrefix("metka_")) && ($0["name"] as String) != "grdb_migrations" }
        guard let object = objects.first(where: { ($0["name"] as String).caseInsensitiveCompare(table) == .orderedSame }) else {
            let names: [String] = userObjects.map { $0["name"] }
            throw ArchiveError.missingTable(table: table, suggestion: SQLIdentifier.suggestion(for: table, among: names), available: names)
        }
        let tableName: String = object["name"]
        let isView = (object["type"] as String) == "view"
        let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_xinfo(?) WHERE hidden IN (0, 2, 3)", arguments: [tableName])

        func column(_ name: String, flag: String) throws -> String {
            if let c = columns.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { return c }
            throw ArchiveError.missingColumn(table: tableName, column: name, flag: flag,
                                             suggestion: SQLIdentifier.suggestion(for: name, among: columns), available: columns)
        }
        func optionalColumn(_ name: String?, required: Bool, flag: String) throws -> String? {
            guard let name else { return nil }
            if !required && !columns.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { return nil }
            return try column(name, flag: flag)
        }
        let id = try column(idColumn, flag: "--id-column")
        let text = try column(textColumn, flag: "--text-column")
        let title = try optionalColumn(titleColumn, required: titleRequired, flag: "--title-column")
        let date = try optionalColumn(dateColumn, required: dateRequired, flag: "--date-column")

        // Page by rowid when the table has one and no column shadows it; else by the id column.
        var byRowid = !isView && !columns.contains { ["rowid", "_rowid_", "oid"].contains($0.lowercased()) }
        if byRowid {
            let sql = (object["sql"] as String?) ?? ""
            let squeezed = sql.uppercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
            if squeezed.contains("WITHOUT ROWID") { byRowid = false }
        }
        return ResolvedSource(table: tableName, id: id, text: text, title: title, date: date, byRowid: byRowid)
    }
}

/// An `ArticleSource` checked against the schema, with its SQL prepared as text.
struct ResolvedSource: Sendable {
    let table: String
    let id: String
    let text: String
    let title: String?
    let date: String?
    let byRowid: Bool

    /// `SELECT <page key>, id, text, title, date, <text bytes> FROM table [WHERE key > ?] ORDER BY key LIMIT ?`.
    /// The byte length as SQLite stores it reveals NUL characters, which SQLite's C-string
    /// text accessor (and so the String Metka gets) silently cuts off.
    func pageSQL(first: Bool) -> String {
        let q = SQLIdentifier.quote
        let key = byRowid ? "rowid" : q(id)
        let fields = [key, q(id), q(text), title.map(q) ?? "NULL", date.map(q) ?? "NULL", "length(CAST(\(q(text)) AS BLOB))"]
            .joined(separator: ", ")
        let filter = first ? (byRowid ? "" : " WHERE \(q(id)) IS NOT NULL") : " WHERE \(key) > ?"
        return "SELECT \(fields) FROM \(q(table))\(filter) ORDER BY \(key) LIMIT ?"
    }

    var countSQL: String { "SELECT count(*) FROM \(SQLIdentifier.quote(table))" }

    /// The source's description for run manifests.
    var manifest: [(String, String?)] {
        [("table", table), ("id_column", id), ("text_column", text), ("title_column", title), ("date_column", date)]
    }
}
