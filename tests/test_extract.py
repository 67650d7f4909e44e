"""The extraction pipeline: components, offsets contract, save/load."""

import dataclasses

import pytest
import spacy

from kg.extract import Extractor, link_across_papers
from kg.extract.abbreviations import find_long_form
from kg.extract.filters import _BENCHMARK_NAME, _ends_in_score_word, is_generic
from kg.extract.merge import (
    _Cand,
    _complete_language_pairs,
    _cut_at_clauses,
    _drop_split_known_names,
    _drop_spans_over_two_names,
    _extend_type_nouns,
    _extend_versions,
    _language_qualified_tasks,
    _whole_words,
    _yield_to_crossed_names,
)
from kg.extract.normalize import entity_id, fold
from kg.extract.patterns import find_pattern_mentions
from kg.extract.roles import find_value
from kg.model import Mention, Paper


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def _found(mentions):
    return {(m.text, m.label) for m in mentions}


def _texts(extractor, text, label):
    """The texts of the mentions of ``label`` the extractor finds in ``text``, in order."""
    return [m.text for m in extractor.extract_text(text) if m.label == label]


def _values(extractor, text):
    """``{metric text: (value, value dataset)}`` of the metrics the extractor finds in ``text``."""
    return {m.text: (m.value, m.value_dataset) for m in extractor.extract_text(text) if m.label == "Metric"}


def _results(extractor, text):
    """``{metric text: results}`` (every value with its dataset) of the metrics found in ``text``."""
    return {m.text: m.results for m in extractor.extract_text(text) if m.label == "Metric"}


def test_acronym_definition_is_one_entity_and_later_mentions_resolve(extractor):
    text = ("To mitigate this issue, we propose Sequential Chunk-wise Optimization (SeCO), a memory-efficient "
            "training paradigm. Building on SeCO, we go further.")
    mentions = extractor.extract_text(text, title="SeCO: Long Contexts")
    seco = [m for m in mentions if m.entity_id == "method:sequential-chunk-wise-optimization"]
    assert {m.text for m in seco} == {"Sequential Chunk-wise Optimization (SeCO)", "SeCO"}
    assert {m.field for m in seco} == {"title", "abstract"}
    assert all(m.proposed and m.canonical == "Sequential Chunk-wise Optimization" for m in seco)


def test_a_quoted_short_form_is_defined_too(extractor):
    text = ('We introduce a novel asymmetric loss ("ASL"), which treats samples differently. '
            "We show how ASL balances them. ASL is easy to implement.")
    asl = [m for m in extractor.extract_text(text) if "ASL" in m.text]
    assert [m.text for m in asl] == ['asymmetric loss ("ASL")', "ASL", "ASL"]
    assert {(m.label, m.canonical) for m in asl} == {("Method", "asymmetric loss")}


def test_a_quoted_long_form_is_not_joined_across_its_closing_quote(extractor):
    text = 'We propose the "Robust Weight Signature" (RWS) method. RWS is cheap.'
    rws = [m.text for m in extractor.extract_text(text) if m.canonical == "Robust Weight Signature"]
    assert rws == ["Robust Weight Signature", "RWS", "RWS"]


def test_offsets_index_the_fields_as_given(extractor):
    title = "KIVI:  A Tuning-Free\tQuantization"
    text = "We evaluate on the  KIT-ML dataset\nand report an mIoU of 71.8% on Cityscapes.\r\nDone."
    mentions = extractor.extract_text(text, title=title)
    assert mentions
    for m in mentions:
        field = title if m.field == "title" else text
        assert field[m.start : m.end] == m.text
        assert m.start >= m.sentence_start and m.end <= m.sentence_end


def test_context_patterns():
    text = "We propose SimVQ and evaluate it on the KIT-ML dataset in terms of FID."
    got = [(text[m.start : m.end], m.label, m.proposed) for m in find_pattern_mentions(text)]
    assert got == [("SimVQ", "Method", True), ("KIT-ML", "Dataset", False), ("FID", "Metric", False)]
    title = find_pattern_mentions("LinFusion: 1 GPU, 1 Minute", title=True)
    assert [(m.start, m.end, m.proposed) for m in title] == [(0, 9, True)]
    assert find_pattern_mentions("A Survey: of things", title=True) == []


def test_dataset_lists_after_dataset_noun():
    text = "on four image classification datasets (i.e., CIFAR-10, SVHN, STL-10, and ImageNet) we win."
    names = [text[m.start : m.end] for m in find_pattern_mentions(text) if m.label == "Dataset"]
    assert names == ["CIFAR-10", "SVHN", "STL-10", "ImageNet"]


def test_a_comma_after_the_dataset_noun_opens_a_list_only_of_names():
    def datasets(text):
        return [text[m.start : m.end] for m in find_pattern_mentions(text) if m.label == "Dataset"]

    assert datasets("We use three datasets, MNIST, CIFAR-10 and SVHN, and show that X wins.") == [
        "MNIST", "CIFAR-10", "SVHN"]
    # the clause after the comma is no list: "LiDAR" names a sensor here
    assert datasets("We test on several datasets, we show robustness across camera and LiDAR inputs.") == []


def test_metric_values_and_their_dataset(extractor):
    mentions = extractor.extract_text("Our approach achieves an mIoU of 71.8% on the Cityscapes dataset.")
    (miou,) = [m for m in mentions if m.label == "Metric"]
    assert miou.value == "71.8%"
    assert miou.value_dataset == "dataset:cityscapes"
    assert find_value("a 50% FID improvement", 6, 9) == "50%"
    assert find_value("FID is good", 0, 3) is None


def test_dataset_spans_include_their_type_noun_but_ids_do_not(extractor):
    mentions = extractor.extract_text("We set aside the TAC 2008 data set and the KIT-ML dataset for testing.")
    found = {(m.text, m.canonical, m.entity_id) for m in mentions if m.label == "Dataset"}
    assert ("KIT-ML dataset", "KIT-ML", "dataset:kit-ml") in found
    assert ("TAC 2008 data set", "TAC 2008", "dataset:tac-2008") in found


def test_metric_spans_take_specific_modifiers(extractor):
    mentions = extractor.extract_text("We report labeled recall and a precision at 30 of 87%.")
    assert {m.text for m in mentions if m.label == "Metric"} >= {"labeled recall", "precision at 30"}


def test_citation_parentheses_are_not_part_of_a_name(extractor):
    from kg.extract.filters import _cut_parenthetical

    doc = extractor.nlp.make_doc("spoken language understanding (Jabaian et al")
    assert doc[: _cut_parenthetical(doc, 0, len(doc))].text == "spoken language understanding"
    doc = extractor.nlp.make_doc("machine translation (MT)")
    assert _cut_parenthetical(doc, 0, len(doc)) == len(doc)


def test_speedup_phrasing(extractor):
    mentions = extractor.extract_text("SpaCO is up to 3x faster than SeCO.")
    (speed,) = [m for m in mentions if m.label == "Metric"]
    assert (speed.text, speed.canonical, speed.value) == ("faster", "speedup", "3x")


def test_long_form_search():
    cand = "we propose Sequential Chunk-wise Optimization"
    assert cand[find_long_form("SeCO", cand):] == "Sequential Chunk-wise Optimization"
    assert find_long_form("XYZ", "nothing here") == -1


@pytest.mark.parametrize("short, candidate, long_form", [
    # Schwartz-Hearst alone matches "o" and "p" inside "optimization" and loses "proximal"
    ("PPO", "policies optimised with proximal policy optimization", "proximal policy optimization"),
    ("RLHF", "we study Reinforcement learning from human feedback", "Reinforcement learning from human feedback"),
    ("SSMs", "such as structured state space models", "state space models"),
    ("MoE", "a sparse Mixture-of-Experts", "Mixture-of-Experts"),
    ("SeCO", "we propose Sequential Chunk-wise Optimization", "Sequential Chunk-wise Optimization"),  # not initials
])
def test_long_form_prefers_words_whose_initials_spell_the_short_form(short, candidate, long_form):
    assert candidate[find_long_form(short, candidate):] == long_form


def test_model_pieces_of_a_known_name_yield_to_it():
    # "the 95% Hausdorff distance": the model's "95%" and "Hausdorff distance" inside the gazetteer's name
    known = _Cand(2, 6, "Metric", "gazetteer", "95th-percentile-hausdorff-distance")
    pieces = [_Cand(2, 4, "Metric", "model"), _Cand(4, 6, "Metric", "model")]
    assert _drop_split_known_names([known, *pieces]) == [known]
    # one model span inside a longer alias stays ("BLEU" inside "BLEU score"), and so does
    # everything when a model span crosses the name's edge
    bleu = [_Cand(3, 5, "Metric", "gazetteer", "bleu"), _Cand(3, 4, "Metric", "model")]
    assert _drop_split_known_names(bleu) == bleu
    crossing = [known, *pieces, _Cand(5, 8, "Metric", "model")]
    assert _drop_split_known_names(crossing) == crossing
    # a model span that ends the name but drops its first words yields ("speech tagging")
    pos = _Cand(2, 6, "Task", "gazetteer", "part-of-speech-tagging")
    assert _drop_split_known_names([pos, _Cand(4, 6, "Task", "model")]) == [pos]
    # so does a model span that leaves out the name's version: "CTB" of "CTB 5.1"
    doc = spacy.blank("en")("Results on CTB 5.1 and BLEU score .")
    ctb = _Cand(2, 4, "Dataset", "gazetteer", "chinese-treebank-5")
    assert _drop_split_known_names([ctb, _Cand(2, 3, "Dataset", "model")], doc) == [ctb]
    bleu = [_Cand(5, 7, "Metric", "gazetteer", "bleu"), _Cand(5, 6, "Metric", "model")]
    assert _drop_split_known_names(bleu, doc) == bleu


def test_a_version_after_a_dataset_or_method_name_is_part_of_it():
    doc = spacy.blank("en")("We use FrameNet 1.5 , SQuAD v2 , dropout 0.1 , BERT 2.5 points and ImageNet 76.1 .")
    chosen = [_Cand(2, 3, "Dataset", "gazetteer", "framenet"), _Cand(5, 6, "Dataset", "model"),
              _Cand(8, 9, "Method", "gazetteer", "dropout"), _Cand(11, 12, "Method", "gazetteer", "bert"),
              _Cand(15, 16, "Dataset", "gazetteer", "imagenet")]
    spans = [doc[c.start : c.end].text for c in _extend_versions(doc, chosen)]
    # an edition is its own entity; a rate ("0.1"), a quantity ("2.5 points") and a score are not versions
    assert spans == ["FrameNet 1.5", "SQuAD v2", "dropout", "BERT", "ImageNet"]
    extended = _extend_versions(doc, chosen)[0]
    assert (extended.span_id, extended.source) == ("", "pattern")  # no longer the gazetteer's bare name


def test_treebank_editions_and_language_corpora_are_distinct_entities(extractor):
    text = ("We train on CTB 5.1 and test on CTB 6.0 and the Penn Chinese Treebank (CTB), with language "
            "models trained on the Chinese Gigaword corpus and the English Gigaword corpus.")
    found = {(m.text, m.entity_id) for m in extractor.extract_text(text) if m.label == "Dataset"}
    assert {("CTB 5.1", "dataset:chinese-treebank-5"), ("CTB 6.0", "dataset:chinese-treebank-6"),
            ("Penn Chinese Treebank (CTB)", "dataset:chinese-treebank")} <= found
    assert {m.entity_id for m in extractor.extract_text(text) if "Gigaword" in m.text} == {
        "dataset:chinese-gigaword", "dataset:gigaword"}


def test_a_known_name_spelt_with_spaces_for_hyphens_is_matched_whole(extractor):
    found = _found(extractor.extract_text("Features help parsing or part of speech tagging, and Faster RCNN too."))
    assert ("part of speech tagging", "Task") in found and ("speech tagging", "Task") not in found


def test_model_spans_do_not_end_inside_a_hyphenated_name(extractor):
    doc = extractor.nlp.make_doc("We train MolFormer-G, CNN-based nets and T5-XXL with Precision-Recall.")
    assert [t.text for t in doc][2:5] == ["MolFormer", "-", "G"]

    def model(start, end):
        return _Cand(start, end, "Method", "model")

    def tok(word):
        return [t.text for t in doc].index(word)

    cands = [model(2, 3), model(tok("CNN"), tok("CNN") + 1), model(tok("T5"), tok("T5") + 1),
             model(tok("Precision"), tok("Precision") + 1), model(tok("Recall"), tok("Recall") + 1)]
    got = [doc[c.start : c.end].text for c in _whole_words(doc, cands)]
    # "-based" is no name piece; "Recall" is an entity of its own for the model
    assert got == ["MolFormer-G", "CNN", "T5-XXL", "Precision", "Recall"]
    gazetteer = [_Cand(2, 3, "Method", "gazetteer", "x")]
    assert _whole_words(doc, gazetteer) == gazetteer  # only the model's spans


def test_long_form_found_by_initials_takes_the_gazetteer_identity(extractor):
    text = "Policies are trained with proximal policy optimization (PPO). PPO is stable."
    mentions = extractor.extract_text(text)
    assert [(m.text, m.entity_id, m.source) for m in mentions] == [
        ("proximal policy optimization (PPO)", "method:ppo", "gazetteer"),
        ("PPO", "method:ppo", "gazetteer"),
    ]


@pytest.mark.parametrize("text, label", [("our method", "Method"), ("the model", "Method"), ("large datasets", "Dataset"),
                                         ("training", "Task"), ("performance", "Metric"), ("experiments", "Task"),
                                         ("PCIe", "Method"), ("A100", "Method"), ("Treebanks", "Dataset"),
                                         ("the lexicon", "Dataset"), ("Chinese-English", "Task"),
                                         ("English to German", "Task"), ("a Chinese corpus", "Dataset"),
                                         ("Zero-shot", "Task"), ("5-shot", "Method")])
def test_generic_mentions_are_filtered(text, label):
    assert is_generic(text, label)


@pytest.mark.parametrize("text, label", [("knowledge distillation", "Method"), ("HumanML3D", "Dataset"),
                                         ("regret", "Metric"), ("human motion generation", "Task"),
                                         ("Arabic Treebank", "Dataset"), ("Chinese-English translation", "Task"),
                                         ("English Gigaword", "Dataset"), ("few-shot learning", "Task")])
def test_specific_mentions_are_kept(text, label):
    assert not is_generic(text, label)


def test_normalisation_merges_variants_and_keeps_distinct_things():
    assert fold("Diffusion Models") == fold("diffusion-model")
    assert entity_id("Method", "GANs") == entity_id("Method", "GAN")
    assert entity_id("Method", "ResNet-50") != entity_id("Method", "ResNet-101")
    assert entity_id("Dataset", "Cityscapes") == "dataset:cityscapes"
    assert entity_id("Method", "αβ") != entity_id("Method", "γδ")


def _mention(text, entity, canonical, source):
    return Mention(text=text, label=entity.partition(":")[0].capitalize(), start=0, end=len(text), field="abstract", canonical=canonical,
                   entity_id=entity, sentence_start=0, sentence_end=len(text), source=source, confidence=0.8)


def test_bare_acronym_resolves_to_long_form_defined_in_another_paper():
    long_id = "method:sequential-chunk-wise-optimization"
    a = Paper(key="a", title="", abstract="", mentions=[
        _mention("Sequential Chunk-wise Optimization", long_id, "Sequential Chunk-wise Optimization", "acronym"),
        _mention("SeCO", long_id, "Sequential Chunk-wise Optimization", "acronym")])
    b = Paper(key="b", title="", abstract="", mentions=[_mention("SeCO", "method:seco", "SeCO", "model")])
    c = Paper(key="c", title="", abstract="", mentions=[_mention("LMC", "method:lmc", "LMC", "model")])
    link_across_papers([a, b, c])
    assert [(m.entity_id, m.canonical) for m in b.mentions] == [(long_id, "Sequential Chunk-wise Optimization")]
    assert c.mentions[0].entity_id == "method:lmc"


def test_pipeline_saves_and_loads(tmp_path, extractor):
    extractor.nlp.to_disk(tmp_path / "nlp")
    nlp = spacy.load(tmp_path / "nlp")
    assert nlp.pipe_names == extractor.nlp.pipe_names
    text = "\n\nWe propose Sequential Chunk-wise Optimization (SeCO) for LLMs."
    a = [(s.text, s.label_) for s in nlp(text).spans["kg_entities"]]
    b = [(s.text, s.label_) for s in extractor.nlp(text).spans["kg_entities"]]
    assert a == b and a


def test_saved_pipeline_loads_in_a_fresh_process(tmp_path, extractor):
    """The factories are registered as spaCy entry points: spacy.load needs no import of kg."""
    import json
    import subprocess
    import sys

    extractor.nlp.to_disk(tmp_path / "nlp")
    text = "\n\nWe propose Sequential Chunk-wise Optimization (SeCO) and fine-tune BERT on SQuAD."
    code = ("import json, sys, spacy; doc = spacy.load(sys.argv[1])(sys.argv[2]); "
            "print(json.dumps([[s.text, s.label_] for s in doc.spans['kg_entities']]))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "nlp"), text], capture_output=True, text=True,
                          cwd=tmp_path, check=True)
    expected = [[s.text, s.label_] for s in extractor.nlp(text).spans["kg_entities"]]
    assert json.loads(done.stdout) == expected and ["BERT", "Method"] in expected


def test_a_name_ending_a_sentence_loses_the_full_stop(extractor):
    # spaCy's English tokenizer keeps "ViT." whole (its rule for "U.S."); kg's splits it off
    text = "We compare against ViT. Results on the U.S. census are in Fig. 2 and DeiT."
    found = {(m.text, m.label) for m in extractor.extract_text(text)}
    assert {("ViT", "Method"), ("DeiT", "Method")} <= found
    assert not any(m.text.endswith(".") for m in extractor.extract_text(text))


def test_a_title_with_a_blank_line_is_still_the_title(extractor):
    from kg.extract.patterns import PATTERNS_KEY
    from kg.extract.pipeline import make_paper_doc, title_length

    title = "SimVQ:\n\nVector Quantization Done Right"
    doc = make_paper_doc(extractor.nlp, title, "We evaluate on ImageNet.")
    assert title_length(doc) == len(title)
    with extractor.nlp.select_pipes(enable=["kg_sentences", "kg_fields", "kg_patterns"]):
        doc = extractor.nlp(doc)
    proposed = [(s.text, s._.kg_proposed) for s in doc.spans[PATTERNS_KEY] if s.label_ == "Method"]
    assert ("SimVQ", True) in proposed  # the title rule "X: …" saw the whole title
    assert title_length(extractor.nlp.make_doc("A\n\nB")) == 1  # a doc of joined text: its first blank line


def test_names_with_inner_capitals_do_not_match_ordinary_lowercase_words():
    from kg.extract.gazetteer import GazetteerMatcher, Record

    nlp = spacy.blank("en")
    gaz = GazetteerMatcher(nlp, records=[Record("complex", "Method", "ComplEx", ()),
                                         Record("imagenet", "Dataset", "ImageNet", ())])
    doc = gaz(nlp("complex features, ComplEx and COMPLEX on Imagenet, IMAGENET, imagenet"))
    # a mixed-case name matches in other cases but lowercase; not one that is an English word then
    assert [s.text for s in doc.spans["kg_gazetteer"]] == ["ComplEx", "Imagenet", "IMAGENET"]


def _filtered(text, spans):
    """Run the generic filter over model spans ``(substring, label)`` of ``text``; return (text, label) kept."""
    from kg.extract.filters import GenericFilter
    from kg.extract.merge import ENTITIES_KEY

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    group = []
    for sub, label in spans:
        start = text.index(sub)
        span = doc.char_span(start, start + len(sub), label=label)
        span._.kg_source = "model"
        group.append(span)
    doc.spans[ENTITIES_KEY] = group
    return [(s.text, s.label_) for s in GenericFilter()(doc).spans[ENTITIES_KEY]]


