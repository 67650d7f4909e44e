"""Analyse the knowledge graph: rankings, co-occurrence, projections, communities, similarity and subgraphs."""

import copy
import itertools
from collections import Counter

import networkx as nx

from .errors import KgError
from .graph import RELATIONS
from .model import LABELS

__all__ = [
    "CENTRALITIES",
    "centrality",
    "communities",
    "cooccurrence",
    "entities",
    "entity_projection",
    "neighbourhood",
    "papers",
    "similar_papers",
    "subgraph",
    "summary",
    "top_entities",
]

#: The kinds of :func:`centrality`.
CENTRALITIES = ("degree", "betweenness", "pagerank")

# Scores are sorted after rounding to this many digits, so that ties computed in a
# different floating-point order still break by node id.
_DIGITS = 12


# --- helpers ---------------------------------------------------------------------------------


def _labels(label, *, paper=False):
    """Normalise a ``label`` argument (None, one label, or several) to a tuple of labels."""
    allowed = LABELS + ("Paper",) if paper else LABELS
    if label is None:
        return allowed
    wanted = (label,) if isinstance(label, str) else tuple(label)
    for item in wanted:
        if item not in allowed:
            raise KgError(f"unknown node type {item!r}; use one of {', '.join(allowed)}")
    return wanted


def _paper_ids(G):
    return [n for n, t in G.nodes(data="type") if t == "Paper"]


def _papers_by_entity(G, labels=LABELS):
    """Map each entity of ``labels`` to the set of papers linked to it (every entity listed)."""
    out = {n: set() for n, t in G.nodes(data="type") if t in labels}
    for u, v in G.edges():
        if v in out and G.nodes[u].get("type") == "Paper":
            out[v].add(u)
    return out


def _entities_by_paper(G, labels=LABELS):
    """Map each paper to the set of its entities of ``labels`` (every paper listed)."""
    out = {n: set() for n in _paper_ids(G)}
    for u, v in G.edges():
        if u in out and G.nodes[v].get("type") in labels:
            out[u].add(v)
    return out


def _name(G, node):
    return G.nodes[node].get("label", node)


def _resolve(G, node, types=None):
    """Return the node id that ``node`` names: an id, or an entity's (or paper's) name or alias."""
    types = LABELS + ("Paper",) if types is None else types
    if node in G and G.nodes[node].get("type") in types:
        return node
    key = str(node).casefold()
    candidates = [n for n, t in G.nodes(data="type") if t in types]
    for field in ("label", "aliases"):
        hits = []
        for n in candidates:
            value = G.nodes[n].get(field)
            names = value if isinstance(value, list) else [value]
            if any(isinstance(x, str) and x.casefold() == key for x in names):
                hits.append(n)
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise KgError(f"{node!r} is ambiguous; give one of the node ids {', '.join(sorted(hits))}")
    raise KgError(f"no node {node!r} in the graph; give a node id such as 'method:bert' or an entity name")


def _ranked(scores, n):
    """Sort ``{key: score}`` by score (descending), then key; keep the first ``n`` (all if None)."""
    items = sorted(scores.items(), key=lambda kv: (-round(kv[1], _DIGITS), kv[0]))
    return items if n is None else items[:n]


def _copy_subgraph(G, nodes):
    """Return the subgraph of ``G`` induced by ``nodes`` as a deep copy with the same schema.

    Nodes and edges keep ``G``'s order (unlike ``G.subgraph``, whose order can follow set
    iteration), and ``paper_count`` is recounted so that it stays true within the subgraph.
    """
    keep = set(nodes)
    H = G.__class__()
    H.graph.update(copy.deepcopy(G.graph))
    H.add_nodes_from((n, copy.deepcopy(d)) for n, d in G.nodes(data=True) if n in keep)
    if H.is_multigraph():
        edges = G.edges(keys=True, data=True)
        H.add_edges_from((u, v, k, copy.deepcopy(d)) for u, v, k, d in edges if u in keep and v in keep)
    else:
        edges = G.edges(data=True)
        H.add_edges_from((u, v, copy.deepcopy(d)) for u, v, d in edges if u in keep and v in keep)
    for node, linked in _papers_by_entity(H).items():
        if "paper_count" in H.nodes[node]:
            H.nodes[node]["paper_count"] = len(linked)
    return H


