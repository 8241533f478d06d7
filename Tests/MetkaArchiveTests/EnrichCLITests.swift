import Foundation
import Testing
@testable import MetkaArchive

/// `metka enrich` / `metka archive` as a user runs them: the built binary on real files.
@Suite struct EnrichCLITests {
    func archive(_ count: Int, name: String = "a.sqlite") throws -> String {
        try ArchiveFixture.makeArchive(at: ArchiveFixture.tempDir().appendingPathComponent(name).path, count: count)
    }

    func copy(_ path: String) throws -> String {
        let to = ArchiveFixture.tempDir().appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: to)
        return to
    }

    /// A 200-article archive and the rows an uninterrupted `--batch-size 4` run gives it, built
    /// once for the tests that interrupt runs on copies of it.
    static let interruptible: (archive: String, rows: [String: [[String]]]) = {
        let path = try! ArchiveFixture.makeArchive(at: ArchiveFixture.tempDir().appendingPathComponent("i.sqlite").path, count: 200)
        let reference = ArchiveFixture.tempDir().appendingPathComponent("ref.sqlite").path
        try! FileManager.default.copyItem(atPath: path, toPath: reference)
        let r = try! MetkaBinary.run(["enrich", reference, "--batch-size", "4"])
        precondition(r.status == 0, r.stderr)
        return (path, try! ArchiveFixture.dump(reference))
    }()

    func count(_ path: String) throws -> Int { Int(try ArchiveSQL.scalar(path, "SELECT count(*) FROM metka_article_status") ?? "0") ?? 0 }

    @Test func importEnrichStatsExportRoundTrip() throws {
        let dir = ArchiveFixture.tempDir()
        let jsonl = dir.appendingPathComponent("in.jsonl")
        var lines: [String] = []
        for i in 1...12 {
            let obj: [String: Any] = ["id": "doc-\(i)", "title": "Заголовок \(i)", "text": ArchiveFixture.text(i), "published": "2021-03-\(10 + i)"]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: obj), as: UTF8.self))
        }
        lines.insert("{не json", at: 3)
        lines.append("{\"id\": \"doc-1\", \"text\": \"повтор\"}")
        lines.append("{\"id\": \"no-text\"}")
        try (lines.joined(separator: "\n") + "\n").write(to: jsonl, atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("a.sqlite").path

        let imported = try MetkaBinary.run(["archive", "import", path, "--input", jsonl.path])
        #expect(imported.status == 1, "\(imported.stderr)")
        #expect(imported.stderr.contains("line 4: not a JSON object; skipped"))
        #expect(imported.stderr.contains("duplicate id doc-1"))
        #expect(imported.stderr.contains("13 articles imported"))
        #expect(try MetkaBinary.run(["archive", "import", path, "--input", jsonl.path]).stderr.contains("already exists"))

        let first = try MetkaBinary.run(["enrich", path])
        #expect(first.status == 1, "\(first.stderr)")   // no-text has a NULL body: one recorded failure
        #expect(first.stderr.contains("13 articles, 12 tagged, 0 unchanged, 1 failed"))
        #expect(first.stderr.contains("failed: id no-text: text is NULL"))
        let second = try MetkaBinary.run(["enrich", path])
        #expect(second.status == 0)
        #expect(second.stderr.contains("13 articles, 0 tagged, 13 unchanged, 0 failed"))

        let stats = try MetkaBinary.run(["enrich", "--stats", path])
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("input articles: 13"))
        #expect(stats.stdout.contains("articles tagged: 12, failed: 1"))
        #expect(stats.stdout.contains("#2 finished"))

        let export = try MetkaBinary.run(["archive", "export", path, "--format", "jsonl"])
        #expect(export.status == 0)
        let records = export.stdout.split(separator: "\n").map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:] }
        #expect(records.count == 13)
        #expect(records.first?["id"] as? String == "doc-1")
        #expect(records.first?["published"] as? String == "2021-03-11")
        #expect(records.first?["mentions"] is [Any])
        #expect(records.last?["error"] as? String == "text is NULL")
    }

    /// Several MiB of JSON Lines: the line reader refills and compacts its buffer many times.
    @Test func importOfALargeFileKeepsEveryRecord() throws {
        let dir = ArchiveFixture.tempDir()
        let jsonl = dir.appendingPathComponent("big.jsonl")
        var text = ""
        for i in 0..<3000 {
            let obj: [String: Any] = ["id": i, "text": ArchiveFixture.text(i)]
            text += String(decoding: try JSONSerialization.data(withJSONObject: obj), as: UTF8.self) + "\n"
        }
        #expect(text.utf8.count > 3 << 20)
        try text.write(to: jsonl, atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("big.sqlite").path
        let r = try MetkaBinary.run(["archive", "import", path, "--input", jsonl.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM articles") == "3000")
        #expect(try ArchiveSQL.scalar(path, "SELECT body FROM articles WHERE id = '2999'") == ArchiveFixture.text(2999))
    }

    @Test func usageErrorsExitWithTwoAndNameTheProblem() throws {
        let path = try archive(3)
        let column = try MetkaBinary.run(["enrich", path, "--text-column", "bdy"])
        #expect(column.status == 2)
        #expect(column.stderr.contains("no column \"bdy\" (--text-column); did you mean \"body\"?"))
        let table = try MetkaBinary.run(["enrich", path, "--table", "news"])
        #expect(table.status == 2 && table.stderr.contains("no table or view named \"news\""))
        let missing = try MetkaBinary.run(["enrich", path + ".nope"])
        #expect(missing.status == 2 && missing.stderr.contains("no such file"))
    }

    @Test func lockedArchiveIsAClearError() throws {
        let path = try archive(3)
        let holder = try ArchiveSQL.LockHolder(path: path, mode: "IMMEDIATE")
        let r = try MetkaBinary.run(["enrich", path, "--busy-timeout", "0.2"])
        holder.release()
        #expect(r.status == 2)
        #expect(r.stderr.contains("locked by another connection (waited 0.2 s"))
        #expect(try MetkaBinary.run(["enrich", path]).status == 0)
    }

    /// SIGKILL at exact points (inside a batch's transaction, right after a commit, inside the
    /// final transaction), then a plain re-run: the rows equal those of an uninterrupted run.
    @Test func killedAtExactPointsAndResumedEqualsUninterrupted() throws {
        let original = try archive(120)
        let reference = try copy(original)
        #expect(try MetkaBinary.run(["enrich", reference, "--batch-size", "16"]).status == 0)
        let expected = try ArchiveFixture.dump(reference)
        #expect(expected["status"]?.count == 120)

        for (point, rowsAfterKill) in [("written:0", 0), ("committed:2", 48), ("written:5", 80), ("finishing", 120)] {
            let path = try copy(original)
            let killed = try MetkaBinary.run(["enrich", path, "--batch-size", "16"], environment: ["METKA_TEST_KILL_AT": point])
            #expect(killed.signalled && killed.status == SIGKILL, "\(point): \(killed.status) \(killed.stderr)")
            #expect(try count(path) == rowsAfterKill, "\(point)")
            #expect(try ArchiveSQL.scalar(path, "SELECT state FROM metka_runs ORDER BY id DESC LIMIT 1") == "running")
            let resumed = try MetkaBinary.run(["enrich", path, "--batch-size", "16"])
            #expect(resumed.status == 0, "\(point): \(resumed.stderr)")
            #expect(resumed.stderr.contains("\(120 - rowsAfterKill) tagged"), "\(point): \(resumed.stderr)")
            #expect(try ArchiveFixture.dump(path) == expected, "\(point)")
        }
    }

    /// SIGKILL from outside at whatever moment the run has reached a given progress.
    @Test(arguments: [8, 120])
    func killedFromOutsideAndResumedEqualsUninterrupted(threshold: Int) throws {
        let path = try copy(Self.interruptible.archive)
        let started = try MetkaBinary.start(["enrich", path, "--batch-size", "4"])
        let deadline = Date().addingTimeInterval(60)
        while started.0.isRunning && Date() < deadline && ((try? count(path)) ?? 0) < threshold { usleep(2000) }
        let wasRunning = started.0.isRunning
        kill(started.0.processIdentifier, SIGKILL)
        let killed = MetkaBinary.finish(started)
        #expect(wasRunning && killed.signalled, "the run ended before it could be killed")
        let partial = try count(path)
        #expect(partial >= threshold && partial < 200)
        #expect(try MetkaBinary.run(["enrich", path, "--batch-size", "4"]).status == 0)
        #expect(try ArchiveFixture.dump(path) == Self.interruptible.rows)
    }

    @Test func sigintFinishesTheBatchAndExitsCleanly() throws {
        let path = try copy(Self.interruptible.archive)
        let started = try MetkaBinary.start(["enrich", path, "--batch-size", "4"])
        while started.0.isRunning && ((try? count(path)) ?? 0) < 20 { usleep(2000) }
        kill(started.0.processIdentifier, SIGINT)
        let r = MetkaBinary.finish(started)
        #expect(!r.signalled && r.status == 130, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("interrupted; committed batches are kept"))
        #expect(try ArchiveSQL.scalar(path, "SELECT state FROM metka_runs") == "interrupted")
        let partial = try count(path)
        #expect(partial % 4 == 0 && partial < 200)
        #expect(try MetkaBinary.run(["enrich", path, "--batch-size", "4"]).status == 0)
        #expect(try ArchiveFixture.dump(path) == Self.interruptible.rows)
    }
}
