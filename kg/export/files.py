"""Graph files: NetworkX node-link JSON, GraphML and GEXF, and the papers' JSON Lines.

Data functions (``to_*``/``from_*``) are split from file functions (``write_*``/``read_*``);
every writer goes through :func:`kg.fileio.atomic_write`.
"""

import json
import re
from pathlib import Path

import networkx as nx

from ..errors import KgError
from ..fileio import atomic_write

__all__ = [
    "GRAPHML_JSON_PREFIX",
    "from_graphml_graph",
    "from_node_link",
    "read_graph",
    "to_gexf_graph",
    "to_graphml_graph",
    "to_node_link",
    "write_gexf",
    "write_graph_json",
    "write_graphml",
    "write_papers_jsonl",
]

#: GraphML holds only scalars: lists, dicts and None are stored as JSON text behind this prefix.
GRAPHML_JSON_PREFIX = "json:"


# An edge's ends go under "from"/"to": NetworkX's default "source" would overwrite (and so
# lose) the edge attribute ``source`` of the graph schema.
_LINK_KEYS = {"edges": "edges", "source": "from", "target": "to"}


def to_node_link(G):
    """Return ``G`` as a JSON-ready node-link dict (NetworkX's format; edges under ``"edges"``,
    their ends under ``"from"``/``"to"``)."""
    return nx.node_link_data(G, **_LINK_KEYS)


def from_node_link(data):
    """Rebuild the graph from :func:`to_node_link` data."""
    return nx.node_link_graph(data, directed=True, multigraph=True, **_LINK_KEYS)


def _dumps(obj):
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def write_graph_json(G, path):
    """Write ``G`` as node-link JSON."""
    with atomic_write(path) as fh:
        json.dump(to_node_link(G), fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")


# Characters XML cannot carry as they are: an XML parser turns "\r" into "\n", and the
# others are not allowed at all. Strings holding them are stored as (escaped) JSON text.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _json_text(value):
    text = _dumps(value)
    if _XML_UNSAFE.search(text):  # json escapes control characters but not these
        text = json.dumps(value, ensure_ascii=True, sort_keys=True)
    return GRAPHML_JSON_PREFIX + text


def _encode(value):
    if value is None or isinstance(value, (list, tuple, dict)):
        return _json_text(value)
    if isinstance(value, str) and (value.startswith(GRAPHML_JSON_PREFIX) or _XML_UNSAFE.search(value)):
        return _json_text(value)  # a string that happens to carry the prefix, or XML-unsafe text
    return value


_DROP = object()


def _encode_gexf(value):
    # GEXF declares one type per attribute, so None (beside ints, say) is left out: absent = None.
    return _DROP if value is None else _encode(value)


def _decode(value):
    if isinstance(value, str) and value.startswith(GRAPHML_JSON_PREFIX):
        return json.loads(value[len(GRAPHML_JSON_PREFIX) :])
    return value


def _map_attrs(G, fn):
    def attrs(data):
        return {k: x for k, v in data.items() if (x := fn(v)) is not _DROP}

    H = G.__class__()
    H.graph.update(attrs(G.graph))
    for node, data in G.nodes(data=True):
        H.add_node(node, **attrs(data))
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **attrs(data))
    return H


def to_graphml_graph(G):
    """Return a copy of ``G`` whose list, dict and None attributes are encoded for GraphML."""
    return _map_attrs(G, _encode)


def from_graphml_graph(G):
    """Undo :func:`to_graphml_graph`."""
    return _map_attrs(G, _decode)


def write_graphml(G, path):
    """Write ``G`` as GraphML (lists and None encoded as ``json:`` text)."""
    with atomic_write(path, "wb") as fh:
        nx.write_graphml(to_graphml_graph(G), fh, encoding="utf-8", prettyprint=True)


def to_gexf_graph(G):
    """Return a copy of ``G`` ready for GEXF: encoded as for GraphML, but None attributes left out."""
    return _map_attrs(G, _encode_gexf)


_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def write_gexf(G, path):
    """Write ``G`` as static GEXF 1.2 for Gephi (see :func:`to_gexf_graph`), without a date stamp."""
    with atomic_write(path) as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n')
        for line in nx.generate_gexf(to_gexf_graph(G), encoding="utf-8", prettyprint=True):
            if line.lstrip().startswith("<meta "):
                line = _GEXF_DATE.sub("", line, count=1)  # NetworkX stamps today's date
            fh.write(line + "\n")


def write_papers_jsonl(papers, path):
    """Write one JSON line per paper: its metadata, entities and evidence."""
    with atomic_write(path) as fh:
        for paper in papers:
            fh.write(_dumps(paper.to_record(full=True)) + "\n")


def read_graph(path):
    """Read a graph written by ``kg build``: ``graph.json`` (node-link) or ``graph.graphml``."""
    path = Path(path)
    if not path.is_file():
        raise KgError("no such graph file; run `kg build` first or check the path", path=path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            with open(path, encoding="utf-8") as fh:
                return from_node_link(json.load(fh))
        if suffix == ".graphml":
            G = nx.read_graphml(path, force_multigraph=True)
            for extra in ("node_default", "edge_default"):  # added by NetworkX's reader
                if G.graph.get(extra) == {}:
                    del G.graph[extra]
            return from_graphml_graph(G)
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise KgError(f"not a graph written by kg ({exc})", path=path) from None
    except Exception as exc:  # XML parse errors come in several types
        raise KgError(f"cannot read graph ({type(exc).__name__}: {exc})", path=path) from None
    raise KgError("unknown graph format; give a .json or .graphml file written by `kg build`", path=path)
