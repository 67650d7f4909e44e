"""``kg query``: SPARQL on pyoxigraph, the store cache beside the graph file, errors, the docs queries."""

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

import kg.query as kq
from kg.cli import cli
from kg.errors import KgError
from kg.export.rdf import write_rdf
from kg.graph import build_graph
from kg.model import Paper
from test_rdf import mention

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ROOT / "docs" / "queries").glob("*.rq"))
NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("integer", "decimal", "double", "float", "nonNegativeInteger")}


def corpus():
    """Five papers on which every docs/queries/*.rq query has rows."""
    texts = [
        ("Deep Residual Learning", "We propose ResNet. ResNet reaches 76.1% accuracy on ImageNet. "
         "We also test on CIFAR-10 for image classification."),
        ("Deep Networks Always Grok and Here is Why", "We use ResNet on ImageNet and CIFAR-10. Accuracy is 80.2% on ImageNet. "
         "This addresses image classification."),
        ("Detection With Residuals", "We use ResNet and a CNN on CIFAR-10 and ImageNet for object detection."),
        ("Vision Transformers", "We propose ViT, tested on ImageNet with a speedup of 2.7/1.0 over the CNN."),
        ("Detecting Objects", "We use a CNN on CIFAR-100 and COCO. It reaches 41.0 mAP on COCO."),
    ]
    papers = [Paper(key=f"p{i}", title=t, abstract=a, sources=[f"in.jsonl:{i}"]) for i, (t, a) in enumerate(texts, 1)]
    p1, p2, p3, p4, p5 = papers
    p1.mentions += [mention(p1, "ResNet", "Method", "method:resnet", proposed=True),
                    mention(p1, "ImageNet", "Dataset", "dataset:imagenet"),
                    mention(p1, "accuracy", "Metric", "metric:accuracy", value="76.1%", value_dataset="dataset:imagenet"),
                    mention(p1, "CIFAR-10", "Dataset", "dataset:cifar-10"),
                    mention(p1, "image classification", "Task", "task:image-classification")]
    p2.mentions += [mention(p2, "ResNet", "Method", "method:resnet"),
                    mention(p2, "ImageNet", "Dataset", "dataset:imagenet"),
                    mention(p2, "CIFAR-10", "Dataset", "dataset:cifar-10"),
                    mention(p2, "Accuracy", "Metric", "metric:accuracy", value="80.2%", value_dataset="dataset:imagenet"),
                    mention(p2, "image classification", "Task", "task:image-classification")]
    p3.mentions += [mention(p3, "ResNet", "Method", "method:resnet"),
                    mention(p3, "CNN", "Method", "method:cnn"),
                    mention(p3, "CIFAR-10", "Dataset", "dataset:cifar-10"),
                    mention(p3, "ImageNet", "Dataset", "dataset:imagenet"),
                    mention(p3, "object detection", "Task", "task:object-detection")]
    p4.mentions += [mention(p4, "ViT", "Method", "method:vit", proposed=True),
                    mention(p4, "ImageNet", "Dataset", "dataset:imagenet"),
                    mention(p4, "speedup", "Metric", "metric:speedup", value="2.7/1.0", value_dataset="dataset:imagenet"),
                    mention(p4, "CNN", "Method", "method:cnn")]
    p5.mentions += [mention(p5, "CNN", "Method", "method:cnn"),
                    mention(p5, "CIFAR-100", "Dataset", "dataset:cifar-100"),
                    mention(p5, "COCO", "Dataset", "dataset:coco"),
                    mention(p5, "mAP", "Metric", "metric:map", value="41.0", value_dataset="dataset:coco")]
    gazetteer = {"method:resnet": {"canonical": "ResNet",
                                   "aliases": ["ResNets", "residual network", "residual networks", "Resnet", "deep residual network"]}}
    return build_graph(papers, pipeline="test", gazetteer=gazetteer)


@pytest.fixture(scope="module")
def G():
    return corpus()


