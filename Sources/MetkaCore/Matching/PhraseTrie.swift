/// A trie over token-key ids: every phrase (a sequence of token keys) leads to a node that
/// carries payloads (indexes of the gazetteer phrases it ends).
///
/// Stored as flat arrays so it can be written to and read from a binary cache in one copy:
/// root transitions are a dense array indexed by key id (every match attempt starts there and
/// most fail there); deeper transitions are an open-addressing table keyed by
/// `(node << 32) | key`; payloads are in CSR form (`payloadStart[node]..<payloadStart[node+1]`).
public struct PhraseTrie: Sendable {
    var rootChildren: [Int32] = []
    var edgeKeys: [UInt64] = []
    var edgeValues: [Int32] = []
    var payloadStart: [Int32] = [0]
    var payloadList: [Int32] = []

    public var nodes: Int { payloadStart.count - 1 }

    init(rootChildren: [Int32], edgeKeys: [UInt64], edgeValues: [Int32], payloadStart: [Int32], payloadList: [Int32]) {
        self.rootChildren = rootChildren
        self.edgeKeys = edgeKeys
        self.edgeValues = edgeValues
        self.payloadStart = payloadStart
        self.payloadList = payloadList
    }

    static let emptyEdge = UInt64.max

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    @inline(__always)
    func child(_ node: Int32, _ key: Int32) -> Int32? {
        guard !edgeKeys.isEmpty else { return nil }
        let edge = (UInt64(UInt32(node)) << 32) | UInt64(UInt32(key))
        let mask = edgeKeys.count - 1
        var s = PhraseTrie.slot(edge, mask)
        while true {
            let k = edgeKeys[s]
            if k == edge { return edgeValues[s] }
            if k == PhraseTrie.emptyEdge { return nil }
            s = (s + 1) & mask
        }
    }

    /// Calls `found(end, payloads)` for every phrase that starts at `start` in `keys`
    /// (token-key ids, -1 for keys outside the vocabulary), shortest first.
    @inline(__always)
    public func matches(in keys: UnsafeBufferPointer<Int32>, from start: Int, _ found: (Int, ArraySlice<Int32>) -> Void) {
        let first = keys[start]
        guard first >= 0, Int(first) < rootChildren.count else { return }
        var node = rootChildren[Int(first)]
        guard node >= 0 else { return }
        var i = start
        while true {
            let a = Int(payloadStart[Int(node)]), b = Int(payloadStart[Int(node) + 1])
            if a < b { found(i + 1, payloadList[a..<b]) }
            i += 1
            guard i < keys.count else { return }
            let k = keys[i]
            guard k >= 0, let next = child(node, k) else { return }
            node = next
        }
    }
}

/// Builds a `PhraseTrie` with dictionaries, then freezes it into flat arrays.
public struct PhraseTrieBuilder {
    private var rootChildren: [Int32] = []
    private var children: [UInt64: Int32] = [:]
    private var payloadsOf: [Int32: [Int32]] = [:]
    private var nodeCount: Int32 = 1

    public init() {}

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

    public func build() -> PhraseTrie {
        var size = 16
        while size < children.count * 2 { size <<= 1 }
        var keys = [UInt64](repeating: PhraseTrie.emptyEdge, count: children.isEmpty ? 0 : size)
        var values = [Int32](repeating: -1, count: keys.count)
        // Insert in sorted order so the table's layout is deterministic.
        for (edge, child) in children.sorted(by: { $0.key < $1.key }) {
            var s = PhraseTrie.slot(edge, size - 1)
            while keys[s] != PhraseTrie.emptyEdge { s = (s + 1) & (size - 1) }
            keys[s] = edge
            values[s] = child
        }
        var start: [Int32] = [0]
        var list: [Int32] = []
        for node in 0..<nodeCount {
            list += (payloadsOf[node] ?? []).sorted()
            start.append(Int32(list.count))
        }
        return PhraseTrie(rootChildren: rootChildren, edgeKeys: keys, edgeValues: values, payloadStart: start, payloadList: list)
    }
}
