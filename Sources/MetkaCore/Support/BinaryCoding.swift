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
    /// The whole file as one array: one copy up front, then every read is an unaligned load
    /// (reading through `Data` per field was most of the start-up time).
    let bytes: [UInt8]
    var offset = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= bytes.count else { throw MetkaError.data("truncated binary cache") }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        offset += size
        return T(littleEndian: value)
    }

    mutating func readArray<T: FixedWidthInteger>(_: T.Type) throws -> [T] {
        let count = Int(try read(UInt64.self))
        let length = count * MemoryLayout<T>.stride
        guard count >= 0, offset + length <= bytes.count else { throw MetkaError.data("truncated binary cache") }
        let out = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<(offset + length)]))
            }
            initialized = count
        }
        offset += length
        return out
    }

    /// `readString()`, returning the equal string from `pool` when there is one (shared storage,
    /// no new allocation); new strings join the pool while it holds fewer than `limit`. For
    /// fields with a few distinct values (list names, types, attribute names).
    mutating func readString(interning pool: inout [(bytes: [UInt8], string: String)], limit: Int) throws -> String {
        let count = Int(try read(UInt64.self))
        guard count >= 0, offset + count <= bytes.count else { throw MetkaError.data("truncated binary cache") }
        let start = offset
        offset += count
        let found: Int? = bytes.withUnsafeBufferPointer { all in
            let p = UnsafeBufferPointer(rebasing: all[start..<(start + count)])
            for k in 0..<pool.count where pool[k].bytes.count == count {
                if count == 0 || pool[k].bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, p.baseAddress!, count) == 0 }) { return k }
            }
            return nil
        }
        if let found { return pool[found].string }
        let s = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + count)]), as: UTF8.self) }
        if pool.count < limit { pool.append((Array(bytes[start..<(start + count)]), s)) }
        return s
    }

    mutating func readString() throws -> String {
        let count = Int(try read(UInt64.self))
        guard count >= 0, offset + count <= bytes.count else { throw MetkaError.data("truncated binary cache") }
        let s = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offset..<(offset + count)]), as: UTF8.self) }
        offset += count
        return s
    }
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
