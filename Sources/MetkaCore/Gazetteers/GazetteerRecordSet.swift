import Foundation

/// All loaded lists: the bundled `Gazetteers/` folder plus any user folders.
///
/// Loading never throws for bad content — it returns diagnostics next to what did load — and
/// only a missing or unreadable index is an error, because without it nothing can be typed.
public struct GazetteerRecordSet: Sendable {
    public var lists: [GazetteerListSpec] = []
    public var entries: [GazetteerRecord] = []
    public var persons: [PersonRecord] = []

    public init() {}

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(path: String, underlying: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let underlying): "\(path): cannot read: \(underlying)"
            }
        }
    }

    /// Loads `root/index.tsv` and every list it names. File names in locations are
    /// `prefix + relative path` (bundled lists use an empty prefix, user folders their own path).
    public static func load(root: String, prefix: String = "") throws
        -> (set: GazetteerRecordSet, diagnostics: [GazetteerDiagnostic])
    {
        let indexPath = (root as NSString).appendingPathComponent(GazetteerIndex.fileName)
        let indexText = try read(indexPath)
        return parse(indexText: indexText, prefix: prefix) { relative in
            try read((root as NSString).appendingPathComponent(relative))
        }
    }

    /// Same as `load`, with file access injected (tests, embedded resources).
    public static func parse(indexText: String, prefix: String = "",
                             readList: (String) throws -> String)
        -> (set: GazetteerRecordSet, diagnostics: [GazetteerDiagnostic])
    {
        var (index, diagnostics) = GazetteerIndex.parse(indexText, file: prefix + GazetteerIndex.fileName)
        var set = GazetteerRecordSet()
        for i in index.lists.indices {
            index.lists[i].file = prefix + index.lists[i].file
        }
        set.lists = index.lists
        for spec in index.lists {
            let relative = String(spec.file.dropFirst(prefix.count))
            let text: String
            do {
                text = try readList(relative)
            } catch {
                diagnostics.append(.init(.error, at: spec.declaredAt, "cannot read list '\(relative)': \(error)"))
                continue
            }
            let result = GazetteerListParser.parse(text, spec: spec, file: spec.file)
            set.entries += result.entries
            set.persons += result.persons
            diagnostics += result.diagnostics
        }
        return (set, diagnostics)
    }

    /// Lists of `other` are added after this set's (user lists after the bundled ones).
    public mutating func merge(_ other: GazetteerRecordSet) {
        lists += other.lists
        entries += other.entries
        persons += other.persons
    }

    /// Every (entry, form, provenance) tuple, in list order then row order then form order.
    public func forms() -> [GazetteerForm] {
        var out: [GazetteerForm] = []
        var byFile: [String: (entries: [GazetteerRecord], persons: [PersonRecord])] = [:]
        for e in entries { byFile[e.location.file, default: ([], [])].entries.append(e) }
        for p in persons { byFile[p.location.file, default: ([], [])].persons.append(p) }
        for spec in lists {
            guard let group = byFile[spec.file] else { continue }
            for e in group.entries { out += e.forms() }
            for p in group.persons { out += p.forms() }
        }
        return out
    }

    private static func read(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LoadError.unreadable(path: path, underlying: (error as NSError).localizedDescription)
        }
    }
}
