#!/usr/bin/python3
"""imdb_films.py DATA_DIR — the evidence behind the IMDB dev split held out
by film (cli/train_data.c, imdb_split). imdb_train.tsv.gz has no film ids;
rare capitalised names (in at most 5 reviews: character and actor names)
tie the reviews of one film together. This prints (1) where the films of
each block of positive IDs sit among the negative IDs, and (2) for the dev
split reel uses and for a naive one (the last 10% of IDs of each class),
how many dev reviews share two such names with one training review."""
import collections
import gzip
import re
import sys

rows = [l.rstrip("\n").split("\t") for l in
        gzip.open(sys.argv[1] + "/imdb_train.tsv.gz", "rt", encoding="utf-8")]
pos = [r[2] for r in rows if r[0] == "1"]
neg = [r[2] for r in rows if r[0] == "0"]
names = lambda t: set(re.findall(r"\b[A-Z][a-z]{3,}\b", t))
P, N = [names(t) for t in pos], [names(t) for t in neg]
df = collections.Counter()
for s in P + N:
    df.update(s)
rare = lambda s: {w for w in s if df[w] <= 5}
P, N = [rare(s) for s in P], [rare(s) for s in N]

where = collections.defaultdict(list)
for j, s in enumerate(N):
    for w in s:
        where[w].append(j)
print("positive IDs -> negative IDs sharing the most rare names")
for a in range(0, 12500, 1250):
    hist = collections.Counter()
    for i in range(a, a + 1250):
        for w in P[i]:
            for j in where[w]:
                hist[j // 100] += 1
    (top, c), = hist.most_common(1)
    print("  %5d-%5d -> %5d-%5d (%d links)" % (a, a + 1249, top * 100, top * 100 + 99, c))


def leak(dev, train):
    """dev reviews sharing two or more rare names with one training review
    (one shared name is often chance; two rarely are)"""
    index = collections.defaultdict(set)
    for k, s in enumerate(train):
        for w in s:
            index[w].add(k)
    n = 0
    for s in dev:
        hits = collections.Counter()
        for w in s:
            hits.update(index[w])
        n += any(c >= 2 for c in hits.values())
    return n


def split(reel):
    dev, train = [], []
    for i, s in enumerate(P):
        side = (1 if i >= 11250 else -1 if i >= 11150 else 0) if reel else (1 if i >= 11250 else 0)
        (dev if side == 1 else train if side == 0 else []).append(s)
    for j, s in enumerate(N):
        if reel:
            side = 1 if 3600 <= j < 4850 else -1 if (3500 <= j < 3600 or 4850 <= j < 4950) else 0
        else:
            side = 1 if j >= 11250 else 0
        (dev if side == 1 else train if side == 0 else []).append(s)
    return dev, train


for label, reel in (("reel's split (by film)", True), ("naive: last 10% of IDs", False)):
    dev, train = split(reel)
    print("%-24s %d dev reviews, %d share two rare names with a training review"
          % (label, len(dev), leak(dev, train)))
