import Foundation
import Testing
@testable import MetkaCore

@Suite struct TopicFeatureTests {
    @Test func stemmerFoldsInflections() {
        #expect(Set(["атака", "атаки", "атаками", "атаку", "атак"].map(TopicStemmer.stem)) == ["атак"])
        #expect(Set(["кибербезопасность", "кибербезопасности", "кибербезопасностью"].map(TopicStemmer.stem)) == ["кибербезопасност"])
        #expect(TopicStemmer.stem("хакерской") == TopicStemmer.stem("хакерская"))
        #expect(TopicStemmer.stem("россии") == TopicStemmer.stem("россия"))
        // Short words, Latin words and mixed tokens pass unchanged.
        #expect(TopicStemmer.stem("сша") == "сша")
        #expect(TopicStemmer.stem("apt29") == "apt29")
        #expect(TopicStemmer.stem("solarwinds") == "solarwinds")
    }

    static func extractor() throws -> TopicFeatureExtractor {
        let lexicon = try TopicLexicon.load(directory: TestData.root.appendingPathComponent(TopicClassifier.lexiconDirectory),
                                            segmenter: TestData.pipeline.resources.segmenter, termSource: StemTermSource())
        return TopicFeatureExtractor(lexicon: lexicon)
    }

    static func names(_ text: String, extractor: TopicFeatureExtractor) -> Set<String> {
        let (doc, seg) = TestData.segment(text)
        let names = FeatureNames()
        var hashes: [UInt64] = []
        extractor.extract(TaggedDocument(document: doc, segmentation: seg), into: &hashes, names: names)
        return Set(hashes.compactMap { names.names[$0] })
    }

    @Test func unigramsBigramsAndEvidence() throws {
        let f = Self.names("Хакерская группа APT29 провела атаку на серверы МИД Франции.", extractor: try Self.extractor())
        #expect(f.contains("w:хакерск"))
        #expect(f.contains("b:хакерск групп"))
        // Stopwords are skipped and bigrams span them.
        #expect(!f.contains("w:на"))
        #expect(f.contains("b:атак сервер"))
        #expect(f.contains("e:apt-group"))
        #expect(f.contains("e:foreign-ministry"))
        // A number breaks the bigram chain.
        let g = Self.names("атака 2021 сервер", extractor: try Self.extractor())
        #expect(!g.contains("b:атак сервер"))
    }

    @Test func boilerplateBlocksAreExcluded() throws {
        let f = Self.names(TestData.fixture("sample/rbc-mfa-cyber-guarantees.txt"), extractor: try Self.extractor())
        #expect(f.contains("w:кибербезопасност"))
        // «Как пресечь виктимблейминг…» is an РБК Pro promo line; the calendar and footer too.
        #expect(!f.contains(where: { $0.contains("виктимблейминг") }))
        #expect(!f.contains(where: { $0.contains("vseinfo") }))
    }

    @Test func lemmaSourceCanReplaceStems() throws {
        let lexicon = TopicLexicon()
        let upper = ClosureTermSource(id: "test-upper") { tagged, i in Array(tagged.segmentation.key(i).uppercased().utf8) }
        let extractor = TopicFeatureExtractor(termSource: upper, lexicon: lexicon)
        let f = Self.names("атака", extractor: extractor)
        #expect(f == ["w:АТАКА"])
    }
}
