import Testing
@testable import MetkaCore

@Suite struct ICUTests {
    @Test func nfcComposesYo() { #expect(ICU.nfc("е\u{0308}лка") == "ёлка") }
    @Test func lowercaseCyrillic() { #expect(ICU.lowercase("МИД США") == "мид сша") }
    @Test func cldrRegionNameInRussian() {
        #expect(ICU.regionName("DE") == "Германия")
        #expect(ICU.regionName("ZZ9") == nil)
    }
    @Test func transliteration() { #expect(ICU.transliterate("Путин", transform: "Cyrillic-Latin") == "Putin") }
}
