"""The RDF vocabularies of the export: our own closed ``KG`` namespace and the outside terms we reuse.

Every term is an attribute of a :class:`rdflib.namespace.DefinedNamespace` with ``_fail = True``,
so a misspelt term raises at import time instead of silently minting a new IRI. Outside
vocabularies that rdflib does not ship (Web Annotation, ML-Schema, Linked Papers With Code,
FaBiO) are declared here too, restricted to the terms the export uses.
Every ``KG`` term is described (``rdfs:label``, ``rdfs:comment``) in ``kg/export/ontology.ttl``.

>>> KG.Method
rdflib.term.URIRef('https://w3id.org/kg-ml/vocab#Method')
>>> LPWC.usesDataset
rdflib.term.URIRef('https://linkedpaperswithcode.com/property/usesDataset')
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from .namespaces import KG_NS, VOCAB_PREFIXES

__all__ = [
    "FABIO",
    "KG",
    "KG_NS",
    "LPWC",
    "LPWCC",
    "MLS",
    "OA",
    "VOCAB_PREFIXES",
]


class KG(DefinedNamespace):
    """Terms of our own, used only where no reused vocabulary has one (see ontology.ttl)."""

    _fail = True
    _NS = Namespace(KG_NS)

    # Classes
    Method: URIRef  # a machine-learning method, model or architecture named in papers
    Dataset: URIRef  # a data set that papers train or evaluate on
    Metric: URIRef  # an evaluation measure that papers report
    Task: URIRef  # a problem that papers address

    # Statements about papers
    proposes: URIRef  # paper -> method it introduces (inverse of lpwc:introducedBy)
    reportsMetric: URIRef  # paper -> metric it reports
    inputId: URIRef  # the id the input listing gave the paper

    # Entities
    inGazetteer: URIRef  # whether the entity is a curated gazetteer entry

    # Evidence (Web Annotations)
    supports: URIRef  # annotation -> the predicate of the plain statement it backs
    confidence: URIRef  # annotation -> extraction confidence in [0, 1]
    mentionCount: URIRef  # annotation -> how many mentions back the statement
    extractedBy: URIRef  # annotation -> pipeline component that found the first mention
    field: URIRef  # specific resource -> which text field of the paper the selectors address

    # Evaluations
    rawValue: URIRef  # evaluation -> the reported value exactly as written ("71.8%")
    isChange: URIRef  # evaluation -> whether the value is a change against a baseline, not a score
    changeValue: URIRef  # evaluation -> the number of a change ("by 1.9 BLEU" -> 1.9)

    # Provenance
    pipeline: URIRef  # run -> identifier of the extraction pipeline


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary (https://www.w3.org/TR/annotation-vocab/), terms we use."""

    _fail = True
    _NS = Namespace(VOCAB_PREFIXES["oa"])

    Annotation: URIRef
    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    Motivation: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    refinedBy: URIRef
    motivatedBy: URIRef
    identifying: URIRef
    exact: URIRef
    start: URIRef
    end: URIRef


class MLS(DefinedNamespace):
    """W3C ML-Schema (http://www.w3.org/ns/mls#), terms we use."""

    _fail = True
    _NS = Namespace(VOCAB_PREFIXES["mls"])

    Algorithm: URIRef
    Dataset: URIRef
    Task: URIRef
    EvaluationMeasure: URIRef
    ModelEvaluation: URIRef
    specifiedBy: URIRef
    hasValue: URIRef


class LPWC(DefinedNamespace):
    """Linked Papers With Code properties (https://linkedpaperswithcode.com/property/), terms we use."""

    _fail = True
    _NS = Namespace(VOCAB_PREFIXES["lpwc"])

    hasMethod: URIRef
    usesDataset: URIRef
    hasTask: URIRef
    introducedBy: URIRef
    hasEvaluation: URIRef
    hasDataset: URIRef
    hasEvaluationResult: URIRef
    metricName: URIRef
    metricValue: URIRef
    numberPapers: URIRef
    creatorName: URIRef


class LPWCC(DefinedNamespace):
    """Linked Papers With Code classes (https://linkedpaperswithcode.com/class/), terms we use."""

    _fail = True
    _NS = Namespace(VOCAB_PREFIXES["lpwcc"])

    paper: URIRef
    method: URIRef
    dataset: URIRef
    task: URIRef
    evaluation: URIRef
    evaluationresult: URIRef


class FABIO(DefinedNamespace):
    """FaBiO (http://purl.org/spar/fabio/), as Linked Papers With Code uses it for arXiv ids."""

    _fail = True
    _NS = Namespace(VOCAB_PREFIXES["fabio"])

    hasArXivID: URIRef
