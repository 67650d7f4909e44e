"""Reliability: bad and hostile input, interrupted builds, atomic outputs, bounded resources (issue 7).

The catalogue of hostile files is ``tests/hostile/`` (written by ``make_catalogue.py``); big
inputs are generated here at run time. Each catalogue entry says what reading it gives:
the error (file, line, what is wrong) without ``--skip-bad``, and how many papers and
skipped records with it.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
import tracemalloc
import warnings
import xml.dom.minidom
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.extract
from kg import ingest
from kg.api import OUTPUT_FILES
from kg.cli import cli
from kg.errors import KgError, one_line
from kg.fileio import atomic_group, atomic_write, ensure_dir, remove_stale_temps
from kg.ingest import dedupe, read_file, read_inputs

HOSTILE = Path(__file__).parent / "hostile"
ROOT = Path(__file__).parents[1]

# name: (error without --skip-bad as a regex after "<path>", papers with --skip-bad, skipped with --skip-bad)
CATALOGUE = {
    "empty.txt": (r": file is empty; give a file", 0, 1),
    "blank.txt": (r": file is empty; give a file", 0, 1),
    "binary.txt": (r": looks like a binary file, not text", 0, 1),
    "paper.pdf": (r": looks like a PDF document, not text; extract its text first", 0, 1),
    "archive.jsonl": (r": looks like a gzip-compressed file, not text; decompress it first", 0, 1),
    "latin1.txt": (r":1: not valid UTF-8 \(byte 0xE9 at column 4\); re-save the file as UTF-8", 0, 1),
    "bad_utf8_line.jsonl": (r":2: not valid UTF-8 \(byte 0xFF at column 28\)", 2, 1),
    "utf16_bom_crlf.txt": (None, 1, 0),
    "utf16_no_bom.txt": (r": looks like UTF-16 text without a byte-order mark; re-save the file as UTF-8", 0, 1),
    "utf32_bom.jsonl": (None, 1, 0),
    "utf8_bom_crlf.csv": (None, 2, 0),
    "cr_only.txt": (None, 2, 0),
    "malformed.jsonl": (r":2: malformed JSON \(Expecting value at column 1\); fix the line", 2, 1),
    "array.json": (r":1: a JSON array or a multi-line JSON object, not JSON Lines; .*jq -c", 0, 1),
    "not_objects.jsonl": (r":1: expected a JSON object with title and abstract fields, not str", 0, 7),
    "no_abstract_column.csv": (r":1: CSV has no 'abstract' or 'text' column \(columns: title, body\); name", 0, 1),
    "short_row.csv": (r":3: row has 2 fields but the header has 3; quote fields", 1, 2),
    "missing_fields.jsonl": (r":3: record has neither a title nor an abstract", 2, 4),
    "control_chars.jsonl": (None, 3, 0),
    "html_js.jsonl": (None, 7, 0),
    "unicode.jsonl": (None, 6, 0),
    "duplicate_ids.jsonl": (None, 8, 0),
    "paragraph_title.txt": (r":3: expected a title line but found a paragraph of 799 characters", 1, 1),
    "chrome_only.txt": (None, 0, 0),
    "bad_url.jsonl": (None, 3, 0),
}
BAD = sorted(name for name, (error, _, _) in CATALOGUE.items() if error)


def test_catalogue_is_complete_and_small():
    on_disk = {p.name for p in HOSTILE.iterdir() if p.suffix != ".py" and p.name != "__pycache__"}
    assert on_disk == set(CATALOGUE)
    assert sum(p.stat().st_size for p in HOSTILE.iterdir() if p.is_file()) < 64_000


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_catalogue_without_skip_bad(name):
    error, papers, _ = CATALOGUE[name]
    path = HOSTILE / name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if error is None:
            assert len(list(read_inputs([path]))) == papers
        else:
            with pytest.raises(KgError) as info:
                list(read_inputs([path]))
            assert re.match(re.escape(str(path)) + error, str(info.value)), str(info.value)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_catalogue_with_skip_bad(name):
    _, papers, skipped = CATALOGUE[name]
    errors = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert len(list(read_inputs([HOSTILE / name], on_error=errors.append))) == papers
    assert len(errors) == skipped
    assert all(str(e).startswith(str(HOSTILE / name)) for e in errors)


@pytest.fixture(scope="module")
def extractor():
    return kg.extract.Extractor(n_process=1)


@pytest.fixture
def runner(extractor, monkeypatch):
    """A CliRunner whose commands share one loaded pipeline (loading it takes seconds)."""
    monkeypatch.setattr(kg.extract, "Extractor", lambda *a, **k: extractor)
    return CliRunner()


@pytest.mark.parametrize("name", BAD)
def test_cli_bad_input_is_one_clear_line(runner, name):
    path = HOSTILE / name
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if not line.startswith("kg: warning:")]
    assert errors == [errors[0]] and re.match("Error: " + re.escape(str(path)) + CATALOGUE[name][0], errors[0])
    assert "Traceback" not in result.output


def test_cli_debug_shows_the_traceback(runner):
    result = runner.invoke(cli, ["--debug", "extract", str(HOSTILE / "malformed.jsonl")])
    assert isinstance(result.exception, KgError)


def test_cli_internal_error_is_one_line_with_exit_70(runner, monkeypatch, tmp_path):
    def boom(*args, **kwargs):
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr("kg.ingest.read_inputs", boom)
    result = runner.invoke(cli, ["extract", str(HOSTILE / "unicode.jsonl")])
    assert result.exit_code == 70
    assert result.stderr.splitlines() == [
        "Error: internal error (ZeroDivisionError: division by zero\\x0asecond line); rerun with --debug for the "
        "traceback and please report it"]


def test_missing_path_is_an_error_even_with_skip_bad(runner, tmp_path):
    result = runner.invoke(cli, ["extract", "--skip-bad", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope.jsonl'}: no such file or directory; check the path\n"


def test_empty_directory_and_hidden_files(runner, tmp_path):
    (tmp_path / ".hidden.jsonl").write_text('{"title": "x"}\n', encoding="utf-8")
    (tmp_path / ".kg-cache").mkdir()
    (tmp_path / ".kg-cache" / "a.jsonl").write_text('{"title": "x"}\n', encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an input\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert "directory holds no input files (.csv, .json, .jsonl, .ndjson, .txt)" in result.stderr


def _read(path, **kwargs):
    """Papers and warning messages of ``read_file(path)``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        papers = list(read_file(path, **kwargs))
    return papers, [str(w.message) for w in caught]


