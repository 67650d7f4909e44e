"""The RDF export: vocabulary, valid IRIs, formats that parse in two parsers, SHACL, determinism."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib import namespace as ns

from kg.errors import KgError
from kg.export import rdf
from kg.export.rdf import DEFAULT_BASE_IRI, RDF_FORMATS, parse_number, serialize, to_rdf, write_rdf
from kg.export import vocab
from kg.graph import build_graph
from kg.model import Mention, Paper

# Namespaces are fetched here rather than imported: pytest probes module globals during
# collection, and rdflib's open namespaces warn on every unknown attribute.
DCTERMS, RDF, RDFS, SKOS = ns.DCTERMS, ns.RDF, ns.RDFS, ns.SKOS
XSD_DECIMAL = ns.XSD.decimal
KG, LPWC, MLS, OA = vocab.KG, vocab.LPWC, vocab.MLS, vocab.OA
EXPORT = Path(rdf.__file__).parent
OX_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
RDFLIB_FORMAT = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}
# Characters an IRI may not contain (RFC 3987 / N-Triples IRIREF)
BAD_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def mention(paper, text, label, entity_id, *, proposed=False, value=None, value_dataset=None,
            field="abstract", source="gazetteer", confidence=0.9):
    """A mention of the first occurrence of ``text``, its sentence being the text up to the next full stop."""
    body = paper.field_text(field)
    start = body.index(text)
    s0 = body.rfind(". ", 0, start)
    s0 = 0 if s0 < 0 else s0 + 2
    s1 = body.find(".", start + len(text))
    s1 = len(body) if s1 < 0 else s1 + 1
    return Mention(text=text, label=label, start=start, end=start + len(text), field=field, canonical=text,
                   entity_id=entity_id, sentence_start=s0, sentence_end=s1, source=source,
                   confidence=confidence, proposed=proposed, value=value, value_dataset=value_dataset)


def hostile_papers():
    """Two papers whose titles, keys, entity names and values stress escaping and IRIs."""
    p1 = Paper(
        key="arxiv-2101.00001",
        title='We "propose" <BERT++> \U0001F600 with a\nnewline & a tab\t',
        abstract="We propose BERT++. It reaches 71.8% accuracy on SQuAD v2 and beats BERT. Speed is 2.7/1.0 of before.",
        arxiv_id="2101.00001", url='http://example.org/a b"<c>', date="2021-01-04",
        authors=("Ann O'Neil", "Bö Ü \\ back"), sources=["in.jsonl:1"], input_id="id with space",
    )
    p1.mentions += [
        mention(p1, "BERT++", "Method", "method:bert++", proposed=True),
        mention(p1, "SQuAD v2", "Dataset", 'dataset:squad v2 "<x>"'),
        mention(p1, "accuracy", "Metric", "metric:accuracy", value="71.8%", value_dataset='dataset:squad v2 "<x>"'),
        mention(p1, "BERT", "Method", "method:bert"),
        mention(p1, "Speed", "Metric", "metric:speed", value="2.7/1.0"),
    ]
    p2 = Paper(key="weird key/..", title="", abstract="Using BERT++ for Fragen-Antworten 質問応答 ✨; 4 times faster.\\ \x00\r",
               sources=["in.jsonl:2"])
    p2.mentions += [
        mention(p2, "BERT++", "Method", "method:bert++"),
        mention(p2, "Fragen-Antworten 質問応答 ✨", "Task", "task:質問応答 ✨\nnext line"),
        mention(p2, "4 times", "Metric", "metric:speed", value="4 times", source="pattern", confidence=0.5),
    ]
    return [p1, p2]


@pytest.fixture(scope="module")
def G():
    return build_graph(hostile_papers(), pipeline="test-pipeline/1")


@pytest.fixture(scope="module")
def graph(G):
    return to_rdf(G)


def ox_triples(text, fmt):
    """The triples pyoxigraph parses from ``text``, as comparable strings."""
    return {str(t) for t in ox.parse(text.encode("utf-8"), OX_FORMAT[fmt])}


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_each_format_parses_in_rdflib_and_pyoxigraph_to_the_same_graph(G, graph, fmt):
    text = serialize(G, fmt=fmt)
    parsed = rdflib.Graph().parse(data=text, format=RDFLIB_FORMAT[fmt])
    assert len(parsed) == len(graph) > 100
    assert isomorphic(parsed, graph)
    assert ox_triples(text, fmt) == ox_triples(serialize(G, fmt="nt"), "nt")
    assert len(ox_triples(text, fmt)) == len(graph)


def test_jsonld_has_a_context_with_the_prefixes(G):
    doc = json.loads(serialize(G, fmt="jsonld"))
    assert doc["@context"]["schema"] == "https://schema.org/"
    assert doc["@context"]["paper"] == DEFAULT_BASE_IRI + "paper/"
    paper = next(n for n in doc["@graph"] if n["@id"] == "paper:arxiv-2101.00001")
    assert paper["@type"] == ["schema:ScholarlyArticle", "lpwcc:paper"]
    assert paper["dcterms:title"].startswith('We "propose" <BERT++>')


def test_turtle_uses_prefixed_names_and_groups_by_subject(G):
    text = serialize(G, fmt="turtle")
    assert "@prefix lpwc: <https://linkedpaperswithcode.com/property/> ." in text
    assert "paper:arxiv-2101.00001 a schema:ScholarlyArticle, lpwcc:paper ;" in text
    assert "    mls:hasValue 71.8 ;" in text
    assert text.count("paper:arxiv-2101.00001 a ") == 1


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_output_is_byte_identical_whatever_the_insertion_order(G, fmt):
    again = build_graph(list(reversed(hostile_papers())), pipeline="test-pipeline/1")
    shuffled = G.__class__(**G.graph)
    for node in reversed(list(G.nodes)):
        shuffled.add_node(node, **G.nodes[node])
    for u, v, k, d in reversed(list(G.edges(keys=True, data=True))):
        shuffled.add_edge(u, v, key=k, **d)
    first = serialize(G, fmt=fmt)
    assert serialize(G, fmt=fmt) == first
    assert serialize(again, fmt=fmt) == first
    assert serialize(shuffled, fmt=fmt) == first


def test_write_rdf_writes_each_format_and_picks_it_from_the_suffix(G, tmp_path):
    for fmt, suffix in RDF_FORMATS.items():
        path = write_rdf(G, tmp_path / f"g{suffix}", fmt=fmt)
        assert path.read_text(encoding="utf-8") == serialize(G, fmt=fmt)
    write_rdf(G, tmp_path / "guess.nt", fmt=None)
    assert (tmp_path / "guess.nt").read_text(encoding="utf-8") == serialize(G, fmt="nt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.jsonld", "g.nt", "g.ttl", "guess.nt"]  # no temp files


def test_write_rdf_rejects_unknown_format_and_bad_base_without_writing(G, tmp_path):
    with pytest.raises(KgError, match="unknown RDF format 'xml'"):
        write_rdf(G, tmp_path / "g.xml", fmt="xml")
    for base, problem in [("relative/", "not absolute"), ("http://x.org/a b/", "not allowed"), ("http://x.org/kg", "must end")]:
        with pytest.raises(KgError, match=problem):
            write_rdf(G, tmp_path / "g.ttl", base_iri=base)
    assert list(tmp_path.iterdir()) == []


def test_a_graph_that_is_not_a_kg_graph_is_a_kg_error(G):
    H = G.copy()
    H.add_node("thing:x", type="Thing")
    with pytest.raises(KgError, match="'thing:x' has type 'Thing'"):
        to_rdf(H)


# --------------------------------------------------------------------------- IRIs


def test_every_iri_is_valid_ascii_and_under_the_base(graph):
    iris = {t for triple in graph for t in triple if isinstance(t, URIRef)}
    assert not [i for i in iris if BAD_IRI.search(i) or not i.isascii()]
    data = {i for i in iris if i.startswith("https://w3id.org/kg-ml/") and not i.startswith(str(KG))}
    assert URIRef(DEFAULT_BASE_IRI + "paper/weird%20key%2F..") in data
    assert URIRef(DEFAULT_BASE_IRI + "dataset/squad%20v2%20%22%3Cx%3E%22") in data
    assert URIRef(DEFAULT_BASE_IRI + "task/%E8%B3%AA%E5%95%8F%E5%BF%9C%E7%AD%94%20%E2%9C%A8%0Anext%20line") in data
    assert not any(isinstance(t, rdflib.BNode) for triple in graph for t in triple)


def test_entity_iri_escapes_dot_segments_and_rejects_non_ids():
    assert rdf.entity_iri("method:..") == DEFAULT_BASE_IRI + "method/%2E%2E"
    assert rdf.entity_iri("task:a/b#c?d", "http://ex.org/kg#") == "http://ex.org/kg#task/a%2Fb%23c%3Fd"
    with pytest.raises(KgError, match="not a paper or entity id"):
        rdf.entity_iri("nocolon")


def test_input_url_is_made_a_valid_iri(graph):
    paper = URIRef(DEFAULT_BASE_IRI + "paper/arxiv-2101.00001")
    assert graph.value(paper, URIRef("https://schema.org/url")) == URIRef("http://example.org/a%20b%22%3Cc%3E")


def test_base_iri_moves_the_data_but_not_the_vocabulary(G):
    g = to_rdf(G, base_iri="http://example.org/my-kg/")
    papers = set(g.subjects(RDF.type, URIRef("https://schema.org/ScholarlyArticle")))
    assert papers == {URIRef("http://example.org/my-kg/paper/arxiv-2101.00001"),
                      URIRef("http://example.org/my-kg/paper/weird%20key%2F..")}
    assert (None, KG.proposes, None) in g


def test_annotation_and_evaluation_iris_are_content_hashes_stable_across_runs(G):
    g1, g2 = to_rdf(G), to_rdf(build_graph(hostile_papers(), pipeline="test-pipeline/1"))
    anns = sorted(g1.subjects(RDF.type, OA.Annotation))
    assert anns == sorted(g2.subjects(RDF.type, OA.Annotation))
    assert all(re.fullmatch(re.escape(DEFAULT_BASE_IRI) + r"annotation/[0-9a-f]{16}", a) for a in anns)
    assert len(anns) == G.number_of_edges()


# --------------------------------------------------------------------------- vocabulary and content


def test_every_edge_is_a_plain_triple_backed_by_an_annotation(G, graph):
    for u, v, rel, data in G.edges(keys=True, data=True):
        paper, entity = URIRef(rdf.entity_iri(u)), URIRef(rdf.entity_iri(v))
        predicate = rdf.PREDICATE_OF_RELATION[rel]
        assert (paper, predicate, entity) in graph
        [ann] = [a for a in graph.subjects(OA.hasBody, entity)
                 if graph.value(graph.value(a, OA.hasTarget), OA.hasSource) == paper
                 and graph.value(a, KG.supports) == predicate]
        target = graph.value(ann, OA.hasTarget)
        quote = next(s for s in graph.objects(target, OA.hasSelector) if (s, RDF.type, OA.TextQuoteSelector) in graph)
        position = next(s for s in graph.objects(target, OA.hasSelector) if (s, OA.start, None) in graph)
        assert str(graph.value(quote, OA.exact)) == data["evidence"]
        assert str(graph.value(graph.value(quote, OA.refinedBy), OA.exact)) == data["mention"]
        assert graph.value(position, OA.start).toPython() == data["sentence_start"]
        assert graph.value(ann, KG.confidence) == Literal(str(data["confidence"]), datatype=XSD_DECIMAL)


def test_proposed_methods_carry_the_lpwc_inverse(graph):
    method = URIRef(DEFAULT_BASE_IRI + "method/bert%2B%2B")
    assert list(graph.objects(method, LPWC.introducedBy)) == [URIRef(DEFAULT_BASE_IRI + "paper/arxiv-2101.00001")]
    assert (method, RDF.type, KG.Method) in graph and (method, RDF.type, MLS.Algorithm) in graph


def test_entities_have_skos_labels_and_aliases(G, graph):
    G2 = G.copy()
    G2.nodes["method:bert"]["aliases"] = ["BERT-base", "Bidirectional Encoder Representations"]
    g = to_rdf(G2)
    bert = URIRef(DEFAULT_BASE_IRI + "method/bert")
    assert g.value(bert, SKOS.prefLabel) == Literal("BERT") == g.value(bert, RDFS.label)
    assert sorted(map(str, g.objects(bert, SKOS.altLabel))) == ["BERT-base", "Bidirectional Encoder Representations"]
    assert g.value(bert, DCTERMS.identifier) == Literal("method:bert")


def test_reported_values_are_nary_evaluations_with_numbers_only_when_clean(graph):
    rows = {}
    for ev in graph.subjects(RDF.type, MLS.ModelEvaluation):
        value = graph.value(ev, MLS.hasValue)
        rows[str(graph.value(ev, KG.rawValue))] = (value, graph.value(ev, LPWC.hasDataset))
        result = graph.value(ev, LPWC.hasEvaluationResult)
        assert graph.value(result, LPWC.metricValue) == graph.value(ev, KG.rawValue)
    assert rows["71.8%"] == (Literal("71.8", datatype=XSD_DECIMAL),
                             URIRef(DEFAULT_BASE_IRI + "dataset/squad%20v2%20%22%3Cx%3E%22"))
    assert rows["4 times"] == (Literal("4", datatype=XSD_DECIMAL), None)
    assert rows["2.7/1.0"] == (None, None)


@pytest.mark.parametrize("text, number", [
    ("71.8%", "71.8"), ("4 times", "4"), ("2.1", "2.1"), ("-0.5 pp", "-0.5"), ("1,024", "1024"),
    (".5", "0.5"), ("+3x", "3"), ("12.0", "12.0"), ("2.7/1.0", None), ("444M", None), ("71-72%", None), ("", None),
])
def test_parse_number(text, number):
    assert parse_number(text) == number
    if number is not None:
        assert Decimal(number) == Decimal(number.strip())


def test_provenance_names_run_software_version_and_pipeline(graph):
    PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
    [dataset] = graph.subjects(PROV.wasGeneratedBy, None)
    run = graph.value(dataset, PROV.wasGeneratedBy)
    software = graph.value(run, PROV.wasAssociatedWith)
    assert graph.value(run, KG.pipeline) == Literal("test-pipeline/1")
    assert str(graph.value(software, URIRef("https://schema.org/softwareVersion"))) == __import__("kg").__version__


def test_closed_vocabulary_and_ontology_describe_the_same_terms():
    with pytest.raises(AttributeError):
        KG.Methd  # noqa: B018 - a misspelt term fails at once
    onto = rdflib.Graph().parse(EXPORT / "ontology.ttl")
    declared = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(str(KG))}
    ours = {KG[name] for name in KG.__annotations__}
    assert declared == ours
    for term in ours:
        assert onto.value(term, RDFS.label) is not None and onto.value(term, RDFS.comment) is not None, term


def test_used_terms_of_our_vocabulary_are_all_in_the_ontology(graph):
    used = {t for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(str(KG))}
    assert used <= {KG[name] for name in KG.__annotations__}


# --------------------------------------------------------------------------- SHACL


def shacl(data):
    import pyshacl

    shapes = rdflib.Graph().parse(EXPORT / "shapes.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, advanced=True)
    return conforms, text


def test_built_graph_conforms_to_the_shapes(graph):
    conforms, text = shacl(graph)
    assert conforms, text


def test_shapes_catch_a_missing_plain_triple_and_a_bad_confidence(graph):
    broken = rdflib.Graph()
    broken += graph
    broken.remove((None, LPWC.usesDataset, None))
    ann = next(broken.subjects(KG.confidence, None))
    broken.set((ann, KG.confidence, Literal("1.5", datatype=XSD_DECIMAL)))
    conforms, text = shacl(broken)
    assert not conforms
    assert "the plain statement (source, supported predicate, body) is missing" in text
    assert "MaxInclusiveConstraintComponent" in text


@pytest.mark.slow
def test_sample_graph_exports_parse_and_conform():
    import kg
    from kg.graph import paper_nodes

    G = kg.build()
    nt = ox_triples(serialize(G, fmt="nt"), "nt")
    assert len(nt) > 10 * G.number_of_edges()
    for fmt in ("turtle", "jsonld"):
        assert ox_triples(serialize(G, fmt=fmt), fmt) == nt
    # SHACL on the 6 best-connected papers and their entities (pyshacl takes minutes on all of it)
    busiest = sorted(paper_nodes(G), key=lambda n: (-G.out_degree(n), n))[:6]
    sub = G.subgraph(busiest + [v for n in busiest for v in G.successors(n)])
    conforms, report = shacl(to_rdf(sub))
    assert conforms, report


# --------------------------------------------------------------------------- any text at all

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=40), name=st.text(min_size=1, max_size=20), key=st.text(min_size=1, max_size=20))
def test_any_title_entity_name_and_key_give_valid_rdf_in_every_format(title, name, key):
    abstract = f"We evaluate on {name}."
    paper = Paper(key=key, title=title, abstract=abstract)
    paper.mentions.append(mention(paper, name, "Dataset", f"dataset:{name}"))
    G = build_graph([paper])
    nt = serialize(G, fmt="nt")
    expected = ox_triples(nt, "nt")
    assert len(expected) == len(to_rdf(G))
    for fmt in ("turtle", "jsonld"):
        assert ox_triples(serialize(G, fmt=fmt), fmt) == expected
    iris = {t for triple in to_rdf(G) for t in triple if isinstance(t, URIRef)}
    assert not [i for i in iris if BAD_IRI.search(i)]


def test_lone_surrogates_become_replacement_characters():
    G = build_graph([Paper(key="s", title="bad \ud800 text", abstract="")])
    text = serialize(G, fmt="nt")
    text.encode("utf-8")  # would raise on a lone surrogate
    assert '"bad \ufffd text"' in text


def test_evidence_templates_do_not_multiply_with_confidences_offsets_or_texts():
    papers = []
    for i in range(30):
        p = Paper(key=f"k{i}", title="", abstract=f"Sentence {'x' * i} on SetNet{i}.")
        p.mentions.append(mention(p, f"SetNet{i}", "Dataset", f"dataset:setnet{i}", confidence=0.5 + i / 100))
        papers.append(p)
    G = build_graph(papers)
    writer = rdf._Turtle(rdf.prefixes(), DEFAULT_BASE_IRI)
    text = "".join(writer.chunks(rdf._items(G)))
    assert len(writer.templates) == 1
    assert "kg:confidence 0.79 ;" in text
    assert isomorphic(rdflib.Graph().parse(data=text, format="turtle"), to_rdf(G))


def test_output_is_byte_identical_across_processes_with_different_hash_seeds():
    import hashlib
    import os
    import subprocess
    import sys

    code = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]); import test_rdf as t; "
        "from kg.export.rdf import serialize; from kg.graph import build_graph; "
        "G = build_graph(t.hostile_papers(), pipeline='test-pipeline/1'); "
        "print(hashlib.sha256(''.join(serialize(G, fmt=f) for f in ('turtle', 'nt', 'jsonld')).encode()).hexdigest())"
    )
    here = str(Path(__file__).parent)
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.pathsep.join([str(EXPORT.parents[1]), here])}
        out = subprocess.run([sys.executable, "-c", code, here], env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    G = build_graph(hostile_papers(), pipeline="test-pipeline/1")
    ours = "".join(serialize(G, fmt=f) for f in ("turtle", "nt", "jsonld"))
    assert digests == {hashlib.sha256(ours.encode()).hexdigest()}


def test_a_change_is_an_evaluation_with_a_change_value_and_no_measure_value():
    paper = Paper(key="p1", title="", abstract="It improves BLEU by 1.9 on WMT14. It reaches 28.4 BLEU on WMT14.")
    paper.mentions += [
        Mention(text="BLEU", label="Metric", start=12, end=16, field="abstract", canonical="BLEU", entity_id="metric:bleu",
                sentence_start=0, sentence_end=33, source="gazetteer", confidence=0.9, value="1.9",
                value_dataset="dataset:wmt14", change=True),
        mention(paper, "WMT14", "Dataset", "dataset:wmt14"),
        Mention(text="BLEU", label="Metric", start=50, end=54, field="abstract", canonical="BLEU", entity_id="metric:bleu",
                sentence_start=34, sentence_end=63, source="gazetteer", confidence=0.9, value="28.4",
                value_dataset="dataset:wmt14"),
    ]
    g = to_rdf(build_graph([paper]))
    rows = {}
    for ev in g.subjects(RDF.type, MLS.ModelEvaluation):
        rows[str(g.value(ev, KG.rawValue))] = (g.value(ev, KG.isChange), g.value(ev, MLS.hasValue), g.value(ev, KG.changeValue))
    assert rows == {
        "1.9": (Literal(True), None, Literal("1.9", datatype=XSD_DECIMAL)),
        "28.4": (Literal(False), Literal("28.4", datatype=XSD_DECIMAL), None),
    }, rows
