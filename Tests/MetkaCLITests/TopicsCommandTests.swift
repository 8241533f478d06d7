import Foundation
import Testing

@Suite struct TopicsCommandTests {
    let sample = (try? String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/sample/rbc-mfa-cyber-guarantees.txt"), encoding: .utf8)) ?? ""

    @Test func tagExplainShowsTopicsWithFeatures() throws {
        let r = try CLIRunner.run(["tag", "--format", "jsonl", "--explain"], stdin: sample)
        #expect(r.status == 0)
        let topics = CLIRunner.json(r.lines.first ?? "")["topics"] as? [[String: Any]] ?? []
        #expect(Set(topics.prefix(2).compactMap { $0["id"] as? String }) == ["diplomacy", "cybersecurity"])
        #expect(topics.allSatisfy { ($0["features"] as? [String])?.isEmpty == false && $0["iptc"] is String })
        // Without --explain the features stay out of the output.
        let plain = try CLIRunner.run(["tag", "--format", "jsonl"], stdin: sample)
        #expect(!plain.stdout.contains("\"features\""))
    }

    @Test func evalReportsPerLabelMetrics() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("metka-topics-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("dev.jsonl")
        func line(_ id: String, _ text: String, _ labels: [String]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": id, "text": text, "labels": labels], options: [.sortedKeys]), as: UTF8.self)
        }
        let lines = [try line("a", sample, ["diplomacy", "cybersecurity"]),
                     try line("b", "Сборная России по хоккею выиграла матч чемпионата мира, забросив три шайбы в третьем периоде.", ["sport"])]
        try (lines.joined(separator: "\n") + "\n").write(to: data, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["topics", "eval", "--data", data.path], stdin: "")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("documents 2"))
        #expect(r.stdout.contains("macro-F1"))
        #expect(r.stdout.contains("cybersecurity"))
        #expect(r.stdout.contains("confusion"))
        // Missing file: a usage/I-O error.
        let missing = try CLIRunner.run(["topics", "eval", "--data", dir.appendingPathComponent("none.jsonl").path], stdin: "")
        #expect(missing.status == 2)
    }
}