def test_crlf_utf16_and_utf8_bom_are_read_as_plain_text():
    (paper,), _ = _read(HOSTILE / "utf16_bom_crlf.txt")
    assert paper.title == "Omega Nets: Greek Ωμέγα"
    assert paper.abstract == "We propose OmegaNet and test it on the CIFAR-10 dataset."
    first, second = _read(HOSTILE / "utf8_bom_crlf.csv")[0]
    assert first.title == 'Commas, Quotes "and" Lines' and first.id == "k1"
    assert first.abstract == "First line\nsecond line, with a comma. We use BERT."
    assert second.sources == [f"{HOSTILE / 'utf8_bom_crlf.csv'}:4"]
    assert [p.title for p in _read(HOSTILE / "cr_only.txt")[0]] == ["Old Mac Line Ends", "Second Title Here"]


def test_control_characters_become_spaces_and_offsets_stay_valid():
    raw = [json.loads(line) for line in (HOSTILE / "control_chars.jsonl").read_text(encoding="utf-8").strip("\n").split("\n")]
    papers, messages = _read(HOSTILE / "control_chars.jsonl")
    for paper, row in zip(papers, raw):
        assert len(paper.title) == len(row["title"]) and len(paper.abstract) == len(row["abstract"])
        for text in (paper.title, paper.abstract, paper.id, paper.date or "", *paper.authors):
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]", text)
            text.encode("utf-8")  # no lone surrogate left
    assert papers[0].title == "Nul Bell Esc [31mRed [0m Net"
    assert papers[1].title == "Lone \ufffd surrogate \ufffd and \ufffd\ufffd nonchars"
    assert "\u2028" in papers[0].abstract  # a line separator is text, not a control character
    assert papers[2].id == "c3" and papers[2].date == "2024 -01-02" and papers[2].authors == ("A B", "C D")
    assert papers[2].url is None and "url 'https://example.org/ x' is not an http(s) URL" in messages[0]


