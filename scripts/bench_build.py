"""Benchmark ``kg build`` end to end: throughput, each stage's share, peak memory, output sizes.

Usage::

    python scripts/bench_build.py --repeat 5            # the bundled sample (median of 5 builds)
    python scripts/make_corpus.py /tmp/c50k.jsonl       # then the 50,000-abstract corpus:
    python scripts/bench_build.py /tmp/c50k.jsonl --jobs 2 --incremental

Each build runs in a fresh process (``--one``), which does what ``kg build`` does
(:func:`kg.api.build_outputs`, with the extraction cache starting empty), and prints the seconds and the share of each stage: startup (imports and loading
the pipeline), ingest, extraction, graph, RDF, HTML and the other files, with the peak
resident memory (VmHWM, reset before each stage; Linux only) reached in each stage.
Throughput is abstracts per second over the whole run, startup included. The peak of the
whole process is the largest of these (resetting VmHWM resets ``ru_maxrss`` too; without
``/proc`` it is ``ru_maxrss``); forked extraction workers are reported apart (``RUSAGE_CHILDREN``). ``--incremental`` then rebuilds into the same
output with the extraction cache filled, as a second ``kg build`` would. ``--json FILE``
saves the figures. ``--queries`` then times ``kg query`` on the built graph.ttl: the
README's query and every ``docs/queries/*.rq`` (cold: the first query builds the store).
"""

import time

_T0 = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.gcpause import freeze_for_process, gc_paused  # noqa: E402

with gc_paused():  # as kg build imports spaCy (kg.cli._extractor)
    from kg.api import build_outputs, html_max_nodes, summary  # noqa: E402
    from kg.extract import Extractor  # noqa: E402


GROUPS = {  # stage -> group the issue asks about
    "startup": "other",
    "ingest": "ingest",
    "extraction": "extraction",
    "graph": "graph",
    "graph.ttl": "RDF",
    "graph.nt": "RDF",
    "graph.jsonld": "RDF",
    "graph.html": "HTML",
    "papers.jsonl": "other files",
    "graph.json": "other files",
    "graph.graphml": "other files",
    "graph.gexf": "other files",
    "graph.graphml+gexf": "other files",
}


def _status_kb(field):
    try:
        with open("/proc/self/status") as fh:
            m = re.search(rf"^{field}:\s+(\d+) kB", fh.read(), re.MULTILINE)
        return int(m.group(1)) if m else None
    except OSError:
        return None


# VmHWM belongs to this program (ru_maxrss also counts the parent's memory from before the exec)
_IMPORT_PEAK_MB = (_status_kb("VmHWM") or 0) / 1024


def _reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # resets VmHWM to the current RSS
    except OSError:
        pass


class StagePeaks(dict):
    """A dict of stage -> seconds that also records the peak RSS (MB) of each stage in ``.peaks``.

    :func:`kg.api.build_outputs` fills it through its ``timings`` hook; the peak of a stage
    is read when the next stage reports.
    """

    def __init__(self):
        super().__init__()
        self.peaks = {}
        _reset_peak()

    def __setitem__(self, stage, seconds):
        super().__setitem__(stage, seconds)
        hwm = _status_kb("VmHWM")
        if hwm is not None:
            self.peaks[stage] = max(self.peaks.get(stage, 0), hwm / 1024)
        _reset_peak()


def machine():
    """A one-line description of this machine and its current load."""
    cpus = os.cpu_count()
    mem = _meminfo_gb()
    load = os.getloadavg()
    model = ""
    try:
        with open("/proc/cpuinfo") as fh:
            m = re.search(r"^model name\s*:\s*(.+)$", fh.read(), re.MULTILINE)
            model = m.group(1) if m else ""
    except OSError:
        pass
    return {
        "cpus": cpus,
        "cpu_model": model or platform.processor(),
        "memory_gb": mem,
        "load_average": [round(x, 2) for x in load],
        "python": platform.python_version(),
    }


def _meminfo_gb():
    try:
        with open("/proc/meminfo") as fh:
            m = re.search(r"^MemTotal:\s+(\d+) kB", fh.read(), re.MULTILINE)
        return round(int(m.group(1)) / 1024**2, 1)
    except OSError:
        return None


