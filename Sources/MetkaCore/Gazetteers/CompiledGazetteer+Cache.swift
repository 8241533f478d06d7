import Foundation

/// The compiled matcher cached on disk, so start-up does not re-inflect every alias.
///
/// The cache file holds the vocabulary, the trie and the phrase table; entries themselves are
/// always read from the TSV lists (they are small and carry names and attributes). The cache is
/// valid only for the exact bytes of every list, the lexicon and this format version — the
/// fingerprint — so editing a list regenerates it automatically on the next run.
extension CompiledGazetteer {
    static let cacheMagic: UInt32 = 0x4D4B_475A  // "MKGZ"
    static let cacheVersion: UInt32 = 1

    /// Fingerprint of everything compilation depends on.
    public static func fingerprint(listFiles: [URL], lexicon: Lexicon) -> String {
        var f = Fingerprint()
        f.add("metka-gazetteer-v\(cacheVersion)")
        f.add(String(lexicon.byteCount))
        f.add(String(lexicon.headerChecksum, radix: 16))
        for url in listFiles {
            f.add(url.lastPathComponent)
            f.add(FileManager.default.contents(atPath: url.path) ?? Data())
        }
        return f.hex
    }

    func cacheData(fingerprint: String) -> Data {
        var w = BinaryWriter()
        w.write(CompiledGazetteer.cacheMagic)
        w.write(CompiledGazetteer.cacheVersion)
        w.write(fingerprint)
        w.write(UInt64(entries.count))
        let v = vocabulary.storage
        w.write(v.arena); w.write(v.starts); w.write(v.table)
        w.write(trie.rootChildren); w.write(trie.edgeKeys); w.write(trie.edgeValues)
        w.write(trie.payloadStart); w.write(trie.payloadList)
        w.write(phrases.map(\.entry))
        w.write(phrases.map { UInt8(($0.ambiguous ? 1 : 0) | ($0.requiresCapital ? 2 : 0) | ($0.requiresAllCaps ? 4 : 0)) })
        return w.data
    }

    /// Reads a cache; nil when it is missing, stale or for other entries.
    static func fromCache(_ url: URL, fingerprint: String, entries: [GazetteerEntry]) -> CompiledGazetteer? {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
        var r = BinaryReader(data)
        do {
            guard try r.read(UInt32.self) == cacheMagic, try r.read(UInt32.self) == cacheVersion,
                  try r.readString() == fingerprint, try r.read(UInt64.self) == UInt64(entries.count) else { return nil }
            let vocabulary = KeyVocabulary(arena: try r.readArray(UInt8.self), starts: try r.readArray(Int32.self),
                                           table: try r.readArray(Int32.self))
            let trie = PhraseTrie(rootChildren: try r.readArray(Int32.self), edgeKeys: try r.readArray(UInt64.self),
                                  edgeValues: try r.readArray(Int32.self), payloadStart: try r.readArray(Int32.self),
                                  payloadList: try r.readArray(Int32.self))
            let entryIndexes = try r.readArray(Int32.self)
            let flags = try r.readArray(UInt8.self)
            guard entryIndexes.count == flags.count, entryIndexes.allSatisfy({ $0 >= 0 && Int($0) < entries.count }) else { return nil }
            let phrases = zip(entryIndexes, flags).map {
                Phrase(entry: $0, ambiguous: $1 & 1 != 0, requiresCapital: $1 & 2 != 0, requiresAllCaps: $1 & 4 != 0)
            }
            return CompiledGazetteer(entries: entries, vocabulary: vocabulary, trie: trie, phrases: phrases)
        } catch {
            return nil
        }
    }

    /// Loads from `cache` when fresh, else compiles and (best effort) writes the cache.
    public static func loadOrCompile(_ entries: [GazetteerEntry], fingerprint: String, cache: URL?,
                                     forms: (GazetteerEntry, GazetteerAlias) -> [String]) -> CompiledGazetteer {
        if let cache, let cached = fromCache(cache, fingerprint: fingerprint, entries: entries) { return cached }
        let compiled = compile(entries, forms: forms)
        if let cache {
            try? FileManager.default.createDirectory(at: cache.deletingLastPathComponent(), withIntermediateDirectories: true)
            let tmp = cache.appendingPathExtension("tmp-\(ProcessInfo.processInfo.processIdentifier)")
            if (try? compiled.cacheData(fingerprint: fingerprint).write(to: tmp)) != nil {
                // rename(2) is atomic: concurrent processes never read a half-written cache.
                if rename(tmp.path, cache.path) != 0 { try? FileManager.default.removeItem(at: tmp) }
            }
        }
        return compiled
    }
}
