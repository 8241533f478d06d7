/// A trie over token-key ids: every phrase (a sequence of token keys) leads to a node that
/// carries payloads (indexes of the gazetteer phrases it ends).
///
/// Root transitions are a dense array indexed by key id (every match attempt starts there, and
/// most fail there); deeper transitions live in one hash map keyed by `(node << 32) | key`.
public struct PhraseTrie: Sendable {
    private var rootChildren: [Int32] = []
    private var children: [UInt64: Int32] = [:]
    private var payloadsOf: [Int32: [Int32]] = [:]
    private var nodeCount: Int32 = 1

    public init() {}

    public var nodes: Int { Int(nodeCount) }

    /// Adds `keys` (non-empty) ending in a node carrying `payload`.
    public mutating func insert(_ keys: [Int32], payload: Int32) {
        precondition(!keys.isEmpty)
        var node: Int32 = 0
        for (depth, key) in keys.enumerated() {
            if depth == 0 {
                if Int(key) >= rootChildren.count {
                    rootChildren.append(contentsOf: repeatElement(-1, count: Int(key) + 1 - rootChildren.count))
                }
                if rootChildren[Int(key)] < 0 {
                    rootChildren[Int(key)] = nodeCount
                    nodeCount += 1
                }
                node = rootChildren[Int(key)]
            } else {
                let edge = (UInt64(UInt32(node)) << 32) | UInt64(UInt32(key))
                if let next = children[edge] {
                    node = next
                } else {
                    children[edge] = nodeCount
                    node = nodeCount
                    nodeCount += 1
                }
            }
        }
        if payloadsOf[node]?.contains(payload) != true { payloadsOf[node, default: []].append(payload) }
    }

    /// Calls `found(end, payloads)` for every phrase that starts at `start` in `keys`
    /// (token-key ids, -1 for keys outside the vocabulary), shortest first.
    @inline(__always)
    public func matches(in keys: UnsafeBufferPointer<Int32>, from start: Int, _ found: (Int, [Int32]) -> Void) {
        let first = keys[start]
        guard first >= 0, Int(first) < rootChildren.count else { return }
        var node = rootChildren[Int(first)]
        guard node >= 0 else { return }
        var i = start
        while true {
            if let p = payloadsOf[node] { found(i + 1, p) }
            i += 1
            guard i < keys.count else { return }
            let k = keys[i]
            guard k >= 0, let next = children[(UInt64(UInt32(node)) << 32) | UInt64(UInt32(k))] else { return }
            node = next
        }
    }
}
