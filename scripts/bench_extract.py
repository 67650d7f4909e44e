"""Benchmark extraction throughput against spaCy baselines on the same texts.

Usage::

    python scripts/bench_extract.py                         # the bundled sample abstracts
    python scripts/bench_extract.py /tmp/c50k.jsonl -n 5000 --components

Prints documents (abstracts) and tokens per second for:

* ``tokenizer``: spaCy's English tokenizer alone (``spacy.blank("en")``), the floor;
* ``stock``: a plain ``nlp.pipe`` over a stock English pipeline architecture. No pretrained
  spaCy pipeline is available offline, so this is ``spacy.blank("en")`` plus freshly
  initialised, untrained ``tok2vec`` + ``tagger`` + ``parser`` + ``ner`` from spaCy's own
  "efficiency" quickstart config (the architecture of ``en_core_web_sm``: shared
  96-wide, depth-4 hash-embedding CNN) with the label sets of the English models, so the
  compute per token matches a pretrained ``en_core_web_sm`` (its weights would not change it);
* ``kg``: :meth:`kg.extract.Extractor.extract` (the pipeline ``kg build`` runs, with the
  project's NER model if ``kg/models/ner`` is present), one process, then ``--jobs`` processes;
  the stock pipeline is also timed with ``--jobs`` processes for a like-for-like ratio.

Every pipeline first warms up on texts that are not timed; each process uses one BLAS thread.
``--components`` adds the seconds per document of each component of the kg pipeline (and of
turning spans into mentions).
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from kg.extract import Extractor, doc_mentions  # noqa: E402
from kg.extract.pipeline import FIELD_SEPARATOR, make_paper_doc  # noqa: E402
from kg.ingest import read_inputs  # noqa: E402

# Label sets of spaCy's English pipelines (Penn Treebank tags, ClearNLP dependencies, OntoNotes entities).
TAGS = ("$ '' , -LRB- -RRB- . : ADD AFX CC CD DT EX FW HYPH IN JJ JJR JJS LS MD NFP NN NNP NNPS NNS PDT POS PRP "
        "PRP$ RB RBR RBS RP SYM TO UH VB VBD VBG VBN VBP VBZ WDT WP WP$ WRB XX _SP ``").split()
DEPS = ("ROOT acl acomp advcl advmod agent amod appos attr aux auxpass case cc ccomp compound conj csubj "
        "csubjpass dative dep det dobj expl intj mark meta neg nmod npadvmod nsubj nsubjpass nummod oprd "
        "parataxis pcomp pobj poss preconj predet prep prt punct quantmod relcl xcomp").split()
ENTS = ("CARDINAL DATE EVENT FAC GPE LANGUAGE LAW LOC MONEY NORP ORDINAL ORG PERCENT PERSON PRODUCT QUANTITY "
        "TIME WORK_OF_ART").split()
WARMUP = 64


def stock_pipeline():
    """``spacy.blank("en")`` + untrained tok2vec, tagger, parser and ner in the en_core_web_sm architecture."""
    from spacy.cli.init_config import init_config

    config = init_config(lang="en", pipeline=["tagger", "parser", "ner"], optimize="efficiency", gpu=False)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    for tag in TAGS:
        nlp.get_pipe("tagger").add_label(tag)
    for dep in DEPS:
        nlp.get_pipe("parser").add_label(dep)
    for ent in ENTS:
        nlp.get_pipe("ner").add_label(ent)
    nlp.initialize()
    return nlp


def _time(fn, items):
    start = time.perf_counter()
    fn(items)
    return time.perf_counter() - start


def _drain(iterable):
    for _ in iterable:
        pass


def component_seconds(nlp, papers):
    """Seconds per document of each component of ``nlp`` (and of :func:`doc_mentions`)."""
    out = {}
    titles = [p.title for p in papers]
    start = time.perf_counter()
    docs = [make_paper_doc(nlp, p.title, p.abstract) for p in papers]
    out["tokenizer"] = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        out[name] = time.perf_counter() - start
    start = time.perf_counter()
    for doc, title in zip(docs, titles):
        doc_mentions(doc, len(title))
    out["doc_mentions"] = time.perf_counter() - start
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, help="input files (default: the bundled sample)")
    parser.add_argument("-n", type=int, default=None, help="time at most N abstracts (after the warm-up ones)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count(), help="processes for the parallel runs")
    parser.add_argument("--components", action="store_true", help="time each kg pipeline component too")
    args = parser.parse_args(argv)

    papers = list(read_inputs([str(p) for p in args.inputs] or None))
    warm, papers = papers[:WARMUP], papers[WARMUP:]
    if args.n:
        papers = papers[: args.n]
    if not papers:
        sys.exit("need more than 64 abstracts (the first 64 only warm up)")
    texts = [p.title + FIELD_SEPARATOR + p.abstract for p in papers]
    warm_texts = [p.title + FIELD_SEPARATOR + p.abstract for p in warm]
    load = [round(x, 2) for x in os.getloadavg()]
    print(f"{len(texts):,} abstracts ({sum(map(len, texts)) / len(texts):,.0f} characters on average); "
          f"{os.cpu_count()} CPUs; load average {load}")

    # one BLAS thread per process, so that "1 process" is one core (kg's workers do the same)
    blas = threadpool_limits(1, user_api="blas")  # noqa: F841 (kept for the run)
    # tokens counted by a tokenizer of their own: the timed ones must not see the texts before
    n_tokens = sum(len(d) for d in spacy.blank("en").tokenizer.pipe(texts))
    blank = spacy.blank("en")
    _drain(blank.tokenizer.pipe(warm_texts))
    results = {}
    results["tokenizer (spacy.blank('en'))"] = _time(lambda t: _drain(blank.tokenizer.pipe(t)), texts)

    stock = stock_pipeline()
    _drain(stock.pipe(warm_texts))
    results["stock tok2vec+tagger+parser+ner, 1 process"] = _time(lambda t: _drain(stock.pipe(t, batch_size=64)),
                                                                   texts)

    extractor = Extractor(n_process=1)
    print(f"kg pipeline: {', '.join(extractor.nlp.pipe_names)} ({extractor.id})")
    _drain(extractor.extract(warm))
    _drain(extractor.nlp.tokenizer.pipe(warm_texts))
    results["kg pipeline's tokenizer"] = _time(lambda t: _drain(extractor.nlp.tokenizer.pipe(t)), texts)
    results["kg Extractor.extract, 1 process"] = _time(lambda p: _drain(extractor.extract(p)), papers)
    if args.jobs > 1:
        extractor.n_process = args.jobs
        results[f"kg Extractor.extract, {args.jobs} processes"] = _time(lambda p: _drain(extractor.extract(p)), papers)
        results[f"stock, {args.jobs} processes"] = _time(
            lambda t: _drain(stock.pipe(t, batch_size=64, n_process=args.jobs)), texts)

    floor = results["tokenizer (spacy.blank('en'))"]
    base = results["stock tok2vec+tagger+parser+ner, 1 process"]
    print(f"\n{'':<46}{'abstracts/s':>12}{'tokens/s':>11}{'× tokenizer':>13}{'× stock':>9}")
    for name, secs in results.items():
        print(f"{name:<46}{len(texts) / secs:>12,.0f}{n_tokens / secs:>11,.0f}"
              f"{secs / floor:>12.1f}×{base / secs:>8.2f}×")
    print("(× tokenizer: how many times the tokenizer's time; × stock: speed relative to the stock pipeline)")

    if args.components:
        extractor.n_process = 1
        secs = component_seconds(extractor.nlp, papers)
        total = sum(secs.values())
        print(f"\n{'kg component':<20}{'ms/abstract':>12}{'share':>8}")
        for name, s in secs.items():
            print(f"{name:<20}{1000 * s / len(texts):>12.2f}{100 * s / total:>7.1f}%")
    print(f"load average after: {[round(x, 2) for x in os.getloadavg()]}")


if __name__ == "__main__":
    main()
