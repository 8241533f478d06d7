import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Release-build measurements of the morphology (wired into `make bench` by the executable).
///
/// Measures: lexicon load (map + header checks + template lookups), analysis throughput (thread CPU time, i.e. per core) on
/// running text with a warm per-worker cache and cold (uncached), resident memory added by
/// loading and analysing, and the lexicon's size.
public enum MorphologyBenchmark {
    public struct Report: Sendable, CustomStringConvertible {
        public var lexiconBytes: Int
        /// Median of 7 loads in one process (the file is in the page cache after the first).
        public var loadMilliseconds: Double
        /// The first load in the process (includes mapping a file not yet touched by this process).
        public var firstLoadMilliseconds: Double
        public var tokens: Int
        public var cachedTokensPerSecond: Double
        public var uncachedTokensPerSecond: Double
        public var cacheHitRate: Double
        public var addedRSSMiB: Double

        public var description: String {
            String(format: "morphology: lexicon %.1f MB, load %.2f ms (first %.2f ms), %d tokens, cached %.2f M tokens/s (hit rate %.1f%%), uncached %.2f M tokens/s, added RSS %.1f MiB",
                   Double(lexiconBytes) / 1_000_000, loadMilliseconds, firstLoadMilliseconds, tokens, cachedTokensPerSecond / 1e6, cacheHitRate * 100,
                   uncachedTokensPerSecond / 1e6, addedRSSMiB)
        }
    }

    /// Word tokens of `text` (letters, digits, inner hyphens) as slices — a stand-in for the tokenizer.
    public static func words(_ text: String) -> [Substring] {
        var out: [Substring] = []
        var start: String.Index? = nil
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let inWord = c.isLetter || c.isNumber || (c == "-" && start != nil)
            if inWord { if start == nil { start = i } } else if let s = start { out.append(text[s..<i]); start = nil }
            i = text.index(after: i)
        }
        if let s = start { out.append(text[s...]) }
        return out
    }

    /// Runs the measurements on `text` (repeated `passes` times for the warm measurement).
    public static func run(directory: URL, text: String, passes: Int = 5) throws -> Report {
        let rssBefore = residentMiB()
        var loads: [Double] = []
        var morphology: RussianMorphology? = nil
        for _ in 0..<7 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            morphology = try RussianMorphology.load(directory: directory)
            loads.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        let m = morphology!
        let tokens = words(text)

        // Cold: no cache, every token computed.
        let coldSample = Array(tokens.prefix(50_000))
        var sink = 0
        var t0 = threadCPUNanoseconds()
        for w in coldSample { sink &+= m.analyze(w).count }
        let uncached = Double(coldSample.count) / (Double(threadCPUNanoseconds() - t0) / 1e9)

        // Warm: one per-worker analyzer over the whole text, several passes (first pass fills the cache).
        let analyzer = m.makeAnalyzer()
        for w in tokens { sink &+= analyzer.analyze(w).count }
        t0 = threadCPUNanoseconds()
        for _ in 0..<passes { for w in tokens { sink &+= analyzer.analyze(w).count } }
        let cached = Double(tokens.count * passes) / (Double(threadCPUNanoseconds() - t0) / 1e9)
        let hitRate = Double(analyzer.hits) / Double(max(1, analyzer.hits + analyzer.misses))
        if sink == 42 { print("") }
        return Report(lexiconBytes: m.lexicon.byteCount, loadMilliseconds: loads.sorted()[loads.count / 2], firstLoadMilliseconds: loads[0], tokens: tokens.count,
                      cachedTokensPerSecond: cached, uncachedTokensPerSecond: uncached, cacheHitRate: hitRate,
                      addedRSSMiB: residentMiB() - rssBefore)
    }

    /// CPU time of the calling thread: throughput per core even when the machine is shared.
    static func threadCPUNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Resident set size from /proc/self/statm (Linux); 0 elsewhere.
    static func residentMiB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let parts = s.split(separator: " ")
        guard parts.count > 1, let pages = Double(parts[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}

extension MorphologyBenchmark {
    /// Cost floor of the cached path: key building alone over `tokens` (ns per token, thread CPU).
    public static func keyOnlyNanoseconds(_ tokens: [Substring], passes: Int = 10) -> Double {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        defer { buffer.deallocate() }
        var sink = 0
        let t0 = threadCPUNanoseconds()
        for _ in 0..<passes {
            for w in tokens {
                var yo = false
                var shape = WordShape()
                sink &+= LexiconText.key(w, into: buffer, hadYo: &yo, shape: &shape) ?? 0
            }
        }
        let ns = Double(threadCPUNanoseconds() - t0) / Double(tokens.count * passes)
        return sink == 42 ? ns + 0 : ns
    }
}
