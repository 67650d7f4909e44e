"""Refresh the sample outputs shown in the docs after the extraction changes.

Usage::

    kg build                        # the bundled sample -> outputs/
    python scripts/render_docs.py   # rewrites the "Output on the sample" blocks of README.md

Each block follows a line naming its query file (`docs/queries/NN_name.rq`); the block is
replaced by what `kg query outputs/graph.ttl -f that-file` prints.
"""

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.fileio import atomic_write  # noqa: E402
from kg.query import run_query  # noqa: E402

_BLOCK = re.compile(
    r"(`(?P<query>docs/queries/[\w.-]+\.rq)`.*?Output on the sample:\n\n```text\n)(?P<out>.*?)(\n```)",
    re.DOTALL,
)


def render(markdown, graph):
    """Return ``markdown`` with every query's output block recomputed on ``graph``."""

    def replace(m):
        sparql = (ROOT / m.group("query")).read_text(encoding="utf-8")
        out = run_query(graph, sparql, fmt="table").rstrip("\n")
        return m.group(1) + out + m.group(4)

    return _BLOCK.sub(replace, markdown)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", default=str(ROOT / "outputs" / "graph.ttl"))
    parser.add_argument("--doc", default=str(ROOT / "README.md"))
    args = parser.parse_args(argv)
    doc = Path(args.doc)
    text = doc.read_text(encoding="utf-8")
    new = render(text, args.graph)
    with atomic_write(doc) as fh:
        fh.write(new)
    print(f"{doc}: {'updated' if new != text else 'unchanged'}")


if __name__ == "__main__":
    main()