def test_hostile_and_unicode_text_is_kept_verbatim():
    for name in ("html_js.jsonl", "unicode.jsonl"):
        rows = [json.loads(line) for line in (HOSTILE / name).read_text(encoding="utf-8").strip("\n").split("\n")]
        papers, _ = _read(HOSTILE / name)
        assert [(p.title, p.abstract) for p in papers] == [(r["title"], r["abstract"]) for r in rows]


def test_only_http_urls_are_kept():
    papers, messages = _read(HOSTILE / "bad_url.jsonl")
    assert [p.url for p in papers] == [None, None, "https://example.org/a?b=c#d"]
    assert messages == [
        f"{HOSTILE / 'bad_url.jsonl'}:1: url 'javascript:alert(1)' is not an http(s) URL; ignoring it",
        f"{HOSTILE / 'bad_url.jsonl'}:2: url 'https://ex ample.org/<x>' is not an http(s) URL; ignoring it",
    ]


def test_title_only_and_abstract_only_records_are_papers():
    papers, _ = _read(HOSTILE / "missing_fields.jsonl", on_error=lambda e: None)
    assert [(p.id, p.title, p.abstract) for p in papers] == [
        ("f1", "Only A Title: Listing Entry", ""),
        ("f2", "", "Only an abstract. We use the ImageNet dataset."),
    ]


def test_a_file_of_titles_only_warns_once(tmp_path):
    path = tmp_path / "titles.jsonl"
    path.write_text('{"title": "One"}\n{"title": "Two"}\n', encoding="utf-8")
    papers, messages = _read(path)
    assert [p.abstract for p in papers] == ["", ""]
    assert messages == [f"{path}: no record has an 'abstract' (or 'text', 'summary') field; only titles are read"]


def test_duplicate_ids_warn_naming_both_lines():
    path = HOSTILE / "duplicate_ids.jsonl"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        papers = list(read_inputs([path]))
    assert [str(w.message) for w in caught] == [
        f"{path}:4: id 'd2' was already used at {path}:3 for another title; both are kept as papers",
        f"{path}:6: id 'd3' has the same title as at {path}:5 but another abstract; kg build merges them and "
        "keeps the first abstract",
        f"{path}:8: arXiv id '2101.00001' was already used at {path}:7 for another title; kg build merges them "
        "into one paper",
    ]
    merged = dedupe(papers)
    assert [(p.id, p.title, len(p.sources)) for p in merged] == [
        ("d1", "Same Paper Twice", 2),
        ("d2", "First Content", 1),
        ("d2", "Different Content", 1),
        ("d3", "Same Title", 2),
        ("2101.00001", "ArXiv Version One", 2),
    ]
    assert merged[3].abstract == "First abstract."


def test_different_arxiv_papers_with_one_title_stay_apart(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "2101.00001", "title": "Deep Nets", "abstract": "A."}\n'
                    '{"id": "2202.00002", "title": "Deep nets", "abstract": "B."}\n'
                    '{"title": "deep nets!", "abstract": "A."}\n', encoding="utf-8")
    merged = dedupe(read_file(path))
    assert [(p.arxiv_id, len(p.sources)) for p in merged] == [("2101.00001", 2), ("2202.00002", 1)]


