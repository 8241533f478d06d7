/// One name form as written in a list, with its markup decoded.
///
/// Syntax (see Gazetteers/README.md): a leading `=` means "match exactly as written, never
/// inflect"; a leading `?` marks an ambiguous alias that needs context; a word in `[brackets]`
/// is frozen (never inflected) while the rest of the phrase inflects. The markers may combine
/// (`?=US`). The plain `text` is what is displayed and what the compiler tokenizes.
public struct AliasForm: Hashable, Sendable {
    public var text: String
    public var isExact: Bool
    public var isAmbiguous: Bool
    /// Indices (0-based, in whitespace-separated words of `text`) of frozen words.
    public var frozenWords: [Int]

    public init(text: String, isExact: Bool = false, isAmbiguous: Bool = false, frozenWords: [Int] = []) {
        self.text = text
        self.isExact = isExact
        self.isAmbiguous = isAmbiguous
        self.frozenWords = frozenWords
    }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case unbalancedBracket(String)
        case bracketInsideWord(String)
        case emptyBrackets

        public var description: String {
            switch self {
            case .empty: "empty name"
            case .unbalancedBracket(let s): "unbalanced '[' or ']' in '\(s)'"
            case .bracketInsideWord(let s): "brackets must enclose whole words: '\(s)'"
            case .emptyBrackets: "empty brackets '[]'"
            }
        }
    }

    /// Decodes one alias field value.
    public static func parse(_ raw: Substring) throws(ParseError) -> AliasForm {
        var body = raw.trimmingSpacesSubstring()
        var exact = false, ambiguous = false
        while let c = body.first, c == "=" || c == "?" {
            if c == "=" { exact = true } else { ambiguous = true }
            body = body.dropFirst()
        }
        body = body.trimmingSpacesSubstring()
        if body.isEmpty { throw .empty }
        guard body.contains("[") || body.contains("]") else {
            return AliasForm(text: collapseSpaces(body), isExact: exact, isAmbiguous: ambiguous)
        }
        var words: [String] = []
        var frozen: [Int] = []
        for word in body.split(separator: " ", omittingEmptySubsequences: true) {
            let opens = word.filter { $0 == "[" }.count, closes = word.filter { $0 == "]" }.count
            if opens == 0 && closes == 0 {
                words.append(String(word))
                continue
            }
            guard opens == 1, closes == 1 else { throw .unbalancedBracket(String(body)) }
            guard word.first == "[", word.last == "]" else {
                // Allow trailing punctuation after the bracket only: "[Касперского]," is a slip too.
                throw .bracketInsideWord(String(word))
            }
            let inner = word.dropFirst().dropLast()
            if inner.isEmpty { throw .emptyBrackets }
            frozen.append(words.count)
            words.append(String(inner))
        }
        return AliasForm(text: words.joined(separator: " "), isExact: exact, isAmbiguous: ambiguous,
                              frozenWords: frozen)
    }

    /// The field form again (round trip), e.g. for `metka gazetteer expand` previews.
    public var written: String {
        var words = text.split(separator: " ").map(String.init)
        for i in frozenWords where i < words.count { words[i] = "[\(words[i])]" }
        return (isAmbiguous ? "?" : "") + (isExact ? "=" : "") + words.joined(separator: " ")
    }

    private static func collapseSpaces(_ s: Substring) -> String {
        s.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}

extension Substring {
    func trimmingSpacesSubstring() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
