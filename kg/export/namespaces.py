"""The namespace IRIs of the RDF export as plain strings, importable without rdflib.

:mod:`kg.export.vocab` builds its rdflib namespaces from these and :mod:`kg.export.rdf`
mints IRIs with them; :mod:`kg.query` needs only the strings, so ``kg query`` starts without
importing rdflib (about 0.2 s saved per invocation).

>>> prefixes()["lpwc"], prefixes()["paper"]
('https://linkedpaperswithcode.com/property/', 'https://w3id.org/kg-ml/paper/')
"""

__all__ = ["DATA_NAMESPACES", "DEFAULT_BASE_IRI", "KG_NS", "VOCAB_PREFIXES", "data_prefixes", "prefixes"]

#: The namespace IRI of our own vocabulary (fixed: it does not follow ``base_iri``).
KG_NS = "https://w3id.org/kg-ml/vocab#"

#: Prefix -> namespace of every vocabulary the export uses, for Turtle, JSON-LD and queries.
VOCAB_PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "fabio": "http://purl.org/spar/fabio/",
    "kg": KG_NS,
    "lpwc": "https://linkedpaperswithcode.com/property/",
    "lpwcc": "https://linkedpaperswithcode.com/class/",
    "mls": "http://www.w3.org/ns/mls#",
    "oa": "http://www.w3.org/ns/oa#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: Default base of the data IRIs (papers, entities, annotations, ...); override with ``base_iri``.
#: It is the project's own namespace; pass your own base to publish the data under your domain.
DEFAULT_BASE_IRI = "https://w3id.org/kg-ml/"

#: Node-id prefix (and prefix name) -> path segment under the base IRI.
DATA_NAMESPACES = {
    "paper": "paper/",
    "method": "method/",
    "dataset": "dataset/",
    "metric": "metric/",
    "task": "task/",
    "annotation": "annotation/",
    "evaluation": "evaluation/",
}


def data_prefixes(base=DEFAULT_BASE_IRI):
    """Prefix -> namespace of the data IRIs under ``base`` (not checked: see :func:`kg.export.rdf.data_prefixes`)."""
    return {name: base + seg for name, seg in DATA_NAMESPACES.items()}


def prefixes(base=DEFAULT_BASE_IRI):
    """All prefixes of the export (vocabularies and data under ``base``), sorted by name."""
    out = dict(VOCAB_PREFIXES)
    out.update(data_prefixes(base))
    return dict(sorted(out.items()))
