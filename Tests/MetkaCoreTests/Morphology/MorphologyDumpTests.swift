import Foundation
import Testing
@testable import MetkaCore

/// Dev hook for `Scripts/morphology/*.py`: with METKA_MORPH_DUMP_IN=path (lines `kind<TAB>text`,
/// kind ∈ word, person, phrase, forms) writes METKA_MORPH_DUMP_OUT with a third column: the top
/// lemma (word: `lemma|POS` of the best parse), the normalized name, the nominative phrase, or
/// all forms joined by « ; ». Does nothing (and passes) without the variable.
@Suite struct MorphologyDumpTests {
    @Test func dump() throws {
        let env = ProcessInfo.processInfo.environment
        guard let input = env["METKA_MORPH_DUMP_IN"], let output = env["METKA_MORPH_DUMP_OUT"] else { return }
        let m = MorphologyTestSupport.shared
        var out = ""
        for line in try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 2 else { continue }
            let text = cols[1]
            let result: String
            switch cols[0] {
            case "word":
                let ps = m.analyze(text)
                let all = env["METKA_MORPH_DUMP_ALL"] != nil
                result = (all ? ps : Array(ps.prefix(1))).map {
                    "\($0.lemma)|\($0.grammemes.partOfSpeech)|\($0.source.rawValue)" + (all ? "|\($0.grammemes)|\($0.score)" : "")
                }.joined(separator: " ; ")
            case "person": result = m.normalizePerson(text.split(separator: " ")).normal
            case "phrase": result = m.normalizePhrase(text.split(separator: " "))
            case "forms": result = m.phraseForms(String(text)).joined(separator: " ; ")
            default: result = ""
            }
            out += "\(cols[0])\t\(text)\t\(result)\n"
        }
        try out.write(toFile: output, atomically: true, encoding: .utf8)
    }
}
