/// A Markdown summary: parameters, totals, the ranked entity and pair tables (top `rows`), and
/// when sliced the per-slice totals and the pairs rising and falling fastest.
enum CooccurrenceMarkdown {
    static let rows = 100
    /// Pairs the report holds for Markdown (`CooccurrenceFormat.edgeScope`): the table shows the
    /// first `rows`, and rising/falling trends are ranked among these.
    static let edgeLimit = 10_000

    static func write(_ r: CooccurrenceReport, into sink: TextSink) {
        let md = MarkupEscaping.markdown
        let num = { (x: Double) in JSONText.fixed(x, 3) }
        var out = "# Entity co-occurrence\n\n"
        out += md(r.summary) + "\n\n"
        out += "Documents: \(r.stats.documents) (without counted entities: \(r.stats.documentsWithoutEntities); "
        out += "filtered out: \(r.stats.documentsFiltered); undated, skipped: \(r.stats.documentsUndated)). "
        out += "Units (N): \(r.units). Entities: \(r.entitiesTotal). Co-occurring pairs: \(r.pairsTotal). "
        out += "In this report: \(r.nodes.count) entities, \(r.edgesTotal) pairs.\n\n"
        out += "Measures on unit counts, log base 2: PMI = log2(c(ab)·N / (c(a)·c(b))), NPMI = PMI / −log2(c(ab)/N), "
        out += "Dice = 2c(ab) / (c(a)+c(b)), Jaccard = c(ab) / (c(a)+c(b)−c(ab)).\n\n"

        out += "## Entities\n\n| # | entity | type | kb | frequency | documents | degree |"
        out += r.slices.isEmpty ? "\n|---:|---|---|---|---:|---:|---:|\n" : " trend |\n|---:|---|---|---|---:|---:|---:|---:|\n"
        for (i, n) in r.nodes.prefix(rows).enumerated() {
            out += "| \(i + 1) | \(md(n.label)) | \(n.type.rawValue) | \(md(n.kb ?? "")) | \(n.frequency) | \(n.documents) | \(n.degree) |"
            out += r.slices.isEmpty ? "\n" : " \(num(n.trend)) |\n"
        }
        if r.nodes.count > rows { out += "\n\(r.nodes.count - rows) more entities in the json/csv/gexf/graphml outputs.\n" }

        out += "\n## Pairs (by \(r.selection.sort.rawValue))\n\n| # | entity | entity | count | PMI | NPMI | Dice | Jaccard |"
        out += r.slices.isEmpty ? "\n|---:|---|---|---:|---:|---:|---:|---:|\n" : " trend |\n|---:|---|---|---:|---:|---:|---:|---:|---:|\n"
        for (i, e) in r.edges.prefix(rows).enumerated() {
            let m = e.measures
            out += "| \(i + 1) | \(md(r.nodes[e.source].label)) | \(md(r.nodes[e.target].label)) | \(m.count) | "
            out += "\(num(m.pmi)) | \(num(m.npmi)) | \(num(m.dice)) | \(num(m.jaccard)) |"
            out += r.slices.isEmpty ? "\n" : " \(num(e.trend)) |\n"
        }
        if r.edgesTotal > rows { out += "\n\(r.edgesTotal - rows) more pairs in the json/csv/gexf/graphml outputs.\n" }

        if !r.slices.isEmpty {
            out += "\n## Slices\n\n| slice | from | to | documents | units |\n|---|---|---|---:|---:|\n"
            for s in r.slices { out += "| \(s.label) | \(s.start) | \(s.end) | \(s.documents) | \(s.units) |\n" }
            let ranked = r.edges.indices.sorted { a, b in
                r.edges[a].trend != r.edges[b].trend ? r.edges[a].trend > r.edges[b].trend : a < b
            }
            out += "\nTrend: least-squares slope of the pair's count per 1000 units over the slice index"
            out += r.edges.count < r.edgesTotal ? " (among the \(r.edges.count) pairs ranked first).\n" : ".\n"
            for (title, list) in [("Rising", Array(ranked.prefix(10)).filter { r.edges[$0].trend > 0 }),
                                  ("Falling", Array(ranked.reversed().prefix(10)).filter { r.edges[$0].trend < 0 })] {
                out += "\n### \(title) pairs\n\n| entity | entity | trend | per slice |\n|---|---|---:|---|\n"
                for k in list {
                    let e = r.edges[k]
                    out += "| \(md(r.nodes[e.source].label)) | \(md(r.nodes[e.target].label)) | \(num(e.trend)) | "
                    out += e.slices.map(String.init).joined(separator: " ") + " |\n"
                }
            }
        }
        sink.write(out)
    }
}
