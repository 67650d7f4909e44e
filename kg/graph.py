"""Build the typed NetworkX graph of papers and canonical entities.

The graph is a :class:`networkx.MultiDiGraph`; this module is the one place that
defines its shape, which every exporter and analysis function relies on.

Nodes
-----
``paper:<key>`` (``type="Paper"``)
    ``label`` (title, or the key if untitled), ``title``, ``abstract``, ``date`` (str or None),
    ``year`` (int or None), ``authors`` (list of str), ``arxiv_id``, ``url``, ``input_id``
    (str or None), ``sources`` (list of ``"file:line"``).
``method:<id>``, ``dataset:<id>``, ``metric:<id>``, ``task:<id>`` (``type`` = the label)
    ``label`` (canonical name), ``canonical_id`` (the id after the colon), ``aliases``
    (sorted list of the gazetteer record's other names and of the other forms the text wrote
    it under, acronyms included, these once per spelling up to case), ``in_gazetteer`` (bool),
    ``paper_count`` (number of distinct papers linked).

Edges (paper → entity; the edge key is the relation, so a pair has at most one edge per relation)
    ``relation``: one of :data:`RELATIONS` (``proposes``, ``uses``, ``evaluates_on``,
    ``reports``, ``addresses``); ``evidence`` (the sentence of the first mention), ``field``
    (``title``/``abstract``), ``mention`` (its surface text), ``mention_start``/``mention_end``
    and ``sentence_start``/``sentence_end`` (character offsets into that field), ``mentions``
    (how many mentions back the edge), ``confidence`` (0–1), ``source`` (which component found it),
    and for ``reports`` edges ``results``: a list of ``{"value", "dataset", "change"}`` dicts
    (``dataset`` a dataset node id or None; ``change`` true for a value stated as a change
    against a baseline, "by 1.9 BLEU", rather than as a score).

Graph attributes: ``name``, ``kg_version``, ``pipeline`` (extraction pipeline id).
"""

import itertools
import re

import networkx as nx

from .model import LABELS, strip_type_noun

__all__ = ["RELATIONS", "RELATION_OF_LABEL", "build_graph", "entity_nodes", "paper_nodes", "surface_names"]

#: Relation names, in the order used for summaries.
RELATIONS = ("proposes", "uses", "evaluates_on", "reports", "addresses")
#: The relation a (non-proposed) mention of each label gives.
RELATION_OF_LABEL = {"Method": "uses", "Dataset": "evaluates_on", "Metric": "reports", "Task": "addresses"}

_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def _year(date):
    if not date:
        return None
    m = _YEAR.search(date)
    return int(m.group(0)) if m else None


def _paper_attrs(paper):
    return {
        "type": "Paper",
        "label": paper.title or paper.key,
        "title": paper.title,
        "abstract": paper.abstract,
        "date": paper.date,
        "year": _year(paper.date),
        "authors": list(paper.authors),
        "arxiv_id": paper.arxiv_id,
        "url": paper.url,
        "input_id": paper.input_id,
        "sources": list(paper.sources),
    }


_DEFINITION = re.compile(r"^(?P<long>.+?)\s*\((?P<short>[^()]{1,12})\)$", re.DOTALL)


def surface_names(text):
    """The names a mention's text gives: both forms of a definition "long form (SF)".

    >>> surface_names("Sequential Chunk-wise Optimization (SeCO)")
    ['Sequential Chunk-wise Optimization', 'SeCO']
    >>> surface_names("U-Net")
    ['U-Net']
    """
    m = _DEFINITION.match(text)
    return [m.group("long"), m.group("short")] if m else [text]


def _sentence(sentences, paper, m):
    where = (m.field, m.sentence_start, m.sentence_end)
    text = sentences.get(where)
    if text is None:
        text = sentences[where] = paper.field_text(m.field)[m.sentence_start : m.sentence_end]
    return text


def _relation(mention):
    if mention.label == "Method" and mention.proposed:
        return "proposes"
    return RELATION_OF_LABEL[mention.label]


