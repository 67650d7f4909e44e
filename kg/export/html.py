"""The graph as one self-contained, offline, interactive HTML page (vis-network via pyvis).

The page inlines vis-network from the installed pyvis package and makes no request to any
other host. Node and edge data are built with pyvis's :class:`~pyvis.node.Node` and
:class:`~pyvis.edge.Edge` (the vis-network item format; ``Network.add_node``/``add_edge`` are
not used because they check membership in a list, O(n) per call) and rendered with our own
Jinja2 template (``templates/graph.html.j2``), not pyvis's, whose template loads Bootstrap and
vis-network from CDNs and renders tooltips, the heading and the select menu as raw HTML.

Safety: every piece of input text reaches the page either through Jinja2's autoescaping or
inside one JSON ``<script type="application/json">`` block whose ``<``, ``>``, ``&`` and
U+2028/U+2029 are ``\\u``-escaped; the page's script builds tooltips and panels as DOM
nodes with ``textContent`` only, and node ids in the page are integers, never input text.

Speed: positions are computed here (a seeded force layout of the graph's 2-core, with the
trees hanging off it placed on rings around their parents) and the page starts with physics
off, so even a graph of thousands of nodes is drawn at once. ``max_nodes`` caps the number
of nodes drawn; see :func:`select_nodes`.
"""

import json
import math
from importlib import resources

import networkx as nx
import numpy as np
from jinja2 import Environment, FunctionLoader, select_autoescape
from markupsafe import Markup
from pyvis.edge import Edge
from pyvis.node import Node

from ..errors import KgError
from ..fileio import atomic_write
from ..graph import RELATIONS
from ..model import LABELS

__all__ = ["RELATION_STYLE", "TYPE_STYLE", "layout", "select_nodes", "to_html", "write_html"]

#: Colour (Okabe–Ito, colour-blind safe) and vis-network shape of each node type.
TYPE_STYLE = {
    "Paper": {"color": "#8F9BAA", "shape": "square"},
    "Method": {"color": "#E69F00", "shape": "dot"},
    "Dataset": {"color": "#009E73", "shape": "diamond"},
    "Metric": {"color": "#CC79A7", "shape": "triangle"},
    "Task": {"color": "#0072B2", "shape": "star"},
}
_OTHER_STYLE = {"color": "#555555", "shape": "dot"}
#: Colour and dash pattern (``False`` for a solid line) of each relation.
RELATION_STYLE = {
    "proposes": {"color": "#D55E00", "dashes": False, "width": 2.5},
    "uses": {"color": "#E69F00", "dashes": False, "width": 1.2},
    "evaluates_on": {"color": "#009E73", "dashes": [8, 5], "width": 1.2},
    "reports": {"color": "#CC79A7", "dashes": [2, 4], "width": 1.5},
    "addresses": {"color": "#0072B2", "dashes": [14, 4, 2, 4], "width": 1.2},
}
_OTHER_RELATION = {"color": "#777777", "dashes": False, "width": 1.0}
_PLURAL = {"Paper": "papers", "Method": "methods", "Dataset": "datasets", "Metric": "metrics", "Task": "tasks"}

_LABEL_MAX = {"Paper": 32, "entity": 28}  # characters shown on the canvas; full text in the tooltip
_ABSTRACT_MAX = 320
_EVIDENCE_MAX = 600
_SEED = 7
_CORE_MAX = 700  # nodes laid out by the O(n²) force simulation; the rest are placed around them
_EDGE_LEN = 170.0  # median length of a core edge, in page pixels
_NODE_ROOM = 80.0  # page pixels for the ideal distance between two core nodes
_LEAF_GAP = 30.0  # distance between neighbouring leaves on a ring
_LEAF_RADIUS = 75.0


def _text(value):
    """Input text as a clean str: ``None`` → ``""``, lone surrogates replaced (so UTF-8 encoding never fails)."""
    if value is None:
        return ""
    value = str(value)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def _truncate(text, limit):
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"


def _node_type(data):
    return _text(data.get("type")) or "Other"


def _edge_relation(key, data):
    rel = data.get("relation")
    if rel is None and isinstance(key, str):
        rel = key
    return _text(rel) or "related"


def _types_in_order(types):
    known = ("Paper",) + tuple(LABELS)
    return [t for t in known if t in types] + sorted(t for t in types if t not in known)


