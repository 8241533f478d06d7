import Foundation

/// Loads the bundled gazetteer folder plus user folders into runtime entries.
///
/// A user gazetteer is a folder with its own `index.tsv` in the bundled format (`--gazetteer
/// PATH`, repeatable, or `METKA_GAZETTEERS=PATH:PATH`). Bad rows are skipped and reported as
/// diagnostics (`file:line: message`); only an unreadable index is an error.
public enum GazetteerLoader {
    public struct Loaded: Sendable {
        public var entries: [GazetteerEntry]
        public var diagnostics: [GazetteerDiagnostic]
        /// Every list file read, for the compiled-cache fingerprint.
        public var files: [URL]
    }

    /// The list files the index files name (bundled first, then user folders), read without
    /// parsing the lists — enough to fingerprint them for the compiled cache.
    public static func listFiles(directory: URL, userFolders: [URL] = []) throws -> [URL] {
        var files: [URL] = []
        for (root, _) in [(directory, "")] + userFolders.map({ ($0, $0.path) }) {
            let indexURL = root.appendingPathComponent(GazetteerIndex.fileName)
            guard let data = FileManager.default.contents(atPath: indexURL.path) else {
                throw MetkaError.data("\(indexURL.path): cannot read gazetteer index")
            }
            let (index, _) = GazetteerIndex.parse(String(decoding: data, as: UTF8.self))
            files.append(indexURL)
            files += index.lists.map { root.appendingPathComponent($0.file) }
        }
        return files
    }

    public static func load(directory: URL, userFolders: [URL] = []) throws -> Loaded {
        var (set, diagnostics) = try GazetteerRecordSet.load(root: directory.path)
        var files = set.lists.map { directory.appendingPathComponent($0.file) }
        for folder in userFolders {
            let prefix = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
            let (user, more) = try GazetteerRecordSet.load(root: folder.path, prefix: prefix)
            files += user.lists.map { URL(fileURLWithPath: $0.file) }
            set.merge(user)
            diagnostics += more
        }
        return Loaded(entries: set.runtimeEntries(), diagnostics: diagnostics, files: files)
    }
}
