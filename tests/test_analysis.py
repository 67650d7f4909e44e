"""Tests of kg.analysis on a hand-made graph, and the doctests of kg/analysis.py and of README.md."""

import copy
import doctest
import functools
from pathlib import Path

import networkx as nx
import pytest

from kg import analysis as A
from kg.errors import KgError
from kg.graph import build_graph
from kg.model import Mention, Paper

ROOT = Path(__file__).resolve().parent.parent

# key: (date, [(label, entity id, surface text, proposed, metric value, value's dataset)])
TOY = {
    "p1": ("2020-05-01", [
        ("Method", "method:bert", "BERT", True, None, None),
        ("Dataset", "dataset:squad", "SQuAD", False, None, None),
        ("Metric", "metric:f1", "F1", False, "93.2", "dataset:squad"),
        ("Task", "task:qa", "question answering", False, None, None),
    ]),
    "p2": ("2021", [
        ("Method", "method:bert", "BERT", False, None, None),
        ("Method", "method:gpt-2", "GPT-2", False, None, None),
        ("Dataset", "dataset:squad", "SQuAD", False, None, None),
        ("Dataset", "dataset:glue", "GLUE", False, None, None),
        ("Metric", "metric:accuracy", "accuracy", False, None, None),
        ("Task", "task:qa", "question answering", False, None, None),
    ]),
    "p3": ("2021-03-02", [
        ("Method", "method:resnet", "ResNet", False, None, None),
        ("Dataset", "dataset:imagenet", "ImageNet", False, None, None),
        ("Metric", "metric:accuracy", "accuracy", False, "76.1", None),
        ("Task", "task:image-classification", "image classification", False, None, None),
    ]),
    "p4": (None, [
        ("Method", "method:resnet", "ResNet", False, None, None),
        ("Method", "method:bert", "bert-base", False, None, None),
        ("Dataset", "dataset:imagenet", "ImageNet", False, None, None),
    ]),
    "p5": ("2022", []),
}
NAMES = {
    "method:bert": "BERT", "method:gpt-2": "GPT-2", "method:resnet": "ResNet",
    "dataset:squad": "SQuAD", "dataset:glue": "GLUE", "dataset:imagenet": "ImageNet",
    "metric:f1": "F1", "metric:accuracy": "accuracy",
    "task:qa": "question answering", "task:image-classification": "image classification",
}


def toy_papers(keys=None):
    """The toy corpus as Paper records with valid mention offsets."""
    out = []
    for key in keys or TOY:
        date, mentions = TOY[key]
        abstract = "We study " + ", ".join(m[2] for m in mentions) + "." if mentions else "Nothing here."
        paper = Paper(key=key, title=f"Paper {key.upper()}", abstract=abstract, date=date,
                      authors=("A. Author", "B. Author"), sources=[f"toy.txt:{key[1]}"])
        for label, eid, text, proposed, value, value_dataset in mentions:
            start = abstract.index(text)
            paper.mentions.append(Mention(
                text=text, label=label, start=start, end=start + len(text), field="abstract",
                canonical=NAMES[eid], entity_id=eid, sentence_start=0, sentence_end=len(abstract),
                source="gazetteer", confidence=0.9, proposed=proposed, value=value,
                value_dataset=value_dataset,
            ))
        out.append(paper)
    return out


def toy_graph(keys=None):
    """The toy knowledge graph (shared with test_report.py and test_roundtrip.py)."""
    return build_graph(toy_papers(keys), name="toy", pipeline="toy-pipeline")


@functools.cache
def _sample_graph():
    from kg.api import build  # not kg.build, which cached_build replaces

    return build()


def sample_graph():
    """A copy of the graph of the bundled sample corpus, built once per test session."""
    return copy.deepcopy(_sample_graph())


@pytest.fixture
def G():
    return toy_graph()


def test_papers_and_entities(G):
    assert A.papers(G) == ["paper:p1", "paper:p2", "paper:p3", "paper:p4", "paper:p5"]
    assert A.papers(G, "method:resnet") == ["paper:p3", "paper:p4"]
    assert A.papers(G, "bert") == ["paper:p1", "paper:p2", "paper:p4"]  # name, any case
    assert A.entities(G, "Dataset") == ["dataset:glue", "dataset:imagenet", "dataset:squad"]
    assert A.entities(G, ["Metric", "Task"], paper="paper:p3") == [
        "metric:accuracy", "task:image-classification"]
    assert len(A.entities(G)) == 10
    assert A.entities(G, paper="Paper P5") == []  # a paper by its title


def test_summary(G):
    assert A.summary(G) == {
        "name": "toy",
        "papers": 5,
        "entities": {"Method": 3, "Dataset": 3, "Metric": 2, "Task": 2},
        "edges": {"proposes": 1, "uses": 5, "evaluates_on": 5, "reports": 3, "addresses": 3},
        "years": [2020, 2022],
        "papers_without_entities": 1,
    }


