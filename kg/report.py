"""Summarise the knowledge graph as text and as a Markdown report with tables and PNG plots."""

import re
import warnings
from collections import Counter

from . import analysis
from .fileio import atomic_write, ensure_dir
from .model import LABELS

__all__ = [
    "PAIRS",
    "plot_degree_distribution",
    "plot_top_entities",
    "report_data",
    "summary_text",
    "to_markdown",
    "write_report",
]

#: The co-occurrence tables of the report, as (label, label) pairs.
PAIRS = (("Method", "Dataset"), ("Dataset", "Metric"), ("Method", "Task"))

_PLURAL = {"Method": "methods", "Dataset": "datasets", "Metric": "metrics", "Task": "tasks"}
_MAX_NAME = 40  # characters of an entity name shown in a plot
_MAX_MEMBERS = 6  # members of a community listed in the report


# --- data --------------------------------------------------------------------------------------


def _named(G, node):
    return (node, G.nodes[node].get("label", node))


def report_data(G, *, n=10, seed=0):
    """Return everything the report shows, as plain data.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    n : int, default 10
        Rows per table.
    seed : int, default 0
        Seed of the Louvain communities.

    Returns
    -------
    dict
        ``summary`` (:func:`kg.analysis.summary`), ``graph`` (its ``name`` and ``pipeline``),
        ``top`` (label → :func:`kg.analysis.top_entities` rows), ``pairs`` (``"Method-Dataset"``
        etc. → ``(a, a's name, b, b's name, papers)`` rows), ``communities`` (the ``n`` largest
        with two or more members: ``{"size", "members": [(node, name, papers), ...]}``, members
        by papers), ``singletons`` (entities alone in their community), and ``degrees``:
        ``{"entities_per_paper": {k: papers}, "papers_per_entity": {k: entities}}``.
    """
    top = {label: analysis.top_entities(G, label, n) for label in LABELS}
    paper_counts = {node: count for node, _, count in analysis.top_entities(G, n=None)}
    pairs = {}
    for a, b in PAIRS:
        counts = analysis.cooccurrence(G, a, b)
        # among pairs of equal strength, those of more widely used entities first
        ranked = sorted(counts, key=lambda p: (-counts[p], -paper_counts[p[0]] - paper_counts[p[1]], p))
        pairs[f"{a}-{b}"] = [(*_named(G, x), *_named(G, y), counts[x, y]) for x, y in ranked[:n]]
    found = analysis.communities(G, seed=seed)
    groups = []
    for members in (c for c in found if len(c) > 1):
        ranked = sorted(members, key=lambda m: (-paper_counts[m], m))
        groups.append({"size": len(members), "members": [(*_named(G, m), paper_counts[m]) for m in ranked]})
    per_paper = Counter(len(analysis.entities(G, paper=p)) for p in analysis.papers(G))
    per_entity = Counter(paper_counts.values())
    return {
        "summary": analysis.summary(G),
        "graph": {"name": G.graph.get("name", ""), "pipeline": G.graph.get("pipeline", "")},
        "top": top,
        "pairs": pairs,
        "communities": groups[:n],
        "singletons": sum(1 for c in found if len(c) == 1),
        "degrees": {
            "entities_per_paper": dict(sorted(per_paper.items())),
            "papers_per_entity": dict(sorted(per_entity.items())),
        },
    }


# --- text --------------------------------------------------------------------------------------


def _counts_line(summary):
    ents = summary["entities"]
    parts = ", ".join(f"{ents[label]} {_PLURAL[label]}" for label in LABELS)
    return (
        f"{summary['papers']} papers, {sum(ents.values())} entities ({parts}), "
        f"{sum(summary['edges'].values())} links"
    )


def _years(summary):
    years = summary["years"]
    if years is None:
        return "unknown"
    return str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"