def test_model_datasets_need_a_dataset_context():
    text = "We build HiPPO. It wins on KITTI and the Foo corpus. We release FooBar."
    assert _filtered(text, [("HiPPO", "Dataset"), ("KITTI", "Dataset"), ("Foo", "Dataset"),
                            ("FooBar", "Dataset")]) == [("KITTI", "Dataset"), ("Foo", "Dataset")]


def test_model_metrics_need_a_measure_word_or_a_value():
    text = "MarDini beats ViG-S in accuracy and reaches 24.4 XBLEU."
    assert _filtered(text, [("MarDini", "Metric"), ("ViG-S", "Metric"), ("accuracy", "Metric"),
                            ("XBLEU", "Metric")]) == [("accuracy", "Metric"), ("XBLEU", "Metric")]


def test_citations_are_no_entities_and_evaluation_events_are_tasks():
    assert is_generic("Choromanski et al", "Dataset")
    text = "We won the ILSVRC 2015 classification task on the test set."
    assert _filtered(text, [("ILSVRC 2015 classification task", "Dataset")]) == [
        ("ILSVRC 2015 classification task", "Task")]


@pytest.mark.parametrize("text, found", [
    ("To this end, we propose a memory-efficient training paradigm that splits inputs.",
     [("memory-efficient training paradigm", "propose-described")]),
    ("We present a more effective flow inference approach at each level.",
     [("flow inference approach", "propose-described")]),
    ("We propose a novel multiscale approach, called the hierarchical multiscale recurrent network, that works.",
     [("hierarchical multiscale recurrent network", "named")]),
    ("we propose Sequential Chunk-wise Optimization (SeCO), a memory-efficient training paradigm.", []),
    ("we propose a new learning paradigm, Unified GAN Compression, for GANs.", []),
    ("we introduce a new class of restricted model that works.", []),
    # one modifier describes too little: on the modern corpus's train part 9 of 9 such were not entities
    ("We propose an automatic framework that searches.", []),
    ("we propose a simple augmentation scheme for graphs.", []),
])
def test_described_proposals_are_methods(text, found):
    from kg.extract.patterns import _described_methods

    got = [(text[m.start : m.end], m.rule) for m in _described_methods(text)]
    assert got == found
    assert all(m.proposed and m.label == "Method" for m in _described_methods(text))


def test_naming_words_and_trailing_clause_words_are_trimmed():
    text = "The distilled model, termed LinFusion where it wins, is fast."
    assert _filtered(text, [("termed LinFusion where", "Method")]) == [("LinFusion", "Method")]


def test_a_span_across_a_title_colon_is_no_entity():
    text = "SineNet: Learning Temporal Dynamics in Equations"
    assert _filtered(text, [(text, "Task")]) == []


def test_task_spans_include_task_but_ids_do_not(extractor):
    mentions = extractor.extract_text("We study the semantic segmentation task on Cityscapes.")
    (task,) = [m for m in mentions if m.label == "Task"]
    assert (task.text, task.canonical, task.entity_id) == (
        "semantic segmentation task", "semantic segmentation", "task:semantic-segmentation")


def test_number_precision_is_not_the_metric(extractor):
    mentions = extractor.extract_text("We train in mixed precision with 2-bit precision weights and report precision and recall.")
    assert [m.start for m in mentions if m.canonical == "precision"] == [68]


def test_lowercase_long_form_with_a_method_head_is_a_method():
    from kg.extract.merge import _label_of_defined_name

    nlp = spacy.blank("en")
    assert _label_of_defined_name(nlp("deeply-supervised nets")[:]) == "Method"
    assert _label_of_defined_name(nlp("contextual attention module")[:]) == "Method"
    assert _label_of_defined_name(nlp("linear mode connectivity")[:]) is None
    assert _label_of_defined_name(nlp("learning rate")[:]) is None
    assert _label_of_defined_name(nlp("Sequential Chunk-wise Optimization")[:]) == "Method"


def test_gazetteer_names_inside_hyphenated_compounds_do_not_match():
    from kg.extract.gazetteer import GazetteerMatcher, Record

    nlp = spacy.blank("en")
    gaz = GazetteerMatcher(nlp, records=[Record("gan", "Method", "GAN", ())])
    doc = gaz(nlp("LS-GAN beats a GAN and GAN-based models."))
    assert [(s.start_char, s.text) for s in doc.spans["kg_gazetteer"]] == [(15, "GAN"), (23, "GAN")]


def test_leading_prepositions_and_trailing_adverbs_are_trimmed():
    text = "By tuning DeltaNet jointly we win, and the MobileNet family too."
    assert _filtered(text, [("By tuning DeltaNet jointly", "Method"), ("MobileNet family", "Method")]) == [
        ("tuning DeltaNet", "Method"), ("MobileNet family", "Method")]


def test_names_ending_in_a_digit_and_capital_match_in_any_position(extractor):
    mentions = extractor.extract_text("We evaluate on ADE20K. We also use Flickr30K, and ImageNet-21K.")
    assert {(m.text, m.entity_id) for m in mentions if m.label == "Dataset"} == {
        ("ADE20K", "dataset:ade20k"), ("Flickr30K", "dataset:flickr30k"), ("ImageNet-21K", "dataset:imagenet-21k")}


def test_a_full_stop_after_a_name_is_split_off(extractor):
    doc = extractor.nlp.make_doc("We beat ViT. See U.S.A. and Fig. 3 on CelebA.")
    assert [t.text for t in doc] == ["We", "beat", "ViT", ".", "See", "U.S.A.", "and", "Fig", ".", "3", "on",
                                     "CelebA", "."]


def test_an_acronym_takes_method_from_its_long_forms_head(extractor):
    from kg.extract.merge import _head_label

    nlp = spacy.blank("en")
    doc = nlp("prototypical part network and centered kernel alignment")
    assert _head_label(doc[0:3]) == "Method"
    assert _head_label(doc[4:7]) is None  # a task head ends metrics and methods too: no override
    text = ("Early-exiting dynamic neural networks (EDNN) circumvent this issue. Training an EDNN "
            "architecture is challenging.")
    labels = {m.label for m in extractor.extract_text(text) if "EDNN" in m.text}
    assert labels == {"Method"}


def test_a_known_name_with_its_acronym_inside_stays_whole(extractor):
    # the acronym "(POS)" defines "part-of-speech", a modifier: the task is the whole name
    text = "We study part-of-speech (POS) tagging for Twitter with a hidden Markov model (HMM)."
    found = {(m.text, m.entity_id) for m in extractor.extract_text(text)}
    assert ("part-of-speech (POS) tagging", "task:part-of-speech-tagging") in found
    assert not any(t == "part-of-speech (POS)" for t, _ in found)
    assert ("hidden Markov model (HMM)", "method:hidden-markov-model") in found


def test_an_evaluation_split_after_a_dataset_is_part_of_the_span_not_of_the_entity(extractor):
    text = "We report results on the CTB test set and on the WMT14 evaluation set."
    found = {(m.text, m.entity_id) for m in extractor.extract_text(text) if m.label == "Dataset"}
    assert found == {("CTB test set", "dataset:chinese-treebank"), ("WMT14 evaluation set", "dataset:wmt14")}


def test_pipeline_id_hashes_the_model_the_pipeline_loaded(tmp_path):
    """An extraction cache must not mix mentions of two models: the id follows the weights loaded."""
    from kg.extract.pipeline import build_pipeline, model_path, pipeline_id

    if model_path() is None:
        pytest.skip("the trained NER model is not in the package")
    nlp = spacy.load(model_path())
    lower = nlp.get_pipe("ner").model.get_ref("lower")
    lower.set_param("W", lower.get_param("W") * 1.01)
    nlp.to_disk(tmp_path / "other")
    shipped = pipeline_id(build_pipeline())
    assert pipeline_id(build_pipeline(model=model_path())) == shipped
    assert pipeline_id(build_pipeline(model=tmp_path / "other")) != shipped


def test_a_metric_does_not_start_with_the_verb_that_measures_it(extractor):
    text = "Training ViT-B/16 image encoders on subsets of LAION-2B, we measure accuracy."
    got = [(m.text, m.label) for m in extractor.extract_text(text)]
    assert ("accuracy", "Metric") in got
    assert ("LAION-2B", "Dataset") in got
    assert not any(t.startswith("measure") for t, _ in got)


def test_phrases_about_how_a_method_works_are_not_methods():
    for text in ("self-supervised manner", "generative capabilities", "matching state-of-the-art"):
        assert is_generic(text, "Method"), text
    for text in ("knowledge distillation", "state space model", "reasoning ability"):
        assert not is_generic(text, "Task" if text == "reasoning ability" else "Method"), text


def test_spellings_that_differ_in_hyphens_and_spaces_are_one_entity_across_papers():
    a = Paper(key="a", title="", abstract="", mentions=[
        _mention("multi-branch residual block", "method:multi-branch-residual-block", "multi-branch residual block",
                 "model"),
        _mention("multi-branch residual block", "method:multi-branch-residual-block", "multi-branch residual block",
                 "model")])
    b = Paper(key="b", title="", abstract="", mentions=[
        _mention("multibranch residual block", "method:multibranch-residual-block", "multibranch residual block",
                 "model"),
        _mention("ImageNet1K", "dataset:imagenet1k", "ImageNet1K", "model")])
    c = Paper(key="c", title="", abstract="", mentions=[
        _mention("ImageNet-1K", "dataset:imagenet-1k", "ImageNet-1K", "gazetteer"),
        _mention("ResNet-50", "method:resnet-50", "ResNet-50", "gazetteer"),
        _mention("ResNet-101", "method:resnet-101", "ResNet-101", "gazetteer")])
    link_across_papers([a, b, c])
    # the spelling with more mentions wins; the gazetteer's identity over any count
    assert {m.entity_id for m in a.mentions + b.mentions[:1]} == {"method:multi-branch-residual-block"}
    assert b.mentions[0].canonical == "multi-branch residual block" and b.mentions[0].text == "multibranch residual block"
    assert (b.mentions[1].entity_id, b.mentions[1].canonical) == ("dataset:imagenet-1k", "ImageNet-1K")
    assert [m.entity_id for m in c.mentions] == ["dataset:imagenet-1k", "method:resnet-50", "method:resnet-101"]


def test_linking_moves_a_metric_values_dataset_with_its_entity():
    import dataclasses

    score = dataclasses.replace(_mention("accuracy", "metric:accuracy", "accuracy", "gazetteer"),
                                value="91%", value_dataset="dataset:imagenet1k")
    a = Paper(key="a", title="", abstract="", mentions=[
        _mention("ImageNet1K", "dataset:imagenet1k", "ImageNet1K", "model"), score])
    b = Paper(key="b", title="", abstract="", mentions=[
        _mention("ImageNet-1K", "dataset:imagenet-1k", "ImageNet-1K", "gazetteer")])
    link_across_papers([a, b])
    assert a.mentions[1].value_dataset == "dataset:imagenet-1k"


def test_a_name_given_after_a_type_noun_takes_its_kind():
    def found(text):
        return {(text[m.start : m.end], m.label, m.proposed) for m in find_pattern_mentions(text)}

    assert found("This paper proposes a large-scale dataset named GLH-Bridge comprising 6,000 images.") == {
        ("GLH-Bridge", "Dataset", False)}
    assert found("We propose a novel evaluation metric, termed the normalized flow gap, for models.") == {
        ("normalized flow gap", "Metric", False)}
    assert found("We propose a metric learning method named DeepML that works.") == {("DeepML", "Method", True)}
    assert found("We propose SimVQ and evaluate it.") == {("SimVQ", "Method", True)}


def test_a_method_introduced_as_existing_work_is_not_proposed_by_a_later_cue(extractor):
    text = ("Decentralized Identity (DID) has advantages over traditional identity management. "
            "This paper proposes a privacy-preserving DID authentication model with a signature-less "
            "credential scheme, named SLVC-DIDA.")
    proposed = {m.text for m in extractor.extract_text(text, title="SLVC-DIDA: Issuer-hiding Authentication")
                if m.proposed}
    assert "SLVC-DIDA" in proposed
    assert not proposed & {"DID", "Decentralized Identity (DID)"}


def test_a_proposal_cue_proposes_the_first_name_not_its_parts(extractor):
    text = ("We propose a Weighted Autoregressive Varying gatE (WAVE) attention mechanism equipped with "
            "both Autoregressive (AR) and Moving-average (MA) components. We introduce FooNet and BarNet. "
            "Our method is equivalent to entropy regularization.")
    proposed = {m.text for m in extractor.extract_text(text) if m.proposed}
    assert "Weighted Autoregressive Varying gatE (WAVE)" in proposed and {"FooNet", "BarNet"} <= proposed
    assert not proposed & {"Autoregressive (AR)", "AR", "entropy regularization"}


def test_the_proposed_right_before_a_name_proposes_it(extractor):
    text = ("Segmentation improves via the proposed gradual Receptive Field Component Reasoning (RFCR). "
            "Moreover, the proposed network with Graph Attention Routing converges faster.")
    proposed = {m.text for m in extractor.extract_text(text) if m.proposed}
    assert "Receptive Field Component Reasoning (RFCR)" in proposed
    assert not any("Routing" in t for t in proposed)


def test_a_name_introduced_with_a_type_noun_after_it_takes_its_kind(extractor):
    text = ("To address these challenges, we introduce the HouseSeg3D dataset, a new synthetic point cloud "
            "dataset designed for 3D indoor scene semantic segmentation. We introduce LibriTTS-P, a new corpus "
            "based on LibriTTS-Q that includes utterance-level descriptions of speaking style.")
    title = "HouseSeg3D: A Benchmark Dataset for Assessing Occlusion Robustness in 3D Point Cloud Segmentation"
    found = _found(extractor.extract_text(text, title=title))
    assert ("HouseSeg3D dataset", "Dataset") in found and ("HouseSeg3D", "Method") not in found
    # a variant of a known dataset ("LibriTTS") is a dataset, whatever the model's label
    assert ("LibriTTS-Q", "Dataset") in found


def test_an_acronym_glued_to_its_long_form_is_defined(extractor):
    text = "We introduce a Multi-Token Pattern Recognition network(MTPR). MTPR handles inputs 10x longer."
    ids = {m.text: m.entity_id for m in extractor.extract_text(text)}
    assert ids.get("MTPR") is not None and ids["MTPR"] == ids.get("Multi-Token Pattern Recognition network(MTPR)")


def test_a_kind_of_data_is_not_a_task():
    for text in ("camera images", "LiDAR point clouds", "long-tail and complex scenes"):
        assert is_generic(text, "Task"), text
    for text in ("image segmentation", "remote sensing image", "text-to-image", "3D point cloud segmentation"):
        assert not is_generic(text, "Task"), text


@pytest.mark.parametrize("text, title, expected", [
    ("Compound-QA: A Benchmark for Evaluating LLMs on Compound Questions", True, ("Compound-QA", "Dataset", False)),
    ("MMLU-Pro: A More Robust and Challenging Multi-Task Language Understanding Benchmark", True,
     ("MMLU-Pro", "Dataset", False)),
    ("Diversity-Driven Synthesis: Enhancing Dataset Distillation", True, ("Diversity-Driven Synthesis", "Method", True)),
    ("We introduce arXivBench, a benchmark specifically designed to assess LLMs.", False,
     ("arXivBench", "Dataset", False)),
    ("We present HumanML3D, a large-scale dataset of 3D motions.", False, ("HumanML3D", "Dataset", False)),
    ("We propose FooNet, which beats the benchmark.", False, ("FooNet", "Method", True)),
])
def test_an_apposition_after_a_new_name_says_what_it_is(text, title, expected):
    found = [(text[m.start : m.end], m.label, m.proposed) for m in find_pattern_mentions(text, title=title)
             if m.rule in ("title", "propose")]
    assert found == [expected]


def test_a_lone_hyphenated_adjective_is_no_entity():
    for text in ("open-source", "large-scale", "fine-grained", "long-term"):
        assert is_generic(text, "Task") and is_generic(text, "Method"), text
    assert not is_generic("fine-grained classification", "Task")


def test_a_surveyed_topic_in_a_title_is_not_proposed(extractor):
    title = "Diffusion Models: A Comprehensive Survey of Methods and Applications"
    found = [(m.text, m.proposed) for m in extractor.extract_text("We survey the literature.", title=title)
             if m.field == "title"]
    assert found == [("Diffusion Models", False)]
    assert [m.proposed for m in find_pattern_mentions("SimVQ: Addressing Representation Collapse", title=True)] == [True]


def test_a_type_noun_before_a_defined_acronym_gives_its_kind(extractor):
    text = ("We propose a better metric, Topological Concentration (TC), based on neighbourhoods. "
            "TC correlates with performance. We also test on a benchmark called Long Range Arena (LRA).")
    labels = {m.text: m.label for m in extractor.extract_text(text)}
    assert labels["Topological Concentration (TC)"] == labels["TC"] == "Metric"
    assert labels["Long Range Arena (LRA)"] == "Dataset"


def test_a_title_short_form_is_defined_by_the_words_after_its_colon(extractor):
    title = "GRIPS: Gradient-Regularized Implicit Policy Search for Robot Control"
    text = "Policy search is brittle. GRIPS regularises the gradient of an implicit policy. GRIPS is fast."
    grips = [m for m in extractor.extract_text(text, title=title) if "GRIPS" in m.text or "Gradient" in m.text]
    assert {m.canonical for m in grips} == {"Gradient-Regularized Implicit Policy Search"}
    assert {m.text for m in grips} == {"GRIPS", "Gradient-Regularized Implicit Policy Search"}
    assert all(m.proposed for m in grips)


@pytest.mark.parametrize("short, text, long_form", [
    ("LoRA", "Low-Rank Adaptation of Large Language Models", "Low-Rank Adaptation"),
    ("EQ-Net", "Elastic Quantization Neural Networks", "Elastic Quantization Neural Networks"),
    ("AsCAN", "Asymmetric Convolution-Attention Networks for Recognition", "Asymmetric Convolution-Attention Networks"),
    ("ZeRO", "Memory Optimizations Toward Training Trillion Parameter Models", None),  # no Z to start it
    ("SMASH", "One-Shot Model Architecture Search through HyperNetworks", None),
    ("YOLOv4", "Optimal Speed and Accuracy of Object Detection", None),  # digits: not an acronym
])
def test_title_long_form_search(short, text, long_form):
    from kg.extract.abbreviations import find_title_long_form

    n = find_title_long_form(short, text)
    assert (text[:n] if n >= 0 else None) == long_form


def test_a_title_short_form_defined_in_the_abstract_keeps_that_definition(extractor):
    title = "ParZC: Parametric Zero-Cost Proxies for Efficient NAS"
    text = "We propose Parametric Zero-Cost Proxies (ParZC). ParZC ranks architectures."
    parzc = {m.canonical for m in extractor.extract_text(text, title=title) if m.text == "ParZC"}
    assert parzc == {"Parametric Zero-Cost Proxies"}


def test_a_hyphenated_first_word_belongs_to_the_long_form(extractor):
    text = ("On top of the backbone we propose the Cross-channel Spatio-temporal Aggregation (CSA) structure "
            "for feature extraction. The CSA structure is light.")
    csa = [m for m in extractor.extract_text(text) if "CSA" in m.text]
    assert {m.canonical for m in csa} == {"Cross-channel Spatio-temporal Aggregation"}
    assert {m.label for m in csa} == {"Method"}  # the type noun after "(CSA)" says so


def test_a_type_noun_after_an_acronym_does_not_make_a_field_a_method(extractor):
    text = "Model-based reinforcement learning (RL) algorithms learn a dynamics model. RL is hard."
    labels = {m.label for m in extractor.extract_text(text) if m.canonical == "reinforcement learning"}
    assert labels == {"Task"}


