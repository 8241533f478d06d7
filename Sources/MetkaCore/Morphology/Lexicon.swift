import Foundation

/// The memory-mapped OpenCorpora lexicon (`Models/morphology/lexicon.bin`).
///
/// Immutable after `init`, so one instance is shared by all threads. Loading maps the file and
/// reads a few header words: nothing is parsed or copied except the 5.5k tag masks (44 KB), so
/// start-up costs well under a millisecond. The format is described in
/// `Scripts/morphology/README.md`; in short a word is found by splitting it into
/// paradigm prefix + stem + ending, binary-searching the stem among the sorted stems, and checking
/// that one of the stem's paradigms has that ending (pymorphy's data, stored stem-wise instead
/// of as a DAWG of all 5.1 M forms).
public final class Lexicon: @unchecked Sendable {
    static let magic: [UInt8] = Array("METKALEX".utf8)
    static let formatVersion: UInt32 = 2
    static let sectionCount = 17

    let file: MappedFile
    let tagGrammemes: [Grammemes]
    let tagStrings: ByteStringTable
    let suffixes: ByteStringTable
    let foldedSuffixes: ByteStringTable
    let prefixes: [[UInt8]]
    let prefixStrings: [String]
    let paradigmOffsets: U32Table
    let paradigmValues: UnsafePointer<UInt16>
    let matchOffsets: U32Table
    let matchValues: U32Table
    let stems: ByteStringTable
    let stemEntryRanges: U32Table
    let entryCount: Int
    let entries: UnsafeRawPointer
    let originalStems: UnsafePointer<UInt8>
    let probWords: ByteStringTable
    let probRanges: U32Table
    let probEntries: U32Table
    let predictSuffixes: ByteStringTable
    let predictRanges: U32Table
    let predictEntries: U32Table
    let stemHash: HashIndex
    let suffixHash: HashIndex
    /// Longest folded paradigm ending, bounds the stem/ending splits tried per word.
    let maxSuffixLength: Int
    let headerChecksum: UInt64
    public let byteCount: Int

    /// Maps `url` and checks magic, version, size and section bounds (cheap). The full checksum
    /// is `verifyChecksum()`, run by the tests and `metka` self-check rather than at every start.
    public init(url: URL) throws {
        let file = try MappedFile(path: url.path)
        self.file = file
        byteCount = file.count
        let headerLength = 32 + 8 * Lexicon.sectionCount
        guard file.count >= headerLength,
              Array(UnsafeBufferPointer(start: file.base.assumingMemoryBound(to: UInt8.self), count: 8)) == Lexicon.magic
        else { throw LexiconError.badMagic(url.path) }
        let version = file.u32(8)
        guard version == Lexicon.formatVersion, Int(file.u32(12)) == Lexicon.sectionCount else {
            throw LexiconError.unsupportedVersion(version)
        }
        let declared = file.u64(16)
        guard declared == UInt64(file.count) else { throw LexiconError.truncated(expected: declared, actual: file.count) }
        headerChecksum = file.u64(24)
        var sections: [Int] = []
        for i in 0..<Lexicon.sectionCount {
            let offset = Int(file.u32(32 + 8 * i)), length = Int(file.u32(36 + 8 * i))
            guard offset >= headerLength, offset % 4 == 0, offset + length <= file.count else { throw LexiconError.badSection(i) }
            sections.append(offset)
        }
        let tagCount = Int(file.u32(sections[0]))
        tagGrammemes = (0..<tagCount).map { Grammemes(rawValue: file.u64(sections[0] + 8 + 8 * $0)) }
        tagStrings = ByteStringTable(file, at: sections[1])
        suffixes = ByteStringTable(file, at: sections[2])
        foldedSuffixes = ByteStringTable(file, at: sections[3])
        let prefixTable = ByteStringTable(file, at: sections[4])
        prefixes = (0..<prefixTable.count).map { Array(prefixTable.string($0)) }
        prefixStrings = (0..<prefixTable.count).map { LexiconText.decode(prefixTable.string($0)) }
        paradigmOffsets = U32Table(file, at: sections[5])
        paradigmValues = (file.base + sections[5] + paradigmOffsets.byteSize + 4).assumingMemoryBound(to: UInt16.self)
        matchOffsets = U32Table(file, at: sections[6])
        matchValues = U32Table(file, at: sections[6] + matchOffsets.byteSize)
        stems = ByteStringTable(file, at: sections[7])
        stemEntryRanges = U32Table(file, at: sections[8])
        entryCount = Int(file.u32(sections[9]))
        entries = file.base + sections[9] + 4
        originalStems = (file.base + sections[10] + 4).assumingMemoryBound(to: UInt8.self)
        probWords = ByteStringTable(file, at: sections[11])
        probRanges = U32Table(file, at: sections[11] + probWords.byteSize)
        probEntries = U32Table(file, at: sections[12])
        predictSuffixes = ByteStringTable(file, at: sections[13])
        predictRanges = U32Table(file, at: sections[13] + predictSuffixes.byteSize)
        predictEntries = U32Table(file, at: sections[14])
        stemHash = HashIndex(file, at: sections[15])
        suffixHash = HashIndex(file, at: sections[16])
        var longest = 0
        for i in 0..<foldedSuffixes.count { longest = max(longest, foldedSuffixes.string(i).count) }
        maxSuffixLength = longest
    }

