#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Errors loading `lexicon.bin`.
public enum LexiconError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(String)
    case badMagic(String)
    case unsupportedVersion(UInt32)
    case truncated(expected: UInt64, actual: Int)
    case badSection(Int)
    case checksumMismatch(expected: UInt64, actual: UInt64)

    public var description: String {
        switch self {
        case .cannotOpen(let path): return "cannot open lexicon \(path)"
        case .badMagic(let path): return "\(path) is not a Metka lexicon (bad magic)"
        case .unsupportedVersion(let v): return "unsupported lexicon format version \(v)"
        case .truncated(let e, let a): return "lexicon size \(a) differs from header size \(e)"
        case .badSection(let i): return "lexicon section \(i) out of bounds"
        case .checksumMismatch(let e, let a): return String(format: "lexicon checksum %016llx, header says %016llx", a, e)
        }
    }
}

/// A read-only memory mapping of a file, unmapped when released.
///
/// `mmap` rather than `Data(contentsOf:options:.alwaysMapped)` because the analyzer keeps raw
/// pointers into the bytes for its whole life, which `Data` does not promise to keep valid.
final class MappedFile: @unchecked Sendable {
    let base: UnsafeRawPointer
    let count: Int

    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw LexiconError.cannotOpen(path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0 else { throw LexiconError.cannotOpen(path) }
        let size = Int(st.st_size)
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw LexiconError.cannotOpen(path)
        }
        base = UnsafeRawPointer(p)
        count = size
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), count) }

    @inline(__always) func u32(_ offset: Int) -> UInt32 { base.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
    @inline(__always) func u64(_ offset: Int) -> UInt64 { base.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
}

/// A sorted or indexed table of byte strings inside the mapping:
/// `count u32, offsets u32 × (count+1), bytes`.
struct ByteStringTable {
    let count: Int
    let offsets: UnsafePointer<UInt32>
    let bytes: UnsafePointer<UInt8>
    /// Size of the table in the file, padded to 4 bytes (a u32 array may follow it).
    let byteSize: Int

    init(_ file: MappedFile, at offset: Int) {
        count = Int(file.u32(offset))
        offsets = (file.base + offset + 4).assumingMemoryBound(to: UInt32.self)
        bytes = (file.base + offset + 4 + 4 * (count + 1)).assumingMemoryBound(to: UInt8.self)
        let dataLength = Int(offsets[count])
        byteSize = (4 + 4 * (count + 1) + dataLength + 3) & ~3
    }

    @inline(__always) func string(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let start = Int(offsets[i])
        return UnsafeBufferPointer(start: bytes + start, count: Int(offsets[i + 1]) - start)
    }

    /// Binary search in a bytewise-sorted table.
    @inline(__always) func find(_ key: UnsafePointer<UInt8>, _ length: Int) -> Int? {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) >> 1
            let start = Int(offsets[mid])
            let c = ByteStringTable.compare(bytes + start, Int(offsets[mid + 1]) - start, key, length)
            if c == 0 { return mid }
            if c < 0 { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    @inline(__always) static func compare(_ a: UnsafePointer<UInt8>, _ la: Int, _ b: UnsafePointer<UInt8>, _ lb: Int) -> Int {
        let n = min(la, lb)
        if n > 0 {
            let c = memcmp(a, b, n)
            if c != 0 { return Int(c) }
        }
        return la - lb
    }
}

/// `count u32, values u32 × count`.
struct U32Table {
    let count: Int
    let values: UnsafePointer<UInt32>
    var byteSize: Int { 4 + 4 * count }

    init(_ file: MappedFile, at offset: Int) {
        count = Int(file.u32(offset))
        values = (file.base + offset + 4).assumingMemoryBound(to: UInt32.self)
    }

    @inline(__always) subscript(i: Int) -> UInt32 { values[i] }
}

/// Open-addressing hash index over a `ByteStringTable` (written by `build_lexicon.py`):
/// `size u32, slots u32 × size`, slot = index + 1 (0 empty), position = FNV-1a 32 & (size − 1).
/// Turns a stem or ending lookup into one hash and usually one `memcmp`.
struct HashIndex {
    let mask: UInt32
    let slots: UnsafePointer<UInt32>

    init(_ file: MappedFile, at offset: Int) {
        mask = file.u32(offset) &- 1
        slots = (file.base + offset + 4).assumingMemoryBound(to: UInt32.self)
    }

    @inline(__always) func find(_ key: UnsafePointer<UInt8>, _ length: Int, in table: ByteStringTable) -> Int? {
        var h: UInt32 = 0x811C9DC5
        for i in 0..<length { h = (h ^ UInt32(key[i])) &* 0x01000193 }
        var j = h & mask
        while true {
            let slot = slots[Int(j)]
            if slot == 0 { return nil }
            let index = Int(slot - 1)
            let start = Int(table.offsets[index])
            if Int(table.offsets[index + 1]) - start == length && (length == 0 || memcmp(table.bytes + start, key, length) == 0) {
                return index
            }
            j = (j &+ 1) & mask
        }
    }
}