def test_a_long_form_written_again_is_the_same_entity_as_a_whole(extractor):
    title = "Q-value Regularized Decision ConvFormer for Offline Reinforcement Learning"
    text = "We propose the Q-value Regularized Decision ConvFormer (QDC). QDC beats the baselines."
    found = {(m.text, m.canonical) for m in extractor.extract_text(text, title=title) if m.field == "title"}
    assert ("Q-value Regularized Decision ConvFormer", "Q-value Regularized Decision ConvFormer") in found


def test_trailing_prepositions_and_participles_are_trimmed_but_not_inside_a_hyphenated_name():
    text = "We compare Llama-3-70B fine-tuned through distillation, the Straight-Through estimator, and IJB-A data."
    assert _filtered(text, [("Llama-3-70B fine-tuned through", "Method"), ("Straight-Through", "Method"),
                            ("IJB-A", "Dataset")]) == [
        ("Llama-3-70B", "Method"), ("Straight-Through", "Method"), ("IJB-A", "Dataset")]


def test_data_described_by_an_action_is_still_data():
    for text in ("instruction-following data", "decision-making data"):
        assert is_generic(text, "Task"), text
    assert not is_generic("learning from noisy data", "Task")


def test_a_title_case_generic_tail_stays_unless_a_name_is_left(extractor):
    from kg.extract.normalize import strip_generic_tail

    assert strip_generic_tail("Pre-trained Language Models", "Method") == "Pre-trained Language Models"
    assert strip_generic_tail("Diffusion Models", "Method") == "Diffusion Models"
    assert strip_generic_tail("GPT-2 Models", "Method") == "GPT-2"
    # the abstract's own name for it: the title's "... Model" is the same entity
    title = "Sparse Hierarchical Mixing Estimator Model"
    text = "We introduce the Sparse Hierarchical Mixing Estimator (SHIME) model. SHIME is exact."
    ids = {m.entity_id for m in extractor.extract_text(text, title=title) if m.label == "Method"}
    assert ids == {"method:sparse-hierarchical-mixing-estimator"}


def test_a_paper_proposing_a_bare_acronym_keeps_it_when_another_paper_defines_it():
    long_id = "method:sparse-matrix-hashing"
    a = Paper(key="a", title="", abstract="", mentions=[
        _mention("Sparse Matrix Hashing", long_id, "Sparse Matrix Hashing", "acronym"),
        _mention("SMH", long_id, "Sparse Matrix Hashing", "acronym")])
    own = dataclasses.replace(_mention("SMH", "method:smh", "SMH", "pattern"), proposed=True)
    b = Paper(key="b", title="", abstract="", mentions=[own])
    c = Paper(key="c", title="", abstract="", mentions=[_mention("SMH", "method:smh", "SMH", "model")])
    link_across_papers([a, b, c])
    assert b.mentions[0].entity_id == "method:smh"
    assert c.mentions[0].entity_id == long_id


def test_a_model_task_ending_in_a_part_of_a_model_is_a_method_and_the_reverse():
    text = "A multi-scale context module helps on artificial sequence learning tasks."
    assert _filtered(text, [("multi-scale context module", "Task"), ("artificial sequence learning tasks", "Method")]) == [
        ("multi-scale context module", "Method"), ("artificial sequence learning tasks", "Task")]


def _filtered_with_names(text, model_spans, names=(), patterns=()):
    """Like :func:`_filtered`, with gazetteer names ``(substring, label, id)`` and pattern
    mentions ``(substring, label)`` in the doc as the matcher and patterns leave them."""
    from kg.extract.filters import GenericFilter
    from kg.extract.gazetteer import GAZETTEER_KEY
    from kg.extract.merge import ENTITIES_KEY
    from kg.extract.patterns import PATTERNS_KEY

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)

    def span(sub, label, source=None, span_id=""):
        start = text.index(sub)
        s = doc.char_span(start, start + len(sub), label=label, span_id=span_id)
        if source:
            s._.kg_source = source
        return s

    doc.spans[GAZETTEER_KEY] = [span(sub, label, span_id=i) for sub, label, i in names]
    doc.spans[PATTERNS_KEY] = [span(sub, label) for sub, label in patterns]
    doc.spans[ENTITIES_KEY] = [span(sub, label, "model") for sub, label in model_spans]
    return [(s.text, s.label_, s.id_, s._.kg_source) for s in GenericFilter()(doc).spans[ENTITIES_KEY]]


def test_a_dash_or_a_participle_that_sets_off_a_clause_ends_a_model_span():
    from kg.extract.merge import _Cand, _cut_at_clauses

    nlp = spacy.blank("en")
    text = ("We train on WikiText - beating LSTMs - and use the Kullback–Leibler loss and U-Net. "
            "We release FooBank comprising 6,000 scans, and a minimum spanning tree.")
    doc = nlp(text)

    def cand(sub):
        start = text.index(sub)
        s = doc.char_span(start, start + len(sub))
        return _Cand(s.start, s.end, "Method", "model")

    cut = _cut_at_clauses(doc, [cand("WikiText - beating"), cand("- and use"), cand("Kullback–Leibler loss"),
                                cand("U-Net"), cand("FooBank comprising"), cand("minimum spanning tree")])
    assert [doc[c.start : c.end].text for c in cut] == ["WikiText", "and use", "Kullback–Leibler loss", "U-Net",
                                                        "FooBank", "minimum spanning tree"]


def test_a_spelling_outside_the_gazetteer_is_shown_by_the_name_it_folds_to():
    from kg.extract.gazetteer import Record
    from kg.extract.merge import ENTITIES_KEY
    from kg.extract.roles import Canonicalizer

    nlp = spacy.blank("en")
    doc = nlp("Results on the Fooset dataset and the Barset corpus.")
    spans = [doc.char_span(15, 29, label="Dataset"), doc.char_span(38, 51, label="Dataset")]
    doc.spans[ENTITIES_KEY] = spans
    Canonicalizer(records=[Record("fooset", "Dataset", "FooSet", ())])(doc)
    assert [(s._.kg_canonical, s._.kg_entity_id) for s in doc.spans[ENTITIES_KEY]] == [
        ("FooSet", "dataset:fooset"), ("Barset", "dataset:barset")]


def test_a_framing_verb_is_not_part_of_a_method_and_what_is_left_can_be_a_known_name():
    text = "Rethinking Vision Transformers helps. Scaling Laws hold. Improving Foo Nets works."
    kept = _filtered_with_names(text, [("Rethinking Vision Transformers", "Method"), ("Scaling Laws", "Method"),
                                       ("Improving Foo Nets", "Method")],
                                names=[("Vision Transformers", "Method", "vit")])
    assert kept == [("Vision Transformers", "Method", "vit", "gazetteer"), ("Scaling Laws", "Method", "", "model"),
                    ("Foo Nets", "Method", "", "model")]


def test_names_a_dropped_model_span_covered_come_back():
    text = "FooBench: A Benchmark for Bar. It is better in terms of Qux coefficient metric and lower perplexity values."
    kept = _filtered_with_names(
        text, [("FooBench: A Benchmark", "Dataset"), ("Qux coefficient metric", "Metric"),
               ("lower perplexity values", "Metric")],
        names=[("Qux coefficient", "Metric", "qux"), ("perplexity", "Metric", "perplexity")],
        patterns=[("FooBench", "Dataset")])
    # a lowercase name is a word of the dropped phrase, and does not come back
    assert kept == [("FooBench", "Dataset", "", "pattern"), ("Qux coefficient", "Metric", "qux", "gazetteer")]


def test_generic_phrases_the_hyphen_or_the_task_word_hid():
    assert is_generic("Large pre-trained models", "Method") and is_generic("non-linear layers", "Method")
    for text in ("audio tasks", "time series tasks", "visual tasks"):
        assert is_generic(text, "Task"), text  # kinds of data, not problems
    for text in ("reasoning tasks", "NLP tasks", "continuous control tasks", "sequence-to-sequence tasks",
                 "retrieval tasks"):
        assert not is_generic(text, "Task"), text
    assert is_generic("OpenAI", "Method") and is_generic("Google DeepMind", "Method")
    assert not is_generic("OpenAI", "Method", known=True)


def test_a_head_after_a_describing_word_or_a_problem_without_an_action_stays_in_the_name():
    from kg.extract.normalize import strip_generic_tail

    assert strip_generic_tail("Transformer-based models", "Method") == "Transformer-based models"
    assert strip_generic_tail("CNN-based methods", "Method") == "CNN-based methods"
    assert strip_generic_tail("inverse problems", "Task") == "inverse problems"
    assert strip_generic_tail("image restoration problems", "Task") == "image restoration"


def test_a_coined_name_right_after_a_type_noun_is_a_dataset_but_not_after_the_verb():
    from kg.extract.patterns import find_pattern_mentions

    text = "We evaluate on the public dataset FooQA-2. We benchmark GPT-4 and to benchmark BarNet is slow."
    assert [(text[m.start : m.end], m.label) for m in find_pattern_mentions(text)] == [("FooQA-2", "Dataset")]
    title = "QuxBench: A Causal Reasoning Benchmark Towards Robust Agents"
    assert [(title[m.start : m.end], m.label) for m in find_pattern_mentions(title, title=True)][:1] == [
        ("QuxBench", "Dataset")]


def test_a_known_name_holding_a_defined_short_form_stays_whole(extractor):
    text = "Offline reinforcement learning (RL) is studied. We also use RL Unplugged and train RL agents."
    found = _found(extractor.extract_text(text))
    assert ("RL Unplugged", "Dataset") in found and ("RL", "Task") in found


def test_a_name_termed_after_a_model_for_a_task_is_the_model():
    text = "We build a sparse graph model for link prediction task, termed SpaGraph, and a new task, termed QuxGen."
    found = [(text[m.start : m.end], m.label) for m in find_pattern_mentions(text) if m.rule == "named"]
    assert found == [("SpaGraph", "Method"), ("QuxGen", "Task")]


def test_a_title_case_name_before_the_title_colon_is_taken_whole():
    from kg.extract.doctext import make_paper_doc
    from kg.extract.merge import _title_name_to_colon

    nlp = spacy.blank("en")
    for title, words in (("You Only Sample Twice: Fast Decoding", 2), ("Forest of Graphs: A Study", 1),
                         ("Sparse Nets with Skips: A Study", 2)):
        doc = make_paper_doc(nlp, title, "An abstract.")
        (cand,) = _title_name_to_colon(doc, [_Cand(0, words, "Method", "model")])
        name = doc[cand.start : cand.end].text
        assert name == {"You Only Sample Twice: Fast Decoding": "You Only Sample Twice",
                        "Forest of Graphs: A Study": "Forest of Graphs",
                        "Sparse Nets with Skips: A Study": "Sparse Nets"}[title]
        assert cand.proposed == (name != "Sparse Nets")


def test_a_coined_acronym_is_the_known_name_however_the_text_spells_it_out(extractor):
    text = "We compare Federal Averaging (FedAvg) with a Masked Autoencoder (MAE)."
    canon = {m.text: m.canonical for m in extractor.extract_text(text)}
    assert canon["Federal Averaging (FedAvg)"] == "FedAvg"
    # an all-capitals acronym is not enough to name a known record: MAE is also mean absolute error
    assert canon["Masked Autoencoder (MAE)"] == "masked autoencoder"


def test_attention_to_something_and_study_words_are_not_entities():
    text = "There is growing global attention to privacy. Sparse Attention to Kronecker products helps."
    assert _filtered(text, [("global attention", "Method"), ("Sparse Attention", "Method")]) == [
        ("Sparse Attention", "Method")]
    assert is_generic("Comparative analysis", "Task") and is_generic("a systematic study", "Task")


def test_a_long_form_names_a_method_by_the_head_before_its_preposition(extractor):
    text = "We propose a graph convolutional network for session recommendation (GraphRec). GraphRec wins."
    labels = {m.label for m in extractor.extract_text(text) if "GraphRec" in m.text}
    assert labels == {"Method"}


def test_an_acronym_the_detector_left_unpaired_is_not_part_of_the_name():
    from kg.extract.merge import ENTITIES_KEY
    from kg.extract.roles import Canonicalizer

    nlp = spacy.blank("en")
    text = "We build a Sparse Qux Field (SQ-Field) in the 2D U(1) model."
    doc = nlp(text)
    spans = []
    for sub in ("Sparse Qux Field (SQ-Field)", "2D U(1)"):
        start = text.index(sub)
        spans.append(doc.char_span(start, start + len(sub), label="Method"))
    doc.spans[ENTITIES_KEY] = spans
    Canonicalizer()(doc)
    assert [s._.kg_canonical for s in doc.spans[ENTITIES_KEY]] == ["Sparse Qux Field", "2D U(1)"]


def test_a_verb_before_a_known_name_of_the_same_kind_goes():
    text = "Bootstrapping Imitation Learning helps. Predicting generalization errors is hard. Denoising residual nets work."
    kept = _filtered_with_names(
        text, [("Bootstrapping Imitation Learning", "Task"), ("Predicting generalization errors", "Task"),
               ("Denoising residual nets", "Method")],
        names=[("Imitation Learning", "Task", "imitation-learning"), ("generalization errors", "Metric", "ge"),
               ("residual nets", "Method", "resnet")])
    assert kept == [("Imitation Learning", "Task", "imitation-learning", "gazetteer"),
                    ("Predicting generalization errors", "Task", "", "model"),
                    ("Denoising residual nets", "Method", "", "model")]


def test_a_name_holding_an_acronym_matches_with_a_capital_first_word(extractor):
    found = {(m.text, m.canonical) for m in extractor.extract_text("Deep RL agents are brittle.", title="Offline RL: A Study")}
    assert ("Offline RL", "offline reinforcement learning") in found
    assert ("Deep RL", "deep reinforcement learning") in found


def test_named_entity_recognition_is_no_naming_cue(extractor):
    text = "Named Entity Recognizers are usually sequence taggers. For named entity recognition, CRF taggers are common."
    proposed = {m.text for m in extractor.extract_text(text) if m.proposed}
    assert proposed == set()
    assert {m.text for m in extractor.extract_text("We build a tagger dubbed FooTag.") if m.proposed} == {"FooTag"}


def test_a_ranking_metric_at_any_cutoff_is_its_at_k_record(extractor):
    text = ("Ours reaches Recall@30 of 0.33, Hit Rate@30 of 0.64 and MAP@100 of 0.2, "
            "and an mAP@50 of 41.0; mail us at team@lab.org.")
    found = {(m.text, m.label, m.entity_id, m.value) for m in extractor.extract_text(text)}
    assert ("Recall@30", "Metric", "metric:recall-k", "0.33") in found
    assert ("Hit Rate@30", "Metric", "metric:hit-ratio", "0.64") in found
    assert ("MAP@100", "Metric", "metric:map-k", "0.2") in found
    assert ("mAP@50", "Metric", "metric:map-0.5", "41.0") in found  # listed as an IoU threshold: not a cutoff
    assert not any("@lab" in text for text, *_ in found)


def test_a_name_left_by_a_stripped_tail_is_the_gazetteer_entity_it_names(extractor):
    text = "We compare ViT architectures with Swin models on segmentation."
    found = {(m.text, m.canonical, m.entity_id) for m in extractor.extract_text(text)}
    assert ("ViT architectures", "Vision Transformer", "method:vision-transformer") in found
    assert ("Swin models", "Swin Transformer", "method:swin-transformer") in found


def test_a_single_lowercase_letter_keeps_no_full_stop(extractor):
    texts = {m.text for m in extractor.extract_text("We extract programs using GPT4-o. For those programs we check.")}
    assert "GPT4-o" in texts and "GPT4-o." not in texts


def test_a_capitalised_word_a_typed_apposition_introduces_is_named(extractor):
    def found(text):
        return {(m.text, m.label, m.proposed) for m in extractor.extract_text(text)}

    assert ("Scheherazade", "Method", True) in found("We present Scheherazade, an automated approach for making benchmarks.")
    assert ("Hydra", "Dataset", False) in found("We introduce Hydra, a benchmark for multi-hop reasoning.")
    assert not any(t == "Here" for t, *_ in found("We present Here, a study of losses."))
    assert not any(t == "Meridian" for t, *_ in found("We present Meridian, which is a city."))


def test_an_adverb_and_a_participle_are_no_name(extractor):
    text = "Relevant work is hard to find in rapidly growing literature."
    assert not any("rapidly" in m.text for m in extractor.extract_text(text))


def test_a_proposed_short_form_makes_its_long_form_a_method(extractor):
    text = ("We propose SCAR (Semantic Continuity-Aware Retrieval), an adaptive retrieval policy that "
            "expands neighbouring chunks. SCAR cuts tokens by 22%.")
    found = {(m.text, m.label, m.proposed) for m in extractor.extract_text(text)}
    assert ("SCAR", "Method", True) in found
    assert not any(label == "Task" and "Retrieval" in t for t, label, _ in found)


def test_a_defined_short_form_does_not_split_a_compound_name_ending_in_it(extractor):
    text = ("Mixture of experts (MoE) models scale well. We present SE-MoE, which trains MoE models faster; "
            "SE-MoE cuts costs.")
    texts = [m.text for m in extractor.extract_text(text)]
    assert texts.count("SE-MoE") == 2
    assert "MoE" in texts


def test_a_coined_name_after_a_method_noun_is_a_method_and_ours_is_proposed(extractor):
    found = {(m.text, m.label, m.proposed) for m in extractor.extract_text(
        "We evaluate our algorithm, MR.Q, on benchmarks. The resulting algorithm NEUBAY is robust. "
        "We model CO2 uptake.")}
    assert ("MR.Q", "Method", True) in found
    assert ("NEUBAY", "Method", False) in found


def test_a_proposed_names_apposition_is_read_past_its_parenthesis(extractor):
    def found(text):
        return {(m.text, m.label) for m in extractor.extract_text(text)}

    assert ("READ", "Metric") in found("We propose READ (Reference-free Evaluation with Acoustic Discrepancy), "
                                       "a novel metric that scores hypotheses.")
    assert ("Semantic-WER", "Metric") in found("The current work proposes Semantic-WER, a metric to evaluate transcripts.")


def test_data_set_in_two_words_is_a_dataset_type_noun():
    title = "TeTIm-Eval: a novel curated evaluation data set for comparing text-to-image models"
    assert [(title[m.start:m.end], m.label, m.proposed) for m in find_pattern_mentions(title, title=True)] == [
        ("TeTIm-Eval", "Dataset", False)]
    text = "We release a large data set named FooBench-2 for parsing."
    assert {(text[m.start:m.end], m.label) for m in find_pattern_mentions(text)} == {("FooBench-2", "Dataset")}


def test_a_name_with_an_acronym_matches_its_plain_words_in_any_case(extractor):
    found = {(m.text, m.canonical) for m in extractor.extract_text(
        "We won the ISBI cell tracking challenge and report the CLIP Score; the synapse data is private.")}
    assert {("ISBI cell tracking challenge", "Cell Tracking Challenge"), ("CLIP Score", "CLIP score")} <= found
    assert not any(text == "synapse" for text, _ in found)  # "Synapse" has no acronym: as written only


def test_translation_and_parsing_alone_are_tasks_but_not_a_shift_outputs_or_a_verb(extractor):
    def tasks(text):
        return [(m.text, m.canonical) for m in extractor.extract_text(text) if m.label == "Task"]

    assert tasks("Our lexicon improves translation from Chinese into English.") == [
        ("translation", "machine translation")]
    assert tasks("We describe a new approach to parsing with tree grammars.") == [("parsing", "parsing")]
    # the geometric shift, the outputs, and the verb with an object are no task
    assert tasks("Convolutions are robust to rotation and translation of the input.") == []
    assert tasks("Pooling gives translation invariance to the features.") == []
    assert tasks("Human raters scored the translations of both systems.") == []
    assert tasks("We test the grammar by parsing the Wall Street Journal sentences.") == []


