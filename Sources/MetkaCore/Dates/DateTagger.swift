import Foundation

/// Finds date expressions and normalizes them to ISO 8601, resolving relative ones against the
/// article's `published` date.
///
/// **Span convention (NEREL DATE, outer view).** Studied on NEREL train (3,849 outer DATE spans)
/// before the rules were written; the tagger follows it so its spans score exactly:
/// - the governing preposition is inside the span: «в 2009 году», «с 2006 года», «до трёх лет»,
///   «на прошлой неделе», «за последние 200 лет», «через два дня», «в течение пяти лет»,
///   «около 30 лет», «почти через два года» (NEREL starts 1,477 of them with «в»);
///   «после», «ещё», «уже», «утром/вечером», «в ночь на» stay outside;
/// - «года»/«году»/«г» after a year is inside («в 2017 году», «в 2008г»); the period after «г» is not;
/// - weekday and date form one span: «в понедельник, 27 апреля 2020 года», «25 июля, в четверг»,
///   «вчера, 9 мая 2019 года»;
/// - relative year words are inside: «в сентябре прошлого года», «в конце прошлого года»;
/// - a range is one span when it shares its tail («с 1 по 5 мая», «в 2019–2020 годах»,
///   «30 июня и 1 июля 2019 года», «с 1994 по 2000 годы»), two when each end is complete
///   («с сентября 2005 года» + «по август 2010»);
/// - NEREL's DATE also covers durations («два года», «1 год 6 месяцев», «23-летний срок»),
///   frequencies («ежегодно», «каждые три года») and vague time («в настоящее время», «недавно»),
///   so these are tagged too, with ISO 8601 durations (`P2Y`, `P1Y6M`) and repeating intervals
///   (`R/P3Y`) as values;
/// - ages are not dates (NEREL tags them AGE): «40-летний политик», «в возрасте 92 лет», «в 90 лет».
///
/// **Values** (`Mention.value`): ISO 8601 at the precision the text gives — `2019-06-12`, `2017-02`,
/// `2020`, `2021-W11` (a week), `2020-Q4`; periods and parts as ranges `start/end` (see
/// `DateInterval`, `PeriodPart`, `Season`): «в конце прошлого года» → `2020-09/2020-12` (a year's
/// начало/середина/конец are its thirds of four months), «в начале марта» → `2021-03-01/2021-03-10`,
/// «летом 2020 года» → `2020-06/2020-08`, «1990-е годы» → `1990/1999`, «XX век» → `1900/1999`,
/// «2019/20 сезон» → `2019/2020`, «с 2006 года» → `2006/..`, «до 2020 года» → `../2020`.
/// Relative expressions resolve against `document.published`: «вчера» → published − 1 day,
/// «в понедельник» → the latest Monday on or before it (news report the past), «через два дня»
/// → published + 2 days, «три года назад» → the year, «30 октября» without a year → the year that
/// puts it nearest to published. Two-digit years in numeric dates: 00–49 → 20YY, 50–99 → 19YY.
/// Without an anchor (`published` unknown) or when the expression refers to another date of the
/// text («в тот же день», «годом позже»), `value` is nil and `relative` describes it as sorted
/// `key=value` pairs, signed numbers being shifts: `month=9,year=-1`, `anchor=context,day=+1`,
/// `count=few,duration=year`.
///
/// Months and weekdays without a year take the sentence's tense into account: a future cue
/// («будет», «планируют», «состоится» — `future-cue` in `Gazetteers/dates/syntax.tsv`) points
/// forward, a past-tense verb (-л, -ла, -ли…) back; without either a month takes the nearest year
/// and a weekday the past. Offsets tied to an event («через два года после Брексита») and
/// anaphoric expressions are left unresolved.
///
/// **Not tagged:** vague time words with no value to give («в настоящее время», «в последнее
/// время», «недавно», «на днях», «накануне» — NEREL marks them inconsistently: rules for them
/// matched a gold span in 18 of 111 and 12 of 44 cases on NEREL train).
///
/// **Not dates:** times of day («в 10:30», «в 23:11») are not tagged (NEREL has a separate TIME
/// type); amounts and codes («8,1 млн», «1+1», «APT29», phone numbers, «2000 человек») are never
/// read as dates; dates in boilerplate blocks («© 2024» in a footer) are tagged with
/// `boilerplate: true`.
public struct DateTagger: Sendable {
    public let lexicon: DateLexicon

    public init(lexicon: DateLexicon) {
        self.lexicon = lexicon
    }

    /// Loads the vocabulary from a folder of TSV files (normally `Gazetteers/dates`).
    public init(directory: URL) throws {
        self.init(lexicon: try DateLexicon.load(directory: directory))
    }

