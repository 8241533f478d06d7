/// The one policy that settles overlapping candidates: **longest span wins; among equally long
/// spans the higher priority wins; then the earlier start; then the earlier source name**.
///
/// Why longest-first: a longer match carries more evidence («Министерство иностранных дел
/// России» over «России»; «Джордж Вашингтон» over the city «Вашингтон»), and the output is a flat
/// layer of outermost names, as the reference corpora score it. The losers are kept as
/// `--explain` notes on the winner they overlap.
public enum OverlapPolicy {
    public static let name = "longest-then-priority"

    /// Selected candidates in text order, each with the sources of the candidates it beat.
    public static func resolve(_ candidates: [Candidate]) -> [(Candidate, [String])] {
        let order = candidates.indices.sorted { a, b in
            let x = candidates[a], y = candidates[b]
            if x.tokenRange.count != y.tokenRange.count { return x.tokenRange.count > y.tokenRange.count }
            if x.priority != y.priority { return x.priority > y.priority }
            if x.tokenRange.lowerBound != y.tokenRange.lowerBound { return x.tokenRange.lowerBound < y.tokenRange.lowerBound }
            return x.source < y.source
        }
        var taken: [(Candidate, [String])] = []
        // token → index in `taken` (-1: free); an array, not a dictionary, on this per-token path
        var owner = [Int](repeating: -1, count: candidates.map(\.tokenRange.upperBound).max() ?? 0)
        for i in order {
            let c = candidates[i]
            if let clash = c.tokenRange.first(where: { owner[$0] >= 0 }).map({ owner[$0] }) {
                taken[clash].1.append(beatNote(c))
                continue
            }
            for t in c.tokenRange { owner[t] = taken.count }
            taken.append((c, []))
        }
        return taken.sorted { $0.0.tokenRange.lowerBound < $1.0.tokenRange.lowerBound }
    }

    /// "<source> <TYPE> (longest-then-priority)": one append to the source instead of an
    /// interpolation (notes are built for every beaten candidate, `--explain` or not).
    static func beatNote(_ c: Candidate) -> String {
        var note = c.source
        note.append(beatSuffixes[CandidateModel.classIndex(c.type)])
        return note
    }

    static let beatSuffixes: [String] = EntityType.allCases.sorted { CandidateModel.classIndex($0) < CandidateModel.classIndex($1) }
        .map { " \($0.rawValue) (\(name))" }
}
