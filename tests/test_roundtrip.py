"""Round trips of the graph files: node-link JSON and GraphML exactly, GEXF as a static graph for Gephi."""

import copy
import re

import networkx as nx
import pytest
from test_analysis import sample_graph, toy_graph

import kg
from kg.export.files import write_gexf, write_graph_json, write_graphml

TRICKY = [
    "",
    "json:looks like our prefix",
    'json:"quoted"',
    "42",
    "null",
    "line 1\nline 2\r\nline 3\rend",
    "tab\tand trailing spaces  ",
    "control \x01\x1f characters",
    "é 中文 🚀 <b>&amp;</b> \"quotes\" 'and' ]]>",
]


def strict(value):
    """``value`` with every leaf tagged by its type, so that 1, 1.0 and True compare unequal."""
    if isinstance(value, dict):
        return {k: strict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [strict(v) for v in value])
    return (type(value).__name__, value)


def assert_same_graph(A, B):
    assert type(A) is type(B) is nx.MultiDiGraph
    assert strict(A.graph) == strict(B.graph)
    assert list(A) == list(B)  # same node order, so later writers give the same bytes
    for node in A:
        assert strict(A.nodes[node]) == strict(B.nodes[node]), node
    assert list(A.edges(keys=True)) == list(B.edges(keys=True))
    for edge in A.edges(keys=True):
        assert strict(A.edges[edge]) == strict(B.edges[edge]), edge


def tricky_graph():
    """The toy graph plus parallel edges, awkward strings, numbers and nested values."""
    G = toy_graph()
    uses = copy.deepcopy(G.edges["paper:p1", "method:bert", "proposes"])
    uses.update(relation="uses", confidence=0.1 + 0.2, mentions=2**40)
    G.add_edge("paper:p1", "method:bert", key="uses", **uses)  # a second edge between the same pair
    for i, text in enumerate(TRICKY):
        G.nodes[f"paper:p{i % 5 + 1}"][f"note{i}"] = text
    G.nodes["paper:p2"]["authors"] = TRICKY
    G.nodes["paper:p3"]["input_id"] = "007"
    G.edges["paper:p3", "metric:accuracy", "reports"]["results"].append({"value": "1e-3", "dataset": None})
    G.graph["pipeline"] = "json:x"
    return G


@pytest.mark.parametrize("suffix, write", [(".json", write_graph_json), (".graphml", write_graphml)])
def test_exact_round_trip(tmp_path, suffix, write):
    G = tricky_graph()
    path = tmp_path / ("graph" + suffix)
    write(G, path)
    back = kg.load(path)
    assert_same_graph(G, back)
    assert back.edges["paper:p1", "method:bert", "uses"]["confidence"] == 0.1 + 0.2
    assert back.nodes["paper:p4"]["year"] is None and back.nodes["paper:p1"]["year"] == 2020
    assert back.nodes["method:bert"]["in_gazetteer"] is True
    assert back.edges["paper:p1", "metric:f1", "reports"]["results"] == [{"value": "93.2", "dataset": "dataset:squad", "change": False}]
    # and writing what was read gives the same bytes
    write(back, tmp_path / ("again" + suffix))
    assert (tmp_path / ("again" + suffix)).read_bytes() == path.read_bytes()


def test_graphml_is_plain_xml_with_json_text(tmp_path):
    write_graphml(tricky_graph(), tmp_path / "g.graphml")
    text = (tmp_path / "g.graphml").read_text(encoding="utf-8")
    assert "\r" not in text and "\x01" not in text  # stored as JSON escapes instead
    assert '>json:["A. Author", "B. Author"]</data>' in text  # lists as json: text
    assert ">json:null</data>" in text


def read_gexf(path):
    text = path.read_text(encoding="utf-8")
    return text, nx.read_gexf(path)


def test_gexf_is_static_and_loads(tmp_path):
    G = tricky_graph()
    write_gexf(G, tmp_path / "g.gexf")
    text, back = read_gexf(tmp_path / "g.gexf")
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<gexf ')
    assert '<graph defaultedgetype="directed" mode="static"' in text
    assert 'mode="dynamic"' not in text and "timeformat" not in text
    assert not re.search(r'title="(start|end)"', text)  # such attributes would make it dynamic
    assert not re.search(r'<(node|edge)\b[^>]* (start|end)=', text)
    assert "lastmodifieddate" not in text  # no date stamp: same graph, same bytes
    assert set(back) == set(G)
    assert {(u, v) for u, v in back.edges()} == {(u, v) for u, v, _ in G.edges(keys=True)}
    assert back.nodes["method:bert"]["label"] == "BERT" and back.nodes["method:bert"]["type"] == "Method"
    assert back.nodes["paper:p1"]["year"] == 2020
    assert "year" not in back.nodes["paper:p4"]  # None is left out: GEXF has one type per attribute
    assert back.nodes["paper:p2"]["note1"] == "json:" + '"json:looks like our prefix"'
    relations = {(u, v, d["relation"]) for u, v, d in back.edges(data=True)}
    assert ("paper:p1", "method:bert", "uses") in relations and ("paper:p1", "method:bert", "proposes") in relations
    write_gexf(G, tmp_path / "again.gexf")
    assert (tmp_path / "again.gexf").read_bytes() == (tmp_path / "g.gexf").read_bytes()


