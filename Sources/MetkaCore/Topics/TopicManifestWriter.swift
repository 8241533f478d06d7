/// Writes `Models/topics/manifest.json`: how the model was made and how well it does. Keys in a
/// fixed order, numbers with fixed decimals, so the same training run writes the same bytes.
public enum TopicManifestWriter {
    public static func encode(modelFile: String, modelBytes: [UInt8], termSource: String, lexicon: TopicLexicon,
                              taxonomy: TopicTaxonomy, result: TopicTrainer.Result, options: TopicTrainer.Options,
                              command: String, trainData: String, trainChecksum: String,
                              dev: TopicEvaluation?, devData: String?) -> [UInt8] {
        var j = JSONText(indent: 2)
        j.beginObject()
        j.field("model", modelFile)
        j.field("checksum", FeatureHash.checksum(modelBytes))
        j.field("bytes", modelBytes.count)
        j.field("format", "MTKTOPIC v\(TopicModelFile.version)")
        j.field("term_source", termSource)
        j.beginArray(key: "labels")
        for id in taxonomy.ids { j.value(id) }
        j.endArray()
        j.beginObject(key: "lexicon")
        for (k, v) in lexicon.checksums.sorted(by: { $0.key < $1.key }) { j.field(k, v) }
        j.endObject()
        j.field("command", command)
        j.beginObject(key: "training")
        j.field("data", trainData)
        j.field("data_checksum", trainChecksum)
        j.field("documents", result.trainDocuments)
        j.field("gold_documents", result.goldDocuments)
        j.beginObject(key: "documents_by_corpus")
        for (k, v) in result.documentsByCorpus.sorted(by: { $0.key < $1.key }) { j.field(k, v) }
        j.endObject()
        j.beginObject(key: "positives")
        for id in taxonomy.ids { j.field(id, result.positives[id] ?? 0) }
        j.endObject()
        j.field("features_seen", result.featuresSeen)
        j.field("features_kept", result.model.featureCount)
        j.field("seed", Int(options.seed))
        j.field("epochs", options.epochs)
        j.field("l2", options.l2, decimals: 8)
        j.field("folds", options.folds)
        j.field("min_document_frequency", options.minDocumentFrequency)
        j.field("max_features", options.maxFeatures)
        j.field("average_epochs", options.averageEpochs)
        j.field("positive_weight_cap", options.positiveWeightCap, decimals: 2)
        j.endObject()
        j.beginObject(key: "thresholds")
        for (l, id) in taxonomy.ids.enumerated() { j.field(id, Double(result.model.thresholds[l]), decimals: 4) }
        j.endObject()
        writeMetrics(&j, key: "cross_validation", result.crossValidation, data: "out-of-fold, gold training documents (thresholds tuned here)")
        if let dev { writeMetrics(&j, key: "dev", dev, data: devData ?? "") }
        j.endObject()
        return j.bytes + [0x0A]
    }

    static func writeMetrics(_ j: inout JSONText, key: String, _ e: TopicEvaluation, data: String) {
        j.beginObject(key: key)
        j.field("data", data)
        j.field("documents", e.documents)
        j.field("micro_f1", e.microF1, decimals: 4)
        j.field("macro_f1", e.macroF1, decimals: 4)
        j.beginObject(key: "per_label")
        for r in e.rows {
            j.beginObject(key: r.label)
            j.field("support", r.support)
            j.field("p", r.precision, decimals: 4)
            j.field("r", r.recall, decimals: 4)
            j.field("f1", r.f1, decimals: 4)
            j.endObject()
        }
        j.endObject()
        j.endObject()
    }
}
