"""Build ``data/modern_abstracts.jsonl`` from the entity lists in ``data/modern_annotations.jsonl``.

Usage::

    python scripts/make_modern_corpus.py            # writes data/modern_abstracts.jsonl
    python scripts/make_modern_corpus.py --check    # only report problems
    python scripts/make_modern_corpus.py --papers data/scirex_abstracts.jsonl \
        --annotations data/scirex_guideline_annotations.jsonl --out data/scirex_guideline.jsonl

The annotations list, for each paper of the bundled sample (``kg/data/sample``, read with
:func:`kg.ingest.read_inputs`; or of the corpus ``--papers``, records with ``id``, ``title`` and
``text``), the entities its title and abstract name, each as the exact surface string and a
label (see ``data/GUIDELINE.md``). This script turns the
lists into the corpus format of :func:`kg.corpus.load_corpus`: every whole-word, case-sensitive
occurrence of a listed string in the title or the abstract becomes a mention of its label,
longer strings first, never overlapping ("Motion Mamba" keeps its "Mamba"). Title mentions
carry ``"field": "title"``. The output depends only on the two inputs.

Some papers appear in more than one listing of the sample and were annotated twice, by
different annotators working independently; the first annotation is used, and the script
reports the paper-level agreement of the two (:func:`kg.corpus.score_papers`).
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from kg.corpus import load_corpus, score_papers  # noqa: E402
from kg.fileio import atomic_write  # noqa: E402
from kg.ingest import read_inputs  # noqa: E402
from kg.model import LABELS, Paper  # noqa: E402

ANNOTATIONS = ROOT / "data" / "modern_annotations.jsonl"
CORPUS = ROOT / "data" / "modern_abstracts.jsonl"


def _whole_word(string):
    """A pattern for ``string`` standing as whole words (not inside a longer word)."""
    return re.compile(r"(?<!\w)" + re.escape(string) + r"(?!\w)")


def occurrences(text, items):
    """Non-overlapping mentions of the listed ``(string, label)`` items in ``text``, longest first.

    >>> [(m["text"], m["label"]) for m in occurrences("Motion Mamba beats Mamba.",
    ...     [("Mamba", "Method"), ("Motion Mamba", "Method")])]
    [('Motion Mamba', 'Method'), ('Mamba', 'Method')]
    >>> occurrences("SSMs", [("SSM", "Method")])
    []
    """
    found = []
    for string, label in items:
        for m in _whole_word(string).finditer(text):
            found.append((m.start(), m.end(), label))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken, out = [], []
    for start, end, label in found:
        if not any(start < e and s < end for s, e in taken):
            taken.append((start, end))
            out.append({"start": start, "end": end, "text": text[start:end], "label": label})
    return sorted(out, key=lambda m: m["start"])


def agreement(annotations):
    """Paper-level P/R/F1 of second annotations against first ones, for papers annotated twice."""
    first, second = {}, {}
    for ann in annotations:
        (second if ann["id"] in first else first).setdefault(ann["id"], ann["entities"])
    ids = sorted(second)
    return len(ids), score_papers([first[i] for i in ids], [second[i] for i in ids])


def corpus_papers(path):
    """The papers of an annotated corpus file (read by :func:`kg.corpus.load_corpus`; its entities are not used)."""
    return [Paper(key=rec["id"], title=rec["title"], abstract=rec["text"]) for rec in load_corpus(path)]


def build(annotations, papers):
    """Corpus records for the annotated papers (the first annotation of each), and a list of problems found."""
    by_key = {p.key: p for p in papers}
    records, problems, done = [], [], set()
    for number, ann in enumerate(annotations, 1):
        if ann["id"] in done:
            continue
        done.add(ann["id"])
        paper = by_key.get(ann["id"])
        if paper is None:
            problems.append(f"line {number}: no paper {ann['id']!r}")
            continue
        items, labels = [], {}
        for ent in ann["entities"]:
            string, label = ent["text"], ent["label"]
            if label not in LABELS:
                problems.append(f"line {number}: unknown label {label!r}")
                continue
            if labels.setdefault(string, label) != label:
                problems.append(f"line {number}: {string!r} listed as {labels[string]} and {label}")
                continue
            items.append((string, label))
        title = occurrences(paper.title, items)
        text = occurrences(paper.abstract, items)
        found = {m["text"] for m in title + text}
        problems += [f"line {number}: {s!r} does not occur" for s, _ in items if s not in found
                     and not _whole_word(s).search(paper.title + "\n" + paper.abstract)]
        records.append({"id": paper.key, "title": paper.title, "text": paper.abstract,
                        "entities": [{**m, "field": "title"} for m in title] + text})
    return records, problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--annotations", default=str(ANNOTATIONS))
    parser.add_argument("--papers", default=None, help="a corpus file with the annotated texts (default: the sample)")
    parser.add_argument("--out", default=str(CORPUS))
    parser.add_argument("--check", action="store_true", help="report problems, write nothing")
    args = parser.parse_args(argv)
    with open(args.annotations, encoding="utf-8") as fh:
        annotations = [json.loads(line) for line in fh if line.strip()]
    papers = read_inputs(None) if args.papers is None else corpus_papers(args.papers)
    records, problems = build(annotations, papers)
    n_twice, scores = agreement(annotations)
    if n_twice:
        print(f"{n_twice} papers annotated twice; agreement at paper level (P/R/F1): "
              + ", ".join(f"{k} {v['p']:.2f}/{v['r']:.2f}/{v['f']:.2f}" for k, v in scores.items()))
    for problem in problems:
        print(f"{args.annotations}: {problem}", file=sys.stderr)
    if args.check:
        return 1 if problems else 0
    with atomic_write(args.out) as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    n = sum(len(r["entities"]) for r in records)
    print(f"wrote {args.out}: {len(records)} papers, {n} mentions")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
