/// Splits a document into tokens by scanning its UTF-8 bytes once.
///
/// Rules (each has rows in `TokenizerTests`):
/// - words: runs of letters/digits/combining marks; inner hyphens join when a letter or digit
///   follows (Санкт-Петербург, COVID-19, 40-летний, российско-американский; also ranges and ISO
///   dates «2007-2008», «45-60», «2019-05-12», which the date rules read as one token); a suspended hyphen stays with its word («теле- и радиокомпании»); inner
///   apostrophes join between letters (O'Brien);
/// - numbers: digit runs with inner `,` `.` `+` `:` followed by a digit (8,1 · 24.03.2021 · 1+1 · 10:30);
/// - URLs (`http://`, `https://`, `www.`), e-mails and bare domains with a known top-level
///   domain (rbc.ru, vseinfo.com, Лента.ру, президент.рф) are one token, trailing punctuation
///   excluded. ASCII-initial words are checked for a URL up front; a non-ASCII word only when it
///   ends at a `.` glued to a letter, so ordinary Cyrillic words are scanned once;
/// - HTML character references («&quot;», «&laquo;», «&#187;», «&nbsp») act as the character
///   they stand for (see `scanEntity`);
/// - `@handle` and `#hashtag` are one token; `...` and runs of `?!` are one token;
/// - every other non-space character is a token of its own (quotes, dashes, punctuation, symbols).
public struct Tokenizer: Sendable {
    public init() {}

    /// Top-level domains that make `name.tld` a domain token rather than a sentence end.
    static let topLevelDomains: Set<String> = [
        "ru", "su", "com", "org", "net", "info", "io", "ua", "by", "kz", "uz", "de", "uk", "fr", "us",
        "gov", "edu", "me", "tv", "fm", "biz", "pro", "online", "news", "media", "am", "ge", "md", "lv",
        "lt", "ee", "pl", "cz", "it", "es", "cn", "jp", "eu", "рф", "ру", "укр",
    ]

    /// The character an HTML entity name stands for (the few that occur in scraped Russian news).
    static func entityValue(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var word: UInt64 = 0
        for b in name { word = word << 8 | UInt64(b | 0x20) }
        switch name.count {
        case 3: return word == 0x616D70 ? 0x26 : nil                                    // amp
        case 4:
            switch word {
            case 0x71756F74: return 0x22                                                // quot
            case 0x6E627370: return 0xA0                                                // nbsp
            default: return nil
            }
        case 5:
            switch word {
            case 0x6C61_71756F: return 0xAB                                            // laquo
            case 0x7261_71756F: return 0xBB                                            // raquo
            case 0x6C64_71756F: return 0x201C                                          // ldquo
            case 0x7264_71756F: return 0x201D                                          // rdquo
            case 0x6264_71756F: return 0x201E                                          // bdquo
            case 0x6D64_617368: return 0x2014                                          // mdash
            case 0x6E64_617368: return 0x2013                                          // ndash
            default: return nil
            }
        case 6: return word == 0x68656C_6C6970 ? 0x2026 : nil                           // hellip
        default: return nil
        }
    }

    /// Token boundaries, kinds and keys of a probe text exercising every rule; caches of compiled
    /// token keys include it so that tokenizer changes invalidate them automatically.
    public static let behaviourSignature: String = {
        let probe = "«ВЭБ.РФ» и Lenta.ru, www.rbc.ru/a?b=1 info@rbc.ru @rbc_news #тег: Санкт-Петербург, COVID-19, "
            + "40-летний, теле- и радио; 8,1 млн, 24.03.2021, 1+1, 2007-2008 — т. е. В.В. Путин... Ёлка MИД ударе\u{301}ние &quot;"
        let (tokens, keys) = Tokenizer().tokenize(Document(id: "", text: probe))
        var out = ""
        for t in tokens { out += "\(t.start):\(t.end):\(t.kind):" + String(decoding: keys[t.keyRange], as: UTF8.self) + "|" }
        return out
    }()

