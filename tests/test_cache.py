"""The extraction cache: exact round trip, invalidation, and incremental builds that extract only new papers."""

import json
import sqlite3

import pytest
from click.testing import CliRunner

from kg.api import OUTPUT_FILES, build_outputs
from kg.cache import CACHE_DIR, CACHE_FILE, ExtractionCache, cache_path, mention_from_row, mention_to_row, text_key
from kg.cli import cli
from kg.extract import Extractor
from kg.model import Mention

ROWS = [
    {"id": "p1", "title": "SeCO: Chunk-wise Training", "abstract": "We propose Sequential Chunk-wise Optimization "
     "(SeCO). On the KIT-ML dataset, SeCO reaches an mIoU of 71.8%."},
    {"id": "p2", "title": "Segmenting Cells", "abstract": "We train a U-Net on the ISBI challenge in terms of accuracy."},
]
NEW_ROW = {"id": "p3", "title": "Fast Attention", "abstract": "We evaluate BERT on the GLUE benchmark in terms of F1."}

MENTION = Mention("mIoU", "Metric", 3, 7, "abstract", "mIoU", "metric:miou", 0, 40, "gazetteer", 0.875,
                  value="71.8%", value_dataset="dataset:cityscapes")


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.fixture
def counted(extractor, monkeypatch):
    """The extractor, with the number of texts its pipeline is given counted in ``.texts_seen``."""
    pipe = extractor.nlp.pipe
    extractor.texts_seen = 0
    inside = []  # nlp.pipe(as_tuples=True) calls nlp.pipe again: count the outer call only

    def counting_pipe(texts, **kwargs):
        def count(items):
            for item in items:
                extractor.texts_seen += 1
                yield item

        if inside:
            yield from pipe(texts, **kwargs)
            return
        inside.append(True)
        try:
            yield from pipe(count(texts), **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(extractor.nlp, "pipe", counting_pipe)
    yield extractor
    del extractor.texts_seen


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _outputs(out_dir):
    return {name: (out_dir / name).read_bytes() for name in OUTPUT_FILES}


def test_mentions_round_trip_exactly():
    odd = Mention("Ü\ud800x\r\n\"", "Method", 0, 5, "title", "Ü", "method:u", 0, 9, "acronym", 0.1 + 0.2,
                  proposed=True)
    for mention in (MENTION, odd):
        row = json.loads(json.dumps(mention_to_row(mention), ensure_ascii=True))
        back = mention_from_row(row)
        assert back == mention
        assert [type(getattr(back, f)) for f in back.__slots__] == [type(getattr(mention, f)) for f in back.__slots__]


def test_cache_stores_and_returns_mentions(tmp_path):
    path = tmp_path / "c" / "extract.sqlite"
    with ExtractionCache(path, "pipe/1") as cache:
        assert cache.get("T", "A") is None
        cache.put_many([("T", "A", [MENTION]), ("T2", "", [])])
    with ExtractionCache(path, "pipe/1") as cache:
        assert cache.get("T", "A") == [MENTION]
        assert cache.get("T2", "") == []
        assert cache.get("T", "A ") is None
        assert (cache.hits, cache.misses, len(cache)) == (2, 1, 2)


def test_text_key_does_not_confuse_title_and_abstract():
    assert text_key("a\n\nb", "") != text_key("a", "b") != text_key("a", "\n\nb")
    assert text_key("a", "b") == text_key("a", "b")


def test_another_pipeline_invalidates_the_cache(tmp_path):
    path = tmp_path / "extract.sqlite"
    with ExtractionCache(path, "pipe/1") as cache:
        cache.put_many([("T", "A", [MENTION])])
    with ExtractionCache(path, "pipe/2") as cache:
        assert cache.get("T", "A") is None
    with ExtractionCache(path, "pipe/1") as cache:
        assert len(cache) == 0  # the old pipeline's rows were dropped, not kept aside


def test_a_cache_of_another_layout_is_emptied(tmp_path):
    path = tmp_path / "extract.sqlite"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('format', '0:text,label'), ('pipeline', 'pipe/1')")
        conn.execute("CREATE TABLE mentions (a, b, c)")
        conn.execute("INSERT INTO mentions VALUES (1, 2, 3)")
    conn.close()
    with ExtractionCache(path, "pipe/1") as cache:
        assert len(cache) == 0
        cache.put_many([("T", "A", [MENTION])])
        assert cache.get("T", "A") == [MENTION]


def test_a_damaged_cache_is_replaced_with_a_warning(tmp_path):
    path = tmp_path / "extract.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.warns(UserWarning, match="extraction cache unreadable"):
        cache = ExtractionCache(path, "pipe/1")
    with cache:
        cache.put_many([("T", "A", [MENTION])])
        assert cache.get("T", "A") == [MENTION]
    assert sqlite3.connect(path).execute("SELECT count(*) FROM mentions").fetchone() == (1,)


def test_second_build_extracts_only_the_new_paper(counted, tmp_path):
    first = _jsonl(tmp_path / "first.jsonl", ROWS)
    second = _jsonl(tmp_path / "second.jsonl", [NEW_ROW])
    out = tmp_path / "out"

    result = build_outputs(out, [first], extractor=counted)
    assert counted.texts_seen == 2 and (result["extracted"], result["cached"]) == (2, 0)
    assert cache_path(out) == out / CACHE_DIR / CACHE_FILE and cache_path(out).is_file()

    counted.texts_seen = 0
    result = build_outputs(out, [first, second], extractor=counted)
    assert counted.texts_seen == 1 and (result["extracted"], result["cached"]) == (1, 2)
    cached_outputs = _outputs(out)

    counted.texts_seen = 0
    fresh = tmp_path / "fresh"
    build_outputs(fresh, [first, second], extractor=counted, cache=False)
    assert counted.texts_seen == 3
    assert not (fresh / CACHE_DIR).exists()
    assert _outputs(fresh) == cached_outputs


def test_cli_reports_the_cache_and_no_cache_bypasses_it(tmp_path):
    data = _jsonl(tmp_path / "in.jsonl", ROWS)
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(cli, ["build", str(data), "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert "from the cache" not in first.output
    again = runner.invoke(cli, ["build", str(data), "-o", str(out)])
    assert again.exit_code == 0, again.output
    assert "extracted: 0 paper(s); 2 taken from the cache" in again.output
    bypass = runner.invoke(cli, ["build", str(data), "-o", str(out), "--no-cache"])
    assert bypass.exit_code == 0, bypass.output
    assert "from the cache" not in bypass.output