def build_graph(papers, *, name="kg", pipeline=None, gazetteer=None):
    """Return the typed graph of ``papers`` (each with its mentions already extracted).

    ``gazetteer`` (optional) maps entity ids to gazetteer records, whose canonical
    names and aliases then label the entity nodes. Nodes and edges are inserted in
    sorted order so that every writer gives byte-identical output for the same input.
    """
    from . import __version__

    papers = sorted(papers, key=lambda p: p.key)
    G = nx.MultiDiGraph(name=name, kg_version=__version__, pipeline=pipeline or "")
    for paper in papers:
        G.add_node(paper.node_id, **_paper_attrs(paper))
    # entity nodes now (in sorted order), their attributes once every mention is seen
    G.add_nodes_from(sorted({m.entity_id for paper in papers for m in paper.mentions}))
    entities = {}  # node id -> {"type", "names", "papers", "in_gazetteer", "canonical"}
    # edges go into the graph paper by paper (papers are sorted, so edges come out sorted too),
    # not gathered for the whole corpus first: that would hold every edge's attributes twice
    for _, same_paper in itertools.groupby(papers, key=lambda p: p.node_id):
        edges = {}  # (paper node, entity node, relation) -> attrs
        for paper in same_paper:  # one paper, unless the input listed a key twice
            _paper_edges(paper, entities, edges)
        for key in sorted(edges):
            G.add_edge(key[0], key[1], key=key[2], **edges[key])
    for node, ent in entities.items():
        record = (gazetteer or {}).get(node)
        canonical = record["canonical"] if record else ent["canonical"]
        aliases = _aliases(ent["names"], record["aliases"] if record else (), canonical)
        G.nodes[node].update(
            type=ent["type"],
            label=canonical,
            canonical_id=node.split(":", 1)[1],
            aliases=aliases,
            in_gazetteer=ent["in_gazetteer"] or record is not None,
            paper_count=len(ent["papers"]),
        )
    return G


def _aliases(seen, listed, canonical):
    """The sorted aliases of an entity: the names of its gazetteer record (``listed``) and the
    names the text wrote it under (``seen``: name -> mentions), these once per spelling up to
    case ("network pruning", not also "Network Pruning" from a title and "Network pruning"
    from a sentence start): the most frequent, and none that is a listed name or the canonical
    name in another case.

    >>> _aliases({"Network Pruning": 1, "network pruning": 3, "pruning": 2}, ["neural network pruning"], "pruning")
    ['network pruning', 'neural network pruning']
    """
    kept = {name.casefold() for name in (canonical, *listed)}
    best = {}  # casefolded name -> (-mentions, name) of the spelling kept
    for name, count in seen.items():
        key = name.casefold()
        if key not in kept:
            rank = (-count, name)
            best[key] = min(best[key], rank) if key in best else rank
    return sorted({*listed, *(name for _, name in best.values())} - {canonical})


def _paper_edges(paper, entities, edges):
    """Add the mentions of ``paper`` to the entity records and to its ``edges``."""
    paper_node = paper.node_id
    sentences = {}  # (field, start, end) -> the evidence string, one object for the edges that share it
    for m in paper.mentions:
        node = m.entity_id
        ent = entities.get(node)
        if ent is None:
            entities[node] = ent = {"type": m.label, "names": {}, "papers": set(), "in_gazetteer": False,
                                    "canonical": m.canonical}
        ent["papers"].add(paper_node)
        names = ent["names"]
        for surface in surface_names(strip_type_noun(m.text) if m.label == "Dataset" else m.text):
            names[surface] = names.get(surface, 0) + 1
        names.setdefault(m.canonical, 0)
        if not ent["canonical"]:
            ent["canonical"] = m.canonical
        if m.source == "gazetteer":
            ent["in_gazetteer"] = True
        key = (paper_node, node, _relation(m))
        edge = edges.get(key)
        if edge is None:
            edges[key] = edge = {
                "relation": key[2],
                "evidence": _sentence(sentences, paper, m),
                "field": m.field,
                "mention": m.text,
                "mention_start": m.start,
                "mention_end": m.end,
                "sentence_start": m.sentence_start,
                "sentence_end": m.sentence_end,
                "mentions": 0,
                "confidence": m.confidence,
                "source": m.source,
            }
        edge["mentions"] += 1
        if m.confidence > edge["confidence"]:
            edge["confidence"] = m.confidence
        for value, dataset in m.results:
            result = {"value": value, "dataset": dataset, "change": m.change}
            results = edge.setdefault("results", [])
            if result not in results:
                results.append(result)


def paper_nodes(G):
    """Sorted ids of the paper nodes of ``G``."""
    return sorted(n for n, t in G.nodes(data="type") if t == "Paper")


def entity_nodes(G, label=None):
    """Sorted ids of the entity nodes of ``G`` (only those of ``label`` if given)."""
    wanted = set(LABELS) if label is None else {label}
    return sorted(n for n, t in G.nodes(data="type") if t in wanted)