def _relations_in_order(relations):
    return [r for r in RELATIONS if r in relations] + sorted(r for r in relations if r not in RELATIONS)


def _rank_key(G, node):
    return (-int(G.nodes[node].get("paper_count") or 0), -G.degree(node), str(node))


def select_nodes(G, max_nodes=None):
    """Return the sorted list of nodes of ``G`` to draw, at most ``max_nodes`` of them.

    ``max_nodes`` counts every node drawn, papers and entities alike, so it bounds the size
    of the page. Up to half of it goes to the most connected entities (most papers, then
    highest degree, then id), the rest to the papers with the most links to those entities;
    budget that papers leave unused goes to further entities. Papers linked to no kept
    entity come last. ``None`` keeps every node.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("paper:a", type="Paper"); G.add_node("paper:b", type="Paper")
    >>> G.add_node("method:x", type="Method", paper_count=2)
    >>> G.add_node("task:y", type="Task", paper_count=1)
    >>> _ = G.add_edge("paper:a", "method:x"); _ = G.add_edge("paper:b", "method:x")
    >>> _ = G.add_edge("paper:b", "task:y")
    >>> select_nodes(G, 2)
    ['method:x', 'paper:b']
    """
    if max_nodes is None or max_nodes >= G.number_of_nodes():
        return sorted(G.nodes, key=str)
    papers = [n for n, t in G.nodes(data="type") if t == "Paper"]
    entities = sorted((n for n, t in G.nodes(data="type") if t != "Paper"), key=lambda n: _rank_key(G, n))
    paper_set = set(papers)
    neighbours = {}  # entity -> its papers, for the entities looked at only (at most max_nodes)

    def linked_papers(k):
        links = {}
        for e in entities[:k]:
            if e not in neighbours:
                neighbours[e] = set(nx.all_neighbors(G, e)) & paper_set
            for p in neighbours[e]:
                links[p] = links.get(p, 0) + 1
        return links

    k = min(len(entities), (max_nodes + 1) // 2)
    links = linked_papers(k)
    while k < len(entities) and k + len(links) < max_nodes:
        k = min(len(entities), max_nodes - len(links))
        links = linked_papers(k)
    ranked = sorted(papers, key=lambda p: (-links.get(p, 0), -G.degree(p), str(p)))
    if k < len(entities):
        ranked = [p for p in ranked if p in links]
    kept = entities[:k] + ranked[: max_nodes - k]
    return sorted(kept, key=str)


# ---------------------------------------------------------------------------------------- layout


def _force(n, edges, iterations, seed):
    """Fruchterman–Reingold positions (unit scale) of ``n`` nodes joined by ``edges`` (index pairs)."""
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)) - 0.5
    if n == 1:
        return np.zeros((1, 2))
    if len(edges) == 0:
        edges = np.zeros((0, 2), dtype=int)
    src, dst = edges[:, 0], edges[:, 1]
    k = 1.0 / math.sqrt(n)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    gravity = 0.2 * k * math.sqrt(n)  # mild: keeps separate pieces of the core together
    x, y = pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32)
    diagonal = np.arange(n)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        rep = dx * dx
        rep += dy * dy
        np.maximum(rep, 1e-6, out=rep)
        np.divide(k * k, rep, out=rep)
        rep[diagonal, diagonal] = 0.0
        disp_x = np.einsum("ij,ij->i", rep, dx).astype(np.float64)
        disp_y = np.einsum("ij,ij->i", rep, dy).astype(np.float64)
        vx = x[src] - x[dst]
        vy = y[src] - y[dst]
        length = np.sqrt(vx * vx + vy * vy) / k
        np.add.at(disp_x, src, -vx * length)
        np.add.at(disp_x, dst, vx * length)
        np.add.at(disp_y, src, -vy * length)
        np.add.at(disp_y, dst, vy * length)
        disp_x -= x * gravity
        disp_y -= y * gravity
        norm = np.maximum(np.sqrt(disp_x * disp_x + disp_y * disp_y), 1e-12)
        step = np.minimum(norm, temperature) / norm
        x = (x + disp_x * step).astype(np.float32)
        y = (y + disp_y * step).astype(np.float32)
        temperature -= cooling
    pos = np.stack([x, y], axis=1).astype(np.float64)
    return pos


