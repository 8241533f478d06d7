import Foundation

/// Association measures of one entity pair, all defined on unit counts.
///
/// With N = units that contain at least one counted entity, c(a) and c(b) the units containing
/// each entity and c(ab) the units containing both (logarithms are base 2):
///
///     PMI     = log2( c(ab) · N / (c(a) · c(b)) )
///     NPMI    = PMI / −log2( c(ab) / N )            (1 when c(ab) = N)
///     Dice    = 2 · c(ab) / (c(a) + c(b))
///     Jaccard = c(ab) / (c(a) + c(b) − c(ab))
///
/// PMI favours rare pairs (a pair seen once between two entities seen once scores log2 N), so it
/// is meant to be read with `--min-count`; NPMI lies in [−1, 1], Dice and Jaccard in [0, 1].
public struct PairMeasures: Sendable, Hashable {
    public var count: Int
    public var pmi: Double
    public var npmi: Double
    public var dice: Double
    public var jaccard: Double

    public init(count cab: Int, frequencyA ca: Int, frequencyB cb: Int, units n: Int) {
        count = cab
        let ab = Double(cab), a = Double(ca), b = Double(cb), total = Double(n)
        if cab > 0 && ca > 0 && cb > 0 && n > 0 {
            pmi = log2(ab * total / (a * b))
            let h = -log2(ab / total)
            npmi = h > 0 ? pmi / h : 1
        } else {
            pmi = 0
            npmi = cab > 0 ? 1 : -1
        }
        dice = ca + cb > 0 ? 2 * ab / (a + b) : 0
        jaccard = ca + cb - cab > 0 ? ab / (a + b - ab) : 0
    }

    public func value(_ measure: CooccurrenceMeasure) -> Double {
        switch measure {
        case .count: Double(count)
        case .pmi: pmi
        case .npmi: npmi
        case .dice: dice
        case .jaccard: jaccard
        }
    }
}

/// Trend of a per-slice series: the least-squares slope of the rate per 1000 units over the
/// slice index, using only slices that have units. Rates rather than raw counts, so that a
/// growing archive does not look like a growing relationship. 0 with fewer than two slices.
public enum SliceTrend {
    public static func slope(counts: [Int], units: [Int]) -> Double {
        var xs: [Double] = [], ys: [Double] = []
        for (i, n) in units.enumerated() where n > 0 {
            xs.append(Double(i))
            ys.append(1000 * Double(counts[i]) / Double(n))
        }
        guard xs.count >= 2 else { return 0 }
        let mx = xs.reduce(0, +) / Double(xs.count)
        let my = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0, sxx = 0.0
        for k in xs.indices {
            sxy += (xs[k] - mx) * (ys[k] - my)
            sxx += (xs[k] - mx) * (xs[k] - mx)
        }
        return sxx > 0 ? sxy / sxx : 0
    }
}
