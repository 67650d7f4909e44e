"""kg's fast components give exactly the results of the spaCy components they replace.

``kg_ner`` decodes the trained NER model as spaCy's ``ner`` does; ``kg_sentences`` splits
sentences as spaCy's ``sentencizer`` does; ``kg_gazetteer`` matches names as spaCy's
``PhraseMatcher`` does.
"""

import re

import numpy as np
import pytest
import spacy
from thinc.api import use_ops

from kg.extract.ner import CONFIDENCE_KEY, entity_confidence
from kg.extract.pipeline import FIELD_SEPARATOR, customise_tokenizer, model_path
from kg.ingest import read_inputs

pytestmark = pytest.mark.skipif(model_path() is None, reason="the trained NER model is not in the package")

EDGE_CASES = [
    "",
    "BERT",
    "   ",
    "ResNet\n\n\n",
    "We use the Transformer. \n \n ImageNet-1K\tand   COCO.",
    "Graph Neural Networks Graph Neural Networks Graph Neural Networks Graph Neural Networks Graph Neural "
    "Networks Convolutional Neural Networks Recurrent Neural Networks Long Short-Term Memory Networks.",
    "Hello!!! World?? ok . e.g. this. That (b.) c. \n\nD。日本 . . y ...",
    "Deep Residual Learning for Image Recognition with Stochastic Gradient Descent. Fine-tuning BERT on "
    "SQuAD v1.1 and GLUE improves F1 and exact match; Mask R-CNN on MS COCO reaches 37.1 AP.",
]


@pytest.fixture(scope="module")
def both():
    """The trained pipeline with spaCy's ``ner`` and ``kg_ner`` side by side, and docs up to the NER."""
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(model_path())
    customise_tokenizer(nlp)
    nlp.add_pipe("sentencizer", first=True)
    fast = nlp.add_pipe("kg_ner", after="ner")
    return nlp, nlp.get_pipe("ner"), fast


def _ents(docs):
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]


def _docs(nlp, texts):
    """Fresh docs of ``texts`` as they reach the NER: tokens, sentences, tok2vec."""
    return list(nlp.get_pipe("tok2vec").pipe(nlp.get_pipe("sentencizer").pipe(nlp.tokenizer.pipe(texts))))


def _compare(nlp, ner, fast, texts, batch_size=64):
    expected = _ents(ner.pipe(_docs(nlp, texts), batch_size=batch_size))
    assert _ents(fast.pipe(_docs(nlp, texts), batch_size=batch_size)) == expected
    return expected


def test_same_entities_as_spacy_on_the_sample(both):
    texts = [p.title + FIELD_SEPARATOR + p.abstract for p in read_inputs()]
    expected = _compare(*both, texts)
    assert sum(map(len, expected)) > 1000  # the comparison saw entities of every kind
    assert {label for ents in expected for _, _, label in ents} == {"Dataset", "Method", "Metric", "Task"}


def test_same_entities_on_edge_cases(both):
    _compare(*both, EDGE_CASES, batch_size=3)
    _compare(*both, EDGE_CASES, batch_size=1)


def test_entities_longer_than_the_window_take_several_windows(both):
    nlp, ner, fast = both
    texts = [p.title + FIELD_SEPARATOR + p.abstract for p in read_inputs()][:120] + EDGE_CASES
    long_entities = [ents for ents in _compare(nlp, ner, fast, texts) if any(e - s >= 2 for s, e, _ in ents)]
    assert long_entities
    fast.window = 1  # an entity of two tokens or more takes a window per token
    try:
        _compare(nlp, ner, fast, texts)
    finally:
        fast.window = 8


def test_the_pipeline_runs_kg_ner_on_the_trained_model():
    from kg.extract.pipeline import build_pipeline

    nlp = build_pipeline()
    assert nlp.pipe_names.index("kg_ner") == nlp.pipe_names.index("tok2vec") + 1
    assert "ner" not in nlp.pipe_names and nlp.disabled == ["ner"]  # kept for its weights
    doc = nlp("We fine-tune BERT on SQuAD and report F1.")
    assert doc.ents


def _sentence_starts(docs):
    return [[t.is_sent_start for t in doc] for doc in docs]


def test_kg_sentences_splits_as_spacy_sentencizer():
    nlp = spacy.blank("en")
    customise_tokenizer(nlp)
    texts = [p.title + FIELD_SEPARATOR + p.abstract for p in read_inputs()] + EDGE_CASES
    theirs, ours = nlp.add_pipe("sentencizer"), nlp.add_pipe("kg_sentences")
    expected = _sentence_starts(theirs.pipe(nlp.make_doc(t) for t in texts))
    assert _sentence_starts(ours.pipe(nlp.make_doc(t) for t in texts)) == expected
    assert sum(starts.count(True) for starts in expected) > 2000