@pytest.fixture
def ttl(G, tmp_path):
    return write_rdf(G, tmp_path / "graph.ttl")


def state(path):
    return json.loads((kq.cache_dir(path) / "state.json").read_text())


def stores(path):
    return sorted(p.name for p in kq.cache_dir(path).iterdir() if p.is_dir())


# --------------------------------------------------------------------------- answers and formats


def test_table_csv_and_json(ttl):
    q = "SELECT ?name ?n WHERE { ?d a kg:Dataset ; skos:prefLabel ?name ; lpwc:numberPapers ?n FILTER (?n > 1) } ORDER BY ?name"
    assert kq.run_query(ttl, q) == (
        "name     | n\n"
        "---------+--\n"
        "CIFAR-10 | 3\n"
        "ImageNet | 4\n"
        "(2 rows)\n"
    )
    assert kq.run_query(ttl, q, "csv") == "name,n\r\nCIFAR-10,3\r\nImageNet,4\r\n"
    doc = json.loads(kq.run_query(ttl, q, "json"))
    assert doc["head"] == {"vars": ["name", "n"]}
    assert doc["results"]["bindings"][1] == {
        "name": {"type": "literal", "value": "ImageNet"},
        "n": {"type": "literal", "value": "4", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
    }


def test_table_shortens_iris_and_ask_and_construct_work(ttl):
    out = kq.run_query(ttl, "SELECT ?m WHERE { ?m lpwc:introducedBy paper:p1 }")
    assert out.splitlines()[2] == "method:resnet"
    assert json.loads(kq.run_query(ttl, "ASK { paper:p1 kg:proposes method:resnet }", "json")) == {"head": {}, "boolean": True}
    assert kq.run_query(ttl, "ASK { paper:p2 kg:proposes method:resnet }").splitlines()[2] == "false"
    names, rows = kq.query_rows(ttl, "CONSTRUCT { ?p kg:proposes ?m } WHERE { ?p kg:proposes ?m }")
    assert names == ["subject", "predicate", "object"]
    assert sorted(rows) == [
        ("https://w3id.org/kg-ml/paper/p1", "https://w3id.org/kg-ml/vocab#proposes", "https://w3id.org/kg-ml/method/resnet"),
        ("https://w3id.org/kg-ml/paper/p4", "https://w3id.org/kg-ml/vocab#proposes", "https://w3id.org/kg-ml/method/vit"),
    ]


@pytest.mark.parametrize("suffix", [".nt", ".jsonld"])
def test_other_rdf_formats_are_queried_alike(G, tmp_path, ttl, suffix):
    other = write_rdf(G, tmp_path / f"graph{suffix}", fmt=None)
    q = "SELECT ?t WHERE { ?p lpwc:usesDataset/skos:prefLabel 'CIFAR-10' ; dcterms:title ?t } ORDER BY ?t"
    assert kq.query_rows(other, q) == kq.query_rows(ttl, q)
    assert len(kq.query_rows(other, q)[1]) == 3


# --------------------------------------------------------------------------- the store cache


def test_first_query_builds_the_cache_and_later_ones_reuse_it_without_hashing(ttl, monkeypatch):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    first = kq.query_rows(ttl, q)
    st = state(ttl)
    assert st["size"] == ttl.stat().st_size and st["store"] == stores(ttl)[0] == "store-" + st["sha256"][:16]

    def boom(*args):
        raise AssertionError("should not be called")

    monkeypatch.setattr(kq, "_build_store", boom)
    monkeypatch.setattr(kq, "_sha256", boom)
    assert kq.query_rows(ttl, q) == first


def test_a_touched_but_unchanged_file_is_rehashed_not_reloaded(ttl, monkeypatch):
    kq.query_rows(ttl, "ASK {}")
    old = state(ttl)
    os.utime(ttl, ns=(old["mtime_ns"] + 10**9, old["mtime_ns"] + 10**9))
    monkeypatch.setattr(kq, "_build_store", lambda *a: (_ for _ in ()).throw(AssertionError("rebuilt")))
    assert kq.query_rows(ttl, "ASK { paper:p1 ?p ?o }")[1] == [("true",)]
    assert state(ttl)["mtime_ns"] == old["mtime_ns"] + 10**9


def test_a_changed_file_gets_a_new_store_and_the_old_one_goes(G, ttl):
    q = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle }"
    assert kq.query_rows(ttl, q)[1] == [("5",)]
    old = stores(ttl)
    crashed, running = kq.cache_dir(ttl) / "tmp-1-dead", kq.cache_dir(ttl) / "tmp-2-busy"
    crashed.mkdir(), running.mkdir()
    os.utime(crashed, (0, 0))  # left by a build killed long ago
    write_rdf(G.subgraph(["paper:p1", "method:resnet"]), ttl)
    assert kq.query_rows(ttl, q)[1] == [("1",)]
    assert len([s for s in stores(ttl) if s.startswith("store-")]) == 1 and stores(ttl)[0] != old[0]
    assert "tmp-2-busy" in stores(ttl) and "tmp-1-dead" not in stores(ttl)


