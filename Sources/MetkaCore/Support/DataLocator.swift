import Foundation

/// Finds Metka's data folders (`Gazetteers/`, `Models/`) at run time.
///
/// Order: the `METKA_DATA` environment variable (a folder holding both); the executable's
/// folder and its ancestors (a release binary inside a checkout, or a bundle copied next to the
/// binary on a Spark executor); finally the source checkout this library was built from.
public enum DataLocator {
    public static func dataRoot(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        var tried: [String] = []
        if let explicit = environment["METKA_DATA"], !explicit.isEmpty {
            let url = URL(fileURLWithPath: explicit)
            if isDataRoot(url) { return url }
            throw MetkaError.data("METKA_DATA=\(explicit) does not contain Gazetteers/index.tsv")
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            if isDataRoot(dir) { return dir }
            tried.append(dir.path)
            dir = dir.deletingLastPathComponent()
        }
        // Sources/MetkaCore/Support/DataLocator.swift → checkout root.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        if isDataRoot(checkout) { return checkout }
        tried.append(checkout.path)
        throw MetkaError.data("cannot find Metka data (Gazetteers/index.tsv); set METKA_DATA. Looked in: \(tried.joined(separator: ", "))")
    }

    static func isDataRoot(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("Gazetteers/index.tsv").path)
    }
}
