import Foundation
import Testing
@testable import MetkaCore

/// Value accuracy on the hand-checked table `Tests/Fixtures/dates/values.tsv` (issue 6: ≥ 150 rows, ≥ 95 %).
@Suite("DATE values on the development corpora")
struct DateValuesTests {
    struct Row {
        var expression, span, published, expected, source: String
    }

    static let rows: [Row] = TestData.fixture("dates/values.tsv").split(separator: "\n").compactMap { line in
        if line.hasPrefix("#") { return nil }
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 5 else { return nil }
        return Row(expression: f[0], span: f[1], published: f[2], expected: f[3], source: f[4])
    }

    @Test("value accuracy ≥ 95 % on ≥ 150 expressions")
    func accuracy() {
        #expect(Self.rows.count >= 150)
        var wrong: [String] = []
        for r in Self.rows {
            let mentions = DateTestSupport.tag(r.expression, published: r.published == "-" ? nil : r.published)
            let m = mentions.first { $0.text == r.span }
            let got = m.map { $0.value ?? "null" } ?? "missing"
            if got != r.expected { wrong.append("\(r.source): «\(r.span)» @\(r.published) expected \(r.expected), got \(got)") }
        }
        let accuracy = Double(Self.rows.count - wrong.count) / Double(max(1, Self.rows.count))
        #expect(accuracy >= 0.95, "accuracy \(accuracy); wrong:\n\(wrong.joined(separator: "\n"))")
        print("DATE value accuracy: \(Self.rows.count - wrong.count)/\(Self.rows.count) = \(accuracy)\n" + wrong.joined(separator: "\n"))
    }
}
