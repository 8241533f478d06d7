import Foundation

/// Checksums of the data behind a `Resources`, for run manifests (archive `metka_runs`) and for
/// deciding whether archived results are stale.
///
/// Computed on demand rather than at load time: hashing every data file would cost start-up time
/// that `metka tag` must not pay. All regular files under `Gazetteers/` and `Models/` count —
/// whatever a stage loads lives there — hashed in sorted path order with their relative paths,
/// so renaming, adding or editing a file changes the checksum.
extension Resources {
    /// `fnv1a64:<hex>` of the files under `Gazetteers/`, or `none` when there is no data root.
    public var gazetteerChecksum: String { Resources.checksum(of: "Gazetteers", under: dataRoot) }

    /// `fnv1a64:<hex>` of the files under `Models/` (`none` when that folder does not exist).
    public var modelChecksum: String { Resources.checksum(of: "Models", under: dataRoot) }

    /// One string naming the tagger: Metka version plus both data checksums. Results tagged
    /// under a different fingerprint are stale.
    public var fingerprint: String { "metka \(Metka.version); gazetteers \(gazetteerChecksum); models \(modelChecksum)" }

    static func checksum(of folder: String, under root: URL?) -> String {
        guard let root else { return "none" }
        let base = root.appendingPathComponent(folder)
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return "none" }
        var files: [(String, URL)] = []
        let prefix = base.standardizedFileURL.path + "/"
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            files.append((path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path, url))
        }
        if files.isEmpty { return "none" }
        files.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        var sum = Checksum()
        for (relative, url) in files {
            sum.addField(relative)
            if let data = fm.contents(atPath: url.path) { sum.add(data) }
            sum.addField(nil)
        }
        return "fnv1a64:" + sum.hex
    }
}
