import Foundation

/// A trained linear multi-label topic model: a feature vocabulary (hashes), one weight column per
/// label, Platt calibration and a decision threshold per label.
///
/// Scoring: features are counted, weighted `log(1 + count)`, L2-normalized over the features the
/// vocabulary knows; `z = bias + w·x`; the calibrated score is `1 / (1 + exp(a·z + b))`.
public struct TopicModel: Sendable {
    public var labels: [String]
    /// Sorted feature hashes.
    public var hashes: [UInt64]
    public var bias: [Float]
    public var plattA: [Float]
    public var plattB: [Float]
    public var thresholds: [Float]
    /// Readable feature names (`w:атак`, `b:хакерск атак`, `e:apt-group`), for `--explain`.
    public var nameBlob: [UInt8]
    public var nameEnds: [UInt32]

    /// The weights: one 16-lane vector per feature (labels padded with zeros), so scoring a
    /// feature is one vector multiply-add instead of a loop over labels. At most 16 labels.
    public internal(set) var rows: [SIMD16<Float>] = []

    /// Row-major weights `weights[feature * labels.count + label]` (file encoding, tests).
    public var weights: [Float] {
        var out: [Float] = []
        out.reserveCapacity(rows.count * labels.count)
        for r in rows { for l in labels.indices { out.append(r[l]) } }
        return out
    }

    @inline(__always)
    public func weight(feature f: Int, label l: Int) -> Float { rows[f][l] }

    /// Open-addressing table: slot → feature index + 1 (0 = empty).
    var table: [UInt32]
    var tableMask: Int

    public init(labels: [String], hashes: [UInt64], weights: [Float], bias: [Float], plattA: [Float], plattB: [Float],
                thresholds: [Float], names: [String]) {
        self.labels = labels
        self.hashes = hashes
        self.bias = bias
        self.plattA = plattA
        self.plattB = plattB
        self.thresholds = thresholds
        var blob: [UInt8] = []
        var ends: [UInt32] = []
        for n in names {
            blob.append(contentsOf: n.utf8)
            ends.append(UInt32(blob.count))
        }
        self.nameBlob = blob
        self.nameEnds = ends
        (table, tableMask) = Self.buildTable(hashes)
        rows = Self.buildRows(weights, labels: labels.count)
    }

    static func buildRows(_ weights: [Float], labels n: Int) -> [SIMD16<Float>] {
        precondition(n <= 16, "the topic model supports at most 16 labels")
        guard n > 0 else { return [] }
        let count = weights.count / n
        var rows = [SIMD16<Float>](repeating: .zero, count: count)
        for f in 0..<count { for l in 0..<n { rows[f][l] = weights[f * n + l] } }
        return rows
    }

    /// Replaces the weights (training: fold models share one vocabulary).
    mutating func setWeights(_ w: [Float], bias b: [Float]) {
        bias = b
        rows = Self.buildRows(w, labels: labels.count)
    }

    static func buildTable(_ hashes: [UInt64]) -> ([UInt32], Int) {
        var capacity = 16
        while capacity < hashes.count * 2 { capacity <<= 1 }
        var table = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (i, h) in hashes.enumerated() {
            var s = Int(truncatingIfNeeded: h) & mask
            while table[s] != 0 { s = (s + 1) & mask }
            table[s] = UInt32(i + 1)
        }
        return (table, mask)
    }

    @inlinable public var featureCount: Int { hashes.count }

    /// The vocabulary index of a feature hash.
    @inline(__always)
    public func index(of h: UInt64) -> Int? {
        var s = Int(truncatingIfNeeded: h) & tableMask
        while true {
            let v = table[s]
            if v == 0 { return nil }
            if hashes[Int(v - 1)] == h { return Int(v - 1) }
            s = (s + 1) & tableMask
        }
    }

    public func name(of feature: Int) -> String {
        let start = feature == 0 ? 0 : Int(nameEnds[feature - 1])
        return String(decoding: nameBlob[start..<Int(nameEnds[feature])], as: UTF8.self)
    }

    /// Sparse `log(1+count)`, L2-normalized vector over known features, sorted by feature index.
    public func vectorize(_ hashes: [UInt64]) -> SparseVector {
        var idx: [Int32] = []
        idx.reserveCapacity(hashes.count)
        for h in hashes { if let i = index(of: h) { idx.append(Int32(i)) } }
        return SparseVector.fromCounts(&idx)
    }

