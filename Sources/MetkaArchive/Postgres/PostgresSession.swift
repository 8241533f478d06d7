#if PostgreSQL
import Foundation
import GRDB
import PostgresNIO

/// One PostgreSQL connection used synchronously.
///
/// Why blocking: the enricher is a plain thread that tags on `--jobs` threads and writes in
/// between; wrapping PostgresNIO's async calls here keeps that structure (and the SQLite path)
/// free of async. The calling thread waits on a semaphore while a task runs the query on NIO's
/// event loop — the calling thread is never one of the concurrency pool's.
final class PostgresSession: @unchecked Sendable {
    let url: PostgresURL
    private let connection: PostgresConnection
    private let logger: Logger

    init(url: PostgresURL) throws {
        self.url = url
        var quiet = Logger(label: "metka.postgres")
        quiet.logLevel = .critical
        let logger = quiet
        self.logger = logger
        var config = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                      password: url.password, database: url.database, tls: .disable)
        config.options.connectTimeout = .seconds(10)
        let configuration = config
        do {
            connection = try Self.blocking {
                try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            }
        } catch {
            throw Self.map(error, url: url, connecting: true)
        }
    }

    deinit {
        let connection = self.connection
        _ = try? Self.blocking { try await connection.close() }
    }

    /// Runs `sql` with positional `$n` binds; all rows, collected.
    @discardableResult
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> [PostgresRow] {
        let connection = self.connection, logger = self.logger
        let q = PostgresQuery(unsafeSQL: sql, binds: binds)
        do {
            return try Self.blocking { try await connection.query(q, logger: logger).collect() }
        } catch {
            throw Self.map(error, url: url)
        }
    }

    /// Several statements without binds (simple-query protocol is not exposed; run one by one).
    func execute(_ statements: [String]) throws {
        for s in statements { try query(s) }
    }

    /// `COPY table (columns) FROM STDIN` in text format; `data` is the whole payload.
    func copy(table: String, columns: [String], data: [UInt8]) throws {
        guard !data.isEmpty else { return }
        let connection = self.connection, logger = self.logger
        do {
            try Self.blocking {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    var offset = 0
                    while offset < data.count {
                        let end = min(data.count, offset + (1 << 20))
                        try await writer.write(ByteBuffer(bytes: data[offset..<end]))
                        offset = end
                    }
                }
            }
        } catch {
            throw Self.map(error, url: url)
        }
    }

    /// PostgreSQL's SQLSTATE of a server error (e.g. `40P01` deadlock), if `error` is one.
    static func sqlState(_ error: Error) -> String? {
        if let e = error as? PostgresServerError { return e.sqlState }
        return (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Server and connection errors as messages a user can act on, with the password scrubbed.
    /// PSQLError's own description is deliberately generic; the server's fields say what happened.
    static func map(_ error: Error, url: PostgresURL, connecting: Bool = false) -> Error {
        if error is ArchiveError || error is PostgresServerError { return error }
        if let e = error as? PSQLError {
            if let info = e.serverInfo {
                var m = info[.message] ?? "server error"
                if let detail = info[.detail] { m += " (\(detail))" }
                if let hint = info[.hint] { m += "; hint: \(hint)" }
                return PostgresServerError(sqlState: info[.sqlState] ?? "", message: url.scrub("\(url.redacted): \(m)"))
            }
            let what = connecting ? "cannot connect" : "connection failed"
            var m = "\(url.redacted): \(what) (\(e.code))"
            if let underlying = e.underlying { m += ": \(underlying)" }
            return ArchiveError.database(url.scrub(m))
        }
        let what = connecting ? "cannot connect" : "error"
        return ArchiveError.database(url.scrub("\(url.redacted): \(what): \(error)"))
    }

    /// Runs `body` on the concurrency pool and waits for it on the calling thread.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}

/// A server error with its SQLSTATE (deadlocks are retried, everything else is reported).
struct PostgresServerError: Error, CustomStringConvertible, Sendable {
    let sqlState: String
    let message: String
    var description: String { message }
}

extension PostgresRow {
    /// Each cell as a GRDB `DatabaseValue`, so the shared `ArticleRow` code (hashing, documents)
    /// treats rows from both stores alike: integers, floats, bytea and everything else as text
    /// (the queries cast such columns to `text`).
    func databaseValues() throws -> [DatabaseValue] {
        var out: [DatabaseValue] = []
        for cell in self {
            guard cell.bytes != nil else { out.append(.null); continue }
            switch cell.dataType {
            case .int2, .int4, .int8: out.append(try cell.decode(Int64.self).databaseValue)
            case .float4, .float8: out.append(try cell.decode(Double.self).databaseValue)
            case .bytea:
                var b = try cell.decode(ByteBuffer.self)
                out.append(Data(b.readBytes(length: b.readableBytes) ?? []).databaseValue)
            default: out.append(try cell.decode(String.self).databaseValue)
            }
        }
        return out
    }
}
#endif
