#if canImport(Glibc)
import Glibc
#endif

extension Diagnostics {
    /// A line on stderr that is not an error (summaries, notices); the caller supplies the prefix.
    static func note(_ message: String) {
        let line = message + "\n"
        _ = line.utf8CString.withUnsafeBufferPointer { Glibc.write(2, $0.baseAddress!, $0.count - 1) }
    }
}