    /// Tokenizes `document`, filling `tokens` and `keyBytes` of a fresh `Segmentation`.
    public func tokenize(_ document: Document) -> (tokens: [Token], keyBytes: [UInt8]) {
        var tokens: [Token] = []
        tokens.reserveCapacity(document.utf8.count / 5 + 4)
        var keys = KeyWriter(capacity: document.utf8.count + document.utf8.count / 8 + 64)
        defer { keys.deallocate() }
        UnicodeScan.table.withUnsafeBufferPointer { table in
            document.utf8.withUnsafeBufferPointer { p in
                var scanner = Scanner(p: p, table: table.baseAddress!)
                scanner.run(into: &tokens, keys: &keys)
            }
        }
        return (tokens, Array(keys.buffer))
    }

    /// The byte-level state machine. A struct with an unsafe buffer so the loop stays in registers.
    struct Scanner {
        let p: UnsafeBufferPointer<UInt8>
        /// `UnicodeScan.table`, held as a pointer so lookups are one load.
        let table: UnsafePointer<UInt8>
        var i = 0
        var scalarIndex: Int32 = 0
        var pendingShape: TokenShape = [.spaceBefore]
        var newlines = 0

        init(p: UnsafeBufferPointer<UInt8>, table: UnsafePointer<UInt8>) {
            self.p = p
            self.table = table
        }

        @inline(__always) func info(_ c: UInt32) -> UnicodeScan.Info { UnicodeScan.info(c, table) }

        @inline(__always) func peek(_ at: Int) -> (UInt32, Int, UnicodeScan.Class)? {
            guard at < p.count else { return nil }
            let (c, n) = UnicodeScan.decode(p, at)
            return (c, n, info(c).cls)
        }

        mutating func run(into tokens: inout [Token], keys: inout KeyWriter) {
            while i < p.count {
                let (c, n) = UnicodeScan.decode(p, i)
                let cls = info(c).cls
                switch cls {
                case .space:
                    pendingShape.insert(.spaceBefore)
                    i += n; scalarIndex += 1
                case .newline:
                    pendingShape.insert([.spaceBefore, .newlineBefore])
                    // CR LF is one line break: the CR counts only when no LF follows.
                    if c != 0x0D || i + 1 >= p.count || p[i + 1] != 0x0A { newlines += 1 }
                    if newlines >= 2 { pendingShape.insert(.paragraphStart) }
                    i += n; scalarIndex += 1
                case .combining:
                    // A stray mark with nothing to attach to: skip it, it stays in the text.
                    i += n; scalarIndex += 1
                case .letter, .digit:
                    if mayStartURL(), let (end, scalars) = scanURL(from: i) {
                        emit(.url, end: end, scalars: scalars, tokens: &tokens, keys: &keys)
                    } else {
                        scanWord(startClass: cls, tokens: &tokens, keys: &keys)
                    }
                default:
                    scanPunctuation(c, n, cls, tokens: &tokens, keys: &keys)
                }
            }
        }

