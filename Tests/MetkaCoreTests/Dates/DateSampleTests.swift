import Testing
@testable import MetkaCore

/// The sample RBC article (issue 6 acceptance): relative dates resolved against 2021-03-25.
@Suite("DATE mentions of the sample article")
struct DateSampleTests {
    static let text = TestData.fixture("sample/rbc-mfa-cyber-guarantees.txt")

    @Test("expected dates and values")
    func values() {
        let mentions = DateTestSupport.tag(Self.text, published: "2021-03-25")
        func value(_ span: String) -> String? { mentions.first { $0.text == span }?.value }
        #expect(value("в сентябре прошлого года") == "2020-09")
        #expect(value("В прошлом сентябре") == "2020-09")
        #expect(value("В феврале 2017 года") == "2017-02")
        #expect(value("В июне 2019 года") == "2019-06")
        #expect(value("в конце прошлого года") == "2020-09/2020-12")
    }

    @Test("calendar digits and the footer year are not article dates")
    func boilerplate() {
        let mentions = DateTestSupport.tag(Self.text, published: "2021-03-25")
        let body = mentions.filter { !$0.boilerplate }
        #expect(!body.contains { $0.text.contains("2024") || $0.text.allSatisfy(\.isNumber) }, "\(body.map(\.text))")
        #expect(mentions.first { $0.text == "2024" }?.boilerplate == true)
    }

    @Test("the pipeline appends DATE mentions sorted by start")
    func pipeline() {
        let doc = Document(id: "sample", text: Self.text, published: CalendarDate(iso: "2021-03-25"))
        let tagged = TestData.pipeline.process(doc)
        let dates = tagged.mentions.filter { $0.type == .DATE }
        #expect(dates.contains { $0.text == "в конце прошлого года" && $0.value == "2020-09/2020-12" })
        #expect(tagged.mentions.map(\.start) == tagged.mentions.map(\.start).sorted())
    }
}
