import MetkaCore
print("metka \(Metka.version) (ICU \(ICU.version)) \(ICU.regionName("US") ?? "-") \(ICU.nfc("е\u{0308}"))")
