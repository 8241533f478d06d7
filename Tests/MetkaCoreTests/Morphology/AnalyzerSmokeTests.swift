import Testing
@testable import MetkaCore

@Suite struct AnalyzerSmokeTests {
    let m = MorphologyTestSupport.shared

    @Test func dump() {
        for w in ["стали", "все", "Ивановой", "МИДа", "МИД", "Шмыговой", "Петровичем", "США", "Нижнем", "Кроме", "ещё", "еще", "Юрьевич", "ОМОНом", "Microsoft", "Сергеевича", "Штатов", "Соединённых"] {
            let ps = m.analyze(w)
            print(w, ps.prefix(4).map { "\($0.lemma) [\($0.grammemes)] \($0.source.rawValue) \($0.score) form=\($0.form)" })
        }
    }
}
