// swift-tools-version:6.1
import PackageDescription

/// Metka: rule-plus-gazetteer named-entity and topic tagger for Russian news.
///
/// Module boundaries (see README, "Architecture"):
/// - `CMetkaICU`   — plain-C shim over system ICU (the only place ICU headers are seen).
/// - `MetkaCore`   — document model, segmentation, morphology, gazetteers, rules, dates, topics, writers.
/// - `MetkaArchive` — archive enrichment: SQLite through GRDB and, with the `PostgreSQL` trait,
///   PostgreSQL through PostgresNIO (the only importer of either).
///
/// Traits: `PostgreSQL` (default on) adds `metka enrich postgres://…`. A lean SQLite-only build:
/// `swift build --disable-default-traits` (see docs/postgres.md for what the trait costs).
/// - `metka`       — the command-line tool (the only importer of ArgumentParser).
let package = Package(
    name: "Metka",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "MetkaCore", targets: ["MetkaCore"]),
        .library(name: "MetkaArchive", targets: ["MetkaArchive"]),
        .executable(name: "metka", targets: ["metka"]),
        .executable(name: "metka-bench", targets: ["metka-bench"]),
    ],
    traits: [
        .trait(name: "PostgreSQL", description: "PostgreSQL archives for `metka enrich postgres://…` (vapor/postgres-nio)."),
        .default(enabledTraits: ["PostgreSQL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(
            name: "CMetkaICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(
            name: "MetkaCore",
            dependencies: ["CMetkaICU"]
        ),
        .target(
            name: "MetkaArchive",
            dependencies: [
                "MetkaCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
            ]
        ),
        .executableTarget(
            name: "metka",
            dependencies: [
                "MetkaCore",
                "MetkaArchive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "metka-bench",
            dependencies: ["MetkaCore"],
            path: "Benchmarks/MetkaBench"
        ),
        .testTarget(name: "MetkaCoreTests", dependencies: ["MetkaCore"], exclude: ["Fixtures"]),
        .testTarget(name: "MetkaCLITests", dependencies: ["MetkaCore", "metka"]),
        .testTarget(name: "MetkaArchiveTests", dependencies: ["MetkaCore", "MetkaArchive", "metka"]),
    ]
)
