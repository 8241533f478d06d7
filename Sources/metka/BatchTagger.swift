import Foundation
import MetkaCore

/// One input record on its way through a batch.
enum BatchItem: Sendable {
    case raw([UInt8], line: Int)
    case document(Document)
    case failed(id: String?, line: Int?, message: String)
}

/// Renders tagged documents in the chosen output format.
struct Renderer: Sendable {
    let format: TagCommand.Format
    let explain: Bool
    let includeBoilerplate: Bool
    let color: Bool
    let multiDocument: Bool

    func render(_ tagged: TaggedDocument) -> [UInt8] {
        switch format {
        case .jsonl:
            return DocumentJSON.encode(tagged, options: .init(explain: explain, includeBoilerplate: includeBoilerplate)) + [0x0A]
        case .json:
            return DocumentJSON.encode(tagged, options: .init(indent: 2, explain: explain, includeBoilerplate: includeBoilerplate)) + [0x0A]
        case .conll: return Array(CoNLLWriter.encode(tagged).utf8)
        case .brat: return Array(BratWriter.encode(tagged, header: multiDocument).utf8)
        case .pretty: return Array(PrettyWriter.encode(tagged, color: color).utf8)
        case .tokens: return Array(TokenDumpWriter.encode(tagged).utf8)
        }
    }

    /// The output standing in for a failed record; JSON formats keep one record per input record.
    func renderFailure(id: String?, line: Int?, message: String) -> [UInt8] {
        switch format {
        case .jsonl, .json: return DocumentJSON.error(id: id, line: line, message: message) + [0x0A]
        default: return []
        }
    }
}

/// Decodes, tags and renders a batch on several threads, then writes results in input order.
struct BatchTagger: Sendable {
    let pipeline: Pipeline
    let renderer: Renderer
    let jobs: Int

    /// Returns the number of failed records.
    func run(_ batch: [BatchItem], decoder: RecordDecoder = RecordDecoder(), into sink: OutputSink) -> Int {
        guard !batch.isEmpty else { return 0 }
        let results = ResultSlots(count: batch.count)
        let work: @Sendable (Int) -> Void = { i in
            results.set(i, self.process(batch[i], decoder: decoder))
        }
        if jobs <= 1 || batch.count == 1 {
            for i in batch.indices { work(i) }
        } else {
            // Stride the batch over `jobs` workers; each worker handles every jobs-th record.
            DispatchQueue.concurrentPerform(iterations: jobs) { w in
                var i = w
                while i < batch.count {
                    work(i)
                    i += jobs
                }
            }
        }
        var failures = 0
        for i in batch.indices {
            let (bytes, failure) = results.get(i)
            if let failure {
                failures += 1
                Diagnostics.error(failure)
            }
            sink.write(bytes)
        }
        return failures
    }

    private func process(_ item: BatchItem, decoder: RecordDecoder) -> ([UInt8], String?) {
        var document: Document
        switch item {
        case .failed(let id, let line, let message):
            return (renderer.renderFailure(id: id, line: line, message: message), Self.describe(id: id, line: line, message))
        case .document(let d):
            document = d
        case .raw(let bytes, let line):
            do {
                document = try decoder.decodeJSONLine(bytes[...], line: line)
            } catch let e as RecordError {
                return (renderer.renderFailure(id: e.id, line: line, message: e.message), Self.describe(id: e.id, line: line, e.message))
            } catch {
                let message = "\(error)"
                return (renderer.renderFailure(id: nil, line: line, message: message), Self.describe(id: nil, line: line, message))
            }
        }
        return (renderer.render(pipeline.process(document, explain: renderer.explain)), nil)
    }

    static func describe(id: String?, line: Int?, _ message: String) -> String {
        var where_: [String] = []
        if let line { where_.append("line \(line)") }
        if let id { where_.append("id \(id)") }
        return (where_.isEmpty ? "" : where_.joined(separator: ", ") + ": ") + message
    }
}

/// Fixed slots written by worker threads (each slot by exactly one thread) and read after they finish.
final class ResultSlots: @unchecked Sendable {
    private var slots: [([UInt8], String?)]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: ([], nil), count: count) }

    func set(_ i: Int, _ value: ([UInt8], String?)) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    func get(_ i: Int) -> ([UInt8], String?) { slots[i] }
}