def test_a_hyphenated_compound_that_starts_with_a_name_is_a_name_of_its_own(extractor):
    found = [(m.text, m.label, m.canonical) for m in extractor.extract_text(
        "We introduce Sparse Grid Coding (SGC). Our SGC-Net outperforms SGC-based baselines, "
        "and SGC-Net-Large is better still. We evaluate on CIFAR100-LT and on CIFAR-100.")]
    # the short form's compound is another method, not the short form again
    assert ("SGC-Net", "Method", "SGC-Net") in found and ("SGC-Net-Large", "Method", "SGC-Net-Large") in found
    # an adjective after the hyphen leaves the short form its own mention
    assert ("SGC", "Method", "Sparse Grid Coding") in found
    # a known dataset's variant is its own entity, not the dataset
    assert ("CIFAR100-LT", "Dataset", "CIFAR100-LT") in found and ("CIFAR-100", "Dataset", "CIFAR-100") in found
    assert not any(text in ("SGC-based", "CIFAR100") for text, _, _ in found)


def test_an_acronym_only_its_type_noun_labels_is_that_kind_even_when_it_spells_hardware(extractor):
    found = [(m.text, m.label, m.canonical) for m in extractor.extract_text(
        "We propose a cross-patch unifying (CPU) framework that merges image patches. With CPU, "
        "segmentation is faster. We train it on 8 GPUs.")]
    assert ("cross-patch unifying (CPU)", "Method", "cross-patch unifying") in found
    assert ("CPU", "Method", "cross-patch unifying") in found  # defined here: no processor
    assert not any(text == "GPUs" for text, _, _ in found)  # hardware stays no entity


def test_a_stock_phrase_with_an_acronym_is_no_entity(extractor):
    assert extractor.extract_text("Our detector beats state-of-the-art (SOTA) detection methods.") == []
    assert [m.text for m in extractor.extract_text(
        "We compare with state-of-the-art (SoTA) network pruning algorithms.") if "SoTA" in m.text] == []
    # a task's long form is what it works on, not a stock phrase
    assert [(m.text, m.label) for m in extractor.extract_text(
        "Hyperspectral image (HSI) classification is hard.")] == [
        ("Hyperspectral image (HSI) classification", "Task")]


def test_deep_neural_networks_are_one_method_with_their_acronym(extractor):
    found = {(m.text, m.canonical, m.entity_id) for m in extractor.extract_text(
        "Deep neural networks (DNNs) are brittle under shift. We attack DNNs with noise and compare "
        "with convolutional neural networks.")}
    assert found == {("Deep neural networks (DNNs)", "DNN", "method:dnn"), ("DNNs", "DNN", "method:dnn"),
                     ("convolutional neural networks", "CNN", "method:cnn")}


def test_a_content_source_that_only_qualifies_its_units_is_no_dataset_mention(extractor):
    assert _texts(extractor, "We annotate Arabic Wikipedia articles by hand.", "Dataset") == []
    assert _texts(extractor, "Wikipedia-based features help the linker.", "Dataset") == []
    assert _texts(extractor, "We crawl Reddit comments about films.", "Dataset") == []
    # where the source is the data itself, it is one
    assert _texts(extractor, "We pretrain the encoder on Wikipedia and evaluate on PubMed.", "Dataset") == [
        "Wikipedia", "PubMed"]


def test_a_score_is_no_task_and_an_adverb_with_a_gerund_is_no_name(extractor):
    assert [(m.text, m.label) for m in extractor.extract_text(
        "We report the token-level F1-score of each tagger.")] == [("token-level F1-score", "Metric")]
    assert not any(m.text.startswith("Adaptively") for m in extractor.extract_text(
        "Adaptively Modeling Long Sequences with Sparse Memory"))


def test_the_precision_of_a_number_format_is_no_metric(extractor):
    assert _texts(extractor, "We quantize the weights to ultra-low precision without retraining.", "Metric") == []
    assert _texts(extractor, "Activations are kept in FP16 precision on the accelerator.", "Metric") == []
    assert _texts(extractor, "Our detector keeps high precision and recall.", "Metric") == ["precision", "recall"]


def test_the_verb_recall_is_no_metric(extractor):
    assert _texts(extractor, "We first recall that the objective is convex in the weights.", "Metric") == []
    assert _texts(extractor, "Recall that every graph here is finite.", "Metric") == []
    assert _texts(extractor, "To prove it, it is useful to recall the definition of a martingale.", "Metric") == []
    # the measure keeps its name, with or without a value
    assert _texts(extractor, "The new loss raises recall by 4 points.", "Metric") == ["recall"]
    assert _texts(extractor, "Recall is 0.91 and precision 0.88.", "Metric") == ["Recall", "precision"]
    assert _texts(extractor, "We obtain a recall that is higher than any baseline.", "Metric") == ["recall"]


def test_a_language_pair_before_a_known_task_keeps_the_span_and_the_task(extractor):
    found = {(m.text, m.canonical) for m in extractor.extract_text(
        "Results on the English-German machine translation task improve. We also evaluate on "
        "English-German and on Japanese word segmentation.") if m.label == "Task"}
    assert ("English-German machine translation task", "machine translation") in found
    assert ("Japanese word segmentation", "word segmentation") in found
    assert not any(text == "English-German" for text, _ in found)  # a language pair alone is no entity


def test_a_task_span_starting_with_the_second_language_of_a_pair_takes_the_first():
    doc = spacy.blank("en")("in Xhosa to English translation and in Chinese-English MT")
    chosen = [_Cand(3, 5, "Task", "model"), _Cand(9, 11, "Task", "model")]  # "English translation", "English MT"
    assert [(c.start, c.end) for c in _complete_language_pairs(doc, chosen)] == [(1, 5), (7, 11)]


def test_data_after_a_dataset_name_is_part_of_it_unless_it_begins_a_compound():
    doc = spacy.blank("en")("We align the Europarl data and use CIFAR-10 data augmentation.")
    chosen = [_Cand(3, 4, "Dataset", "gazetteer", "europarl"), _Cand(7, 8, "Dataset", "gazetteer", "cifar-10")]
    assert [(c.start, c.end) for c in _extend_type_nouns(doc, chosen)] == [(3, 5), (7, 8)]


def test_a_short_form_of_what_a_task_works_on_is_part_of_the_task(extractor):
    text = ("Accurate retinal vessel (RV) segmentation is a crucial step in diagnosis. We cast RV segmentation "
            "as an image translation problem. RV images are hard to read.")
    tasks = [(m.text, m.canonical) for m in extractor.extract_text(text) if "RV" in m.text]
    assert tasks == [("retinal vessel (RV) segmentation", "retinal vessel segmentation"),
                     ("RV segmentation", "retinal vessel segmentation")]  # a bare "RV" is no entity
    hsi = extractor.extract_text("Hyperspectral image (HSI) classification is hard. HSI classification needs labels.")
    assert [(m.text, m.canonical) for m in hsi if m.label == "Task"] == [
        ("Hyperspectral image (HSI) classification", "hyperspectral image classification"),
        ("HSI classification", "hyperspectral image classification")]


def test_a_model_span_inside_a_hyphenated_compound_yields_to_the_whole_name(extractor):
    # the model reads "LSTM" in the title's "D-LSTM", the title rule the whole name it proposes
    found = [(m.text, m.label, m.proposed, m.field) for m in extractor.extract_text(
        "We train it on speech.", title="D-LSTM: Recurrent Networks for Speech")]
    assert ("D-LSTM", "Method", True, "title") in found
    assert not any(text == "LSTM" for text, _, _, _ in found)


def test_a_licence_is_no_entity(extractor):
    found = [m.text for m in extractor.extract_text(
        "We fine-tune BERT. Code is released under the MIT license and the weights under the Apache 2.0 licence.")]
    assert found == ["BERT"]


def test_moleculenet_datasets_are_known(extractor):
    found = {(m.text, m.label) for m in extractor.extract_text(
        "Our encoder improves ROC-AUC on BBBP, Tox21, ToxCast, SIDER and ClinTox, and RMSE on ESOL and FreeSolv.")}
    assert {(name, "Dataset") for name in ("BBBP", "Tox21", "ToxCast", "SIDER", "ClinTox", "ESOL", "FreeSolv")} <= found


def test_a_known_name_that_starts_a_dropped_compound_comes_back_as_the_compound(extractor):
    # the model's "QM7-X" goes (nothing says it is a dataset); the known QM7 inside it is not what
    # the text names, the compound is
    found = [(m.text, m.label, m.canonical) for m in extractor.extract_text(
        "We also study QM7-X. It transfers to CIFAR100-LT as well.")]
    assert found == [("QM7-X", "Dataset", "QM7-X"), ("CIFAR100-LT", "Dataset", "CIFAR100-LT")]


def test_the_subject_after_a_fronted_dataset_phrase_is_no_dataset(extractor):
    from kg.extract.patterns import find_pattern_mentions

    text = "On the D4RL locomotion and AntMaze suites, CTT outperforms CQL and IQL."
    assert not [m for m in find_pattern_mentions(text) if text[m.start:m.end] == "CTT"]
    found = {(m.text, m.label) for m in extractor.extract_text(
        "We propose CTT, which conditions a decision transformer on a value estimate. " + text)}
    assert ("CTT", "Dataset") not in found and ("CTT", "Method") in found
    # an apposition after the type noun still names the dataset
    assert ("BarSet", "Dataset") in {(m.text, m.label) for m in extractor.extract_text(
        "We collect a new benchmark, BarSet, with 5k scenes.")}


def test_a_method_name_does_not_end_in_a_participle_that_attaches_what_follows(extractor):
    found = [m.text for m in extractor.extract_text(
        "Recurrent sequence generators conditioned on the input are strong; so is a diffusion model guided "
        "by the history.")]
    assert not any(text.endswith(("conditioned", "guided")) for text in found)


def test_sign_based_optimizers_are_known(extractor):
    found = {(m.text, m.label) for m in extractor.extract_text(
        "We compare signSGD with Adam, Shampoo and Lion on language modelling.")}
    assert {("signSGD", "Method"), ("Shampoo", "Method"), ("Lion", "Method")} <= found


def test_embedded_hardware_is_no_entity(extractor):
    found = [m.text for m in extractor.extract_text(
        "We distil HuBERT into a small student that runs in 8 ms on a Cortex-M7, on a Jetson Orin Nano "
        "and on a Raspberry Pi 4.")]
    assert found == ["HuBERT"]


def test_robot_arms_are_hardware_not_methods(extractor):
    found = [m.text for m in extractor.extract_text(
        "We run Diffusion Policy on a Franka Panda arm, a UR5e and a Kinova Gen3 robot, and on a TurtleBot 3.")]
    assert found == ["Diffusion Policy"]


def test_a_value_belongs_to_the_dataset_of_its_clause(extractor):
    found = _values(extractor,
        "On LVIS, it reaches 32.4 mask AP on rare categories, and 41.0 box AP on COCO.")
    # the number before a known metric is its value, not the start of a name ("32.4 mask")
    assert found == {"mask AP": ("32.4", "dataset:lvis"), "box AP": ("41.0", "dataset:coco")}


def test_a_value_stated_for_a_list_of_datasets_belongs_to_none_of_them(extractor):
    # "8%" is for both road networks, or for one the text does not say: not for the nearest
    assert _values(extractor, "Experiments on METR-LA and PEMS-BAY show that our model reduces MAE by 8%.") == {
        "MAE": ("8%", None)}
    assert _values(extractor, "On Amazon Beauty, Sports and Yelp, it improves NDCG@10 by up to 9.3%.") == {
        "NDCG@10": ("9.3%", None)}
    # each value in a clause of its own keeps its dataset
    assert _values(extractor, "It reduces MAE by 8% on PEMS-BAY and RMSE by 5% on METR-LA.") == {
        "MAE": ("8%", "dataset:pems-bay"), "RMSE": ("5%", "dataset:metr-la")}


def test_number_formats_fields_and_described_amounts_are_no_metrics(extractor):
    def metrics(text):
        return [m.text for m in extractor.extract_text(text) if m.label == "Metric"]

    # a number format defined with its short form takes the short form with it
    assert metrics("Although floating-point (FP) formats suit quantization, earlier FP quantization is unstable.") == []
    assert metrics("Such estimates matter for precision medicine and high precision arithmetic.") == []
    assert metrics("Transformers need a large number of parameters, or the same number of parameters as an RNN.") == []
    # a count that is reported stays a metric, as does precision the measure
    assert metrics("Pruning cuts the number of parameters by 40% at a precision of 0.91.") == [
        "number of parameters", "precision"]


def test_a_long_form_does_not_cross_a_comma(extractor):
    # "EnCodec"'s letters are all found in the words since "VALL-E", which defines nothing
    found = [(m.text, m.canonical) for m in extractor.extract_text(
        "We train a codec language model, VALL-E, using discrete codes derived from an off-the-shelf neural "
        "audio codec model (EnCodec), and compare it with SoundStream.") if m.label == "Method"]
    assert ("VALL-E", "VALL-E") in found and ("EnCodec", "EnCodec") in found
    assert not [text for text, _ in found if "," in text]


def test_a_text_in_capitals_is_read_in_lower_case_and_shown_as_written(extractor):
    title = "ON THE ROBUSTNESS OF WATERMARKS FOR LARGE LANGUAGE MODELS"
    abstract = ("WE SHOW THAT PARAPHRASING WITH A SMALLER MODEL REMOVES THE WATERMARK IN MOST CASES WHILE "
                "PRESERVING SEMANTIC SIMILARITY. Code is available.")
    found = extractor.extract_text(abstract, title=title)
    # every shouted word had looked like a name ("DETECTABLE", "SHOW", "SIMILARITY")
    assert [(m.text, m.label, m.field, m.canonical) for m in found] == [
        ("LARGE LANGUAGE MODELS", "Method", "title", "large language model")]
    assert all((title if m.field == "title" else abstract)[m.start : m.end] == m.text for m in found)


def test_unicode_hyphens_read_as_hyphens_and_mentions_keep_them(extractor):
    text = "We revisit Transformer\u2010XL on PG\u201019 with a 350M\u2010parameter model after fine\u2011tuning."
    found = [(m.text, m.label, m.canonical) for m in extractor.extract_text(text)]
    # known names are found with U+2010 in them; a model's size before "model" is no name
    assert found == [("Transformer\u2010XL", "Method", "Transformer-XL"), ("PG\u201019", "Dataset", "PG-19"),
                     ("fine\u2011tuning", "Method", "fine-tuning")]


def test_what_a_proposal_builds_on_or_modifies_is_not_proposed(extractor):
    def proposed(text):
        return {m.text: m.proposed for m in extractor.extract_text(text) if m.label == "Method"}

    assert proposed("We propose a method based on BERT for tables.") == {"BERT": False}
    assert proposed("We present a variant of PointNet for meshes.") == {"PointNet": False}
    assert proposed("We propose to fine-tune RoBERTa on tables.") == {"RoBERTa": False}
    assert proposed("We introduce a generalization of LoRA, called GLoRA, for vision.") == {"LoRA": False, "GLoRA": True}


def test_a_name_introduced_as_new_is_proposed_even_when_known(extractor):
    # the paper that introduced a name the gazetteer now lists
    found = {m.text: m.proposed for m in extractor.extract_text(
        "Training uses a new optimizer, Lion, that tracks only momentum, and Adam as a baseline.") if m.label == "Method"}
    assert found == {"Lion": True, "Adam": False}


def test_a_modifier_left_of_a_dangling_adjective_is_no_name(extractor):
    found = [m.text for m in extractor.extract_text(
        "We characterise all affine equivariant and invariant layers for the symmetries of an MLP.")]
    assert found == ["MLP"]


def test_a_title_that_is_a_long_form_defined_in_the_abstract_is_that_entity(extractor):
    # the title's last word is glued to the blank line after it: it had split into "Multi-Task" + "PathNets"
    found = [(m.text, m.field, m.canonical) for m in extractor.extract_text(
        "We consider Multi-Task PathNets (MTPNs), which route tasks through shared modules.", title="Multi-Task PathNets")
        if m.field == "title"]
    assert found == [("Multi-Task PathNets", "title", "Multi-Task PathNets")]


def test_what_a_proposal_is_able_to_do_is_not_proposed(extractor):
    found = {m.text: m.proposed for m in extractor.extract_text(
        "We present an optical accelerator, able to compute random projections at scale.") if m.label == "Method"}
    assert found.get("random projections") is False


def test_tools_venues_places_and_gpus_are_no_entities(extractor):
    assert extractor.extract_text(
        "Our code uses PyTorch and JAX, runs on Ubuntu 22.04 with an NVIDIA A100, and was presented at "
        "NeurIPS 2023; data come from Ghana, Kenya and Sub-Saharan Africa.") == []


def test_names_that_are_english_words_in_other_cases_match_only_as_written(extractor):
    assert [m.text for m in extractor.extract_text("Complex reasoning remains hard for large language models.")] == [
        "large language models"]
    assert [m.text for m in extractor.extract_text("We compare RotatE and ComplEx on FB15k-237.")] == [
        "RotatE", "ComplEx", "FB15k-237"]


def test_a_value_is_not_measured_on_the_data_a_model_was_pretrained_on(extractor):
    (metric,) = [m for m in extractor.extract_text(
        "It improves macro F1 by 6 points over a ResNet-50 pretrained on ImageNet.") if m.label == "Metric"]
    assert (metric.value, metric.value_dataset) == ("6 points", None)


def test_a_campaigns_numbered_task_is_one_task(extractor):
    for text, name in (("Our system ranked second in SemEval-2019 Task 6 on offensive language identification.",
                        "SemEval-2019 Task 6"),
                       ("We participate in SemEval-2016 Task 5 on aspect-based sentiment analysis.", "SemEval-2016 Task 5")):
        assert name in [m.text for m in extractor.extract_text(text) if m.label == "Task"]


def test_a_capitalised_plural_of_a_generic_word_is_no_name(extractor):
    found = [m.text for m in extractor.extract_text("Backbones: ResNet-50 and Swin-T. Encoders are frozen.")]
    assert found == ["ResNet-50", "Swin-T"]


def test_a_kind_or_size_given_by_a_name_is_no_name_of_its_own(extractor):
    found = [(m.text, m.label) for m in extractor.extract_text(
        "We fine-tune BERT-style encoders on a single NVIDIA DGX-2 node and compare GPT-like decoders.")]
    assert ("BERT-style encoders", "Method") not in found and ("GPT-like decoders", "Method") not in found
    assert not [text for text, label in found if "DGX" in text]


def test_a_known_acronym_the_text_defines_otherwise_is_not_the_known_entity(extractor):
    # AP is average precision in the gazetteer; here it is an access point, which is no entity
    assert extractor.extract_text(
        "Each access point (AP) in the cell-free network serves ten users, and neighbouring APs share pilots.") == []
    # a variant spelling of the known expansion is still that entity
    (admm,) = extractor.extract_text("We solve it with the alternating direction method of multiplier (ADMM).")
    assert (admm.text, admm.label) == ("alternating direction method of multiplier (ADMM)", "Method")


def test_a_procedure_named_by_its_problem_gives_the_problem(extractor):
    found = [(m.text, m.label) for m in extractor.extract_text(
        "Current lidar-inertial odometry and mapping approaches drift in tunnels.")]
    assert found == [("lidar-inertial odometry and mapping", "Task")]


def test_a_defined_measure_is_a_metric_and_a_tools_proposals_are_not_the_papers(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "Our method lowers the structural Hamming distance (SHD) by a quarter.")}
    assert found.get("structural Hamming distance (SHD)") == "Metric"
    proposed = {m.text: m.proposed for m in extractor.extract_text(
        "We train a graph neural network to propose ansatz circuits, tested on LiH and BeH2 molecules.")
        if m.label == "Method"}
    assert not any(proposed.values())


def test_what_an_unnamed_benchmark_is_for_is_no_dataset(extractor):
    found = [(m.text, m.label) for m in extractor.extract_text(
        "", title="A Benchmark for Tool-Augmented LLM Agents in Scientific Workflows")]
    assert not [text for text, label in found if label == "Dataset"]


