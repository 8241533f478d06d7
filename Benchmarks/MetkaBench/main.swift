import Foundation
import MetkaCore

// metka-bench — release-build throughput of Metka's stages. A benchmark, not a test:
// prints numbers, asserts nothing. Usage: metka-bench --corpus DIR [--metka PATH] [--mb N] [--segmentation-only] [--gazetteer-only]
// (`--segmentation-only` skips the full-pipeline runs, e.g. under a profiler; `--gazetteer-only` runs
// only the gazetteer load and matching stage.)

func argument(_ name: String) -> String? {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU time of the calling thread: on a shared machine the single-core numbers are reported per
/// CPU second as well as per wall second, since other processes steal wall time, not CPU time.
func threadCPUNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

func format(_ x: Double) -> String { String(format: "%.2f", x) }

/// News texts to measure on: factRuEval dev texts, NEREL texts, or the bundled sample.
func loadTexts(corpus: String) -> [String] {
    let fm = FileManager.default
    var texts: [String] = []
    let factru = corpus + "/factrueval2016/devset"
    if let files = try? fm.contentsOfDirectory(atPath: factru) {
        for f in files.sorted() where f.hasSuffix(".txt") {
            if let t = try? String(contentsOfFile: factru + "/" + f, encoding: .utf8) { texts.append(t) }
        }
    }
    if texts.isEmpty, let sample = try? String(contentsOfFile: "Tests/Fixtures/sample/rbc-mfa-cyber-guarantees.txt", encoding: .utf8) {
        texts.append(sample)
    }
    return texts
}

let corpus = argument("--corpus") ?? "../shared/corpora"
let targetMB = Double(argument("--mb") ?? "20") ?? 20
let base = loadTexts(corpus: corpus)
guard !base.isEmpty else { fatalError("no texts found under \(corpus)") }
var documents: [Document] = []
var bytes = 0
var chars = 0
while Double(bytes) < targetMB * 1_048_576 {
    for t in base {
        documents.append(Document(id: String(documents.count), text: t))
        bytes += t.utf8.count
        chars += t.unicodeScalars.count
    }
}
print("corpus: \(documents.count) docs, \(format(Double(bytes) / 1_048_576)) MB, \(chars) chars (\(base.count) distinct texts from \(corpus))")

let segmentationOnly = CommandLine.arguments.contains("--segmentation-only")

// Gazetteers (issue 4): load + compile of all bundled lists, cold and from the compiled cache,
// and the matcher alone over pre-tokenized text. `--gazetteer-only` runs just this stage.
if CommandLine.arguments.contains("--gazetteer-only") || !segmentationOnly {
    let root = try DataLocator.dataRoot()
    let gazetteers = root.appendingPathComponent("Gazetteers")
    var start = now()
    let morphology = try RussianMorphology.load(directory: root.appendingPathComponent("Models/morphology"))
    let lexiconMs = (now() - start) * 1000
    let forms: (GazetteerEntry, GazetteerAlias) -> [String] = { _, alias in morphology.phraseForms(alias.text) }
    start = now()
    let (cold, _) = try CompiledGazetteer.load(directory: gazetteers, userFolders: [], lexicon: morphology.lexicon, cache: nil, forms: forms)
    let coldMs = (now() - start) * 1000
    let cacheURL = FileManager.default.temporaryDirectory.appendingPathComponent("metka-bench-gazetteer-\(ProcessInfo.processInfo.processIdentifier).bin")
    defer { try? FileManager.default.removeItem(at: cacheURL) }
    _ = try CompiledGazetteer.load(directory: gazetteers, userFolders: [], lexicon: morphology.lexicon, cache: cacheURL, forms: forms)
    var cachedMs: [Double] = [], cachedCPUMs: [Double] = []
    for _ in 0..<5 {
        start = now()
        let cpu0 = threadCPUNow()
        _ = try CompiledGazetteer.load(directory: gazetteers, userFolders: [], lexicon: morphology.lexicon, cache: cacheURL, forms: forms)
        cachedMs.append((now() - start) * 1000)
        cachedCPUMs.append((threadCPUNow() - cpu0) * 1000)
    }
    cachedMs.sort()
    cachedCPUMs.sort()
    let aliases = cold.entries.reduce(0) { $0 + $1.aliases.count }
    print("gazetteer load: \(cold.entries.count) entries, \(aliases) aliases, \(cold.phrases.count) phrases, \(cold.trie.nodes) trie nodes; "
          + "cold parse+inflect+compile \(format(coldMs)) ms; from compiled cache (fingerprint + read) median \(format(cachedMs[2])) ms wall, \(format(cachedCPUMs[2])) ms CPU, min \(format(cachedMs[0])) ms wall; "
          + "(morphology lexicon load, needed by both: \(format(lexiconMs)) ms)")

    // Matching alone: the texts are segmented first (not timed); the timed part is the token-key
    // lookup (`keyIDs`) plus the trie walk with its capitalisation checks (`candidates`).
    let segmenter = Segmenter(lexicon: try SegmentationLexicon.load(directory: gazetteers.appendingPathComponent("segmentation")))
    let segmented = documents.map { ($0, segmenter.segment($0)) }
    var found = 0
    var lookup = 0.0, walk = 0.0, lookupCPU = 0.0, walkCPU = 0.0
    for (d, seg) in segmented {
        let t0 = now(), c0 = threadCPUNow()
        let ids = cold.keyIDs(seg)
        let t1 = now(), c1 = threadCPUNow()
        found += cold.candidates(d, seg, keyIDs: ids).count
        walk += now() - t1
        walkCPU += threadCPUNow() - c1
        lookup += t1 - t0
        lookupCPU += c1 - c0
    }
    let mb = Double(bytes) / 1_048_576
    // Wall time counts waiting for a core on a shared machine; thread CPU time does not.
    print("gazetteer matching (1 core, after segmentation): \(format(mb / (lookup + walk))) MB/s wall, "
          + "\(format(mb / (lookupCPU + walkCPU))) MB/s per CPU second "
          + "(key lookup \(format(mb / lookupCPU)) MB/s, trie walk \(format(mb / walkCPU)) MB/s per CPU second), \(found) candidates")
    if CommandLine.arguments.contains("--gazetteer-only") { exit(0) }
}
let t0 = now()
let root = try DataLocator.dataRoot()
let pipeline: Pipeline? = segmentationOnly ? nil : try Pipeline(dataRoot: root)
let segmenter = try pipeline?.resources.segmenter
    ?? Segmenter(lexicon: SegmentationLexicon.load(directory: root.appendingPathComponent("Gazetteers/segmentation")))
print("load: \(format((now() - t0) * 1000)) ms (data root \(root.path))")

// Segmentation alone, one core.
do {
    let start = now(), cpuStart = threadCPUNow()
    var tokens = 0
    for d in documents { tokens += segmenter.segment(d).tokens.count }
    let s = now() - start, cpu = threadCPUNow() - cpuStart
    print("segmentation (1 core): \(format(Double(bytes) / 1_048_576 / s)) MB/s, \(format(Double(chars) / s / 1e6)) M chars/s, \(format(Double(tokens) / s / 1e6)) M tokens/s"
          + "; per CPU second: \(format(Double(bytes) / 1_048_576 / cpu)) MB/s")
}

// Date rules alone (issue 6: < 10 % of the pipeline), one core: only the tagging is timed.
if let pipeline, let dates = pipeline.resources.dates {
    var spent = 0.0
    var found = 0
    for d in documents {
        let seg = segmenter.segment(d)
        let start = now()
        found += dates.tag(d, seg).count
        spent += now() - start
    }
    print("dates (1 core, after segmentation): \(format(Double(chars) / spent / 1e6)) M chars/s, \(found) mentions")
}

// Full pipeline, one core.
if let pipeline {
    let start = now(), cpuStart = threadCPUNow()
    var mentions = 0
    for d in documents { mentions += pipeline.process(d).mentions.count }
    let s = now() - start, cpu = threadCPUNow() - cpuStart
    print("pipeline (1 core): \(format(Double(chars) / s / 1e6)) M chars/s, \(format(Double(documents.count) / s)) docs/s, \(mentions) mentions"
          + "; per CPU second: \(format(Double(chars) / cpu / 1e6)) M chars/s")
}

// Full pipeline, all cores (documents are independent).
if let pipeline {
    let workers = ProcessInfo.processInfo.activeProcessorCount
    let start = now()
    let docs = documents
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var i = w
        while i < docs.count {
            _ = pipeline.process(docs[i])
            i += workers
        }
    }
    let s = now() - start
    print("pipeline (\(workers) cores): \(format(Double(chars) / s / 1e6)) M chars/s, \(format(Double(docs.count) / s)) docs/s")
}
// Morphology alone: lexicon load and analysis throughput on the same texts (per core, warm cache).
if !segmentationOnly {
    let sample = base.prefix(60).joined(separator: "\n")
    let report = try MorphologyBenchmark.run(directory: root.appendingPathComponent("Models/morphology"), text: sample, passes: 30)
    print("morphology: \(report)")
}
print("peak RSS: \(format(peakRSSMiB())) MiB")

