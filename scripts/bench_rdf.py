"""Benchmark the RDF writers and the SPARQL command on a synthetic graph of N papers.

Usage: ``python scripts/bench_rdf.py [N] [--out DIR] [--formats turtle,nt,jsonld]``
(default N = 50,000). The graph is built with :func:`kg.graph.build_graph` from
synthetic papers with a realistic fan-out: about ten mentions per paper over Zipf-distributed
pools of methods, datasets, metrics and tasks, one proposed method, and reported values.
It prints the time of each writer and of each ``docs/queries/*.rq`` query through
:func:`kg.query.run_query`, cold (store cache built) and warm (cache reused).
"""

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.export.rdf import RDF_FORMATS, write_rdf  # noqa: E402
from kg.graph import build_graph  # noqa: E402
from kg.model import Mention, Paper  # noqa: E402

POOLS = {"Method": 5000, "Dataset": 1500, "Metric": 200, "Task": 600}
FILLER = (
    "Extensive experiments show consistent improvements over strong baselines, "
    "and an ablation study isolates the contribution of each component."
)


def _zipf(rng, n, alpha=1.2):
    # a truncated power law over 0..n-1: a few very popular entities and a long tail
    while True:
        k = int(rng.paretovariate(alpha))
        if k <= n:
            return k - 1


# Real names at some popularity ranks, so that the docs queries that name an entity (CIFAR-100,
# COCO, CNN, ...) find it: ImageNet is the most used dataset, CIFAR-100 and COCO mid-ranked.
REAL_NAMES = {
    "Method": {0: "Transformer", 1: "ResNet", 30: "CNN"},
    "Dataset": {0: "ImageNet", 1: "CIFAR-10", 30: "CIFAR-100", 31: "COCO"},
    "Metric": {0: "accuracy", 1: "BLEU", 2: "F1"},
    "Task": {0: "image classification", 1: "object detection"},
}
TITLE_OF_FIRST = "Deep Networks Always Grok and Here is Why"  # the paper docs/queries/08 asks about


def _name(label, i):
    real = REAL_NAMES[label].get(i)
    if real:
        return real
    return f"{label[:2].upper()}{i}-{'Net' if label == 'Method' else 'Set' if label == 'Dataset' else 'Score' if label == 'Metric' else 'Task'}"


def gazetteer():
    """Five aliases for each of the 200 most popular entities of every label."""
    out = {}
    for label, n in POOLS.items():
        for i in range(min(n, 200)):
            name = _name(label, i)
            eid = f"{label.lower()}:{name.lower()}"
            out[eid] = {"canonical": name, "aliases": [f"{name} {suffix}" for suffix in ("v1", "v2", "model", "(orig.)", "family")]}
    return out


