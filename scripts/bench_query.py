"""Time ``kg query`` on a graph file: each docs query end to end, and where the time goes.

Usage: ``python scripts/bench_query.py GRAPH [--runs N] [QUERY.rq ...]`` (default: every
``docs/queries/*.rq``, 5 runs). The first query builds the store cache beside GRAPH if it is
missing or stale (reported as ``cold``); the figures after it are with the cache warm.

For each query it prints the median over the runs of

* ``end to end``: a fresh ``python -m kg query GRAPH -f QUERY`` process, output to /dev/null;
* ``eval``: evaluating the query and reading every row, in this process, store already open;
* ``format``: turning the rows into the printed table;

and once for all queries the median of ``start``, a fresh process that only imports what
``kg query`` imports (``kg.cli``, ``kg.query``), and ``open``, :func:`kg.query.open_store` on
the warm cache. End to end is about start + open + eval + format.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _wall(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - t


def _median(fn, runs):
    return statistics.median(fn() for _ in range(runs))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="an RDF file written by kg build (graph.ttl)")
    parser.add_argument("queries", nargs="*", type=Path, help="query files (default: docs/queries/*.rq)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure; medians are printed (default 5)")
    args = parser.parse_args(argv)
    graph = args.graph.resolve()
    queries = [q.resolve() for q in args.queries] or sorted((ROOT / "docs" / "queries").glob("*.rq"))

    from kg.query import _execute, format_rows, open_store  # noqa: E402 (imports timed below separately)

    t = time.perf_counter()
    open_store(graph)
    print(f"{'cold (first open_store)':<34}{time.perf_counter() - t:8.3f} s")
    start = _median(lambda: _wall([sys.executable, "-c", "import kg.cli, kg.query"]), args.runs)
    print(f"{'start (python + imports)':<34}{start:8.3f} s")

    def _open():
        t = time.perf_counter()
        open_store(graph)
        return time.perf_counter() - t

    print(f"{'open (warm store)':<34}{_median(_open, args.runs):8.3f} s\n")
    print(f"{'query':<34}{'end to end':>11}{'eval':>9}{'format':>9}{'rows':>7}")
    store = open_store(graph)
    for q in queries:
        sparql = q.read_text(encoding="utf-8")
        cmd = [sys.executable, "-m", "kg", "query", str(graph), "-f", str(q)]
        total = _median(lambda: _wall(cmd), args.runs)
        evals, formats = [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            result = _execute(store, sparql)
            names = [v.value for v in result.variables]
            rows = [tuple(s[n] for n in names) for s in result]
            evals.append(time.perf_counter() - t)
            t = time.perf_counter()
            format_rows(names, rows, "table", sparql=sparql)
            formats.append(time.perf_counter() - t)
        print(f"{q.stem:<34}{total:10.3f}s{statistics.median(evals):8.3f}s{statistics.median(formats):8.3f}s{len(rows):7d}")


if __name__ == "__main__":
    main()
