"""Graph files: NetworkX node-link JSON, GraphML and GEXF, and the papers' JSON Lines.

Data functions (``to_*``/``from_*``) are split from file functions (``write_*``/``read_*``);
every writer streams (no second copy of the graph in memory) through :func:`kg.fileio.atomic_write`.
"""

import json
import numbers
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
    """Write ``G`` as node-link JSON (:func:`to_node_link`), one node or edge per line.

    Streams: each record is encoded on its own (with the C JSON encoder), so writing holds
    no second copy of the graph.
    """
    with atomic_write(path) as fh:
        fh.write('{"directed": %s, "multigraph": %s, "graph": %s,\n"nodes": ['
                 % (_dumps(G.is_directed()), _dumps(G.is_multigraph()), _dumps(G.graph)))
        _write_json_array(fh, ({**data, "id": node} for node, data in G.nodes(data=True)))
        fh.write(',\n"edges": [')
        _write_json_array(fh, ({**data, "from": u, "to": v, "key": key}
                               for u, v, key, data in G.edges(keys=True, data=True)))
        fh.write("}\n")


def _write_json_array(fh, records):
    """The rest of a JSON array whose ``[`` is written: one record per line, then ``]``."""
    sep = "\n"
    for record in records:
        fh.write(sep + _dumps(record))
        sep = ",\n"
    fh.write("\n]")


# Characters XML cannot carry as they are: an XML parser turns "\r" into "\n", and the
# others are not allowed at all. Strings holding them are stored as (escaped) JSON text.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _json_text(value):
    text = _dumps(value)
    if _XML_UNSAFE.search(text):  # json escapes control characters but not these
        text = json.dumps(value, ensure_ascii=True, sort_keys=True)
    return GRAPHML_JSON_PREFIX + text


def _decode(value):
    if isinstance(value, str) and value.startswith(GRAPHML_JSON_PREFIX):
        return json.loads(value[len(GRAPHML_JSON_PREFIX) :])
    return value


def from_graphml_graph(G):
    """Decode the ``json:`` text attributes of a graph read from GraphML (see :func:`write_graphml`)."""
    H = G.__class__()
    H.graph.update({k: _decode(v) for k, v in G.graph.items()})
    for node, data in G.nodes(data=True):
        H.add_node(node, **{k: _decode(v) for k, v in data.items()})
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: _decode(v) for k, v in data.items()})
    return H


_JSON_TYPES = (list, tuple, dict)


def _xml_typed(value, *, gexf=False):
    """``(XML type, text)`` of an attribute value as GraphML and GEXF store it (text not yet
    escaped); None for a value left out. Lists, dicts, None (GraphML only) and strings XML
    cannot carry become ``json:`` text (:data:`GRAPHML_JSON_PREFIX`)."""
    kind = type(value)
    if kind is str:
        if value.startswith(GRAPHML_JSON_PREFIX) or _XML_UNSAFE.search(value):
            return "string", _json_text(value)
        return "string", value
    if kind is int:
        return "long", repr(value)
    if kind is float:
        return "double", repr(value)
    if kind is bool:
        return "boolean", "true" if value else "false"
    if value is None:
        return None if gexf else ("string", _json_text(None))
    if kind in _JSON_TYPES:
        return "string", _json_text(value)
    # subclasses and NumPy scalars (analysis results added by a user, say)
    if getattr(value, "dtype", None) is not None and value.dtype.kind == "b" or isinstance(value, bool):
        return "boolean", "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return "long", repr(int(value))
    if isinstance(value, numbers.Real):
        return "double", repr(float(value))
    if isinstance(value, str):
        return _xml_typed(str(value), gexf=gexf)
    if isinstance(value, _JSON_TYPES):
        return "string", _json_text(value)
    raise TypeError(f"cannot store a {type(value).__name__} attribute value in XML")


