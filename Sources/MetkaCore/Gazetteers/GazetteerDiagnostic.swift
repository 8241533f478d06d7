/// A place in a gazetteer file: the provenance every entry, alias and diagnostic carries, so that
/// a tagged mention can say `gazetteer:organizations/government-ru.tsv:14` and a bad line can be
/// reported as `file:line: message` the way compilers do (editors jump to it).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Path as given to the loader, relative to the gazetteer root for bundled lists.
    public var file: String
    /// 1-based line number.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line) < (b.file, b.line)
    }
}

/// One finding of the loader or the checker.
public struct GazetteerDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        /// The line cannot be used as written (it is skipped or breaks an invariant).
        case error
        /// The line loads but is probably a mistake (e.g. two persons with the same full name).
        case warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.location = location
        self.severity = severity
        self.message = message
    }

    /// `file:line: message` (warnings say so; errors are the default reading).
    public var description: String {
        severity == .warning ? "\(location): warning: \(message)" : "\(location): \(message)"
    }
}

extension Array where Element == GazetteerDiagnostic {
    /// Stable order for output: by file, line, then severity and message (deterministic CI logs).
    public func sortedForOutput() -> [GazetteerDiagnostic] {
        sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            if a.severity != b.severity { return a.severity < b.severity }
            return a.message < b.message
        }
    }

    public var errorCount: Int { filter { $0.severity == .error }.count }
}