def test_without_a_writable_cache_directory_the_file_is_read_into_memory(ttl):
    kq.cache_dir(ttl).write_text("in the way")  # a file where the directory would go
    assert kq.query_rows(ttl, "SELECT ?t WHERE { paper:p1 dcterms:title ?t }")[1] == [("Deep Residual Learning",)]
    assert kq.query_rows(ttl, "ASK { ?s ?p ?o }", cache=False)[1] == [("true",)]


def test_an_output_directory_means_its_graph_file(ttl):
    assert kq.query_rows(ttl.parent, "ASK { paper:p1 ?p ?o }")[1] == [("true",)]
    assert kq.cache_dir(ttl).is_dir()


def test_cache_false_leaves_no_directory(ttl):
    kq.run_query(ttl, "ASK {}", cache=False)
    assert not kq.cache_dir(ttl).exists()


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("sparql, message", [
    ("SELECT ?x WHERE {\n  ?x ?y }", "malformed SPARQL query at line 2, column 10"),
    ("SELEC ?x", "malformed SPARQL query at line 1, column"),
    ("SELECT ?x WHERE { ?x foo:bar ?y }", "undeclared prefix 'foo:'"),
    ("   ", "empty SPARQL query"),
])
def test_malformed_query_is_a_kg_error_naming_the_problem(ttl, sparql, message):
    with pytest.raises(KgError, match=message):
        kq.run_query(ttl, sparql)


def test_missing_unknown_or_unparseable_graph_file_is_a_kg_error(tmp_path):
    with pytest.raises(KgError, match="graph file not found; run `kg build` first"):
        kq.run_query(tmp_path / "nope.ttl", "ASK {}")
    (tmp_path / "g.xml").write_text("<rdf/>")
    with pytest.raises(KgError, match="cannot tell the RDF format"):
        kq.run_query(tmp_path / "g.xml", "ASK {}")
    (tmp_path / "graph.json").write_text("{}")
    with pytest.raises(KgError, match="graph.json: this is the NetworkX graph, not RDF"):
        kq.run_query(tmp_path / "graph.json", "ASK {}")
    with pytest.raises(KgError, match="no graph.ttl, graph.nt, graph.jsonld here"):
        kq.run_query(tmp_path, "ASK {}")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b \"unterminated .\n")
    with pytest.raises(KgError, match=r"bad.ttl: cannot parse the graph file \(.*line 2"):
        kq.run_query(bad, "ASK {}")
    assert not [p for p in kq.cache_dir(bad).iterdir() if p.name.startswith(("store-", "tmp-"))]


def test_unknown_output_format_is_a_kg_error(ttl):
    with pytest.raises(KgError, match="unknown output format 'xml'"):
        kq.run_query(ttl, "ASK {}", "xml")


# --------------------------------------------------------------------------- the docs queries


