"""Time :func:`kg.export.html.to_html` on synthetic graphs and the page-ready time in Chromium.

Usage::

    python scripts/bench_html.py                  # 1k, 5k and 20k-node graphs, then the sample
    python scripts/bench_html.py --sizes 1000 --no-browser

The synthetic graphs imitate the sample's shape: a fifth of the nodes are papers, each with
3–9 mentions drawn from a long-tailed (Zipf-like) popularity, so most entities are in one paper.
"Page ready" is the time from navigation until vis-network has drawn the graph once
(``performance.now()`` at the first ``afterDrawing``; median of three loads).
"""

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chromium import launch  # noqa: E402  (scripts/chromium.py)
from kg.export.html import to_html, write_html  # noqa: E402
from kg.graph import build_graph  # noqa: E402
from kg.model import LABELS, Mention, Paper  # noqa: E402



def synthetic_graph(n_nodes, seed=0):
    """A paper–entity graph of about ``n_nodes`` nodes shaped like the sample graph."""
    rng = random.Random(seed)
    n_papers = max(1, n_nodes // 5)
    n_entities = max(1, n_nodes - n_papers)
    weights = [1.0 / (i + 1) ** 1.05 for i in range(n_entities)]
    entity_label = [LABELS[rng.randrange(len(LABELS))] for _ in range(n_entities)]
    # every entity is mentioned at least once: entity i goes to paper i % n_papers
    picks = [[] for _ in range(n_papers)]
    for i in range(n_entities):
        picks[i % n_papers].append(i)
    papers = []
    for p in range(n_papers):
        chosen = set(picks[p]) | set(rng.choices(range(n_entities), weights, k=rng.randint(1, 5)))
        sentences, mentions, offset = [], [], 0
        for i in sorted(chosen):
            name = f"Ent{i}"
            sentence = f"We study {name} in depth."
            start = offset + len("We study ")
            label = entity_label[i]
            mentions.append(
                Mention(
                    text=name,
                    label=label,
                    start=start,
                    end=start + len(name),
                    field="abstract",
                    canonical=name,
                    entity_id=f"{label.lower()}:ent{i}",
                    sentence_start=offset,
                    sentence_end=offset + len(sentence),
                    source="bench",
                    confidence=0.9,
                    proposed=label == "Method" and rng.random() < 0.1,
                    value="91.2" if label == "Metric" and rng.random() < 0.3 else None,
                )
            )
            sentences.append(sentence)
            offset += len(sentence) + 1
        papers.append(
            Paper(key=f"p{p:06d}", title=f"A synthetic paper number {p} on things", abstract=" ".join(sentences),
                  date="2024-01-01", mentions=mentions)
        )
    return build_graph(papers)


def page_ready_seconds(path, runs=3):
    """Median seconds from navigation to the first drawing of the graph, in headless Chromium."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
                page.goto(Path(path).resolve().as_uri())
                page.wait_for_function("window.kg && window.kg.ready", timeout=120_000)
                times.append(page.evaluate("kg.readyAt") / 1000)  # the page's own clock, from navigation
                page.close()
        finally:
            browser.close()
    return sorted(times)[len(times) // 2]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 20000])
    parser.add_argument("--max-nodes", type=int, default=None)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timings")
    parser.add_argument("--no-sample", action="store_true", help="skip the sample graph (kg.build())")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    graphs = [(f"synthetic {n:,}", lambda n=n: synthetic_graph(n)) for n in args.sizes]
    if not args.no_sample:
        def sample():
            import kg
            return kg.build()
        graphs.append(("sample", sample))
    print(f"{'graph':>16} {'nodes':>7} {'edges':>7} {'to_html s':>10} {'MB':>6} {'page ready s':>13}")
    for name, make in graphs:
        try:
            G = make()
        except Exception as exc:  # the sample needs the extraction pipeline
            print(f"{name:>16}  unavailable: {type(exc).__name__}: {exc}")
            continue
        start = time.perf_counter()
        page = to_html(G, max_nodes=args.max_nodes)
        took = time.perf_counter() - start
        path = tmp / f"{name.replace(' ', '_').replace(',', '')}.html"
        write_html(G, path, max_nodes=args.max_nodes)
        ready = "-" if args.no_browser else f"{page_ready_seconds(path):.2f}"
        print(f"{name:>16} {G.number_of_nodes():>7,} {G.number_of_edges():>7,} {took:>10.2f} "
              f"{len(page.encode()) / 1e6:>6.1f} {ready:>13}")


if __name__ == "__main__":
    main()
