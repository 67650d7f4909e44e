"""The HTML page: self-contained, escaped, deterministic, and max_nodes keeps what it says."""

import json
import re

import networkx as nx
import pytest

from kg.errors import KgError
from kg.export.html import layout, select_nodes, to_html, write_html
from kg.graph import build_graph
from kg.model import Mention, Paper

XSS_TITLE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">\u2028'


def mention(text, label, sentence, field_text, *, canonical=None, entity_id=None, proposed=False, value=None,
            value_dataset=None):
    """A Mention of ``text`` inside ``sentence``, which occurs in ``field_text`` (the abstract)."""
    s = field_text.index(sentence)
    start = s + sentence.index(text)
    canonical = canonical or text
    return Mention(
        text=text, label=label, start=start, end=start + len(text), field="abstract", canonical=canonical,
        entity_id=entity_id or f"{label.lower()}:{canonical.lower().replace(' ', '-')}",
        sentence_start=s, sentence_end=s + len(sentence), source="test", confidence=0.9, proposed=proposed,
        value=value, value_dataset=value_dataset,
    )


def small_graph(title="Attention over graphs", abstract_extra=""):
    """Two papers sharing BERT; every relation and one metric result occur."""
    s1 = "We propose GraphBERT, built on BERT, for node classification."
    s2 = "It reaches 91.2 accuracy on Cora."
    a1 = f"{s1} {s2}{abstract_extra}"
    a2 = "We fine-tune bert-base on SQuAD."
    p1 = Paper(key="p1", title=title, abstract=a1, date="2024-03-01", authors=("A. One", "B. Two"))
    p1.mentions += [
        mention("GraphBERT", "Method", s1, a1, proposed=True),
        mention("BERT", "Method", s1, a1),
        mention("node classification", "Task", s1, a1),
        mention("accuracy", "Metric", s2, a1, value="91.2", value_dataset="dataset:cora"),
        mention("Cora", "Dataset", s2, a1),
    ]
    p2 = Paper(key="p2", title="Fine-tuning BERT", abstract=a2, date="2023")
    p2.mentions += [
        mention("bert-base", "Method", a2, a2, canonical="BERT"),
        mention("SQuAD", "Dataset", a2, a2),
    ]
    return build_graph([p1, p2])


def page_data(page):
    """The JSON data block of a page."""
    m = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def test_page_is_self_contained():
    page = to_html(small_graph())
    assert "@version 9.1.2" in page  # vis-network inlined from the installed pyvis
    assert not re.search(r"<(script|img|iframe|link)\b[^>]*\b(src|href)\s*=", page, re.I)
    assert "@import" not in page
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "default-src 'none'" in page  # the CSP forbids any request the page might still try


def test_page_shows_title_summary_and_every_node():
    G = small_graph()
    page = to_html(G, title="My graph")
    assert "<title>My graph</title>" in page and "<h1>My graph</h1>" in page
    assert "2 papers · 6 entities (2 methods, 2 datasets, 1 metric, 1 task) · 7 links" in page
    data = page_data(page)
    assert len(data["nodes"]) == G.number_of_nodes() and len(data["edges"]) == G.number_of_edges()
    assert [t["name"] for t in data["types"]] == ["Paper", "Method", "Dataset", "Metric", "Task"]
    assert [r["name"] for r in data["relations"]] == ["proposes", "uses", "evaluates_on", "reports", "addresses"]
    assert 'id="kg-note"' not in page


def test_tooltip_data_carries_evidence_results_and_aliases():
    G = small_graph()
    data = page_data(to_html(G))
    names = [n["name"] for n in data["info"]["nodes"]]
    reports = [e for e in data["info"]["edges"] if e["relation"] == "reports"]
    assert reports == [{
        "relation": "reports", "evidence": "It reaches 91.2 accuracy on Cora.", "mention": "accuracy",
        "results": [{"value": "91.2", "dataset": "Cora", "change": False}],
    }]
    bert = data["info"]["nodes"][names.index("BERT")]
    assert bert["aliases"] == ["bert-base"] and bert["papers"] == 2 and bert["type"] == "Method"
    paper = data["info"]["nodes"][names.index("Attention over graphs")]
    assert paper["date"] == "2024-03-01" and paper["authors"] == "A. One, B. Two"
    assert paper["abstract"] == "We propose GraphBERT, built on BERT, for node classification. It reaches 91.2 accuracy on Cora."


def test_long_titles_are_truncated_in_labels_only():
    title = "A very long paper title that goes on and on about graph neural networks for everything"
    data = page_data(to_html(small_graph(title=title)))
    i = [n["name"] for n in data["info"]["nodes"]].index(title)
    label = data["nodes"][i]["label"]
    assert label.endswith("…") and len(label) <= 32 and title.startswith(label[:-1])


def test_input_text_cannot_break_out_of_the_page():
    G = small_graph(title=XSS_TITLE, abstract_extra=" <b>&amp;</b>")
    page = to_html(G, title=XSS_TITLE)
    assert page.count("</script>") == 3  # vis-network, the data block, the page script: nothing else
    assert "<img src=x" not in page
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S)
    assert len(scripts) == 3 and not any("\u2028" in text for text in scripts)
    assert "<h1>&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=" in page
    names = [n["name"] for n in page_data(page)["info"]["nodes"]]
    assert XSS_TITLE in names  # the JSON round-trips the exact text


