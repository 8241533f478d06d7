/// Where report writers put their text: chunks of UTF-8 handed to `emit` about every MiB, so
/// a gigabyte GEXF is never one string in memory. The first error from `emit` is kept and
/// reported by `finish()`; later writes are dropped.
public final class TextSink {
    private var buffer: [UInt8] = []
    private let emit: ([UInt8]) throws -> Void
    private var failure: Error?

    public init(_ emit: @escaping ([UInt8]) throws -> Void) {
        self.emit = emit
        buffer.reserveCapacity(1 << 20)
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    public func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Moves `text` into the sink once it has grown past 64 KiB (writers build text per element).
    func drain(_ text: inout String) {
        if text.utf8.count >= 1 << 16 {
            write(text)
            text = ""
        }
    }

    /// Flushes what is buffered and throws the first error `emit` raised.
    public func finish() throws {
        flush()
        if let failure { throw failure }
    }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, !buffer.isEmpty else { return }
        do { try emit(buffer) } catch { failure = error }
    }
}
