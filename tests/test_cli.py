"""The command line, driven through click's CliRunner."""

import json

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli

ROWS = [
    {"id": "p1", "title": "SeCO: Chunk-wise Training", "text": "We propose Sequential Chunk-wise Optimization "
     "(SeCO). On the KIT-ML dataset, SeCO reaches an mIoU of 71.8%."},
    {"id": "p2", "abstract": "We evaluate on the ImageNet benchmark in terms of accuracy."},
    {"id": "p3", "title": "", "abstract": "Nothing named here at all."},
]


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    return path


def test_extract_honours_the_contract(jsonl, tmp_path):
    out = tmp_path / "x.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(jsonl), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == ["p1", "p2", "p3"]
    assert lines[1]["title"] == ""
    for record, row in zip(lines, ROWS):
        assert set(record) == {"id", "title", "entities"}
        for ent in record["entities"]:
            assert ent["label"] in {"Method", "Dataset", "Metric", "Task"}
            field = row.get("title", "") if ent["field"] == "title" else row.get("abstract", row.get("text"))
            assert field[ent["start"] : ent["end"]] == ent["text"]
            assert ent["canonical"]
    assert ("KIT-ML dataset", "Dataset", "KIT-ML") in {(e["text"], e["label"], e["canonical"]) for e in lines[0]["entities"]}


def test_extract_to_stdout(jsonl):
    result = CliRunner().invoke(cli, ["extract", str(jsonl)])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 3


def test_build_writes_every_output_deterministically(jsonl, tmp_path):
    runner = CliRunner()
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = runner.invoke(cli, ["build", str(jsonl), "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert "papers: 3" in result.output
    names = ["graph.ttl", "graph.html", "graph.graphml", "graph.json", "graph.gexf", "papers.jsonl"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    G = kg.load(first / "graph.json")
    assert sum(1 for _, t in G.nodes(data="type") if t == "Paper") == 3


def test_bad_input_is_one_clear_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "A", "abstract": "B"}\n{oops\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(bad)])
    assert result.exit_code == 1
    assert "bad.jsonl:2: malformed JSON" in result.output
    assert "Traceback" not in result.output
    skipped = CliRunner().invoke(cli, ["extract", "--skip-bad", str(bad)])
    assert skipped.exit_code == 0
    assert "skipped 1 bad record" in skipped.output


def test_missing_input_path(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "no such file or directory" in result.output


def test_output_directory_that_is_a_file(jsonl, tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    result = CliRunner().invoke(cli, ["build", str(jsonl), "-o", str(target)])
    assert result.exit_code == 1
    assert "output directory is a file" in result.output


def test_every_command_is_documented_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"kg {name}" in readme, name
