import Foundation
import GRDB
import MetkaCore

/// One row of the input table as read, before tagging.
struct ArticleRow: Sendable {
    /// The archive's own id value, stored as is in Metka's tables (integer or text).
    let id: DatabaseValue
    let text: DatabaseValue
    let title: DatabaseValue
    let date: DatabaseValue
    /// The text's length in bytes as SQLite stores it (nil when unknown).
    var storedBytes: Int? = nil

    /// Checksum of everything that feeds the tagger (text, title, date), so an edit to any of
    /// them re-tags the article. Storage classes are part of the hash: `1` and `'1'` differ.
    var contentHash: String {
        var sum = Checksum()
        for value in [text, title, date] { ArticleRow.add(value, to: &sum) }
        return sum.hex
    }

    static func add(_ value: DatabaseValue, to sum: inout Checksum) {
        switch value.storage {
        case .null: sum.add(CollectionOfOne(0))
        case .int64(let i): sum.add(CollectionOfOne(1)); sum.addField(String(i))
        case .double(let d): sum.add(CollectionOfOne(2)); sum.addField(String(d))
        case .string(let s): sum.add(CollectionOfOne(3)); sum.addField(s)
        case .blob(let b): sum.add(CollectionOfOne(4)); sum.add(b); sum.addField(nil)
        }
    }

    /// The id as Metka's `Document.id` (text form of the archive's value).
    var idString: String { ArticleRow.string(id) ?? "" }

    static func string(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .blob(let b): return String(bytes: b, encoding: .utf8)
        }
    }

    /// The document to tag, or the reason this row cannot be tagged (recorded in `metka_article_status.error`).
    func document(maxBytes: Int) -> Result<Document, ArticleFailure> {
        let text: String
        switch self.text.storage {
        case .null: return .failure(ArticleFailure("text is NULL"))
        case .string(let s):
            if let stored = storedBytes, stored > s.utf8.count {
                return .failure(ArticleFailure("text contains a NUL character at byte \(s.utf8.count)"))
            }
            text = s
        case .blob(let b):
            if b.count > maxBytes { return .failure(ArticleFailure.tooLarge(b.count, maxBytes)) }
            if let bad = RecordDecoder.firstInvalidUTF8(ArraySlice(b)) {
                return .failure(ArticleFailure("text is a BLOB that is not valid UTF-8 (byte \(bad))"))
            }
            text = String(decoding: b, as: UTF8.self)
        case .int64: return .failure(ArticleFailure("text is an integer, not a string"))
        case .double: return .failure(ArticleFailure("text is a real number, not a string"))
        }
        let bytes = text.utf8.count
        if bytes > maxBytes { return .failure(ArticleFailure.tooLarge(bytes, maxBytes)) }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { return .failure(ArticleFailure("empty text")) }
        if let nul = text.utf8.firstIndex(of: 0) {
            return .failure(ArticleFailure("text contains a NUL character at byte \(text.utf8.distance(from: text.utf8.startIndex, to: nul))"))
        }
        return .success(Document(id: idString, text: text, title: ArticleRow.string(title), published: ArticleRow.date(date)))
    }

    /// Dates as archives keep them: ISO text (`2021-03-25`, a timestamp's date part), or Unix
    /// seconds (milliseconds when the number is too large to be seconds). Anything else: no date.
    static func date(_ value: DatabaseValue) -> CalendarDate? {
        let epoch = CalendarDate(year: 1970, month: 1, day: 1)!.ordinal
        func fromSeconds(_ s: Double) -> CalendarDate? {
            let seconds = abs(s) > 1e11 ? s / 1000 : s
            guard seconds.isFinite, abs(seconds) < 1e13 else { return nil }
            return CalendarDate(ordinal: epoch + Int((seconds / 86_400).rounded(.down)))
        }
        switch value.storage {
        case .string(let s): return CalendarDate(iso: s.trimmingCharacters(in: .whitespaces))
        case .int64(let i): return fromSeconds(Double(i))
        case .double(let d): return fromSeconds(d)
        case .null, .blob: return nil
        }
    }
}

/// Why one article was not tagged.
struct ArticleFailure: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
    static func tooLarge(_ bytes: Int, _ limit: Int) -> ArticleFailure {
        ArticleFailure("text of \(bytes) bytes exceeds the limit of \(limit) bytes (--max-bytes)")
    }
}
