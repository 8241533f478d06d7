import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MetkaArchive

/// `metka enrich postgres://… --workers N`: starts N copies of this very command as child
/// processes (each an ordinary worker of the run, see docs/postgres.md) and waits for them.
///
/// The children get the same arguments minus `--workers`, with the URL's password moved into
/// `PGPASSWORD` (a child's command line is visible to other local users in `ps`; its
/// environment is not). The children stay in this process group, so Ctrl-C at a terminal and
/// a kill of the group reach them all; SIGINT and SIGTERM sent to this process alone are
/// forwarded, so each child finishes its batch.
/// The exit status is the worst of the children's: 2 (error) over 130 (interrupted or killed)
/// over 1 (some articles failed) over 0.
enum WorkerPool {
    static func run(count: Int, archive: String, jobs: Int) -> Int32 {
        var env = ProcessInfo.processInfo.environment
        var target = archive
        do {
            let url = try PostgresURL(archive, environment: env)
            target = url.redacted
            if let password = url.password { env["PGPASSWORD"] = password }
        } catch {
            Diagnostics.error("\(error)")
            return ExitStatus.usageOrIO
        }
        env["METKA_WORKERS"] = String(count)
        var args: [String] = []
        var it = CommandLine.arguments.dropFirst().makeIterator()
        var sawJobs = false
        while let a = it.next() {
            if a == "--workers" { _ = it.next(); continue }
            if a.hasPrefix("--workers=") { continue }
            if a == "--jobs" || a.hasPrefix("--jobs=") { sawJobs = true }
            args.append(a == archive ? target : a)
        }
        if !sawJobs { args += ["--jobs", String(jobs)] }

        // posix_spawn, not Foundation's Process: Process puts each child in a process group of
        // its own, and the workers must stay in ours — Ctrl-C at a terminal and a SIGKILL of
        // the group then reach every worker, as for any pipeline of processes.
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var children: [pid_t] = []
        for i in 0..<count {
            var childEnv = env
            childEnv["METKA_WORKER_INDEX"] = String(i)
            let argv = [exe] + args
            let envp = childEnv.map { "\($0.key)=\($0.value)" }
            var cArgv = argv.map { strdup($0) } + [nil]
            var cEnvp = envp.map { strdup($0) } + [nil]
            defer { for p in cArgv + cEnvp { free(p) } }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            defer { posix_spawn_file_actions_destroy(&actions) }
            var pid: pid_t = 0
            let rc = posix_spawn(&pid, exe, &actions, nil, &cArgv, &cEnvp)
            if rc != 0 {
                Diagnostics.error("cannot start worker \(i + 1): \(String(cString: strerror(rc)))")
                for c in children { kill(c, SIGTERM) }
                return ExitStatus.usageOrIO
            }
            children.append(pid)
        }
        var sources: [DispatchSourceSignal] = []
        let running = children
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                // Ctrl-C at a terminal already reached every worker (same foreground process
                // group); forwarding it too would count as a second Ctrl-C, which aborts.
                if sig == SIGINT && isatty(2) != 0 && tcgetpgrp(2) == getpgrp() { return }
                for c in running { kill(c, sig) }
            }
            source.resume()
            sources.append(source)
        }
        var worst: Int32 = 0
        func rank(_ s: Int32) -> Int { s == 0 ? 0 : s == 1 ? 1 : s == 130 ? 2 : 3 }
        for c in children {
            var status: Int32 = 0
            while waitpid(c, &status, 0) == -1 && errno == EINTR {}
            // WIFEXITED / WEXITSTATUS by hand (macros are not imported into Swift).
            let s: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 130
            if rank(s) > rank(worst) { worst = s }
        }
        for s in sources { s.cancel() }
        Diagnostics.note("metka enrich: \(count) workers done (exit \(worst))")
        return worst
    }
}
