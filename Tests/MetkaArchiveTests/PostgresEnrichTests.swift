#if PostgreSQL
import Foundation
import Testing
@testable import MetkaArchive

/// `metka enrich postgres://…` against a real PostgreSQL server (`.ci/postgres.sh` starts one and
/// sets METKA_TEST_POSTGRES_URL). Without the URL these tests fail under CI=true and are skipped,
/// with a message, elsewhere.
@Suite(.serialized) struct PostgresEnrichTests {
    /// Runs when the server's URL is set — and always under CI, where a missing URL fails.
    static let runs = ProcessInfo.processInfo.environment["METKA_TEST_POSTGRES_URL"].map { !$0.isEmpty } ?? false
        || ProcessInfo.processInfo.environment["CI"] == "true"

    /// The server's URL, or nil (skipped locally; a failure under CI).
    static func serverURL() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let url = env["METKA_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        if env["CI"] == "true" {
            Issue.record("METKA_TEST_POSTGRES_URL is not set: CI must start PostgreSQL (.ci/postgres.sh) before the tests")
        } else {
            print("◇ PostgreSQL tests skipped: METKA_TEST_POSTGRES_URL is not set (eval \"$(bash .ci/postgres.sh start)\")")
        }
        return nil
    }

    /// A new, empty database on the test server; its URL (with the server's password).
    static func freshDatabase(_ server: String) throws -> String {
        let name = "metka_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try PostgresSQL.execute(server, ["CREATE DATABASE \(name)"])
        return try PostgresSQL.url(server, database: name)
    }

    /// Article `i`: a dated lead, one real paragraph of the sample (rotating) and, for every fifth,
    /// a sentence with persons and places — short, so 2,000 of them tag in seconds in a debug build.
    static func text(_ i: Int) -> String {
        let paragraphs = ArchiveFixture.paragraphs
        var parts = ["МОСКВА, \(i % 28 + 1) марта. Сообщение номер \(i).", paragraphs[(i * 7) % paragraphs.count]]
        if i % 5 == 0 { parts.append("Лавров заявил, что МИД России ответит. Москва и США продолжат консультации в 2021 году.") }
        return parts.joined(separator: "\n")
    }

    /// `articles(id bigint PRIMARY KEY, title, body, published_at)` plus an `authors` table, with
    /// articles 1…count built from the sample's real paragraphs.
    static func makeArchive(_ url: String, count: Int) throws {
        try PostgresSQL.execute(url, [
            "CREATE TABLE articles (id bigint PRIMARY KEY, title text, body text, published_at text)",
            "CREATE TABLE authors (article_id bigint REFERENCES articles(id), name text)",
        ])
        let rows: [[String?]] = (1...count).map { i in
            [String(i), "Заголовок \(i)", Self.text(i), "2021-03-\(String(format: "%02d", i % 28 + 1)) 10:00:00"]
        }
        try PostgresSQL.copy(url, table: "articles", columns: ["id", "title", "body", "published_at"], rows: rows)
        try PostgresSQL.execute(url, ["INSERT INTO authors VALUES (1, 'Иванов'), (2, 'Петрова')"])
    }

    /// The same articles in a new SQLite archive (one transaction).
    static func makeSQLiteArchive(count: Int) throws -> String {
        let path = ArchiveFixture.tempDir().appendingPathComponent("same.sqlite").path
        var sql = "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT, published_at TEXT); BEGIN;"
        func lit(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        for i in 1...count {
            sql += "INSERT INTO articles VALUES (\(i), \(lit("Заголовок \(i)")), \(lit(Self.text(i))), "
                + "\(lit("2021-03-\(String(format: "%02d", i % 28 + 1)) 10:00:00")));"
        }
        try ArchiveSQL.execute(path, sql + "COMMIT;")
        return path
    }

    /// Metka's rows, rendered alike for both stores (run ids left out: they differ by design).
    static let dumpQueries = [
        "entities": "SELECT id, key, type, subtype, name, short, kb FROM metka_entities ORDER BY id",
        "mentions": "SELECT * FROM metka_mentions ORDER BY article_id, seq",
        "topics": "SELECT * FROM metka_article_topics ORDER BY article_id, topic",
        "status": "SELECT article_id, content_hash, tagger, error, chars, mentions, topics FROM metka_article_status ORDER BY article_id",
    ]

    static func dump(postgres url: String) throws -> [String: [[String]]] {
        try dumpQueries.mapValues { sql in try PostgresSQL.rows(url, sql.replacingOccurrences(of: "ORDER BY key", with: "ORDER BY key COLLATE \"C\"")) }
    }

    static func dump(sqlite path: String) throws -> [String: [[String]]] {
        try dumpQueries.mapValues { try ArchiveSQL.rows(path, $0) }
    }

    /// One md5 per Metka table, computed by the server (cheap to compare between databases);
    /// `status` without run ids, `status_runs` with them.
    static func fingerprint(_ url: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for (table, sql) in dumpQueries.merging(["status_runs": "SELECT * FROM metka_article_status ORDER BY article_id"], uniquingKeysWith: { a, _ in a }) {
            let orderBy = sql.components(separatedBy: " ORDER BY ").last!
            let select = sql.components(separatedBy: " ORDER BY ").first!
            out[table] = try PostgresSQL.scalar(url, "SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY \(orderBy)), '')) FROM (\(select)) t")
        }
        return out
    }

    /// The archive's own tables and their schema, as one checksum each.
    static func archiveChecksum(_ url: String) throws -> [[String]] {
        try PostgresSQL.rows(url, """
            SELECT md5(string_agg(a::text, '|' ORDER BY a.id)) FROM articles a
            UNION ALL SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM authors x
            UNION ALL SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, ordinal_position)
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE 'metka%'
            UNION ALL SELECT string_agg(indexname || ':' || indexdef, ',' ORDER BY indexname) FROM pg_indexes
                WHERE schemaname = 'public' AND tablename NOT LIKE 'metka%'
            """)
    }

    static func statusCount(_ url: String) -> Int {
        Int((try? PostgresSQL.scalar(url, "SELECT count(*) FROM metka_article_status")) ?? nil ?? "0") ?? 0
    }

    /// 3 workers over 2,000 articles, the whole process group SIGKILLed mid-run and started
    /// again: the rows equal an uninterrupted single worker's and the SQLite path's; nothing was
    /// tagged twice; the archive's tables are unchanged; a re-run with nothing new writes nothing.
    @Test(.enabled(if: runs, "METKA_TEST_POSTGRES_URL is not set (eval \"$(bash .ci/postgres.sh start)\")"))
    func threeWorkersKilledAndResumedEqualOneWorkerAndSQLite() throws {
        guard let server = Self.serverURL() else { return }
        let count = 2000
        let t0 = Date()
        func phase(_ name: String) { print("◇ \(name): \(String(format: "%.1f", Date().timeIntervalSince(t0))) s") }
        let parallel = try Self.freshDatabase(server)
        let single = try Self.freshDatabase(server)
        try Self.makeArchive(parallel, count: count)
        try Self.makeArchive(single, count: count)
        let before = try Self.archiveChecksum(parallel)

        // Foundation starts the child as the leader of a process group of its own, which its
        // workers join: SIGKILL to the group kills the parent and every worker at once.
        let started = try MetkaBinary.start(["enrich", parallel, "--workers", "3", "--batch-size", "25", "--jobs", "1"])
        let group = started.0.processIdentifier
        try #require(getpgid(group) == group, "metka must lead its own process group")
        let deadline = Date().addingTimeInterval(300)
        while Self.statusCount(parallel) < 300 && started.0.isRunning && Date() < deadline { usleep(20_000) }
        kill(-group, SIGKILL)
        let killed = MetkaBinary.finish(started)
        phase("killed")
        #expect(killed.signalled, "the run ended before it could be killed: \(killed.stderr)")
        usleep(200_000)   // the server notices the dropped connections and rolls their batches back
        let committed = Self.statusCount(parallel)
        #expect(committed >= 300 && committed < count, "\(committed) articles committed when killed")
        #expect(try PostgresSQL.scalar(parallel, "SELECT count(*) FROM metka_runs WHERE state = 'running'") != "0")
        #expect(try PostgresSQL.scalar(parallel, "SELECT count(*) FROM metka_queue") == String(count - committed))

        let resumed = try MetkaBinary.run(["enrich", parallel, "--workers", "3", "--batch-size", "25", "--jobs", "1"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        phase("resumed")
        // Every article tagged exactly once over the two runs: nothing lost, nothing twice.
        #expect(try PostgresSQL.scalar(parallel, "SELECT sum(articles_tagged)::bigint FROM metka_runs WHERE state = 'finished'") == String(count - committed))
        #expect(Self.statusCount(parallel) == count)
        #expect(try PostgresSQL.scalar(parallel, "SELECT count(*) FROM metka_queue") == "0")

        // The references: one worker, and the SQLite path (run side by side).
        let sqlite = try Self.makeSQLiteArchive(count: count)
        let oneStarted = try MetkaBinary.start(["enrich", single, "--batch-size", "100", "--jobs", "1"])
        let lite = try MetkaBinary.run(["enrich", sqlite, "--jobs", "1"])
        let one = MetkaBinary.finish(oneStarted)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stderr.contains("\(count) articles, \(count) tagged, 0 unchanged, 0 failed"), "\(one.stderr)")
        #expect(lite.status == 0, "\(lite.stderr)")
        phase("references")

        let p = try Self.dump(postgres: parallel), l = try Self.dump(sqlite: sqlite)
        #expect((p["mentions"]?.count ?? 0) > count, "too few mentions to compare")
        #expect((p["entities"]?.count ?? 0) > 10)
        for table in Self.dumpQueries.keys.sorted() {
            #expect(p[table] == l[table], "\(table): PostgreSQL differs from SQLite")
        }
        let fp = try Self.fingerprint(parallel), fs = try Self.fingerprint(single)
        for table in Self.dumpQueries.keys.sorted() {
            #expect(fp[table] == fs[table], "\(table): 3 killed-and-resumed workers differ from one worker")
        }
        #expect(try Self.archiveChecksum(parallel) == before)

        // Nothing new: nothing written to Metka's rows (run ids included), one finished run row more.
        let again = try MetkaBinary.run(["enrich", parallel, "--workers", "2"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("0 tagged"), "\(again.stderr)")
        phase("re-run")
        #expect(try Self.fingerprint(parallel) == fp)
        #expect(try PostgresSQL.scalar(parallel, "SELECT sum(articles_tagged)::bigint FROM metka_runs WHERE id > (SELECT max(run_id) FROM metka_article_status)") == "0")
        #expect(try Self.archiveChecksum(parallel) == before)
        phase("checked")
    }

    /// A changed and a deleted article after a complete run: only the changed one is re-tagged;
    /// the deleted one's rows go at the end of the run (the archive's own edit, not Metka's).
    @Test(.enabled(if: runs, "METKA_TEST_POSTGRES_URL is not set"))
    func changedArticlesAreRetaggedAndDeletedOnesPruned() throws {
        guard let server = Self.serverURL() else { return }
        let url = try Self.freshDatabase(server)
        try Self.makeArchive(url, count: 30)
        #expect(try MetkaBinary.run(["enrich", url, "--batch-size", "7"]).status == 0)
        try PostgresSQL.execute(url, ["UPDATE articles SET body = body || ' Лавров заявил об этом в Москве.' WHERE id = 3",
                                      "DELETE FROM articles WHERE id = 4"])
        let r = try MetkaBinary.run(["enrich", url])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("29 articles, 1 tagged, 28 unchanged, 0 failed"), "\(r.stderr)")
        #expect(r.stderr.contains("1 removed"), "\(r.stderr)")
        #expect(try PostgresSQL.scalar(url, "SELECT count(*) FROM metka_mentions WHERE article_id = 4") == "0")
        #expect(try PostgresSQL.scalar(url, "SELECT count(*) FROM metka_article_status") == "29")
    }

    /// SIGINT to the `--workers` parent alone is forwarded: each worker finishes its batch,
    /// records its run as interrupted and exits 130; the next run finishes the rest.
    @Test(.enabled(if: runs, "METKA_TEST_POSTGRES_URL is not set"))
    func interruptedWorkersStopAfterTheirBatchAndResume() throws {
        guard let server = Self.serverURL() else { return }
        let url = try Self.freshDatabase(server)
        try Self.makeArchive(url, count: 400)
        let started = try MetkaBinary.start(["enrich", url, "--workers", "2", "--batch-size", "10", "--jobs", "1"])
        let deadline = Date().addingTimeInterval(120)
        while Self.statusCount(url) < 20 && started.0.isRunning && Date() < deadline { usleep(20_000) }
        kill(started.0.processIdentifier, SIGINT)
        let stopped = MetkaBinary.finish(started)
        #expect(stopped.status == 130, "\(stopped.stderr)")
        #expect(stopped.stderr.contains("interrupted"), "\(stopped.stderr)")
        #expect(try PostgresSQL.scalar(url, "SELECT count(*) FROM metka_runs WHERE state = 'interrupted'") == "2")
        let done = Self.statusCount(url)
        #expect(done < 400 && done % 10 == 0, "\(done) articles committed: whole batches only")
        let resumed = try MetkaBinary.run(["enrich", url])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("\(400 - done) tagged"), "\(resumed.stderr)")
        #expect(Self.statusCount(url) == 400)
    }

    /// The password (URL or PGPASSWORD) appears in no output, no error and no Metka row.
    @Test(.enabled(if: runs, "METKA_TEST_POSTGRES_URL is not set"))
    func passwordsAreNeverPrintedOrStored() throws {
        guard let server = Self.serverURL() else { return }
        let url = try Self.freshDatabase(server)
        try Self.makeArchive(url, count: 5)
        let parsed = try PostgresURL(url)
        let password = try #require(parsed.password, "the test server must use a password")
        let noPassword = "postgres://\(parsed.user)@\(parsed.host):\(parsed.port)/\(parsed.database)"

        var outputs: [MetkaBinary.Result] = []
        outputs.append(try MetkaBinary.run(["enrich", url, "--workers", "2"]))
        #expect(outputs.last?.status == 0, "\(outputs.last?.stderr ?? "")")
        // PGPASSWORD instead of the URL's password.
        outputs.append(try MetkaBinary.run(["enrich", noPassword], environment: ["PGPASSWORD": password]))
        #expect(outputs.last?.status == 0, "\(outputs.last?.stderr ?? "")")
        // Errors: wrong database, wrong password, missing table — each names the URL without the password.
        let wrongDB = try PostgresSQL.url(url, database: "no_such_db")
        outputs.append(try MetkaBinary.run(["enrich", wrongDB]))
        #expect(outputs.last?.status == 2)
        #expect(outputs.last?.stderr.contains("postgres://\(parsed.user)@\(parsed.host):\(parsed.port)/no_such_db") == true, "\(outputs.last?.stderr ?? "")")
        let wrongPassword = "postgres://\(parsed.user):\(password)x@\(parsed.host):\(parsed.port)/\(parsed.database)"
        outputs.append(try MetkaBinary.run(["enrich", wrongPassword]))
        #expect(outputs.last?.status == 2)
        #expect(outputs.last?.stderr.contains("password authentication failed") == true, "\(outputs.last?.stderr ?? "")")
        outputs.append(try MetkaBinary.run(["enrich", url, "--table", "nope", "--workers", "2"]))
        #expect(outputs.last?.status == 2)
        for o in outputs {
            #expect(!o.stderr.contains(password) && !o.stdout.contains(password), "password printed: \(o.stderr)")
        }
        let stored = try PostgresSQL.rows(url, "SELECT concat_ws(' ', VARIADIC ARRAY[r::text, options]) FROM metka_runs r")
            .flatMap { $0 }.joined(separator: "\n")
        #expect(stored.contains("\"workers\":2"), "\(stored)")
        #expect(!stored.contains(password) && !stored.contains(parsed.host + ":"), "\(stored)")
    }

    /// A missing table or column is an error naming it (and the closest name); names from flags
    /// are quoted, never executed.
    @Test(.enabled(if: runs, "METKA_TEST_POSTGRES_URL is not set"))
    func missingTableOrColumnIsNamed() throws {
        guard let server = Self.serverURL() else { return }
        let url = try Self.freshDatabase(server)
        try Self.makeArchive(url, count: 3)
        let table = try MetkaBinary.run(["enrich", url, "--table", "artcles"])
        #expect(table.status == 2)
        #expect(table.stderr.contains("no table or view named \"artcles\" in the archive (did you mean \"articles\"?)"), "\(table.stderr)")
        let column = try MetkaBinary.run(["enrich", url, "--text-column", "bdy"])
        #expect(column.status == 2)
        #expect(column.stderr.contains("table \"articles\" has no column \"bdy\" (--text-column); did you mean \"body\"?"), "\(column.stderr)")
        let evil = try MetkaBinary.run(["enrich", url, "--id-column", "id\"; DROP TABLE articles; --"])
        #expect(evil.status == 2)
        #expect(try PostgresSQL.scalar(url, "SELECT count(*) FROM articles") == "3")
    }
}
#endif