def _peel(adj, order):
    """Peel the leaves of the graph ``adj`` (node → set of neighbours) repeatedly.

    Returns the core nodes (the 2-core), ``{peeled node: parent or None}`` and the peel order.
    """
    degree = {v: len(adj[v]) for v in order}
    queue = [v for v in order if degree[v] <= 1]
    parent, peeled = {}, []
    i = 0
    while i < len(queue):
        v = queue[i]
        i += 1
        if v in parent:
            continue
        alive = [u for u in adj[v] if u not in parent]
        parent[v] = alive[0] if alive else None  # a node is queued with at most one live neighbour
        peeled.append(v)
        for u in alive:
            degree[u] -= 1
            if degree[u] <= 1:
                queue.append(u)
    core = [v for v in order if v not in parent]
    return core, parent, peeled


def _ring(center, count, start, spread, radius_min):
    """``count`` points around ``center`` on an arc of ``spread`` radians starting at angle ``start``."""
    if count <= 0:
        return []
    if spread >= 2 * math.pi - 1e-9:
        radius = max(radius_min, count * _LEAF_GAP / (2 * math.pi))
        if count > 24:  # a sunflower disc packs many leaves better than one huge ring
            return [
                (
                    center[0] + (radius_min * 0.6 + _LEAF_GAP * 0.55 * math.sqrt(i)) * math.cos(start + i * 2.39996323),
                    center[1] + (radius_min * 0.6 + _LEAF_GAP * 0.55 * math.sqrt(i)) * math.sin(start + i * 2.39996323),
                )
                for i in range(count)
            ]
        step = 2 * math.pi / count
        angles = [start + i * step for i in range(count)]
    else:
        radius = max(radius_min, count * _LEAF_GAP / max(spread, 1e-9))
        if count == 1:
            angles = [start + spread / 2]
        else:
            angles = [start + spread * i / (count - 1) for i in range(count)]
    return [(center[0] + radius * math.cos(a), center[1] + radius * math.sin(a)) for a in angles]


def _layout_component(adj, order):
    """Positions (page pixels, centred on 0) of a connected component: ``order`` its sorted nodes, ``adj`` adjacency."""
    index = {v: i for i, v in enumerate(order)}
    core, parent, peeled = _peel(adj, order)
    pos = {}
    if core:
        anchors = core
        if len(core) > _CORE_MAX:
            anchors = sorted(core, key=lambda v: (-len(adj[v]), index[v]))[:_CORE_MAX]
            anchors.sort(key=index.get)
        a_index = {v: i for i, v in enumerate(anchors)}
        pairs = np.array(
            sorted({(a_index[u], a_index[v]) for u in anchors for v in adj[u] if v in a_index and a_index[u] < a_index[v]}),
            dtype=int,
        ).reshape(-1, 2)
        xy = _force(len(anchors), pairs, 80 if len(anchors) > 300 else 150, _SEED)
        if len(pairs):
            lengths = np.sqrt(((xy[pairs[:, 0]] - xy[pairs[:, 1]]) ** 2).sum(axis=1))
            scale = _EDGE_LEN / max(float(np.median(lengths)), 1e-9)
        else:
            scale = _EDGE_LEN
        # at least _NODE_ROOM pixels for FR's ideal distance (1/sqrt(n)): dense cores spread out
        scale = max(scale, _NODE_ROOM * math.sqrt(len(anchors)))
        for v, i in a_index.items():
            pos[v] = (float(xy[i, 0]) * scale, float(xy[i, 1]) * scale)
        # Core nodes beyond the anchors: breadth-first from the anchors, each at the mean of its
        # placed neighbours plus a small spiral offset so that nodes sharing neighbours separate.
        in_core = set(core)
        frontier = list(anchors)
        placed_count = 0
        while frontier:
            nxt = []
            for v in frontier:
                for u in sorted(adj[v], key=index.get):
                    if u in in_core and u not in pos:
                        near = [pos[w] for w in sorted(adj[u], key=index.get) if w in pos]
                        cx = sum(p[0] for p in near) / len(near)
                        cy = sum(p[1] for p in near) / len(near)
                        placed_count += 1
                        r = _EDGE_LEN * 0.35 * math.sqrt(placed_count % 50 + 1) / 3
                        a = placed_count * 2.39996323
                        pos[u] = (cx + r * math.cos(a), cy + r * math.sin(a))
                        nxt.append(u)
            frontier = nxt
    # Trees hanging off the core (or a whole tree): each node's children on a ring around it,
    # fanned away from its own parent.
    children = {}
    roots = []
    for v in peeled:
        p = parent[v]
        if p is None:
            roots.append(v)
        else:
            children.setdefault(p, []).append(v)
    for r in roots:
        pos[r] = (0.0, 0.0)
    if core:
        cx = sum(p[0] for p in pos.values()) / len(pos)
        cy = sum(p[1] for p in pos.values()) / len(pos)
    else:
        cx = cy = 0.0
    stack = [v for v in order if v in pos and v in children]
    for v in stack:  # the stack grows as children are placed: breadth-first over the trees
        kids = children.get(v, [])
        x, y = pos[v]
        p = parent.get(v)
        if p is None:  # a core node or a tree's root: the whole circle, starting outwards
            outward = math.atan2(y - cy, x - cx) if (x, y) != (cx, cy) else 0.0
            points = _ring((x, y), len(kids), outward, 2 * math.pi, _LEAF_RADIUS)
        else:
            px, py = pos[p]
            away = math.atan2(y - py, x - px)
            spread = min(math.pi * 1.2, max(0.5, len(kids) * 0.35))
            points = _ring((x, y), len(kids), away - spread / 2, spread, _LEAF_RADIUS * 0.85)
        for u, point in zip(kids, points):
            pos[u] = point
            if u in children:
                stack.append(u)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    mx, my = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {v: (x - mx, y - my) for v, (x, y) in pos.items()}


