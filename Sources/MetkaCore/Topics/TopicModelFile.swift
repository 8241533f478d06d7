import Foundation

/// The binary model file (`Models/topics/model.bin`) and its manifest (`manifest.json`).
///
/// Layout, little-endian: magic `MTKTOPIC`, u32 version, u32 labels L, u32 features F,
/// u32 name-blob bytes; L label ids (u16 length + UTF-8); per label f32 bias, a, b, threshold;
/// F u64 hashes (sorted); F·L f16 weights (row-major by feature — half precision keeps the file
/// small; the loss is far below calibration noise); F u32 name end offsets; the name blob.
/// The manifest records the file's checksum (`FeatureHash.checksum`), which the loader verifies.
public enum TopicModelFile {
    public static let magic = Array("MTKTOPIC".utf8)
    public static let version: UInt32 = 1
    public static let modelName = "model.bin"
    public static let manifestName = "manifest.json"

    public static func encode(_ m: TopicModel) -> [UInt8] {
        var out = magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func f32(_ v: Float) { u32(v.bitPattern) }
        u32(version)
        u32(UInt32(m.labels.count))
        u32(UInt32(m.featureCount))
        u32(UInt32(m.nameBlob.count))
        for l in m.labels {
            u16(UInt16(l.utf8.count))
            out.append(contentsOf: l.utf8)
        }
        for l in m.labels.indices {
            f32(m.bias[l]); f32(m.plattA[l]); f32(m.plattB[l]); f32(m.thresholds[l])
        }
        for h in m.hashes { u64(h) }
        for r in m.rows { for l in m.labels.indices { u16(Float16(r[l]).bitPattern) } }
        for e in m.nameEnds { u32(e) }
        out.append(contentsOf: m.nameBlob)
        return out
    }

    /// Every Float16 bit pattern as a Float.
    static let halfTable: [Float] = (0...UInt16.max).map { Float(Float16(bitPattern: $0)) }

    public static func decode(_ bytes: [UInt8], path: String) throws -> TopicModel {
        var p = 0
        func need(_ n: Int) throws {
            if p + n > bytes.count { throw MetkaError.data("\(path): truncated topic model") }
        }
        func u32() throws -> UInt32 {
            try need(4)
            defer { p += 4 }
            return UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
        }
        func u16() throws -> UInt16 {
            try need(2)
            defer { p += 2 }
            return UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8
        }
        try need(8)
        guard Array(bytes[0..<8]) == magic else { throw MetkaError.data("\(path): not a Metka topic model") }
        p = 8
        guard try u32() == version else { throw MetkaError.data("\(path): unsupported topic model version") }
        let nl = Int(try u32()), nf = Int(try u32()), nb = Int(try u32())
        var labels: [String] = []
        for _ in 0..<nl {
            let n = Int(try u16())
            try need(n)
            labels.append(String(decoding: bytes[p..<p + n], as: UTF8.self))
            p += n
        }
        var bias: [Float] = [], a: [Float] = [], b: [Float] = [], t: [Float] = []
        for _ in 0..<nl {
            bias.append(Float(bitPattern: try u32())); a.append(Float(bitPattern: try u32()))
            b.append(Float(bitPattern: try u32())); t.append(Float(bitPattern: try u32()))
        }
        try need(nf * 8)
        let hashStart = p
        let hashes = bytes.withUnsafeBytes { raw in
            (0..<nf).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: hashStart + 8 * $0, as: UInt64.self)) }
        }
        p += nf * 8
        try need(nf * nl * 2)
        guard nl <= 16 else { throw MetkaError.data("\(path): more than 16 labels") }
        // Half to single precision through a table: without F16C each conversion is a library call.
        let half = halfTable
        let weightStart = p
        let rows = [SIMD16<Float>](unsafeUninitializedCapacity: nf) { buffer, initialized in
            let out = UnsafeMutableRawPointer(buffer.baseAddress!).bindMemory(to: Float.self, capacity: nf * 16)
            bytes.withUnsafeBytes { raw in
                half.withUnsafeBufferPointer { h in
                    var q = weightStart
                    for f in 0..<nf {
                        let row = out + f * 16
                        for l in 0..<16 {
                            if l < nl {
                                row[l] = h[Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: q, as: UInt16.self)))]
                                q += 2
                            } else {
                                row[l] = 0
                            }
                        }
                    }
                }
            }
            initialized = nf
        }
        p += nf * nl * 2
        try need(nf * 4)
        let endStart = p
        let ends = bytes.withUnsafeBytes { raw in
            (0..<nf).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: endStart + 4 * $0, as: UInt32.self)) }
        }
        p += nf * 4
        try need(nb)
        var model = TopicModel(labels: labels, hashes: hashes, weights: [], bias: bias, plattA: a, plattB: b,
                               thresholds: t, names: [])
        model.rows = rows
        model.nameBlob = Array(bytes[p..<p + nb])
        model.nameEnds = ends
        p += nb
        guard p == bytes.count else { throw MetkaError.data("\(path): trailing bytes in topic model") }
        return model
    }
}

/// What the manifest says about a model; the loader checks every field it can.
public struct TopicManifest: Sendable {
    public var model: String
    public var checksum: String
    public var termSource: String
    public var labels: [String]
    /// Checksums of the `Gazetteers/topics` files the features were built from.
    public var lexicon: [String: String]

    public static func read(_ url: URL) throws -> TopicManifest {
        guard let data = FileManager.default.contents(atPath: url.path),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw MetkaError.data("\(url.path): cannot read topic model manifest")
        }
        guard let model = obj["model"] as? String, let checksum = obj["checksum"] as? String,
              let termSource = obj["term_source"] as? String, let labels = obj["labels"] as? [String] else {
            throw MetkaError.data("\(url.path): manifest lacks model/checksum/term_source/labels")
        }
        return TopicManifest(model: model, checksum: checksum, termSource: termSource, labels: labels,
                             lexicon: obj["lexicon"] as? [String: String] ?? [:])
    }
}