def run(inputs, out, *, jobs, max_nodes, cache=False):
    """One build into ``out``; return its figures."""
    timings = StagePeaks()
    start = time.perf_counter()
    extractor = Extractor(n_process=jobs)
    freeze_for_process()  # as `kg build` does
    timings["startup"] = time.perf_counter() - start
    result = build_outputs(out, inputs, extractor=extractor, cache=cache, max_nodes=max_nodes, timings=timings)
    total = time.perf_counter() - start
    G = result["graph"]
    counts = summary(G)
    return {
        "papers": counts["papers"],
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "extracted": result["extracted"],
        "cached": result["cached"],
        "html_max_nodes": html_max_nodes(G, max_nodes),
        "seconds": dict(timings),
        "peak_mb": timings.peaks,
        "total": total,
        "sizes_mb": {name: round(path.stat().st_size / 1e6, 2) for name, path in result["written"].items()},
    }


def report(fig, title):
    """Print one run's figures as a table."""
    secs = dict(fig["seconds"])
    background = {stage: secs.pop(stage) for stage in list(secs) if stage.endswith("(background)")}
    total = fig["total"]
    print(f"\n== {title}: {fig['papers']:,} papers, {fig['nodes']:,} nodes, {fig['edges']:,} edges "
          f"({fig['extracted']:,} extracted, {fig['cached']:,} from the cache)")
    print(f"{'stage':<20}{'seconds':>10}{'share':>8}{'peak RSS MB':>13}")
    for stage, s in secs.items():
        peak = fig["peak_mb"].get(stage)
        print(f"{stage:<20}{s:>10.2f}{100 * s / total:>7.1f}%{'' if peak is None else f'{peak:>13.0f}'}")
    print(f"{'total':<20}{total:>10.2f}{100.0:>7.1f}%")
    for stage, s in background.items():  # concurrent with the stages after graph.json: not in the total
        print(f"{stage}: {s:.2f} s in a second process, while the stages after graph.json ran")
    groups = {}
    for stage, s in secs.items():
        groups[GROUPS.get(stage, "other")] = groups.get(GROUPS.get(stage, "other"), 0) + s
    groups["other"] = groups.get("other", 0) + total - sum(secs.values())
    print("shares: " + ", ".join(f"{g} {100 * s / total:.1f}%" for g, s in groups.items()))
    print(f"throughput: {fig['papers'] / total:,.1f} abstracts/s end to end (startup included); "
          f"extraction alone {fig['extracted'] / secs['extraction']:,.1f} abstracts/s"
          if secs.get("extraction") and fig["extracted"] else
          f"throughput: {fig['papers'] / total:,.1f} abstracts/s end to end (startup included)")
    print("sizes MB: " + ", ".join(f"{k} {v:,.1f}" for k, v in fig["sizes_mb"].items()))
    if fig["html_max_nodes"]:
        print(f"graph.html draws {fig['html_max_nodes']:,} of {fig['nodes']:,} nodes")


def converter_peak_mb(graph_json, tmp):
    """Peak resident memory (MB) of the process that converts graph.json to GraphML and GEXF, run on
    its own as ``kg build`` runs it (None without ``/proc``)."""
    code = ("import sys; from kg.export.files import convert_graph_json; "
            "convert_graph_json(sys.argv[1], graphml=sys.argv[2], gexf=sys.argv[3]); "
            "print(open('/proc/self/status').read())")
    done = subprocess.run([sys.executable, "-c", code, str(graph_json), str(tmp / "c.graphml"), str(tmp / "c.gexf")],
                          stdout=subprocess.PIPE, text=True, check=True, cwd=ROOT)
    m = re.search(r"^VmHWM:\s+(\d+) kB", done.stdout, re.MULTILINE)
    return int(m.group(1)) / 1024 if m else None


README_QUERY = """PREFIX schema: <https://schema.org/>
SELECT (COUNT(?p) AS ?papers) WHERE { ?p a schema:ScholarlyArticle }"""