    /// Recomputes the FNV-1a 64 checksum of everything after the header and compares it with the
    /// header's (≈15 ms for 15 MB, so not done at every start; see the manifest for the sha256).
    public func verifyChecksum() throws {
        let headerLength = 32 + 8 * Lexicon.sectionCount
        var h: UInt64 = 0xcbf29ce484222325
        let p = file.base.assumingMemoryBound(to: UInt8.self)
        for i in headerLength..<file.count {
            h ^= UInt64(p[i])
            h = h &* 0x100000001b3
        }
        guard h == headerChecksum else { throw LexiconError.checksumMismatch(expected: headerChecksum, actual: h) }
    }

    public var lemmaCount: Int { entryCount }
    public var paradigmCount: Int { paradigmOffsets.count - 1 }

    // MARK: paradigms

    @inline(__always) func formCount(paradigm p: Int) -> Int {
        (Int(paradigmOffsets[p + 1]) - Int(paradigmOffsets[p])) / 3
    }
    @inline(__always) func suffixID(paradigm p: Int, form i: Int) -> Int {
        Int(paradigmValues[Int(paradigmOffsets[p]) + i])
    }
    @inline(__always) func tagID(paradigm p: Int, form i: Int) -> Int {
        Int(paradigmValues[Int(paradigmOffsets[p]) + formCount(paradigm: p) + i])
    }
    @inline(__always) func prefixID(paradigm p: Int, form i: Int) -> Int {
        Int(paradigmValues[Int(paradigmOffsets[p]) + 2 * formCount(paradigm: p) + i])
    }
    @inline(__always) func grammemes(paradigm p: Int, form i: Int) -> Grammemes {
        tagGrammemes[tagID(paradigm: p, form: i)]
    }

    /// The full OpenCorpora tag of a tag id ("NOUN,anim,masc,Name sing,nomn").
    func tagString(_ id: Int) -> String { String(decoding: tagStrings.string(id), as: UTF8.self) }

    func suffixString(_ id: Int) -> String { LexiconText.decode(suffixes.string(id)) }

    /// The word form `prefix + stem + ending` of form `i` of paradigm `p`.
    func form(paradigm p: Int, form i: Int, stem: String) -> String {
        var s = prefixStrings[prefixID(paradigm: p, form: i)]
        s += stem
        LexiconText.decode(suffixes.string(suffixID(paradigm: p, form: i)), into: &s)
        return s
    }

    // MARK: entries

    @inline(__always) func entryParadigm(_ e: Int) -> Int { Int(entries.loadUnaligned(fromByteOffset: 8 * e, as: UInt16.self)) }

