/// One self-contained, offline HTML report: an interactive force-directed graph (canvas, plain
/// JavaScript written for Metka), filters (type, min count, node count, slice, search) and
/// ranked, sortable tables.
///
/// Safety: all article-derived text travels only inside `<script type="application/json">`,
/// escaped by `MarkupEscaping.jsonForHTMLScript` (no `<` can appear in it), and the page puts
/// it into the DOM with `textContent` or canvas `fillText` only — never as markup. The
/// Content-Security-Policy admits exactly the page's own script and style (by SHA-256) and
/// `default-src 'none'`, so nothing is fetched from the network and injected script cannot run.
enum CooccurrenceHTML {
    /// The graph draws at most this many nodes (the most frequent); larger graphs belong in Gephi.
    static let nodeLimit = 500

    static func write(_ report: CooccurrenceReport, generator: String) -> String {
        let shown = report.limited(toNodes: nodeLimit)
        var payload: [UInt8] = Array("{\"generator\":".utf8)
        JSONText.appendEscaped(generator, to: &payload)
        payload += Array(",\"summary\":".utf8)
        JSONText.appendEscaped(report.summary, to: &payload)
        payload += Array(",\"totalNodes\":\(report.nodes.count),\"totalEdges\":\(report.edgesTotal),\"report\":".utf8)
        payload += CooccurrenceJSON.encode(shown, indent: nil)
        payload.append(UInt8(ascii: "}"))
        let data = MarkupEscaping.jsonForHTMLScript(payload)
        let scriptHash = SHA256.base64(SHA256.digest(Array(HTMLAssets.script.utf8)))
        let styleHash = SHA256.base64(SHA256.digest(Array(HTMLAssets.style.utf8)))
        var out = "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-\(scriptHash)'; "
        out += "style-src 'sha256-\(styleHash)'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
        out += "<title>Metka: entity co-occurrence</title>\n<style>" + HTMLAssets.style + "</style>\n</head>\n<body>\n"
        out += HTMLAssets.body
        out += "<script type=\"application/json\" id=\"metka-data\">" + data + "</script>\n"
        out += "<script>" + HTMLAssets.script + "</script>\n</body>\n</html>\n"
        return out
    }
}

extension CooccurrenceReport {
    /// The report restricted to its first `limit` nodes (the most frequent) and the edges among them.
    func limited(toNodes limit: Int) -> CooccurrenceReport {
        guard nodes.count > limit else { return self }
        var copy = self
        copy.nodes = Array(nodes.prefix(limit))
        copy.edges = edges.filter { $0.source < limit && $0.target < limit }
        copy.edgesTotal = copy.edges.count
        for k in copy.nodes.indices { copy.nodes[k].degree = 0 }
        for e in copy.edges {
            copy.nodes[e.source].degree += 1
            copy.nodes[e.target].degree += 1
        }
        return copy
    }
}
