import Foundation

/// Runs the built `metka` binary as a subprocess (the CLI tests and the kill-and-resume tests).
enum MetkaBinary {
    static var url: URL {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDir, bundleDir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("metka")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return ArchiveFixture.root.appendingPathComponent(".build/debug/metka")
    }

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
        var signalled: Bool
    }

    /// Starts metka; the caller waits (or kills) through the returned process. `executable` and
    /// `prefix` run it through a wrapper (e.g. `setsid metka …`, for a process group of its own).
    static func start(_ arguments: [String], environment: [String: String] = [:],
                      executable: String? = nil, prefix: [String] = []) throws -> (Process, Pipe, Pipe) {
        let p = Process()
        p.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? url
        p.arguments = prefix + arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try p.run()
        return (p, out, err)
    }

    static func finish(_ started: (Process, Pipe, Pipe)) -> Result {
        let (p, out, err) = started
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self),
                      status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal)
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        finish(try start(arguments, environment: environment))
    }
}