    /// The stem as the dictionary spells it (with ё), given the folded key stem it was found under.
    func originalStem(entry e: Int, folded: UnsafeBufferPointer<UInt8>) -> String {
        let flags = entries.loadUnaligned(fromByteOffset: 8 * e + 2, as: UInt16.self)
        if flags & 1 != 0 {
            let offset = Int(entries.loadUnaligned(fromByteOffset: 8 * e + 4, as: UInt32.self))
            let length = Int(originalStems[offset])
            return LexiconText.decode(UnsafeBufferPointer(start: originalStems + offset + 1, count: length))
        }
        return LexiconText.decode(folded)
    }

    // MARK: lookup

    /// One dictionary reading of a key: lemma entry `entry` (stem + paradigm) in form `form`.
    struct Hit {
        var entry: Int32
        var paradigm: UInt16
        var form: UInt16
        var stemStart: UInt8
        var stemLength: UInt8
    }

    /// All dictionary readings of a folded key, in pymorphy's DAWG order (paradigm id, form index).
    func lookup(_ key: UnsafePointer<UInt8>, _ length: Int, into hits: inout [Hit]) {
        for (prefixIndex, prefix) in prefixes.enumerated() {
            let pl = prefix.count
            if pl > 0 {
                if length <= pl { continue }
                var same = true
                for j in 0..<pl where key[j] != prefix[j] { same = false; break }
                if !same { continue }
            }
            let maxSuffix = min(maxSuffixLength, length - pl)
            var suffixLength = 0
            while suffixLength <= maxSuffix {
                defer { suffixLength += 1 }
                guard let fs = suffixHash.find(key + (length - suffixLength), suffixLength, in: foldedSuffixes) else { continue }
                let stemLength = length - suffixLength - pl
                guard let stemIndex = stemHash.find(key + pl, stemLength, in: stems) else { continue }
                let matchKey = UInt32(fs) << 2 | UInt32(prefixIndex)
                for e in Int(stemEntryRanges[stemIndex])..<Int(stemEntryRanges[stemIndex + 1]) {
                    let p = entryParadigm(e)
                    // Binary search the paradigm's sorted (ending, prefix, form) keys.
                    var lo = Int(matchOffsets[p]), hi = Int(matchOffsets[p + 1])
                    while lo < hi {
                        let mid = (lo + hi) >> 1
                        if matchValues[mid] >> 16 < matchKey { lo = mid + 1 } else { hi = mid }
                    }
                    let end = Int(matchOffsets[p + 1])
                    while lo < end && matchValues[lo] >> 16 == matchKey {
                        hits.append(Hit(entry: Int32(e), paradigm: UInt16(p), form: UInt16(matchValues[lo] & 0xFFFF),
                                        stemStart: UInt8(pl), stemLength: UInt8(stemLength)))
                        lo += 1
                    }
                }
            }
        }
        hits.sort { ($0.paradigm, $0.form, $0.entry) < ($1.paradigm, $1.form, $1.entry) }
    }

    /// P(tag | word) from the OpenCorpora disambiguated corpus, as (tag id, probability × 10⁶).
    func tagProbabilities(_ key: UnsafePointer<UInt8>, _ length: Int) -> [(tag: Int, prob: UInt32)] {
        guard let w = probWords.find(key, length) else { return [] }
        return (Int(probRanges[w])..<Int(probRanges[w + 1])).map { (Int(probEntries[2 * $0]), probEntries[2 * $0 + 1]) }
    }

    /// Paradigm forms predicted for an unknown word from its last `suffixLength` letters,
    /// as (paradigm, form, count), most frequent first. Nil when the ending is unseen.
    func predictions(_ key: UnsafePointer<UInt8>, _ length: Int) -> [(paradigm: Int, form: Int, count: Int)]? {
        guard let s = predictSuffixes.find(key, length) else { return nil }
        return (Int(predictRanges[s])..<Int(predictRanges[s + 1])).map {
            let v = predictEntries[2 * $0]
            return (Int(v >> 16), Int(v & 0xFFFF), Int(predictEntries[2 * $0 + 1]))
        }
    }
}
