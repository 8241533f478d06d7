import ArgumentParser
import MetkaArchive

/// The input-table flags shared by `enrich` and `archive export`.
struct SourceOptions: ParsableArguments {
    @Option(help: "Table (or view) holding the articles.")
    var table: String = "articles"

    @Option(help: "Column with the article's unique id.")
    var idColumn: String = "id"

    @Option(help: "Column with the article text.")
    var textColumn: String = "body"

    @Option(help: "Column with the headline (default: 'title' when the table has it).")
    var titleColumn: String?

    @Option(help: "Column with the publication date, ISO text or Unix seconds (default: 'published_at' when the table has it).")
    var dateColumn: String?

    @Option(help: "Seconds to wait for another connection's lock before giving up.")
    var busyTimeout: Double = 5

    var source: ArticleSource {
        var s = ArticleSource()
        s.table = table
        s.idColumn = idColumn
        s.textColumn = textColumn
        if let titleColumn { s.titleColumn = titleColumn; s.titleRequired = true }
        if let dateColumn { s.dateColumn = dateColumn; s.dateRequired = true }
        return s
    }
}