def test_word_similarity_datasets_are_known(extractor):
    found = {(m.text, m.label) for m in extractor.extract_text(
        "Embeddings are scored on SimVerb-3500, MTurk-771 and MEN with Spearman's rank correlation.")}
    assert {("SimVerb-3500", "Dataset"), ("MTurk-771", "Dataset"), ("MEN", "Dataset")} <= found


def test_on_after_improving_or_based_introduces_no_dataset(extractor):
    found = {(m.text, m.label) for m in extractor.extract_text(
        "We propose LSVI-UCB++, which achieves a regret bound of O(d), improving on LSVI-UCB by a factor of d.")}
    assert not any(label == "Dataset" for _, label in found)
    assert ("LSVI-UCB++", "Method") in found


def test_backdoor_defenses_are_known(extractor):
    found = {(m.text, m.label) for m in extractor.extract_text(
        "Defenses such as Neural Cleanse and fine-pruning fail to remove the backdoor.")}
    assert {("Neural Cleanse", "Method"), ("fine-pruning", "Method")} <= found


def test_a_name_in_the_relative_clause_of_a_proposal_is_not_proposed_unless_new_or_named(extractor):
    def proposed(text):
        return {m.text: m.proposed for m in extractor.extract_text(text)}

    # what the proposal works on
    assert proposed("We propose FooMix, a scheme that merges tokens before each attention layer.") == {
        "FooMix": True, "attention layer": False}
    # a part the text calls new, and a name the clause gives the proposal
    assert proposed("We propose FooMix, a mixer that uses a novel gated shift module.")["gated shift module"]
    assert proposed("We propose a GAN-based generator that we call FooGen.")["FooGen"]


def test_a_participle_opening_a_sentence_is_no_name(extractor):
    found = [(m.text, m.label) for m in extractor.extract_text(
        "Applied to Open-Sora and HunyuanVideo, our method reduces latency by 1.9x.")]
    assert found == [("Open-Sora", "Method"), ("HunyuanVideo", "Method"), ("latency", "Metric")]


def test_a_name_does_not_run_into_its_verb(extractor):
    found = [(m.text, m.label) for m in extractor.extract_text(
        "Clients in federated learning differ in compute. Learned features align with Pfam families.")]
    assert ("federated learning", "Task") in found and ("Pfam", "Dataset") in found
    assert not any(text.endswith(("differ", "align")) for text, _ in found)


def test_a_collection_or_treebank_apposition_names_a_dataset_and_counts_end_no_name(extractor):
    found = {(m.text, m.label) for m in extractor.extract_text(
        "We release AfriHate-Lite, a test collection of 9,000 annotated posts. We study zero-shot "
        "cross-lingual transfer from English to twelve African languages.")}
    assert ("AfriHate-Lite", "Dataset") in found
    assert not any(text.endswith("twelve") for text, _ in found)


def test_a_value_stated_as_from_to_is_the_one_reached_and_correlations_have_short_names(extractor):
    found = {m.text: m.value for m in extractor.extract_text(
        "It lowers the word error rate from 12.4% to 9.8%, and scores agree with raters "
        "(Pearson r = 0.82, Spearman rho = 0.79).") if m.label == "Metric"}
    assert found == {"word error rate": "9.8%", "Pearson r": "0.82", "Spearman rho": "0.79"}


def test_a_known_dataset_and_metric_the_model_joined_are_two_entities(extractor):
    found = [(m.text, m.label, m.value) for m in extractor.extract_text(
        "RotQ reaches a WikiText-2 perplexity of 4.8, compared with 5.9 for AQLM and 6.1 for QuIP#.")]
    assert ("WikiText-2", "Dataset", None) in found and ("perplexity", "Metric", "4.8") in found
    assert ("AQLM", "Method", None) in found and ("QuIP#", "Method", None) in found


def test_our_method_noun_before_a_name_proposes_it(extractor):
    found = {m.text: m.proposed for m in extractor.extract_text(
        "Our router, SinkRoute, balances loads better than Switch Transformer routing. Our method, unlike "
        "BERT, is fast.")}
    assert found["SinkRoute"] and not found["Switch Transformer"] and not found["BERT"]


def test_a_value_before_an_overall_or_instance_metric_is_its_value(extractor):
    found = {m.text: m.value for m in extractor.extract_text(
        "It reaches 93.2% overall accuracy on ScanObjectNN and 86.4% instance mIoU on ShapeNetPart.")
        if m.label == "Metric"}
    assert found["accuracy"] == "93.2%"
    assert [v for text, v in found.items() if text.endswith("mIoU")] == ["86.4%"]


def test_releases_and_splits_of_a_benchmark_are_distinct_entities(extractor):
    ids = {m.text: m.entity_id for m in extractor.extract_text(
        "We forecast on PEMS-BAY, PEMS08, ETTh1 and ETTm2, segment BraTS 2019 and BraTS 2021, and "
        "transcribe TED-LIUM 3 with DreamerV3 and FlashAttention-2.")}
    assert ids["PEMS-BAY"] == "dataset:pems-bay" and ids["PEMS08"] == "dataset:pems08"
    assert ids["ETTh1"] != ids["ETTm2"] and ids["BraTS 2019"] != ids["BraTS 2021"]
    assert ids["TED-LIUM 3"] == "dataset:ted-lium-3"
    assert ids["DreamerV3"] == "method:dreamerv3" and ids["FlashAttention-2"] == "method:flashattention-2"


def test_a_variant_word_of_a_known_name_stays_with_it(extractor):
    found = {m.text: m.entity_id for m in extractor.extract_text(
        "We prompt GPT-4o, Gemini 1.5 Pro and Claude 3.5 Sonnet, and fine-tune InternVL2.")}
    assert found["Gemini 1.5 Pro"] == "method:gemini-1.5-pro" and found["InternVL2"] == "method:internvl2"


def test_a_known_name_with_a_proper_noun_matches_with_a_capital_first_word(extractor):
    found = {m.text: m.entity_id for m in extractor.extract_text(
        "Hidden Markov models remain strong baselines. Deep Boltzmann machines (DBMs) stack "
        "restricted Boltzmann machines; a DBM is trained greedily.")}
    assert found["Hidden Markov models"] == "method:hidden-markov-model"
    assert found["Deep Boltzmann machines (DBMs)"] == found["DBM"] == "method:deep-boltzmann-machine"


def test_the_singular_of_a_plural_short_form_names_the_same_entity(extractor):
    found = [(m.text, m.canonical) for m in extractor.extract_text(
        "Hierarchical state networks (HSNs) encode long traces. A HSN trained on logs transfers to new "
        "systems.")]
    assert found == [("Hierarchical state networks (HSNs)", "Hierarchical state networks"),
                     ("HSN", "Hierarchical state networks")]
    # not inside a longer name
    found = [(m.text, m.canonical) for m in extractor.extract_text(
        "Message passing networks (MPNs) are popular. We propose Orbit Canonical MPN, which breaks symmetries.")]
    assert ("Orbit Canonical MPN", "Orbit Canonical MPN") in found


def test_a_proposed_acronym_whose_long_form_ends_in_a_known_task_is_a_method(extractor):
    found = {m.text: (m.label, m.proposed) for m in extractor.extract_text(
        "We present SpecTTA, which adapts normalisation statistics at test time.",
        title="SpecTTA: Spectral Test-Time Adaptation for Noisy Speech")}
    assert found["SpecTTA"] == ("Method", True)
    assert found["Spectral Test-Time Adaptation"] == ("Method", True)


def test_click_through_rate_is_a_metric(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "An online A/B test shows a 0.8% increase in click-through rate (CTR) over DLRM.")}
    assert found["click-through rate (CTR)"] == "Metric" and found["DLRM"] == "Method"


def test_our_approach_before_a_name_proposes_it_as_a_method(extractor):
    found = {m.text: (m.label, m.proposed) for m in extractor.extract_text(
        "Our approach, VoxLift, reaches 18.4 AP25 on ScanNet200, ahead of CoDA.")}
    assert found["VoxLift"] == ("Method", True)
    assert found["ScanNet200"] == ("Dataset", False) and found["AP25"] == ("Metric", False)


def test_the_tail_of_a_hyphenated_processor_name_is_no_entity(extractor):
    found = [m.text for m in extractor.extract_text(
        "Inference takes 22 ms on a Cortex-M4 and 9 ms on a Cortex-M7 microcontroller.")]
    assert not {"M4", "M7", "Cortex-M4", "Cortex-M7"} & set(found)


def test_summarisation_faithfulness_metrics_and_benchmarks_are_known(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "On FRANK it beats QuestEval and AlignScore in balanced accuracy.")}
    assert found == {"FRANK": "Dataset", "QuestEval": "Metric", "AlignScore": "Metric", "balanced accuracy": "Metric"}


def test_names_listed_before_metrics_are_metrics(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "The resolver is scored with the MUC, B3 and CEAF metrics on OntoNotes 5.0.")}
    assert found["MUC"] == found["B3"] == found["CEAF"] == "Metric"


def test_a_test_set_is_a_dataset_and_a_shared_task_keeps_its_noun(extractor):
    found = {m.text: (m.label, m.canonical) for m in extractor.extract_text(
        "We report BLEU and TER on the WMT 2008 news test set. Our system ranked first in the SemEval-2017 "
        "shared task on semantic textual similarity.")}
    assert found["WMT 2008 news test set"][0] == "Dataset"
    assert found["SemEval-2017 shared task"] == ("Task", "SemEval-2017 shared task")


def test_datasets_listed_after_from_the_are_datasets_and_counted_things_are_no_names(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "We build GeoChat-Inst, 300K instruction-response pairs generated from the NWPU-Captions, "
        "Sydney-Captions and DIOR datasets.")}
    assert found["NWPU-Captions"] == found["Sydney-Captions"] == "Dataset"
    assert not any(text.startswith("K ") for text in found)


def test_a_model_span_with_another_label_than_the_known_name_it_starts_yields_to_it(extractor):
    found = {m.text: (m.label, m.value) for m in extractor.extract_text(
        "On AudioCaps, AudioLDM 2 reaches a CLAP score of 0.51 and an FAD of 1.9.")}
    assert found["CLAP score"] == ("Metric", "0.51") and found["AudioLDM 2"] == ("Method", None)


def test_a_known_model_with_a_size_or_a_version_is_a_method_of_its_own(extractor):
    found = {m.text: (m.label, m.entity_id) for m in extractor.extract_text(
        "We rerank samples from CodeLlama-34B and apply the method to Open-Sora 1.2 and CogVideoX-5B.")}
    assert found["CodeLlama-34B"][0] == found["CogVideoX-5B"][0] == found["Open-Sora 1.2"][0] == "Method"
    assert found["CodeLlama-34B"][1] not in ("method:code-llama", None)
    assert found["Open-Sora 1.2"][1] != "method:open-sora"


def test_a_power_of_ten_before_a_metric_is_its_value(extractor):
    found = {m.text: m.value for m in extractor.extract_text(
        "Fine-grained experts are compute-optimal beyond 10^21 FLOPs on C4.") if m.label == "Metric"}
    assert found == {"FLOPs": "10^21"}


def test_a_coined_name_ending_in_bench_is_a_benchmark(extractor):
    found = {(m.field, m.text): (m.label, m.proposed) for m in extractor.extract_text(
        "We release GeoRAG-Bench, comprising 4,500 questions over map data.",
        title="GeoRAG-Bench: Evaluating Retrieval over Maps")}
    assert found[("title", "GeoRAG-Bench")] == ("Dataset", False)
    assert found[("abstract", "GeoRAG-Bench")] == ("Dataset", False)


def test_model_sizes_and_noisy_label_benchmarks_are_known(extractor):
    found = {m.text: m.entity_id for m in extractor.extract_text(
        "Sharpness-aware minimization lets Swin-T match Swin-B on WebVision and Clothing1M.")}
    assert found["Sharpness-aware minimization"] == "method:sharpness-aware-minimization"
    assert found["Swin-T"] == "method:swin-t" and found["Swin-B"] == "method:swin-b"
    assert found["WebVision"] == "dataset:webvision" and found["Clothing1M"] == "dataset:clothing1m"


def test_a_model_span_over_two_known_names_and_a_verb_yields_to_the_names():
    nlp = spacy.blank("en")
    doc = nlp("SAM lets Swin-T win")  # SAM(0) lets(1) Swin(2) -(3) T(4) win(5)
    known = [_Cand(0, 1, "Method", "gazetteer", "sam"), _Cand(2, 5, "Method", "gazetteer", "swin-t")]
    model = _Cand(0, 5, "Dataset", "model")
    assert _drop_spans_over_two_names(doc, [*known, model]) == known
    doc = nlp("BERT network GPT-2 model")  # a noun between the names: the span stays
    known = [_Cand(0, 1, "Method", "gazetteer", "bert"), _Cand(2, 3, "Method", "gazetteer", "gpt-2")]
    model = _Cand(0, 4, "Method", "model")
    assert _drop_spans_over_two_names(doc, [*known, model]) == [*known, model]


def test_a_name_never_runs_into_a_clause_and_a_titles_claim_proposes_nothing(extractor):
    for title, name in [("Vision Transformers Are Not Robust to Patch Shuffling: A Second Look", "Vision Transformers"),
                        ("Contrastive Learning Overfits to Texture: Causes and Remedies", "Contrastive Learning")]:
        found = {m.text: m.proposed for m in extractor.extract_text("We study it on ImageNet.", title=title)
                 if m.field == "title"}
        assert found == {name: False}
    # a name put as a question keeps its words
    found = [m.text for m in extractor.extract_text("We build the Who Did What dataset from Gigaword.")]
    assert "Who Did What dataset" in found


def test_title_case_names_before_benchmarks_are_datasets(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "We forecast the ILI and Traffic benchmarks with PatchTST, and report MSE.")}
    assert found["Traffic benchmarks"] == "Dataset"


def test_recent_decoding_speech_graph_and_event_camera_names_are_known(extractor):
    ids = {m.text: m.entity_id for m in extractor.extract_text(
        "EAGLE-2 drafts tokens for Whisper large-v3 and MMS; GatedGCN, GINE and Exphormer run on MVSEC "
        "and Swiss-Prot, and MOON beats OpenMask3D in fraction of variance explained.")}
    assert ids["EAGLE-2"] == "method:eagle-2" and ids["Whisper large-v3"] == "method:whisper-large-v3"
    assert ids["MMS"] == "method:mms" and ids["GatedGCN"] == "method:gatedgcn" and ids["GINE"] == "method:gine"
    assert ids["MVSEC"] == "dataset:mvsec" and ids["Swiss-Prot"] == "dataset:swiss-prot"
    assert ids["fraction of variance explained"] == "metric:fraction-of-variance-explained"


def test_capitalised_words_before_a_known_model_name_make_a_method_of_their_own(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "Our detector outperforms meta-learning methods such as Meta R-CNN on PASCAL VOC.")}
    assert found.get("Meta R-CNN") == "Method" and "R-CNN" not in found


def test_a_range_after_a_metric_is_its_value(extractor):
    found = {m.text: m.value for m in extractor.extract_text(
        "It improves NDCG@10 by 4-9% and HR@10 by 3–7% over SASRec on Yelp.") if m.label == "Metric"}
    assert found == {"NDCG@10": "4-9%", "HR@10": "3–7%"}


def test_a_numbered_event_before_datasets_is_a_dataset(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "Word sense disambiguation accuracy on the Senseval-2 and SemEval-2007 all-words datasets rises by 2.3 points.")}
    assert found["Senseval-2"] == "Dataset"
    assert [label for text, label in found.items() if text.startswith("SemEval-2007")] == ["Dataset"]


def test_a_titles_framing_verb_question_or_particle_is_not_part_of_a_name(extractor):
    def title_mentions(title):
        return {m.text: m.canonical for m in extractor.extract_text("We study optimisers.", title=title)
                if m.field == "title"}

    found = title_mentions("Understanding Why Adam Outperforms SGD on Vision Transformers")
    assert not any(text.startswith("Understanding") for text in found) and found["Adam"] == "Adam"
    found = title_mentions("Demystifying GNN-Based Recommendation at Scale")
    assert not any(text.startswith("Demystifying") for text in found)
    found = title_mentions("How Label Noise Slows Down Gradient Descent in Deep Networks")
    assert found.get("Gradient Descent") == "gradient descent" and not any(t.startswith("Down") for t in found)


def test_a_variable_a_verb_before_its_object_and_a_verbs_subject_end_no_name(extractor):
    found = {m.text: (m.label, m.canonical) for m in extractor.extract_text(
        "A rational function has one parameter for each vertex and edge in G. Our sampler visits nodes by "
        "a random walk and embeds them with a GCN. Learned models such as FourCastNet rival numerical weather "
        "prediction at coarse resolution.")}
    assert "G." not in found and "G" not in found
    assert not any("embeds" in text for text in found)
    assert found["FourCastNet"] == ("Method", "FourCastNet")
    assert found["numerical weather prediction"] == ("Task", "numerical weather prediction")


def test_a_participle_after_a_new_name_is_not_part_of_it(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "This paper releases a large-scale dataset named OrchardScan-7 comprising 9,000 drone images of fruit trees.")}
    assert found.get("OrchardScan-7") == "Dataset" and not any("comprising" in t for t in found)


def test_what_a_proposal_is_based_on_is_not_proposed(extractor):
    for text in ("We propose an unbiased watermark based on Gumbel-max sampling that keeps the output distribution.",
                 "We propose a new detector using Mahalanobis scoring for out-of-distribution inputs."):
        found = {m.text: m.proposed for m in extractor.extract_text(text) if m.label == "Method"}
        assert found and not any(found.values()), found
    found = {m.text: m.proposed for m in extractor.extract_text("We propose FooGen, a sampler based on a novel Gumbel trick.")}
    assert found["FooGen"] is True


def test_robust_aggregation_and_forecasting_names_are_known(extractor):
    ids = {m.text: m.entity_id for m in extractor.extract_text(
        "Against Krum, FLTrust and trimmed mean, and with Chronos and UperNet baselines, majority voting "
        "lowers the normalized mean squared error on OpenML-CC18.")}
    assert ids["Krum"] == "method:krum" and ids["FLTrust"] == "method:fltrust"
    assert ids["trimmed mean"] == "method:trimmed-mean-aggregation" and ids["Chronos"] == "method:chronos"
    assert ids["majority voting"] == "method:majority-voting" and ids["UperNet"] == "method:upernet"
    assert ids["normalized mean squared error"] == "metric:nmse" and ids["OpenML-CC18"] == "dataset:openml-cc18"


def test_a_coordinated_proposal_and_a_name_after_a_named_dataset(extractor):
    found = [(m.text, m.label, m.proposed) for m in extractor.extract_text(
        "We prove that such models cannot count long cycles, and propose CycleTally, a spectral positional "
        "encoding. On the QM9 dataset CycleTally lowers the MAE.") if m.text == "CycleTally"]
    assert found == [("CycleTally", "Method", True)] * 2


def test_a_parameter_count_and_a_verb_end_no_name_but_a_hyphenated_verb_stays(extractor):
    found = [m.text for m in extractor.extract_text(
        "A 540B-parameter PaLM is distilled. Knowledge retention follows a power law. We analyse optimistic "
        "follow-the-regularized-leader (FTRL) in games.")]
    assert not any("540B" in t or "follows" in t for t in found)
    assert any(t.startswith("follow-the-regularized-leader") for t in found)


