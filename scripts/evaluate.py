"""Score the shipped NER model and the full extractor on the annotated corpora.

Usage::

    python scripts/evaluate.py                       # both systems, held-back test split
    python scripts/evaluate.py --system ner --split dev
    python scripts/evaluate.py --json > scores.json
    python scripts/evaluate.py --split dev --errors 15   # most frequent false positives/negatives

Views (see :mod:`kg.corpus` and README.md ("Evaluation")): mention-level ``strict`` (same span and
label) and ``lenient`` (overlap, same label); paper-level ``paper`` (per unit, the set of
entities by folded name) and, on SciREX, ``paper_named``: the gold set without generic
mentions (:func:`kg.corpus.is_generic`, gazetteer names kept), the closer proxy for a
judge who lists only named or clearly specific entities. TDMSci has no Method labels, so it
is scored on Dataset, Metric and Task only.
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from kg.corpus import (  # noqa: E402
    entity_sets,
    generic_exceptions,
    is_generic,
    load_corpus,
    named_view,
    score_all,
    split,
    unit_entities,
)
from kg.extract.normalize import fold  # noqa: E402
from kg.model import LABELS  # noqa: E402

#: name -> (file, labels scored, whether titles are annotated and passed to the systems)
CORPORA = {
    "modern": (ROOT / "data" / "modern_abstracts.jsonl", LABELS, True),
    "scirex": (ROOT / "data" / "scirex_abstracts.jsonl", LABELS, False),
    "tdmsci": (ROOT / "data" / "tdmsci_sentences.jsonl", ("Dataset", "Metric", "Task"), False),
}
MODEL = ROOT / "kg" / "models" / "ner"


def known_names():
    """Folded gazetteer names: single words listed there are not generic in the named view."""
    from kg.extract.gazetteer import load_records

    return generic_exceptions(n for r in load_records() for n in (r.canonical, *r.aliases))


def ner_predictor(path=MODEL):
    """A function mapping ``(title, text)`` units to entity lists with the NER model alone.

    Title entities carry ``"field": "title"``; an empty title gives none.
    """
    import spacy

    nlp = spacy.load(path)

    return lambda units: unit_entities(nlp, units)


def extractor_predictor(path=MODEL):
    """A function mapping ``(title, text)`` units to entity lists with the full extractor
    (``kg.extract.Extractor``).

    Units go through :meth:`Extractor.extract` as papers (title and abstract), batched with
    ``nlp.pipe`` as in ``kg build``; offsets are into the text (the abstract field), or into
    the title for entities marked ``"field": "title"``.
    """
    from kg.extract import Extractor
    from kg.extract.pipeline import build_pipeline
    from kg.model import Paper

    ex = Extractor(build_pipeline(model=path))

    def predict(units):
        papers = [Paper(key=f"unit-{i}", title=title, abstract=text) for i, (title, text) in enumerate(units)]
        return [
            [{"start": m.start, "end": m.end, "text": m.text, "label": m.label,
              "canonical": m.canonical, "entity_id": m.entity_id,
              "field": "title" if m.field == "title" else "text"}
             for m in paper.mentions]
            for paper in ex.extract(papers)
        ]

    return predict


def evaluate(predict, parts, known):
    """Scores of ``predict`` on ``{corpus name: records}`` plus speed and predictions."""
    out = {}
    for name, records in parts.items():
        _, labels, titled = CORPORA[name]
        t0 = time.perf_counter()
        preds = predict([(r["title"] if titled else "", r["text"]) for r in records])
        seconds = time.perf_counter() - t0
        scores = score_all([r["entities"] for r in records], preds, labels=labels, known=known)
        if name != "scirex":
            # TDMSci: single sentences, the mention views are the relevant ones; modern: annotated
            # with named entities only, so the named view is the paper view
            del scores["paper_named"]
        scores["units"] = len(records)
        scores["units_per_second"] = round(len(records) / seconds, 1) if seconds else None
        out[name] = {"scores": scores, "predictions": preds}
    return out


def speed(predict, texts, repeats=3):
    """Abstracts per CPU-second of ``predict`` over ``texts``, ``(title, text)`` pairs (best of ``repeats`` runs).

    CPU time of this process, so the figure is per core and does not depend on what else
    the machine runs; BLAS threads are limited to one at the top of this script.
    """
    predict(texts[:8])  # warm up caches
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        predict(texts)
        best = min(best, time.process_time() - t0)
    return round(len(texts) / best, 1)


def errors(records, preds, labels, known, top):
    """Most frequent false positives and negatives per label, by folded text.

    Mention level (strict; gold mentions the generic rule catches are marked ``[generic]``)
    and paper level (named view: predicted entities matching no non-generic gold entity of
    the unit, and non-generic gold entities that no prediction matches).
    """
    def spans(ents):
        return {(e.get("field", "text"), e["start"], e["end"], e["label"]): e["text"]
                for e in ents if e["label"] in labels}

    fp = {label: Counter() for label in labels}
    fn = {label: Counter() for label in labels}
    pfp = {label: Counter() for label in labels}
    pfn = {label: Counter() for label in labels}
    for rec, pred in zip(records, preds):
        gold_sets = entity_sets([e for e in named_view(rec["entities"], known) if e["label"] in labels])
        pred_sets = entity_sets([e for e in pred if e["label"] in labels])
        for label in labels:
            g, p = gold_sets.get(label, []), pred_sets.get(label, [])
            pfp[label].update(min(pk) for pk in p if not any(pk & gk for gk in g))
            pfn[label].update(min(gk) for gk in g if not any(pk & gk for pk in p))
        gold, got = spans(rec["entities"]), spans(pred)
        for key in got.keys() - gold.keys():
            fp[key[3]][fold(got[key])] += 1
        for key in gold.keys() - got.keys():
            generic = is_generic(gold[key], key[3], known)
            fn[key[3]][fold(gold[key]) + (" [generic]" if generic else "")] += 1
    return {label: {"false_positives": fp[label].most_common(top), "false_negatives": fn[label].most_common(top),
                    "paper_false_positives": pfp[label].most_common(top),
                    "paper_false_negatives": pfn[label].most_common(top)}
            for label in labels}


def format_table(title, table):
    lines = [title, f"  {'label':8s} {'P':>6s} {'R':>6s} {'F1':>6s} {'pred':>6s} {'gold':>6s}"]
    for label, row in table.items():
        lines.append(f"  {label:8s} {row['p']:6.3f} {row['r']:6.3f} {row['f']:6.3f} {row['n_pred']:6d} {row['n_gold']:6d}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--system", choices=("ner", "extractor", "both"), default="both")
    parser.add_argument("--split", choices=("test", "dev", "train"), default="test",
                        help="the held-back test part (default), dev, or train (to check a rule change on text the rules were not tuned on)")
    parser.add_argument("--corpus", action="append", choices=tuple(CORPORA),
                        help="score only this corpus (repeatable; default: all)")
    parser.add_argument("--model", default=str(MODEL))
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="also list the N most frequent errors")
    parser.add_argument("--speed", action="store_true", help="also time each system on all SciREX abstracts")
    args = parser.parse_args(argv)

    parts = {name: split(load_corpus(path))[args.split] for name, (path, *_) in CORPORA.items()
             if not args.corpus or name in args.corpus}
    known = known_names()
    systems = {}
    if args.system in ("ner", "both"):
        systems["ner"] = ner_predictor(args.model)
    if args.system in ("extractor", "both"):
        systems["extractor"] = extractor_predictor(args.model)

    report = {"split": args.split, "systems": {}}
    for sys_name, predict in systems.items():
        result = evaluate(predict, parts, known)
        report["systems"][sys_name] = {name: r["scores"] for name, r in result.items()}
        if args.speed:
            texts = [("", r["text"]) for r in load_corpus(CORPORA["scirex"][0])]
            report["systems"][sys_name]["abstracts_per_second"] = speed(predict, texts)
        if args.errors:
            for name, r in result.items():
                report["systems"][sys_name][name]["errors"] = errors(
                    parts[name], r["predictions"], CORPORA[name][1], known, args.errors)

    if args.json:
        print(json.dumps(report, indent=1, sort_keys=True))
        return
    for sys_name, corpora in report["systems"].items():
        if "abstracts_per_second" in corpora:
            print(f"== {sys_name}: {corpora['abstracts_per_second']} abstracts per CPU-second (all SciREX abstracts)")
        for name, scores in corpora.items():
            if name == "abstracts_per_second":
                continue
            print(f"== {sys_name} on {name} ({args.split}: {scores['units']} units, "
                  f"{scores['units_per_second']} units/s)")
            for view in ("strict", "lenient", "paper", "paper_named"):
                if view in scores:
                    print(format_table(f" {view}", scores[view]))
            for label, errs in scores.get("errors", {}).items():
                for kind, items in errs.items():
                    print(f" {label} {kind.replace('_', ' ')}: " + ", ".join(f"{t} ({n})" for t, n in items))
            print()


if __name__ == "__main__":
    main()
