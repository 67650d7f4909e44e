"""Tests for kg.corpus (loading, split, scoring) and the shipped NER model."""

import json
from pathlib import Path

import pytest

from kg.corpus import (
    entity_keys,
    entity_sets,
    is_generic,
    load_corpus,
    named_view,
    prf,
    score_all,
    score_mentions,
    score_papers,
    split,
    split_of,
)
from kg.errors import KgError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MODEL = ROOT / "kg" / "models" / "ner"


def ent(start, end, label, text="x"):
    return {"start": start, "end": end, "label": label, "text": text}


# --- loading -----------------------------------------------------------------------------


def test_load_corpus_reads_shipped_files():
    scirex = load_corpus(DATA / "scirex_abstracts.jsonl")
    tdmsci = load_corpus(DATA / "tdmsci_sentences.jsonl")
    assert len(scirex) == 214 and len(tdmsci) == 1523
    assert sum(len(r["entities"]) for r in scirex) == 1829 + 270 + 278 + 988


def test_load_corpus_checks_title_entities_against_the_title(tmp_path):
    rec = {"id": "p", "title": "Motion Mamba: fast", "text": "We use Mamba.",
           "entities": [{"start": 0, "end": 12, "text": "Motion Mamba", "label": "Method", "field": "title"},
                        {"start": 7, "end": 12, "text": "Mamba", "label": "Method"}]}
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(rec) + "\n")
    assert load_corpus(path)[0]["entities"] == rec["entities"]
    rec["entities"][0]["field"] = "text"  # the offsets do not fit the text
    path.write_text(json.dumps(rec) + "\n")
    with pytest.raises(KgError, match=r"c\.jsonl:1: .*'Motion Mamba' does not match its offsets"):
        load_corpus(path)


