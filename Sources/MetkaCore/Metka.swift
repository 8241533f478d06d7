/// Library-wide constants.
public enum Metka {
    /// Semantic version of the tagger; written into run manifests and archive `metka_runs`.
    public static let version = "0.1.0"
}
