"""The Python API: ``build`` a graph from listings, ``extract`` mentions, ``load`` a written graph."""

import contextlib
import time

from .export.files import read_graph
from .fileio import atomic_group
from .ingest import dedupe, read_inputs

__all__ = ["build", "extract", "load", "extract_papers", "build_outputs", "write_outputs", "html_max_nodes"]


def extract_papers(inputs=None, *, fmt="auto", extractor=None, on_error=None, progress=None, cache=None,
                   timings=None, while_waiting=None):
    """Read, deduplicate and extract the papers of ``inputs``; return ``(papers, extractor)``.

    ``progress`` (optional) wraps the paper iterator (e.g. ``tqdm``) and receives the total.
    ``cache`` (optional) is a :class:`kg.cache.ExtractionCache`: texts it holds are not
    extracted again, and the others are added to it. ``timings`` (optional dict) receives
    the seconds spent reading (``ingest``) and extracting (``extraction``). ``while_waiting``
    (optional callable): see :meth:`kg.extract.Extractor.extract`.
    """
    from .cache import extract_cached
    from .extract import Extractor, link_across_papers

    clock = _Clock(timings)
    with clock("ingest"):
        papers = dedupe(read_inputs(inputs, fmt, on_error=on_error))
    with clock("extraction"):
        extractor = extractor or Extractor()
        stream = (extractor.extract(papers, while_waiting=while_waiting) if cache is None
                  else extract_cached(extractor, papers, cache, while_waiting=while_waiting))
        if progress is not None:
            stream = progress(stream, total=len(papers))
        papers = link_across_papers(list(stream))
    return papers, extractor


class _Clock:
    """Add the seconds spent in ``with clock(name):`` blocks to ``timings[name]`` (if ``timings`` is a dict)."""

    def __init__(self, timings):
        self.timings = timings

    @contextlib.contextmanager
    def __call__(self, name):
        start = time.perf_counter()
        try:
            yield
        finally:
            if self.timings is not None:
                self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


def build_outputs(out_dir, inputs=None, *, fmt="auto", extractor=None, on_error=None, progress=None, cache=True,
                  rdf_format="turtle", base_iri=None, max_nodes=None, timings=None):
    """Do what ``kg build`` does: extract the papers of ``inputs``, build the graph, write every output.

    Texts already extracted into ``out_dir`` by the same pipeline come from its extraction
    cache (:mod:`kg.cache`) unless ``cache`` is False. ``timings`` (optional dict) receives the
    seconds of each stage (``ingest``, ``extraction``, ``graph``, then each file by name).
    Returns a dict: ``graph`` (the MultiDiGraph), ``written`` (``{name: path}``),
    ``extracted`` and ``cached`` (how many papers were extracted now and taken from the
    cache) and ``html_max_nodes`` (the node cap graph.html got, None if it draws all).
    Raises :class:`KgError` if the input holds no papers.
    """
    from .cache import ExtractionCache, cache_path
    from .errors import KgError
    from .extract import Extractor
    from .fileio import ensure_dir

    out = ensure_dir(out_dir)
    extractor = extractor or Extractor()
    store = ExtractionCache(cache_path(out), extractor.id) if cache else None
    try:
        papers, extractor = extract_papers(inputs, fmt=fmt, extractor=extractor, on_error=on_error,
                                           progress=progress, cache=store, timings=timings,
                                           while_waiting=_import_writers)
    finally:
        if store is not None:
            store.close()
    if not papers:
        raise KgError("no papers found in the input")
    from .export.rdf import RDF_FORMATS
    from .graph import build_graph

    clock = _Clock(timings)
    with clock("graph"):
        G = build_graph(papers, pipeline=extractor.id, gazetteer=extractor.gazetteer_index())
    n_papers = len(papers)
    rdf_name = "graph" + RDF_FORMATS[rdf_format]
    with atomic_group(), contextlib.ExitStack() as xml:  # all outputs of this build, or none of them
        # graph.json first: GraphML and GEXF are converted from it (in a second process with
        # --jobs 2 and more) while this one writes the other files
        with clock("graph.json"):
            write_outputs(G, None, out, only=["graph.json"])
        xml.enter_context(_xml_from_graph_json(G, out, ["graph.graphml", "graph.gexf"], jobs=extractor.n_process,
                                               timings=timings))
        with clock("papers.jsonl"):
            write_outputs(G, papers, out, only=["papers.jsonl"])
        del papers  # the mentions are in papers.jsonl and the graph now: free them before the big exports
        write_outputs(G, None, out, rdf_format=rdf_format, base_iri=base_iri, max_nodes=max_nodes, timings=timings,
                      only=[rdf_name, "graph.html"])
    return {
        "graph": G,
        "written": {name: out / name for name in _file_names(rdf_name)},
        "extracted": n_papers if store is None else store.misses,
        "cached": 0 if store is None else store.hits,
        "html_max_nodes": html_max_nodes(G, max_nodes),
    }


def _import_writers():
    """Import what building and writing the graph needs (NetworkX, rdflib, Jinja: about 0.2 s),
    in the background while worker processes extract, rather than after them. An import that
    fails here fails again, with its error reported, where it is needed."""
    from .gcpause import gc_paused

    try:
        with gc_paused():  # long-lived objects only: collections cost 0.04 of the 0.25 s
            from .export import html, rdf  # noqa: F401
            from . import graph  # noqa: F401
    except Exception:  # noqa: BLE001 (reported by the import that needs it)
        pass


