"""Refresh the sample outputs shown in the docs after the extraction changes.

Usage::

    kg build                        # the bundled sample -> outputs/
    python scripts/render_docs.py   # rewrites the "Output on the sample" blocks of README.md
    python scripts/render_docs.py --doctests   # and the outputs of its failing Python examples

Each block follows a line naming its query file (`docs/queries/NN_name.rq`); the block is
replaced by what `kg query outputs/graph.ttl -f that-file` prints. With ``--doctests`` the
README's ``>>>`` examples run as ``python -m doctest`` runs them (ELLIPSIS, NORMALIZE_WHITESPACE),
and each one that fails gets the output it printed instead of the one written; examples that
pass keep theirs (so an elided "..." output stays elided). Review the diff: the new output is
what the code does now, not necessarily what it should do.
"""

import argparse
import doctest
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


class _Collector(doctest.DocTestRunner):
    """A doctest runner that records what each failing example printed."""

    def __init__(self):
        super().__init__(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        self.recorded = []  # (example, what it printed)

    def report_failure(self, out, test, example, got):
        self.recorded.append((example, got))

    def report_unexpected_exception(self, out, test, example, exc_info):
        raise RuntimeError(f"README line {example.lineno + 1}: {example.source.strip()} raised "
                           f"{exc_info[1]!r}; fix it by hand") from exc_info[1]


def refresh_doctests(markdown, name="README.md"):
    """Return ``markdown`` with the expected output of each failing ``>>>`` example replaced by its output."""
    test = doctest.DocTestParser().get_doctest(markdown, {"__name__": "__main__"}, name, name, 0)
    runner = _Collector()
    runner.run(test, out=lambda text: None, clear_globs=True)
    lines = markdown.split("\n")
    for example, got in sorted(runner.recorded, key=lambda f: f[0].lineno, reverse=True):
        first = example.lineno + example.source.count("\n")  # the expected output's first line
        indent = " " * example.indent
        new = [indent + line if line else line for line in got.rstrip("\n").split("\n")] if got else []
        lines[first : first + len(example.want.rstrip("\n").split("\n")) if example.want else first] = new
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", default=str(ROOT / "outputs" / "graph.ttl"))
    parser.add_argument("--doc", default=str(ROOT / "README.md"))
    parser.add_argument("--doctests", action="store_true", help="also refresh the outputs of failing >>> examples")
    args = parser.parse_args(argv)
    doc = Path(args.doc)
    text = doc.read_text(encoding="utf-8")
    new = render(text, args.graph)
    if args.doctests:
        new = refresh_doctests(new, doc.name)
    with atomic_write(doc) as fh:
        fh.write(new)
    print(f"{doc}: {'updated' if new != text else 'unchanged'}")


if __name__ == "__main__":
    main()