# --- listing and counting ----------------------------------------------------------------------


def papers(G, entity=None):
    """Return the sorted ids of the papers of ``G``, or of those linked to ``entity``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph built by :func:`kg.build` (or loaded with :func:`kg.load`).
    entity : str, optional
        An entity node id (``"method:bert"``) or name (``"BERT"``, case-insensitive).

    Returns
    -------
    list of str

    Examples
    --------
    >>> import kg
    >>> from kg.analysis import papers
    >>> G = kg.build()  # the bundled sample corpus
    >>> len(papers(G))
    368
    >>> papers(G, "ImageNet") == papers(G, "dataset:imagenet")
    True
    """
    if entity is None:
        return sorted(_paper_ids(G))
    node = _resolve(G, entity, LABELS)
    return sorted(u for u in G.predecessors(node) if G.nodes[u].get("type") == "Paper")


def entities(G, label=None, paper=None):
    """Return the sorted ids of the entities of ``G``, optionally of one type and/or one paper.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    label : str or iterable of str, optional
        ``"Method"``, ``"Dataset"``, ``"Metric"`` or ``"Task"`` (or several); all if None.
    paper : str, optional
        A paper node id (or title): only the entities linked to that paper.

    Returns
    -------
    list of str

    Examples
    --------
    >>> import kg
    >>> from kg.analysis import entities, papers
    >>> G = kg.build()
    >>> "dataset:imagenet" in entities(G, "Dataset")
    True
    >>> paper = papers(G, "ImageNet")[0]
    >>> "dataset:imagenet" in entities(G, paper=paper)
    True
    """
    labels = _labels(label)
    if paper is None:
        return sorted(n for n, t in G.nodes(data="type") if t in labels)
    node = _resolve(G, paper, ("Paper",))
    return sorted({v for v in G.successors(node) if G.nodes[v].get("type") in labels})


def summary(G):
    """Return the counts that describe ``G``: papers, entities by type, edges by relation, years.

    Returns
    -------
    dict
        ``{"name", "papers", "entities": {label: count}, "edges": {relation: count},
        "years": [first, last] or None, "papers_without_entities"}``; entity and link counts
        list every type and relation, in :data:`kg.model.LABELS` / :data:`kg.graph.RELATIONS` order.

    Examples
    --------
    >>> import kg
    >>> from kg.analysis import summary
    >>> s = summary(kg.build())
    >>> s["papers"], list(s["entities"])
    (368, ['Method', 'Dataset', 'Metric', 'Task'])
    """
    types = Counter(t for _, t in G.nodes(data="type"))
    relations = Counter(G.edges[e].get("relation", e[2]) for e in G.edges(keys=True))
    years = sorted({y for n in _paper_ids(G) if isinstance(y := G.nodes[n].get("year"), int)})
    by_paper = _entities_by_paper(G)
    return {
        "name": G.graph.get("name", ""),
        "papers": types["Paper"],
        "entities": {label: types[label] for label in LABELS},
        "edges": {rel: relations[rel] for rel in RELATIONS}
        | {rel: relations[rel] for rel in sorted(relations) if rel not in RELATIONS},
        "years": [years[0], years[-1]] if years else None,
        "papers_without_entities": sum(1 for linked in by_paper.values() if not linked),
    }


def top_entities(G, label=None, n=10):
    """Return the entities linked to the most papers, as ``(node, name, papers)`` tuples.

    Paper counts are counted from the edges of ``G`` (so they are right for a subgraph too);
    ties are broken by node id.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    label : str or iterable of str, optional
        Entity type(s) to rank; all if None.
    n : int or None, default 10
        How many to return; all if None.

    Returns
    -------
    list of (str, str, int)

    Examples
    --------
    >>> import kg
    >>> from kg.analysis import top_entities
    >>> top_entities(kg.build(), "Dataset", n=1)
    [('dataset:imagenet', 'ImageNet', ...)]
    """
    counts = {node: len(linked) for node, linked in _papers_by_entity(G, _labels(label)).items()}
    return [(node, _name(G, node), count) for node, count in _ranked(counts, n)]


