#!/usr/bin/env python3
"""Inter-annotator agreement on the double-labelled NEREL sample (dev-time only).

Compares Tests/Fixtures/topics/nerel-double.tsv (an independent second labelling of the first 60
nerel-dev documents) with the same documents in nerel-a.tsv: exact label-set match, primary-label
match, mean Jaccard, and per-label Cohen's kappa (presence/absence over the shared documents).
Usage: python3 Scripts/topics/agreement.py
"""
import csv
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read(name):
    with open(os.path.join(ROOT, "Tests/Fixtures/topics", name), encoding="utf-8") as fh:
        return {(r["corpus"], r["id"]): r["labels"].split(",") for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}


def kappa(a, b):
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return (po - pe) / (1 - pe) if pe < 1 else float("nan")


def main():
    a, b = read("nerel-a.tsv"), read("nerel-double.tsv")
    keys = [k for k in b if k in a]
    n = len(keys)
    exact = sum(set(a[k]) == set(b[k]) for k in keys)
    primary = sum(a[k][0] == b[k][0] for k in keys)
    jacc = sum(len(set(a[k]) & set(b[k])) / len(set(a[k]) | set(b[k])) for k in keys) / n
    print(f"documents {n}: exact set match {exact}/{n} = {exact / n:.3f}; primary match {primary}/{n} = {primary / n:.3f}; mean Jaccard {jacc:.3f}")
    labels = sorted({l for k in keys for l in a[k] + b[k]})
    print(f"{'label':<20}{'A':>4}{'B':>4}{'both':>6}{'kappa':>8}")
    ks = []
    for l in labels:
        xa = [l in a[k] for k in keys]
        xb = [l in b[k] for k in keys]
        kp = kappa(xa, xb)
        ks.append(kp)
        print(f"{l:<20}{sum(xa):>4}{sum(xb):>4}{sum(x and y for x, y in zip(xa, xb)):>6}{kp:>8.3f}")
    print(f"mean per-label kappa {sum(ks) / len(ks):.3f}")


if __name__ == "__main__":
    main()
