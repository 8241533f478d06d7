import Foundation

/// The compiled matcher cached on disk, so start-up does not re-inflect every alias.
///
/// The cache file holds the entries, the vocabulary, the trie and the phrase table, and — when
/// loaded with `entityRules` — the entity rules' word lists expanded to every inflected form
/// (`EntityLexicon`). The cache is valid only for the exact bytes of every list (rule lists
/// included), the lexicon and this format version — the fingerprint — so editing a list
/// regenerates it automatically on the next run.
extension CompiledGazetteer {
    static let cacheMagic: UInt32 = 0x4D4B_475A  // "MKGZ"
    /// 4: the entity-rule lexicon section. 5: its product heads, reporting verbs and nationality nouns.
    /// 6–7: facility heads and Chinese syllables; bumped at each merge of branches that each changed the section.
    static let cacheVersion: UInt32 = 7

    /// Fingerprint of everything compilation depends on.
    public static func fingerprint(listFiles: [URL], lexicon: Lexicon) -> String {
        var f = Fingerprint()
        f.add("metka-gazetteer-v\(cacheVersion)")
        f.add(String(lexicon.byteCount))
        f.add(String(lexicon.headerChecksum, radix: 16))
        // The compiled keys depend on how the tokenizer splits and normalizes text: a change there
        // (a new token rule) must invalidate the cache without anyone bumping a version by hand.
        f.add(Tokenizer.behaviourSignature)
        for url in listFiles {
            f.add(url.lastPathComponent)
            f.add(FileManager.default.contents(atPath: url.path) ?? Data())
        }
        return f.hex
    }

    func cacheData(fingerprint: String, diagnostics: [String], entityLexicon: EntityLexicon?) -> Data {
        var w = BinaryWriter()
        w.write(CompiledGazetteer.cacheMagic)
        w.write(CompiledGazetteer.cacheVersion)
        w.write(fingerprint)
        w.write(UInt64(entries.count))
        for e in entries { e.encode(into: &w) }
        w.write(UInt64(diagnostics.count))
        for d in diagnostics { w.write(d) }
        let v = vocabulary.storage
        w.write(v.arena); w.write(v.starts); w.write(v.table)
        w.write(trie.rootChildren); w.write(trie.edgeKeys); w.write(trie.edgeValues)
        w.write(trie.payloadStart); w.write(trie.payloadList)
        w.write(phrases.map(\.entry))
        w.write(phrases.map { UInt8(($0.ambiguous ? 1 : 0) | ($0.requiresCapital ? 2 : 0) | ($0.requiresAllCaps ? 4 : 0)) })
        if let entityLexicon {
            w.write(UInt8(1))
            entityLexicon.encode(into: &w)
        } else {
            w.write(UInt8(0))
        }
        return w.data
    }

    /// Reads a cache (entries, load diagnostics, the matcher and the entity lexicon when it was
    /// stored); nil when missing or stale.
    static func fromCache(_ url: URL, fingerprint: String) -> (CompiledGazetteer, [String], EntityLexicon?)? {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
        var r = BinaryReader(data)
        do {
            guard try r.read(UInt32.self) == cacheMagic, try r.read(UInt32.self) == cacheVersion,
                  try r.readString() == fingerprint else { return nil }
            let entryCount = Int(try r.read(UInt64.self))
            var entries: [GazetteerEntry] = []
            entries.reserveCapacity(entryCount)
            var pool = GazetteerEntry.StringPool()
            for _ in 0..<entryCount { entries.append(try GazetteerEntry.decode(from: &r, pool: &pool)) }
            var diagnostics: [String] = []
            for _ in 0..<Int(try r.read(UInt64.self)) { diagnostics.append(try r.readString()) }
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
            let entityLexicon = try r.read(UInt8.self) == 1 ? try EntityLexicon.decode(from: &r) : nil
            return (CompiledGazetteer(entries: entries, vocabulary: vocabulary, trie: trie, phrases: phrases), diagnostics, entityLexicon)
        } catch {
            return nil
        }
    }

    /// The bundled and user gazetteers, compiled: from `cache` when its fingerprint matches the
    /// current list files and lexicon, else parsed, compiled and (best effort) cached.
    /// Returns the matcher and the load diagnostics (`file:line: message`).
    public static func load(directory: URL, userFolders: [URL], lexicon: Lexicon, cache: URL?,
                            forms: (GazetteerEntry, GazetteerAlias) -> [String]) throws -> (CompiledGazetteer, [String]) {
        let (compiled, diagnostics, _) = try load(directory: directory, userFolders: userFolders, lexicon: lexicon, cache: cache,
                                                  entityRules: nil, ruleForms: { _ in [] }, forms: forms)
        return (compiled, diagnostics)
    }

