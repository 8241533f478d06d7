/// 64-bit FNV-1a hashing for topic features: stable across runs and platforms (unlike `Hasher`,
/// which is seeded per process), so a trained model's feature ids mean the same thing everywhere.
public enum FeatureHash {
    public static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inlinable
    public static func of(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = offset) -> UInt64 {
        var h = seed
        for b in bytes { h = (h ^ UInt64(b)) &* prime }
        return h
    }

    public static func of(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { of($0) }
    }

    /// Combines two hashes (bigrams, namespaces) with a final avalanche step (splitmix64).
    @inlinable
    public static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &* 0x9e37_79b9_7f4a_7c15 ^ (b &+ 0x632b_e59b_d9b4_e019)
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Checksum of a file's bytes, as recorded in model manifests: FNV-1a over 64-bit
    /// little-endian words (then the tail bytes) — eight times fewer multiplies than bytewise,
    /// which matters for start-up on a multi-megabyte model. Integrity, not security.
    public static func checksum(_ bytes: [UInt8]) -> String {
        var h = offset
        bytes.withUnsafeBytes { raw in
            let words = raw.count / 8
            for i in 0..<words { h = (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) &* prime }
            for i in (words * 8)..<raw.count { h = (h ^ UInt64(raw[i])) &* prime }
        }
        let hex = String(h, radix: 16)
        return "fnv1a64w:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
