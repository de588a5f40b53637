"""Column keys of the row lists: one name per column, shared by the screens that draw, sort and
filter them (and by ``Column.key``)."""

from __future__ import annotations

TEXT = "text"
GIVEN = "given"
SUGGESTED = "suggested"
SCORE = "score"
DECISION = "decision"
ROW = "row"
NEAREST = "nearest"  # outliers: distance to the nearest row
SET = "set"  # near-duplicates: "!" when the set's labels conflict
SIZE = "size"
LABELS = "labels"
SIM = "sim"  # more like this: cosine similarity to the source (or another value, e.g. a re-audit's score)
RANK = "rank"  # more like this: position in the similarity order
FLAGS = "flags"  # one letter per check that flags the row