    /// As `load`, plus the entity rules' lexicon from the folder `entityRules` (`Gazetteers/rules`),
    /// compiled with `ruleForms` and cached in the same file under the same fingerprint (which
    /// then also covers the rule lists).
    static func load(directory: URL, userFolders: [URL], lexicon: Lexicon, cache: URL?, entityRules: URL?,
                     ruleForms: (String) -> [String],
                     forms: (GazetteerEntry, GazetteerAlias) -> [String]) throws -> (CompiledGazetteer, [String], EntityLexicon?) {
        var files = try GazetteerLoader.listFiles(directory: directory, userFolders: userFolders)
        if let entityRules { files += EntityLexicon.fileNames.map { entityRules.appendingPathComponent($0) } }
        let fingerprint = fingerprint(listFiles: files, lexicon: lexicon)
        if let cache, let cached = fromCache(cache, fingerprint: fingerprint), (cached.2 != nil) == (entityRules != nil) { return cached }
        let loaded = try GazetteerLoader.load(directory: directory, userFolders: userFolders)
        let diagnostics = loaded.diagnostics.map(\.description)
        let compiled = compile(loaded.entries, forms: forms)
        let entityLexicon = try entityRules.map { try EntityLexicon.load(directory: $0, forms: ruleForms) }
        if let cache {
            try? FileManager.default.createDirectory(at: cache.deletingLastPathComponent(), withIntermediateDirectories: true)
            let tmp = cache.appendingPathExtension("tmp-\(ProcessInfo.processInfo.processIdentifier)")
            if (try? compiled.cacheData(fingerprint: fingerprint, diagnostics: diagnostics, entityLexicon: entityLexicon).write(to: tmp)) != nil {
                // rename(2) is atomic: concurrent processes never read a half-written cache.
                if rename(tmp.path, cache.path) != 0 { try? FileManager.default.removeItem(at: tmp) }
            }
        }
        return (compiled, diagnostics, entityLexicon)
    }
}

extension GazetteerEntry {
    func encode(into w: inout BinaryWriter) {
        w.write(list); w.write(Int64(line)); w.write(id); w.write(type.rawValue); w.write(subtype ?? "\u{0}")
        w.write(name)
        w.write(UInt64(aliases.count))
        for a in aliases { w.write(a.text); w.write(UInt8((a.exact ? 1 : 0) | (a.ambiguous ? 2 : 0))) }
        let attrs = attributes.sorted { $0.key < $1.key }
        w.write(UInt64(attrs.count))
        for (k, v) in attrs { w.write(k); w.write(v) }
        if let p = person {
            w.write(UInt8(1)); w.write(p.last); w.write(p.first); w.write(p.patronymic); w.write(p.gender)
        } else {
            w.write(UInt8(0))
        }
    }

    /// Strings that repeat from entry to entry (list paths, types, subtypes, attribute names,
    /// genders): decoded once and shared, since creating ~100,000 strings dominated start-up.
    struct StringPool {
        var lists: [(bytes: [UInt8], string: String)] = [], types: [(bytes: [UInt8], string: String)] = []
        var subtypes: [(bytes: [UInt8], string: String)] = [], attributes: [(bytes: [UInt8], string: String)] = []
        var genders: [(bytes: [UInt8], string: String)] = []
    }

    static func decode(from r: inout BinaryReader, pool: inout StringPool) throws -> GazetteerEntry {
        let list = try r.readString(interning: &pool.lists, limit: 256), line = Int(try r.read(Int64.self)), id = try r.readString()
        guard let type = EntityType(rawValue: try r.readString(interning: &pool.types, limit: 8)) else { throw MetkaError.data("bad cache") }
        let sub = try r.readString(interning: &pool.subtypes, limit: 64)
        let name = try r.readString()
        var aliases: [GazetteerAlias] = []
        let aliasCount = Int(try r.read(UInt64.self))
        aliases.reserveCapacity(max(0, min(aliasCount, 1 << 16)))
        for _ in 0..<aliasCount {
            let text = try r.readString(), flags = try r.read(UInt8.self)
            aliases.append(GazetteerAlias(text: text, exact: flags & 1 != 0, ambiguous: flags & 2 != 0))
        }
        let attributeCount = Int(try r.read(UInt64.self))
        var attributes: [String: String] = attributeCount > 1 ? Dictionary(minimumCapacity: min(attributeCount, 1 << 16)) : [:]
        for _ in 0..<attributeCount { attributes[try r.readString(interning: &pool.attributes, limit: 64)] = try r.readString() }
        var person: PersonParts?
        if try r.read(UInt8.self) == 1 {
            person = PersonParts(last: try r.readString(), first: try r.readString(), patronymic: try r.readString(),
                                 gender: try r.readString(interning: &pool.genders, limit: 8))
        }
        return GazetteerEntry(list: list, line: line, id: id, type: type, subtype: sub == "\u{0}" ? nil : sub, name: name,
                              aliases: aliases, attributes: attributes, person: person)
    }
}