def _cell(term):
    """A comparable value from an rdflib or pyoxigraph term (numbers compared as numbers)."""
    if term is None:
        return None
    if isinstance(term, (rdflib.URIRef, ox.NamedNode)):
        return ("iri", str(term) if isinstance(term, rdflib.URIRef) else term.value)
    if isinstance(term, rdflib.Literal):
        value, datatype = str(term), str(term.datatype or "")
    else:
        value, datatype = term.value, term.datatype.value
    return Decimal(value) if datatype in NUMERIC else value


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_docs_query_gives_the_same_rows_in_rdflib_and_pyoxigraph(G, ttl, path):
    sparql = path.read_text(encoding="utf-8")
    names, rows = kq.query_terms(ttl, sparql)
    expected = rdflib.Graph().parse(ttl).query(sparql)
    assert names == [str(v) for v in expected.vars]
    ours = [tuple(_cell(t) for t in row) for row in rows]
    theirs = [tuple(_cell(t) for t in row) for row in expected]
    assert ours and ours == theirs


def test_there_are_at_least_eight_docs_queries_each_documented():
    doc = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(QUERIES) >= 8
    for path in QUERIES:
        assert f"docs/queries/{path.name}" in doc, path.name


# --------------------------------------------------------------------------- the command


def test_cli_query_from_argument_and_file(ttl, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["query", str(ttl), "SELECT ?t WHERE { paper:p4 dcterms:title ?t }", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"t\r\nVision Transformers\r\n"  # SPARQL CSV ends lines with CRLF
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?n WHERE { method:resnet lpwc:numberPapers ?n }")
    result = runner.invoke(cli, ["query", str(ttl), "-f", str(rq)])
    assert result.exit_code == 0, result.output
    assert result.output == "n\n-\n3\n(1 row)\n"


def test_cli_query_errors_are_one_line_messages(ttl):
    runner = CliRunner()
    result = runner.invoke(cli, ["query", str(ttl), "SELECT ?x WHERE { ?x ?y }"])
    assert result.exit_code == 1
    assert "Error: malformed SPARQL query at line 1, column" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(cli, ["query", str(ttl)])
    assert result.exit_code == 1 and "give either a SPARQL query or -f FILE" in result.output


def test_kg_query_imports_neither_rdflib_nor_networkx_nor_spacy():
    # each would add 0.1-0.5 s to every `kg query` process
    code = "import sys, kg.cli, kg.query; print(sorted(m for m in ('rdflib', 'networkx', 'spacy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out == "[]\n"


def test_the_plain_namespace_strings_are_rdflibs():
    from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD

    from kg.export.namespaces import VOCAB_PREFIXES
    from kg.export.vocab import FABIO, KG, LPWC, LPWCC, MLS, OA

    ours = {"dcat": DCAT, "dcterms": DCTERMS, "fabio": FABIO, "kg": KG, "lpwc": LPWC, "lpwcc": LPWCC, "mls": MLS,
            "oa": OA, "owl": OWL, "prov": PROV, "rdf": RDF, "rdfs": RDFS, "schema": SDO, "sh": SH, "skos": SKOS, "xsd": XSD}
    assert VOCAB_PREFIXES == {name: str(ns) for name, ns in ours.items()}


def test_number_papers_counts_the_papers_linked_to_the_entity(ttl):
    # docs queries 2, 3, 4, 6 and 9 read lpwc:numberPapers instead of counting links
    sparql = """SELECT ?e ?n (COUNT(DISTINCT ?paper) AS ?linked) WHERE {
      ?e lpwc:numberPapers ?n .
      ?paper lpwc:usesDataset|lpwc:hasTask|kg:reportsMetric|lpwc:hasMethod|kg:proposes ?e .
    } GROUP BY ?e ?n"""
    _, rows = kq.query_rows(ttl, sparql)
    assert len(rows) >= 10 and all(int(n) == int(linked) for _, n, linked in rows)
