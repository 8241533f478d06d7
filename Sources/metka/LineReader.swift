#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor in large chunks and yields lines without their terminator.
///
/// Memory stays bounded: a line longer than `maxLineBytes` is not kept; the reader skips to its
/// end and yields `.tooLong(bytes)` so the caller can report it and go on.
struct LineReader {
    enum Line {
        case line([UInt8])
        case tooLong(Int)
    }

    private let fd: Int32
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    private(set) var readError: Int32 = 0

    init(fd: Int32, maxLineBytes: Int) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
    }

    /// Reads up to 256 KiB more into the buffer; false at end of input. (Larger reads gained
    /// nothing measurable and their buffer counted in every run's peak memory.)
    private mutating func fill() -> Bool {
        if eof { return false }
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        let chunk = 1 << 18
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        var n: Int = -1
        repeat {
            n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, chunk) }
        } while n < 0 && errno == EINTR
        if n <= 0 {
            if n < 0 { readError = errno }
            buffer.removeLast(chunk)
            eof = true
            return false
        }
        buffer.removeLast(chunk - n)
        return true
    }

    /// The next line, or nil at end of input. A final line without a newline is still a line.
    mutating func next() -> Line? {
        var scanFrom = start
        var skipped = 0
        while true {
            if let nl = buffer[scanFrom...].firstIndex(of: 0x0A) {
                if skipped > 0 {
                    let total = skipped + (nl - start)
                    start = nl + 1
                    return .tooLong(total)
                }
                var end = nl
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[start..<end])
                start = nl + 1
                return .line(line)
            }
            if buffer.count - start > maxLineBytes {
                skipped += buffer.count - start
                buffer.removeAll(keepingCapacity: true)
                start = 0
                scanFrom = 0
            } else {
                scanFrom = buffer.count
            }
            // `fill` may compact the buffer (moving `start` to 0): keep the scan position relative.
            let scannedAhead = scanFrom - start
            defer { scanFrom = start + scannedAhead }
            if !fill() {
                if skipped > 0 {
                    skipped += buffer.count - start
                    start = buffer.count
                    return .tooLong(skipped)
                }
                if start < buffer.count {
                    let line = Array(buffer[start...])
                    start = buffer.count
                    return .line(line)
                }
                return nil
            }
        }
    }

    /// Reads everything left (plain-text mode), stopping once `limit` bytes are exceeded.
    mutating func readAll(limit: Int) -> (bytes: [UInt8], truncatedTotal: Int?) {
        while buffer.count - start <= limit, fill() {}
        if buffer.count - start > limit {
            var total = buffer.count - start
            buffer.removeAll(keepingCapacity: true)
            start = 0
            while fill() {
                total += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
            return ([], total)
        }
        return (Array(buffer[start...]), nil)
    }

    /// Looks at the first non-blank byte without consuming input (for `--input auto`).
    mutating func peekFirstNonBlank() -> UInt8? {
        var i = start
        while true {
            while i < buffer.count {
                let b = buffer[i]
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
                if b == 0xEF && i + 2 < buffer.count && buffer[i + 1] == 0xBB && buffer[i + 2] == 0xBF { i += 3; continue }
                return b
            }
            if !fill() { return nil }
        }
    }
}

/// Buffered writer to a file descriptor (stdout), flushed in large writes.
final class OutputSink {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var failed = false

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 18)
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 18 { flush() }
    }

    func write(_ string: String) { write(Array(string.utf8)) }

    func flush() {
        var offset = 0
        while offset < buffer.count && !failed {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, buffer.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                failed = true
            } else {
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// One-line diagnostics on stderr.
enum Diagnostics {
    static func error(_ message: String) {
        let line = "metka: " + message + "\n"
        _ = line.utf8CString.withUnsafeBufferPointer { Glibc.write(2, $0.baseAddress!, $0.count - 1) }
    }
}