def layout(G, nodes=None):
    """Return deterministic page positions ``{node: (x, y)}`` (integers, pixels) for ``nodes`` of ``G``.

    Each connected component is laid out on its own: a seeded Fruchterman–Reingold simulation
    of its 2-core (of at most ``700`` best-connected nodes; further core nodes are placed
    breadth-first near their neighbours) and rings for the trees hanging off it. The largest
    component sits at the origin; the others are packed in rows below it, largest first.
    """
    nodes = sorted(G.nodes if nodes is None else nodes, key=str)
    rank = {v: i for i, v in enumerate(nodes)}
    adj = {v: set() for v in nodes}
    for u, v in G.edges():
        if u != v and u in adj and v in adj:
            adj[u].add(v)
            adj[v].add(u)
    comps, seen = [], set()
    for v in nodes:  # connected components, each sorted
        if v not in seen:
            seen.add(v)
            comp, stack = [], [v]
            while stack:
                u = stack.pop()
                comp.append(u)
                for w in adj[u]:
                    if w not in seen:
                        seen.add(w)
                        stack.append(w)
            comps.append(sorted(comp, key=rank.get))
    comps.sort(key=lambda c: (-len(c), rank[c[0]]))
    if not comps:
        return {}
    blocks = [_layout_component(adj, c) for c in comps]

    def extent(block):
        xs = [p[0] for p in block.values()]
        ys = [p[1] for p in block.values()]
        return max(xs) - min(xs) + _LEAF_GAP * 2, max(ys) - min(ys) + _LEAF_GAP * 2

    result = dict(blocks[0])
    w0, h0 = extent(blocks[0])
    area = sum(extent(b)[0] * extent(b)[1] for b in blocks)
    width = max(w0, math.sqrt(area * 1.6), 400.0)  # about the aspect of a screen
    x, y, row_h = -width / 2, h0 / 2 + _LEAF_GAP * 2, 0.0
    for block in blocks[1:]:
        w, h = extent(block)
        if x + w > width / 2 and x > -width / 2:
            x, y, row_h = -width / 2, y + row_h, 0.0
        for v, (px, py) in block.items():
            result[v] = (px + x + w / 2, py + y + h / 2)
        x += w
        row_h = max(row_h, h)
    return {v: (int(round(px)), int(round(py))) for v, (px, py) in result.items()}


# ------------------------------------------------------------------------------------ page data


