import Foundation

/// Turns raw input (one JSON Lines record, or a whole plain-text document) into a `Document`,
/// or a precise `MetkaError.record` saying what is wrong.
///
/// Checks, in order: size limit, UTF-8 validity (with the byte offset of the first bad byte),
/// JSON syntax, the `text` field (present, a string, not empty, no NUL characters), optional
/// `id` (string or number; defaults to the line number), `title`, `published` (YYYY-MM-DD,
/// a timestamp's date part is accepted).
public struct RecordDecoder: Sendable {
    /// Largest accepted document in bytes; larger ones are reported, not processed.
    public var maxBytes: Int

    public static let defaultMaxBytes = 16 << 20

    public init(maxBytes: Int = RecordDecoder.defaultMaxBytes) {
        self.maxBytes = maxBytes
    }

    /// The id a record would get if its JSON cannot be read: `line-N`.
    public static func fallbackID(line: Int) -> String { "line-\(line)" }

    public func decodeJSONLine(_ bytes: ArraySlice<UInt8>, line: Int) throws -> Document {
        guard bytes.count <= maxBytes else {
            throw MetkaError.record("record of \(bytes.count) bytes exceeds the limit of \(maxBytes) bytes (--max-bytes)")
        }
        if let bad = RecordDecoder.firstInvalidUTF8(bytes) {
            throw MetkaError.record("invalid UTF-8 at byte \(bad) of the line")
        }
        if let fast = FlatJSONReader.fields(bytes, wanted: ["id", "text", "title", "published"]) {
            return try document(fromFlat: fast, line: line)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw MetkaError.record("invalid JSON: \(RecordDecoder.describe(error))")
        }
        guard let dict = object as? [String: Any] else {
            throw MetkaError.record("a JSON Lines record must be an object with a \"text\" field")
        }
        let id: String
        switch dict["id"] {
        case let s as String: id = s
        case let n as NSNumber: id = n.stringValue
        case nil, is NSNull: id = RecordDecoder.fallbackID(line: line)
        default: throw MetkaError.record("\"id\" must be a string or a number")
        }
        guard let rawText = dict["text"] else { throw RecordError(id: id, message: "missing \"text\" field") }
        guard let text = rawText as? String else { throw RecordError(id: id, message: "\"text\" must be a string") }
        let title = dict["title"] as? String
        var published: CalendarDate?
        if let p = dict["published"] as? String, !p.isEmpty {
            guard let d = CalendarDate(iso: p) else {
                throw RecordError(id: id, message: "\"published\" must be a date YYYY-MM-DD, got \"\(p.prefix(40))\"")
            }
            published = d
        }
        try RecordDecoder.validate(text: text, id: id)
        return Document(id: id, text: text, title: title, published: published)
    }

    /// The same checks as for a `JSONSerialization` object, on the fast reader's fields.
    func document(fromFlat f: [String: FlatJSONReader.Value], line: Int) throws -> Document {
        let id: String
        switch f["id"] {
        case .string(let s): id = s
        case .number(let n): id = n
        case nil, .null: id = RecordDecoder.fallbackID(line: line)
        default: throw MetkaError.record("\"id\" must be a string or a number")
        }
        guard let rawText = f["text"] else { throw RecordError(id: id, message: "missing \"text\" field") }
        guard case .string(let text) = rawText else { throw RecordError(id: id, message: "\"text\" must be a string") }
        var title: String?
        if case .string(let t) = f["title"] { title = t }
        var published: CalendarDate?
        if case .string(let p) = f["published"], !p.isEmpty {
            guard let d = CalendarDate(iso: p) else {
                throw RecordError(id: id, message: "\"published\" must be a date YYYY-MM-DD, got \"\(p.prefix(40))\"")
            }
            published = d
        }
        try RecordDecoder.validate(text: text, id: id)
        return Document(id: id, text: text, title: title, published: published)
    }

    /// A plain-text document (all of stdin).
    public func decodeText(_ bytes: [UInt8], id: String, published: CalendarDate?) throws -> Document {
        guard bytes.count <= maxBytes else {
            throw RecordError(id: id, message: "document of \(bytes.count) bytes exceeds the limit of \(maxBytes) bytes (--max-bytes)")
        }
        if let bad = RecordDecoder.firstInvalidUTF8(bytes[...]) {
            throw RecordError(id: id, message: "invalid UTF-8 at byte \(bad)")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }  // BOM is not text
        let text = String(decoding: body, as: UTF8.self)
        try RecordDecoder.validate(text: text, id: id)
        return Document(id: id, text: text, published: published)
    }

    static func validate(text: String, id: String) throws {
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw RecordError(id: id, message: "empty text")
        }
        // On the contiguous bytes: the generic `UTF8View.firstIndex(of:)` cost ~50 instructions a byte.
        let nul = text.utf8.withContiguousStorageIfAvailable { $0.firstIndex(of: 0) }
            ?? text.utf8.firstIndex(of: 0).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) }
        if let nul {
            throw RecordError(id: id, message: "text contains a NUL character at byte \(nul)")
        }
    }

    /// Byte offset of the first invalid UTF-8 sequence, or nil when the bytes are valid.
    public static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        // Fast pass over the contiguous bytes: ASCII and well-formed two-byte sequences (Cyrillic
        // text is almost all of them) are skipped without decoding; from the first other lead
        // byte on, the full check below decides (a two-byte sequence with lead C2…DF and one
        // continuation byte is always valid: U+0080…U+07FF, no surrogates, not overlong).
        let skip = bytes.withUnsafeBufferPointer { p -> Int in
            var k = 0
            let n = p.count
            while k < n {
                let b = p[k]
                if b < 0x80 { k += 1; continue }
                if b >= 0xC2 && b <= 0xDF && k + 1 < n && p[k + 1] & 0xC0 == 0x80 { k += 2; continue }
                break
            }
            return k
        }
        var i = bytes.startIndex + skip
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let n: Int
            let minValue: UInt32
            var value: UInt32
            switch b {
            case 0xC2...0xDF: n = 2; value = UInt32(b & 0x1F); minValue = 0x80
            case 0xE0...0xEF: n = 3; value = UInt32(b & 0x0F); minValue = 0x800
            case 0xF0...0xF4: n = 4; value = UInt32(b & 0x07); minValue = 0x10000
            default: return i - bytes.startIndex
            }
            guard i + n <= end else { return i - bytes.startIndex }
            for k in 1..<n {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i - bytes.startIndex }
                value = (value << 6) | UInt32(c & 0x3F)
            }
            if value < minValue || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return i - bytes.startIndex }
            i += n
        }
        return nil
    }

    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let detail = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return ns.localizedDescription
    }
}

/// A record-level error that already knows its record id.
public struct RecordError: Error, CustomStringConvertible, Sendable {
    public var id: String
    public var message: String
    public var description: String { message }
}