def test_modern_corpus_is_built_from_the_shipped_annotations(tmp_path):
    """data/modern_abstracts.jsonl is exactly what scripts/make_modern_corpus.py makes of the
    annotation lists and the bundled sample, and every listed name occurs."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_modern_corpus", ROOT / "scripts" / "make_modern_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "modern.jsonl"
    assert module.main(["--out", str(out)]) == 0
    assert out.read_bytes() == (DATA / "modern_abstracts.jsonl").read_bytes()
    records = load_corpus(out)
    assert len(records) == len({r["id"] for r in records}) > 300
    assert any(e.get("field") == "title" for r in records for e in r["entities"])
    import doctest

    assert doctest.testmod(module).failed == 0


def test_load_corpus_rejects_bad_offsets(tmp_path):
    path = tmp_path / "bad.jsonl"
    good = {"id": "a", "title": "", "text": "on MNIST", "entities": [ent(3, 8, "Dataset", "MNIST")]}
    bad = {"id": "b", "title": "", "text": "on MNIST", "entities": [ent(2, 8, "Dataset", "MNIST")]}
    path.write_text(json.dumps(good) + "\n\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(KgError, match=r"bad\.jsonl:3: .*does not match its offsets"):
        load_corpus(path)


def test_load_corpus_rejects_unknown_label_and_missing_file(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x", "entities": [ent(0, 1, "Person")]}) + "\n")
    with pytest.raises(KgError, match="unknown label 'Person'"):
        load_corpus(path)
    with pytest.raises(KgError, match="cannot read corpus"):
        load_corpus(tmp_path / "missing.jsonl")


# --- split -------------------------------------------------------------------------------


def test_split_is_deterministic_disjoint_and_complete():
    records = [{"id": f"doc{i}"} for i in range(1000)]
    a, b = split(records), split(list(reversed(records)))
    ids = {part: {r["id"] for r in recs} for part, recs in a.items()}
    assert ids == {part: {r["id"] for r in recs} for part, recs in b.items()}
    assert not ids["train"] & ids["dev"] and not ids["train"] & ids["test"] and not ids["dev"] & ids["test"]
    assert len(ids["train"]) + len(ids["dev"]) + len(ids["test"]) == 1000
    assert 650 < len(ids["train"]) < 750 and 70 < len(ids["dev"]) < 130
    # a unit's part depends on its id only
    assert all(split_of(r["id"]) == part for part, recs in a.items() for r in recs)


def test_split_of_shipped_corpora_is_stable():
    parts = split(load_corpus(DATA / "scirex_abstracts.jsonl"))
    assert {k: len(v) for k, v in parts.items()} == {"train": 153, "dev": 26, "test": 35}
    parts = split(load_corpus(DATA / "tdmsci_sentences.jsonl"))
    assert {k: len(v) for k, v in parts.items()} == {"train": 1049, "dev": 154, "test": 320}


# --- generic rule and keys ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "generic"),
    [("training", "Task", True), ("pooling", "Method", True), ("re-ranking", "Task", True),
     ("datasets", "Dataset", True), ("ImageNet", "Dataset", False), ("F1", "Metric", False),
     ("object detection", "Task", False), ("CNNs", "Method", False), ("word2vec", "Method", False)],
)
def test_is_generic(text, label, generic):
    assert is_generic(text, label) is generic


def test_known_names_are_not_generic():
    assert not is_generic("Accuracy", "Metric")
    assert is_generic("accuracy", "Metric")
    assert not is_generic("accuracy", "Metric", known={"accuracy"})
    assert named_view([ent(0, 8, "Metric", "accuracy"), ent(9, 17, "Task", "training")], {"accuracy"}) == [
        ent(0, 8, "Metric", "accuracy")]


def test_entity_keys_fold_case_hyphens_plurals_type_words_and_acronyms():
    assert entity_keys("Intersection-over-Union") == entity_keys("intersection over union")
    assert entity_keys("CNNs") == {"cnn"}
    assert entity_keys("Penn Treebank (PTB)") == {"penn treebank (ptb)", "penn treebank", "ptb"}
    assert "squad" in entity_keys("SQuAD dataset")


def test_entity_sets_merge_by_shared_key_and_canonical():
    sets = entity_sets([
        {"text": "Penn Treebank (PTB)", "label": "Dataset"},
        {"text": "PTB", "label": "Dataset"},
        {"text": "Penn Treebank", "label": "Dataset"},
        {"text": "BERT-base", "label": "Method", "entity_id": "method:bert"},
        {"text": "BERT", "label": "Method", "entity_id": "method:bert"},
        {"text": "PTB", "label": "Task"},
    ])
    assert [len(s) for s in sets["Dataset"]] == [3]
    assert len(sets["Method"]) == 1 and len(sets["Task"]) == 1


# --- scoring -----------------------------------------------------------------------------


def test_prf_handles_zero_counts():
    assert prf(0, 0, 0, 0) == {"p": 0.0, "r": 0.0, "f": 0.0, "n_pred": 0, "n_gold": 0}
    assert prf(1, 3, 1, 2) == {"p": 0.3333, "r": 0.5, "f": 0.4, "n_pred": 3, "n_gold": 2}


def test_score_mentions_strict_exact_numbers():
    gold = [[ent(0, 5, "Method"), ent(10, 15, "Dataset"), ent(20, 25, "Metric")], [ent(0, 3, "Task")]]
    pred = [[ent(0, 5, "Method"), ent(10, 14, "Dataset"), ent(30, 35, "Metric")], [ent(0, 3, "Method")]]
    s = score_mentions(gold, pred)
    assert s["Method"] == {"p": 0.5, "r": 1.0, "f": 0.6667, "n_pred": 2, "n_gold": 1}
    assert s["Dataset"]["f"] == 0.0 and s["Task"]["r"] == 0.0
    assert s["micro"] == {"p": 0.25, "r": 0.25, "f": 0.25, "n_pred": 4, "n_gold": 4}


def test_score_mentions_lenient_counts_precision_and_recall_separately():
    gold = [[ent(0, 5, "Task"), ent(6, 10, "Task"), ent(20, 25, "Dataset")]]
    pred = [[ent(0, 10, "Task"), ent(20, 25, "Metric")]]  # one wide span; wrong label
    s = score_mentions(gold, pred, lenient=True)
    assert s["Task"] == {"p": 1.0, "r": 1.0, "f": 1.0, "n_pred": 1, "n_gold": 2}
    assert s["micro"] == {"p": 0.5, "r": 0.6667, "f": 0.5714, "n_pred": 2, "n_gold": 3}
    # touching but not overlapping spans do not match
    assert score_mentions([[ent(0, 5, "Task")]], [[ent(5, 9, "Task")]], lenient=True)["micro"]["f"] == 0.0


def test_score_mentions_compares_spans_within_their_field():
    gold = [[{**ent(0, 5, "Method"), "field": "title"}, ent(0, 5, "Method")]]
    pred = [[ent(0, 5, "Method")]]  # right offsets, but only in the text
    strict = score_mentions(gold, pred, labels=("Method",))["micro"]
    lenient = score_mentions(gold, pred, labels=("Method",), lenient=True)["micro"]
    assert (strict["p"], strict["r"]) == (1.0, 0.5) and (lenient["p"], lenient["r"]) == (1.0, 0.5)


def test_score_mentions_ignores_labels_outside_the_scored_set():
    gold = [[ent(0, 5, "Task")]]
    pred = [[ent(0, 5, "Task"), ent(6, 9, "Method")]]
    s = score_mentions(gold, pred, labels=("Dataset", "Metric", "Task"))
    assert s["micro"]["p"] == 1.0 and "Method" not in s


def test_score_papers_exact_numbers():
    gold = [
        [{"text": "ImageNet", "label": "Dataset"}, {"text": "ImageNet", "label": "Dataset"},
         {"text": "top-1 accuracy", "label": "Metric"}, {"text": "ResNet", "label": "Method"}],
        [{"text": "machine translation", "label": "Task"}, {"text": "BLEU", "label": "Metric"}],
    ]
    pred = [
        [{"text": "ImageNet dataset", "label": "Dataset"}, {"text": "ResNet", "label": "Method"},
         {"text": "CIFAR-10", "label": "Dataset"}],
        [{"text": "Machine Translation (MT)", "label": "Task"}, {"text": "BLEU score", "label": "Metric"},
         {"text": "BLEU", "label": "Task"}],
    ]
    s = score_papers(gold, pred)
    assert s["Dataset"] == {"p": 0.5, "r": 1.0, "f": 0.6667, "n_pred": 2, "n_gold": 1}
    assert s["Metric"] == {"p": 1.0, "r": 0.5, "f": 0.6667, "n_pred": 1, "n_gold": 2}
    assert s["Task"] == {"p": 0.5, "r": 1.0, "f": 0.6667, "n_pred": 2, "n_gold": 1}
    assert s["micro"] == {"p": 0.6667, "r": 0.8, "f": 0.7273, "n_pred": 6, "n_gold": 5}


def test_score_papers_uses_canonical_of_predictions():
    gold = [[{"text": "convolutional neural networks", "label": "Method"}]]
    pred = [[{"text": "ConvNets", "label": "Method", "canonical": "Convolutional Neural Network",
              "entity_id": "method:cnn"}]]
    assert score_papers(gold, pred)["micro"]["f"] == 1.0


def test_score_all_named_view_drops_generic_gold():
    gold = [[ent(0, 8, "Task", "training"), ent(12, 20, "Dataset", "ImageNet")]]
    pred = [[ent(12, 20, "Dataset", "ImageNet")]]
    s = score_all(gold, pred)
    assert s["paper"]["micro"]["r"] == 0.5
    assert s["paper_named"]["micro"] == {"p": 1.0, "r": 1.0, "f": 1.0, "n_pred": 1, "n_gold": 1}


def test_scoring_rejects_unaligned_inputs():
    with pytest.raises(ValueError):
        score_mentions([[]], [])
    with pytest.raises(ValueError):
        score_papers([], [[]])


# --- the shipped model -------------------------------------------------------------------


@pytest.fixture(scope="module")
def ner():
    spacy = pytest.importorskip("spacy")
    return spacy.load(MODEL)


def test_model_has_only_tokenizer_tok2vec_ner_with_the_four_labels(ner):
    assert ner.pipe_names == ["tok2vec", "ner"]
    assert sorted(ner.get_pipe("ner").labels) == ["Dataset", "Method", "Metric", "Task"]


def test_model_finds_an_obvious_dataset(ner):
    # both corpora usually keep a trailing type word in the span ("COCO dataset"), and so does the model
    doc = ner("We evaluate on the ImageNet dataset.")
    assert [(e.text, e.label_) for e in doc.ents] in ([("ImageNet", "Dataset")], [("ImageNet dataset", "Dataset")])


def test_model_size_is_small():
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size < 15 * 2**20


def test_corpus_doctests():
    import doctest

    import kg.corpus

    result = doctest.testmod(kg.corpus)
    assert result.failed == 0 and result.attempted >= 10


def test_training_script_conversions():
    import doctest
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_ner", ROOT / "scripts" / "train_ner.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted >= 5