def build(inputs=None, *, fmt="auto", extractor=None, on_error=None):
    """Build the knowledge graph of ``inputs`` (files or directories; the bundled sample if None).

    Returns a :class:`networkx.MultiDiGraph` with the schema described in :mod:`kg.graph`.
    """
    from .graph import build_graph

    papers, extractor = extract_papers(inputs, fmt=fmt, extractor=extractor, on_error=on_error)
    return build_graph(papers, pipeline=extractor.id, gazetteer=extractor.gazetteer_index())


def extract(inputs=None, *, fmt="auto", extractor=None, on_error=None):
    """Return the papers of ``inputs`` with their extracted mentions (one per input record, not deduplicated)."""
    from .extract import Extractor

    extractor = extractor or Extractor()
    return list(extractor.extract(read_inputs(inputs, fmt, on_error=on_error)))


def load(path):
    """Read a graph written by ``kg build`` (``graph.json`` or ``graph.graphml``) back into a MultiDiGraph."""
    return read_graph(path)


#: The files ``kg build`` writes (the RDF file's suffix follows ``rdf_format``).
OUTPUT_FILES = ("graph.ttl", "graph.html", "graph.graphml", "graph.json", "graph.gexf", "papers.jsonl")


#: Above this many nodes ``kg build`` draws only the most connected ones in graph.html
#: (a bigger page takes long to load and is too dense to read); ``max_nodes=0`` draws all.
HTML_MAX_NODES = 5000


def html_max_nodes(G, max_nodes=None):
    """The node cap graph.html gets: ``max_nodes`` as given, :data:`HTML_MAX_NODES` for a bigger
    graph when it is None, and None (every node) for 0 or a graph within the cap."""
    if max_nodes is None:
        max_nodes = HTML_MAX_NODES
    if max_nodes == 0 or max_nodes >= G.number_of_nodes():
        return None
    return max_nodes


def write_outputs(G, papers, out_dir, *, rdf_format="turtle", base_iri=None, max_nodes=None, timings=None,
                  only=None, jobs=1):
    """Write every output of ``kg build`` into ``out_dir``; return ``{name: path}``.

    Each file is written to a temporary file and renamed into place, so an
    interrupted build leaves earlier outputs whole. graph.html draws at most
    ``html_max_nodes(G, max_nodes)`` nodes (see :func:`html_max_nodes`). ``papers``
    None skips papers.jsonl; ``only`` (optional) names the files to write. ``timings``
    (optional dict) receives the seconds each file took, by file name.

    GraphML and GEXF are converted from graph.json when it is written too
    (:func:`kg.export.files.xml_from_graph_json`): with ``jobs`` > 1 in a second process,
    while this one writes the RDF and HTML.
    """
    from .export import files, html, rdf
    from .fileio import ensure_dir

    out = ensure_dir(out_dir)
    rdf_kwargs = {} if base_iri is None else {"base_iri": base_iri}
    rdf_name = "graph" + rdf.RDF_FORMATS[rdf_format]
    wanted = [name for name in _file_names(rdf_name)
              if (only is None or name in only) and not (papers is None and name == "papers.jsonl")]
    writers = {
        "papers.jsonl": lambda path: files.write_papers_jsonl(papers, path),
        "graph.json": lambda path: files.write_graph_json(G, path),
        "graph.graphml": lambda path: files.write_graphml(G, path),
        "graph.gexf": lambda path: files.write_gexf(G, path),
        rdf_name: lambda path: rdf.write_rdf(G, path, fmt=rdf_format, **rdf_kwargs),
        "graph.html": lambda path: html.write_html(G, path, max_nodes=html_max_nodes(G, max_nodes)),
    }
    xml = [name for name in ("graph.graphml", "graph.gexf") if name in wanted] if "graph.json" in wanted else []
    clock = _Clock(timings)
    with atomic_group():  # a failing writer leaves every earlier output as it was
        with contextlib.ExitStack() as stack:
            for name in wanted:
                if name in xml:
                    continue
                with clock(name):
                    writers[name](out / name)
                if name == "graph.json" and xml:
                    stack.enter_context(_xml_from_graph_json(G, out, xml, jobs=jobs, timings=timings))
    return {name: out / name for name in wanted}


def _file_names(rdf_name):
    """The files of a build, in the order ``kg build`` reports them (``rdf_name``: graph.ttl or another format's)."""
    return ("papers.jsonl", "graph.json", "graph.graphml", "graph.gexf", rdf_name, "graph.html")


def _xml_from_graph_json(G, out, names, *, jobs, timings):
    """The context of :func:`kg.export.files.xml_from_graph_json` writing ``names`` (graph.graphml,
    graph.gexf) into ``out`` from the graph.json of ``G`` just written there (in the current
    :func:`~kg.fileio.atomic_group`); in a second process when ``jobs`` > 1."""
    from .export import files
    from .fileio import pending_path

    return files.xml_from_graph_json(pending_path(out / "graph.json"), keys=files.xml_keys(G), background=jobs > 1,
                                     timings=timings, **{name.split(".")[1]: out / name for name in names})


def summary(G):
    """Counts for the build summary: papers, entities per type, edges per relation."""
    from collections import Counter

    from .graph import RELATIONS
    from .model import LABELS

    types = Counter(t for _, t in G.nodes(data="type"))
    relations = Counter(r for *_, r in G.edges(keys=True))
    return {
        "papers": types.get("Paper", 0),
        "entities": {label: types.get(label, 0) for label in LABELS},
        "edges": {rel: relations.get(rel, 0) for rel in RELATIONS},
    }
