#!/usr/bin/python3
# extraction_score.py — the article-extraction benchmark's metric, written
# from its description in shared/data/README.md: tokens are runs of \w+ (case
# kept), each text is the multiset of its 4-token shingles (fewer than 4
# tokens: one shingle), per page tp/fp/fn are multiset overlaps divided by
# their sum so each page weighs the same, precision and recall are averaged
# over pages, F1 from the two averages. Scores reel's output beside every
# baseline on the same pages, and times python3-readability on them.
import json
import os
import re
import sys
import time
from collections import Counter

TOKEN = re.compile(r"\w+")


def shingles(text):
    toks = TOKEN.findall(text or "")
    if len(toks) < 4:  # even none: the empty text is one empty shingle
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + 4]) for i in range(len(toks) - 3))


def page_counts(pred, truth):
    p, t = shingles(pred), shingles(truth)
    tp = sum((p & t).values())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    total = tp + fp + fn
    return tp / total, fp / total, fn / total


def score(preds, truth, ids):
    precs, recs = [], []
    for i in ids:
        tp, fp, fn = page_counts(preds.get(i, ""), truth[i])
        precs.append(tp / (tp + fp) if tp + fp > 0 else 0.0)
        recs.append(tp / (tp + fn) if tp + fn > 0 else 0.0)
    p = sum(precs) / len(precs)
    r = sum(recs) / len(recs)
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return f1, p, r


def bodies(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    return {k: (v.get("articleBody") or "") if isinstance(v, dict) else (v or "")
            for k, v in d.items()}


def time_readability(data_dir, ids, min_seconds):
    from readability import Document
    pages = []
    for i in ids:
        with open(os.path.join(data_dir, "html", i + ".html"), "rb") as f:
            pages.append(f.read())
    nbytes = sum(len(p) for p in pages)
    # CPU time of this process, as bench_extraction_run measures reel's
    rounds, t0 = 0, time.process_time()
    while True:
        for p in pages:
            Document(p).summary()
        rounds += 1
        el = time.process_time() - t0
        if el >= min_seconds:
            break
    n = rounds * len(pages)
    return n / el, rounds * nbytes / el / 1e6


def main():
    if len(sys.argv) < 3:
        print("usage: extraction_score.py DATA_DIR REEL_JSON [REEL_SPEED_JSON]",
              file=sys.stderr)
        return 2
    data_dir, reel_json = sys.argv[1], sys.argv[2]
    truth = bodies(os.path.join(data_dir, "ground-truth.json"))
    ids = sorted(truth)
    # the metric's own ends: the truth scores 1, nothing scores 0
    assert score(truth, truth, ids) == (1.0, 1.0, 1.0)
    assert score({}, truth, ids)[0] == 0.0
    rows = [("reel", score(bodies(reel_json), truth, ids))]
    bdir = os.path.join(data_dir, "baselines")
    for name in sorted(os.listdir(bdir)):
        if name.endswith(".json"):
            rows.append((name[:-5], score(bodies(os.path.join(bdir, name)), truth, ids)))
    print(f"extraction quality on {len(ids)} pages of {data_dir} "
          "(4-token shingles, per-page normalised)")
    print(f"{'extractor':<16} {'F1':>6} {'prec':>6} {'recall':>6}")
    for name, (f1, p, r) in sorted(rows, key=lambda x: -x[1][0]):
        mark = "  <- reel" if name == "reel" else ""
        print(f"{name:<16} {f1:6.3f} {p:6.3f} {r:6.3f}{mark}")
    if os.environ.get("REEL_PAGES"):
        # optional per-page breakdown for development
        for i in ids:
            tp, fp, fn = page_counts(bodies(reel_json).get(i, ""), truth[i])
            print(f"{i[:12]} tp {tp:.3f} fp {fp:.3f} fn {fn:.3f}")
    if len(sys.argv) > 3:
        with open(sys.argv[3]) as f:
            sp = json.load(f)
        rps, rmbs = time_readability(data_dir, ids, float(os.environ.get("BENCH_SECONDS", "3")))
        print()
        print(f"speed on the same {len(ids)} pages ({sp['bytes'] / 1e6:.1f} MB), "
              "pages in memory, per second of CPU time on one core")
        print(f"{'extractor':<22} {'pages/s':>9} {'MB/s':>7} {'x readability':>14}")
        print(f"{'reel read+clean':<22} {sp['pages_per_s']:9.1f} {sp['mb_per_s']:7.2f} "
              f"{sp['pages_per_s'] / rps:13.1f}x")
        print(f"{'python3-readability':<22} {rps:9.1f} {rmbs:7.2f} {1.0:13.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
