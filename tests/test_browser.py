"""The HTML page in a real headless Chromium: offline, complete, interactive and inert to hostile text."""

import importlib.util
import os
from pathlib import Path

import networkx as nx
import pytest

from kg.export.html import select_nodes, write_html
from kg.graph import build_graph
from kg.model import Mention, Paper

def _chromium_module():
    path = Path(__file__).resolve().parent.parent / "scripts" / "chromium.py"
    spec = importlib.util.spec_from_file_location("chromium", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_chromium = _chromium_module()  # scripts/chromium.py: the same browser and flags as the scripts
CHROMIUM = _chromium.CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]

PAYLOAD = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>'


def _mention(abstract, sentence, text, label, *, canonical=None, entity_id=None, value=None):
    s = abstract.index(sentence)
    start = s + sentence.index(text)
    canonical = canonical or text
    return Mention(
        text=text, label=label, start=start, end=start + len(text), field="abstract", canonical=canonical,
        entity_id=entity_id or f"{label.lower()}:{canonical.lower()}", sentence_start=s,
        sentence_end=s + len(sentence), source="test", confidence=0.9, value=value,
    )


def graph(title="Graph transformers", extra_alias=None):
    """Two papers: p1 uses BERT on SQuAD and reports F1; p2 uses BERT (as 'bert-base') for QA."""
    s1 = "We fine-tune BERT on SQuAD."
    s2 = "It reaches 88.5 F1."
    a1 = f"{s1} {s2}"
    a2 = "Question answering with bert-base."
    p1 = Paper(key="p1", title=title, abstract=a1, date="2024-05-01")
    p1.mentions += [
        _mention(a1, s1, "BERT", "Method"),
        _mention(a1, s1, "SQuAD", "Dataset"),
        _mention(a1, s2, "F1", "Metric", value="88.5"),
    ]
    p2 = Paper(key="p2", title="Question answering", abstract=a2, date="2023")
    p2.mentions += [
        _mention(a2, a2, "bert-base", "Method", canonical="BERT"),
        _mention(a2, a2, "Question answering", "Task"),
    ]
    if extra_alias:
        p2.mentions.append(_mention(a2, a2, "Question", "Task", canonical=extra_alias, entity_id="task:x"))
    return build_graph([p1, p2])


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = _chromium.launch(pw)
        yield b
        b.close()


@pytest.fixture
def open_graph(browser, tmp_path):
    """Write a graph's page, open it offline; return (page, blocked request URLs, console errors)."""
    opened = []

    def _open(G, **options):
        path = tmp_path / f"graph{len(opened)}.html"
        write_html(G, path, **options)
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        blocked, errors = [], []

        def route(r):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(Path(path).as_uri())
        page.wait_for_function("window.kg && window.kg.ready", timeout=30_000)
        opened.append(page)
        return page, blocked, errors

    yield _open
    for page in opened:
        page.close()


def _node_id(page, gid):
    return page.evaluate("gid => kg.info.nodes.findIndex(n => n.gid === gid)", gid)


def _dom_point(page, canvas_xy):
    """Page coordinates of a canvas point."""
    return page.evaluate(
        """([x, y]) => {
            const p = kg.network.canvasToDOM({x, y});
            const r = document.getElementById("kg-graph").getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""",
        canvas_xy,
    )


def test_loads_offline_with_every_node_and_no_errors(open_graph):
    G = graph()
    page, blocked, errors = open_graph(G)
    assert page.evaluate("kg.nodes.length") == G.number_of_nodes() == 6
    assert page.evaluate("kg.edges.length") == G.number_of_edges() == 5
    assert blocked == [] and errors == []
    assert page.inner_text("#kg-summary") == "2 papers · 4 entities (1 method, 1 dataset, 1 metric, 1 task) · 5 links"


def test_max_nodes_shows_what_it_keeps_and_says_what_is_left_out(open_graph):
    G = nx.MultiDiGraph()
    for i in range(40):
        G.add_node(f"paper:{i:02d}", type="Paper", label=f"Paper {i}")
        for j in (i % 5, 10 + i):
            G.add_node(f"method:{j}", type="Method", label=f"M{j}", paper_count=8 if j < 5 else 1)
            G.add_edge(f"paper:{i:02d}", f"method:{j}", key="uses", relation="uses")
    page, blocked, errors = open_graph(G, max_nodes=30)
    assert page.evaluate("kg.nodes.length") == len(select_nodes(G, 30)) == 30
    assert "Showing 30 of 85 nodes" in page.inner_text("#kg-note")
    assert blocked == [] and errors == []