def test_extract_writes_one_line_per_input_record_even_for_duplicate_ids(runner, tmp_path):
    out = tmp_path / "x.jsonl"
    result = runner.invoke(cli, ["extract", str(HOSTILE / "duplicate_ids.jsonl"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").strip("\n").split("\n")]
    assert ids == ["d1", "d1", "d2", "d2", "d3", "d3", "2101.00001", "2101.00001v2"]
    assert result.stderr.count("kg: warning:") == 3


def test_deeply_nested_json_is_a_bad_record(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"title": "Fine", "abstract": "x"}\n' + "[" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(KgError, match=r"deep\.jsonl:2: JSON nested too deeply"):
        list(read_file(path))


def test_nul_and_bad_bytes_after_the_first_block(tmp_path):
    path = tmp_path / "late.jsonl"
    good = json.dumps({"title": "Padding", "abstract": "x" * 9000}) + "\n"
    path.write_bytes(good.encode() + b'{"title": "N\x00L", "abstract": "y"}\n' + b'{"title": "\xc3\x28"}\n')
    errors = []
    assert len(list(read_file(path, on_error=errors.append))) == 1
    assert [str(e) for e in errors] == [
        f"{path}:2: malformed JSON (Invalid control character at at column 13); fix the line or skip bad records "
        "with --skip-bad",
        f"{path}:3: not valid UTF-8 (byte 0xC3 at column 12); re-save the file as UTF-8 (from Windows-1252: iconv "
        "-f cp1252 -t utf-8)",
    ]


def test_one_megabyte_abstract_is_capped_with_a_warning(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"title": "Big", "abstract": "word " * 200_000}) + "\n", encoding="utf-8")
    (paper,), messages = _read(path)
    assert len(paper.abstract) == ingest.MAX_FIELD_CHARS
    assert messages == [f"{path}:1: abstract has 1,000,000 characters; keeping the first 100,000"]


def test_ten_million_character_lines(tmp_path):
    listing = tmp_path / "huge.txt"
    listing.write_text("A Title\n" + "lorem ipsum " * 833_334 + "\nNext Title\nShort abstract.\n", encoding="utf-8")
    papers, messages = _read(listing)
    assert [(p.title, len(p.abstract)) for p in papers] == [("A Title", 100_000), ("Next Title", 15)]
    assert messages == [f"{listing}:2: abstract has 10,000,007 characters; keeping the first 100,000"]
    title_first = tmp_path / "paragraph.txt"
    title_first.write_text("x" * 10_000_000 + "\n", encoding="utf-8")
    with pytest.raises(KgError, match=r"paragraph\.txt:1: expected a title line but found a paragraph of "
                                      r"10,000,000 characters"):
        list(read_file(title_first))


def test_lines_over_the_limit_are_cut_in_listings_and_refused_in_json(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_LINE_CHARS", 1000)
    jsonl = tmp_path / "long.jsonl"
    jsonl.write_text(json.dumps({"title": "Long", "abstract": "x" * 5000}) + "\n"
                     + json.dumps({"title": "Short", "abstract": "y"}) + "\n", encoding="utf-8")
    errors = []
    assert [p.title for p in read_file(jsonl, on_error=errors.append)] == ["Short"]
    assert [str(e) for e in errors] == [
        f"{jsonl}:1: line has 5,033 characters, more than the 1,000 allowed; shorten or split the record"]
    listing = tmp_path / "long.txt"
    listing.write_text("Title\n" + "z" * 5000 + "\n", encoding="utf-8")
    (paper,), messages = _read(listing)
    assert len(paper.abstract) == 1000 and messages == [
        f"{listing}:2: line has 5,000 characters; reading the first 1,000"]


def test_unclosed_csv_quote_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_LINE_CHARS", 1000)
    path = tmp_path / "q.csv"
    path.write_text('title,abstract\nA,"never closed\n' + "more text\n" * 500, encoding="utf-8")
    with pytest.raises(KgError, match=r"q\.csv:2: malformed CSV \(field larger than field limit \(1000\)\)"):
        list(read_file(path))


def test_reading_streams_in_bounded_memory(tmp_path):
    """Reading a 10 MB file holds one record at a time, not the file (nor a list of papers)."""
    path = tmp_path / "many.jsonl"
    row = json.dumps({"title": "Paper {}", "abstract": "We use BERT on ImageNet. " * 400})
    with path.open("w", encoding="utf-8") as fh:
        for i in range(1_000):
            fh.write(row.replace("{}", str(i)) + "\n")
    assert path.stat().st_size > 10_000_000
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_inputs([path]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 1_000
    assert peak < 1_000_000, peak


def test_duplicate_id_check_holds_little_per_id(tmp_path):
    path = tmp_path / "ids.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(5_000):
            fh.write(json.dumps({"id": f"id-{i}", "title": f"Paper {i}", "abstract": "Text."}) + "\n")
    tracemalloc.start()
    try:
        sum(1 for _ in read_inputs([path]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak / 5_000 < 400, peak / 5_000


# --- outputs: errors, atomicity, interruption -------------------------------------------------


def test_output_directory_that_is_a_file_or_under_one(runner, tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    for out, message in ((target, "output directory is a file"), (target / "sub", "cannot create output directory")):
        result = runner.invoke(cli, ["build", str(HOSTILE / "unicode.jsonl"), "-o", str(out)])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {out}: {message}")


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux sysfs, a directory nobody can write to")
def test_output_directory_that_is_not_writable(runner):
    result = runner.invoke(cli, ["build", str(HOSTILE / "unicode.jsonl"), "-o", "/sys/kernel"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: /sys/kernel: output directory is not writable (")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write to a read-only directory")
def test_output_directory_without_write_permission(tmp_path):
    out = tmp_path / "ro"
    out.mkdir(mode=0o555)
    with pytest.raises(KgError, match="output directory is not writable"):
        ensure_dir(out)


def test_extract_output_that_is_a_directory_or_in_a_missing_one(runner, tmp_path):
    for out, message in ((tmp_path, "cannot write output (Is a directory); give a file path, not a directory"),
                         (tmp_path / "no" / "x.jsonl", "cannot write output (No such file or directory)")):
        result = runner.invoke(cli, ["extract", str(HOSTILE / "unicode.jsonl"), "-o", str(out)])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {out}: {message}"), result.stderr
    assert [p.name for p in tmp_path.iterdir()] == []


def test_atomic_write_keeps_the_old_file_when_the_writer_fails(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with atomic_write(target) as fh:
            fh.write("half of the new")
            raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.fixture
def ctrl_c_raises():
    """SIGINT raises KeyboardInterrupt in this process during the test, as in an interactive shell:
    a test runner started in the background (``cmd &``, nohup) inherits SIGINT ignored."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_ctrl_c_during_the_renames_of_a_group_waits_for_all_of_them(tmp_path, monkeypatch, ctrl_c_raises):
    """A Ctrl-C that arrives while a group renames its files into place takes effect after the
    last rename, so the directory never mixes two builds; the CLI can tell it came too late."""
    from kg import fileio

    paths = [tmp_path / f"{name}.txt" for name in "abc"]
    for path in paths:
        path.write_text("old", encoding="utf-8")
    real_replace = os.replace

    def replace_and_interrupt(src, dst):
        if Path(dst).name == "a.txt":
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C between the first and second rename
        real_replace(src, dst)

    monkeypatch.setattr(fileio.os, "replace", replace_and_interrupt)
    before = fileio.groups_committed()
    with pytest.raises(KeyboardInterrupt):
        with atomic_group():
            for path in paths:
                with atomic_write(path) as fh:
                    fh.write("new")
        time.sleep(0.1)  # where the pending signal is delivered, if the group let it through late
    assert [p.read_text(encoding="utf-8") for p in paths] == ["new"] * 3
    assert fileio.groups_committed() == before + 1


def test_atomic_group_is_all_or_nothing(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a", encoding="utf-8")
    b.write_text("old b", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_group():
            with atomic_write(a) as fh:
                fh.write("new a")
            assert a.read_text(encoding="utf-8") == "old a"  # renamed only at the end of the group
            with atomic_write(b) as fh:
                raise RuntimeError("writer failed")
    assert (a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")) == ("old a", "old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    with atomic_group():
        for path in (a, b):
            with atomic_write(path) as fh:
                fh.write("new")
    assert (a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")) == ("new", "new")


def test_a_failing_writer_leaves_every_earlier_output(tmp_path, monkeypatch):
    from kg import api
    from kg.export import html
    from kg.graph import build_graph
    from kg.model import Paper

    papers = [Paper(key="p1", title="One", abstract="A.")]
    api.write_outputs(build_graph(papers), papers, tmp_path)
    before = {name: (tmp_path / name).read_bytes() for name in OUTPUT_FILES}
    monkeypatch.setattr(html, "write_html", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("failed")))
    papers = [Paper(key="p2", title="Two", abstract="B.")]
    with pytest.raises(RuntimeError):
        api.write_outputs(build_graph(papers), papers, tmp_path)
    assert {name: (tmp_path / name).read_bytes() for name in OUTPUT_FILES} == before


_SLOW_WRITER = """
import sys, time
from kg.fileio import atomic_write
with atomic_write(sys.argv[1]) as fh:
    fh.write("partial new content")
    fh.flush()
    print("writing", flush=True)
    time.sleep(60)
"""


def _sigint_default():
    """``preexec_fn`` giving a child SIGINT's default action (Python then raises KeyboardInterrupt
    on it), whether or not the test runner inherited SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _env():
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_a_killed_writer_leaves_the_old_file_and_its_temp_is_swept(tmp_path):
    target = tmp_path / "graph.json"
    target.write_text("old", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(target)], stdout=subprocess.PIPE, env=_env())
    try:
        assert proc.stdout.readline() == b"writing\n"
    finally:
        proc.kill()
        proc.wait()
    assert target.read_text(encoding="utf-8") == "old"
    (leftover,) = [p for p in tmp_path.iterdir() if p != target]
    assert leftover.name.startswith(f".graph.json.{proc.pid}.") and leftover.name.endswith(".tmp")
    ensure_dir(tmp_path)  # what every build does first
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_temps_of_running_processes_are_not_swept(tmp_path):
    mine = tmp_path / f".graph.json.{os.getpid()}.abc123.tmp"
    mine.write_text("in progress")
    assert remove_stale_temps(tmp_path) == [] and mine.exists()


def _corpus(path, n, tag):
    """A JSON Lines corpus of ``n`` papers made from the bundled sample (titles tagged so texts differ)."""
    samples = [p for p in read_inputs() if p.abstract][:50]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            p = samples[i % len(samples)]
            fh.write(json.dumps({"id": f"{tag}{i}", "title": f"{p.title} ({tag} {i})", "abstract": p.abstract}) + "\n")
    return path


def _snapshot(out):
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def _children(pid):
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _alive(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to follow worker processes")
@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT"])
def test_interrupted_build_leaves_earlier_outputs_intact(tmp_path, how):
    out = tmp_path / "out"
    small = _corpus(tmp_path / "small.jsonl", 3, "a")
    kg_cmd = [sys.executable, "-m", "kg", "build", "-o", str(out)]
    first = subprocess.run([*kg_cmd, str(small), "-j", "1"], capture_output=True, env=_env(), timeout=300)
    assert first.returncode == 0, first.stderr
    before = _snapshot(out)
    assert set(before) == set(OUTPUT_FILES)
    big = _corpus(tmp_path / "big.jsonl", 3000, "b")
    proc = subprocess.Popen([*kg_cmd, str(big), "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=_env(), start_new_session=True, preexec_fn=_sigint_default)
    try:
        deadline = time.monotonic() + 120
        while not _children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)  # the forked extraction workers appear once extraction runs
        workers = _children(proc.pid)
        time.sleep(1.0)
        assert proc.poll() is None and workers, "the build ended before it could be interrupted"
        if how == "SIGKILL":
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    after = _snapshot(out)
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    # on a failure, say how the build ended (it failed once in a full run under load, not reproduced since)
    assert not changed, (changed, proc.returncode, stderr[-2000:])
    if how == "SIGINT":
        assert proc.returncode == 130
        assert stderr.splitlines()[-1] == b"kg: interrupted; earlier outputs are left as they were"
        assert b"Traceback" not in stderr
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers), "extraction workers outlived the build"
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


# --- the whole catalogue through kg build and kg extract -------------------------------------


@pytest.fixture(scope="module")
def catalogue_build(extractor, tmp_path_factory):
    """``kg build --skip-bad`` of the whole catalogue, twice, into two directories."""
    outs = [tmp_path_factory.mktemp("build") for _ in range(2)]
    results = []
    mp = pytest.MonkeyPatch()
    mp.setattr(kg.extract, "Extractor", lambda *a, **k: extractor)
    try:
        for out in outs:
            results.append(CliRunner().invoke(cli, ["build", "--skip-bad", str(HOSTILE), "-o", str(out),
                                                    "--no-cache"]))
    finally:
        mp.undo()
    return outs, results


# A directory is read for its .txt, .json, .jsonl, .ndjson and .csv files (paper.pdf is left out).
IN_DIRECTORY = {name: v for name, v in CATALOGUE.items() if Path(name).suffix in (".txt", ".json", ".jsonl", ".csv")}


def test_catalogue_build_skips_and_counts(catalogue_build):
    (out, _), (result, _) = catalogue_build
    assert result.exit_code == 0, result.output
    skipped = sum(s for _, _, s in IN_DIRECTORY.values())
    assert f"kg: skipped {skipped} bad record(s) or file(s)" in result.stderr
    assert result.stderr.count("kg: skipped: ") == skipped
    assert "Traceback" not in result.output
    kept = sum(n for _, n, _ in IN_DIRECTORY.values()) - 3  # duplicate_ids.jsonl: three merges
    assert f"papers: {kept}\n" in result.stdout


def test_catalogue_build_is_byte_identical(catalogue_build):
    (a, b), _ = catalogue_build
    assert _snapshot(a) == _snapshot(b)
    assert set(_snapshot(a)) == set(OUTPUT_FILES)


def test_catalogue_outputs_are_valid(catalogue_build):
    import networkx as nx
    import pyoxigraph
    import rdflib

    (out, _), _ = catalogue_build
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(graph) == len(store) > 0
    titles = {str(o) for o in graph.objects(None, rdflib.DCTERMS.title)}
    assert "</script><script>alert(3)</script>" in titles and "Emoji 🚀🤖 Nets 👨\u200d👩\u200d👧" in titles
    for name in ("graph.graphml", "graph.gexf"):
        xml.dom.minidom.parse(str(out / name))
    G = kg.load(out / "graph.graphml")
    H = kg.load(out / "graph.json")
    assert nx.utils.graphs_equal(G, H)
    for line in (out / "papers.jsonl").read_text(encoding="utf-8").strip("\n").split("\n"):
        record = json.loads(line)
        for ent in record["entities"]:
            assert record[ent["field"]][ent["start"] : ent["end"]] == ent["text"]


_DATA_OPEN = '<script id="kg-data" type="application/json">'


def _html_parts(page):
    start = page.index(_DATA_OPEN) + len(_DATA_OPEN)
    end = page.index("</script>", start)
    return page[:start], page[start:end], page[end:]


def test_catalogue_html_runs_no_input_script(catalogue_build):
    from kg.export.html import to_html
    from kg.graph import build_graph
    from kg.model import Paper

    (out, _), _ = catalogue_build
    page = (out / "graph.html").read_text(encoding="utf-8")
    before, data, after = _html_parts(page)
    # the data block holds the whole JSON document: hostile text cannot close the script element early
    shown = json.dumps(json.loads(data), ensure_ascii=False)
    for title in ("</script><script>alert(3)</script>", "<script>alert('title')</script>Net",
                  "\"><img src=x onerror=alert(5)>", "{{7*7}} ${7*7} <%= 7*7 %> ]]> &amp; &lt;b&gt;"):
        assert json.dumps(title, ensure_ascii=False) in shown, title  # shown as text, exactly
    assert not re.search("[<>\u2028\u2029]", data)
    # outside the data block the page has what a page built from harmless text has, and no input text
    plain = to_html(build_graph([Paper(key="p", title="Plain", abstract="Plain.")]))
    plain_outside = "".join(_html_parts(plain)[::2])
    outside = before + after
    for needle in ("<script", "</script", "onerror=", "onload=", "<iframe", "javascript:", "{{"):
        assert outside.lower().count(needle) == plain_outside.lower().count(needle), needle
    for needle in ("alert(1)", "alert(2)", "alert(3)", "alert(5)", "alert(7)", "alert(8)", "<svg onload", "<img src=x",
                   "<img/src", "7*7", "ScriptNet", "http://evil/"):
        assert needle not in outside, needle


def test_catalogue_extract_one_line_per_good_record(runner, tmp_path):
    out = tmp_path / "x.jsonl"
    result = runner.invoke(cli, ["extract", "--skip-bad", str(HOSTILE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").strip("\n").split("\n")]
    assert len(lines) == sum(n for _, n, _ in IN_DIRECTORY.values())
    assert "Traceback" not in result.output


# --- pathological text: every case time-boxed in a subprocess ---------------------------------


def _extract_within(tmp_path, abstract, seconds):
    """Run ``kg extract`` on one paper with ``abstract`` in a subprocess; True if it ended within ``seconds``."""
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": "p", "title": "Pathological", "abstract": abstract}) + "\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "extract", str(path), "-o", str(tmp_path / "x.jsonl")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
    try:
        _, stderr = proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return False
    assert proc.returncode == 0, stderr
    assert json.loads((tmp_path / "x.jsonl").read_text(encoding="utf-8"))["id"] == "p"
    return True


@pytest.mark.slow
def test_pathological_text_that_is_handled(tmp_path):
    cases = [
        "( " * 50_000,  # 100k brackets, spaced
        "We use (A (B [C {D " * 5_000,  # unbalanced brackets between words
        " ".join(["("] * 20_000 + ["x"] + [")"] * 20_000),  # deeply nested, spaced
        "😀🚀 مرحبا Ωμέγα ∑∫√ " * 5_000,  # emoji, right-to-left, maths
        "lorem ipsum " * 100_000,  # 1.2 MB, capped
    ]
    assert _extract_within(tmp_path, "\n".join(cases), 120)


@pytest.mark.slow
@pytest.mark.parametrize("abstract", [
    pytest.param("(" * 100_000, id="100k-open-brackets"),
    pytest.param("(" * 20_000 + "x" + ")" * 20_000, id="nested-brackets"),
    pytest.param("We use " + "A" * 100_000 + " here.", id="100k-character-word"),
    pytest.param("1" * 100_000 + " times faster", id="100k-digit-number"),
    pytest.param("we use BERT and ResNet on ImageNet with accuracy " * 2_000, id="100k-sentence-of-mentions"),
    pytest.param("We propose Sequential Chunk-wise Optimization (SeCO). " + "SeCO beats BERT on ImageNet " * 3_500,
                 id="100k-of-a-defined-acronym"),
])
def test_pathological_text_never_hangs(tmp_path, abstract):
    assert _extract_within(tmp_path, abstract, 20)


def test_one_line_escapes_terminal_control():
    assert one_line("a\nb\x1b[2J\u2028\ud800") == "a\\x0ab\\x1b[2J\\u2028\\ud800"
    assert "\n" not in str(KgError("bad\nthing", path="dir/new\nline.txt", line=3))