def _node_info(G, node, data, kind):
    info = {"type": kind, "gid": _text(node)}
    if kind == "Paper":
        title = _text(data.get("title")) or _text(data.get("label")) or _text(node)
        authors = [_text(a) for a in (data.get("authors") or [])]
        url = _text(data.get("url"))
        info.update(
            name=title,
            date=_text(data.get("date")),
            authors=", ".join(authors[:3]) + (" et al." if len(authors) > 3 else ""),
            abstract=_truncate(_text(data.get("abstract")), _ABSTRACT_MAX),
            url=url if url.startswith(("https://", "http://")) else "",
            aliases=[],
        )
    else:
        aliases = [_text(a) for a in (data.get("aliases") or [])]
        info.update(
            name=_text(data.get("label")) or _text(node),
            aliases=aliases,
            papers=int(data.get("paper_count") or 0),
            gazetteer=bool(data.get("in_gazetteer")),
        )
    return info


def _node_size(kind, data):
    if kind == "Paper":
        return 9.0, 12
    count = max(int(data.get("paper_count") or 0), 1)
    size = min(9.0 + 5.0 * math.sqrt(count - 1), 48.0)
    return round(size, 1), int(min(13 + 6 * math.sqrt(count - 1), 56))


def _edge_info(G, data, relation):
    results = []
    for r in data.get("results") or []:
        dataset = r.get("dataset") if isinstance(r, dict) else None
        if dataset is not None and dataset in G:
            dataset = G.nodes[dataset].get("label") or dataset
        value = r.get("value") if isinstance(r, dict) else r
        results.append({"value": _text(value), "dataset": _text(dataset),
                        "change": isinstance(r, dict) and r.get("change") is True})
    return {
        "relation": relation,
        "evidence": _truncate(_text(data.get("evidence")), _EVIDENCE_MAX),
        "mention": _text(data.get("mention")),
        "results": results,
    }


def _rgba(hex_colour, alpha):
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _count(n, singular, plural):
    return f"{n:,} {singular if n == 1 else plural}"


def _summary(G, kept_nodes, kept_edges, max_nodes):
    def counts(nodes):
        by_type = {}
        for n in nodes:
            t = _node_type(G.nodes[n])
            by_type[t] = by_type.get(t, 0) + 1
        return by_type

    total = counts(G.nodes)
    papers = total.get("Paper", 0)
    ents = {t: c for t, c in total.items() if t != "Paper"}
    parts = [_count(papers, "paper", "papers")]
    detail = ", ".join(
        _count(ents[t], t.lower(), _PLURAL.get(t, t.lower() + "s")) for t in _types_in_order(ents)
    )
    parts.append(_count(sum(ents.values()), "entity", "entities") + (f" ({detail})" if detail else ""))
    parts.append(_count(G.number_of_edges(), "link", "links"))
    summary = " · ".join(parts)
    note = ""
    if len(kept_nodes) < G.number_of_nodes():
        shown = counts(kept_nodes)
        left_papers = papers - shown.get("Paper", 0)
        left_ents = sum(ents.values()) - sum(c for t, c in shown.items() if t != "Paper")
        note = (
            f"Showing {len(kept_nodes):,} of {G.number_of_nodes():,} nodes (max_nodes={max_nodes}: "
            f"the most connected entities and the papers most linked to them). Left out: "
            f"{_count(left_papers, 'paper', 'papers')}, {_count(left_ents, 'entity', 'entities')}, "
            f"{_count(G.number_of_edges() - kept_edges, 'link', 'links')}."
        )
    return summary, note


def _page_data(G, max_nodes):
    kept = select_nodes(G, max_nodes)
    index = {n: i for i, n in enumerate(kept)}
    pos = layout(G, kept)
    vis_nodes, node_info, types = [], [], set()
    for i, node in enumerate(kept):
        data = G.nodes[node]
        kind = _node_type(data)
        types.add(kind)
        style = TYPE_STYLE.get(kind, _OTHER_STYLE)
        info = _node_info(G, node, data, kind)
        size, font = _node_size(kind, data)
        label = _truncate(info["name"], _LABEL_MAX["Paper" if kind == "Paper" else "entity"])
        x, y = pos[node]
        item = Node(i, style["shape"], label, color=style["color"], size=size, x=x, y=y, font={"size": font})
        vis_nodes.append(item.options)
        node_info.append(info)
    vis_edges, edge_info, relations = [], [], set()
    edge_list = (
        G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    )
    rows = []
    for u, v, key, data in edge_list:
        if u in index and v in index:
            relation = _edge_relation(key, data)
            rows.append((index[u], index[v], relation, data))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    colours = {}
    for j, (a, b, relation, data) in enumerate(rows):
        relations.add(relation)
        style = RELATION_STYLE.get(relation, _OTHER_RELATION)
        if relation not in colours:
            colours[relation] = {"color": _rgba(style["color"], 0.55), "highlight": style["color"], "hover": style["color"]}
        item = Edge(
            a, b, directed=G.is_directed(), id=j, color=dict(colours[relation]), dashes=style["dashes"], width=style["width"]
        )
        vis_edges.append(item.options)
        edge_info.append(_edge_info(G, data, relation))
    summary, note = _summary(G, kept, len(rows), max_nodes)
    type_list = _types_in_order(types)
    relation_list = _relations_in_order(relations)
    return {
        "nodes": vis_nodes,
        "edges": vis_edges,
        "info": {"nodes": node_info, "edges": edge_info},
        "types": [{"name": t, **TYPE_STYLE.get(t, _OTHER_STYLE)} for t in type_list],
        "relations": [{"name": r, **RELATION_STYLE.get(r, _OTHER_RELATION)} for r in relation_list],
        "options": _options(len(vis_nodes), len(vis_edges), G.is_directed()),
    }, summary, note


