import Foundation

/// The report file's bytes: mapped when it is a regular file (a report of millions of edges need
/// not be copied onto the heap), read otherwise (stdin, pipes).
final class MappedFileBytes {
    private(set) var base: UnsafePointer<UInt8>?
    private(set) var count = 0
    private var mapped: UnsafeMutableRawPointer?
    private var buffer: UnsafeMutablePointer<UInt8>?

    init(path: String, name: String) throws {
        let fd = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { throw MetkaError.io("cannot open \(name): \(String(cString: strerror(errno)))") }
        defer { if fd != 0 { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 {
            let size = Int(st.st_size)
            if let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED {
                mapped = p
                base = UnsafePointer(p.assumingMemoryBound(to: UInt8.self))
                count = size
                return
            }
        }
        var capacity = 1 << 16
        var data = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        while true {
            if count == capacity {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.update(from: data, count: count)
                data.deallocate()
                data = bigger
                capacity *= 2
            }
            let n = read(fd, data + count, capacity - count)
            if n < 0 {
                if errno == EINTR { continue }
                let message = String(cString: strerror(errno))
                data.deallocate()
                throw MetkaError.io("reading \(name) failed: \(message)")
            }
            if n == 0 { break }
            count += n
        }
        buffer = data
        base = UnsafePointer(data)
    }

    /// Gives the pages before `offset` back (the file keeps them): a mapped report's edges are read
    /// once, front to back, so its resident size need not grow with the file.
    func dropPages(before offset: Int) {
        guard let mapped else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = min(offset, count) / page * page
        if length > 0 { madvise(mapped, length, MADV_DONTNEED) }
    }

    func release() {
        if let mapped { munmap(mapped, count) }
        buffer?.deallocate()
        mapped = nil
        buffer = nil
        base = nil
    }
}
