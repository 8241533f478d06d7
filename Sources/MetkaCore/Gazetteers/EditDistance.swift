/// Levenshtein distance over Unicode scalars, for "did you mean" suggestions on unknown keys.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The closest candidate within a distance that scales with the word (≤ 1 for short words,
    /// ≤ 2 from 5 letters, ≤ 3 from 9), or nil. Case is ignored (`loc` → `LOC`); ties go to the
    /// alphabetically first candidate.
    static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
        let limit = word.count >= 9 ? 3 : (word.count >= 5 ? 2 : 1)
        var best: (String, Int)?
        for candidate in candidates.sorted() {
            let d = between(word.lowercased(), candidate.lowercased())
            if d <= limit, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }
}