def summary_text(G, *, n=3):
    """Return a short plain-text summary of ``G``: counts, years and the top ``n`` of each type.

    Examples
    --------
    >>> import kg
    >>> from kg.report import summary_text
    >>> print(summary_text(kg.build()), end="")
    kg: 368 papers, ... entities (... methods, ... datasets, ... metrics, ... tasks), ... links
    years: ...
    top methods: ...
    top datasets: ImageNet (...), ...
    top metrics: ...
    top tasks: ...
    """
    summary = analysis.summary(G)
    lines = [f"{summary['name'] or 'graph'}: {_counts_line(summary)}", f"years: {_years(summary)}"]
    for label in LABELS:
        top = analysis.top_entities(G, label, n)
        shown = ", ".join(f"{name} ({count})" for _, name, count in top) or "none"
        lines.append(f"top {_PLURAL[label]}: {shown}")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
_SPACE = re.compile(r"\s+")


def _md(text):
    """Escape untrusted ``text`` for one line of Markdown (a table cell or a heading)."""
    text = _SPACE.sub(" ", str(text)).strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _code(text):
    text = str(text)
    return f"`{text}`" if "`" not in text and "\n" not in text else _md(text)


def _table(header, align, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"]
    out += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return out


def _plot_name(label):
    return f"top_{_PLURAL[label]}.png"


DEGREE_PLOT = "degree_distribution.png"


def to_markdown(data, plots=()):
    """Return the Markdown report of :func:`report_data` ``data``.

    ``plots`` names the PNG files (relative paths) that exist beside the report; only those
    are embedded.
    """
    plots = set(plots)
    s = data["summary"]
    graph = data["graph"]
    lines = ["# Knowledge graph report", ""]
    about = f"Graph {_code(graph['name'])}" if graph["name"] else "The graph"
    if graph["pipeline"]:
        about += f" (pipeline {_code(graph['pipeline'])})"
    lines += [f"{about}: {_counts_line(s)}. Publication years: {_years(s)}.", ""]

    lines += ["## Counts", ""]
    rows = [("Papers", s["papers"])] + [(_PLURAL[label].capitalize(), s["entities"][label]) for label in LABELS]
    rows.append(("Papers with no entity", s["papers_without_entities"]))
    lines += _table(("Nodes", "Count"), "lr", rows) + [""]
    lines += _table(("Links", "Count"), "lr", [(_code(rel), c) for rel, c in s["edges"].items()]) + [""]

    for label in LABELS:
        plural = _PLURAL[label]
        lines += [f"## Top {plural}", ""]
        top = data["top"][label]
        if not top:
            lines += [f"No {plural} found.", ""]
            continue
        if _plot_name(label) in plots:
            lines += [f"![Top {plural} by number of papers]({_plot_name(label)})", ""]
        rows = [(i, _md(name), _code(node), count) for i, (node, name, count) in enumerate(top, 1)]
        lines += _table(("#", label, "Id", "Papers"), "rllr", rows) + [""]

    for key, rows in data["pairs"].items():
        a, b = key.split("-")
        lines += [f"## Strongest {a.lower()}–{b.lower()} pairs", ""]
        if not rows:
            lines += [f"No paper mentions both a {a.lower()} and a {b.lower()}.", ""]
            continue
        lines += ["Papers that mention both.", ""]
        lines += _table((a, b, "Papers"), "llr", [(_md(na), _md(nb), c) for _, na, _, nb, c in rows]) + [""]

    lines += ["## Largest communities", ""]
    lines += [
        "Louvain communities of the entity co-occurrence graph (entities linked by shared papers); "
        f"members by number of papers. Entities alone in their community: {data['singletons']}.",
        "",
    ]
    if data["communities"]:
        rows = []
        for i, group in enumerate(data["communities"], 1):
            shown = [f"{_md(name)} ({count})" for _, name, count in group["members"][:_MAX_MEMBERS]]
            more = group["size"] - len(shown)
            rows.append((i, group["size"], ", ".join(shown) + (f", and {more} more" if more else "")))
        lines += _table(("#", "Size", "Members"), "rrl", rows) + [""]
    else:
        lines += ["No community has two or more entities.", ""]

    lines += ["## Degree distribution", ""]
    if DEGREE_PLOT in plots:
        lines += [f"![Entities per paper and papers per entity]({DEGREE_PLOT})", ""]
    for key, title, unit in (
        ("entities_per_paper", "Entities per paper", "Papers"),
        ("papers_per_entity", "Papers per entity", "Entities"),
    ):
        counts = data["degrees"][key]
        if counts:
            lines += _table((title, unit), "rr", counts.items()) + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


# --- plots -------------------------------------------------------------------------------------


def _short(name):
    name = _SPACE.sub(" ", str(name)).strip()
    return name if len(name) <= _MAX_NAME else name[: _MAX_NAME - 1] + "…"


def _figure(**kwargs):
    from matplotlib.figure import Figure

    return Figure(layout="constrained", dpi=100, **kwargs)


def plot_top_entities(rows, title):
    """Return a bar chart (a matplotlib ``Figure``) of :func:`kg.analysis.top_entities` rows."""
    from matplotlib.ticker import MaxNLocator

    fig = _figure(figsize=(7, 1.2 + 0.32 * max(len(rows), 1)))
    ax = fig.subplots()
    rows = list(reversed(rows))  # barh draws bottom-up; the largest goes on top
    ax.barh(range(len(rows)), [count for *_, count in rows], color="#4c72b0")
    ax.set_yticks(range(len(rows)), [_short(name) for _, name, _ in rows])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("papers")
    ax.set_title(title)
    return fig


def plot_degree_distribution(degrees):
    """Return a two-panel bar chart of the ``degrees`` of :func:`report_data`."""
    from matplotlib.ticker import MaxNLocator, NullFormatter, StrMethodFormatter

    fig = _figure(figsize=(9, 3.6))
    panels = (
        ("entities_per_paper", "Entities per paper", "entities linked", "papers", "#4c72b0", "linear"),
        ("papers_per_entity", "Papers per entity", "papers linked", "entities (log scale)", "#dd8452", "log"),
    )
    for ax, (key, title, xlabel, ylabel, color, yscale) in zip(fig.subplots(1, 2), panels):
        counts = degrees[key]
        ax.bar(list(counts), list(counts.values()), color=color)
        ax.set_yscale(yscale)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if yscale == "linear":
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        else:  # plain numbers: the default log labels are TeX, which _style() turns off
            ax.yaxis.set_major_formatter(StrMethodFormatter("{x:g}"))
            ax.yaxis.set_minor_formatter(NullFormatter())
        ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    return fig


def _save_png(fig, path):
    """Save ``fig`` as a PNG whose bytes depend only on the figure (no version or date stamp)."""
    with atomic_write(path, "wb") as fh:
        fig.savefig(fh, format="png", metadata={"Software": None})


def _style():
    import matplotlib.style

    # The default style, whatever the user's matplotlibrc says; names are text, never TeX.
    return matplotlib.style.context(["default", {"text.parse_math": False, "text.usetex": False}])


# --- files -------------------------------------------------------------------------------------


def write_report(G, out_dir, *, n=10, seed=0):
    """Write ``report.md`` and its PNG plots into ``out_dir``; return the paths and the summary.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    out_dir : str or pathlib.Path
        Created if missing. The report embeds the plots by relative path.
    n : int, default 10
        Rows per table and bars per chart.
    seed : int, default 0
        Seed of the Louvain communities.

    Returns
    -------
    dict
        ``{"report": path of report.md, "plots": [paths of the PNGs], "summary": summary dict}``,
        paths as strings. The same graph gives byte-identical files.
    """
    out = ensure_dir(out_dir)
    data = report_data(G, n=n, seed=seed)
    figures = {
        _plot_name(label): (plot_top_entities, (data["top"][label], f"Top {_PLURAL[label]} by number of papers"))
        for label in LABELS
        if data["top"][label]
    }
    if data["summary"]["papers"]:
        figures[DEGREE_PLOT] = (plot_degree_distribution, (data["degrees"],))
    with _style(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from")  # names in scripts DejaVu lacks
        for name, (plot, args) in figures.items():
            _save_png(plot(*args), out / name)
    report = out / "report.md"
    with atomic_write(report) as fh:
        fh.write(to_markdown(data, figures))
    return {
        "report": str(report),
        "plots": [str(out / name) for name in figures],
        "summary": data["summary"],
    }
