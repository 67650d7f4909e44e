"""The Python API: ``build`` a graph from listings, ``extract`` mentions, ``load`` a written graph."""

from .export.files import read_graph
from .graph import build_graph
from .ingest import dedupe, read_inputs

__all__ = ["build", "extract", "load", "extract_papers"]


def extract_papers(inputs=None, *, fmt="auto", extractor=None, on_error=None, progress=None):
    """Read, deduplicate and extract the papers of ``inputs``; return ``(papers, extractor)``.

    ``progress`` (optional) wraps the paper iterator (e.g. ``tqdm``) and receives the total.
    """
    from .extract import Extractor, link_across_papers

    papers = dedupe(read_inputs(inputs, fmt, on_error=on_error))
    extractor = extractor or Extractor()
    stream = extractor.extract(papers)
    if progress is not None:
        stream = progress(stream, total=len(papers))
    papers = link_across_papers(list(stream))
    return papers, extractor


def build(inputs=None, *, fmt="auto", extractor=None, on_error=None):
    """Build the knowledge graph of ``inputs`` (files or directories; the bundled sample if None).

    Returns a :class:`networkx.MultiDiGraph` with the schema described in :mod:`kg.graph`.
    """
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


#: File suffix of each RDF format ``kg build --rdf-format`` offers.
RDF_SUFFIXES = {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld"}
#: The files ``kg build`` writes (the RDF file's suffix follows ``rdf_format``).
OUTPUT_FILES = ("graph.ttl", "graph.html", "graph.graphml", "graph.json", "graph.gexf", "papers.jsonl")


def write_outputs(G, papers, out_dir, *, rdf_format="turtle", base_iri=None, max_nodes=None):
    """Write every output of ``kg build`` into ``out_dir``; return ``{name: path}``.

    Each file is written to a temporary file and renamed into place, so an
    interrupted build leaves earlier outputs whole.
    """
    from .export import files, html, rdf
    from .fileio import ensure_dir

    out = ensure_dir(out_dir)
    rdf_kwargs = {} if base_iri is None else {"base_iri": base_iri}
    rdf_path = out / ("graph." + RDF_SUFFIXES[rdf_format])
    written = {}
    files.write_papers_jsonl(papers, out / "papers.jsonl")
    written["papers.jsonl"] = out / "papers.jsonl"
    files.write_graph_json(G, out / "graph.json")
    written["graph.json"] = out / "graph.json"
    files.write_graphml(G, out / "graph.graphml")
    written["graph.graphml"] = out / "graph.graphml"
    files.write_gexf(G, out / "graph.gexf")
    written["graph.gexf"] = out / "graph.gexf"
    rdf.write_rdf(G, rdf_path, fmt=rdf_format, **rdf_kwargs)
    written[rdf_path.name] = rdf_path
    html.write_html(G, out / "graph.html", max_nodes=max_nodes)
    written["graph.html"] = out / "graph.html"
    return written


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