def test_a_model_span_crossing_a_known_name_gives_way_to_it():
    nlp = spacy.blank("en")
    doc = nlp("while reducing mean absolute error a lot")  # while(0) reducing(1) mean(2) absolute(3) error(4)
    known = _Cand(2, 5, "Metric", "gazetteer", "mae")
    assert _yield_to_crossed_names(doc, [known, _Cand(1, 4, "Task", "model")]) == [known]  # "reducing" is a fragment
    doc = nlp("Deep Speaker Verification Benchmarks")  # a capitalised rest is a name of its own
    known = _Cand(1, 3, "Task", "gazetteer", "speaker-verification")
    assert _yield_to_crossed_names(doc, [known, _Cand(0, 2, "Method", "model")]) == [known, _Cand(0, 1, "Method", "model")]
    doc = nlp("deep graph neural network (GNN) models")  # a rest in brackets: the acronym step decides
    known, model = _Cand(0, 4, "Method", "gazetteer", "deep-gnn"), _Cand(1, 7, "Method", "model")
    assert _yield_to_crossed_names(doc, [known, model]) == [known, model]
    doc = nlp("mean absolute error")  # a span inside the name, or the name itself, is not crossing it
    known = _Cand(0, 3, "Metric", "gazetteer", "mae")
    inside = [_Cand(0, 3, "Metric", "model"), _Cand(1, 3, "Metric", "model")]
    assert _yield_to_crossed_names(doc, [known, *inside]) == [known, *inside]


def test_wide_and_deep_networks_are_not_the_recommender(extractor):
    for text, title in (("We build a taxonomy of infinitely wide and deep networks.", ""),
                        ("We study networks that grow in width and depth.", "Wide and Deep Networks Generalise")):
        assert not [m for m in extractor.extract_text(text, title=title) if m.canonical == "Wide & Deep"]
    found = {m.text: m.canonical for m in extractor.extract_text("We compare DeepFM with the Wide & Deep model.")}
    assert found.get("Wide & Deep") == "Wide & Deep"


def test_a_name_listed_with_known_datasets_is_a_dataset(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "We evaluate on QuokkaQA and SQuAD, and PelicanNet improves exact match.")}
    assert found.get("QuokkaQA") == "Dataset" and found.get("PelicanNet") == "Method", found
    found = {m.text: m.label for m in extractor.extract_text(
        "Agreement is scored on MNIST, CIFAR-10, HeronShapes-2 and SVHN in every run.")}
    assert found.get("HeronShapes-2") == "Dataset", found
    # a comma after a fronted phrase is no list
    found = {m.text: m.label for m in extractor.extract_text("On ImageNet, GullPrune removes 40% of the FLOPs of ResNet-50.")}
    assert found.get("GullPrune") != "Dataset", found


def test_a_bracket_the_span_does_not_close_ends_it():
    nlp = spacy.blank("en")
    doc = nlp("grouped by remedy (label smoothing with soft targets)")  # grouped(0) by(1) remedy(2) ((3) label(4) smoothing(5)
    known, model = _Cand(4, 6, "Method", "gazetteer", "label-smoothing"), _Cand(2, 6, "Method", "model")
    assert _cut_at_clauses(doc, [known, model]) == [known, _Cand(2, 3, "Method", "model")]
    doc = nlp("machine translation (MT) systems")  # a bracket the span closes stays
    model = _Cand(0, 5, "Task", "model")
    assert _cut_at_clauses(doc, [model]) == [model]


def test_a_gerund_before_a_known_name_and_a_lone_size_modifier_are_dropped(extractor):
    found = {m.text for m in extractor.extract_text(
        "Fine-tuning large language models on private records leaks them; a three-layer MLP on MNIST does not.")}
    assert "large language models" in found and "MLP" in found, found
    assert not any(t.startswith("Fine-tuning") or t == "three-layer" for t in found), found


def test_a_threshold_is_neither_a_cutoff_nor_a_value(extractor):
    [csi] = [m for m in extractor.extract_text(
        "The nowcaster raises the critical success index at 16 mm/h by 31% over persistence.") if m.label == "Metric"]
    assert csi.text == "critical success index" and csi.value == "31%"


def test_a_titles_verdict_a_dangling_adjective_and_a_value_unit_end_no_name(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "We revisit the classic stochastic gradient descent baseline.", title="Stochastic Gradient Descent Revisited")}
    assert "Stochastic Gradient Descent" in found and not any("Revisited" in t for t in found), found
    mentions = extractor.extract_text("The pruned student loses 3 BLEU points on WMT14 English-German.")
    assert [m.text for m in mentions if m.label == "Metric"] == ["BLEU"], mentions
    found = {m.text for m in extractor.extract_text("The encoder captures long-range spatial structure in satellite scenes.")}
    assert not any(t.endswith("spatial") for t in found), found


def test_a_number_before_a_hyphenated_unit_is_not_a_value(extractor):
    s = "It lowers the mean absolute error of 30-day forecasts."
    i = s.index("mean absolute error")
    assert find_value(s, i, i + len("mean absolute error")) is None
    s = "It reaches a mean absolute error of 3.1 on the test split."
    assert find_value(s, i, i + len("mean absolute error")) == "3.1"


def test_a_capitalised_preposition_before_a_name_list_and_a_dataset_noun(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "On the WarblerSpeech and KestrelTalk corpora, word error rate falls by a quarter.")}
    assert found.get("KestrelTalk corpora", found.get("KestrelTalk")) == "Dataset", found


def test_a_known_dataset_with_its_language_is_a_dataset_of_its_own():
    nlp = spacy.blank("en")
    doc = nlp("evaluated on CoNLL-2003 German")  # evaluated(0) on(1) CoNLL-2003(2..4) German(5)
    n = len(doc)
    known, model = _Cand(2, n - 1, "Dataset", "gazetteer", "conll-2003"), _Cand(2, n, "Task", "model")
    # the dataset's label, the span's own name (no id: the German part is not the English one)
    assert _language_qualified_tasks(doc, [known, model]) == [known, _Cand(2, n, "Dataset", "model")]


def test_a_task_span_ending_in_entropy_is_a_metric():
    assert _ends_in_score_word("predictive entropy") and _ends_in_score_word("Jensen-Shannon divergence")
    assert not _ends_in_score_word("entropy minimization")


def test_a_measure_word_that_names_no_measure_is_no_metric(extractor):
    found = _found(extractor.extract_text(
        "Our scheduler suits latency-sensitive and memory-constrained serving. The mask is unknown at "
        "training time and fixed at runtime. We distil an MAE pre-trained ViT-L into a ViT-B."))
    assert not any(label == "Metric" for _, label in found), found
    found = _found(extractor.extract_text(
        "It cuts training time by 40% and keeps the latency below 20 ms, with an MAE of 0.31 and an F1-score of 0.8."))
    assert {("training time", "Metric"), ("latency", "Metric"), ("MAE", "Metric"), ("F1-score", "Metric")} <= found, found
    assert _found(extractor.extract_text("We report the MAE \n\n")) == {("MAE", "Metric")}  # nothing after it but space


def test_what_a_paper_does_without_is_no_entity(extractor):
    found = {m.text for m in extractor.extract_text(
        "SpecCL lowers the training cost since no augmentation search is needed.")}
    assert not any("augmentation search" in t for t in found), found


def test_a_model_named_with_its_size_is_a_method_and_news_test_sets_are_datasets(extractor):
    found = _found(extractor.extract_text(
        "The scheduler reaches a 2.3x speedup for Qwen-2.5-0.5B and Pythia-410M, and we report BLEU on newstest2014."))
    assert {("Qwen-2.5-0.5B", "Method"), ("Pythia-410M", "Method"), ("newstest2014", "Dataset")} <= found, found


def test_a_long_form_ending_in_corpus_is_a_dataset_named_with_its_noun(extractor):
    found = extractor.extract_text(
        "We collect the Spoken Command Phrases Corpus (SCPC). Our detector lowers the miss rate by 12% on SCPC.")
    defined = [m for m in found if m.text.startswith("Spoken")]
    assert [(m.label, m.canonical) for m in defined] == [("Dataset", "Spoken Command Phrases Corpus")]
    assert [m.entity_id for m in found if m.text == "SCPC"] == [defined[0].entity_id]
    (metric,) = [m for m in found if m.label == "Metric"]
    assert (metric.value, metric.value_dataset) == ("12%", defined[0].entity_id)


def test_processors_and_embedded_boards_are_no_entities(extractor):
    found = _found(extractor.extract_text(
        "The detector runs at 31 FPS on an NVIDIA Orin, and training used two Intel Xeon Gold CPUs and an AMD EPYC 7763."))
    assert found == {("FPS", "Metric")}, found


def test_a_value_in_brackets_after_a_dataset_was_measured_on_it(extractor):
    values = _values(extractor,
        "It is best on CIFAR-100 (81.2% top-1 accuracy) and on COCO (an AP of 44.0).")
    assert values == {"top-1 accuracy": ("81.2%", "dataset:cifar-100"), "AP": ("44.0", "dataset:coco")}


def test_a_value_after_the_dataset_a_metric_is_named_with(extractor):
    values = _values(extractor,
        "Our decoder lowers the character error rate on AISHELL-1 to 4.2% and raises the F1 on SQuAD by 1.3 points.")
    assert values == {"character error rate": ("4.2%", "dataset:aishell-1"), "F1": ("1.3 points", "dataset:squad")}


def test_a_metric_name_whose_first_word_alone_is_no_metric_stays_whole(extractor):
    (metric,) = [m for m in extractor.extract_text(
        "The network reaches Dice scores of 0.91 on the liver and 0.83 on the pancreas.") if m.label == "Metric"]
    assert (metric.text, metric.canonical, metric.value) == ("Dice scores", "Dice coefficient", "0.91")


def test_a_name_ending_in_one_letter_has_no_plural(extractor):
    found = _found(extractor.extract_text("Accuracy drops on ImageNet as the corruption grows, and more on ImageNet-A."))
    assert {("ImageNet", "Dataset"), ("ImageNet-A", "Dataset")} <= found, found


def test_named_entity_tasks_keep_named_and_a_title_name_stops_at_the_abstract(extractor):
    found = extractor.extract_text("Named entity recognition (NER) on noisy scans is hard.",
                                   title="Robust Taggers for Named Entity Recognition in Old Newspapers")
    title = [m.text for m in found if m.field == "title" and m.label == "Task"]
    assert title and title[0].startswith("Named Entity Recognition"), title
    assert all("\n" not in m.text for m in found)


def test_a_name_ends_before_a_clause_participle_and_not_inside_a_compound_word(extractor):
    found = {m.text for m in extractor.extract_text(
        "We prove a universal approximation theorem guaranteeing uniform error bounds. "
        "We present a treebank of Hindi-English code-switched tweets.")}
    assert "universal approximation theorem" in found, found
    assert not any("guaranteeing" in t or "code" in t for t in found), found
    found = {m.text for m in extractor.extract_text("We study neural theorem proving for formal mathematics.")}
    assert "neural theorem proving" in found, found  # a task, not a clause


def test_a_verb_before_a_known_model_name_is_not_part_of_it(extractor):
    found = _found(extractor.extract_text("Prompting StarCoder with long prefixes raises the training accuracy."))
    assert {("StarCoder", "Method"), ("training accuracy", "Metric")} <= found, found


def test_a_named_method_with_a_size_is_a_method(extractor):
    found = _found(extractor.extract_text(
        "We propose MoD-Swin, which routes tokens. On ImageNet-1K, MoD-Swin-B reduces FLOPs by 42%."))
    assert {("MoD-Swin", "Method"), ("MoD-Swin-B", "Method")} <= found, found
    found = _found(extractor.extract_text(
        "We propose Tok-ViT, which routes tokens. On ImageNet-1K, Tok-ViT-B needs fewer FLOPs than DeiT-B."))
    assert ("Tok-ViT-B", "Method") in found and ("ViT-B", "Method") not in found, found


def test_a_system_for_a_known_task_keeps_the_task_and_coreference_measures_are_metrics(extractor):
    found = _found(extractor.extract_text("Our semantic role labeling model is trained on PropBank."))
    assert ("semantic role labeling", "Task") in found, found
    found = _found(extractor.extract_text("We report the average of the MUC, B3 and CEAFe F1 scores on OntoNotes."))
    assert {("MUC", "Metric"), ("B3", "Metric")} <= found, found


def test_a_known_method_with_a_generic_head_is_that_method(extractor):
    found = {m.text: m.entity_id for m in extractor.extract_text(
        "We introduce a curriculum learning algorithm and a contrastive learning approach.")}
    assert found == {"curriculum learning algorithm": "method:curriculum-learning",
                     "contrastive learning approach": "method:contrastive-learning"}, found


def test_a_participle_after_a_method_and_a_bracket_before_a_value(extractor):
    found = {m.text: m.value for m in extractor.extract_text(
        "A pose graph is optimised whenever a loop is detected by NetVLAD place recognition, and the Gaussians "
        "attached to each keyframe are deformed. This lowers the absolute trajectory error (ATE RMSE) by 35%.")}
    assert not any(t.endswith("attached") for t in found), found
    assert found["absolute trajectory error"] == "35%", found


def test_a_plus_variant_a_verb_with_a_count_and_a_name_after_from(extractor):
    found = _found(extractor.extract_text(
        "A DeepLabv3+ model with our augmentation reaches 45.8% mIoU. The decoder generates 48 kHz stereo audio "
        "from text embeddings from T5, and beats Co-teaching."))
    assert {("DeepLabv3+", "Method"), ("T5", "Method"), ("Co-teaching", "Method")} <= found, found
    assert not any(t.startswith("generates") or t.endswith("T5") and t != "T5" for t, _ in found), found


def test_the_proposed_coined_name_and_what_a_paper_builds_on(extractor):
    found = {(m.text, m.label, m.proposed) for m in extractor.extract_text(
        "We build on PointNet++ and propose PointMixer. The proposed SparseLoRA beats LoRA, and the proposed "
        "GNN baseline and the proposed CityBench dataset are released.")}
    assert {("PointNet++", "Method", False), ("PointMixer", "Method", True), ("SparseLoRA", "Method", True),
            ("GNN", "Method", False), ("CityBench dataset", "Dataset", False)} <= found, found


def test_what_a_paper_studies_or_proposes_to_use_is_not_proposed(extractor):
    def proposed(text):
        return {m.text for m in extractor.extract_text(text) if m.proposed}

    assert proposed("We present an empirical study of LoRA and QLoRA on code generation.") == set()
    assert proposed("We present results for GPT-4 and Claude 3 on MMLU.") == set()
    assert proposed("We present an analysis of BarNet and propose FooNet, a faster variant.") == {"FooNet"}
    assert proposed("We propose to replace the softmax attention with cosine attention.") == set()
    assert "surface polishing stage" in proposed("We propose to add a surface polishing stage to the pipeline.")


def test_a_proposal_named_in_apposition_to_its_type_noun(extractor):
    found = {(m.text, m.label, m.proposed) for m in extractor.extract_text(
        "We design a new loss, FocalDice, and combine it with the U-Net. We also introduce a metric, TopoScore.")}
    assert {("FocalDice", "Method", True), ("TopoScore", "Metric", False)} <= found, found


def test_a_value_before_a_metric_beats_another_quantity_after_at(extractor):
    (metric,) = [m for m in extractor.extract_text(
        "Our index reaches 95% recall@10 at 2.3x the queries per second of HNSW on SIFT1M.") if m.label == "Metric"]
    assert (metric.text, metric.value, metric.value_dataset) == ("recall@10", "95%", "dataset:sift1m")


def test_a_title_writes_a_defined_long_form_in_title_case(extractor):
    found = extractor.extract_text(
        "We estimate effects with a double machine learning (DML) estimator on PBMC 68k.",
        title="Double Machine Learning for Single-Cell Data")
    title = [(m.text, m.entity_id) for m in found if m.field == "title"]
    assert ("Double Machine Learning", "method:double-machine-learning") in title, title
    assert ("PBMC 68k", "Dataset") in {(m.text, m.label) for m in found}


def test_a_long_form_the_model_found_the_start_of_takes_its_label(extractor):
    found = {(m.text, m.label) for m in extractor.extract_text(
        "Agents are trained with centralized learning and decentralized execution (CLDE) on SMAC, and CLDE scales.")}
    assert ("centralized learning and decentralized execution (CLDE)", "Method") in found, found
    assert ("CLDE", "Method") in found, found


def test_a_value_stated_with_is_after_a_dataset_and_generic_words_with_modifiers(extractor):
    values = _values(extractor,
        "Its FID on COCO-30K is 9.8, and the accuracy on ImageNet is reported in Table 2.")
    assert values == {"FID": ("9.8", "dataset:coco-30k"), "accuracy": (None, None)}, values
    found = {m.text for m in extractor.extract_text("We study it.", title="Efficient Vision Backbones via Pruning")}
    assert "Efficient Vision" not in found, found


def test_a_known_dataset_with_its_release_or_a_description_is_kept_whole(extractor):
    found = {m.text: m.entity_id for m in extractor.extract_text(
        "We scanned the frames directory of the FrameNet 1.5 release and evaluate agents on Atari video games.")
        if m.label == "Dataset"}
    assert found.get("FrameNet 1.5") == "dataset:framenet-1.5", found
    assert found.get("Atari video games") == "dataset:arcade-learning-environment", found


def test_a_version_after_a_long_form_and_its_acronym_is_an_edition(extractor):
    (dataset,) = [m for m in extractor.extract_text(
        "The parser is trained on the Penn Arabic Treebank (PATB) 3.2, part 1.") if m.label == "Dataset"]
    assert (dataset.text, dataset.canonical) == ("Penn Arabic Treebank (PATB) 3.2", "Penn Arabic Treebank 3.2"), dataset


def test_a_name_ends_before_its_verb_and_a_title_meets_is_no_name(extractor):
    found = _found(extractor.extract_text(
        "Spatio-temporal models such as STGCN and Graph WaveNet capture local dynamics only. Under label "
        "noise our loss degrades gracefully where DPO, IPO and KTO collapse. We prove that DP-FedLoRA "
        "satisfies differential privacy."))
    assert {("Graph WaveNet", "Method"), ("KTO", "Method"), ("DP-FedLoRA", "Method")} <= found, found
    assert not any(w in t for t, _ in found for w in ("capture", "collapse", "satisfies")), found
    found = _found(extractor.extract_text("We study mode collapse in GANs."))
    assert ("mode collapse", "Task") in found, found  # a noun after a word that is no name
    found = _found(extractor.extract_text("We study program synthesis.",
                                          title="Code Llama Meets Unit Tests: Execution-Guided Decoding"))
    assert not any("Meets" in t for t, _ in found), found


def test_what_a_method_outperforms_is_a_method(extractor):
    found = _found(extractor.extract_text(
        "MemTrack surpasses TrDiMP and KeepTrack on LaSOT. On HumanEval it outperforms CodeRanker on APPS."))
    assert {("TrDiMP", "Method"), ("KeepTrack", "Method"), ("CodeRanker", "Method"),
            ("LaSOT", "Dataset"), ("APPS", "Dataset")} <= found, found


def test_a_version_before_a_metric_is_no_value_nor_is_a_setting_after_at(extractor):
    found = {m.text: m.value for m in extractor.extract_text(
        "It raises the AlpacaEval 2.0 win rate of Mistral-7B from 14.7 to 19.3.")}
    assert found["win rate"] == "19.3", found
    found = {m.text: m.value for m in extractor.extract_text("GPTQ works at 4 bits but loses accuracy at 3 bits.")}
    assert found.get("accuracy", "absent") is None, found


def test_a_sized_model_of_one_token_a_numbered_split_and_a_split_benchmark(extractor):
    found = _found(extractor.extract_text(
        "Codex and Code Llama fail hidden tests. ExeDec improves the pass@1 of Code Llama-34B. "
        "On ScanNet v2 and S3DIS Area 5, SpVT reaches 73.9 mIoU. On Split Omniglot it improves "
        "mean normalized accuracy. Fine-tuned encoders remain superior: PubMedBERT reaches 89.3."))
    assert {("Code Llama-34B", "Method"), ("S3DIS Area 5", "Dataset"), ("Split Omniglot", "Dataset"),
            ("mean normalized accuracy", "Metric")} <= found, found
    assert not any(t.startswith("Fine-tuned") for t, _ in found), found