def test_a_doc_with_preset_entities_keeps_them(both):
    nlp, ner, fast = both
    texts = ["We fine-tune BERT on SQuAD and report F1.", "ResNet-50 on ImageNet reaches 76% top-1 accuracy."]

    def docs():
        out = _docs(nlp, texts)
        out[0].set_ents([out[0].char_span(0, 2, label="Method")], default="unmodified")  # "We", preset
        return out

    expected = _ents(ner.pipe(docs()))
    assert expected[0][0] == (0, 1, "Method")
    assert _ents(fast.pipe(docs())) == expected


def test_confidence_is_spacys_probability_of_the_opening_action(both):
    """An entity's confidence is the softmax, over the valid actions, of spaCy's own scores for
    the state in which it opens (checked here for entities at the first token of a doc)."""
    nlp, ner, fast = both
    texts = ["ImageNet is a dataset.", "Transformer models beat LSTM on SQuAD.", "BLEU rises."]
    docs = list(fast.pipe(_docs(nlp, texts)))
    states = ner.moves.init_batch(_docs(nlp, texts))
    scores = ner.model.predict(_docs(nlp, texts)).predict(states)
    for doc, state, row in zip(docs, states, scores):
        confidence = {tuple(map(int, key.split(":"))): p for key, p in doc.user_data[CONFIDENCE_KEY].items()}
        assert set(confidence) == {(e.start, e.end) for e in doc.ents}
        assert [entity_confidence(doc, e) for e in doc.ents] == [confidence[(e.start, e.end)] for e in doc.ents]
        assert all(0 < p <= 1 for p in confidence.values())
        valid = np.array([ner.moves.is_valid(state, ner.moves.get_class_name(a)) for a in range(len(row))])
        probs = np.exp(np.where(valid, row, -np.inf) - row[valid].max())
        if doc.ents and doc.ents[0].start == 0:
            assert confidence[(0, doc.ents[0].end)] == pytest.approx(probs.max() / probs.sum(), abs=1e-3)
    assert any(doc.ents and doc.ents[0].start == 0 for doc in docs)


def test_merge_drops_model_entities_below_min_confidence(both):
    from kg.extract import Extractor
    from kg.extract.pipeline import build_pipeline

    nlp = build_pipeline()
    text = "Transformer models beat LSTM on SQuAD."
    doc = nlp(text)
    probs = {ent.text: entity_confidence(doc, ent) for ent in doc.ents}
    merge = nlp.get_pipe("kg_merge")
    cut = sorted(probs.values())[0] + 1e-6  # just above the least confident entity
    merge.min_confidence = cut
    kept = {m.text: m.confidence for m in Extractor(nlp).extract_text(text) if m.source == "model"}
    assert all(p >= cut for p in kept.values())
    assert min(probs, key=probs.get) not in kept


def test_a_doc_with_confidences_round_trips_through_bytes():
    from spacy.tokens import Doc

    from kg.extract.pipeline import build_pipeline

    nlp = build_pipeline()
    doc = nlp("We fine-tune BERT on SQuAD and report F1.")
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again.user_data[CONFIDENCE_KEY] == doc.user_data[CONFIDENCE_KEY] != {}


def _phrase_matches(nlp, records, docs):
    """What spaCy's PhraseMatcher finds for the gazetteer's names (exact ones by ORTH, the others by
    LOWER, each also in lowercase), before kg's own filters: the matches ``GazetteerMatcher``
    replaced it for. An exact name that holds an acronym (two capitals in a word) lets its plain
    words ("Score", "challenge") take any case: those are found by LOWER and kept where every
    other word is as written."""
    from spacy.matcher import PhraseMatcher

    from kg.extract.gazetteer import GazetteerMatcher

    forms, _ = GazetteerMatcher._forms(records)
    exact, folded = PhraseMatcher(nlp.vocab, attr="ORTH"), PhraseMatcher(nlp.vocab, attr="LOWER")
    loose, loose_forms = PhraseMatcher(nlp.vocab, attr="LOWER"), {}
    for (is_exact, key), names in sorted(forms.items()):
        strings = sorted(names) if is_exact else sorted(names | {n.lower() for n in names})
        if not is_exact:
            folded.add(key, [nlp.tokenizer(s) for s in strings])
            continue
        for string in strings:
            tokens = [t.text for t in nlp.tokenizer(string)]
            if any(re.fullmatch(r"[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*", t) for t in tokens):
                loose.add(key, [nlp.tokenizer(string)])
                loose_forms.setdefault(key, []).append(tokens)
            else:
                exact.add(key, [nlp.tokenizer(string)])

    def loose_matches(doc):
        for k, start, end in loose(doc):
            key = nlp.vocab.strings[k]
            words = [t.text for t in doc[start:end]]
            if any(len(form) == len(words) and all(re.fullmatch(r"[A-Z]?[a-z]{2,}", f) or f == w
                                                   for f, w in zip(form, words)) for form in loose_forms[key]):
                yield key, start, end, True

    return [sorted({*((nlp.vocab.strings[k], s, e, m is exact) for m in (exact, folded) for k, s, e in m(doc)),
                    *loose_matches(doc)})
            for doc in docs]