def time_queries(rdf_path, runs=3):
    """Seconds of the README's query and each ``docs/queries/*.rq`` on ``rdf_path`` through ``kg query``'s API.

    The first query builds the query store (``cold``); each query then runs ``runs`` times
    on the stored graph and the fastest run counts (``warm``).
    """
    from kg.query import cache_dir, run_query

    queries = [("README", README_QUERY)] + [
        (p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "docs" / "queries").glob("*.rq"))
    ]
    shutil.rmtree(cache_dir(rdf_path), ignore_errors=True)
    start = time.perf_counter()
    run_query(rdf_path, README_QUERY)
    out = {"cold (store built)": time.perf_counter() - start}
    for name, sparql in queries:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            run_query(rdf_path, sparql)
            times.append(time.perf_counter() - start)
        out[name] = min(times)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, help="input files (default: the bundled sample)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count(), help="extraction processes (default: all)")
    parser.add_argument("--max-nodes", type=int, default=None, help="graph.html node cap (default: kg build's)")
    parser.add_argument("--out", type=Path, default=None, help="output directory (default: a temporary one)")
    parser.add_argument("--incremental", action="store_true",
                        help="then rebuild with the extraction cache filled (as a second kg build would)")
    parser.add_argument("--reuse-cache", action="store_true",
                        help="keep the extraction cache already in --out (time a rebuild only)")
    parser.add_argument("--queries", action="store_true",
                        help="then time kg query on graph.ttl: the README's query and docs/queries/*.rq")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="time the build N times (each in a fresh process, the cache emptied) and report the "
                             "median run: a small corpus's run is short enough for other load to move it")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    parser.add_argument("--one", type=Path, default=None, help=argparse.SUPPRESS)  # a single build, in a child
    args = parser.parse_args(argv)
    inputs = [str(p) for p in args.inputs] or None
    if args.one is not None:
        imports = time.perf_counter() - _T0
        fig = run(inputs, args.one, jobs=args.jobs, max_nodes=args.max_nodes, cache=True)
        fig["seconds"] = {"startup": fig["seconds"].pop("startup") + imports, **fig["seconds"]}
        fig["total"] += imports
        # VmHWM was reset between stages (which also resets ru_maxrss): the peak is the largest stage's
        fig["peak_mb"]["startup"] = max(fig["peak_mb"].get("startup", 0), _IMPORT_PEAK_MB)
        fig["process_peak_mb"] = max(fig["peak_mb"].values(), default=0) or (
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        fig["worker_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps(fig))
        return

    info = machine()
    print(f"machine: {info['cpus']} CPUs ({info['cpu_model']}), {info['memory_gb']} GB RAM, "
          f"Python {info['python']}, load average {info['load_average']}")
    size = sum(p.stat().st_size for p in args.inputs) / 1e6 if args.inputs else None
    print(f"input: {', '.join(inputs) if inputs else 'the bundled sample'}"
          + (f" ({size:.1f} MB)" if size else "") + f"; jobs {args.jobs}; each build in a fresh process")
    figures = {"machine": info, "inputs": inputs, "jobs": args.jobs}
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "out"
        cache = out / ".kg-cache"

        def empty_cache():  # the cache is on, as in kg build, but starts empty: every paper is extracted
            if cache.exists():
                for f in cache.iterdir():
                    f.unlink()

        if not args.reuse_cache:
            empty_cache()
        runs = [("build", "kg build (empty extraction cache)")]
        if args.reuse_cache:
            runs = [("rebuild", "kg build (extraction cache as found)")]
        elif args.incremental:
            runs.append(("rebuild", "kg build again (extraction cache filled)"))
        for key, title in runs:
            command = [sys.executable, __file__, "--one", str(out), "--jobs", str(args.jobs), *(inputs or [])]
            if args.max_nodes is not None:
                command += ["--max-nodes", str(args.max_nodes)]
            repeats = args.repeat if key == "build" and not args.reuse_cache else 1
            figs = []
            for i in range(repeats):
                if i:
                    empty_cache()
                done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
                figs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            fig = sorted(figs, key=lambda f: f["total"])[(len(figs) - 1) // 2]  # the median run (lower middle)
            figures[key] = fig
            if repeats > 1:
                figures[key + "_totals"] = totals = sorted(f["total"] for f in figs)
                title += f", the median of {repeats} runs"
            report(fig, title)
            if repeats > 1:
                print(f"all {repeats} runs, seconds: {', '.join(f'{t:.2f}' for t in totals)} "
                      f"({fig['papers'] / totals[-1]:,.1f}–{fig['papers'] / totals[0]:,.1f} abstracts/s)")
            print(f"peak memory: {fig['process_peak_mb']:,.0f} MB (main process), "
                  f"{fig['worker_peak_mb']:,.0f} MB (largest child process; an extraction worker's RSS counts "
                  "pages shared with the main process, and the GraphML/GEXF process's its parent's pages until exec)")
        figures["converter_peak_mb"] = peak = converter_peak_mb(out / "graph.json", Path(tmp))
        if peak is not None:
            print(f"the GraphML/GEXF process on its own (python -m kg.export.files, VmHWM after exec): {peak:,.0f} MB")
        if args.queries:
            figures["queries"] = queries = time_queries(out / "graph.ttl")
            print(f"\n{'kg query':<34}{'seconds':>9}")
            for name, secs in queries.items():
                print(f"{name:<34}{secs:>9.3f}")
    figures["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(f"\nload average after: {figures['load_average_after']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
