import Foundation

/// Checksums of the data behind a `Resources`, for run manifests (archive `metka_runs`) and for
/// deciding whether archived results are stale.
///
/// Computed on demand rather than at load time: hashing every data file would cost start-up time
/// that `metka tag` must not pay. All regular files under `Gazetteers/`, the user gazetteer
/// folders and `Models/` count — whatever a stage loads lives there — hashed in sorted path order
/// with their relative paths, so renaming, adding or editing a file changes the checksum.
/// Derived caches are left out (`Models/gazetteers/`, the compiled gazetteer rebuilt from the
/// lists; `*.tmp-*` files being written): they change without the data changing.
extension Resources {
    /// `fnv1a64:<hex>` of the files under `Gazetteers/` and the user gazetteer folders, or `none`
    /// when there is no data root.
    public var gazetteerChecksum: String {
        guard let dataRoot else { return "none" }
        let folders = [dataRoot.appendingPathComponent("Gazetteers")] + userGazetteerFolders
        return Resources.checksum(of: folders, skipping: [])
    }

    /// `fnv1a64:<hex>` of the files under `Models/` (`none` when that folder does not exist).
    public var modelChecksum: String {
        guard let dataRoot else { return "none" }
        return Resources.checksum(of: [dataRoot.appendingPathComponent("Models")], skipping: ["gazetteers/"])
    }

    /// One string naming the tagger: Metka version plus both data checksums. Results tagged
    /// under a different fingerprint are stale.
    public var fingerprint: String { "metka \(Metka.version); gazetteers \(gazetteerChecksum); models \(modelChecksum)" }

    /// Files of `folders` (recursively), each folder's paths relative to it and prefixed with its
    /// position; relative paths starting with one of `skipping` are left out.
    static func checksum(of folders: [URL], skipping: [String]) -> String {
        let fm = FileManager.default
        var files: [(String, URL)] = []
        for (n, base) in folders.enumerated() {
            guard let walker = fm.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            let prefix = base.standardizedFileURL.path + "/"
            for case let url as URL in walker {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let path = url.standardizedFileURL.path
                let relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
                if skipping.contains(where: { relative.hasPrefix($0) }) || relative.contains(".tmp-") { continue }
                files.append(("\(n)/" + relative, url))
            }
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
