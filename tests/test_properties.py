"""Property-based tests (hypothesis): any input text gives valid, safe outputs.

Arbitrary titles, abstracts and entity names go through ingest, the real extraction
pipeline (one shared :class:`~kg.extract.Extractor`) and every exporter; the Turtle and
N-Triples parse in rdflib and pyoxigraph, IRIs stay valid, the XML files parse and read
back, and the HTML data block stays one inert JSON document. Example counts are modest
so that the suite stays fast.
"""

import csv
import io
import json
import re
import warnings
import xml.dom.minidom

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.export import files
from kg.export.html import to_html
from kg.export.rdf import serialize, to_rdf
from kg.extract import Extractor
from kg.extract.normalize import entity_id
from kg.graph import build_graph
from kg.ingest import read_file
from kg.model import Mention, Paper

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])
BAD_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')
# What ingest replaces: C0/C1 controls (bar tab, newline, CR) by a space; lone surrogates, U+FFFE/U+FFFF by U+FFFD.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
UNENCODABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")

# Text with the characters that break formats: quotes, brackets, backslashes, controls, surrogates, RTL, emoji.
_PIECES = st.one_of(
    st.characters(codec=None),
    st.sampled_from(list("<>&\"'\\`{}|^()[]:;#%/?.\n\r\t\x00\x1b\x85\u2028\u2029\u202e\ufeff\ud800\udfff\uffff")),
    st.sampled_from(["</script>", "<!--", "]]>", '"""', "@prefix", "javascript:", "\U0001F680", "Ωμέγα", "مرحبا"]),
)
nasty = st.lists(_PIECES, max_size=20).map("".join)
# Names the context patterns pick up ("We propose X", "the X dataset"), with hostile characters inside.
names = st.from_regex(r"[A-Z][A-Za-z]{1,5}(?:[-/+.<>\"'&\\]?[A-Z0-9][A-Za-z0-9]{0,4})?", fullmatch=True)


def expected(text):
    return UNENCODABLE.sub("\ufffd", CONTROL.sub(" ", text))


def read_from_json(text):
    """What JSON makes of ``text`` written with ``json.dumps``: a high surrogate escaped right before
    a low one ("\\ud800\\udc00") is one character (U+10000); lone surrogates stay lone."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


@pytest.fixture(scope="module")
def extractor():
    return Extractor(n_process=1)


def _check_exports(G, papers, tmp_path):
    """Every exporter gives valid output for ``G``."""
    nt = serialize(G, fmt="nt")
    turtle = serialize(G, fmt="turtle")
    ox_nt = {str(t) for t in ox.parse(nt.encode("utf-8"), ox.RdfFormat.N_TRIPLES)}
    ox_ttl = {str(t) for t in ox.parse(turtle.encode("utf-8"), ox.RdfFormat.TURTLE)}
    assert ox_nt == ox_ttl and len(ox_nt) == len(to_rdf(G))
    g = rdflib.Graph().parse(data=turtle, format="turtle")
    assert len(g) == len(ox_nt)
    iris = {str(t) for triple in g for t in triple if isinstance(t, rdflib.URIRef)}
    assert not [i for i in iris if BAD_IRI.search(i) or not i.isascii()]
    files.write_gexf(G, tmp_path / "g.gexf")
    xml.dom.minidom.parse(str(tmp_path / "g.gexf"))
    files.write_graphml(G, tmp_path / "g.graphml")
    xml.dom.minidom.parse(str(tmp_path / "g.graphml"))
    H = files.read_graph(tmp_path / "g.graphml")
    assert {n: d.get("title") for n, d in H.nodes(data=True)} == {n: d.get("title") for n, d in G.nodes(data=True)}
    page = to_html(G)
    start = page.index(DATA_OPEN) + len(DATA_OPEN)
    end = page.index("</script>", start)
    json.loads(page[start:end])  # the data block is the whole JSON document
    assert not re.search("[<>\u2028\u2029]", page[start:end])
    for paper in papers:
        record = json.loads(json.dumps(paper.to_record(full=True), ensure_ascii=False))
        for ent in record["entities"]:
            assert record[ent["field"]][ent["start"] : ent["end"]] == ent["text"]


DATA_OPEN = '<script id="kg-data" type="application/json">'


def _title(text):
    """What ingest makes of a title: cleaned, and empty if nothing but spaces is left."""
    text = expected(text)
    return text if text.strip() else ""


@SETTINGS
@given(title=nasty, abstract=nasty, name=names, dataset=names)
@example(title="", abstract="\ud800\udc00", name="AA", dataset="AA")  # a surrogate pair: one character in JSON
def test_any_text_through_ingest_extraction_and_every_export(tmp_path, extractor, title, abstract, name, dataset):
    assume((title + abstract).strip())
    path = tmp_path / "p.jsonl"
    text = f"{abstract} We propose {name}. It is evaluated on the {dataset} dataset in terms of accuracy."
    path.write_text(json.dumps({"id": "p", "title": title, "abstract": text}) + "\n", encoding="ascii")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        papers = list(read_file(path))
    assert [(p.title, p.abstract) for p in papers] == [(_title(read_from_json(title)), expected(read_from_json(text)))]
    papers = list(extractor.extract(papers))
    _check_exports(build_graph(papers, pipeline="test"), papers, tmp_path)


@SETTINGS
@given(names=st.lists(nasty.filter(str.strip), min_size=1, max_size=4), title=nasty)
def test_any_entity_name_gives_valid_exports(tmp_path, names, title):
    abstract = " ; ".join(expected(n) for n in names)
    paper = Paper(key="p", title=expected(title), abstract=abstract)
    offset = 0
    for label, name in zip(["Method", "Dataset", "Metric", "Task"], names):
        name = expected(name)
        paper.mentions.append(Mention(
            text=name, label=label, start=offset, end=offset + len(name), field="abstract", canonical=name,
            entity_id=entity_id(label, name), sentence_start=0, sentence_end=len(abstract), source="test",
            confidence=0.5, proposed=label == "Method", value="1.0" if label == "Metric" else None))
        offset += len(name) + 3
    _check_exports(build_graph([paper], pipeline="test"), [paper], tmp_path)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".dat"]))
def test_any_bytes_give_papers_or_a_kg_error(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"in{suffix}"
    path.write_bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            papers = list(read_file(path))
        except KgError as exc:
            assert str(exc).startswith(str(path)) and "\n" not in str(exc)
            papers = []
        skipped = []
        try:
            kept = list(read_file(path, on_error=skipped.append))
        except KgError:  # a file-level problem (binary, empty, encoding) is not a record to skip
            kept = None
    for paper in papers + (kept or []):
        paper.title.encode("utf-8")
        paper.abstract.encode("utf-8")
        assert not CONTROL.search(paper.title + paper.abstract)


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.tuples(nasty, nasty), min_size=1, max_size=4))
def test_csv_fields_read_back_as_written(tmp_path_factory, rows):
    rows = [(t, a) for t, a in rows if not re.search("[\x00\ud800-\udfff]", t + a)]  # UTF-8 text, not binary
    assume(rows and all(expected(t + a).strip() for t, a in rows))
    path = tmp_path_factory.mktemp("csv") / "in.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL)
        writer.writerow(["title", "abstract"])
        writer.writerows(rows)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        papers = list(read_file(path))

    def lines(text):  # universal newlines: CR LF and CR end a line as LF does
        return expected(text.replace("\r\n", "\n").replace("\r", "\n"))

    assert [(p.title, p.abstract) for p in papers] == [(_title(lines(t)), lines(a)) for t, a in rows]
