import Foundation

/// Little-endian binary writer/reader for Metka's compiled caches: a magic, a version, then
/// length-prefixed arrays of fixed-width integers. Reading is one bounds-checked copy per array.
struct BinaryWriter {
    private(set) var data = Data()

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    mutating func write<T: FixedWidthInteger>(_ array: [T]) {
        write(UInt64(array.count))
        array.withUnsafeBytes { data.append(contentsOf: $0) }  // little-endian hosts only (x86_64, arm64)
    }

    mutating func write(_ string: String) { write(Array(string.utf8)) }
}

struct BinaryReader {
    let data: Data
    var offset = 0

    init(_ data: Data) { self.data = data }

    mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= data.count else { throw MetkaError.data("truncated binary cache") }
        var value: T = 0
        _ = withUnsafeMutableBytes(of: &value) { data.copyBytes(to: $0, from: offset..<(offset + size)) }
        offset += size
        return T(littleEndian: value)
    }

    mutating func readArray<T: FixedWidthInteger>(_: T.Type) throws -> [T] {
        let count = Int(try read(UInt64.self))
        let bytes = count * MemoryLayout<T>.stride
        guard count >= 0, offset + bytes <= data.count else { throw MetkaError.data("truncated binary cache") }
        var out = [T](repeating: 0, count: count)
        _ = out.withUnsafeMutableBytes { data.copyBytes(to: $0, from: offset..<(offset + bytes)) }
        offset += bytes
        return out
    }

    mutating func readString() throws -> String { String(decoding: try readArray(UInt8.self), as: UTF8.self) }
}

/// FNV-1a 64 over byte chunks, each closed by a 0xFF separator (as `Checksum.addField`), so
/// ("ab", "c") and ("a", "bc") differ: cheap fingerprints for cache invalidation (not security).
struct Fingerprint {
    private var checksum = Checksum()

    var value: UInt64 { checksum.value }
    var hex: String { checksum.hex }

    mutating func add(_ data: Data) {
        data.withUnsafeBytes { add($0.bindMemory(to: UInt8.self)) }
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        checksum.add(bytes)
        checksum.add(CollectionOfOne(0xFF))
    }

    mutating func add(_ string: String) { checksum.addField(string) }
}
