"""RDF export of the graph in reused vocabularies: Turtle, N-Triples and JSON-LD.

Mapping (see ``README.md ("RDF and SPARQL")`` for the full table and ``kg/export/shapes.ttl`` for the shapes)

* a paper is a ``schema:ScholarlyArticle`` (and ``lpwcc:paper``) with ``dcterms:title``,
  ``dcterms:abstract``, ``dcterms:identifier`` (its node id), ``dcterms:source`` (input
  ``file:line``), ``lpwc:creatorName``, ``fabio:hasArXivID``, ``dcterms:issued`` (``xsd:gYear``);
* an entity is a ``kg:Method``/``kg:Dataset``/``kg:Metric``/``kg:Task`` (plus the matching
  Linked Papers With Code, ML-Schema and schema.org classes) with ``skos:prefLabel`` and one
  ``skos:altLabel`` per alias or acronym;
* every paper → entity edge is asserted as one plain triple (``lpwc:hasMethod``,
  ``lpwc:usesDataset``, ``lpwc:hasTask``, ``kg:proposes`` with its inverse
  ``lpwc:introducedBy``, ``kg:reportsMetric``), and its evidence hangs off a separate
  ``oa:Annotation`` (body: the entity; target: the paper's text, selected by an
  ``oa:TextQuoteSelector`` of the sentence and an ``oa:TextPositionSelector`` of its offsets);
* each reported value is an n-ary ``mls:ModelEvaluation`` (``mls:specifiedBy`` the metric,
  ``mls:hasValue`` an ``xsd:decimal`` when the text is cleanly a number, ``kg:rawValue`` the text,
  ``lpwc:hasDataset``), linked from the paper by ``lpwc:hasEvaluation``;
* PROV-O says which run (``prov:Activity``) of which software version and pipeline made the graph.

IRIs are minted under ``base_iri`` (default :data:`DEFAULT_BASE_IRI`) from the node ids,
percent-encoded; annotation and evaluation IRIs are a hash of what they describe. Nothing
depends on insertion order, object ids or the clock, so the same graph always gives the same
bytes. The writers stream text themselves (rdflib's serializers are far too slow for 50,000
papers); :func:`to_rdf` returns the same triples as an :class:`rdflib.Graph`.
"""

import functools
import hashlib
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD

from ..errors import KgError
from ..fileio import atomic_write
from ..gcpause import gc_paused
from . import namespaces
from .namespaces import DATA_NAMESPACES, DEFAULT_BASE_IRI
from .vocab import FABIO, KG, LPWC, LPWCC, MLS, OA

__all__ = [
    "DEFAULT_BASE_IRI",
    "DATA_NAMESPACES",
    "PREDICATE_OF_RELATION",
    "RDF_FORMATS",
    "data_prefixes",
    "entity_iri",
    "format_for_path",
    "parse_number",
    "prefixes",
    "serialize",
    "to_rdf",
    "write_rdf",
]

#: Format name -> file suffix.
RDF_FORMATS = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld"}

#: The plain predicate asserted for each relation (paper → entity).
PREDICATE_OF_RELATION = {
    "proposes": KG.proposes,
    "uses": LPWC.hasMethod,
    "evaluates_on": LPWC.usesDataset,
    "reports": KG.reportsMetric,
    "addresses": LPWC.hasTask,
}

# Classes of each entity label, most specific (our own) first.
_ENTITY_CLASSES = {
    "Method": (KG.Method, LPWCC.method, MLS.Algorithm),
    "Dataset": (KG.Dataset, LPWCC.dataset, MLS.Dataset, SDO.Dataset),
    "Metric": (KG.Metric, MLS.EvaluationMeasure),
    "Task": (KG.Task, LPWCC.task, MLS.Task),
}
_NODE_PREFIX_OF_LABEL = {"Paper": "paper", "Method": "method", "Dataset": "dataset", "Metric": "metric", "Task": "task"}

A = str(RDF.type)
_XSD_STRING = str(XSD.string)
_XSD_INTEGER = str(XSD.integer)
_XSD_NNI = str(XSD.nonNegativeInteger)
_XSD_DECIMAL = str(XSD.decimal)
_XSD_BOOLEAN = str(XSD.boolean)
_XSD_GYEAR = str(XSD.gYear)
_TRUE = ("true", _XSD_BOOLEAN)
_FALSE = ("false", _XSD_BOOLEAN)