def cooccurrence(G, label_a, label_b, *, min_count=1):
    """Count the papers in which an entity of ``label_a`` appears with one of ``label_b``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    label_a, label_b : str
        Entity types, e.g. ``"Method"`` and ``"Dataset"``. If they are equal, each unordered
        pair is counted once, keyed with the smaller id first.
    min_count : int, default 1
        Leave out pairs seen in fewer papers.

    Returns
    -------
    dict
        ``{(a, b): papers}``, ordered by count (descending), then by pair.

    Examples
    --------
    >>> import kg
    >>> from kg.analysis import cooccurrence
    >>> pairs = cooccurrence(kg.build(), "Dataset", "Metric")
    >>> next(iter(pairs))  # the pair seen in the most papers
    ('dataset:imagenet', 'metric:accuracy')
    """
    (label_a,) = _labels(label_a)
    (label_b,) = _labels(label_b)
    counts = Counter()
    for linked in _entities_by_paper(G, {label_a, label_b}).values():
        a_side = sorted(e for e in linked if G.nodes[e]["type"] == label_a)
        if label_a == label_b:
            counts.update(itertools.combinations(a_side, 2))
        else:
            b_side = sorted(e for e in linked if G.nodes[e]["type"] == label_b)
            counts.update(itertools.product(a_side, b_side))
    return dict(_ranked({pair: c for pair, c in counts.items() if c >= min_count}, None))


# --- projection, centrality and communities ----------------------------------------------------


def entity_projection(G, label=None, *, min_shared=1):
    """Return the weighted entity–entity graph: entities linked when they share papers.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    label : str or iterable of str, optional
        Entity type(s) to keep; all if None.
    min_shared : int, default 1
        Link two entities only if they share at least this many papers.

    Returns
    -------
    networkx.Graph
        Every entity of ``label`` is a node (with ``type``, ``label`` and ``paper_count``);
        an edge's ``weight`` is the number of papers the two share. Nodes and edges are
        inserted in sorted order.

    Examples
    --------
    >>> import kg
    >>> from kg.analysis import cooccurrence, entity_projection
    >>> G = kg.build()
    >>> P = entity_projection(G)
    >>> P.nodes["dataset:imagenet"]
    {'type': 'Dataset', 'label': 'ImageNet', 'paper_count': ...}
    >>> w = P["dataset:imagenet"]["metric:accuracy"]["weight"]
    >>> w == cooccurrence(G, "Dataset", "Metric")["dataset:imagenet", "metric:accuracy"]
    True
    """
    labels = _labels(label)
    linked = _papers_by_entity(G, labels)
    shared = Counter()
    for ents in _entities_by_paper(G, labels).values():
        shared.update(itertools.combinations(sorted(ents), 2))
    P = nx.Graph(name=G.graph.get("name", ""))
    for node in sorted(linked):
        attrs = G.nodes[node]
        P.add_node(node, type=attrs["type"], label=attrs.get("label", node), paper_count=len(linked[node]))
    P.add_edges_from((a, b, {"weight": w}) for (a, b), w in sorted(shared.items()) if w >= min_shared)
    return P


def _simple_undirected(G):
    """``G`` as an undirected simple graph: parallel and reverse edges collapse to one."""
    if not G.is_directed() and not G.is_multigraph():
        return G
    H = nx.Graph()
    H.add_nodes_from((n, {"type": t}) for n, t in G.nodes(data="type"))
    H.add_edges_from(G.edges())
    return H