def test_top_entities(G):
    assert A.top_entities(G, "Method") == [
        ("method:bert", "BERT", 3), ("method:resnet", "ResNet", 2), ("method:gpt-2", "GPT-2", 1)]
    # ties (2 papers each) break by id
    assert A.top_entities(G, "Dataset", n=2) == [
        ("dataset:imagenet", "ImageNet", 2), ("dataset:squad", "SQuAD", 2)]
    assert A.top_entities(G, n=1) == [("method:bert", "BERT", 3)]
    assert len(A.top_entities(G, n=None)) == 10


def test_cooccurrence(G):
    assert A.cooccurrence(G, "Method", "Dataset") == {
        ("method:bert", "dataset:squad"): 2,
        ("method:resnet", "dataset:imagenet"): 2,
        ("method:bert", "dataset:glue"): 1,
        ("method:bert", "dataset:imagenet"): 1,
        ("method:gpt-2", "dataset:glue"): 1,
        ("method:gpt-2", "dataset:squad"): 1,
    }
    assert list(A.cooccurrence(G, "Method", "Dataset")) [:2] == [
        ("method:bert", "dataset:squad"), ("method:resnet", "dataset:imagenet")]  # order is by count
    assert A.cooccurrence(G, "Dataset", "Metric", min_count=2) == {}
    assert A.cooccurrence(G, "Method", "Task", min_count=2) == {
        ("method:bert", "task:qa"): 2}
    # one type: unordered pairs, smaller id first
    assert A.cooccurrence(G, "Method", "Method") == {
        ("method:bert", "method:gpt-2"): 1, ("method:bert", "method:resnet"): 1}


def test_entity_projection(G):
    P = A.entity_projection(G, "Method")
    assert type(P) is nx.Graph
    assert list(P.nodes(data=True)) == [
        ("method:bert", {"type": "Method", "label": "BERT", "paper_count": 3}),
        ("method:gpt-2", {"type": "Method", "label": "GPT-2", "paper_count": 1}),
        ("method:resnet", {"type": "Method", "label": "ResNet", "paper_count": 2}),
    ]
    assert list(P.edges(data="weight")) == [
        ("method:bert", "method:gpt-2", 1), ("method:bert", "method:resnet", 1)]
    full = A.entity_projection(G, min_shared=2)
    assert sorted(full.edges(data="weight")) == [
        ("dataset:imagenet", "method:resnet", 2),
        ("dataset:squad", "method:bert", 2),
        ("dataset:squad", "task:qa", 2),
        ("method:bert", "task:qa", 2),
    ]
    assert full.number_of_nodes() == 10  # entities without a strong link stay, isolated


def test_centrality(G):
    # 15 nodes: degree centrality is (distinct neighbours) / 14
    assert A.centrality(G, "degree", "Paper", n=3) == [
        ("paper:p2", 6 / 14), ("paper:p1", 4 / 14), ("paper:p3", 4 / 14)]
    assert A.centrality(G, "degree", "Method")[0] == ("method:bert", 3 / 14)
    # BERT bridges the NLP papers to p4 and so to the vision side
    assert A.centrality(G, "betweenness", "Method")[0][0] == "method:bert"
    pr = dict(A.centrality(G, "pagerank"))
    assert set(pr) == set(G)
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    H = nx.Graph(G.to_undirected())
    expected = _pagerank_python(H, tol=1e-12, max_iter=1000)
    assert all(abs(pr[n] - expected[n]) < 1e-8 for n in G)
    # on a projection, PageRank uses the weights
    P = nx.Graph()
    P.add_nodes_from("abc", type="Method")
    P.add_edge("a", "b", weight=10)
    P.add_edge("b", "c", weight=1)
    ranked = A.centrality(P, "pagerank")
    assert [n for n, _ in ranked] == ["b", "a", "c"]
    assert abs(sum(s for _, s in ranked) - 1) < 1e-9
    # estimated betweenness: reproducible for a seed; k >= nodes is exact
    assert A.centrality(G, "betweenness", k=5, seed=1) == A.centrality(G, "betweenness", k=5, seed=1)
    assert A.centrality(G, "betweenness", k=100) == A.centrality(G, "betweenness")
    with pytest.raises(KgError, match="unknown centrality 'eigen'"):
        A.centrality(G, "eigen")


def test_communities_split_disconnected_topics():
    G = toy_graph(["p1", "p3"])
    assert A.communities(G) == [
        ["dataset:imagenet", "method:resnet", "metric:accuracy", "task:image-classification"],
        ["dataset:squad", "method:bert", "metric:f1", "task:qa"],
    ]


def test_communities_partition_and_seed(G):
    found = A.communities(G, seed=3)
    assert sorted(n for c in found for n in c) == A.entities(G)
    assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)
    assert all(c == sorted(c) for c in found)
    assert A.communities(G, seed=3) == found
    assert A.communities(G, "Method") in ([["method:bert", "method:gpt-2", "method:resnet"]],
                                          [["method:bert", "method:gpt-2"], ["method:resnet"]],
                                          [["method:bert", "method:resnet"], ["method:gpt-2"]])