# Anything a string needs escaped or encoded for XML (the XML-unsafe characters, and what
# element text or attribute values escape): most values have none of these.
_XML_SPECIAL = re.compile("[&<>\"\t\n" + _XML_UNSAFE.pattern[1:])


def _escape_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attr(text):
    return (_escape_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
            .replace("\t", "&#09;"))


def _xml_text(value, escape, gexf=False):
    """``(XML type, escaped text)`` of an attribute value (see :func:`_xml_typed`), None if left out.

    The writers' loops first test for the common case, a plain string, inline (:data:`_XML_SPECIAL`)
    and call this for the rest.
    """
    typed = _xml_typed(value, gexf=gexf)
    return typed and (typed[0], escape(typed[1]))


def _attribute_keys(items, *, gexf=False, start=0):
    """Number each distinct ``(attribute name, XML type)`` of ``items`` (dicts) from ``start``, in order
    of first appearance: XML declares the attributes before the elements that use them."""
    first = {}  # (name, Python type) -> a value of that type, in order of first appearance
    for data in items:
        values = data.values()
        first.update(zip(zip(data, map(type, values)), values))
    keys = {}
    for (name, _), value in first.items():
        typed = _xml_typed(value, gexf=gexf)
        if typed is not None and (name, typed[0]) not in keys:
            keys[name, typed[0]] = start + len(keys)
    return keys


def _graphml_tags(keys, pad):
    """``(name, XML type) -> (opening tag, empty element)`` of the ``<data>`` elements of ``keys``."""
    return {nt: (f'{pad}<data key="d{key}">', f'{pad}<data key="d{key}" />\n') for nt, key in keys.items()}


def _graphml_data(data, tags):
    """The ``<data>`` lines of one element's attributes (``tags`` from :func:`_graphml_tags`)."""
    out = []
    for name, value in data.items():
        if type(value) is str and not value.startswith(GRAPHML_JSON_PREFIX) and not _XML_SPECIAL.search(value):
            kind, text = "string", value  # the common case, inline
        else:
            kind, text = _xml_text(value, _escape_text)
        tag = tags[name, kind]
        out.append(tag[0] + text + "</data>\n" if text else tag[1])
    return "".join(out)