def test_lone_surrogates_do_not_break_writing(tmp_path):
    G = small_graph(title="bad \ud800 title")
    write_html(G, tmp_path / "g.html", title="t \udfff")
    text = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "bad ? title" in text


def test_output_is_deterministic_and_write_html_matches(tmp_path):
    assert to_html(small_graph()) == to_html(small_graph())
    write_html(small_graph(), tmp_path / "g.html", max_nodes=3)
    assert (tmp_path / "g.html").read_text(encoding="utf-8") == to_html(small_graph(), max_nodes=3)
    assert [p.name for p in tmp_path.iterdir()] == ["g.html"]


def test_max_nodes_keeps_most_connected_entities_and_their_papers():
    G = small_graph()
    # BERT (2 papers) ranks first, then one-paper entities by id; p1 has the most links
    assert select_nodes(G, 2) == ["method:bert", "paper:p1"]
    assert select_nodes(G, 4) == ["dataset:cora", "method:bert", "paper:p1", "paper:p2"]
    assert select_nodes(G, None) == sorted(G.nodes)
    assert select_nodes(G, 100) == sorted(G.nodes)
    page = to_html(G, max_nodes=4)
    assert "Showing 4 of 8 nodes (max_nodes=4" in page
    assert "Left out: 0 papers, 4 entities, 4 links." in page
    data = page_data(page)
    gids = [n["gid"] for n in data["info"]["nodes"]]
    shown = {(gids[e["from"]], gids[e["to"]], i["relation"]) for e, i in zip(data["edges"], data["info"]["edges"])}
    assert shown == {
        ("paper:p1", "method:bert", "uses"),
        ("paper:p1", "dataset:cora", "evaluates_on"),
        ("paper:p2", "method:bert", "uses"),
    }


def test_max_nodes_gives_spare_budget_to_more_entities():
    G = small_graph()
    # half of 6 goes to 3 entities, whose 2 papers leave one place: it goes to the next entity
    assert select_nodes(G, 6) == ["dataset:cora", "dataset:squad", "method:bert", "method:graphbert",
                                  "paper:p1", "paper:p2"]


@pytest.mark.parametrize("bad", [0, -3, 2.5, "10", True])
def test_bad_max_nodes_is_a_kg_error(bad):
    with pytest.raises(KgError, match="max_nodes must be a positive whole number"):
        to_html(small_graph(), max_nodes=bad)


def test_not_a_graph_is_a_kg_error():
    with pytest.raises(KgError, match="needs a NetworkX graph"):
        to_html({"nodes": []})


def test_empty_graph_renders():
    data = page_data(to_html(build_graph([])))
    assert data["nodes"] == [] and data["edges"] == []


def test_layout_is_deterministic_integer_and_separates_nodes():
    G = nx.MultiDiGraph()
    for i in range(60):
        G.add_node(f"paper:{i:02d}", type="Paper")
        for j in (i % 7, (i * 3) % 11, 20 + i):  # shared hubs plus one private leaf each
            G.add_node(f"method:{j}", type="Method", paper_count=1)
            G.add_edge(f"paper:{i:02d}", f"method:{j}", key="uses", relation="uses")
    G.add_node("paper:alone", type="Paper")
    pos = layout(G)
    assert pos == layout(G) and set(pos) == set(G)
    assert all(isinstance(c, int) for xy in pos.values() for c in xy)
    assert len(set(pos.values())) == len(pos)
    # neighbours sit closer together than the drawing is wide
    xs = [x for x, _ in pos.values()]
    width = max(xs) - min(xs)
    dist = [abs(complex(*pos[u]) - complex(*pos[v])) for u, v in G.edges()]
    assert max(dist) < width / 2


def test_layout_of_a_tree_puts_leaves_around_the_root():
    G = nx.Graph()
    G.add_edges_from(("paper:p", f"method:{i}") for i in range(5))
    pos = layout(G)
    root = complex(*pos["paper:p"])
    radii = [abs(complex(*pos[f"method:{i}"]) - root) for i in range(5)]
    assert max(radii) - min(radii) <= 2 and min(radii) >= 50


def test_page_is_identical_across_hash_seeds():
    """Set iteration order varies with PYTHONHASHSEED; the page must not."""
    import os
    import subprocess
    import sys

    code = (
        "import hashlib, networkx as nx\n"
        "from kg.export import html\n"
        "html._CORE_MAX = 15  # also exercise the placement of core nodes beyond the simulated ones\n"
        "G = nx.relabel_nodes(nx.barabasi_albert_graph(120, 2, seed=3), lambda i: f'method:m{i}')\n"
        "nx.set_node_attributes(G, 'Method', 'type')\n"
        "G.add_edges_from((f'paper:p{i}', f'method:m{i % 40}') for i in range(60))\n"
        "print(hashlib.sha1(html.to_html(G, max_nodes=150).encode()).hexdigest())\n"
    )
    digests = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1
