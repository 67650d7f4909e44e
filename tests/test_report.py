"""Tests of kg.report (text summary, Markdown report, PNG plots) and of `kg stats`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_analysis import toy_graph

from kg.export.files import write_graph_json
from kg.graph import build_graph
from kg.report import report_data, summary_text, to_markdown, write_report

ROOT = Path(__file__).resolve().parent.parent
PLOTS = ["top_methods.png", "top_datasets.png", "top_metrics.png", "top_tasks.png", "degree_distribution.png"]


def test_summary_text():
    assert summary_text(toy_graph()) == (
        "toy: 5 papers, 10 entities (3 methods, 3 datasets, 2 metrics, 2 tasks), 17 links\n"
        "years: 2020–2022\n"
        "top methods: BERT (3), ResNet (2), GPT-2 (1)\n"
        "top datasets: ImageNet (2), SQuAD (2), GLUE (1)\n"
        "top metrics: accuracy (2), F1 (1)\n"
        "top tasks: question answering (2), image classification (1)\n"
    )


def test_report_data():
    data = report_data(toy_graph(), n=3)
    assert data["top"]["Method"] == [("method:bert", "BERT", 3), ("method:resnet", "ResNet", 2),
                                     ("method:gpt-2", "GPT-2", 1)]
    assert data["pairs"]["Method-Dataset"] == [
        ("method:bert", "BERT", "dataset:squad", "SQuAD", 2),
        ("method:resnet", "ResNet", "dataset:imagenet", "ImageNet", 2),
        ("method:bert", "BERT", "dataset:imagenet", "ImageNet", 1),  # 1 paper; most-used entities first
    ]
    # equal counts and equal popularity: by id
    assert [(a, b) for _, a, _, b, _ in data["pairs"]["Dataset-Metric"]] == [
        ("ImageNet", "accuracy"), ("SQuAD", "accuracy"), ("GLUE", "accuracy")]
    assert data["communities"] == [
        {"size": 6, "members": [("method:bert", "BERT", 3), ("dataset:squad", "SQuAD", 2),
                                ("task:qa", "question answering", 2), ("dataset:glue", "GLUE", 1),
                                ("method:gpt-2", "GPT-2", 1), ("metric:f1", "F1", 1)]},
        {"size": 4, "members": [("dataset:imagenet", "ImageNet", 2), ("method:resnet", "ResNet", 2),
                                ("metric:accuracy", "accuracy", 2),
                                ("task:image-classification", "image classification", 1)]},
    ]
    assert data["singletons"] == 0
    assert data["degrees"] == {"entities_per_paper": {0: 1, 3: 1, 4: 2, 6: 1},
                               "papers_per_entity": {1: 4, 2: 5, 3: 1}}


def test_markdown_tables_and_embeds():
    md = to_markdown(report_data(toy_graph()), plots=["top_methods.png", "degree_distribution.png"])
    assert md.startswith("# Knowledge graph report\n\nGraph `toy` (pipeline `toy-pipeline`): 5 papers, 10 entities")
    assert "\n![Top methods by number of papers](top_methods.png)\n" in md
    assert "top_datasets.png" not in md  # only the plots given are embedded
    assert "\n| 1 | BERT | `method:bert` | 3 |\n" in md
    assert "## Strongest method–dataset pairs\n\nPapers that mention both.\n\n| Method | Dataset | Papers |\n" in md
    assert "\n| BERT | SQuAD | 2 |\n| ResNet | ImageNet | 2 |\n" in md
    assert "\n| 1 | 6 | BERT (3), SQuAD (2), question answering (2), GLUE (1), GPT-2 (1), F1 (1) |\n" in md
    assert "\n| `addresses` | 3 |\n" in md
    assert md.endswith("| 3 | 1 |\n")


def test_markdown_escapes_untrusted_names(tmp_path):
    G = toy_graph()
    G.nodes["method:bert"]["label"] = "B|E*R_T <script>\n[x](y) $\\alpha$"
    G.graph["name"] = "a`b"
    md = to_markdown(report_data(G))
    assert "| 1 | B\\|E\\*R\\_T &lt;script&gt; \\[x\\](y) $\\\\alpha$ | `method:bert` | 3 |" in md
    assert "<script>" not in md
    assert md.startswith("# Knowledge graph report\n\nGraph a\\`b ")
    # names are plain text in the plots too (no TeX parsing error on "$")
    write_report(G, tmp_path)
    assert (tmp_path / "top_methods.png").stat().st_size > 1000


def test_write_report_files(tmp_path):
    written = write_report(toy_graph(), tmp_path / "rep")
    out = tmp_path / "rep"
    assert written["report"] == str(out / "report.md")
    assert written["plots"] == [str(out / name) for name in PLOTS]
    assert written["summary"]["papers"] == 5
    md = (out / "report.md").read_text(encoding="utf-8")
    for name in PLOTS:
        png = (out / name).read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert b"Software" not in png and b"atplotlib" not in png  # no version stamp
        assert f"]({name})" in md
    assert sorted(p.name for p in out.iterdir()) == sorted(PLOTS + ["report.md"])  # no temp files left


def test_write_report_is_byte_identical(tmp_path):
    G = toy_graph()
    write_report(G, tmp_path / "a")
    write_report(G, tmp_path / "b")
    for name in PLOTS + ["report.md"]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


@pytest.mark.slow
def test_write_report_is_byte_identical_across_hash_seeds(tmp_path):
    """Set iteration order changes with PYTHONHASHSEED; the report must not."""
    write_graph_json(toy_graph(), tmp_path / "graph.json")
    code = "import sys, kg; from kg.report import write_report; write_report(kg.load(sys.argv[1]), sys.argv[2])"
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        subprocess.run([sys.executable, "-c", code, str(tmp_path / "graph.json"), str(tmp_path / seed)],
                       env=env, check=True)
    for name in PLOTS + ["report.md"]:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_empty_graph_report(tmp_path):
    written = write_report(build_graph([]), tmp_path)
    assert written["plots"] == []
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "No methods found." in md and "No community has two or more entities." in md
    assert "0 papers, 0 entities" in md and "Publication years: unknown." in md


def test_cli_stats(tmp_path):
    from kg.cli import cli

    write_graph_json(toy_graph(), tmp_path / "graph.json")
    result = CliRunner().invoke(cli, ["stats", str(tmp_path / "graph.json")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("toy: 5 papers, 10 entities")
    assert f"wrote: {tmp_path / 'report.md'}, {tmp_path / 'top_methods.png'}" in result.output
    assert (tmp_path / "report.md").is_file()  # default: beside the graph
    result = CliRunner().invoke(cli, ["stats", str(tmp_path / "graph.json"), "-o", str(tmp_path / "r"), "-n", "1"])
    assert result.exit_code == 0, result.output
    assert "| 2 | ResNet |" not in (tmp_path / "r" / "report.md").read_text(encoding="utf-8")


def test_cli_stats_missing_graph(tmp_path):
    from kg.cli import cli

    result = CliRunner().invoke(cli, ["stats", str(tmp_path / "nope.json")])
    assert result.exit_code == 1
    assert "nope.json: no such graph file; run `kg build` first" in result.output
    assert "Traceback" not in result.output