def test_hovering_an_edge_shows_its_evidence(open_graph):
    page, _, errors = open_graph(graph())
    edge = page.evaluate("kg.info.edges.findIndex(e => e.relation === 'reports')")
    ends = page.evaluate(
        "id => { const e = kg.edges.get(id); const p = kg.network.getPositions([e.from, e.to]);"
        " return [(p[e.from].x + p[e.to].x) / 2, (p[e.from].y + p[e.to].y) / 2]; }",
        edge,
    )
    page.mouse.move(*_dom_point(page, ends))
    tooltip = page.locator("#kg-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.text_content()
    assert "reports" in text and "It reaches 88.5 F1." in text and "Results: 88.5" in text
    assert "Graph transformers → F1" in text
    assert errors == []


def test_hovering_a_node_shows_its_name_aliases_and_paper_count(open_graph):
    page, _, _ = open_graph(graph())
    bert = _node_id(page, "method:bert")
    xy = page.evaluate("id => kg.network.getPositions([id])[id]", bert)
    page.mouse.move(*_dom_point(page, [xy["x"], xy["y"]]))
    page.locator("#kg-tooltip").wait_for(state="visible", timeout=5000)
    text = page.inner_text("#kg-tooltip")
    assert "BERT" in text and "In 2 papers" in text and "Also: bert-base" in text


def test_clicking_a_node_highlights_its_neighbourhood(open_graph):
    page, _, _ = open_graph(graph())
    squad = _node_id(page, "dataset:squad")
    xy = page.evaluate("id => kg.network.getPositions([id])[id]", squad)
    page.mouse.click(*_dom_point(page, [xy["x"], xy["y"]]))
    colours = page.evaluate("kg.nodes.get().map(n => [kg.info.nodes[n.id].gid, n.color])")
    dim = {gid for gid, c in colours if str(c).startswith("rgba(200,205,212")}
    assert dim == {"paper:p2", "method:bert", "metric:f1", "task:question answering"}
    assert "SQuAD" in page.inner_text("#kg-details")


def test_search_finds_nodes_by_label_and_alias(open_graph):
    page, _, _ = open_graph(graph())
    page.fill("#kg-search", "bert-base")
    page.press("#kg-search", "Enter")
    assert page.evaluate("kg.network.getSelectedNodes()") == [_node_id(page, "method:bert")]
    assert page.inner_text("#kg-search-status") == "1 match"
    page.fill("#kg-search", "squad")
    assert page.inner_text("#kg-results") == "SQuAD"
    page.fill("#kg-search", "zzz")
    assert page.inner_text("#kg-search-status") == "No match"


def test_type_filter_hides_nodes_and_their_edges(open_graph):
    page, _, _ = open_graph(graph())
    page.uncheck('#kg-types input[data-type="Method"]')
    hidden = page.evaluate("kg.nodes.get({filter: n => n.hidden}).map(n => kg.info.nodes[n.id].gid)")
    assert hidden == ["method:bert"]
    assert page.evaluate("kg.edges.get({filter: e => e.hidden}).length") == 2
    page.check('#kg-types input[data-type="Method"]')
    assert page.evaluate("kg.nodes.get({filter: n => n.hidden}).length") == 0


def test_physics_can_be_started_and_paused(open_graph):
    page, _, errors = open_graph(graph())
    assert page.evaluate("kg.network.physics.physicsEnabled") is False
    page.click("#kg-physics")
    assert page.evaluate("kg.network.physics.physicsEnabled") is True
    assert page.inner_text("#kg-physics") == "Pause physics"
    page.click("#kg-physics")
    assert page.evaluate("kg.network.physics.physicsEnabled") is False
    assert errors == []


def test_hostile_text_executes_nothing_and_shows_literally(open_graph):
    G = graph(title=PAYLOAD, extra_alias=PAYLOAD)
    page, blocked, errors = open_graph(G, title=PAYLOAD)
    assert page.inner_text("h1") == PAYLOAD
    assert page.title() == PAYLOAD
    page.fill("#kg-search", "window.__pwned")
    page.press("#kg-search", "Enter")
    results = page.inner_text("#kg-results")
    assert results.splitlines() == [PAYLOAD, PAYLOAD]  # the paper title and the task name
    paper = _node_id(page, "paper:p1")
    page.evaluate("id => kg.showTooltip(kg.describeNode(id, true))", paper)
    assert PAYLOAD in page.inner_text("#kg-tooltip")
    assert PAYLOAD in page.inner_text("#kg-details")
    page.wait_for_timeout(200)  # give any injected handler a chance to run
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert blocked == [] and errors == []


@pytest.mark.slow
def test_sample_graph_page_is_complete_offline_and_searchable(open_graph):
    import kg

    G = kg.build()
    page, blocked, errors = open_graph(G)
    assert page.evaluate("kg.nodes.length") == G.number_of_nodes()
    assert page.evaluate("kg.edges.length") == G.number_of_edges()
    assert blocked == [] and errors == []
    hub = max((n for n, t in G.nodes(data="type") if t != "Paper"), key=lambda n: (G.nodes[n]["paper_count"], n))
    page.fill("#kg-search", G.nodes[hub]["label"])
    page.press("#kg-search", "Enter")
    assert page.evaluate("kg.network.getSelectedNodes()") == [_node_id(page, hub)]