def _options(n_nodes, n_edges, directed):
    big = n_nodes + n_edges > 4000
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": _SEED},
        "physics": {
            "enabled": False,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -40, "springLength": 90, "avoidOverlap": 0.2},
            "stabilization": {"enabled": False},
            "minVelocity": 1.0,
        },
        "nodes": {
            "borderWidth": 1,
            "font": {"face": "system-ui, sans-serif", "color": "#1d2330", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 9, "maxVisible": 26}},
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.45}},
            "selectionWidth": 1.5,
            "hoverWidth": 1.0,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 80,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "keyboard": False,
            "multiselect": False,
        },
    }


# ------------------------------------------------------------------------------------ rendering


def _safe_json(obj):
    """JSON that is also safe verbatim inside a ``<script>`` element."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for raw, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return Markup(text)


def _asset(name):
    """Text of a file shipped in pyvis (vis-network) checked to be safe to inline."""
    try:
        text = resources.files("pyvis").joinpath("lib", "vis-9.1.2", name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise KgError(f"cannot read vis-network from the installed pyvis ({exc}); reinstall pyvis>=0.3.2") from None
    closing = "</style" if name.endswith(".css") else "</script"
    if closing in text.lower() or "<!--" in text:
        raise KgError(f"pyvis's {name} cannot be inlined safely (it contains {closing!r} or '<!--')")
    return Markup(text)


def _template(name):
    return resources.files("kg.export").joinpath("templates", name).read_text(encoding="utf-8")


_ENV = Environment(
    loader=FunctionLoader(_template),
    autoescape=select_autoescape(default=True, default_for_string=True),
    keep_trailing_newline=True,
)


def to_html(G, *, title="kg — knowledge graph", max_nodes=None):
    """Return the graph as one self-contained interactive HTML page (a str).

    Parameters
    ----------
    G : networkx graph
        The graph of :func:`kg.graph.build_graph` (any NetworkX graph with ``type``/``label``
        node attributes and ``relation`` edge attributes works).
    title : str
        The page title (escaped).
    max_nodes : int or None
        Draw at most this many nodes (papers and entities together; see :func:`select_nodes`);
        the page says what was left out.

    The output is deterministic: the same graph gives byte-identical pages.

    >>> from kg.graph import build_graph
    >>> page = to_html(build_graph([]), title="empty")
    >>> page.startswith("<!DOCTYPE html>") and "<title>empty</title>" in page
    True
    """
    if not isinstance(G, nx.Graph):
        raise KgError(f"to_html needs a NetworkX graph, not {type(G).__name__}")
    if max_nodes is not None and (isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1):
        raise KgError(f"max_nodes must be a positive whole number, not {max_nodes!r}")
    data, summary, note = _page_data(G, max_nodes)
    return _ENV.get_template("graph.html.j2").render(
        title=_text(title),
        summary=summary,
        note=note,
        data=_safe_json(data),
        types=data["types"],
        relations=data["relations"],
        vis_css=_asset("vis-network.css"),
        vis_js=_asset("vis-network.min.js"),
    )


def write_html(G, path, **options):
    """Write :func:`to_html` of ``G`` to ``path`` (atomically); ``options`` as for :func:`to_html`."""
    page = to_html(G, **options)
    with atomic_write(path) as fh:
        fh.write(page)