// Topic classification after tagging, one core: the topic stage's own cost per document.
if let pipeline, let topics = pipeline.resources.topics {
    let tagged = base.map { pipeline.process(Document(id: "t", text: $0)) }
    var n = 0, emitted = 0
    // Thread CPU time too: on a shared machine wall time also counts waiting for a core.
    func cpu() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    let start = now(), startCPU = cpu()
    while now() - start < 2 {
        for t in tagged { emitted += topics.classify(t).count }
        n += tagged.count
    }
    let s = now() - start, c = cpu() - startCPU
    print("topics (1 core, after tagging): \(format(Double(n) / s)) docs/s wall, \(format(Double(n) / c)) docs/s CPU (\(tagged.count) distinct docs, \(format(Double(emitted) / Double(n))) topics/doc)")
}

// Start-up: `metka tag` on a one-line input, median of 11 runs.
if let metka = argument("--metka") {
    var times: [Double] = []
    for _ in 0..<11 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: metka)
        p.arguments = ["tag", "--format", "jsonl"]
        let input = Pipe()
        p.standardInput = input
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        // Not `waitUntilExit()`: on Linux it polls its run loop and rounds every start-up up to
        // ~100 ms; the termination handler fires when the child is reaped.
        let exited = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in exited.signal() }
        let start = now()
        try p.run()
        input.fileHandleForWriting.write("Путин прилетел в Москву.\n".data(using: .utf8)!)
        try input.fileHandleForWriting.close()
        exited.wait()
        times.append(now() - start)
    }
    times.sort()
    print("start-up (metka tag, one line): median \(format(times[5] * 1000)) ms, min \(format(times[0] * 1000)) ms")
}