def write_graphml(G, path):
    """Write ``G`` as GraphML: lists, dicts, None and strings XML cannot carry as ``json:`` text (see :func:`_xml_typed`).

    Streams element by element (NetworkX's writer builds the whole XML tree in memory, several
    times the graph's size); NetworkX's :func:`~networkx.read_graphml` and :func:`kg.load` read
    the file back.
    """
    graph_keys = _attribute_keys([G.graph])
    node_keys = _attribute_keys((d for _, d in G.nodes(data=True)), start=len(graph_keys))
    edge_keys = _attribute_keys((d for *_, d in G.edges(keys=True, data=True)),
                                start=len(graph_keys) + len(node_keys))
    with atomic_write(path) as fh:
        fh.write("<?xml version='1.0' encoding='utf-8'?>\n"
                 '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for scope, keys in (("graph", graph_keys), ("node", node_keys), ("edge", edge_keys)):
            for (name, kind), key in keys.items():
                fh.write(f'  <key id="d{key}" for="{scope}" attr.name="{_escape_attr(str(name))}" '
                         f'attr.type="{kind}" />\n')
        fh.write(f'  <graph edgedefault="{"directed" if G.is_directed() else "undirected"}">\n')
        fh.write(_graphml_data(G.graph, _graphml_tags(graph_keys, "    ")))
        node_tags, edge_tags = _graphml_tags(node_keys, "      "), _graphml_tags(edge_keys, "      ")
        for node, data in G.nodes(data=True):
            fh.write(f'    <node id="{_escape_attr(str(node))}">\n{_graphml_data(data, node_tags)}'
                     "    </node>\n")
        for u, v, key, data in G.edges(keys=True, data=True):
            fh.write(f'    <edge source="{_escape_attr(str(u))}" target="{_escape_attr(str(v))}" '
                     f'id="{_escape_attr(str(key))}">\n{_graphml_data(data, edge_tags)}    </edge>\n')
        fh.write("  </graph>\n</graphml>\n")


def _gexf_attvalues(data, keys, skip=()):
    """The ``<attvalues>`` block of one element's attributes (empty if it has none); ``keys`` maps
    ``(name, XML type)`` to the opening of its ``<attvalue>``."""
    out = []
    for name, value in data.items():
        if name in skip:
            continue
        if type(value) is str and not value.startswith(GRAPHML_JSON_PREFIX) and not _XML_SPECIAL.search(value):
            out.append(f'{keys[name, "string"]}{value}" />\n')  # the common case, inline
            continue
        typed = _xml_text(value, _escape_attr, gexf=True)
        if typed is not None:
            out.append(f'{keys[name, typed[0]]}{typed[1]}" />\n')
    return f"        <attvalues>\n{''.join(out)}        </attvalues>\n" if out else ""


def write_gexf(G, path):
    """Write ``G`` as static GEXF 1.2 for Gephi (values encoded as for GraphML, None left out: GEXF
    declares one type per attribute), streaming.

    A node's ``label`` is the node's own GEXF label; each edge carries its key as the
    ``networkx_key`` attribute, as NetworkX writes multigraphs, so that
    :func:`~networkx.read_gexf` reads the keys back. No date stamp: same graph, same bytes.
    """
    from .. import __version__

    multi = G.is_multigraph()
    node_keys = _attribute_keys(({k: v for k, v in d.items() if k != "label"} for _, d in G.nodes(data=True)),
                                gexf=True)

    def edges():  # (u, v, key or None, data)
        return G.edges(keys=True, data=True) if multi else ((u, v, None, d) for u, v, d in G.edges(data=True))

    edge_keys = _attribute_keys((d for *_, d in edges()), gexf=True, start=len(node_keys))
    if multi and G.number_of_edges():
        edge_keys["networkx_key", "string"] = len(node_keys) + len(edge_keys)
    with atomic_write(path) as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n'
                 '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
                 'version="1.2">\n'
                 f"  <meta>\n    <creator>kg {_escape_text(__version__)}</creator>\n  </meta>\n")
        name = G.graph.get("name")
        name_attr = f' name="{_escape_attr(str(name))}"' if name else ""
        fh.write(f'  <graph defaultedgetype="{"directed" if G.is_directed() else "undirected"}" '
                 f'mode="static"{name_attr}>\n')
        for scope, keys in (("node", node_keys), ("edge", edge_keys)):
            if keys:
                fh.write(f'    <attributes mode="static" class="{scope}">\n')
                for (attr, kind), key in keys.items():
                    fh.write(f'      <attribute id="{key}" title="{_escape_attr(str(attr))}" type="{kind}" />\n')
                fh.write("    </attributes>\n")
        node_opens, edge_opens = ({nt: f'          <attvalue for="{key}" value="' for nt, key in keys.items()}
                                  for keys in (node_keys, edge_keys))
        fh.write("    <nodes>\n")
        for node, data in G.nodes(data=True):
            label = _escape_attr(str(data.get("label", node)))
            fh.write(f'      <node id="{_escape_attr(str(node))}" label="{label}">\n'
                     f'{_gexf_attvalues(data, node_opens, skip=("label",))}      </node>\n')
        fh.write("    </nodes>\n    <edges>\n")
        for i, (u, v, key, data) in enumerate(edges()):
            if multi:
                data = {**data, "networkx_key": str(key)}
            fh.write(f'      <edge source="{_escape_attr(str(u))}" target="{_escape_attr(str(v))}" id="{i}">\n'
                     f"{_gexf_attvalues(data, edge_opens)}      </edge>\n")
        fh.write("    </edges>\n  </graph>\n</gexf>\n")


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
