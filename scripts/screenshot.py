"""Make the README screenshot (docs/screenshot.png) of the sample graph's HTML page.

Usage::

    python scripts/screenshot.py                       # kg.build() on the bundled sample
    python scripts/screenshot.py --graph outputs/graph.json -o /tmp/shot.png

Headless Debian Chromium (/usr/bin/chromium) opens the page offline, zooms a little into the
graph around its best-connected method and hovers that method so that its tooltip shows.
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chromium import launch  # noqa: E402  (scripts/chromium.py)
from kg.export.html import write_html  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def screenshot(G, out, *, width=1600, height=1000, zoom=1.7, title="kg — knowledge graph of the sample corpus"):
    """Write a PNG of ``G``'s page to ``out``; return the number of nodes shown."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "graph.html"
        write_html(G, page_path, title=title)
        with sync_playwright() as pw:
            browser = launch(pw)
            try:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
                page.goto(page_path.as_uri())
                page.wait_for_function("window.kg && window.kg.ready", timeout=60_000)
                hub = page.evaluate(
                    """(zoom) => {
                        const info = kg.info.nodes;
                        let hub = -1;
                        info.forEach((d, i) => {
                            if (d.type === "Method" && (hub < 0 || d.papers > info[hub].papers)) hub = i;
                        });
                        if (hub < 0) return null;
                        const p = kg.network.getPositions([hub])[hub];
                        kg.network.moveTo({position: p, scale: kg.network.getScale() * zoom});
                        return hub;
                    }""",
                    zoom,
                )
                if hub is not None:
                    xy = page.evaluate(
                        """(id) => {
                            const p = kg.network.canvasToDOM(kg.network.getPositions([id])[id]);
                            const r = document.getElementById("kg-graph").getBoundingClientRect();
                            return [r.left + p.x, r.top + p.y];
                        }""",
                        hub,
                    )
                    page.mouse.move(*xy)
                    page.locator("#kg-tooltip").wait_for(state="visible", timeout=5000)
                page.wait_for_timeout(300)
                Path(out).parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out))
                return page.evaluate("kg.nodes.length")
            finally:
                browser.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", help="a graph.json or graph.graphml written by `kg build` (default: kg.build())")
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--zoom", type=float, default=1.7)
    args = parser.parse_args(argv)
    if args.graph:
        from kg.export.files import read_graph

        G = read_graph(args.graph)
    else:
        import kg

        G = kg.build()
    shown = screenshot(G, args.output, zoom=args.zoom)
    print(f"wrote {args.output} ({shown} nodes)")


if __name__ == "__main__":
    main()
