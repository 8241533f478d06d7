#!/usr/bin/env python3
"""Dev-only comparison baseline: scikit-learn TF-IDF + LogisticRegression on the same split.

Trains one logistic regression per label (one-vs-rest) on OUT/train.jsonl — honouring the same
label masks and weights as Metka's trainer, so rubric documents only teach the labels their rubric
speaks about — and scores OUT/dev.jsonl with the same metric as `metka topics eval` (per-label
P/R/F1, micro/macro over the taxonomy; diplomacy implies politics in predictions too).

Two variants are reported: sklearn defaults (threshold 0.5) and class_weight="balanced".
Needs a private venv: python3 -m venv /work/venvs/topics && /work/venvs/topics/bin/pip install scikit-learn
Usage: /work/venvs/topics/bin/python Scripts/topics/baseline.py [--data /work/data/topics]
"""
import argparse
import json
import os

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def labels_order():
    return [l.split("\t")[0] for l in open(os.path.join(ROOT, "Models/topics/labels.tsv"), encoding="utf-8")
            if l.strip() and not l.startswith("#")]


def load(path):
    return [json.loads(l) for l in open(path, encoding="utf-8")]


def evaluate(labels, gold, pred):
    rows, tp_all, fp_all, fn_all, f1s = [], 0, 0, 0, []
    for l in labels:
        tp = sum(1 for g, p in zip(gold, pred) if l in g and l in p)
        fp = sum(1 for g, p in zip(gold, pred) if l not in g and l in p)
        fn = sum(1 for g, p in zip(gold, pred) if l in g and l not in p)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        rows.append((l, tp + fn, pr, rc, f1))
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        f1s.append(f1)
    mp = tp_all / (tp_all + fp_all) if tp_all + fp_all else 0.0
    mr = tp_all / (tp_all + fn_all) if tp_all + fn_all else 0.0
    micro = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    return rows, micro, float(np.mean(f1s))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/work/data/topics")
    a = ap.parse_args()
    labels = labels_order()
    train, dev = load(os.path.join(a.data, "train.jsonl")), load(os.path.join(a.data, "dev.jsonl"))
    vec = TfidfVectorizer(sublinear_tf=True, min_df=2)
    xtr = vec.fit_transform([d["text"] for d in train])
    xdv = vec.transform([d["text"] for d in dev])
    gold = [set(d["labels"]) for d in dev]
    for variant, cw in (("default", None), ("balanced", "balanced")):
        pred = [set() for _ in dev]
        for l in labels:
            idx = [i for i, d in enumerate(train) if l in d.get("mask", labels)]
            y = np.array([1 if l in train[i]["labels"] else 0 for i in idx])
            w = np.array([train[i].get("weight", 1.0) for i in idx])
            clf = LogisticRegression(max_iter=2000, class_weight=cw)
            clf.fit(xtr[idx], y, sample_weight=w)
            for i, p in enumerate(clf.predict(xdv)):
                if p:
                    pred[i].add(l)
        for p in pred:
            if "diplomacy" in p:
                p.add("politics")
        rows, micro, macro = evaluate(labels, gold, pred)
        print(f"== baseline TF-IDF + LogisticRegression ({variant}), train {len(train)} docs, dev {len(dev)} docs")
        print(f"{'label':<20}{'support':>8}{'P':>8}{'R':>8}{'F1':>8}")
        for l, s, pr, rc, f1 in rows:
            print(f"{l:<20}{s:>8}{pr:>8.3f}{rc:>8.3f}{f1:>8.3f}")
        print(f"micro-F1 {micro:.3f}  macro-F1 {macro:.3f}\n")


if __name__ == "__main__":
    main()