def _pagerank(H, alpha=0.85, tol=1.0e-10, max_iter=1000):
    """PageRank of undirected ``H`` (edge ``weight``, default 1) by sparse power iteration.

    NumPy only (``nx.pagerank`` needs SciPy, which kg does not); each step is O(edges), and
    dangling nodes spread their rank uniformly, as in NetworkX.
    """
    import numpy as np

    nodes = list(H)
    n = len(nodes)
    if not n:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    ends = [(index[u], index[v], w) for u, v, w in H.edges(data="weight", default=1) if u != v]
    ends += [(j, i, w) for i, j, w in ends]  # both directions
    ends += [(index[u], index[u], w) for u, v, w in H.edges(data="weight", default=1) if u == v]
    src = np.array([e[0] for e in ends], dtype=np.int64)
    dst = np.array([e[1] for e in ends], dtype=np.int64)
    weight = np.array([e[2] for e in ends], dtype=float)
    out = np.bincount(src, weights=weight, minlength=n)
    dangling = out == 0
    share = np.divide(weight, out[src], out=np.zeros_like(weight), where=out[src] > 0)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * (np.bincount(dst, weights=last[src] * share, minlength=n) + last[dangling].sum() / n)
        x += (1.0 - alpha) / n
        if np.abs(x - last).sum() < n * tol:
            break
    return dict(zip(nodes, (float(v) for v in x)))


def centrality(G, kind="degree", label=None, n=None, *, k=None, seed=0):
    """Rank nodes by centrality, as ``(node, score)`` pairs (highest first, ties by id).

    Parameters
    ----------
    G : networkx.Graph or networkx.MultiDiGraph
        The knowledge graph (taken as undirected, one link per paper–entity pair) or an
        :func:`entity_projection` (whose ``weight`` PageRank uses).
    kind : {"degree", "betweenness", "pagerank"}
        Normalised degree centrality, unweighted betweenness, or PageRank (alpha 0.85).
        Exact betweenness takes O(nodes × edges): seconds for the sample, minutes from a few
        thousand nodes; give ``k`` to estimate it.
    label : str or iterable of str, optional
        Node type(s) to return (``"Paper"`` allowed); all if None. Centrality is always
        computed on the whole graph.
    n : int, optional
        How many to return; all if None.
    k : int, optional
        Estimate betweenness from ``k`` source nodes drawn with ``seed`` (reproducible).
    seed : int, default 0

    Returns
    -------
    list of (str, float)

    Examples
    --------
    >>> import kg
    >>> from kg.analysis import centrality, entity_projection
    >>> G = kg.build()
    >>> centrality(G, "betweenness", "Dataset", n=1)
    [('dataset:imagenet', ...)]
    >>> ranked = centrality(entity_projection(G), "pagerank")
    >>> round(sum(score for _, score in ranked), 6)
    1.0
    """
    labels = _labels(label, paper=True)
    H = _simple_undirected(G)
    if kind == "degree":
        scores = nx.degree_centrality(H)
    elif kind == "betweenness":
        k = None if k is None or k >= len(H) else k
        scores = nx.betweenness_centrality(H, k=k, seed=seed if k else None)
    elif kind == "pagerank":
        scores = _pagerank(H)
    else:
        raise KgError(f"unknown centrality {kind!r}; use one of {', '.join(CENTRALITIES)}")
    return _ranked({node: s for node, s in scores.items() if H.nodes[node].get("type") in labels}, n)


def communities(G, label=None, *, seed=0, resolution=1.0, min_shared=1):
    """Find communities of entities: Louvain on the :func:`entity_projection`, seeded.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    label : str or iterable of str, optional
        Entity type(s) to group; all if None.
    seed : int, default 0
        Louvain's random seed: the same graph and seed give the same communities.
    resolution : float, default 1.0
        Above 1 favours smaller communities, below 1 larger ones.
    min_shared : int, default 1
        Passed to :func:`entity_projection`.

    Returns
    -------
    list of list of str
        Each community's sorted node ids; largest community first (ties by first id).
        Entities that share no paper with another form their own one-node communities.

    Examples
    --------
    >>> import kg
    >>> from kg.analysis import communities, entities
    >>> G = kg.build()
    >>> found = communities(G, seed=0)
    >>> found == communities(G, seed=0)  # seeded: always the same
    True
    >>> sorted(node for c in found for node in c) == entities(G)  # a partition of the entities
    True
    """
    P = entity_projection(G, label, min_shared=min_shared)
    found = nx.community.louvain_communities(P, weight="weight", resolution=resolution, seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))


