import ArgumentParser
import Foundation
import MetkaCore

/// `metka cooccur --from-report FILE`: renders a JSON report (written by `--format json`, or by
/// the Spark job, which counts at archive scale but leaves the HTML page to Swift) in the
/// requested formats. Nothing is counted: the report is read back (checked, measures recomputed
/// from its counts, see `CooccurrenceReportReader`) and each format is written from it, scoped as
/// a direct run would scope it, so the files equal a direct run's byte for byte.
extension CooccurCommand {
    func render(reportAt path: String, formats: [CooccurrenceFormat], started: Date) throws {
        let report: CooccurrenceReport
        do {
            report = try CooccurrenceReportReader.read(path: path)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.usageOrIO)
        }
        let read = Date()
        try write(report, formats: formats)
        if stats {
            var usage = rusage()
            getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
            Diagnostics.error(String(format: "cooccur: report %@: %d nodes, %d edges, %d slices; wall: read %.2f s, write %.2f s; peak RSS %.0f MiB",
                                     path == "-" ? "stdin" : path, report.nodes.count, report.edges.count, report.slices.count,
                                     read.timeIntervalSince(started), Date().timeIntervalSince(read),
                                     Double(usage.ru_maxrss) / 1024))
        }
    }
}