    /// DATE mentions of `document`, sorted by start, non-overlapping.
    public func tag(_ document: Document, _ segmentation: Segmentation) -> [Mention] {
        let matches = self.matches(segmentation)
        guard !matches.isEmpty else { return [] }
        var out: [Mention] = []
        out.reserveCapacity(matches.count)
        let tokens = segmentation.tokens
        for m in matches {
            let first = tokens[m.start], last = tokens[m.end - 1]
            // ASCII digits at the token's end: code points and bytes agree.
            let cut = Int32(m.suffixScalars)
            let start = cut > 0 ? last.end - cut : first.start
            let byteStart = cut > 0 ? last.byteEnd - cut : first.byteStart
            var mention = Mention(start: start, end: last.end, tokenRange: m.start..<m.end, type: .DATE,
                                  text: document.string(bytes: Int(byteStart)..<Int(last.byteEnd)),
                                  source: "rule:" + m.rule)
            let (value, relative) = Self.value(of: m, anchor: document.published)
            mention.value = value
            mention.relative = relative
            mention.boilerplate = segmentation.blockFlags(ofToken: m.start).isBoilerplate
            out.append(mention)
        }
        return out
    }

    /// The grammar's matches as token ranges (tests and tools).
    func matches(_ segmentation: Segmentation) -> [DateMatch] {
        let tokens = segmentation.tokens
        let n = tokens.count
        guard n > 0 else { return [] }
        var lo = [Int32](repeating: 0, count: n)
        var hi = [Int32](repeating: 0, count: n)
        var result: [DateMatch] = []
        segmentation.keyBytes.withUnsafeBufferPointer { keys in
            tokens.withUnsafeBufferPointer { toks in
                // One hash lookup per word token; digits and punctuation skip it.
                for i in 0..<n {
                    let t = toks[i]
                    guard t.kind == .word, !t.has(.digit) || t.has(.hyphenated) else { continue }
                    let r = lexicon.lookup(UnsafeBufferPointer(rebasing: keys[t.keyRange]))
                    lo[i] = Int32(r.lowerBound)
                    hi[i] = Int32(r.upperBound)
                }
                lo.withUnsafeBufferPointer { lop in
                    hi.withUnsafeBufferPointer { hip in
                      lexicon.entries.withUnsafeBufferPointer { entries in
                        let grammar = DateGrammar(lexicon: lexicon, entries: entries, tokens: toks, keys: keys, lo: lop, hi: hip)
                        var i = 0
                        while i < n {
                            if var m = grammar.match(at: i), m.end > i {
                                if m.spec.needsTense {
                                    m.spec.direction = grammar.tense(of: sentenceRange(segmentation.sentences, containing: m.start) ?? 0..<n)
                                }
                                result.append(m)
                                i = m.end
                            } else {
                                i += 1
                            }
                        }
                      }
                    }
                }
            }
        }
        return result
    }

    /// The token range of the sentence holding token `i` (binary search).
    func sentenceRange(_ sentences: [Sentence], containing i: Int) -> Range<Int>? {
        var lo = 0, hi = sentences.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let r = sentences[mid].tokenRange
            if r.upperBound <= i { lo = mid + 1 } else if r.lowerBound > i { hi = mid } else { return r }
        }
        return nil
    }

    /// `value` and `relative` of a match.
    static func value(of m: DateMatch, anchor: CalendarDate?) -> (String?, String?) {
        let spec = m.spec
        switch spec.kind {
        case .duration:
            if spec.vague == nil, let d = spec.isoDuration { return (d, nil) }
            return (nil, spec.relative)
        case .frequency:
            var f = spec
            if f.amount == nil { f.amount = 1 }
            if let d = f.isoDuration { return ("R/" + d, nil) }
            return (nil, spec.relative)
        case .vague:
            return (nil, spec.relative)
        case .point:
            guard let a = spec.resolve(anchor: anchor) else {
                var rel = spec.relative
                if let e = m.endSpec { rel += "/" + e.relative }
                if m.open == .from { rel = "from:" + rel }
                if m.open == .until { rel = "until:" + rel }
                return (nil, rel)
            }
            if let e = m.endSpec {
                guard let b = e.resolve(anchor: anchor) else { return (nil, spec.relative + "/" + e.relative) }
                return (DateInterval.formatPoint(a.start, a.precision) + "/" + DateInterval.formatPoint(b.end, b.precision), nil)
            }
            switch m.open {
            case .from: return (DateInterval.formatPoint(a.start, a.precision) + "/..", nil)
            case .until: return ("../" + DateInterval.formatPoint(a.end, a.precision), nil)
            case .none: return (a.iso, nil)
            }
        }
    }
}
