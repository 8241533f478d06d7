/// Turns calibrated per-label scores into the emitted topic set.
///
/// A label is emitted when its score reaches its threshold. An implied label (diplomacy → politics)
/// is also emitted whenever its implying label is, and then keeps its own score: its classifier is
/// trained on its own evidence only (`TopicTaxonomy.trainingTargets`), so the score says how much
/// the text is about politics beyond the diplomacy that implies it, and the implied label ranks
/// after the topics the text is actually about instead of copying diplomacy's score (or sitting at
/// a threshold that can outrank a genuine second topic). Such a label is the one case where an
/// emitted score may be below its threshold; `implied` names the label that brought it.
/// Output order: score descending, then label id ascending (deterministic).
public enum TopicDecision {
    public static func decide(scores: [Double], thresholds: [Double], implications: [(from: Int, to: Int)], order: [Int]) -> [(label: Int, score: Double, implied: Int?)] {
        var emitted = [Bool](repeating: false, count: scores.count)
        var impliedBy = [Int?](repeating: nil, count: scores.count)
        for l in order {
            emitted[l] = scores[l] >= thresholds[l]
            for (from, to) in implications where to == l && emitted[from] && !emitted[l] {
                emitted[l] = true
                impliedBy[l] = from
            }
        }
        return emitted.indices.filter { emitted[$0] }.map { ($0, scores[$0], impliedBy[$0]) }
    }

    /// Sorts by score descending then id ascending.
    public static func sorted(_ topics: [TopicScore]) -> [TopicScore] {
        topics.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
    }
}
