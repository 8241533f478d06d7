/// Errors the library reports; the CLI maps them to messages and exit codes.
public enum MetkaError: Error, CustomStringConvertible, Sendable {
    /// Bundled or user data is malformed or missing (message carries `file:line`).
    case data(String)
    /// One input record cannot be processed (bad JSON, invalid UTF-8, NUL byte, too large…).
    case record(String)
    /// Reading or writing failed.
    case io(String)

    public var description: String {
        switch self {
        case .data(let m), .record(let m), .io(let m): m
        }
    }
}