_SURROGATE = re.compile("[\ud800-\udfff]")
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')
_HTTP_URL = re.compile(r"https?://[^/?#\s]+", re.IGNORECASE)
_NUMBER = re.compile(
    r"\s*([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)"
    r"\s*(?:%|percent|pp|points?|x|×|times|-?fold)?\s*",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- terms


def _text(value):
    """A plain literal from untrusted text (lone surrogates, which UTF-8 cannot hold, become U+FFFD)."""
    if type(value) is not str:
        value = str(value)
    if not value.isascii() and _SURROGATE.search(value):
        value = _SURROGATE.sub("\ufffd", value)
    return (value, None)


def _int(n, datatype=_XSD_INTEGER):
    return (str(int(n)), datatype)


@functools.lru_cache(maxsize=1024)
def _small_int(n):
    """A cached ``xsd:integer`` literal, for counts (few distinct values, one object each)."""
    return _int(n)


@functools.lru_cache(maxsize=4096)
def _decimal(x):
    """An ``xsd:decimal`` literal for a finite number, else None (cached: confidences repeat)."""
    try:
        d = Decimal(repr(x)) if isinstance(x, float) else Decimal(x)
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not d.is_finite():
        return None
    return (format(d, "f"), _XSD_DECIMAL)


def parse_number(text):
    """The number in a reported value when the text is cleanly one number (with an optional unit).

    Returns the canonical ``xsd:decimal`` lexical form, or None.

    >>> parse_number("71.8%"), parse_number("4 times"), parse_number("1,024"), parse_number("2.7/1.0")
    ('71.8', '4', '1024', None)
    """
    m = _NUMBER.fullmatch(str(text))
    if not m:
        return None
    return format(Decimal(m.group(1).replace(",", "")), "f")


def _segment(text):
    """Percent-encode ``text`` as one IRI path segment (ASCII only; ``.``/``..`` escaped too)."""
    seg = quote(str(text), safe="")
    if seg in (".", ".."):
        seg = seg.replace(".", "%2E")
    return seg or "_"


def _url_iri(url):
    """An http(s) URL from the input as a valid IRI (unsafe characters percent-encoded), else None."""
    if not url or not isinstance(url, str) or not _HTTP_URL.match(url.strip()):
        return None
    url = _SURROGATE.sub("", url.strip())
    return _BAD_IRI_CHARS.sub(lambda m: quote(m.group(0), safe=""), url)


def _check_base(base_iri):
    base = str(base_iri)
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", base):
        raise KgError(f"base IRI {base!r} is not absolute; give one like {DEFAULT_BASE_IRI!r}")
    if _BAD_IRI_CHARS.search(base) or _SURROGATE.search(base):
        raise KgError(f"base IRI {base!r} contains characters not allowed in an IRI (spaces, quotes, <>)")
    if not base.endswith(("/", "#")):
        raise KgError(f"base IRI {base!r} must end with '/' or '#'")
    return base


def _digest(*parts):
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def data_prefixes(base_iri=DEFAULT_BASE_IRI):
    """Prefix -> namespace of the data IRIs under ``base_iri``."""
    return namespaces.data_prefixes(_check_base(base_iri))


def prefixes(base_iri=DEFAULT_BASE_IRI):
    """All prefixes of the export (vocabularies and data), sorted by name."""
    return namespaces.prefixes(_check_base(base_iri))


def entity_iri(node, base_iri=DEFAULT_BASE_IRI):
    """The IRI of graph node ``node`` (``paper:<key>`` or ``<label>:<id>``).

    >>> entity_iri("dataset:squad v2")
    'https://w3id.org/kg-ml/dataset/squad%20v2'
    """
    kind, sep, local = str(node).partition(":")
    if not sep or kind not in DATA_NAMESPACES:
        raise KgError(f"graph node {node!r} is not a paper or entity id (expected e.g. 'paper:<key>', 'method:<id>')")
    return _check_base(base_iri) + DATA_NAMESPACES[kind] + _segment(local)


# --------------------------------------------------------------------------- the triples


class _Minter:
    """Node id -> IRI, cached (each entity IRI is used many times)."""

    def __init__(self, base):
        self.base = base
        self.cache = {}

    def __call__(self, node):
        iri = self.cache.get(node)
        if iri is None:
            kind, sep, local = node.partition(":")
            if not sep or kind not in DATA_NAMESPACES:
                raise KgError(
                    f"graph node {node!r} is not a paper or entity id (expected e.g. 'paper:<key>', 'method:<id>')"
                )
            iri = self.cache[node] = self.base + DATA_NAMESPACES[kind] + _segment(local)
        return iri


def _node_type(G, node):
    kind = G.nodes[node].get("type")
    if kind not in _NODE_PREFIX_OF_LABEL:
        raise KgError(
            f"graph node {node!r} has type {kind!r}; expected one of {', '.join(_NODE_PREFIX_OF_LABEL)} "
            "(is this a graph written by `kg build`?)"
        )
    return kind


# The terms as plain str (a DefinedNamespace attribute lookup costs microseconds; the hot loops
# below run millions of times). Constant (predicate, object) pairs are built once.
_LABEL, _IDENTIFIER, _TITLE, _ABSTRACT = map(str, (RDFS.label, DCTERMS.identifier, DCTERMS.title, DCTERMS.abstract))
_DATE, _ISSUED, _SOURCE = map(str, (DCTERMS.date, DCTERMS.issued, DCTERMS.source))
_CREATOR, _ARXIV, _INPUT_ID, _URL = map(str, (LPWC.creatorName, FABIO.hasArXivID, KG.inputId, SDO.url))
_PREF, _ALT, _IN_GAZ, _N_PAPERS = map(str, (SKOS.prefLabel, SKOS.altLabel, KG.inGazetteer, LPWC.numberPapers))
_INTRODUCED_BY, _HAS_EVALUATION, _PROPOSES = map(str, (LPWC.introducedBy, LPWC.hasEvaluation, KG.proposes))
_BODY, _TARGET, _SUPPORTS, _CONFIDENCE = map(str, (OA.hasBody, OA.hasTarget, KG.supports, KG.confidence))
_MENTIONS, _EXTRACTED_BY, _HAS_SOURCE, _FIELD = map(str, (KG.mentionCount, KG.extractedBy, OA.hasSource, KG.field))
_HAS_SELECTOR, _EXACT, _REFINED_BY, _START, _END = map(
    str, (OA.hasSelector, OA.exact, OA.refinedBy, OA.start, OA.end)
)
_PAPER_TYPES = [(A, str(SDO.ScholarlyArticle)), (A, str(LPWCC.paper))]
_ENTITY_TYPES = {label: [(A, str(c)) for c in classes] for label, classes in _ENTITY_CLASSES.items()}
_ANNOTATION_HEAD = [(A, str(OA.Annotation)), (str(OA.motivatedBy), str(OA.identifying))]
_IS_TARGET = (A, str(OA.SpecificResource))
_IS_QUOTE = (A, str(OA.TextQuoteSelector))
_IS_POSITION = (A, str(OA.TextPositionSelector))
_EVALUATION_TYPES = [(A, str(MLS.ModelEvaluation)), (A, str(LPWCC.evaluation))]
_IS_RESULT = (A, str(LPWCC.evaluationresult))
_SPECIFIED_BY, _HAS_VALUE, _RAW_VALUE, _HAS_DATASET, _IS_CHANGE, _CHANGE_VALUE = map(
    str, (MLS.specifiedBy, MLS.hasValue, KG.rawValue, LPWC.hasDataset, KG.isChange, KG.changeValue)
)
_HAS_RESULT, _DERIVED_FROM, _METRIC_NAME, _METRIC_VALUE = map(
    str, (LPWC.hasEvaluationResult, PROV.wasDerivedFrom, LPWC.metricName, LPWC.metricValue)
)
_PREDICATE = {rel: str(p) for rel, p in PREDICATE_OF_RELATION.items()}


def _items(G, base_iri=DEFAULT_BASE_IRI):
    """Yield the RDF of ``G``: ``(subject, [(predicate, object), ...])`` blocks and :class:`_Evidence` records.

    IRIs are ``str``; literals are ``(lexical, datatype or None)`` tuples. Subjects come
    in a fixed order (provenance, then each paper followed by its evidence and evaluations,
    then entities, all sorted by node id) and each subject's pairs in a fixed order, so
    every writer's output depends on the graph's content only.
    """
    base = _check_base(base_iri)
    iri = _Minter(base)
    ann_ns = base + DATA_NAMESPACES["annotation"]
    # the raw dicts behind G.nodes / G.succ / G.pred: their views cost microseconds per access
    nodes, succ, pred = G._node, G._succ, G._pred
    papers, entities = [], []
    for node in sorted(nodes):
        kind = nodes[node].get("type")
        if kind == "Paper":
            papers.append(node)
        elif kind in _ENTITY_CLASSES:
            entities.append(node)
        else:
            _node_type(G, node)  # raises
    entity_set = set(entities)
    yield from _provenance_blocks(G, base, papers)

    text = _text
    for node in papers:
        d = nodes[node]
        s = iri(node)
        pairs = _PAPER_TYPES.copy()
        pairs.append((_LABEL, text(d.get("label") or node.partition(":")[2])))
        pairs.append((_IDENTIFIER, text(node)))
        if d.get("title"):
            pairs.append((_TITLE, text(d["title"])))
        if d.get("abstract"):
            pairs.append((_ABSTRACT, text(d["abstract"])))
        if d.get("date"):
            pairs.append((_DATE, text(d["date"])))
        year = d.get("year")
        if isinstance(year, int) and 0 < year < 10000:
            pairs.append((_ISSUED, (f"{year:04d}", _XSD_GYEAR)))
        for author in d.get("authors") or ():
            pairs.append((_CREATOR, text(author)))
        if d.get("arxiv_id"):
            pairs.append((_ARXIV, text(d["arxiv_id"])))
        if d.get("input_id"):
            pairs.append((_INPUT_ID, text(d["input_id"])))
        url = _url_iri(d.get("url"))
        if url:
            pairs.append((_URL, url))
        for source in d.get("sources") or ():
            pairs.append((_SOURCE, text(source)))

        edges = [(rel, target, e) for target, keyed in succ[node].items() for rel, e in keyed.items()]
        edges.sort(key=lambda x: (x[0], x[1]))
        statements, evaluations, details = [], [], []
        for rel, target, e in edges:
            predicate = _PREDICATE.get(rel)
            if predicate is None:
                raise KgError(
                    f"edge {node} -> {target} has relation {rel!r}; expected one of {', '.join(_PREDICATE)}"
                )
            if target not in entity_set:
                raise KgError(f"edge {node} -> {target} does not point to an entity (method, dataset, metric, task)")
            obj = iri(target)
            statements.append((predicate, obj))
            digest = _digest(node, rel, target)
            details.append(_evidence(ann_ns, digest, s, obj, predicate, e))
            ann = ann_ns + digest
            for result in e.get("results") or ():
                evaluations.append((_HAS_EVALUATION, _evaluation_blocks(details, G, iri, base, node, target, ann, result)))
        pairs.extend(sorted(set(statements)))
        pairs.extend(sorted(set(evaluations)))
        yield s, pairs
        yield from details

    for node in entities:
        d = nodes[node]
        label = str(d.get("label") or node.partition(":")[2])
        pairs = _ENTITY_TYPES[d["type"]].copy()
        pairs.append((_LABEL, text(label)))
        pairs.append((_PREF, text(label)))
        for alias in sorted({str(a) for a in d.get("aliases") or ()} - {label}):
            pairs.append((_ALT, text(alias)))
        pairs.append((_IDENTIFIER, text(node)))
        pairs.append((_IN_GAZ, _TRUE if d.get("in_gazetteer") else _FALSE))
        if d.get("paper_count") is not None:
            pairs.append((_N_PAPERS, _int(d["paper_count"])))
        for u in sorted(u for u, keyed in pred[node].items() if "proposes" in keyed):
            pairs.append((_INTRODUCED_BY, iri(u)))
        yield iri(node), pairs


def _provenance_blocks(G, base, papers):
    name = str(G.graph.get("name") or "kg")
    version = str(G.graph.get("kg_version") or "unknown")
    pipeline = str(G.graph.get("pipeline") or "")
    dataset = base + "graph/" + _segment(name)
    run = base + "run/" + _digest(name, version, pipeline, *papers)
    software = base + "software/kg-" + _segment(version)
    yield dataset, [
        (A, str(DCAT.Dataset)),
        (A, str(PROV.Entity)),
        (_TITLE, _text(name)),
        (str(PROV.wasGeneratedBy), run),
    ]
    run_pairs = [
        (A, str(PROV.Activity)),
        (_LABEL, _text(f"kg build of {len(papers)} papers")),
        (str(PROV.wasAssociatedWith), software),
    ]
    if pipeline:
        run_pairs.append((str(KG.pipeline), _text(pipeline)))
    yield run, run_pairs
    yield software, [
        (A, str(PROV.SoftwareAgent)),
        (A, str(SDO.SoftwareApplication)),
        (str(SDO.name), _text("kg")),
        (str(SDO.softwareVersion), _text(version)),
    ]


class _Evidence:
    """The evidence of one statement, as the values of :func:`_expand_evidence` (see its docstring).

    There is one per edge (hundreds of thousands in a big graph), so the writers fill a
    template compiled once per shape instead of formatting its ~20 triples one by one.
    """

    __slots__ = ("values",)

    def __init__(self, values):
        self.values = values


# Positions in _Evidence.values: the digest is spliced raw into the annotation IRIs; the
# "static" values (namespace, predicate, mention count, extractor, field) take few distinct
# values and are baked into the writers' templates; the others fill each template's slots.
_EV_DIGEST = 1
_EV_STATIC = (0, 4, 6, 7, 8)
_EV_TERMS = (2, 3, 5, 9, 10, 11, 12)


def _evidence(ann_ns, digest, paper, entity, predicate, e):
    """The :class:`_Evidence` of one edge ``e`` (attributes as in :mod:`kg.graph`); absent parts are None."""
    conf = e.get("confidence")
    if conf is not None:
        try:
            conf = _decimal(conf)
        except TypeError:  # unhashable junk
            conf = None
    mentions = e.get("mentions")
    source, field = e.get("source"), e.get("field")
    quote, mention = e.get("evidence"), e.get("mention")
    start, end = e.get("sentence_start"), e.get("sentence_end")
    has_offsets = start is not None and end is not None
    return _Evidence(
        (
            ann_ns,
            digest,
            entity,
            paper,
            predicate,
            conf,
            None if mentions is None else _small_int(mentions),
            _text(source) if source else None,
            _text(field) if field else None,
            None if quote is None else _text(quote),
            _text(mention) if quote is not None and mention else None,
            _int(start, _XSD_NNI) if has_offsets else None,
            _int(end, _XSD_NNI) if has_offsets else None,
        )
    )


def _expand_evidence(values):
    """The blocks of one :class:`_Evidence`: the Web Annotation behind one plain statement.

    ``values`` = (annotation namespace, digest, entity, paper, predicate, confidence,
    mention count, extractor, field, sentence, mention, start, end); a None leaves its
    triples out. The annotation is ``<namespace><digest>``, its target and selectors are
    that IRI plus ``-target``, ``-sentence``, ``-mention``, ``-offsets``. This function is
    the only definition of the annotation's shape: :func:`to_rdf` expands every record with
    it and the writers compile their templates from it.
    """
    ann_ns, digest, entity, paper, predicate, conf, count, source, field, quote, mention_text, start, end = values
    ann = ann_ns + digest
    target = ann + "-target"
    pairs = _ANNOTATION_HEAD + [(_BODY, entity), (_TARGET, target), (_SUPPORTS, predicate)]
    if conf is not None:
        pairs.append((_CONFIDENCE, conf))
    if count is not None:
        pairs.append((_MENTIONS, count))
    if source is not None:
        pairs.append((_EXTRACTED_BY, source))
    target_pairs = [_IS_TARGET, (_HAS_SOURCE, paper)]
    if field is not None:
        target_pairs.append((_FIELD, field))
    blocks = [(ann, pairs), (target, target_pairs)]
    if quote is not None:
        sentence = ann + "-sentence"
        target_pairs.append((_HAS_SELECTOR, sentence))
        quote_pairs = [_IS_QUOTE, (_EXACT, quote)]
        blocks.append((sentence, quote_pairs))
        if mention_text is not None:
            mention = ann + "-mention"
            quote_pairs.append((_REFINED_BY, mention))
            blocks.append((mention, [_IS_QUOTE, (_EXACT, mention_text)]))
    if start is not None:
        offsets = ann + "-offsets"
        target_pairs.append((_HAS_SELECTOR, offsets))
        blocks.append((offsets, [_IS_POSITION, (_START, start), (_END, end)]))
    return blocks


def _evaluation_blocks(out, G, iri, base, paper, metric, ann, result):
    """Append one reported value as an n-ary evaluation (ML-Schema, LPWC result alongside); return its IRI."""
    raw = str(result.get("value"))
    dataset = result.get("dataset")
    if dataset is not None and dataset not in G:
        dataset = None
    change = result.get("change") is True
    # (a change and a score of the same text are two evaluations; a score keeps its IRI of before)
    ev = base + DATA_NAMESPACES["evaluation"] + _digest(paper, metric, raw, dataset or "", *(("change",) if change else ()))
    res = ev + "-result"
    pairs = _EVALUATION_TYPES.copy()
    pairs.append((_SPECIFIED_BY, iri(metric)))
    number = parse_number(raw)
    if number is not None:  # a change is no value of the measure: mls:hasValue holds scores only
        pairs.append((_CHANGE_VALUE if change else _HAS_VALUE, (number, _XSD_DECIMAL)))
    pairs.append((_IS_CHANGE, _TRUE if change else _FALSE))
    pairs.append((_RAW_VALUE, _text(raw)))
    if dataset is not None:
        pairs.append((_HAS_DATASET, iri(dataset)))
    pairs += ((_HAS_RESULT, res), (_DERIVED_FROM, ann))
    metric_name = G.nodes[metric].get("label") or metric.partition(":")[2]
    out.append((ev, pairs))
    out.append((res, [_IS_RESULT, (_METRIC_NAME, _text(metric_name)), (_METRIC_VALUE, _text(raw))]))
    return ev


def _blocks(G, base_iri=DEFAULT_BASE_IRI):
    """Yield every ``(subject, pairs)`` block of ``G`` (evidence records expanded)."""
    for item in _items(G, base_iri):
        if type(item) is _Evidence:
            yield from _expand_evidence(item.values)
        else:
            yield item


# --------------------------------------------------------------------------- rdflib


def to_rdf(G, *, base_iri=DEFAULT_BASE_IRI):
    """Return the graph ``G`` as an :class:`rdflib.Graph` (the same triples every writer writes).

    >>> from kg.graph import build_graph
    >>> from kg.model import Paper
    >>> g = to_rdf(build_graph([Paper(key="p1", title="A title", abstract="")]))
    >>> (URIRef(DEFAULT_BASE_IRI + "paper/p1"), DCTERMS.title, Literal("A title")) in g
    True
    """
    g = Graph(bind_namespaces="none")
    for name, ns in prefixes(base_iri).items():
        g.bind(name, ns)
    uris = {}

    def uri(value):
        u = uris.get(value)
        if u is None:
            u = uris[value] = URIRef(value)
        return u

    add = g.add
    with gc_paused():
        for s, pairs in _blocks(G, base_iri):
            subject = uri(s)
            for p, o in pairs:
                if type(o) is str:
                    obj = uri(o)
                elif o[1] is None:
                    obj = Literal(o[0])
                else:
                    obj = Literal(o[0], datatype=uri(o[1]))
                add((subject, uri(p), obj))
    return g


# --------------------------------------------------------------------------- text writers

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_ESCAPES = {i: f"\\u{i:04X}" for i in (*range(0x20), 0x7F)}
_ESCAPES.update({ord(k): v for k, v in _ECHAR.items()})
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')


def _quoted(lexical):
    """A string in double quotes, escaped as canonical N-Triples escapes it (valid Turtle too)."""
    if _NEEDS_ESCAPE.search(lexical):
        lexical = lexical.translate(_ESCAPES)
    return '"' + lexical + '"'


# A prefixed-name local part we can write without escapes (a subset of Turtle's PN_LOCAL).
_PN_LOCAL = re.compile(r"(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:[A-Za-z0-9_.-]|%[0-9A-Fa-f]{2})*")
_TURTLE_BARE = {
    _XSD_INTEGER: re.compile(r"[+-]?\d+"),
    _XSD_DECIMAL: re.compile(r"[+-]?\d*\.\d+"),
    _XSD_BOOLEAN: re.compile(r"true|false"),
}


class _Compactor:
    """IRI -> ``prefix:local`` (or None), cached except for the many one-off annotation IRIs.

    Annotation and evaluation IRIs (a hex digest plus an optional ``-suffix``) always have a
    safe local part, so they skip the cache and the check.
    """

    def __init__(self, prefix_map, base_iri, check_local):
        self.by_ns = {ns: name for name, ns in prefix_map.items()}
        self.check_local = check_local
        self.cache = {}
        self.fast = [
            (ns, len(ns), name + ":")
            for name, ns in prefix_map.items()
            if name in ("annotation", "evaluation") and ns.startswith(base_iri)
        ]

    def __call__(self, iri):
        got = self.cache.get(iri)
        if got is None:
            for ns, n, pname in self.fast:
                if iri.startswith(ns):
                    return pname + iri[n:]
            got = self.cache[iri] = self._compact(iri)
        return got

    def _compact(self, iri):
        # our namespaces all end with '/' or '#', so the local part is what follows the last one
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        name = self.by_ns.get(iri[:cut])
        local = iri[cut:]
        if name is None or (self.check_local and not (_PN_LOCAL.fullmatch(local) and local[-1] != ".")):
            return ""
        return name + ":" + local


# Delimits placeholders in a template: a private-use character, which no writer escapes
# (template text is made from placeholders only, never from the graph's text).
_MARK = "\ue000"
# Evidence values written verbatim into the text: the hex digest (inside IRIs) and the offsets
# (inside "..."^^xsd:nonNegativeInteger literals); digits need no escaping in any format.
_EV_RAW_LITERALS = (11, 12)


def _lexical(literal):
    return literal[0]


class _Slot:
    """A placeholder for value ``index`` while a writer compiles an evidence template."""

    __slots__ = ("marker", "is_iri")

    def __init__(self, index, is_iri):
        self.marker = _MARK + str(index) + _MARK
        self.is_iri = is_iri


class _Writer:
    """One text format: how to write an IRI, a literal and a block, plus header/separator/footer.

    ``iri``/``lit`` give the text of a term; ``block(s, pairs, iri, lit)`` the text of one
    subject's triples, with the term functions passed in so that :meth:`record` can compile
    an evidence template by running ``block`` over placeholder terms.
    """

    header = ""
    sep = ""
    footer = ""

    def __init__(self):
        self.templates = {}

    def record(self, values):
        key = (tuple([values[i] is None for i in _EV_TERMS]), *[values[i] for i in _EV_STATIC])
        template = self.templates.get(key)
        if template is None:
            template = self.templates[key] = self._compile(values)
        fmt, order = template
        return fmt % tuple([f(values[i]) for i, f in order])

    def _compile(self, values):
        """A %-format string for evidence records like ``values``, and what fills each ``%s``.

        The block formatter runs once over placeholder terms; each placeholder leaves a
        marker ``<_MARK><index><_MARK>`` in the text.
        """
        slots = list(values)
        slots[_EV_DIGEST] = _MARK + str(_EV_DIGEST) + _MARK
        for i in _EV_TERMS:
            if values[i] is not None:
                if i in _EV_RAW_LITERALS:
                    slots[i] = (_MARK + str(i) + _MARK, values[i][1])
                else:
                    slots[i] = _Slot(i, type(values[i]) is str)

        def iri(o):
            return o.marker if type(o) is _Slot else self.iri(o)

        def lit(o):
            return o.marker if type(o) is _Slot else self.lit(o)

        text = self.sep.join(self.block(s, pairs, iri, lit) for s, pairs in _expand_evidence(tuple(slots)))
        pieces = text.split(_MARK)  # text, index, text, index, ..., text
        fmt = "".join(piece.replace("%", "%%") if k % 2 == 0 else "%s" for k, piece in enumerate(pieces))
        order = []
        for k in range(1, len(pieces), 2):
            i = int(pieces[k])
            if i == _EV_DIGEST:
                order.append((i, str))
            elif i in _EV_RAW_LITERALS:
                order.append((i, _lexical))
            else:
                order.append((i, self.iri if type(values[i]) is str else self.lit))
        return fmt, order

    def chunks(self, items):
        out = [self.header]
        sep = ""
        block, record, iri, lit = self.block, self.record, self.iri, self.lit
        with gc_paused():
            for item in items:
                if type(item) is _Evidence:
                    out.append(sep + record(item.values))
                else:
                    out.append(sep + block(item[0], item[1], iri, lit))
                sep = self.sep
                if len(out) >= 20000:
                    yield "".join(out)
                    out.clear()
        out.append(self.footer)
        yield "".join(out)


class _NTriples(_Writer):
    def __init__(self):
        super().__init__()
        self.predicates = {}

    def iri(self, o):
        return "<" + o + ">"

    def lit(self, o):
        if o[1] is None:
            return _quoted(o[0])
        return _quoted(o[0]) + "^^<" + o[1] + ">"

    def block(self, s, pairs, iri, lit):
        subject = iri(s) + " "
        predicates = self.predicates
        lines = []
        for p, o in pairs:
            pt = predicates.get(p)
            if pt is None:
                pt = predicates[p] = "<" + p + "> "
            if type(o) is str or (type(o) is _Slot and o.is_iri):
                obj = iri(o)
            elif type(o) is tuple and o[1] is None:
                obj = _quoted(o[0])
            else:
                obj = lit(o)
            lines.append(subject + pt + obj + " .\n")
        return "".join(lines)


class _Turtle(_Writer):
    def __init__(self, prefix_map, base_iri):
        super().__init__()
        self.compact = _Compactor(prefix_map, base_iri, check_local=True)
        self.vocab = {A: "a"}
        self.header = "".join(f"@prefix {name}: <{ns}> .\n" for name, ns in prefix_map.items()) + "\n"

    def iri(self, o):
        return self.compact(o) or "<" + o + ">"

    def _vocab(self, o):  # predicates and datatypes: few, cached with their final text
        got = self.vocab.get(o)
        if got is None:
            got = self.vocab[o] = self.iri(o)
        return got

    def lit(self, o):
        lex, dt = o
        if dt is None:
            return _quoted(lex)
        bare = _TURTLE_BARE.get(dt)
        if bare is not None and bare.fullmatch(lex):
            return lex
        return _quoted(lex) + "^^" + self._vocab(dt)

    def block(self, s, pairs, iri, lit):
        vocab = self.vocab
        lines = [iri(s)]
        prev = None
        for p, o in pairs:
            if type(o) is str or (type(o) is _Slot and o.is_iri):
                obj = iri(o)
            elif type(o) is tuple and o[1] is None:
                obj = _quoted(o[0])
            else:
                obj = lit(o)
            if p == prev:
                lines.append(", " + obj)
            else:
                pn = vocab.get(p) or self._vocab(p)
                lines.append((" ;\n    " if prev is not None else " ") + pn + " " + obj)
                prev = p
        lines.append(" .\n\n")
        return "".join(lines)


class _JsonLd(_Writer):
    """Flat JSON-LD: ``{"@context": {prefixes}, "@graph": [one node object per line]}``.

    Node objects are assembled as text (IRIs need no JSON escaping: we minted or sanitised
    them all), keys are compact IRIs, plain strings are JSON strings and typed literals
    ``{"@value", "@type"}`` objects, so the JSON-LD → RDF mapping is exact.
    """

    sep = ",\n"
    footer = "\n]\n}\n"

    def __init__(self, prefix_map, base_iri):
        super().__init__()
        self.compact = _Compactor(prefix_map, base_iri, check_local=False)
        self.keys = {}
        self.header = '{\n"@context": ' + json.dumps(prefix_map, indent=1) + ',\n"@graph": [\n'
        self.string = json.encoder.encode_basestring  # the C encoder, ensure_ascii=False

    def iri(self, o):
        return '"' + (self.compact(o) or o) + '"'

    def lit(self, o):
        if o[1] is None:
            return self.string(o[0])
        return '{"@value":' + self.string(o[0]) + ',"@type":' + self.iri(o[1]) + "}"

    def block(self, s, pairs, iri, lit):
        string = self.string
        types = []
        props = {}
        for p, o in pairs:
            if p == A:
                types.append(iri(o))
                continue
            if type(o) is str or (type(o) is _Slot and o.is_iri):
                value = '{"@id":' + iri(o) + "}"
            elif type(o) is tuple and o[1] is None:
                value = string(o[0])
            else:
                value = lit(o)
            have = props.get(p)
            if have is None:
                props[p] = [value]
            else:
                have.append(value)
        parts = ['{"@id":' + iri(s)]
        if types:
            parts.append('"@type":' + (types[0] if len(types) == 1 else "[" + ",".join(types) + "]"))
        keys = self.keys
        for p, values in props.items():
            key = keys.get(p)
            if key is None:
                key = keys[p] = self.iri(p) + ":"
            parts.append(key + (values[0] if len(values) == 1 else "[" + ",".join(values) + "]"))
        return ",".join(parts) + "}"


def _chunks(G, fmt, base_iri):
    if fmt not in RDF_FORMATS:
        raise KgError(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}")
    base = _check_base(base_iri)
    if fmt == "nt":
        writer = _NTriples()
    elif fmt == "turtle":
        writer = _Turtle(prefixes(base), base)
    else:
        writer = _JsonLd(prefixes(base), base)
    return writer.chunks(_items(G, base))


def serialize(G, *, fmt="turtle", base_iri=DEFAULT_BASE_IRI):
    """Return the RDF text of ``G`` in ``fmt`` (one of :data:`RDF_FORMATS`)."""
    return "".join(_chunks(G, fmt, base_iri))


def format_for_path(path):
    """The format that the suffix of ``path`` names (``.ttl``, ``.nt``, ``.jsonld``), else None."""
    suffix = Path(path).suffix.lower()
    return next((fmt for fmt, ext in RDF_FORMATS.items() if suffix == ext), None)


def write_rdf(G, path, *, fmt="turtle", base_iri=DEFAULT_BASE_IRI):
    """Write ``G`` as RDF to ``path`` in ``fmt`` (``"turtle"``, ``"nt"``, ``"jsonld"``; None: from the suffix).

    The text is streamed (no rdflib serializer), so 50,000 papers take seconds; the file is
    replaced atomically.
    """
    if fmt is None:
        fmt = format_for_path(path) or "turtle"
    chunks = _chunks(G, fmt, base_iri)  # validates fmt and base before a file is touched
    with atomic_write(path) as fh:
        for chunk in chunks:
            fh.write(chunk)
    return Path(path)
