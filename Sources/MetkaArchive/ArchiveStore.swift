import Foundation

/// Where Metka's `metka_*` tables live: an SQLite file next to the articles (GRDB), or a
/// PostgreSQL database (PostgresNIO, with the `PostgreSQL` package trait). The CLI and library
/// callers go through this protocol; both stores share everything above the SQL — reading
/// rows into `ArticleRow`, content hashes, tagging on `--jobs` threads, the rows written for a
/// tagged article, entity keys and ids — so they write the same rows for the same articles.
public protocol ArchiveStore: Sendable {
    /// The archive for messages: a path, or a URL without its password.
    var location: String { get }

    /// Tags the new and changed articles into the store's `metka_*` tables (see `ArchiveEnricher`
    /// for SQLite, `PostgresEnricher` for PostgreSQL).
    func enrich(_ enricher: ArchiveEnricher, cancel: CancellationFlag,
                progress: @escaping @Sendable (EnrichProgress) -> Void,
                events: @escaping @Sendable (EnrichEvent) throws -> Void) throws -> EnrichSummary
}

public enum ArchiveStores {
    /// Whether this build has PostgreSQL support (the `PostgreSQL` trait).
    public static var postgresAvailable: Bool {
        #if PostgreSQL
        return true
        #else
        return false
        #endif
    }

    /// The store for a command-line archive argument: `postgres://…` / `postgresql://…` URLs are
    /// PostgreSQL databases, anything else an SQLite file path.
    public static func open(_ location: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                            workers: Int = 1) throws -> any ArchiveStore {
        guard PostgresURL.isPostgres(location) else { return SQLiteStore(path: location) }
        let url = try PostgresURL(location, environment: environment)
        #if PostgreSQL
        return PostgresStore(url: url, workers: workers)
        #else
        throw ArchiveError.database("\(url.redacted): this metka was built without PostgreSQL support (build with the `PostgreSQL` trait, the default: `swift build -c release`)")
        #endif
    }
}

/// An SQLite archive file.
public struct SQLiteStore: ArchiveStore {
    public let path: String
    public init(path: String) { self.path = path }
    public var location: String { path }

    public func enrich(_ enricher: ArchiveEnricher, cancel: CancellationFlag,
                       progress: @escaping @Sendable (EnrichProgress) -> Void,
                       events: @escaping @Sendable (EnrichEvent) throws -> Void) throws -> EnrichSummary {
        try enricher.run(path: path, cancel: cancel, progress: progress, events: events)
    }
}

#if PostgreSQL
/// A PostgreSQL archive; this process is one worker of a run others may share.
public struct PostgresStore: ArchiveStore {
    public let url: PostgresURL
    /// Sibling workers started together (recorded in `metka_runs.options`).
    public var workers: Int
    public init(url: PostgresURL, workers: Int = 1) { self.url = url; self.workers = workers }
    public var location: String { url.redacted }

    public func enrich(_ enricher: ArchiveEnricher, cancel: CancellationFlag,
                       progress: @escaping @Sendable (EnrichProgress) -> Void,
                       events: @escaping @Sendable (EnrichEvent) throws -> Void) throws -> EnrichSummary {
        var e = PostgresEnricher(url: url, base: enricher)
        e.workers = workers
        do {
            return try e.run(cancel: cancel, progress: progress, events: events)
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError.database(url.scrub("\(error)"))
        }
    }
}
#endif