def test_similar_papers(G):
    assert A.similar_papers(G, "paper:p1") == [
        ("paper:p2", 3 / 7, ["dataset:squad", "method:bert", "task:qa"]),
        ("paper:p4", 1 / 6, ["method:bert"]),
    ]
    assert A.similar_papers(G, "paper:p1", n=1)[0][0] == "paper:p2"
    assert A.similar_papers(G, "paper:p5") == []
    with pytest.raises(KgError, match="no node 'method:bert'"):
        A.similar_papers(G, "method:bert")  # not a paper


def test_neighbourhood(G):
    H = A.neighbourhood(G, "ResNet")
    assert list(H) == ["paper:p3", "paper:p4", "method:resnet"]
    assert isinstance(H, nx.MultiDiGraph) and H.graph == G.graph
    assert list(H.edges(keys=True)) == [("paper:p3", "method:resnet", "uses"), ("paper:p4", "method:resnet", "uses")]
    H2 = A.neighbourhood(G, "method:resnet", radius=2)
    assert sorted(H2) == sorted(["paper:p3", "paper:p4", "method:resnet", "method:bert", "dataset:imagenet",
                                 "metric:accuracy", "task:image-classification"])
    assert H2.nodes["method:bert"]["paper_count"] == 1  # recounted within the neighbourhood
    assert G.nodes["method:bert"]["paper_count"] == 3  # G untouched
    assert list(A.neighbourhood(G, "paper:p5")) == ["paper:p5"]


def test_subgraph_filters(G):
    H = A.subgraph(G, years=2021)
    assert A.papers(H) == ["paper:p2", "paper:p3"]
    assert H.nodes["method:bert"]["paper_count"] == 1
    assert "metric:f1" not in H  # only linked from a 2020 paper
    assert A.papers(A.subgraph(G, years=range(2020, 2022))) == ["paper:p1", "paper:p2", "paper:p3"]
    H = A.subgraph(G, entities=["ResNet"])
    assert A.papers(H) == ["paper:p3", "paper:p4"]
    assert H.nodes["method:bert"]["paper_count"] == 1
    H = A.subgraph(G, types="Method")
    assert sorted({t for _, t in H.nodes(data="type")}) == ["Method", "Paper"]
    assert H.number_of_edges() == 6 and len(A.papers(H)) == 5
    H = A.subgraph(G, types=["Dataset"], years=[2021], entities="method:bert")
    assert list(H) == ["paper:p2", "dataset:glue", "dataset:squad"]


def test_subgraph_keeps_schema_and_copies(G):
    H = A.subgraph(G)
    assert type(H) is nx.MultiDiGraph
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
    assert H.graph == G.graph
    H.nodes["paper:p1"]["authors"].append("C. Author")
    H.edges["paper:p1", "metric:f1", "reports"]["results"].clear()
    assert G.nodes["paper:p1"]["authors"] == ["A. Author", "B. Author"]
    assert G.edges["paper:p1", "metric:f1", "reports"]["results"] == [{"value": "93.2", "dataset": "dataset:squad", "change": False}]


def test_subgraph_writes_like_the_full_graph(G, tmp_path):
    from kg.export.files import read_graph, write_graph_json, write_graphml

    H = A.subgraph(G, years=2021, types=["Method", "Metric"])
    for name, write in (("sub.json", write_graph_json), ("sub.graphml", write_graphml)):
        write(H, tmp_path / name)
        back = read_graph(tmp_path / name)
        assert list(back.nodes(data=True)) == list(H.nodes(data=True))
        assert list(back.edges(keys=True, data=True)) == list(H.edges(keys=True, data=True))


def test_bad_arguments(G):
    with pytest.raises(KgError, match="unknown node type 'Model'"):
        A.top_entities(G, "Model")
    with pytest.raises(KgError, match="no node 'xlnet'"):
        A.neighbourhood(G, "xlnet")
    with pytest.raises(KgError, match="radius"):
        A.neighbourhood(G, "BERT", radius=-1)
    G.add_node("method:bert-2", type="Method", label="bert", aliases=[], paper_count=0)
    with pytest.raises(KgError, match="ambiguous.*method:bert, method:bert-2"):
        A.papers(G, "BERT")
    assert A.papers(G, "bert-base") == ["paper:p1", "paper:p2", "paper:p4"]  # an alias


def test_empty_graph():
    G = build_graph([])
    assert A.summary(G)["papers"] == 0 and A.summary(G)["years"] is None
    assert A.top_entities(G) == [] and A.communities(G) == [] and A.centrality(G, "pagerank") == []
    assert A.cooccurrence(G, "Method", "Dataset") == {}


@pytest.fixture
def cached_build(monkeypatch):
    """Make ``kg.build()`` of the sample cheap: the doctests call it in every example."""
    import kg

    build = kg.build
    monkeypatch.setattr(kg, "build", lambda *a, **k: build(*a, **k) if a or k else sample_graph())


def run_doctests(run):
    result = run(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.slow
def test_module_doctests(cached_build):
    run_doctests(lambda **kw: doctest.testmod(A, **kw))


@pytest.mark.slow
def test_docs_doctests(cached_build):
    path = ROOT / "README.md"
    run_doctests(lambda **kw: doctest.testfile(str(path), module_relative=False, **kw))