def test_a_short_form_written_with_a_hyphen_names_its_long_form(extractor):
    found = {m.text: (m.entity_id, m.proposed) for m in extractor.extract_text(
        "We propose locally adaptive quantile regression (LA-QR), which rescales scores. "
        "LA-QR attains the nominal coverage, and LA-QR-v2 is left for future work.")}
    assert found["LA-QR"] == ("method:locally-adaptive-quantile-regression", True), found
    assert found.get("LA-QR-v2", ("",))[0] != "method:locally-adaptive-quantile-regression", found  # another name


def test_a_task_defined_with_its_acronym_is_no_dataset_and_a_unit_stays_on_its_name(extractor):
    found = _found(extractor.extract_text(
        "We explore Source-free Open-set Domain Adaptation (SF-OSDA), where no source data is available."))
    assert ("Source-free Open-set Domain Adaptation (SF-OSDA)", "Task") in found, found
    found = _found(extractor.extract_text("We reconstruct the activations of Pythia-70M and find directions."))
    assert ("Pythia-70M", "Method") in found, found


def test_a_title_claim_verb_and_a_capitalised_generic_word_name_nothing(extractor):
    found = _found(extractor.extract_text(
        "We revisit it.", title="Label Smoothing Matters for Speech Recognition Without Pretraining"))
    assert ("Label Smoothing", "Method") in found, found
    assert not any("Matters" in t or t == "Pretraining" for t, _ in found), found


def test_news_between_two_known_names_is_no_verb(extractor):
    found = _found(extractor.extract_text("Our system ranked first in the WMT 2016 news translation task for English-Romanian."))
    assert ("WMT 2016 news translation task", "Task") in found, found


def test_a_coined_name_a_pattern_proposes_is_found_where_the_text_repeats_it(extractor):
    mentions = extractor.extract_text(
        "We pretrain webRank on crawled pages. Then webRank is fine-tuned, and webRank's ranker helps.",
        title="webRank: A Foundation Model for Web Search")
    found = [(m.field, m.text, m.label, m.proposed) for m in mentions if m.text == "webRank"]
    assert found == [("title", "webRank", "Method", True)] + [("abstract", "webRank", "Method", True)] * 3, found


def test_what_a_paper_presents_an_application_to_is_not_proposed(extractor):
    found = {m.text: m.proposed for m in extractor.extract_text("We also present an application to FooNet pruning.")}
    assert found.get("FooNet") is False, found


def test_a_coined_name_the_model_labels_two_ways_keeps_one_label_everywhere(extractor):
    found = [(m.text, m.label) for m in extractor.extract_text(
        "We study the ZipLM family of pruned models. ZipLM prunes heads; we find that ZipLM is robust.")]
    assert found == [("ZipLM", "Method")] * 3, found


def test_a_licence_a_gerund_before_a_coined_name_and_a_cost_measure(extractor):
    found = _found(extractor.extract_text(
        "We release the data under CC BY 4.0. It reaches 41.5 AP50 on novel classes of OV-COCO, matching BARON and "
        "Detic at a fraction of the training cost, and matching OVR-CNN."))
    assert not any(t.startswith("CC") or t.startswith("matching") for t, _ in found), found
    assert {("BARON", "Method"), ("OVR-CNN", "Method")} <= found, found
    found = _found(extractor.extract_text(
        "With a 10% cache budget, it keeps 98.2% of full-cache accuracy. End-to-end throughput rises 2.3x with vLLM."))
    assert ("End-to-end throughput", "Metric") in found, found


def test_a_named_agent_noun_in_apposition_is_proposed_and_a_language_is_no_method(extractor):
    found = {m.text: m.proposed for m in extractor.extract_text(
        "Unlike LaBSE, our student, PolyEmbed, needs no pretraining. PolyEmbed is fast.")}
    assert found["PolyEmbed"] is True and found["LaBSE"] is False, found
    assert is_generic("Persian language", "Method") and is_generic("English languages", "Task")
    assert not is_generic("Persian language modeling", "Task")


def test_a_titles_one_capitalised_word_before_its_colon_and_a_named_framework_are_proposals(extractor):
    def title_names(title):
        return {(m.text, m.proposed) for m in extractor.extract_text("We study this.", title=title) if m.field == "title"}
    assert ("Chameleon", True) in title_names("Chameleon: Mixed-Modal Early-Fusion Foundation Models"), title_names
    assert not title_names("Attention: Is It Explanation?"), title_names("Attention: Is It Explanation?")
    found = {m.text: m.proposed for m in extractor.extract_text(
        "We introduce a framework, Tree of Thoughts (ToT), which generalizes over chain of thought prompting. "
        "We propose a method, based on LoRA, that adapts.")}
    assert found["Tree of Thoughts (ToT)"] and not found["LoRA"], found  # a known name the paper introduces


def test_what_we_name_is_a_proposed_method_and_another_works_named_method_is_not(extractor):
    found = {m.text: (m.label, m.proposed) for m in extractor.extract_text(
        "Our best model family, which we name Guanaco, outperforms all previous openly released models.")}
    assert found["Guanaco"] == ("Method", True), found
    found = {m.text: m.proposed for m in extractor.extract_text(
        "Layer-wise model fusion via optimal transport, named OTFusion, applies soft neuron association. "
        "If we consider one type of linear transformer, the so-called Performer, it is cheap.")}
    assert not any(found.values()), found


def test_a_known_name_a_dropped_model_span_starts_comes_back_and_a_system_for_a_known_task(extractor):
    found = _found(extractor.extract_text(
        "We evaluate the approach on the task of Chinese word segmentation using the SIGHAN 2005 bakeoff data. "
        "Our textual entailment system ranked second on the RTE-3 test set."))
    assert {("SIGHAN 2005 bakeoff", "Dataset"), ("textual entailment", "Task")} <= found, found


def test_a_short_form_written_before_its_long_form_in_brackets(extractor):
    found = {(m.text, m.entity_id, m.proposed) for m in extractor.extract_text(
        "We propose ATKD (Adaptive Temperature Knowledge Distillation), which adapts temperatures. "
        "ATKD improves accuracy. SP (Strong Positive) and SN (Strong Negative) are our labels.")}
    entity = "method:adaptive-temperature-knowledge-distillation"
    assert ("ATKD", entity, True) in found and ("Adaptive Temperature Knowledge Distillation", entity, True) in found, found
    assert not any(t in ("SP", "SN", "Strong Positive") for t, _, _ in found), found
    assert find_long_form("BERT", "Devlin et al., 2019") < 0


def test_a_name_ending_in_benchmark_names_a_benchmark():
    assert all(_BENCHMARK_NAME.fullmatch(t) for t in ("Union14M-Benchmark", "MMHal-Bench", "SWE-bench"))
    assert not _BENCHMARK_NAME.fullmatch("DIV2K-Val")


def test_a_known_metric_after_lowercase_words_and_a_training_verb_before_a_name(extractor):
    found = _found(extractor.extract_text(
        "BalAL reaches 95% of fully supervised mIoU on Cityscapes. We pretrain decoder-only models on the Pile."))
    assert {("mIoU", "Metric"), ("decoder-only models", "Method")} <= found, found
    assert not any(t.startswith(("fully", "pretrain")) for t, _ in found), found


def test_a_size_of_a_proposed_method_is_proposed_and_a_region_is_no_dataset(extractor):
    found = {m.text: m.proposed for m in extractor.extract_text(
        "We propose TempoMix, a video model. On Kinetics-400, TempoMix-B reaches 84.1% top-1 accuracy, ahead of ViViT-B.")}
    assert found["TempoMix-B"] is True and found["ViViT-B"] is False, found
    assert is_generic("African", "Dataset") and not is_generic("AfriSenti", "Dataset")


def test_values_given_respectively_go_with_the_datasets_in_order(extractor):
    found = _values(extractor,
        "On WebShop and ALFWorld, ToolPlanner reaches a success rate of 42.0% and 78.4%, respectively.")
    assert found["success rate"] == ("42.0%", "dataset:webshop"), found
    found = _results(extractor,
        "On WebShop and ALFWorld, ToolPlanner reaches a success rate of 42.0% and 78.4%, respectively.")
    assert found["success rate"] == (("42.0%", "dataset:webshop"), ("78.4%", "dataset:alfworld")), found
    found = _values(extractor, "On METR-LA and PEMS-BAY, MAE falls by 8%.")
    assert found["MAE"] == ("8%", None), found  # for them both, or for one the text does not say


def test_a_greek_letter_is_part_of_a_name_and_of_its_id(extractor):
    found = {m.text: m.entity_id for m in extractor.extract_text(
        "the α-divergence variant of our objective, α-VAE, lowers the error. We also use a VAE.")}
    assert found["α-VAE"] == "method:alpha-vae" and found["VAE"] != found["α-VAE"], found
    assert entity_id("Method", "ε-greedy exploration") == "method:epsilon-greedy-exploration"
    found = _found(extractor.extract_text("It improves the MIG and DCI scores on dSprites and MPI3D."))
    assert {("MIG", "Metric"), ("DCI", "Metric"), ("dSprites", "Dataset"), ("MPI3D", "Dataset")} <= found, found


def test_a_list_of_values_keeps_every_value_with_its_dataset(extractor):
    found = _results(extractor, "GraphMix attains node classification accuracies of 84.1%, 73.9% and 80.6% "
                                "on Cora, CiteSeer and PubMed, respectively.")
    assert found["accuracies"] == (("84.1%", "dataset:cora"), ("73.9%", "dataset:citeseer"),
                                   ("80.6%", "dataset:pubmed")), found
    found = _results(extractor, "It obtains 41.2 and 47.5 mAP on COCO and LVIS without extra data.")
    assert found["mAP"] == (("41.2", "dataset:coco"), ("47.5", "dataset:lvis")), found
    # each value with its own dataset
    found = _results(extractor, "The tagger reaches an F1 of 92.4 on CoNLL-2003 and 89.9 on WNUT-17.")
    assert found["F1"] == (("92.4", "dataset:conll-2003"), ("89.9", "dataset:wnut-17")), found
    found = _results(extractor, "It keeps 71.3% robust accuracy on SVHN and 58.0% on CIFAR-10 under attack.")
    assert found["robust accuracy"] == (("71.3%", "dataset:svhn"), ("58.0%", "dataset:cifar-10")), found
    # one dataset for the values of two models; one unit only the last value writes
    found = _results(extractor, "On Places365, ResNet-50 and ViT-B reach 55.1% and 58.3% top-1 accuracy.")
    assert found["top-1 accuracy"] == (("55.1%", "dataset:places365"), ("58.3%", "dataset:places365")), found
    found = _results(extractor, "It raises the BLEU score by 0.9 and 1.4 points over the Transformer baseline.")
    assert [v for v, _ in found["BLEU"]] == ["0.9", "1.4 points"], found
    # two metrics listed and then two values: one each
    # a name listed before the metric that no entity took has the value before: "EM" (not found alone)
    found = _results(extractor, "On Natural Questions it reaches an EM and F1 of 51.7 and 58.9.")
    assert found["F1"] == (("58.9", "dataset:natural-questions"),), found
    found = _results(extractor, "On DROP it reaches a precision and recall of 0.81 and 0.77.")
    assert (found["precision"], found["recall"]) == ((("0.81", "dataset:drop"),), (("0.77", "dataset:drop"),)), found
    # a value after each dataset; a unit of two words; a value of its own decimals; "is reduced from ... to"
    found = _results(extractor, "Tuning raises the exact match on TriviaQA to 71.5 and on WebQuestions to 49.0.")
    assert found["exact match"] == (("71.5", "dataset:triviaqa"), ("49.0", "dataset:webquestions")), found
    found = _results(extractor, "It lifts accuracy by 2.5 and 1.7 percentage points on Cora and PubMed.")
    assert found["accuracy"] == (("2.5", "dataset:cora"), ("1.7 percentage points", "dataset:pubmed")), found
    found = _results(extractor, "It raises the micro-F1 on Reddit, Flickr and Yelp by 2.2, 1.4 and 0.9 points, respectively.")
    assert found["micro-F1"] == (("2.2", "dataset:reddit"), ("1.4", "dataset:flickr"), ("0.9 points", "dataset:yelp")), found
    found = _results(extractor, "It lifts the macro-F1 on Reddit and Flickr by 0.6 points.")
    assert found["macro-F1"] == (("0.6 points", None),), found  # one value for a list: for them all
    found = _values(extractor, "On nuScenes it lifts NDS for the night-time split from 61.2 to 64.0.")
    assert found["NDS"][0] == "64.0", found
    found = _values(extractor, "The Hausdorff distance is reduced from 9.40 mm to 6.25 mm and 92.1% image-level AUROC.")
    assert found["Hausdorff distance"][0] == "6.25 mm" and found["AUROC"][0] == "92.1%", found


def test_no_list_of_values_from_numbers_that_are_not_the_metrics(extractor):
    # a size before the speed, a year of a name, a count of tasks
    found = _results(extractor, "We release two variants, TinyDet (12.5 MB, 45 FPS) and BigDet (90.1 MB, 21 FPS).")
    assert all(len(r) == 1 for r in found.values()) and all(v[0][0] in ("45", "21") for v in found.values()), found
    found = [m.results for m in extractor.extract_text(
        "It reaches 78.1% mIoU on PASCAL VOC 2012 and 71.2% mIoU on Cityscapes.") if m.label == "Metric"]
    assert found == [(("78.1%", "dataset:pascal-voc-2012"),), (("71.2%", "dataset:cityscapes"),)], found
    found = _results(extractor, "The agent reaches an accuracy of 64.2% and 12 other tasks improve as well.")
    assert found["accuracy"] == (("64.2%", None),), found
    # a list that goes on with a name the extractor does not take: the first value only has a dataset
    found = _results(extractor, "Our model reaches a character error rate of 4.1% and 6.3% on AISHELL-1 and "
                                "its noisy variant.")
    assert found["character error rate"][1] == ("6.3%", None), found


def test_a_language_pair_after_a_translation_benchmark_is_part_of_its_name(extractor):
    found = _found(extractor.extract_text(
        "The system gains 1.1 BLEU on WMT16 En-Ro and 0.7 BLEU on IWSLT17 fr→en over a Transformer-big."))
    assert {("WMT16 En-Ro", "Dataset"), ("IWSLT17 fr→en", "Dataset")} <= found, found
    ids = {m.entity_id for m in extractor.extract_text("We test on WMT16 EN-RO and on WMT16 en-ro.") if m.label == "Dataset"}
    assert ids == {"dataset:wmt16-en-ro"}, ids
    assert is_generic("De-En", "Task") and not is_generic("IWSLT17 fr→en", "Dataset")


def test_a_mixed_case_metric_widened_by_a_modifier_is_kept(extractor):
    found = _found(extractor.extract_text("Its average chrF on the dev sets improves by 2.3 points."))
    assert ("average chrF", "Metric") in found, found


def test_a_name_a_proposal_is_built_on_is_not_proposed(extractor):
    found = {m.text: m.proposed for m in extractor.extract_text(
        "We introduce SpecTune, a speech recognizer initialized from Whisper-small and built on top of a frozen "
        "HuBERT-Large encoder. SpecTune lowers the error.") if m.label == "Method"}
    assert found["SpecTune"] is True, found
    assert found.get("Whisper-small") is False and found.get("HuBERT-Large") is False, found


def test_a_known_acronym_proposed_with_another_long_form_is_the_proposed_method(extractor):
    found = {(m.text, m.label, m.proposed, m.entity_id) for m in extractor.extract_text(
        "We propose MCD (Masked Contrastive Distillation), which distills a momentum teacher into a student. "
        "MCD improves linear probing.") if m.text != "linear probing"}
    ids = {entity for _, _, _, entity in found}
    assert {(text, label, proposed) for text, label, proposed, _ in found} == {
        ("MCD", "Method", True), ("Masked Contrastive Distillation", "Method", True)} and len(ids) == 1, found


def test_names_end_before_versus_and_reporting_verbs_and_keep_their_first_part(extractor):
    found = _found(extractor.extract_text(
        "Results on Douban and Yelp show that it helps; its loss on WikiText-103 versus 18.2 for Mamba is lower."))
    assert {("Yelp", "Dataset"), ("WikiText-103", "Dataset")} <= found, found
    found = _found(extractor.extract_text("Trained on LAION, Flow-Edit++ surpasses it."))
    assert ("Flow-Edit++", "Method") in found, found


def test_a_change_made_along_the_way_is_no_name(extractor):
    found = _texts(extractor, "It matches the baseline while reducing communication rounds by 40%.", "Method")
    assert not any(t.startswith("reducing") for t in found), found


def test_values_of_changes_each_with_its_dataset_and_no_count_for_a_value(extractor):
    found = _results(extractor, "Tuning lifts the pass rate of Qwen2-7B from 51.0% to 58.2% on MBPP and from "
                                "40.3% to 47.9% on HumanEval, ahead of CodeT.")
    assert found["pass rate"] == (("58.2%", "dataset:mbpp"), ("47.9%", "dataset:humaneval")), found
    found = _values(extractor, "On the passkey retrieval test it keeps 99.1% accuracy up to 256K tokens.")
    assert found["accuracy"][0] == "99.1%", found
    found = _found(extractor.extract_text("Our TopoMol attains an MAE of 0.0859 on the PCQM4Mv2 validation set, "
                                          "ahead of TokenGT."))
    assert ("PCQM4Mv2 validation set", "Dataset") in found, found
    assert ("TokenGT", "Method") in found, found


def test_a_size_in_words_after_a_known_name_makes_a_sized_variant(extractor):
    found = {m.text: m.entity_id for m in extractor.extract_text("We distil MusicGen-medium into a small student.")}
    assert found.get("MusicGen-medium") == "method:musicgen-medium", found


def test_a_name_before_corpus_is_a_dataset():
    # the model's method span "NUCLE-2 learner" before "corpus" (as it read "the Lang-8 learner corpus")
    doc = spacy.blank("en")("The NUCLE-2 learner corpus is used to adapt the corrector .")
    (cand,) = _extend_type_nouns(doc, [_Cand(1, 3, "Method", "model")])
    assert (doc[cand.start : cand.end].text, cand.label) == ("NUCLE-2 learner corpus", "Dataset")
    doc = spacy.blank("en")("A parallel corpus helps .")
    (cand,) = _extend_type_nouns(doc, [_Cand(1, 2, "Method", "model")])
    assert cand.label == "Method"  # no name in it


def test_a_quantity_is_no_name(extractor):
    assert is_generic("1M rows", "Method") and is_generic("300B tokens", "Task")
    assert not is_generic("3D convolution", "Method")


def test_values_in_brackets_on_devices_and_for_metrics_listed_before_a_dataset(extractor):
    found = _results(extractor, "The tracker lifts HOTA and IDF1 on DanceTrack to 61.3 and 63.0.")
    assert (found["HOTA"], found["IDF1"]) == ((("61.3", "dataset:dancetrack"),), (("63.0", "dataset:dancetrack"),)), found
    found = _results(extractor, "It attains a better FID (7.9 vs. 9.6) on FFHQ.")
    assert found["FID"] == (("7.9", "dataset:ffhq"),), found
    found = _results(extractor, "It scores 52.1% box AP (70.3% AP50) on LVIS.")
    assert (found["box AP"], found["AP50"]) == ((("52.1%", "dataset:lvis"),), (("70.3%", "dataset:lvis"),)), found
    # measured on a device, not on the dataset of the sentence
    found = _results(extractor, "On Waymo it reaches 74.2 mAPH and runs at 31 FPS on an RTX 3090.")
    assert found["FPS"] == (("31", None),) and found["mAPH"] == (("74.2", "dataset:waymo-open-dataset"),), found