        /// Cheap pre-check before `scanURL`: an ASCII run of letters/digits/`_-` followed by `.`, `@`,
        /// `:` or `/` and then a non-space. Ordinary words and numbers («2017», «APT29.») stop here.
        @inline(__always) func mayStartURL() -> Bool {
            var j = i
            while j < p.count {
                let b = p[j]
                if (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == 0x5F || b == 0x2D {
                    j += 1
                    continue
                }
                guard b == 0x2E || b == 0x40 || b == 0x3A || b == 0x2F, j > i, j + 1 < p.count else { return false }
                return p[j + 1] > 0x20
            }
            return false
        }

        /// Appends a token from `i` to byte `end` spanning `scalars` code points.
        @inline(__always)
        mutating func emit(_ kind: TokenKind, end: Int, scalars: Int32, shape extra: TokenShape = [],
                           cyr: Int = 0, lat: Int = 0, tokens: inout [Token], keys: inout KeyWriter) {
            keys.reserve(2 * (end - i) + 8)
            let keyStart = Int32(keys.count)
            TokenKey.append(p, i..<end, mixedScript: cyr > 0 && lat > 0, cyrillicMajority: cyr >= lat, to: &keys)
            tokens.append(Token(byteStart: Int32(i), byteEnd: Int32(end), start: scalarIndex,
                                end: scalarIndex + scalars, keyStart: keyStart, keyEnd: Int32(keys.count),
                                kind: kind, shape: pendingShape.union(extra)))
            i = end
            scalarIndex += scalars
            pendingShape = []
            newlines = 0
        }

        /// Words and numbers: letters, digits and combining marks, plus the inner joiners.
        ///
        /// The key is written while scanning for the common scalars (ASCII, basic Cyrillic, ASCII
        /// joiners); a token with anything else (stress marks, other scripts, typographic hyphens
        /// and apostrophes) or with mixed Latin/Cyrillic letters gets its key from `TokenKey.append`
        /// afterwards, so both paths give the same key.
        mutating func scanWord(startClass: UnicodeScan.Class, tokens: inout [Token], keys: inout KeyWriter) {
            let keyStart = keys.count
            var keyOK = true
            var j = i
            var scalars: Int32 = 0
            var cyr = 0, lat = 0, letters = 0, upper = 0, lowerSeen = false, innerCaps = false, otherScript = false
            var firstUpper = false, hasDigit = false, hyphen = false
            let numeric = startClass == .digit
            var onlyDigits = true
            while j < p.count {
                let (c, n) = UnicodeScan.decode(p, j)
                let inf = info(c)
                keys.reserve(4)
                switch inf.cls {
                case .letter:
                    if c < 0x80 {
                        keys.put(UInt8(c) | 0x20)
                    } else if !(n == 2 && TokenKey.putBasicCyrillic(p[j], p[j + 1], to: &keys)) {
                        keyOK = false
                    }
                    if inf.isCyrillic { cyr += 1 } else if inf.isLatin { lat += 1 } else { otherScript = true }
                    if inf.isUpper {
                        upper += 1
                        if letters == 0 { firstUpper = true } else if lowerSeen { innerCaps = true }
                    }
                    if inf.isLower { lowerSeen = true }
                    letters += 1
                    onlyDigits = false
                    j += n; scalars += 1
                    continue
                case .digit:
                    if c < 0x80 { keys.put(UInt8(c)) } else { keyOK = false }
                    hasDigit = true
                    j += n; scalars += 1
                    continue
                case .combining:
                    keyOK = false
                    j += n; scalars += 1
                    continue
                case .hyphen:
                    // Join when a letter or digit follows: Санкт-Петербург, COVID-19, 40-летний, 2007-2008.
                    if let (_, _, next) = peek(j + n), next == .letter || next == .digit {
                        if c == 0x2D { keys.put(0x2D) } else { keyOK = false }
                        hyphen = true
                        onlyDigits = false
                        j += n; scalars += 1
                        continue
                    }
                    // A suspended hyphen keeps its word: «теле- и радиокомпании», «аудио- или видео».
                    if letters > 0 && c == 0x2D && suspendedHyphenFollows(j + 1) {
                        keys.put(0x2D)
                        hyphen = true
                        j += 1; scalars += 1
                        break
                    }
                case .apostrophe:
                    if letters > 0, let (_, _, next) = peek(j + n), next == .letter {
                        if c == 0x27 { keys.put(0x27) } else { keyOK = false }
                        j += n; scalars += 1
                        continue
                    }
                default:
                    // Number separators: 8,1 · 24.03.2021 · 1+1 · 10:30 (digit on both sides).
                    if numeric && onlyDigits && (c == 0x2C || c == 0x2E || c == 0x2B || c == 0x3A),
                       j > i, p[j - 1] >= 0x30 && p[j - 1] <= 0x39,
                       let (_, _, next) = peek(j + 1), next == .digit {
                        keys.put(UInt8(c))
                        j += 1; scalars += 1
                        continue
                    }
                }
                break
            }
            var shape: TokenShape = []
            if firstUpper { shape.insert(.capitalized) }
            if letters >= 2 && upper == letters { shape.insert(.allCaps) }
            if letters == 1 && upper == 1 && !hasDigit { shape.insert(.singleLetter) }
            if cyr > 0 { shape.insert(.cyrillic) }
            if lat > 0 { shape.insert(.latin) }
            if hasDigit { shape.insert(.digit) }
            if hyphen { shape.insert(.hyphenated) }
            if innerCaps { shape.insert(.innerCaps) }
            if otherScript { shape.insert(.otherScript) }
            // A non-ASCII word glued to `.` + letter may be a Cyrillic domain: «Лента.ру», «кремль.рф».
            if p[i] >= 0x80, j + 1 < p.count, p[j] == 0x2E, let (_, _, next) = peek(j + 1), next == .letter,
               let (end, urlScalars) = scanURL(from: i, asciiOnly: false) {
                keys.truncate(to: keyStart)
                emit(.url, end: end, scalars: urlScalars, tokens: &tokens, keys: &keys)
                return
            }
            let kind: TokenKind = (numeric && onlyDigits) ? .number : .word
            if keyOK && !(cyr > 0 && lat > 0) {
                tokens.append(Token(byteStart: Int32(i), byteEnd: Int32(j), start: scalarIndex,
                                    end: scalarIndex + scalars, keyStart: Int32(keyStart), keyEnd: Int32(keys.count),
                                    kind: kind, shape: pendingShape.union(shape)))
                i = j
                scalarIndex += scalars
                pendingShape = []
                newlines = 0
                return
            }
            keys.truncate(to: keyStart)
            emit(kind, end: j, scalars: scalars, shape: shape, cyr: cyr, lat: lat, tokens: &tokens, keys: &keys)
        }

        /// HTML character references left in scraped text («&quot;Газпрома&quot;», «&nbsp», «&#171;»):
        /// one token whose kind and key are those of the character it stands for, so quotes, dashes
        /// and ellipses still work as punctuation; a no-break space reference is skipped as space.
        /// Unknown names stay ordinary symbol/word tokens.
        mutating func scanEntity(tokens: inout [Token], keys: inout KeyWriter) -> Bool {
            var j = i + 1
            var value: UInt32 = 0
            if j < p.count && p[j] == 0x23 {  // &#NNNN;
                j += 1
                let digits = j
                while j < p.count && j - digits < 7 && p[j] >= 0x30 && p[j] <= 0x39 {
                    value = value * 10 + UInt32(p[j] - 0x30)
                    j += 1
                }
                guard j > digits, j < p.count, p[j] == 0x3B else { return false }
                j += 1
            } else {
                let nameStart = j
                while j < p.count && j - nameStart < 8 && ((p[j] | 0x20) >= 0x61 && (p[j] | 0x20) <= 0x7A) { j += 1 }
                let name = UnsafeBufferPointer(rebasing: p[nameStart..<j])
                guard let v = Tokenizer.entityValue(name) else { return false }
                value = v
                if j < p.count && p[j] == 0x3B { j += 1 } else if v != 0xA0 { return false }  // only &nbsp may lack «;»
            }
            let scalars = Int32(j - i)  // references are ASCII
            let cls = info(value).cls
            if cls == .space {
                pendingShape.insert(.spaceBefore)
                i = j; scalarIndex += scalars
                return true
            }
            let kind: TokenKind
            switch cls {
            case .quote, .apostrophe: kind = .quote
            case .dash, .hyphen: kind = .dash
            case .punct: kind = .punct
            default: kind = .symbol
            }
            keys.reserve(8)
            let keyStart = Int32(keys.count)
            TokenKey.appendScalar(value, to: &keys)
            tokens.append(Token(byteStart: Int32(i), byteEnd: Int32(j), start: scalarIndex, end: scalarIndex + scalars,
                                keyStart: keyStart, keyEnd: Int32(keys.count), kind: kind, shape: pendingShape))
            i = j
            scalarIndex += scalars
            pendingShape = []
            newlines = 0
            return true
        }

        /// After a hyphen: a space, then «и» or «или», then a space — the hyphen is suspended.
        func suspendedHyphenFollows(_ at: Int) -> Bool {
            guard at + 4 <= p.count, p[at] == 0x20, p[at + 1] == 0xD0, p[at + 2] == 0xB8 else { return false }
            if p[at + 3] == 0x20 { return true }                                      // « и »
            return at + 8 <= p.count && p[at + 3] == 0xD0 && p[at + 4] == 0xBB        // « или »
                && p[at + 5] == 0xD0 && p[at + 6] == 0xB8 && p[at + 7] == 0x20
        }

        /// Quotes, dashes, punctuation, symbols, handles; clusters `...` and `?!`.
        mutating func scanPunctuation(_ c: UInt32, _ n: Int, _ cls: UnicodeScan.Class,
                                      tokens: inout [Token], keys: inout KeyWriter) {
            switch cls {
            case .quote, .apostrophe:
                emit(.quote, end: i + n, scalars: 1, tokens: &tokens, keys: &keys)
            case .hyphen, .dash:
                emit(.dash, end: i + n, scalars: 1, tokens: &tokens, keys: &keys)
            default:
                if c == 0x26, scanEntity(tokens: &tokens, keys: &keys) { return }
                if c == 0x40 || c == 0x23, let (_, _, next) = peek(i + 1), next == .letter || next == .digit {
                    var j = i + 1
                    var scalars: Int32 = 1
                    while let (nc, nn, ncls) = peek(j), ncls == .letter || ncls == .digit || nc == 0x5F {
                        j += nn; scalars += 1
                    }
                    emit(.handle, end: j, scalars: scalars, tokens: &tokens, keys: &keys)
                    return
                }
                if c == 0x2E || c == 0x3F || c == 0x21 {
                    // Clusters: "...", "?!", "!!!".
                    var j = i + 1
                    var scalars: Int32 = 1
                    while j < p.count, p[j] == 0x2E || p[j] == 0x3F || p[j] == 0x21 {
                        if (c == 0x2E) != (p[j] == 0x2E) { break }
                        j += 1; scalars += 1
                    }
                    emit(.punct, end: j, scalars: scalars, tokens: &tokens, keys: &keys)
                    return
                }
                emit(cls == .punct ? .punct : .symbol, end: i + n, scalars: 1, tokens: &tokens, keys: &keys)
            }
        }

        /// Recognizes a URL, e-mail or bare domain starting at `start`; returns its end byte and length.
        func scanURL(from start: Int, asciiOnly: Bool = true) -> (Int, Int32)? {
            // URLs and domains are ASCII in practice; Cyrillic words skip this second scan unless
            // the word scan saw a glued `.` + letter (`asciiOnly: false`).
            guard !asciiOnly || p[start] < 0x80 else { return nil }
            func hasPrefix(_ s: StaticString) -> Bool {
                let n = s.utf8CodeUnitCount
                guard start + n <= p.count else { return false }
                for k in 0..<n where (p[start + k] | 0x20) != s.utf8Start[k] { return false }
                return true
            }
            let schemed = hasPrefix("http://") || hasPrefix("https://") || hasPrefix("ftp://") || hasPrefix("www.")
            // Scan a candidate run of URL characters (no spaces, no quotes/brackets).
            var j = start
            var scalars: Int32 = 0
            var dots = 0, at = 0
            while j < p.count {
                let (c, n) = UnicodeScan.decode(p, j)
                if c <= 0x20 || c == 0x22 || c == 0x27 || c == 0x3C || c == 0x3E || c == 0x5B || c == 0x5D
                    || c == 0x28 || c == 0x29 || c == 0x7B || c == 0x7D { break }
                let cls = info(c).cls
                if cls == .space || cls == .newline || cls == .quote || cls == .dash { break }
                if c >= 0x80 && cls != .letter && cls != .digit { break }
                if c == 0x2E { dots += 1 }
                if c == 0x40 { at += 1 }
                if !schemed && c == 0x2C { break }
                j += n; scalars += 1
            }
            // Trailing punctuation belongs to the sentence, not the URL.
            while j > start, let last = Optional(p[j - 1]),
                  last == 0x2E || last == 0x2C || last == 0x3A || last == 0x3B || last == 0x21 || last == 0x3F {
                j -= 1; scalars -= 1
                if last == 0x2E { dots -= 1 }
            }
            if schemed { return j > start + 4 ? (j, scalars) : nil }
            guard dots >= 1 else { return nil }
            // Bare domain or e-mail, maybe with a path («newtimes.ru/articles/…»): the host's part
            // after its last dot must be a known TLD.
            var hostEnd = start
            while hostEnd < j, p[hostEnd] != 0x2F, p[hostEnd] != 0x3F, p[hostEnd] != 0x23, p[hostEnd] != 0x3A { hostEnd += 1 }
            var k = hostEnd
            while k > start, p[k - 1] != 0x2E { k -= 1 }
            guard k > start + 1, k < hostEnd else { return nil }
            let tld = String(decoding: UnsafeBufferPointer(rebasing: p[k..<hostEnd]), as: UTF8.self).lowercased()
            guard Tokenizer.topLevelDomains.contains(tld), at <= 1 else { return nil }
            // No spaces inside, and the name before the TLD must be a plausible host (not "т.е").
            let host = UnsafeBufferPointer(rebasing: p[start..<(k - 1)])
            guard host.count >= 2 else { return nil }
            return (j, scalars)
        }
    }
}
