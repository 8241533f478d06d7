#if PostgreSQL
import PostgresNIO

/// An `ArticleSource` checked against a PostgreSQL archive's catalog: the same flags, the same
/// errors (naming the missing table or column, the flag, the closest name) as for SQLite.
/// Tables and views are looked up on the connection's `search_path`.
struct PostgresSource: Sendable {
    let table: String
    let id: String
    let text: String
    let title: String?
    let date: String?
    /// `format_type` of the id column, e.g. `bigint` or `text`: the type of Metka's `article_id`s.
    let idType: String
    /// Column name → `format_type`.
    let columnTypes: [String: String]

    static func resolve(_ source: ArticleSource, _ s: PostgresSession) throws -> PostgresSource {
        for (flag, value) in [("--table", source.table), ("--id-column", source.idColumn), ("--text-column", source.textColumn),
                              ("--title-column", source.titleColumn ?? "-"), ("--date-column", source.dateColumn ?? "-")] {
            if !SQLIdentifier.isUsable(value) { throw ArchiveError.invalidIdentifier(flag: flag, value: value) }
        }
        let objects = try s.query("""
            SELECT c.oid::int8, c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND n.nspname = ANY (current_schemas(false))
            ORDER BY array_position(current_schemas(false), n.nspname::name), c.relname
            """).map { try $0.decode((Int64, String).self) }
        let userNames = objects.map(\.1).filter { !$0.hasPrefix("metka_") }
        guard let object = objects.first(where: { $0.1 == source.table })
                ?? objects.first(where: { $0.1.caseInsensitiveCompare(source.table) == .orderedSame }) else {
            let names = Array(Set(userNames)).sorted()
            throw ArchiveError.missingTable(table: source.table, suggestion: SQLIdentifier.suggestion(for: source.table, among: names), available: names)
        }
        var b = PostgresBindings()
        b.append(object.0)
        let columns = try s.query("""
            SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute
            WHERE attrelid = $1::int8::oid AND attnum > 0 AND NOT attisdropped ORDER BY attnum
            """, b).map { try $0.decode((String, String).self) }
        let names = columns.map(\.0)

        func column(_ name: String, flag: String) throws -> String {
            if let c = names.first(where: { $0 == name }) ?? names.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { return c }
            throw ArchiveError.missingColumn(table: object.1, column: name, flag: flag,
                                             suggestion: SQLIdentifier.suggestion(for: name, among: names), available: names)
        }
        func optionalColumn(_ name: String?, required: Bool, flag: String) throws -> String? {
            guard let name else { return nil }
            if !required && !names.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { return nil }
            return try column(name, flag: flag)
        }
        let id = try column(source.idColumn, flag: "--id-column")
        let text = try column(source.textColumn, flag: "--text-column")
        let title = try optionalColumn(source.titleColumn, required: source.titleRequired, flag: "--title-column")
        let date = try optionalColumn(source.dateColumn, required: source.dateRequired, flag: "--date-column")
        let idType = columns.first(where: { $0.0 == id })!.1
        return PostgresSource(table: object.1, id: id, text: text, title: title, date: date, idType: idType,
                              columnTypes: Dictionary(columns, uniquingKeysWith: { a, _ in a }))
    }

    /// `id::text, id, text, title, date` of the articles whose ids are in `$1` (a text array
    /// cast to the id type). Integers and floats travel as numbers and bytea as bytes — so the
    /// content hash and the date parsing see what SQLite would — every other type as its text.
    var fetchSQL: String {
        let q = SQLIdentifier.quote
        func read(_ column: String?) -> String {
            guard let column else { return "NULL" }
            switch columnTypes[column] ?? "text" {
            case "smallint", "integer", "bigint", "real", "double precision", "bytea": return q(column)
            default: return "\(q(column))::text"
            }
        }
        return """
            SELECT \(q(id))::text, \(read(id)), \(read(text)), \(read(title)), \(read(date))
            FROM \(q(table)) WHERE \(q(id)) = ANY ($1::text[]::\(idType)[])
            """
    }

    var manifest: [(String, String?)] {
        [("table", table), ("id_column", id), ("text_column", text), ("title_column", title), ("date_column", date)]
    }
}
#endif
