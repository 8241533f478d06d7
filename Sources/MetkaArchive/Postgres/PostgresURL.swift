import Foundation

/// `postgres://user[:password]@host[:port]/database` — where a PostgreSQL archive lives.
///
/// The password may come from the URL or from `PGPASSWORD` (preferred: a URL on a command line
/// is visible to every local user in `ps`). It never leaves this struct except to the driver:
/// `description` and `redacted` print the URL without it, and every error message that could
/// quote it goes through `scrub(_:)`.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String

    /// Whether `location` names a PostgreSQL archive (and not an SQLite file path).
    public static func isPostgres(_ location: String) -> Bool {
        let lower = location.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Parses the URL; `environment` supplies `PGPASSWORD` when the URL has no password.
    public init(_ string: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard PostgresURL.isPostgres(string), let scheme = string.range(of: "://") else {
            throw ArchiveError.database("not a PostgreSQL URL (postgres://user[:password]@host[:port]/database)")
        }
        var rest = Substring(string[scheme.upperBound...])
        if let q = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<q] }
        guard let at = rest.lastIndex(of: "@") else {
            throw ArchiveError.database("\(PostgresURL.redact(string)): the URL names no user (postgres://user@host:port/database)")
        }
        let userInfo = rest[..<at]
        let hostPart = rest[rest.index(after: at)...]
        let user: Substring, password: Substring?
        if let colon = userInfo.firstIndex(of: ":") {
            user = userInfo[..<colon]
            password = userInfo[userInfo.index(after: colon)...]
        } else {
            user = userInfo
            password = nil
        }
        guard let slash = hostPart.firstIndex(of: "/") else {
            throw ArchiveError.database("\(PostgresURL.redact(string)): the URL names no database (postgres://user@host:port/database)")
        }
        let hostPort = hostPart[..<slash]
        let database = hostPart[hostPart.index(after: slash)...]
        var host = hostPort, port = 5432
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {   // [::1]:5432
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1...65535).contains(p) else {
                    throw ArchiveError.database("\(PostgresURL.redact(string)): bad port")
                }
                port = p
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            guard let p = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(p) else {
                throw ArchiveError.database("\(PostgresURL.redact(string)): bad port")
            }
            port = p
        }
        func decode(_ s: Substring) -> String { String(s).removingPercentEncoding ?? String(s) }
        self.user = decode(user)
        self.host = decode(host)
        self.port = port
        self.database = decode(database)
        if let password { self.password = decode(password) } else { self.password = environment["PGPASSWORD"] }
        if self.user.isEmpty || self.host.isEmpty || self.database.isEmpty {
            throw ArchiveError.database("\(PostgresURL.redact(string)): user, host and database must not be empty")
        }
    }

    /// `postgres://user@host:port/database` — never the password.
    public var redacted: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(h):\(port)/\(database)"
    }

    public var description: String { redacted }

    /// `text` with the password (raw and percent-encoded) replaced by `***`.
    public func scrub(_ text: String) -> String {
        guard let password, !password.isEmpty else { return text }
        var out = text.replacingOccurrences(of: password, with: "***")
        if let encoded = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != password {
            out = out.replacingOccurrences(of: encoded, with: "***")
        }
        return out
    }

    /// A URL-looking string with any `:password@` removed, for messages about URLs that did not parse.
    public static func redact(_ string: String) -> String {
        guard let scheme = string.range(of: "://"), let at = string[scheme.upperBound...].lastIndex(of: "@") else { return string }
        let userInfo = string[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return string }
        return String(string[..<colon]) + ":***" + String(string[at...])
    }
}