def test_values_and_metrics_written_with_slashes_pair_in_order(extractor):
    found = _results(extractor, "The upscaler reaches 31.7/0.89 PSNR/SSIM on Urban100.")
    assert (found["PSNR"], found["SSIM"]) == ((("31.7", "dataset:urban100"),), (("0.89", "dataset:urban100"),)), found
    # metrics before their values; a name of the pair no entity took keeps its value
    found = _results(extractor, "On HotpotQA the reader obtains EM/F1 of 64.3/77.0.")
    assert found["F1"] == (("77.0", "dataset:hotpotqa"),), found
    # one metric's values with the datasets after it, in order
    found = _results(extractor, "It improves AUROC to 0.84/0.79 on MedQA and PubMedQA, respectively.")
    assert found["AUROC"] == (("0.84", "dataset:medqa"), ("0.79", "dataset:pubmedqa")), found
    # groups of values for the metrics of a series, one group per dataset
    found = _results(extractor, "It brings gains of 3.1%/2.7% in Recall@50/NDCG@50 on Yelp.")
    assert (found["Recall@50"], found["NDCG@50"]) == ((("3.1%", "dataset:yelp"),), (("2.7%", "dataset:yelp"),)), found
    found = _results(extractor, "It reaches 30.2/0.88 and 26.4/0.79 PSNR/SSIM on Set14 and BSD100, respectively.")
    assert found["PSNR"] == (("30.2", "dataset:set14"), ("26.4", "dataset:bsd100")), found
    assert found["SSIM"] == (("0.88", "dataset:set14"), ("0.79", "dataset:bsd100")), found


def test_a_series_of_variants_after_a_slash_names_each_variant(extractor):
    tokens = [t.text for t in extractor.nlp.tokenizer("ROUGE-1/2/L and Hits@1/3/10 but 40.1/18.2 and 12/25/2020")]
    assert tokens == ["ROUGE-1", "/", "2", "/", "L", "and", "Hits@1", "/", "3", "/", "10", "but", "40.1/18.2",
                      "and", "12/25/2020"], tokens
    found = _results(extractor, "The summariser scores 44.0/21.1/40.9 ROUGE-1/2/L on XSum.")
    assert [m for m in found] == ["ROUGE-1", "2", "L"], found
    assert [r[0][0] for r in found.values()] == ["44.0", "21.1", "40.9"], found
    ids = {m.text: m.entity_id for m in extractor.extract_text("It improves ROUGE-1/2/L on XSum.")}
    assert (ids["2"], ids["L"]) == ("metric:rouge-2", "metric:rouge-l"), ids


def test_a_lowercase_name_the_paper_gives_its_work_is_proposed_wherever_written(extractor):
    mentions = extractor.extract_text(
        "We introduce gridwarp, a lightweight warping network for video stabilisation. We also present a "
        "tracker termed flowtrack that links keypoints. In ablations gridwarp and flowtrack run in real time.")
    found = [(m.text, m.label, m.proposed) for m in mentions if m.text in ("gridwarp", "flowtrack")]
    assert found == [("gridwarp", "Method", True), ("flowtrack", "Method", True),
                     ("gridwarp", "Method", True), ("flowtrack", "Method", True)], found
    found = [(m.text, m.proposed) for m in extractor.extract_text(
        "We present skillForge, a hierarchical policy for long-horizon tasks. skillForge reuses skills.")]
    assert found.count(("skillForge", True)) == 2, found
    # no adverb, nor a word without an apposition of a kind
    assert "here" not in _texts(extractor, "We present here, a simple method for pruning.", "Method")
    assert _texts(extractor, "We propose efficient, scalable routines for sorting.", "Method") == []


def test_a_proposed_variant_of_a_known_name_is_a_name_of_its_own(extractor):
    mentions = extractor.extract_text("We propose Hyperband-Lite, which prunes brackets early. Hyperband-Lite beats Hyperband.",
                                      title="Hyperband-Lite: Cheap Bandits")
    found = [(m.text, m.canonical, m.proposed) for m in mentions if m.text.startswith("Hyperband")]
    assert found == [("Hyperband-Lite", "Hyperband-Lite", True)] * 3 + [("Hyperband", "Hyperband", False)], found
    found = [(m.text, m.proposed) for m in extractor.extract_text("We propose Protonet-Mix. Protonet-Mix beats Protonet.")]
    assert found == [("Protonet-Mix", True), ("Protonet-Mix", True), ("Protonet", False)], found
    found = [(m.text, m.proposed) for m in extractor.extract_text(
        "We propose adam-lite, a cheaper variant of Adam for sparse data.") if m.label == "Method"]
    assert found == [("adam-lite", True), ("Adam", False)], found


def test_values_listed_for_datasets_with_their_settings_and_after_a_dataset_list(extractor):
    found = _results(extractor, "It reaches error rates of 4.5% and 7.1% on SVHN with 250 labels and CIFAR-10 "
                                "with 4000 labels, respectively.")
    assert found["error rates"] == (("4.5%", "dataset:svhn"), ("7.1%", "dataset:cifar-10")), found
    found = _results(extractor, "On the Cora, CiteSeer, and the PubMed dataset, it obtains accuracy values of 0.84, "
                                "0.73 and 0.80.")
    assert found["accuracy"] == (("0.84", "dataset:cora"), ("0.73", "dataset:citeseer"), ("0.80", "dataset:pubmed")), found
    # a word saying what the metric measures between the values and it
    found = _results(extractor, "On SST-2 and MNLI it achieves 94.1 and 86.0 validation accuracy, respectively.")
    assert found["accuracy"] == (("94.1", "dataset:sst-2"), ("86.0", "dataset:multinli")), found
    found = _results(extractor, "On ACE 2005 it reaches 68.2 event argument F1.")
    assert found["F1"] == (("68.2", "dataset:ace-2005"),), found
    found = _results(extractor, "On SVHN and STL-10 the error rates are 2.1% and 5.4%, respectively.")
    assert found["error rates"] == (("2.1%", "dataset:svhn"), ("5.4%", "dataset:stl-10")), found
    found = _results(extractor, "It raises the SI-SDR from 8.4 (noisy input) to 17.9 on WHAM!.")
    assert found["SI-SDR"][0][0] == "17.9", found
    found = _results(extractor, "It cuts the cost by 35% while keeping accuracy on ImageNet.")
    assert found.get("accuracy", ()) == (), found  # a verb between is no qualifier
    # a baseline between the metric and its datasets, the values after the list
    found = _results(extractor, "It improves MRR over BM25 on TREC-COVID, NFCorpus and SciFact, reaching 0.71, 0.35 "
                                "and 0.40, respectively.")
    assert found["MRR"] == (("0.71", "dataset:trec-covid"), ("0.35", "dataset:nfcorpus"), ("0.40", "dataset:scifact")), found


def test_values_in_latex_arrows_brackets_and_before_the_dataset(extractor):
    # LaTeX's escaped per cent sign (arXiv abstracts) is a per cent sign
    found = _results(extractor, "On SVHN, the model reaches 3.15\\% test error rate.")
    assert found["test error rate"] == (("3.15%", "dataset:svhn"),), found
    # a value and the dataset before the metric
    found = _results(extractor, "The student reaches 81.2% ImageNet-1K top-1 accuracy.")
    assert found["top-1 accuracy"] == (("81.2%", "dataset:imagenet-1k"),), found
    found = _results(extractor, "ResNet-50 ImageNet accuracy is reported.")
    assert found.get("accuracy", ()) == (), found  # a model's size is no value
    # an arrow: the value it goes to
    found = _results(extractor, "Under noise, the WER goes 5.1% → 7.9% on CHiME-4, and the AUC: 0.912\\to0.947.")
    assert found["WER"] == (("7.9%", "dataset:chime-4"),) and found["AUC"][0][0] == "0.947", found
    # values in brackets after a list of datasets
    found = _results(extractor, "It raises the mAP on COCO and LVIS (52.1 and 40.3, respectively).")
    assert found["mAP"] == (("52.1", "dataset:coco"), ("40.3", "dataset:lvis")), found
    # a change and the metric it is in; "performance" after the metric
    found = {m.text: (m.results, m.change) for m in extractor.extract_text(
        "It yields a 2.4-point gain in BLEU on WMT16 and a 17% reduction of the WER on CHiME-4.") if m.label == "Metric"}
    assert found == {"BLEU": ((("2.4", "dataset:wmt16"),), True), "WER": ((("17%", "dataset:chime-4"),), True)}, found
    found = _results(extractor, "The detector keeps a recall performance at 91.3% on DOTA.")
    assert found["recall"] == (("91.3%", "dataset:dota"),), found
    # what the metric is measured on, other than a dataset, then its value
    found = {m.text: (m.results, m.change) for m in extractor.extract_text(
        "It cuts the error rate on rare entity types by 21%, and the WER on far-field speech drops to 8.7%.")
        if m.label == "Metric"}
    assert found == {"error rate": ((("21%", None),), True), "WER": ((("8.7%", None),), False)}, found
    # ... or what it is of; a list of values then goes with the datasets in order
    found = _results(extractor, "It reduces the relative L2 error of 10-step rollouts by 31% on JHTDB.")
    assert found["relative L2 error"] == (("31%", "dataset:jhtdb"),), found
    found = _results(extractor, "On ImageNet and COCO, it cuts the error rate of long-tail classes by 3.8% and 2.7%, respectively.")
    assert found["error rate"] == (("3.8%", "dataset:imagenet"), ("2.7%", "dataset:coco")), found
    # an operating point is no result (a speed "at" a rate is)
    found = _results(extractor, "It reaches a TPR of 38% at 0.1% FPR on CIFAR-10 and runs at 45 FPS.")
    assert found["TPR"][0][0] == "38%" and found["FPR"] == () and found["FPS"][0][0] == "45", found
    # one change after another, "respectively"
    found = _results(extractor, "On WebArena and Mind2Web, it raises the success rate from 14.9% to 23.6% and from "
                                "17.3% to 25.1%, respectively.")
    assert found["success rate"] == (("23.6%", "dataset:webarena"), ("25.1%", "dataset:mind2web")), found
    # a setting between the dataset and the value
    found = _results(extractor, "It raises the F1 on WikiANN across 40 languages from 58.2 to 63.9 and on SQuAD to 91.4.")
    assert found["F1"] == (("63.9", "dataset:wikiann"), ("91.4", "dataset:squad")), found
    # a list of signed changes, spaced ("+ 4.4%, + 1.6% and + 2.5%")
    found = {m.text: (m.results, m.change) for m in extractor.extract_text(
        "On Market-1501, CUHK03 and MSMT17, we obtain + 4.4%, + 1.6% and + 2.5% improvement in mAP, respectively.")
        if m.label == "Metric"}
    assert found["mAP"] == ((("4.4%", "dataset:market-1501"), ("1.6%", "dataset:cuhk03"), ("2.5%", "dataset:msmt17")), True), found
    # the metric's acronym in brackets, then its value
    found = _results(extractor, "It lowers the 95% Hausdorff distance (HD95) from 11.6 mm to 8.3 mm on AMOS.")
    assert found["95% Hausdorff distance"] == found["HD95"] == (("8.3 mm", "dataset:amos"),), found


def test_a_value_stated_as_a_change_is_marked_so(extractor):
    def changes(text):
        return {m.text: (m.value, m.change) for m in extractor.extract_text(text) if m.label == "Metric"}

    found = changes("It improves BLEU by 1.4 on WMT16 and reaches 34.2 chrF on FLORES-200.")
    assert found == {"BLEU": ("1.4", True), "chrF": ("34.2", False)}, found
    found = changes("It needs 35% fewer FLOPs and achieves 2.2%, 1.1% and 0.7% higher top-1 accuracy.")
    assert found == {"FLOPs": ("35%", True), "top-1 accuracy": ("2.2%", True)}, found
    found = changes("It gives a 12% mAP improvement, +0.8 NDS, and lowers the WER from 6.1% to 5.5%.")
    assert found == {"mAP": ("12%", True), "NDS": ("+0.8", True), "WER": ("5.5%", False)}, found
    # a change, then a score; changes each with its metric's name
    found = changes("It beats the baseline by 0.9 points and 27.5 BLEU on WMT14.")
    assert found == {"BLEU": ("27.5", False)}, found
    found = changes("It outperforms T5 by 1.2 ROUGE-L and 0.8 BLEU on XSum.")
    assert found == {"ROUGE-L": ("1.2", True), "BLEU": ("0.8", True)}, found
    assert extractor.extract_text("It improves BLEU by 1.4.")[0].to_dict()["results"] == [
        {"value": "1.4", "dataset": None, "change": True}]


def test_a_known_task_with_words_of_no_name_before_it_is_a_task(extractor):
    mentions = extractor.extract_text("We study it.", title="Ghost Nets: Region-Aware Image Captioning")
    found = [(m.text, m.label) for m in mentions if "Captioning" in m.text]
    assert found == [("Region-Aware Image Captioning", "Task")], found
    # a name in it stays what the model says
    found = _texts(extractor, "Mask R-CNN Object Detection runs in real time.", "Task")
    assert "Mask R-CNN Object Detection" not in found, found


def test_a_model_span_over_a_list_of_found_names_yields_to_them(extractor):
    found = [(m.text, m.label) for m in extractor.extract_text(
        "Results on the SemEval-2010 and KDD datasets show that it outperforms TextRank.") if m.label != "Method"]
    assert ("SemEval-2010", "Dataset") in found and not any(" and " in t for t, _ in found), found
    # the languages of one dataset stay with it
    found = _texts(extractor, "We train on the ACE 2005 Chinese and English corpora.", "Dataset")
    assert not any(t == "English" for t in found), found


def test_an_apposition_after_a_defined_acronym_says_what_it_is(extractor):
    def found(text):
        return [(m.text, m.label, m.proposed) for m in extractor.extract_text(text) if "(" in m.text]

    assert found("We propose Chain-of-Lookup (CoL), a retrieval framework for open-domain QA.") == [
        ("Chain-of-Lookup (CoL)", "Method", True)]
    assert found("We release the Multi-Step Tool Arena (MSTA), a benchmark of agent tasks.") == [
        ("Multi-Step Tool Arena (MSTA)", "Dataset", False)]


def test_a_name_ends_before_a_verb_and_its_score(extractor):
    found = [m.text for m in extractor.extract_text(
        "We propose mathCoder-R. mathCoder-R attains 55.6 on MATH and scores 71.2% on GSM8K.") if m.label == "Method"]
    assert found == ["mathCoder-R", "mathCoder-R"], found


def test_a_cued_list_of_datasets_ends_with_its_last_item(extractor):
    mentions = extractor.extract_text("On seven benchmarks, including ETTh2, ETTm1, Exchange and ILI, WaveMixer reduces MSE by 4.1%.")
    labels = {m.text: m.label for m in mentions}
    assert labels.get("ETTm1") == "Dataset" and labels.get("WaveMixer") != "Dataset", labels


def test_a_generic_technique_is_proposed_only_where_the_text_names_it_new(extractor):
    mentions = extractor.extract_text("We propose MixSwap, a data augmentation method for low-resource NER.",
                                      title="MixSwap: Code-Switched Data Augmentation")
    proposed = {(m.canonical, m.proposed) for m in mentions if m.label == "Method"}
    assert ("MixSwap", True) in proposed and ("data augmentation", False) in proposed, proposed
    assert ("data augmentation", True) not in proposed, proposed
    # the paper that introduces it, in so many words
    mentions = extractor.extract_text("We study a new kernel: the neural tangent kernel (NTK).")
    assert [m.proposed for m in mentions if m.label == "Method"] == [True], mentions


def test_evaluation_sets_and_improvement_measures_stay_distinct(extractor):
    mentions = extractor.extract_text("It reaches a WER of 2.3%/5.0% on LibriSpeech test-clean/test-other, an SI-SDRi "
                                      "of 17.4 dB on WSJ0-2mix and a PESQ above DCCRN and MetricGAN+.")
    found = {m.text: (m.label, m.entity_id) for m in mentions}
    assert found["LibriSpeech test-clean"] == ("Dataset", "dataset:librispeech-test-clean"), found
    assert found["test-other"] == ("Dataset", "dataset:librispeech-test-other"), found
    assert found["SI-SDRi"] == ("Metric", "metric:si-sdri"), found  # not SI-SDR: the improvement over the mixture
    assert found["DCCRN"][0] == found["MetricGAN+"][0] == "Method", found
    wer = next(m for m in mentions if m.text == "WER")
    assert wer.results == (("2.3%", "dataset:librispeech-test-clean"), ("5.0%", "dataset:librispeech-test-other")), wer


def test_a_name_ends_before_a_verb_of_change(extractor):
    text = ("On 2D Kolmogorov flow at Reynolds number 5000 and the 3D isotropic turbulence dataset from the Johns "
            "Hopkins Turbulence Database, PINO-T reduces the relative L2 error of 10-step rollouts by 38% and 27% "
            "relative to FNO.")
    found = [m.text for m in extractor.extract_text(text)]
    assert "PINO-T" in found and not any("reduces" in t for t in found), found


def test_a_title_claim_with_a_modal_verb_names_no_method(extractor):
    mentions = extractor.extract_text("We test planning.", title="Graph Neural Networks Can Plan: A Study of Search")
    assert not any("Can" in m.text for m in mentions), [(m.text, m.label) for m in mentions]
    assert not any(m.proposed for m in mentions), [(m.text, m.proposed) for m in mentions]


def test_subsets_reported_apart_are_entities_of_their_own(extractor):
    found = {m.text: m.entity_id for m in extractor.extract_text(
        "We evaluate on SST-2 and SST-5, on Libri2Mix, and on the roman-empire and amazon-ratings graphs.")}
    assert found.get("SST-5") == "dataset:sst-5" and found.get("SST-2") == "dataset:sst-2", found
    assert found.get("Libri2Mix") == "dataset:libri2mix", found
    assert found.get("roman-empire") == "dataset:roman-empire" and found.get("amazon-ratings") == "dataset:amazon-ratings", found


def test_network_pruning_is_the_problem_and_pruning_the_technique(extractor):
    found = {m.text: (m.label, m.entity_id) for m in extractor.extract_text(
        "Network pruning shrinks models; we study magnitude-based pruning as a baseline for neural network pruning.")}
    assert found["Network pruning"] == ("Task", "task:network-pruning"), found
    assert found["neural network pruning"] == ("Task", "task:network-pruning"), found


def test_a_cued_list_of_other_kinds_gives_no_datasets():
    text = "Our detection benchmark, including the RBX and QBX tasks, is released."
    assert [(text[m.start : m.end], m.label) for m in find_pattern_mentions(text)] == []
    text = "We use several benchmarks, including the MNIST and SVHN datasets."
    assert [(text[m.start : m.end], m.label) for m in find_pattern_mentions(text)] == [("MNIST", "Dataset"), ("SVHN", "Dataset")]


def test_remote_sensing_and_document_names_are_known(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "We compare Oriented R-CNN and ReDet on DIOR-R and HRSC2016, and TrOCR on PubTabNet in terms of TEDS.")}
    assert found == {"Oriented R-CNN": "Method", "ReDet": "Method", "DIOR-R": "Dataset", "HRSC2016": "Dataset",
                     "TrOCR": "Method", "PubTabNet": "Dataset", "TEDS": "Metric"}, found


def test_a_title_verb_after_a_relative_pronoun_is_no_name(extractor):
    mentions = extractor.extract_text("We show that Reactor reaches the best score.", title="Robots that Plan with World Models")
    found = {(m.field, m.text) for m in mentions}
    assert ("title", "Plan") not in found and ("abstract", "Reactor") in found, found


def test_a_model_span_inside_a_longer_known_name_yields_to_it(extractor):
    assert [(m.text, m.entity_id) for m in extractor.extract_text("We test on Virtual KITTI 2.")] == [
        ("Virtual KITTI 2", "dataset:virtual-kitti-2")]


def test_safety_and_recommendation_names_are_known(extractor):
    found = {m.text: m.label for m in extractor.extract_text(
        "We evaluate WildGuard and Llama Guard 3 on SALAD-Bench, and MMoE and ESMM on Ali-CCP by RelaImpr.")}
    assert found == {"WildGuard": "Method", "Llama Guard 3": "Method", "SALAD-Bench": "Dataset", "MMoE": "Method",
                     "ESMM": "Method", "Ali-CCP": "Dataset", "RelaImpr": "Metric"}, found
