"""Graph files: NetworkX node-link JSON, GraphML and GEXF, and the papers' JSON Lines.

Data functions (``to_*``/``from_*``) are split from file functions (``write_*``/``read_*``);
every writer streams (no second copy of the graph in memory) through :func:`kg.fileio.atomic_write`.
"""

import contextlib
import json
import numbers
import os
import re
import sys
from pathlib import Path

from ..errors import KgError
from ..fileio import atomic_write

__all__ = [
    "GRAPHML_JSON_PREFIX",
    "from_graphml_graph",
    "convert_graph_json",
    "from_node_link",
    "iter_graph_json",
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
    import networkx as nx  # here, not at the top: the GraphML/GEXF process never needs it

    return nx.node_link_data(G, **_LINK_KEYS)


def from_node_link(data):
    """Rebuild the graph from :func:`to_node_link` data."""
    import networkx as nx

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


def _first_values(items, first=None):
    """``{(attribute name, Python type): a value}`` over ``items`` (dicts), in order of first appearance."""
    first = {} if first is None else first
    for data in items:
        values = data.values()
        first.update(zip(zip(data, map(type, values)), values))
    return first


def _keys_of(first, *, gexf=False, start=0, skip=()):
    """Number each distinct ``(attribute name, XML type)`` of :func:`_first_values` from ``start``, in
    order of name then type (so not in the order of the graph's dicts: the same graph read back from
    any of our files gets the same numbers)."""
    typed_names = set()
    for (name, _), value in first.items():
        typed = _xml_typed(value, gexf=gexf) if name not in skip else None
        if typed is not None:
            typed_names.add((name, typed[0]))
    return {nt: start + i for i, nt in enumerate(sorted(typed_names, key=_by_name))}


def _sorted_items(data):
    """``data.items()`` in order of name (any graph's attribute names: strings or not)."""
    try:
        return sorted(data.items())  # names are unique, so values are never compared
    except TypeError:
        return sorted(data.items(), key=_by_name)


def _by_name(item):
    """Sort key of ``(name, …)`` pairs by the name's text (attribute names are strings in our graphs)."""
    return str(item[0]), item[1:]


def _graphml_keys(graph_attrs, node_first, edge_first):
    """The GraphML attribute keys ``(graph, node, edge)`` from the graph's attributes and the
    :func:`_first_values` of its nodes and edges, numbered on from one scope to the next."""
    graph_keys = _keys_of(_first_values([graph_attrs]))
    node_keys = _keys_of(node_first, start=len(graph_keys))
    return graph_keys, node_keys, _keys_of(edge_first, start=len(graph_keys) + len(node_keys))


def _graphml_tags(keys, pad):
    """``(name, XML type) -> (opening tag, empty element)`` of the ``<data>`` elements of ``keys``."""
    return {nt: (f'{pad}<data key="d{key}">', f'{pad}<data key="d{key}" />\n') for nt, key in keys.items()}


_NUMBER_TYPES = {int: "long", float: "double"}  # as _xml_typed gives them (no escaping needed)


def _graphml_data(data, tags):
    """The ``<data>`` lines of one element's attributes (``tags`` from :func:`_graphml_tags`)."""
    out = []
    for name, value in _sorted_items(data):
        kind = type(value)
        if kind is str and not value.startswith(GRAPHML_JSON_PREFIX) and not _XML_SPECIAL.search(value):
            kind, text = "string", value  # the common cases, inline
        elif kind is int or kind is float:
            kind, text = _NUMBER_TYPES[kind], repr(value)
        else:
            kind, text = _xml_text(value, _escape_text)
        tag = tags[name, kind]
        out.append(tag[0] + text + "</data>\n" if text else tag[1])
    return "".join(out)


class _EscapedIds(dict):
    """Node ids (and edge keys) escaped for an XML attribute, each escaped once (an id ends many edges)."""

    def __missing__(self, node):
        text = self[node] = _escape_attr(str(node))
        return text


class _GraphMLWriter:
    """Write GraphML element by element: the header at creation, then :meth:`node` s, then
    :meth:`edge` s, then :meth:`close`. ``keys`` are the ``(graph, node, edge)`` attribute keys."""

    def __init__(self, fh, graph, directed, keys):
        self.fh = fh
        fh.write("<?xml version='1.0' encoding='utf-8'?>\n"
                 '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for scope, scope_keys in zip(("graph", "node", "edge"), keys):
            for (name, kind), key in scope_keys.items():
                fh.write(f'  <key id="d{key}" for="{scope}" attr.name="{_escape_attr(str(name))}" '
                         f'attr.type="{kind}" />\n')
        fh.write(f'  <graph edgedefault="{"directed" if directed else "undirected"}">\n')
        fh.write(_graphml_data(graph, _graphml_tags(keys[0], "    ")))
        self.node_tags, self.edge_tags = _graphml_tags(keys[1], "      "), _graphml_tags(keys[2], "      ")
        self.ids = _EscapedIds()

    def node(self, node, data):
        self.fh.write(f'    <node id="{self.ids[node]}">\n{_graphml_data(data, self.node_tags)}    </node>\n')

    def edge(self, u, v, key, data):
        ids = self.ids
        self.fh.write(f'    <edge source="{ids[u]}" target="{ids[v]}" id="{ids[key]}">\n'
                      f'{_graphml_data(data, self.edge_tags)}    </edge>\n')

    def close(self):
        self.fh.write("  </graph>\n</graphml>\n")


def write_graphml(G, path):
    """Write ``G`` as GraphML: lists, dicts, None and strings XML cannot carry as ``json:`` text (see :func:`_xml_typed`).

    Streams element by element (NetworkX's writer builds the whole XML tree in memory, several
    times the graph's size); NetworkX's :func:`~networkx.read_graphml` and :func:`kg.load` read
    the file back.
    """
    keys = _graphml_keys(G.graph, _first_values(d for _, d in G.nodes(data=True)),
                         _first_values(d for *_, d in G.edges(keys=True, data=True)))
    with atomic_write(path) as fh:
        out = _GraphMLWriter(fh, G.graph, G.is_directed(), keys)
        for node, data in G.nodes(data=True):
            out.node(node, data)
        for u, v, key, data in G.edges(keys=True, data=True):
            out.edge(u, v, key, data)
        out.close()


def _gexf_attvalues(data, keys, skip=()):
    """The ``<attvalues>`` block of one element's attributes (empty if it has none); ``keys`` maps
    ``(name, XML type)`` to the opening of its ``<attvalue>``."""
    out = []
    for name, value in _sorted_items(data):
        if name in skip:
            continue
        kind = type(value)
        if kind is str and not value.startswith(GRAPHML_JSON_PREFIX) and not _XML_SPECIAL.search(value):
            out.append(f'{keys[name, "string"]}{value}" />\n')  # the common cases, inline
            continue
        if kind is int or kind is float:
            out.append(f'{keys[name, _NUMBER_TYPES[kind]]}{value!r}" />\n')
            continue
        typed = _xml_text(value, _escape_attr, gexf=True)
        if typed is not None:
            out.append(f'{keys[name, typed[0]]}{typed[1]}" />\n')
    return f"        <attvalues>\n{''.join(out)}        </attvalues>\n" if out else ""


def _gexf_keys(node_first, edge_first, multi, has_edges):
    """The GEXF attribute keys of nodes and edges from their :func:`_first_values`: a node's
    ``label`` is its GEXF label, and a multigraph's edges carry their key as ``networkx_key``."""
    node_keys = _keys_of(node_first, gexf=True, skip=("label",))
    edge_keys = _keys_of(edge_first, gexf=True, start=len(node_keys))
    if multi and has_edges:
        edge_keys["networkx_key", "string"] = len(node_keys) + len(edge_keys)
    return node_keys, edge_keys


class _GexfWriter:
    """Write GEXF element by element, as :class:`_GraphMLWriter` does GraphML."""

    def __init__(self, fh, name, directed, multi, keys):
        from .. import __version__

        self.fh, self.multi, self.n_edges = fh, multi, 0
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n'
                 '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
                 'version="1.2">\n'
                 f"  <meta>\n    <creator>kg {_escape_text(__version__)}</creator>\n  </meta>\n")
        name_attr = f' name="{_escape_attr(str(name))}"' if name else ""
        fh.write(f'  <graph defaultedgetype="{"directed" if directed else "undirected"}" '
                 f'mode="static"{name_attr}>\n')
        for scope, scope_keys in zip(("node", "edge"), keys):
            if scope_keys:
                fh.write(f'    <attributes mode="static" class="{scope}">\n')
                for (attr, kind), key in scope_keys.items():
                    fh.write(f'      <attribute id="{key}" title="{_escape_attr(str(attr))}" type="{kind}" />\n')
                fh.write("    </attributes>\n")
        self.node_opens, self.edge_opens = ({nt: f'          <attvalue for="{key}" value="' for nt, key in k.items()}
                                            for k in keys)
        fh.write("    <nodes>\n")
        self.ids = _EscapedIds()

    def node(self, node, data):
        label = _escape_attr(str(data.get("label", node)))
        self.fh.write(f'      <node id="{self.ids[node]}" label="{label}">\n'
                      f'{_gexf_attvalues(data, self.node_opens, skip=("label",))}      </node>\n')

    def edge(self, u, v, key, data):
        if not self.n_edges:
            self.fh.write("    </nodes>\n    <edges>\n")
        if self.multi:
            data = {**data, "networkx_key": str(key)}
        ids = self.ids
        self.fh.write(f'      <edge source="{ids[u]}" target="{ids[v]}" id="{self.n_edges}">\n'
                      f"{_gexf_attvalues(data, self.edge_opens)}      </edge>\n")
        self.n_edges += 1

    def close(self):
        if not self.n_edges:
            self.fh.write("    </nodes>\n    <edges>\n")
        self.fh.write("    </edges>\n  </graph>\n</gexf>\n")


def write_gexf(G, path):
    """Write ``G`` as static GEXF 1.2 for Gephi (values encoded as for GraphML, None left out: GEXF
    declares one type per attribute), streaming.

    A node's ``label`` is the node's own GEXF label; each edge carries its key as the
    ``networkx_key`` attribute, as NetworkX writes multigraphs, so that
    :func:`~networkx.read_gexf` reads the keys back. No date stamp: same graph, same bytes.
    """
    multi = G.is_multigraph()

    def edges():  # (u, v, key or None, data)
        return G.edges(keys=True, data=True) if multi else ((u, v, None, d) for u, v, d in G.edges(data=True))

    keys = _gexf_keys(_first_values(d for _, d in G.nodes(data=True)), _first_values(d for *_, d in edges()),
                      multi, G.number_of_edges() > 0)
    with atomic_write(path) as fh:
        out = _GexfWriter(fh, G.graph.get("name"), G.is_directed(), multi, keys)
        for node, data in G.nodes(data=True):
            out.node(node, data)
        for u, v, key, data in edges():
            out.edge(u, v, key, data)
        out.close()


def iter_graph_json(path):
    """Stream a ``graph.json`` written by :func:`write_graph_json`: first its header (``directed``,
    ``multigraph``, ``graph``), then ``("node", id, data)`` and ``("edge", u, v, key, data)`` in
    file order, one line parsed at a time (``data`` as :func:`kg.load` would give it)."""
    with open(path, encoding="utf-8") as fh:
        yield json.loads(fh.readline().rstrip().rstrip(",") + "}")
        for data in _json_array(fh, "nodes"):
            node = data.pop("id")
            yield "node", node, data
        for data in _json_array(fh, "edges"):
            yield "edge", data.pop("from"), data.pop("to"), data.pop("key"), data


def _json_array(fh, name):
    """The records of the array ``name`` that starts at the current line of ``fh``, one per line."""
    if fh.readline() != f'"{name}": [\n':
        raise ValueError(f"not a graph.json written by kg (no {name} array)")
    for line in fh:
        if line.startswith("]"):
            return
        yield json.loads(line.rstrip().rstrip(","))


def _xml_keys(graph_attrs, node_first, edge_first, multi, has_edges):
    """The attribute keys of both XML files: ``{"graphml": (graph, node, edge), "gexf": (node, edge)}``
    from the graph's attributes and the :func:`_first_values` of its nodes and edges."""
    return {"graphml": _graphml_keys(graph_attrs, node_first, edge_first),
            "gexf": _gexf_keys(node_first, edge_first, multi, has_edges)}


def xml_keys(G):
    """:func:`_xml_keys` of the graph ``G`` (a multigraph, as kg builds)."""
    return _xml_keys(G.graph, _first_values(d for _, d in G.nodes(data=True)),
                     _first_values(d for *_, d in G.edges(keys=True, data=True)),
                     G.is_multigraph(), G.number_of_edges() > 0)


def _keys_to_json(keys):
    return json.dumps({fmt: [[[*nt, key] for nt, key in scope.items()] for scope in scopes]
                       for fmt, scopes in keys.items()})


def _keys_from_json(text):
    return {fmt: tuple({(name, kind): key for name, kind, key in scope} for scope in scopes)
            for fmt, scopes in json.loads(text).items()}


def convert_graph_json(source, *, graphml=None, gexf=None, keys=None):
    """Write the GraphML and/or GEXF files of the ``graph.json`` at ``source`` (paths; each written
    as is, not atomically: the caller owns them), streaming, in bounded memory.

    The files are byte for byte those of :func:`write_graphml` and :func:`write_gexf` of
    ``kg.load(source)``. XML declares the attribute keys before the elements: ``keys``
    (:func:`xml_keys` of the graph the file holds) gives them, else a first reading of
    ``source`` finds them.
    """
    items = iter_graph_json(source)
    header = next(items)
    multi, directed = header["multigraph"], header["directed"]
    if keys is None:
        node_first, edge_first, has_edges = {}, {}, False
        for item in items:
            if item[0] == "node":
                _first_values([item[2]], node_first)
            else:
                _first_values([item[4]], edge_first)
                has_edges = True
        keys = _xml_keys(header["graph"], node_first, edge_first, multi, has_edges)
        items = iter_graph_json(source)
        next(items)
    with contextlib.ExitStack() as stack:
        writers = []
        if graphml is not None:
            fh = stack.enter_context(open(graphml, "w", encoding="utf-8", newline="\n"))
            writers.append(_GraphMLWriter(fh, header["graph"], directed, keys["graphml"]))
        if gexf is not None:
            fh = stack.enter_context(open(gexf, "w", encoding="utf-8", newline="\n"))
            writers.append(_GexfWriter(fh, header["graph"].get("name"), directed, multi, keys["gexf"]))
        for item in items:
            if item[0] == "node":
                for out in writers:
                    out.node(item[1], item[2])
            else:
                for out in writers:
                    out.edge(*item[1:])
        for out in writers:
            out.close()
            out.fh.flush()
            os.fsync(out.fh.fileno())


@contextlib.contextmanager
def xml_from_graph_json(source, *, graphml=None, gexf=None, keys=None, background=False, timings=None):
    """Write ``graphml`` and/or ``gexf`` (paths) from the graph.json at ``source`` with
    :func:`convert_graph_json` (``keys`` as there), atomically (:func:`kg.fileio.atomic_path`), by
    the end of the block.

    With ``background`` the conversion runs in a second process while the block runs (``kg build
    --jobs 2`` and more): a fresh interpreter that streams the JSON, so it shares no memory with
    this process and holds little of its own. ``timings`` (optional dict) receives the seconds the
    conversion took under ``"graph.graphml+gexf (background)"`` and the seconds this process waited
    for it at the end of the block under ``"graph.graphml+gexf"``.
    """
    import subprocess
    import tempfile
    import time

    from ..fileio import atomic_path

    targets = {"graphml": graphml, "gexf": gexf}
    with contextlib.ExitStack() as stack:
        tmps = {fmt: stack.enter_context(atomic_path(path)) for fmt, path in targets.items() if path is not None}
        start = time.perf_counter()
        if not background:
            convert_graph_json(source, keys=keys, **tmps)
            if timings is not None:
                timings["graph.graphml+gexf"] = time.perf_counter() - start
            yield
            return
        package_root = str(Path(__file__).resolve().parent.parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        errors = stack.enter_context(tempfile.TemporaryFile())
        args = [sys.executable, "-m", "kg.export.files", str(source)] + [str(tmps.get(f, "-")) for f in targets]
        child = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        try:
            with child.stdin:  # the keys (or nothing: the child finds them)
                child.stdin.write(b"" if keys is None else _keys_to_json(keys).encode())
            yield
            waited = time.perf_counter()
            child.wait()
        finally:
            if child.poll() is None:  # this process failed or was interrupted: stop the conversion
                child.kill()
                child.wait()
        if timings is not None:
            timings["graph.graphml+gexf"] = time.perf_counter() - waited
            timings["graph.graphml+gexf (background)"] = time.perf_counter() - start
        if child.returncode:
            errors.seek(0)
            lines = errors.read().decode("utf-8", "replace").strip().splitlines()
            why = lines[-1] if lines else f"exit status {child.returncode}"
            raise KgError(f"writing GraphML and GEXF failed ({why})", path=graphml or gexf)


def _main(argv):
    """``python -m kg.export.files GRAPH_JSON GRAPHML GEXF`` (``-`` for a file not wanted), with the
    attribute keys as JSON on standard input (or nothing): :func:`convert_graph_json`, the second
    process of :func:`xml_from_graph_json`."""
    source, graphml, gexf = argv
    try:
        text = sys.stdin.read()
        convert_graph_json(source, graphml=None if graphml == "-" else graphml, gexf=None if gexf == "-" else gexf,
                           keys=_keys_from_json(text) if text else None)
    except OSError as exc:
        print(f"{exc.filename or source}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except (KeyError, ValueError) as exc:
        print(f"{source}: not a graph.json written by kg ({exc})", file=sys.stderr)
        return 1
    return 0


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
            import networkx as nx

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


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