def test_gazetteer_token_trie_finds_what_spacys_phrase_matcher_finds():
    """Over the sample and edge cases, with the shipped index and without it."""
    from kg.extract.gazetteer import GazetteerMatcher, load_records
    from kg.extract.pipeline import build_pipeline

    nlp = build_pipeline(use_model=False)
    gaz = nlp.get_pipe("kg_gazetteer")
    records = load_records()
    docs = [nlp.make_doc(p.title + FIELD_SEPARATOR + p.abstract) for p in read_inputs()]
    docs += [nlp.make_doc(t) for t in EDGE_CASES + ["imagenet-1k, ImageNet-1K and IMAGENET; U-Net, UNet, u-nets"]]
    live = GazetteerMatcher(nlp, records=records[::-1])  # built now: the shipped index is for the records in order
    assert live.trie.root is not gaz.trie.root
    for matcher in (gaz, live):
        found = [sorted(matcher.matches(d)) for d in docs]
        assert found == _phrase_matches(nlp, records, docs)
    assert sum(map(len, found)) > 1000


def test_shipped_gazetteer_index_is_current():
    """The index was made for the shipped records and tokenizer, and is what they give now (else:
    python scripts/make_gazetteer_index.py)."""
    from kg.extract.gazetteer import build_index, load_records, records_digest, shipped_index, spacy_series
    from kg.extract.pipeline import build_pipeline

    index = shipped_index()
    assert index is not None, "kg/data/gazetteer/index.pickle is missing or unreadable"
    records = load_records()
    assert index["records"] == records_digest(records)
    if index["spacy"] != spacy_series():  # still correct (built at load), a second slower
        pytest.skip(f"the index was made with spaCy {index['spacy']}, this is {spacy_series()}")
    tokenizer = build_pipeline(use_model=False).tokenizer
    assert index == build_index(records, tokenizer)
    assert build_pipeline(use_model=False).get_pipe("kg_gazetteer").trie.root is index["trie"]  # used as shipped


def test_an_index_for_other_records_or_another_tokenizer_is_ignored(monkeypatch):
    from kg.extract import gazetteer
    from kg.extract.gazetteer import GazetteerMatcher, Record, build_index

    nlp = spacy.blank("en")
    customise_tokenizer(nlp)
    records = [Record("u-net", "Method", "U-Net", ()), Record("gpt-4", "Method", "GPT-4", ())]
    forged = build_index(records, nlp.tokenizer)
    doc = nlp("U-Net and GPT-4")
    assert len(list(GazetteerMatcher(nlp, records=records).matches(doc))) == 2
    forged["trie"] = {}  # a wrong index: used only when the digests match
    monkeypatch.setattr(gazetteer, "shipped_index", lambda: forged)
    assert list(GazetteerMatcher(nlp, records=records).matches(doc)) == []
    assert len(list(GazetteerMatcher(nlp, records=records[::-1]).matches(doc))) == 2
    blank = spacy.blank("en")
    assert len(list(GazetteerMatcher(blank, records=records).matches(blank("U-Net and GPT-4")))) == 2


def test_the_index_reader_refuses_a_pickle_that_names_a_class(tmp_path):
    import pickle

    from kg.extract.gazetteer import _DataUnpickler

    path = tmp_path / "index.pickle"
    path.write_bytes(pickle.dumps({"format": 1, "when": __import__("datetime").date(2026, 1, 1)}))
    with open(path, "rb") as fh, pytest.raises(pickle.UnpicklingError):
        _DataUnpickler(fh).load()


def test_inference_layers_give_thincs_vectors(both):
    """The tok2vec with kg's inference-only maxout and layer-norm layers gives bit-for-bit the
    vectors of thinc's own layers, on texts of several lengths batched together."""
    from kg.extract.tok2vec import use_inference_layers

    nlp, _, _ = both
    texts = EDGE_CASES + [p.abstract for p in list(read_inputs())[:40]]
    docs = list(nlp.get_pipe("sentencizer").pipe(nlp.tokenizer.pipe(texts)))
    with use_ops("numpy", use_blis=False):
        fresh = spacy.load(model_path())
    model = fresh.get_pipe("tok2vec").model
    expected = model.predict(docs)
    assert use_inference_layers(model) == 8  # the embedding's maxout and norm, three CNN layers' each
    assert [node.name for node in model.walk()].count("maxout") == 4
    assert all(node.ops.use_blis is False for node in model.walk())  # the loaded model's ops, kept
    got = model.predict(docs)
    assert len(got) == len(expected) and all(np.array_equal(a, b) for a, b in zip(got, expected))
    with pytest.raises(NotImplementedError):
        model.begin_update(docs[-1:])[1]([np.zeros_like(expected[-1])])