def synthetic_papers(n, seed=0):
    """``n`` synthetic papers whose mentions have the shape the extraction pipeline gives."""
    rng = random.Random(seed)
    papers = []
    for i in range(n):
        plan = [("Method", True)]
        plan += [("Method", False)] * rng.randint(1, 3)
        plan += [("Dataset", False)] * rng.randint(1, 3)
        plan += [("Metric", False)] * rng.randint(0, 2)
        plan += [("Task", False)] * rng.randint(1, 2)
        sentences, mentions, offset = [], [], 0
        picked = []
        for label, proposed in plan:
            idx = rng.randrange(100000) if proposed else _zipf(rng, POOLS[label])
            name = f"New{i}Net" if proposed else _name(label, idx)
            if label == "Method" and not proposed and i > 0 and rng.random() < 0.05:
                name = f"New{rng.randrange(i)}Net"  # reuse a method an earlier paper proposed
            if label == "Metric":
                value = f"{rng.uniform(10, 99):.1f}%"
                sentence = f"Our model reaches {value} {name} on the benchmark with a compact design."
            elif proposed:
                value = None
                sentence = f"We propose {name}, a new approach that scales to long inputs."
            else:
                value = None
                sentence = f"We build on {name} as used in prior work and study its behaviour."
            start = offset + sentence.index(name)
            picked.append((label, name, proposed, value, start, offset, offset + len(sentence)))
            sentences.append(sentence)
            offset += len(sentence) + 1
        sentences.append(FILLER)
        abstract = " ".join(sentences)
        datasets = [p for p in picked if p[0] == "Dataset"]
        for label, name, proposed, value, start, s0, s1 in picked:
            eid = f"{label.lower()}:{name.lower()}"
            vds = f"dataset:{datasets[0][1].lower()}" if value and datasets else None
            mentions.append(
                Mention(
                    text=name, label=label, start=start, end=start + len(name), field="abstract",
                    canonical=name, entity_id=eid, sentence_start=s0, sentence_end=s1,
                    source="gazetteer" if not proposed else "pattern", confidence=0.9,
                    proposed=proposed, value=value, value_dataset=vds,
                )
            )
        papers.append(
            Paper(
                key=f"synthetic-{i:06d}",
                title=TITLE_OF_FIRST if i == 0 else f"Paper {i}: {mentions[0].text} for {mentions[-1].text}",
                abstract=abstract, date=f"20{10 + i % 15}-01-01", authors=("A. Author", "B. Author"),
                sources=[f"synthetic.jsonl:{i + 1}"], mentions=mentions,
            )
        )
    return papers


def _timed(fn):
    """``fn()``, its wall time and its CPU time (on a shared machine the CPU time is the fairer figure)."""
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t, time.process_time() - c


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=50_000, help="number of papers (default 50000)")
    ap.add_argument("--out", help="directory for the files (default: a temporary one)")
    ap.add_argument("--formats", default=",".join(RDF_FORMATS), help="comma-separated formats")
    ap.add_argument("--no-queries", action="store_true", help="only time the writers")
    ap.add_argument("--graph", help="only time the queries, on this existing .ttl file")
    args = ap.parse_args(argv)
    if args.graph:
        bench_queries(Path(args.graph))
        return

    papers, t, _ = _timed(lambda: synthetic_papers(args.n))
    print(f"synthetic papers: {args.n}  ({t:.1f} s)")
    G, t, _ = _timed(lambda: build_graph(papers, name="bench", gazetteer=gazetteer()))
    print(f"build_graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges  ({t:.1f} s)")
    del papers

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.out or tmp)
        out.mkdir(parents=True, exist_ok=True)
        files = {}
        for fmt in args.formats.split(","):
            path = out / f"graph{RDF_FORMATS[fmt]}"
            _, t, cpu = _timed(lambda: write_rdf(G, path, fmt=fmt))
            files[fmt] = path
            print(f"write_rdf {fmt:7s} {t:6.1f} s wall {cpu:6.1f} s CPU  {path.stat().st_size / 1e6:8.1f} MB")
        if not args.no_queries and "turtle" in files:
            bench_queries(files["turtle"])


def bench_queries(graph):
    """Time every docs query on ``graph``: the first run builds the store cache (cold), then warm runs."""
    from kg.query import cache_dir, query_rows

    queries = sorted((ROOT / "docs" / "queries").glob("*.rq"))
    _, t, cpu = _timed(lambda: query_rows(graph, "ASK { ?s ?p ?o }"))
    fresh = not any(cache_dir(graph).glob("store-*")) or t > 1
    print(f"open store ({'cold: cache built' if fresh else 'warm'}): {t:.1f} s wall {cpu:.1f} s CPU")
    for q in queries:
        sparql = q.read_text(encoding="utf-8")
        (_, rows), t, cpu = _timed(lambda: query_rows(graph, sparql))
        best = min(t, *(_timed(lambda: query_rows(graph, sparql))[1] for _ in range(2)))
        print(f"query {q.name:32s} {best * 1000:7.0f} ms wall (best of 3)  {cpu * 1000:6.0f} ms CPU  {len(rows):4d} rows")


if __name__ == "__main__":
    main()