    /// Raw margins `z` per label.
    public func margins(_ x: SparseVector) -> [Double] {
        var acc = SIMD16<Float>.zero
        rows.withUnsafeBufferPointer { r in
            for k in 0..<x.indices.count { acc += r[Int(x.indices[k])] * x.values[k] }
        }
        return (0..<labels.count).map { Double(acc[$0]) + Double(bias[$0]) }
    }

    /// Calibrated scores per label.
    public func probabilities(_ x: SparseVector) -> [Double] {
        let z = margins(x)
        return z.indices.map { Platt.apply(a: Double(plattA[$0]), b: Double(plattB[$0]), z: z[$0]) }
    }
}

/// A sparse feature vector: strictly increasing indices with their values.
public struct SparseVector: Sendable, Hashable {
    public var indices: [Int32]
    public var values: [Float]

    public init(indices: [Int32], values: [Float]) {
        self.indices = indices
        self.values = values
    }

    /// Counts repeated indices (sorting `idx` in place), weights `log(1 + count)`, L2-normalizes.
    public static func fromCounts(_ idx: inout [Int32]) -> SparseVector {
        idx.sort()
        var indices: [Int32] = []
        var values: [Float] = []
        indices.reserveCapacity(idx.count)
        values.reserveCapacity(idx.count)
        var k = 0
        var norm: Float = 0
        while k < idx.count {
            var j = k + 1
            while j < idx.count && idx[j] == idx[k] { j += 1 }
            let v = log1pf(Float(j - k))
            indices.append(idx[k])
            values.append(v)
            norm += v * v
            k = j
        }
        if norm > 0 {
            let inv = 1 / norm.squareRoot()
            for i in values.indices { values[i] *= inv }
        }
        return SparseVector(indices: indices, values: values)
    }
}

/// Platt scaling: `p = 1 / (1 + exp(a·z + b))`, fit by Newton's method on held-out margins with
/// Platt's smoothed targets (so a label with few positives is not calibrated to 0/1).
public enum Platt {
    @inlinable
    public static func apply(a: Double, b: Double, z: Double) -> Double {
        let t = a * z + b
        return t >= 0 ? exp(-t) / (1 + exp(-t)) : 1 / (1 + exp(t))
    }

    public static func fit(margins z: [Double], targets y: [Bool]) -> (a: Double, b: Double) {
        let pos = Double(y.filter { $0 }.count), neg = Double(y.count) - pos
        guard pos > 0, neg > 0 else { return (-1, 0) }
        let hi = (pos + 1) / (pos + 2), lo = 1 / (neg + 2)
        let t = y.map { $0 ? hi : lo }
        var a = 0.0, b = log((neg + 1) / (pos + 1))
        func loss(_ a: Double, _ b: Double) -> Double {
            var s = 0.0
            for i in z.indices {
                let f = a * z[i] + b
                s += f >= 0 ? t[i] * f + log(1 + exp(-f)) : (t[i] - 1) * f + log(1 + exp(f))
            }
            return s
        }
        var current = loss(a, b)
        for _ in 0..<100 {
            var g1 = 0.0, g2 = 0.0, h11 = 1e-12, h22 = 1e-12, h21 = 0.0
            for i in z.indices {
                let p = apply(a: a, b: b, z: z[i])
                let d1 = t[i] - p
                let d2 = p * (1 - p)
                g1 += z[i] * d1; g2 += d1
                h11 += z[i] * z[i] * d2; h22 += d2; h21 += z[i] * d2
            }
            if abs(g1) < 1e-6 && abs(g2) < 1e-6 { break }
            let det = h11 * h22 - h21 * h21
            let da = -(h22 * g1 - h21 * g2) / det
            let db = -(-h21 * g1 + h11 * g2) / det
            var step = 1.0
            while step > 1e-8 {
                let na = a + step * da, nb = b + step * db
                let l = loss(na, nb)
                if l < current + 1e-4 * step * (g1 * da + g2 * db) { a = na; b = nb; current = l; break }
                step /= 2
            }
            if step <= 1e-8 { break }
        }
        return (a, b)
    }
}
