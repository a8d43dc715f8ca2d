#!/usr/bin/python3
"""VADER anchor for bench/sentiment.sh: reads "label<TAB>text" lines and
prints the accuracy of NLTK's SentimentIntensityAnalyzer (compound >= 0 is
positive), with the lexicon read in place from shared/data/lexicons."""
import os
import sys

from nltk.sentiment.vader import SentimentIntensityAnalyzer



class Analyzer(SentimentIntensityAnalyzer):
    """NLTK's VADER; its lexicon reader trips on the file's final newline
    (NLTK's own zipped copy has none), so blank lines are skipped."""

    def make_lex_dict(self):
        lex = {}
        for line in self.lexicon_file.split("\n"):
            if line.strip():
                word, measure = line.strip().split("\t")[0:2]
                lex[word] = float(measure)
        return lex


lexicon = os.path.abspath(sys.argv[1])
sia = Analyzer(lexicon_file="file:" + lexicon)
n = correct = 0
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            label, _, text = line.rstrip("\n").partition("\t")
            pos = sia.polarity_scores(text)["compound"] >= 0
            correct += pos == (label == "1")
            n += 1
print("%d %d %.4f" % (n, correct, 100.0 * correct / max(n, 1)))
