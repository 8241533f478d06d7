import Foundation
import Testing
@testable import MetkaArchive

@Suite struct LockTests {
    @Test(arguments: ["IMMEDIATE", "EXCLUSIVE"])
    func aLockHeldLongerThanTheBusyTimeoutIsAClearError(mode: String) throws {
        let path = try ArchiveFixture.makeArchive(at: ArchiveFixture.tempDir().appendingPathComponent("a.sqlite").path, count: 3)
        let holder = try ArchiveSQL.LockHolder(path: path, mode: mode)
        defer { holder.release() }
        let started = Date()
        do {
            _ = try ArchiveFixture.enricher { $0.connection.busyTimeout = 0.3 }.run(path: path)
            Issue.record("expected a lock error")
        } catch let e as ArchiveError {
            #expect(e == .locked(path: path, waitedSeconds: 0.3))
            #expect(e.description.contains("locked by another connection"))
            #expect(Date().timeIntervalSince(started) >= 0.25)
        }
    }

    @Test func aShortLockIsWaitedFor() throws {
        let path = try ArchiveFixture.makeArchive(at: ArchiveFixture.tempDir().appendingPathComponent("a.sqlite").path, count: 3)
        let holder = try ArchiveSQL.LockHolder(path: path, mode: "EXCLUSIVE")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { holder.release() }
        let s = try ArchiveFixture.enricher { $0.connection.busyTimeout = 10 }.run(path: path)
        #expect(s.progress.tagged == 3)
    }
}