# --- papers and neighbourhoods -----------------------------------------------------------------


def similar_papers(G, paper, n=10):
    """Rank the papers that share entities with ``paper`` by Jaccard similarity.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    paper : str
        A paper node id (or title).
    n : int or None, default 10
        How many to return; all if None.

    Returns
    -------
    list of (str, float, list of str)
        ``(other paper, |shared| / |union| of their entity sets, sorted shared entity ids)``,
        most similar first (ties by id); papers sharing no entity are left out.

    Examples
    --------
    >>> import kg
    >>> from kg.analysis import entities, papers, similar_papers
    >>> G = kg.build()
    >>> paper = papers(G, "ImageNet")[0]
    >>> other, score, shared = similar_papers(G, paper, n=1)[0]
    >>> 0 < score <= 1, set(shared) <= set(entities(G, paper=paper))
    (True, True)
    """
    node = _resolve(G, paper, ("Paper",))
    by_paper = _entities_by_paper(G)
    mine = by_paper[node]
    scores, shared = {}, {}
    for other, theirs in by_paper.items():
        common = mine & theirs
        if other != node and common:
            scores[other] = len(common) / len(mine | theirs)
            shared[other] = sorted(common)
    return [(other, score, shared[other]) for other, score in _ranked(scores, n)]


def neighbourhood(G, node, radius=1):
    """Return the ego graph of ``node``: every node within ``radius`` links, ignoring direction.

    Radius 1 around an entity gives it and its papers; radius 2 adds those papers' entities.
    The result is a :class:`networkx.MultiDiGraph` with the full schema, so every writer of
    :mod:`kg.export` takes it; ``paper_count`` is recounted within it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    node : str
        A node id, or an entity name or paper title.
    radius : int, default 1

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> import kg
    >>> from kg.analysis import neighbourhood, papers
    >>> G = kg.build()
    >>> H = neighbourhood(G, "ImageNet")
    >>> sorted({t for _, t in H.nodes(data="type")})
    ['Dataset', 'Paper']
    >>> H.number_of_nodes() == len(papers(G, "ImageNet")) + 1
    True
    """
    center = _resolve(G, node)
    if radius < 0:
        raise KgError(f"radius must be 0 or more, not {radius}")
    reach = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), center, cutoff=radius)
    return _copy_subgraph(G, reach)


def subgraph(G, *, types=None, years=None, entities=None):
    """Return the part of ``G`` kept by filters on entity type, paper year and entity.

    Filters combine (all must hold). Papers kept are those of ``years`` that are linked to
    one of ``entities``; entities kept are those of ``types`` linked to a kept paper. The
    result has ``G``'s schema (node and edge attributes, edge keys, graph attributes, with
    ``paper_count`` recounted), so the writers of :mod:`kg.export` take it as they take ``G``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    types : str or iterable of str, optional
        Entity types to keep; all if None.
    years : int or iterable of int, optional
        Publication years to keep, e.g. ``2023`` or ``range(2020, 2024)``; papers of unknown
        year are dropped when given.
    entities : str or iterable of str, optional
        Keep only the papers linked to at least one of these entities (ids or names).

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> import kg
    >>> from kg.analysis import subgraph
    >>> H = subgraph(kg.build(), types=["Method", "Dataset"])
    >>> sorted({t for _, t in H.nodes(data="type")})
    ['Dataset', 'Method', 'Paper']
    """
    labels = _labels(types)
    kept = _paper_ids(G)
    if years is not None:
        wanted = {years} if isinstance(years, int) else set(years)
        kept = [p for p in kept if G.nodes[p].get("year") in wanted]
    if entities is not None:
        wanted = [entities] if isinstance(entities, str) else list(entities)
        hubs = {_resolve(G, e, LABELS) for e in wanted}
        kept = [p for p in kept if hubs & set(G.successors(p))]
    kept = set(kept)
    linked = {
        v for u, v in G.edges() if u in kept and G.nodes[v].get("type") in labels
    }
    return _copy_subgraph(G, kept | linked)
