import MetkaArchive

/// Text rendering of `metka enrich --stats`.
enum StatsReport {
    static func render(_ s: ArchiveStats) -> String {
        var out = ""
        if s.migrations.isEmpty {
            out += "Metka tables: none yet (run `metka enrich` first)\n"
            if let n = s.inputArticles { out += "input articles: \(n)\n" }
            return out
        }
        out += "migrations: \(s.migrations.joined(separator: ", "))\n"
        if let n = s.inputArticles { out += "input articles: \(n)\n" }
        out += "articles tagged: \(s.articlesTagged), failed: \(s.articlesFailed)"
        if s.staleArticles > 0 { out += ", tagged by another Metka version/data: \(s.staleArticles)" }
        out += "\n"
        out += "mentions: " + list(s.mentionsByType) + "\n"
        out += "entities: " + list(s.entitiesByType) + "\n"
        out += "topics (articles): " + list(s.topics) + "\n"
        if !s.topEntities.isEmpty {
            out += "top entities (articles, outside boilerplate):\n"
            for e in s.topEntities { out += "  \(e.articles)\t\(e.type)\t\(e.name)\n" }
        }
        if !s.failures.isEmpty {
            out += "failures (first \(s.failures.count)):\n"
            for (id, m) in s.failures { out += "  \(id)\t\(m)\n" }
        }
        out += "runs (latest first):\n"
        for r in s.runs {
            out += "  #\(r.id) \(r.state) metka \(r.version) \(r.startedAt) → \(r.finishedAt ?? "-"): "
            out += "seen \(r.seen), tagged \(r.tagged), failed \(r.failed), unchanged \(r.unchanged)\n"
        }
        return out
    }

    private static func list(_ pairs: [(String, Int)]) -> String {
        pairs.isEmpty ? "0" : pairs.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }
}
