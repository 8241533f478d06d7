/// Whether an all-caps abbreviation takes case endings.
///
/// Russian declines an initialism only when it is read as a word ending in a consonant
/// («МИД» [мид] → МИДа, МИДом; «ОМОН», «ВУЗ»), not when it is spelled letter by letter
/// («ФСБ» [эф-эс-бэ], «ЦРУ», «США» stay). The dictionary decides for abbreviations it knows
/// (OpenCorpora marks МИД declinable, США/ФСБ/ЦРУ Fixd); for unknown ones this rule reads the
/// letters: it declines when it ends in a consonant right after a vowel and has a vowel in every
/// run of at most two consonants — i.e. it is pronounceable as a syllable sequence.
enum AbbreviationRules {
    static let vowels: Set<Unicode.Scalar> = ["а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я"]
    static let nonFinal: Set<Unicode.Scalar> = ["й", "ь", "ъ"]

    static func declines(_ letters: [Unicode.Scalar]) -> Bool {
        guard letters.count >= 3, let last = letters.last, !vowels.contains(last), !nonFinal.contains(last),
              vowels.contains(letters[letters.count - 2]) else { return false }
        var run = 0
        for l in letters {
            if vowels.contains(l) { run = 0 } else { run += 1; if run > 2 { return false } }
        }
        return true
    }
}