@pytest.mark.slow
def test_sample_graph_round_trips(tmp_path):
    G = sample_graph()
    assert G.number_of_nodes() > 100
    for name, write in (("graph.json", write_graph_json), ("graph.graphml", write_graphml)):
        write(G, tmp_path / name)
        assert_same_graph(G, kg.load(tmp_path / name))
    write_gexf(G, tmp_path / "graph.gexf")
    text, back = read_gexf(tmp_path / "graph.gexf")
    assert 'mode="static"' in text
    assert set(back) == set(G) and back.number_of_edges() == G.number_of_edges()


def test_numpy_values_are_written_as_numbers(tmp_path):
    """Analysis results added as attributes are often NumPy scalars: they keep their kind."""
    np = pytest.importorskip("numpy")
    G = toy_graph()
    G.nodes["method:bert"].update(score=np.float64(0.25), rank=np.int64(3), top=np.bool_(True))
    write_graphml(G, tmp_path / "g.graphml")
    back = kg.load(tmp_path / "g.graphml").nodes["method:bert"]
    assert strict({k: back[k] for k in ("score", "rank", "top")}) == strict({"score": 0.25, "rank": 3, "top": True})
    write_gexf(G, tmp_path / "g.gexf")
    assert nx.read_gexf(tmp_path / "g.gexf").nodes["method:bert"]["score"] == 0.25


def test_graph_json_has_one_node_or_edge_per_line(tmp_path):
    G = tricky_graph()
    write_graph_json(G, tmp_path / "g.json")
    lines = (tmp_path / "g.json").read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith('{"') and '"id": ' in line for line in lines) >= G.number_of_nodes()
    assert sum('"from": ' in line for line in lines) == G.number_of_edges()


@pytest.mark.parametrize("graph", [tricky_graph, toy_graph, lambda: nx.MultiDiGraph(name="empty")])
def test_graphml_and_gexf_from_graph_json_are_those_of_the_graph(tmp_path, graph):
    """kg build converts graph.json to GraphML and GEXF (in a second process with --jobs 2):
    the bytes are those of the writers given the graph, whatever order its attributes are in."""
    from kg.export.files import convert_graph_json

    G = graph()
    write_graph_json(G, tmp_path / "g.json")
    convert_graph_json(tmp_path / "g.json", graphml=tmp_path / "c.graphml", gexf=tmp_path / "c.gexf")
    write_graphml(G, tmp_path / "g.graphml")
    write_gexf(G, tmp_path / "g.gexf")
    for suffix in ("graphml", "gexf"):
        assert (tmp_path / f"c.{suffix}").read_bytes() == (tmp_path / f"g.{suffix}").read_bytes()
    shuffled = nx.MultiDiGraph(**G.graph)  # same graph, attributes inserted in reverse order
    shuffled.add_nodes_from((n, dict(reversed(d.items()))) for n, d in G.nodes(data=True))
    shuffled.add_edges_from((u, v, k, dict(reversed(d.items()))) for u, v, k, d in G.edges(keys=True, data=True))
    write_graphml(shuffled, tmp_path / "s.graphml")
    assert (tmp_path / "s.graphml").read_bytes() == (tmp_path / "g.graphml").read_bytes()


def test_a_failing_background_conversion_fails_the_build_and_leaves_no_file(tmp_path):
    from kg.errors import KgError
    from kg.export.files import xml_from_graph_json
    from kg.fileio import atomic_group

    (tmp_path / "g.json").write_text('{"directed": true, "multigraph": true, "graph": {},\n"nodes": [\n{"id": ', "utf-8")
    with pytest.raises(KgError, match="GraphML and GEXF"), atomic_group():
        with xml_from_graph_json(tmp_path / "g.json", graphml=tmp_path / "g.graphml", gexf=tmp_path / "g.gexf",
                                 background=True):
            pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json"]
