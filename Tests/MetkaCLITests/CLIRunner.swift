import Foundation

/// Runs the built `metka` binary with stdin and captures stdout, stderr and the exit status.
enum CLIRunner {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// `.build/<config>/metka`, next to the test bundle.
    static var binary: URL {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDir, bundleDir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("metka")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/metka")
    }

    static func run(_ arguments: [String], stdin: [UInt8], environment: [String: String]? = nil) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        if let environment { p.environment = environment }
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        try p.run()
        // Write stdin on another thread so large inputs cannot deadlock against full output pipes.
        // POSIX writes, retried on EINTR: FileHandle.write traps on an interrupted system call,
        // which parallel tests (many children, SIGCHLD) do provoke. A child that exits early
        // (EPIPE) ends the writing; SIGPIPE is ignored so it cannot kill the test process.
        signal(SIGPIPE, SIG_IGN)
        let fd = inPipe.fileHandleForWriting.fileDescriptor
        let writer = Thread {
            stdin.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        break
                    }
                    offset += n
                }
            }
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        // stderr is drained on its own thread so a chatty child cannot block on a full pipe.
        let errBox = Box()
        let errFD = errPipe.fileHandleForReading.fileDescriptor
        let errReader = Thread { errBox.bytes = readAll(errFD); errBox.done.signal() }
        errReader.start()
        let out = Data(readAll(outPipe.fileHandleForReading.fileDescriptor))
        errBox.done.wait()
        let err = Data(errBox.bytes)
        p.waitUntilExit()
        return Result(stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
                      status: p.terminationStatus)
    }

    private final class Box: @unchecked Sendable {
        var bytes: [UInt8] = []
        let done = DispatchSemaphore(value: 0)
    }

    /// Everything readable from `fd` until end of file, retrying interrupted reads.
    private static func readAll(_ fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    static func run(_ arguments: [String], stdin: String) throws -> Result {
        try run(arguments, stdin: Array(stdin.utf8))
    }

    static func json(_ line: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }
}
