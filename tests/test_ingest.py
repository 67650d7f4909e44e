"""Ingest: listing dumps, JSON Lines, CSV, arXiv metadata, dedupe, errors."""

import json

import pytest

from kg.errors import KgError
from kg.ingest import dedupe, parse_listing, read_file, read_inputs, sample_paths
from kg.model import normalise_title, paper_key

LISTING_BLANK = """new

Get trending papers in your email inbox!

Subscribe

byAK and the research community

Mar 18

Alpha: A Method

We propose Alpha. It works.

Beta Nets for Graphs

Beta nets are studied here. They generalise.
"""

LISTING_TIGHT = """Get trending papers in your email inbox once a day!
Get trending papers in your email inbox!
SubscribeMotion Mamba: Efficient Motion Generation
Human motion generation is studied. We propose Motion Mamba.
U-Net: Convolutional Networks for Biomedical Image Segmentation
There is large consent that training needs data. We present U-Net.
"""


def test_listing_with_blank_lines_drops_chrome():
    papers = list(parse_listing(LISTING_BLANK.splitlines(), "a.txt"))
    assert [p.title for p in papers] == ["Alpha: A Method", "Beta Nets for Graphs"]
    assert papers[0].abstract == "We propose Alpha. It works."
    assert papers[0].sources == ["a.txt:11"]


def test_listing_consecutive_lines_and_glued_chrome():
    papers = list(parse_listing(LISTING_TIGHT.splitlines(), "b.txt"))
    assert [p.title for p in papers] == [
        "Motion Mamba: Efficient Motion Generation",
        "U-Net: Convolutional Networks for Biomedical Image Segmentation",
    ]
    assert papers[1].abstract.endswith("We present U-Net.")


def test_listing_title_without_abstract_does_not_swallow_next_title():
    lines = ["Lonely Title", "Next Title Here", "An abstract that is long enough. It has sentences. " * 3]
    papers = list(parse_listing(lines, "c.txt"))
    assert [p.title for p in papers] == ["Lonely Title", "Next Title Here"]
    assert papers[0].abstract == ""


def test_bundled_sample_has_389_entries_and_368_papers():
    papers = list(read_inputs())
    assert len(sample_paths()) == 4
    assert len(papers) == 389
    assert len(dedupe(papers)) == 368
    assert papers[0].sources[0].startswith("sample/")


def test_jsonl_text_field_and_missing_title(tmp_path):
    path = tmp_path / "p.jsonl"
    rows = [{"id": "x1", "text": "We use BERT."}, {"id": "x2", "title": "T", "abstract": "A", "arxiv_id": "2403.07487v2"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    papers = list(read_file(path))
    assert papers[0].id == "x1" and papers[0].title == "" and papers[0].abstract == "We use BERT."
    assert papers[1].arxiv_id == "2403.07487" and papers[1].key == "arxiv-2403.07487"


def test_arxiv_snapshot_format(tmp_path):
    path = tmp_path / "arxiv.json"
    row = {"id": "1505.04597", "title": "U-Net:  Convolutional\n Networks", "abstract": " There is...\n",
           "authors": "Olaf Ronneberger, Philipp Fischer, Thomas Brox", "categories": "cs.CV cs.LG",
           "update_date": "2015-05-18"}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (paper,) = read_file(path)
    assert paper.arxiv_id == "1505.04597"
    assert paper.authors == ("Olaf Ronneberger", "Philipp Fischer", "Thomas Brox")
    assert paper.categories == ("cs.CV", "cs.LG")
    assert paper.date == "2015-05-18"
    assert paper.title == "U-Net:  Convolutional\n Networks"  # kept as given: offsets refer to it


def test_csv_with_text_column_and_missing_abstract_column(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text('title,text,url\n"A, B",We use ResNet-50.,https://arxiv.org/abs/2101.00001\n', encoding="utf-8")
    (paper,) = read_file(good)
    assert paper.title == "A, B" and paper.arxiv_id == "2101.00001"
    bad = tmp_path / "bad.csv"
    bad.write_text("title,body\nA,B\n", encoding="utf-8")
    with pytest.raises(KgError, match=r"bad\.csv:1: CSV has no 'abstract'"):
        list(read_file(bad))


def test_malformed_json_names_file_and_line(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"title": "T", "abstract": "A"}\n{"title": \n', encoding="utf-8")
    with pytest.raises(KgError, match=r"p\.jsonl:2: malformed JSON"):
        list(read_file(path))
    skipped = []
    assert len(list(read_file(path, on_error=skipped.append))) == 1
    assert len(skipped) == 1


def test_dedupe_by_title_keeps_all_sources(tmp_path):
    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps({"title": "Deep Nets!", "abstract": "x"}) + "\n", encoding="utf-8")
    b = tmp_path / "b.jsonl"
    b.write_text(json.dumps({"title": "deep   nets", "abstract": "x", "date": "2024-01-02"}) + "\n", encoding="utf-8")
    (paper,) = dedupe(read_inputs([a, b]))
    assert paper.sources == [f"{a}:1", f"{b}:1"]
    assert paper.date == "2024-01-02"


def test_paper_key_is_stable_and_title_based():
    assert paper_key(title="Deep Nets!") == paper_key(title="deep nets")
    assert paper_key(title="Deep Nets") != paper_key(title="Deep Net")
    assert normalise_title("U-Net: Conv") == "u net conv"


@pytest.mark.parametrize(
    "content, message",
    [(b"", "file is empty"), (b"\x00\x01\x02binary", "binary file"), (b"\xff\xfe\xfa", "not valid UTF-16"), (b"ok \xff\xfa", "not valid UTF-8")],
)
def test_unreadable_files(tmp_path, content, message):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(KgError, match=message):
        list(read_file(path))


def test_utf16_bom_and_crlf(tmp_path):
    path = tmp_path / "u.txt"
    path.write_bytes("Title One\r\nAbstract one. We use BERT.\r\n".encode("utf-16"))
    (paper,) = read_file(path)
    assert paper.title == "Title One" and paper.abstract == "Abstract one. We use BERT."


def test_missing_path_and_empty_directory(tmp_path):
    with pytest.raises(KgError, match="no such file"):
        list(read_inputs([tmp_path / "nope.txt"]))
    with pytest.raises(KgError, match="directory holds no input files"):
        list(read_inputs([tmp_path]))
