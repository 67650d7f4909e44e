"""Merge the candidates of every recogniser into one non-overlapping entity list, and resolve acronyms.

Where candidates overlap, the statistical NER's span wins (it was trained on where
annotators draw span boundaries; measured on the dev splits it beats gazetteer-first:
SciREX named paper-level F1 0.431 -> 0.475, TDMSci strict F1 0.538 -> 0.557), then the
gazetteer, then context patterns; where spans coincide, the gazetteer's identity and
label are kept and a pattern's "proposed" mark carries over. An acronym
defined in the text ("Sequential Chunk-wise Optimization (SeCO)") makes long and short
form one entity, and every later "SeCO" a mention of it.
"""

import bisect
import itertools
import re

from spacy.language import Language
from spacy.tokens import Span
from typing import NamedTuple

from ..model import SPLIT_WORDS
from .abbreviations import without_plural
from .doctext import doc_text, title_length, tokens_equal
from .gazetteer import GAZETTEER_KEY, VARIANTS_KEY, hyphen_attached
from .ner import entity_confidence
from .normalize import LANGUAGE_PAIR_JOINERS, LANGUAGES, fold, is_language_pair, singularize
from .patterns import (HAS_NAME, METHOD_HEADS, PATTERNS_KEY, SURVEY_WORDS, TASK_HEADS, apposition_kind, is_coined,
                       proposed_by_cue, type_noun_label)

__all__ = ["ENTITIES_KEY", "CandidateMerger"]

ENTITIES_KEY = "kg_entities"
_PRIORITY = {"model": 4, "gazetteer": 3, "pattern": 2, "acronym": 2}
_CONFIDENCE = {"gazetteer": 0.95, "pattern": 0.8, "acronym": 0.8, "model": 0.6}
#: The statistical model's entities below this confidence (see :mod:`kg.extract.ner`) are dropped.
MIN_CONFIDENCE = 0.0

for _name, _default in (("kg_source", None), ("kg_proposed", False), ("kg_long_form", None),
                        ("kg_confidence", 0.0)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


class _Cand(NamedTuple):
    """A candidate entity; spaCy keys span extensions by offsets, so candidates stay plain tuples."""

    start: int
    end: int
    label: str
    source: str
    span_id: str = ""
    proposed: bool = False
    long_form: str | None = None
    confidence: float | None = None


def _coincide(cands):
    """One candidate per exact span: the gazetteer's if any (its id and label), else the strongest source.

    The span is "proposed" if any candidate for it is.
    """
    groups = {}
    for cand in cands:
        groups.setdefault((cand.start, cand.end), []).append(cand)
    out = []
    for group in groups.values():
        known = [c for c in group if c.source == "gazetteer"]
        best = known[0] if known else max(group, key=lambda c: _PRIORITY[c.source])
        if any(c.proposed for c in group) and not best.proposed:
            best = best._replace(proposed=True)
        out.append(best)
    return out


_PADDING = frozenset("""
deep novel new large simple standard modern popular conventional traditional classic classical
vanilla plain basic original efficient powerful recent state-of-the-art existing typical various
""".split())


def _known_by(cands, edge):
    """The gazetteer's candidates by the token they start or end at (``edge``: "start" or "end")."""
    out = {}
    for c in cands:
        if c.source == "gazetteer":
            out.setdefault(getattr(c, edge), []).append(c)
    return out


_NUMBERS = re.compile(r"[-+]?\d[\d.,/%]*")  # "40.1/18.2/36.9", "85%"


def _drop_model_spans_inside_names(doc, cands):
    """A model span strictly inside a known name of its label yields to the name where the rest of
    the name is a name too (a capital or a digit in it): "KITTI" of "Virtual KITTI 2", "Cityscapes" of
    "Foggy Cityscapes", the more specific entity (not "BLEU" of "BLEU score" or "Transformer" of
    "Transformer architecture", where the gazetteer's longer form adds a type noun).

    >>> import spacy; doc = spacy.blank("en")("on Virtual KITTI 2 .")
    >>> cands = [_Cand(1, 4, "Dataset", "gazetteer", "vk2"), _Cand(2, 3, "Dataset", "model")]
    >>> [(doc[c.start : c.end].text, c.source) for c in _drop_model_spans_inside_names(doc, cands)]
    [('Virtual KITTI 2', 'gazetteer')]
    """
    known = [c for c in cands if c.source == "gazetteer"]
    if not known:
        return cands

    def inside_a_name(c):
        return any(k.label == c.label and k.start <= c.start and c.end <= k.end and (k.start, k.end) != (c.start, c.end)
                   and any(HAS_NAME.search(t.text) for t in (*doc[k.start : c.start], *doc[c.end : k.end]))
                   for k in known)

    return [c for c in cands if not (c.source == "model" and inside_a_name(c))]


def _drop_padded_model_spans(doc, cands):
    """A model span that is a known name plus generic modifiers ("deep convolutional neural networks")
    or numbers before it (its values: "40.1/18.2 ROUGE-1"; not "ILSVRC 2016") yields to the known
    name, so the entity keeps its gazetteer identity. Values and a known metric are that metric whatever
    label the model gave the span ("31.7/0.89 PSNR" is no dataset)."""
    known_at = _known_by(cands, "start")  # start token -> gazetteer candidates starting there
    out = []
    for cand in cands:
        if cand.source == "model":
            inner = next((k for i in range(cand.start, cand.end) for k in known_at.get(i, ())
                          if k.end <= cand.end and (k.start, k.end) != (cand.start, cand.end)), None)
            if inner is not None:
                before, after = doc[cand.start : inner.start], doc[inner.end : cand.end]
                values = (inner.label == "Metric" and len(after) == 0
                          and all(t.is_punct or _NUMBERS.fullmatch(t.text) for t in before))
                if values or (inner.label == cand.label
                              and all(t.lower_ in _PADDING or t.is_punct or _NUMBERS.fullmatch(t.text) for t in before)
                              and all(t.lower_ in _PADDING or t.is_punct for t in after)):
                    continue
        out.append(cand)
    return out


def _language_qualified_tasks(doc, cands):
    """A longer span of the model or the patterns that is a language or language pair and a task name
    the gazetteer knows ("Chinese-to-English translation", "Chinese POS tagging") is that task: it
    keeps its extent, as the annotated corpora draw it, and takes the known task's label and id (the
    language is a setting of the task). A model span of languages alone ("English-German", generic)
    goes, so it hides no task after it. A known dataset and a language ("CoNLL-2003 English",
    "WMT14 English-German") is a dataset: that part of it, under its own name."""
    known_tasks, known_datasets = {}, {}  # end token -> tasks ending there; start token -> datasets starting there
    for c in cands:
        if c.source == "gazetteer" and c.label == "Task":
            known_tasks.setdefault(c.end, []).append(c)
        elif c.source == "gazetteer" and c.label == "Dataset":
            known_datasets.setdefault(c.start, []).append(c)
    out = []
    for cand in cands:
        if cand.source == "model" and _all_language_words(doc[cand.start : cand.end]):
            continue
        if cand.source != "gazetteer":
            task = next((k for k in known_tasks.get(cand.end, ())
                         if cand.start < k.start and _all_language_words(doc[cand.start : k.start])), None)
            data = next((k for k in known_datasets.get(cand.start, ())
                         if k.end < cand.end and _all_language_words(doc[k.end : cand.end])), None)
            if task is not None:
                cand = cand._replace(label="Task", source="gazetteer", span_id=task.span_id)
            elif data is not None:  # a part of the dataset: its label, its own name ("WMT14 English-French" is another)
                cand = cand._replace(label="Dataset")
        out.append(cand)
    return out


def _qualified_known_tasks(doc, cands):
    """A model span labelled a method that ends in a task the gazetteer knows, whose head word says
    a task ("captioning", "detection": :data:`~kg.extract.patterns.TASK_HEADS`), after words of no
    name ("Region-Aware Image Captioning", "Weakly Supervised Object Detection"), is a task: a
    variant of the known one, under its own name (not "Mask R-CNN Object Detection", with a name in it).

    >>> import spacy; doc = spacy.blank("en")("Region-Aware Image Captioning")
    >>> cands = [_Cand(0, 5, "Method", "model"), _Cand(3, 5, "Task", "gazetteer", "t")]
    >>> [(doc[c.start : c.end].text, c.label) for c in _qualified_known_tasks(doc, cands)]
    [('Region-Aware Image Captioning', 'Task'), ('Image Captioning', 'Task')]
    """
    known = {c.end: c for c in cands if c.source == "gazetteer" and c.label == "Task"}
    out = []
    for c in cands:
        k = known.get(c.end) if c.source == "model" and c.label == "Method" else None
        if (k is not None and c.start < k.start and doc[k.end - 1].lower_ in TASK_HEADS
                and not any(_NAME_SPELLING.match(t.text) or t.like_num for t in doc[c.start : k.start])):
            c = c._replace(label="Task")
        out.append(c)
    return out


def _known_dataset_splits(doc, cands):
    """A model span that is a known dataset and a split of it ("PCQM4Mv2 validation", "GSM8K test
    split") is a dataset, whatever label the model gave it."""
    known = _known_by(cands, "start")
    out = []
    for cand in cands:
        if (cand.source == "model" and cand.label != "Dataset"
                and any(k.label == "Dataset" and k.end < cand.end
                        and all(t.lower_ in _SPLIT_TOKENS for t in doc[k.end : cand.end])
                        for k in known.get(cand.start, ()))):
            cand = cand._replace(label="Dataset")
        out.append(cand)
    return out


_SPLIT_TOKENS = SPLIT_WORDS | frozenset("train training set sets split splits subset".split())


def _all_language_words(tokens):
    """Are these tokens languages and the words that pair them ("Chinese-to-English", "English"), or
    a pair of language codes ("De-En")?"""
    words = [t.lower_ for t in tokens]
    return (any(w in LANGUAGES for w in words)
            and all(w in LANGUAGES or w in LANGUAGE_PAIR_JOINERS for w in words)
            or is_language_pair(tokens.text))


#: A hyphenated piece that continues a name: a variant or size ("MolFormer-G", "ViT-B/16", "T5-XXL", "BERT-large").
_NAME_SUFFIX = re.compile(r"[A-Z0-9][\w.+/]{0,15}|v\d[\w.]{0,5}|(?:base|large|small|tiny|mini|medium|huge|xl|xxl)")


#: One Greek letter, which may open a name before a hyphen: "α-VAE", "β-VAE".
_GREEK_LETTER = re.compile(r"[\u03b1-\u03c9\u0391-\u03a9]")


def _whole_words(doc, cands):
    """A model span does not start after a Greek letter and its hyphen ("α-VAE") or a hyphenated
    name's first part ("Diff-Edit++"), nor end inside a
    word ("Pythia-70M", which the tokenizer splits before its unit) or a hyphenated name:
    "MolFormer" in "MolFormer-G" becomes "MolFormer-G"
    ("-based", "-like" and other lowercase words after a hyphen stay outside, and so
    does a piece the model takes for an entity of its own: "Precision-Recall"); a widened span that
    was a known name takes the name's label."""
    model_starts = {c.start for c in cands if c.source == "model"}
    covered = {i for c in cands for i in range(c.start, c.end)}
    known = {}  # start -> {end: label} of the gazetteer's names
    for c in cands:
        if c.source == "gazetteer":
            known.setdefault(c.start, {})[c.end] = c.label
    out = []
    for c in cands:
        if c.source == "model":
            end = c.end
            while end + 1 < len(doc) and end + 1 not in model_starts and _is_suffix(doc, end):
                end += 2
            while (end < len(doc) and not doc[end - 1].whitespace_ and doc[end - 1].text[-1].isalnum()
                   and doc[end].text.isalnum() and end not in model_starts):
                end += 1  # the rest of its word, a unit the tokenizer split off: "Pythia-70" + "M"
            start = c.start
            if start >= 2 and doc[start - 1].text == "-" and not (doc[start - 2].whitespace_ or doc[start - 1].whitespace_):
                before = doc[start - 2]
                if _GREEK_LETTER.fullmatch(before.text):
                    start -= 2  # a Greek letter before the hyphen is part of the name: "α-VAE"
                elif (before.text[:1].isupper() and before.text.isalnum() and start - 2 not in covered
                      and (start == 2 or doc[start - 3].whitespace_ or doc[start - 3].is_punct)):
                    start -= 2  # the first part of a hyphenated name, which no other entity took: "Diff-Edit++"
            # a variant of a known name is of its kind: "LibriTTS-R" is a dataset, as LibriTTS is
            label = next((lab for k, lab in known.get(c.start, {}).items() if k < end and _is_suffixes(doc, k, end)), c.label)
            if (start, end, label) != (c.start, c.end, c.label):
                c = c._replace(start=start, end=end, label=label)
        out.append(c)
    return out


def _is_suffix(doc, i):
    """Are ``doc[i]`` and ``doc[i + 1]`` a hyphen and a name suffix attached to the word before ("-R")?"""
    return hyphen_attached(doc, i + 1) and bool(_NAME_SUFFIX.fullmatch(doc[i + 1].text))


def _is_suffixes(doc, start, end):
    """Are ``doc[start:end]`` hyphen-attached name suffixes ("-R", "-XL-2")?"""
    return (end - start) % 2 == 0 and all(_is_suffix(doc, i) for i in range(start, end, 2))


#: Verbs a name never ends in: the model sometimes runs a subject into its verb.
CLAUSE_VERBS = frozenset("""
align aligns differ differs outperform outperforms achieve achieves improve improves remain remains
require requires suffer suffers fail fails yield yields enable enables allow allows tend tends
struggle struggles exhibit exhibits emerge emerges rely relies rival rivals surpass surpasses
exceed exceeds follow follows satisfy satisfies captures collapses degrade degrades converge converges
perform performs underperform underperforms dominate dominates succeeds meet meets matters
show shows demonstrate demonstrates indicate indicates reveal reveals suggest suggests confirm confirms
attain attains obtain obtains reduce reduces raises lowers
""".split())
#: Words that open a clause, which no name runs into: auxiliaries, negation, "versus" and the verbs of
#: :data:`CLAUSE_VERBS` or of a title's claim ("Graph Transformers Are Not Always Better",
#: "Direct Preference Optimization Overfits to Length").
CLAUSE_WORDS = CLAUSE_VERBS | frozenset("""
is are was were be been being not cannot can could may might will would does do did should must
learn learns generalize generalizes overfit overfits beat beats memorize memorizes
versus vs vs.
""".split())
#: Verbs that are nouns too ("motion capture", "mode collapse", "time lags"): they open a clause
#: only after a name ("Graph WaveNet capture local dynamics", "where DPO and KTO collapse").
_NAME_VERBS = frozenset("capture collapse lag lags match matches matter scale scales trail trails".split())
#: A token that is a name by its spelling: capitals after the first letter or a digit ("KTO",
#: "WaveNet", "GPT-4"; not a sentence's first word, "Motion").
_NAME_SPELLING = re.compile(r".+[A-Z]|.*\d")
#: Words that make a name a question, whose verb is part of it ("Who Did What").
QUESTION_WORDS = frozenset("who what which how why when where".split())


def clause_start(doc, start, end):
    """The first token of ``doc[start:end]`` after its first that opens a clause (a word of
    :data:`CLAUSE_WORDS`, not in capitals or a hyphenated compound: "IS", "Not-MIWAE",
    "follow-the-regularized-leader"), or None; None too for a name put as a question ("Who Did What")."""
    if doc[start].lower_ in QUESTION_WORDS:
        return None
    for i in range(start + 1, end):
        if ((doc[i].lower_ in CLAUSE_WORDS and not doc[i].text.isupper()
             or doc[i].text in _NAME_VERBS and _NAME_SPELLING.match(doc[i - 1].text)
             or _verb_and_value(doc, i))
                and not hyphen_attached(doc, i) and not (i + 2 < len(doc) and hyphen_attached(doc, i + 2))):
            return i
    return None


def _verb_and_value(doc, i):
    """Is ``doc[i]`` a verb of the third person before a score, after a name: "mathCoder-R [reaches]
    55.6", "Llama-3 [scores] 71.2%" (a lowercase word in "-s", not "-ss", after a word of a name's
    spelling, before a decimal number or a percentage)?"""
    word = doc[i].text
    if not (i + 2 < len(doc) and word.endswith("s") and not word.endswith("ss") and doc[i].is_lower
            and doc[i].is_alpha and doc[i + 1].like_num and _NAME_SPELLING.match(doc[i - 1].text)):
        return False
    return "." in doc[i + 1].text or doc[i + 2].text == "%"  # a score, not a footnote: "competitions 1"


#: Dashes that, spaced or (the em dash) not, end a clause: "Librispeech - rivaling the best systems".
_CLAUSE_DASHES = frozenset("- – — --".split())
#: Participles that open what a name is made of, which no name runs into: "GLH-Bridge comprising
#: 6,000 images" ("spanning" and "covering" are not here: "minimum spanning tree", "set covering").
_CONTENT_PARTICIPLES = frozenset("comprising consisting containing including encompassing featuring involving".split())
#: Gerunds that open a participle clause, which no name runs into or ends with: "a universal
#: approximation theorem guaranteeing uniform bounds", "pre-training-achieving".
CLAUSE_GERUNDS = frozenset("""
guaranteeing ensuring showing demonstrating suggesting indicating implying yielding achieving
enabling allowing outperforming requiring using providing giving producing obtaining
""".split())  # not "proving" or "reaching": "theorem proving", "goal reaching" are tasks


def _cut_at_clauses(doc, cands):
    """A model span ends before a dash that sets off a clause, an em dash or a hyphen or en dash
    with spaces on both sides ("Librispeech - rivaling" is "Librispeech"; "Kullback–Leibler" and
    "U-Net" keep theirs), before a participle of :data:`_CONTENT_PARTICIPLES` or
    :data:`CLAUSE_GERUNDS`, and before a clause (:func:`clause_start`: "FourCastNet rival
    numerical" is "FourCastNet", and the gazetteer's "numerical weather prediction" is no longer
    crossed), and before a bracket it does not close
    ("mitigation (instruction tuning" is "mitigation"), and before a line break (the title's name
    does not run into the abstract). A span the dash, participle or break starts begins after it."""
    out = []
    for c in cands:
        if c.source == "model":
            start, end = c.start, c.end
            for i in range(start, end):
                tok = doc[i]
                if (tok.text in _CLAUSE_DASHES and (tok.text == "—" or (i > 0 and doc[i - 1].whitespace_ and tok.whitespace_))
                        or (tok.text in _CONTENT_PARTICIPLES or tok.lower_ in CLAUSE_GERUNDS)
                        and not hyphen_attached(doc, i)
                        or tok.is_space):  # a line break: the blank line between title and abstract
                    if i > start:
                        end = i
                        break
                    start = i + 1
            if start < end and (cut := clause_start(doc, start, end)) is not None:
                end = cut  # the filter cuts it too; cut here, a name it crossed wins the rest back
            opened = [i for i in range(start, end) if doc[i].text == "("]
            if opened and not any(doc[i].text == ")" for i in range(opened[-1], end)) and opened[-1] > start:
                end = opened[-1]  # "mitigation (instruction tuning": the bracket opens a list of other names
            if start >= end:
                continue
            if (start, end) != (c.start, c.end):
                c = c._replace(start=start, end=end)
        out.append(c)
    return out


def _yield_to_crossed_names(doc, cands):
    """A model span that crosses a gazetteer name, starting before it and ending inside it or the
    other way round, stops where the name starts or starts where it ends: "lowering expected
    calibration" of "lowering expected calibration error" gives way to "expected calibration
    error". A rest that is one lowercase word ("lowering", "computational" of "computational
    speed-up") is a fragment, not a name, and is dropped. A span whose rest would start with a
    bracket stays whole: it defines an acronym, whose long form the acronym step finds ("reinforcement
    learning (RL)" inside "Model-based reinforcement learning (RL)")."""
    known = [c for c in cands if c.source == "gazetteer"]
    if not known:
        return cands
    out = []
    for c in cands:
        if c.source == "model":
            start, end = c.start, c.end
            for k in known:
                if start < k.start < end < k.end:
                    end = k.start
                elif k.start < start < k.end < end:
                    start = k.end
            if (start, end) != (c.start, c.end):
                while start < end and doc[end - 1].is_punct and doc[end - 1].text != ")":
                    end -= 1  # "X," of "X, expected calibration"
                acronym = start < end and doc[start].text == "("  # its definition: the span stays whole
                if not acronym:
                    if start >= end or end - start == 1 and doc[start].is_lower:
                        continue
                    c = c._replace(start=start, end=end)
        out.append(c)
    return out


#: Prepositions that attach a known name to a phrase without making it part of a name ("text
#: embeddings from T5").
_ATTACHING_PREPOSITIONS = frozenset("from by with using via".split())


def _detach_known_names(doc, cands):
    """A model span that ends in a known name after a preposition ("text embeddings from T5",
    "features extracted by the ResNet") ends before the preposition: the name is an entity of its
    own. Not after "of", which names what a task is about: "Weakly supervised learning of object
    detection" is SciREX's task."""
    ends = _known_by(cands, "end")
    out = []
    for c in cands:
        if c.source == "model":
            for k in ends.get(c.end, ()):
                i = k.start - 1 - (k.start - 1 > c.start and doc[k.start - 1].lower_ == "the")
                if c.start < i < k.start and doc[i].lower_ in _ATTACHING_PREPOSITIONS:
                    c = c._replace(end=i)
                    break
        out.append(c)
    return out


def _drop_compound_tails(doc, cands):
    """A model span that starts inside a hyphenated compound ("FAC" of "M-FAC") yields to a name
    another component finds for the whole compound (the title's "M-FAC: ..."), as a gazetteer name
    never matches a compound's tail (:func:`~kg.extract.gazetteer.hyphen_attached`). Alone, the
    model's tail stays: SciREX marks "LSTM" in "C-LSTM"."""
    wholes = [c for c in cands if c.source != "model"]
    return [c for c in cands
            if not (c.source == "model" and hyphen_attached(doc, c.start)
                    and any(w.start < c.start and w.end >= c.end for w in wholes))]


def _split_name_pairs(doc, cands):
    """A model span of two names spelled as names joined by "and" or "or", "SAINT and TabPFN",
    "BERT or RoBERTa", or a capitalised word the gazetteer knows and another ("Yelp and Gowalla"),
    is two mentions of its label ("Fast and Robust", "Sequence and Structure" stay: Title Case
    words are no names by their spelling).

    >>> import spacy; doc = spacy.blank("en")("ahead of SAINT and TabPFN on OpenML")
    >>> [doc[c.start : c.end].text for c in _split_name_pairs(doc, [_Cand(2, 5, "Method", "model")])]
    ['SAINT', 'TabPFN']
    >>> doc = spacy.blank("en")("on Yelp and Brightkite")
    >>> cands = [_Cand(1, 4, "Dataset", "model"), _Cand(1, 2, "Dataset", "gazetteer", "d")]
    >>> [doc[c.start : c.end].text for c in _split_name_pairs(doc, cands)]
    ['Yelp', 'Brightkite', 'Yelp']
    """
    known = {(c.start, c.end) for c in cands if c.source == "gazetteer"}

    def names(i, j):  # both spelt as names, or capitalised with one the gazetteer knows ("Yelp and Gowalla")
        spelt = [bool(_NAME_SPELLING.match(doc[k].text)) for k in (i, j)]
        return all(spelt) or (((i, i + 1) in known or (j, j + 1) in known)
                              and all(s or doc[k].is_title for s, k in zip(spelt, (i, j))))

    out = []
    for c in cands:
        if (c.source == "model" and c.end - c.start == 3 and doc[c.start + 1].lower_ in ("and", "or")
                and names(c.start, c.end - 1)):
            out += [c._replace(end=c.start + 1), c._replace(start=c.end - 1)]
        else:
            out.append(c)
    return out


#: Lowercase words a Title-Case name may hold ("Tree of Thoughts", "Learning to Rank"); not "is",
#: "with", "for": "ReZero is All You Need", "Continual Learning with Dynamic Sparse Training".
_TITLE_CONNECTORS = frozenset("of to".split())


def _title_name_to_colon(doc, cands):
    """A model span that starts a title "A B C D: ..." and stops in the Title-Case words before the
    colon takes them all: "You Only" of "You Only Evaluate Once: a Simple Baseline" is the name
    "You Only Evaluate Once"."""
    cut = title_length(doc)
    if not cut:
        return cands
    out = []
    for c in cands:
        if c.source == "model" and c.start == 0:
            end = c.end
            while (end < len(doc) and doc[end].idx < cut and end - c.start < 8
                   and (doc[end].text[:1].isupper() or doc[end].text in _TITLE_CONNECTORS
                        or doc[end].text == "-" and not doc[end - 1].whitespace_)):
                end += 1
            if (end > c.end and end < len(doc) and doc[end].text == ":" and doc[end - 1].text[:1].isupper()
                    and doc[end].idx < cut):
                # the title's "X: ..." form proposes X, unless the paper surveys it
                rest = doc_text(doc)[doc[end].idx : cut]
                c = c._replace(end=end, proposed=c.label == "Method" and not SURVEY_WORDS.search(rest))
        out.append(c)
    return out


def _names_a_release(token):
    """Is ``token`` a version or a number after a name ("1.5", "v2", "3" of "TED-LIUM 3")?"""
    return bool(_VERSION.match(token.text)) or token.text.isdigit()


def _drop_split_known_names(cands, doc=None):
    """Model spans that cut one gazetteer name into pieces ("95%" + "Hausdorff distance" in
    "95% Hausdorff distance") yield to the name: two or more model spans inside it, none crossing it.

    So does one model span that ends the name but leaves out its first words ("speech tagging" in
    "part of speech tagging"). One model span that starts the name is kept (the model's "BLEU"
    inside the alias "BLEU score"), unless the rest of the name is a version, a number or a word
    with a digit, a "+" or a capitalised word other than a type noun ("CTB" of "CTB 5.1",
    "TED-LIUM" of "TED-LIUM 3", "PBMC" of "PBMC 68k", "Gemini 1.5" of "Gemini 1.5 Pro",
    "DeepLabv3" of "DeepLabv3+": another release or variant), or the model gave it another label
    than the name's ("CLAP" as a dataset inside "CLAP score"). A rest of "& Deep" or "and Deep" is
    such a capitalised word too ("Wide" of "Wide & Deep"). Nor is it kept where it has no shape of
    its label alone ("Dice" of "Dice scores").
    """
    from .filters import is_generic  # here: the filter module imports this one

    model = sorted((c for c in cands if c.source == "model"), key=lambda c: (c.start, c.end))
    starts = [c.start for c in model]
    reach = list(itertools.accumulate((c.end for c in model), max, initial=-1))  # reach[i]: max end of model[:i]
    drop = set()
    for known in (c for c in cands if c.source == "gazetteer"):
        i = bisect.bisect_left(starts, known.start)
        crossing = reach[i] > known.start  # a model span from before the name into it
        inside = []
        while i < len(model) and model[i].start < known.end and not crossing:
            c = model[i]
            if (c.start, c.end) != (known.start, known.end):
                if c.end <= known.end:
                    inside.append(c)
                else:
                    crossing = True  # from inside the name out of it
            i += 1
        suffix = len(inside) == 1 and inside[0].end == known.end  # "speech tagging" of "part of speech tagging"
        # "CTB" of "CTB 5.1", "TED-LIUM" of "TED-LIUM 3", "Gemini 1.5" of "Gemini 1.5 Pro": the
        # version or variant is part of the name's identity (not a type noun: "BLEU" of "BLEU score")
        versioned = (len(inside) == 1 and inside[0].start == known.start and doc is not None
                     and all(_names_a_release(t) or t.text in "-.&+" or t.lower_ == "and"
                             or any(map(str.isdigit, t.text))  # a size: "PBMC" of "PBMC 68k"
                             or t.is_title and not type_noun_label(t.text)
                             for t in doc[inside[0].end : known.end]))
        # "CLAP" taken for a dataset inside "CLAP score": the model's label is not the name's; "Dice"
        # of "Dice scores", which alone has no metric's shape (the filter would drop it, and the name)
        prefix = len(inside) == 1 and inside[0].start == known.start
        mislabelled = prefix and (
            inside[0].label != known.label
            or doc is not None and is_generic(doc[inside[0].start : inside[0].end].text, inside[0].label))
        if (len(inside) >= 2 or suffix or versioned or mislabelled) and not crossing:
            drop.update(inside)
    return [c for c in cands if c not in drop] if drop else cands


def _drop_number_led_crossings(doc, cands):
    """A model span that opens with a number and runs into a gazetteer name ("32.4 mask" of
    "32.4 mask AP") yields to the name: the number is the name's value."""
    known = [c for c in cands if c.source == "gazetteer"]
    if not known:
        return cands
    return [c for c in cands
            if not (c.source == "model" and doc[c.start].like_num
                    and any(k.start < c.end < k.end and c.start < k.start for k in known))]


def _drop_dataset_metric_joins(cands):
    """A model span that is exactly a known dataset followed by a known metric ("WikiText-2
    perplexity", "COCO AP") yields to the two: the metric is measured on the dataset."""
    known = {(c.start, c.end): c for c in cands if c.source == "gazetteer"}
    if len(known) < 2:
        return cands
    datasets = {c.start: c for c in known.values() if c.label == "Dataset"}
    metric_ends = {(c.start, c.end) for c in known.values() if c.label == "Metric"}

    def joins(c):
        d = datasets.get(c.start)
        return d is not None and d.end < c.end and (d.end, c.end) in metric_ends

    return [c for c in cands if not (c.source == "model" and joins(c))]


#: A token written as a proper name: a capital after its first letter, or a digit ("CNN", "ResNet", "GPT-4").
_PROPER_NAME_TOKEN = re.compile(r"\w[A-Z]|\d")


def _variants_take_the_label(doc, cands):
    """A model span that makes a known name a variant of its own takes its label from the name:

    * a known name and a version ("Open-Sora 1.2", "FrameNet 1.5") takes the name's label; the
      version keeps it a name of its own;
    * capitalised words and a known method written as a proper name ("Meta R-CNN", "Sparse R-CNN",
      "Chinese BERT") is a method, whatever label the model gave it: the words make a variant of
      the method, not a task or a dataset (the task was then dropped as generic, and only "R-CNN"
      stayed). Not a technique's common noun ("Robust Network Pruning" is a task).
    """
    known = [c for c in cands if c.source == "gazetteer"]
    if not known:
        return cands
    by_start = {c.start: c for c in known}
    methods_by_end = {c.end: c for c in known if c.label == "Method"}
    out = []
    for c in cands:
        if c.source == "model":
            k = by_start.get(c.start)
            if (k is not None and k.end < c.end and k.label != c.label
                    and all(map(_names_a_release, doc[k.end : c.end]))):
                c = c._replace(label=k.label)
            k = methods_by_end.get(c.end)
            if (k is not None and c.label != "Method" and c.start < k.start
                    and any(_PROPER_NAME_TOKEN.search(t.text) for t in doc[k.start : k.end])
                    and all(t.is_alpha and t.text[0].isupper() for t in doc[c.start : k.start])):
                c = c._replace(label="Method")
        out.append(c)
    return out


#: A model size written after a hyphen: "-B", "-XL", "-7B", "-large", "-B/16".
_SIZE_TOKEN = re.compile(r"(?:[TSBLHG]|XX?L|\d+(?:\.\d+)?[BMK]|base|large|small|tiny|huge|mini)(?:/\d+)?")
#: A size after a hyphen at the end of a name: "-B", "-34B", "-large".
_SIZE_SUFFIX = re.compile(rf"(?<=\S)-{_SIZE_TOKEN.pattern}$")


def _sized_variants_are_methods(doc, cands):
    """A model span that is a method the text names and a size ("MoD-ViT-B" of "We propose
    MoD-ViT") is a method, whatever label the model gave it: the size makes a variant of the
    model, not a dataset. A span that starts inside such a variant takes the whole of it:
    "ViT-B" of "Tok-ViT-B" after "We propose Tok-ViT"."""
    sized = {c: m.start() for c in cands  # "MoD-ViT-B"; "Code Llama-34B", whose last token is "Llama-34B"
             if c.source == "model" and (m := _SIZE_SUFFIX.search(doc[c.start : c.end].text))}
    if not sized:
        return cands
    methods = {doc[c.start : c.end].text for c in cands if c.label == "Method"}
    out, text = [], doc_text(doc)
    for c in cands:
        if c in sized:
            # the method's name: the span's own words, or (inside a compound) one or two hyphenated words more
            cut = doc[c.start].idx + sized[c]
            start = next((s for s in (c.start, c.start - 2, c.start - 4)
                          if s >= 0 and (s == c.start or hyphen_attached(doc, s + 2))
                          and text[doc[s].idx : cut] in methods), None)
            if start is not None and (start, c.label) != (c.start, "Method"):
                c = c._replace(start=start, label="Method")
        out.append(c)
    return out


#: Function words that may join two known names inside one name ("learning of object detection",
#: "DUC 2006 and 2007 summarization task"); the filter's test-set rule reads them too.
_GAP_WORDS = frozenset("of and or for in on with to from by via using under over between across the a an".split())
#: A lowercase word with a verb's ending ("lets", "outperforms", "improved"); not "network", "loss".
_VERB_FORM = re.compile(r"(?!(?:news|series|species|physics|analysis|basis|axis|bias|corpus|status|census|lens)$)"
                        r"[a-z]+(?:[^s]s|ed)")  # not a noun with such an ending ("WMT 2016 news translation")


def _drop_spans_over_two_names(doc, cands):
    """A model span that runs over two known names with one word between them that looks like a
    verb ("Sharpness-aware minimization lets Swin-T", not "transformer-based network foundation
    model") yields to the names. Not over a function word ("learning of object detection"), a
    word of a hyphenated compound ("Transformer-based UNet") or a longer stretch ("accuracy among
    top k nearest neighbors")."""
    known = [c for c in cands if c.source == "gazetteer"]
    if len(known) < 2:
        return cands
    drop = []
    for c in cands:
        if c.source != "model":
            continue
        inside = sorted((k for k in known if c.start <= k.start and k.end <= c.end), key=lambda k: k.start)
        if len(inside) < 2:
            continue
        for a, b in zip(inside, inside[1:]):
            words = [t for t in doc[a.end : b.start] if doc[t.i - 1].whitespace_ and t.whitespace_]  # not "-based"
            if len(words) == 1 and _VERB_FORM.fullmatch(words[0].text) and words[0].lower_ not in _GAP_WORDS:
                drop.append(c)
                break
    return [c for c in cands if c not in drop] if drop else cands


def _drop_spans_over_listed_names(doc, cands):
    """A model span over a list of names the gazetteer or the patterns found, with only list words
    between them and perhaps their type noun after ("SemEval-2010 and KDD datasets", one task for
    the model; "textual entailment and sentiment analysis"; "LibriSpeech test-clean/test-other"),
    yields to the names.

    >>> import spacy; doc = spacy.blank("en")("on the SemEval-2010 and KDD datasets")
    >>> cands = [_Cand(2, 6, "Task", "model"), _Cand(2, 3, "Dataset", "pattern"), _Cand(4, 5, "Dataset", "pattern")]
    >>> [(doc[c.start : c.end].text, c.label) for c in _drop_spans_over_listed_names(doc, cands)]
    [('SemEval-2010', 'Dataset'), ('KDD', 'Dataset')]
    """
    names = [c for c in cands if c.source != "model"]
    if len(names) < 2:
        return cands
    drop = []
    for c in cands:
        if c.source != "model":
            continue
        inside = sorted((k for k in names if c.start <= k.start and k.end <= c.end), key=lambda k: (k.start, -k.end))
        if len(inside) < 2:
            continue
        i, items, listed = c.start, [], True
        for k in inside:
            if k.start >= i:
                # from the span's start or the last item to this one: list words only, one at least between items
                gap = [t.lower_ for t in doc[i : k.start]]
                listed = listed and all(w in _LIST_SEPARATORS or w == "/" for w in gap) and (bool(gap) or not items)
                i = k.end
                items.append(k)
        end = c.end
        while end > i and type_noun_label(doc[end - 1].text) is not None:
            end -= 1  # "... datasets"
        if (len(items) >= 2 and listed and end == i
                and not any(_all_language_words(doc[k.start : k.end]) for k in items[1:])):
            drop.append(c)  # (not "ACE 2005 Chinese and English corpora": the languages of one dataset)
    return [c for c in cands if c not in drop] if drop else cands


def _proposed_variants_of_known_names(doc, cands):
    """A proposed name that is a known name and a hyphenated tail, "We propose Protonet-Aug",
    "Hyperband-Meta: ...", is a name of its own, here and wherever the text writes it again: the
    known name inside it ("Protonet", the prototypical network) is no mention there. (A variant
    nobody proposes stays the known name, as the model's spans do: SciREX marks "LSTM" in "C-LSTM".)

    >>> import spacy; doc = spacy.blank("en")("We propose Protonet-Aug . Protonet-Aug beats Protonet .")
    >>> cands = [_Cand(2, 5, "Method", "pattern", proposed=True)] + [
    ...     _Cand(i, i + 1, "Method", "gazetteer", "m") for i in (2, 6, 10)]
    >>> sorted({(c.start, doc[c.start : c.end].text, c.source) for c in _proposed_variants_of_known_names(doc, cands)})
    [(2, 'Protonet-Aug', 'pattern'), (6, 'Protonet-Aug', 'pattern'), (10, 'Protonet', 'gazetteer')]
    """
    def tail_end(end):  # after the hyphenated words that follow token ``end``: "-Aug", "-meta"; not "-based"
        while end + 1 < len(doc) and hyphen_attached(doc, end + 1) and doc[end + 1].lower_ not in _ADJECTIVE_TAILS:
            end += 2
        return end

    known_at = _known_by(cands, "start")
    variants = set()
    for c in cands:
        if c.source == "pattern" and c.proposed and c.label == "Method":
            if any(k.end < c.end and tail_end(k.end) == c.end for k in known_at.get(c.start, ())):
                variants.add(doc[c.start : c.end].text)
    if not variants:
        return cands
    out, extents = [], []
    for c in cands:
        if c.source == "gazetteer":
            end = tail_end(c.end)
            if doc[c.start : end].text in variants:
                c = c._replace(end=end, label="Method", source="pattern", span_id="", long_form=None)
                extents.append((c.start, c.end))
        out.append(c)
    # and the model's spans inside them ("Protonet" of "Protonet-Aug")
    out = [c for c in out if not (c.source == "model" and any(a <= c.start and c.end <= b and (a, b) != (c.start, c.end)
                                                              for a, b in extents))]
    return out


def _repeat_coined_names(doc, cands):
    """A one-word name a context pattern found proposed ("netFound: Foundation Model for ...", "we
    propose LiteNet", "we introduce nerfstream, a ..."), or a coined one the statistical model found
    as a method, is a mention
    wherever the text writes it again and no other candidate is there: the model misses names of
    unusual shape ("netFound") as often as it sees them.

    >>> import spacy; doc = spacy.blank("en")("netFound: a model. We train netFound, and netFound-v2.")
    >>> cands = [_Cand(0, 1, "Method", "pattern", proposed=True)]
    >>> [doc[c.start : c.end].text for c in _repeat_coined_names(doc, cands)]
    ['netFound', 'netFound']
    """
    text = doc_text(doc)
    names = {}
    for c in cands:
        if c.source == "pattern" and c.proposed or c.source == "model" and c.label == "Method":
            name = text[doc[c.start].idx : doc[c.end - 1].idx + len(doc[c.end - 1])]
            # a name the paper gives its work, however it is spelt ("we introduce nerfstream, a ...")
            if " " not in name and (is_coined(name) or c.source == "pattern" and name.islower()):
                names.setdefault(name, c)
    if not names:
        return cands
    taken = {i for c in cands for i in range(c.start, c.end)}
    out = list(cands)
    for name, c in names.items():
        n = c.end - c.start
        starts = {i: i + 1 for i in tokens_equal(doc, name, text)} if n == 1 else _written_with_tokens(doc, name)
        for i, j in starts.items():
            if taken.isdisjoint(range(i, j)) and not hyphen_attached(doc, i) and not (
                    j + 1 < len(doc) and hyphen_attached(doc, j + 1)):
                out.append(_Cand(i, j, c.label, "pattern"))
                taken.update(range(i, j))
    return out


def _one_label_per_name(doc, cands):
    """A model candidate takes the label that the gazetteer or a context pattern gives the same
    name elsewhere in the doc ("we propose SimVQ" makes every "SimVQ" a Method, not a Task).

    Names the patterns label two ways keep the model's labels.
    """
    text = doc_text(doc)

    def name(c):  # the candidate's text, lowercased
        last = doc[c.end - 1]
        return text[doc[c.start].idx : last.idx + len(last)].lower()

    labels = {}
    for c in cands:
        if c.source in ("gazetteer", "pattern"):
            labels.setdefault((c.source, name(c)), set()).add(c.label)
    if not labels:
        return cands
    out = []
    for c in cands:
        if c.source == "model":
            key = name(c)
            known = labels.get(("gazetteer", key)) or labels.get(("pattern", key))
            if known and len(known) == 1 and c.label not in known:
                c = c._replace(label=next(iter(known)))
        out.append(c)
    return out


#: Words between the items of a list: "X, Y and Z", "X or Y", "X & Y".
_LIST_SEPARATORS = frozenset(", and or &".split())


def listed_labels(doc, start, end, by_start, by_end):
    """The labels of the names next to ``doc[start:end]`` in a list ("X, Y and Z", "X or Y"), from
    ``by_start``/``by_end`` (names keyed by their first token and by their end). A comma alone
    makes a list only with another separator beside it, and not after the last item: neither
    "On ILSVRC-2012, MaskSparsity reduces" nor "On X and CrossCodeEval, RepoRAG raises" is one."""

    def separator(i, j):  # 0 (none), 1 (a comma), 2 (a word: "and", ", and")
        words = [t.lower_ for t in doc[i:j]]
        if not 0 < len(words) <= 2 or not all(w in _LIST_SEPARATORS for w in words):
            return 0
        return 2 if any(w != "," for w in words) else 1

    def comma_before(i):  # a list's item before the last ("X, Y and Z" at Y, not at Z: "and Z, W verb")
        return i > 0 and doc[i - 1].text == ","

    def separator_at(i):
        return i < len(doc) and doc[i].lower_ in _LIST_SEPARATORS

    labels = set()
    for gap in (1, 2):
        if ((k := by_end.get(start - gap)) is not None and (sep := separator(k.end, start))
                and not (k.start > 0 and doc[k.start - 1].lower_ in ("and", "or"))):  # "X and Y, and Z verb"
            if sep == 2 or comma_before(k.start) or separator_at(end):
                labels.add(k.label)
        if (k := by_start.get(end + gap)) is not None and (sep := separator(end, k.start)):
            if sep == 2 or separator_at(k.end) or comma_before(start):
                labels.add(k.label)
    return labels


def _listed_with_known(doc, cands):
    """A model span that is a name (each word with a capital or a digit, three words at most)
    and stands in a list next to known datasets or methods takes their label when they agree
    (:func:`listed_labels`): "On RepoEval and CrossCodeEval" makes RepoEval a dataset, as
    CrossCodeEval is. Not next to metrics, whose short names are often taken by other things
    ("Top-k, DSelect-k, and COMET" are routers)."""
    known = [c for c in cands if c.source == "gazetteer" and c.label in ("Dataset", "Method")]
    if not known:
        return cands
    by_end = {k.end: k for k in known}
    by_start = {k.start: k for k in known}
    out = []
    for c in cands:
        if (c.source == "model" and c.end - c.start <= 3 and c.label != "Metric"
                and all(HAS_NAME.search(t.text) or t.text == "-" for t in doc[c.start : c.end])):
            labels = listed_labels(doc, c.start, c.end, by_start, by_end)
            if len(labels) == 1 and c.label not in labels:
                c = c._replace(label=labels.pop())
        out.append(c)
    return out


def _best(cands):
    """Keep the strongest of overlapping candidates: higher source priority, then longer."""
    cands = _coincide(cands)
    ranked = sorted(cands, key=lambda c: (-_PRIORITY[c.source], -(c.end - c.start), c.start))
    taken, seen = [], set()
    for cand in ranked:
        if any(i in seen for i in range(cand.start, cand.end)):
            continue
        taken.append(cand)
        seen.update(range(cand.start, cand.end))
    return sorted(taken)


def _proposed_here(doc, long_span, chosen):
    """Does a proposal cue before the long form, in its sentence, propose it (see
    :func:`~kg.extract.patterns.proposed_by_cue`)? "We propose a Weighted Autoregressive Varying
    gatE (WAVE) attention equipped with both Autoregressive (AR) ..." proposes WAVE, not AR."""
    sent = long_span.sent
    others = [(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])) for c in chosen
              if sent.start <= c.start and c.end <= long_span.start and c.label != "Task"]
    return proposed_by_cue(_PROPOSAL, doc_text(doc), sent.start_char, long_span.start_char, others, defined=True)


_PROPOSAL = re.compile(r"\b(?:[Ww]e|[Oo]ur|this (?:paper|work))\b[^.;]{0,40}\b(?:propose|introduce|present|develop|design|devise|call|name|dub|term)")
_HEAD_LABEL = {"dataset": "Dataset", "benchmark": "Dataset", "corpus": "Dataset", "corpora": "Dataset",
               "challenge": "Dataset", "score": "Metric", "error": "Metric", "distance": "Metric", "rate": "Metric",
               "accuracy": "Metric", "index": "Metric", "ratio": "Metric", "precision": "Metric"}
_MINOR = {"of", "for", "and", "with", "in", "on", "the", "a", "an", "to", "via", "by"}
#: Last words of a long form that make it a measure, whatever the model's label: "structural Hamming
#: distance (SHD)", "mean per-joint position error (MPJPE)".
_MEASURE_HEAD_WORDS = frozenset("distance error score accuracy divergence precision recall perplexity".split())


_METHOD_HEAD_WORDS = METHOD_HEADS | {"net"}


def _long_form_words(long_span):
    """The words of an acronym's long form (tokens starting with a letter)."""
    return [w for w in re.split(r"\s+", long_span.text) if w[:1].isalpha()]


def _is_method_head(word):
    """Does this last word make a phrase a method ("networks", "algorithm", "nets")?"""
    return singularize(word.lower()) in _METHOD_HEAD_WORDS


_HEAD_ENDS = frozenset("for of with via from in on by using under".split())


def _head_label(long_span):
    """Method when the head of a long form says so ("... networks", "... algorithm", "convolutional
    network for sequential recommendation": the head comes before a preposition); task heads are
    left alone, they also end methods and metrics ("weight matching", "centered kernel alignment")."""
    words = _long_form_words(long_span)
    cut = next((i for i, w in enumerate(words) if i and w in _HEAD_ENDS), len(words))
    return "Method" if cut and _is_method_head(words[cut - 1]) else None


_NAMING_WORDS = frozenset("called named termed dubbed coined".split())


def _kind_before(doc, long_span):
    """Dataset, Metric or Task when a type noun comes right before a long form ("a better metric,
    Topological Concentration (TC)", "a benchmark called Long Range Arena (LRA)"), else None."""
    i = long_span.start
    while i > 0 and not doc[i].is_sent_start:  # within the long form's sentence
        i -= 1
        if doc[i].text != "," and doc[i].lower_ not in _NAMING_WORDS:
            kind = type_noun_label(doc[i].text)
            return kind if kind != "Method" else None
    return None


#: Nouns besides the method heads that make "Long Form (LF) <noun>" a method ("(CSA) structure").
_PART_NOUNS = frozenset("structure structures block blocks unit units component components cell cells operator operators".split())


def _closing_paren(doc, short_span):
    """Index of the ")" that closes a short form ("(SF)", '("SF")'), or None."""
    close = short_span.end + (short_span.end < len(doc) and doc[short_span.end].is_quote)
    return close if close < len(doc) and doc[close].text == ")" else None


def _name_goes_on(doc, long_span, short_span, covering):
    """Does the entity ``covering`` hold "Long Form (SF)" and go on past the bracket with words of
    its own ("Part-Of-Speech (POS) tagging", "machine translation (MT) evaluation"), not a
    type noun ("graph neural network (GNN) models", "Long Range Arena (LRA) benchmark")?"""
    close = _closing_paren(doc, short_span)
    if close is None or covering.start > long_span.start or covering.end <= close + 1:
        return False
    tail = doc[close + 1 : covering.end]
    return not any(t.is_punct or type_noun_label(t.text) or t.lower_ in _PART_NOUNS or t.lower_ in _MINOR
                   for t in tail)


#: Words after a noun that end its phrase: a verb or a function word ("framework is", "models or").
_PHRASE_ENDERS = frozenset("""
is are was were be been has have had can could will would may might should must does do did
and or but nor to for with that which who of in on at by as from via than into over under
achieves achieve achieved outperforms outperform outperformed uses use used yields yield
""".split())


def _kind_after_short_form(doc, long_span, short_span, *, unlabelled=False):
    """The kind a type noun right after "(LF)" gives its long form ("Cross-channel Spatio-temporal
    Aggregation (CSA) structure" is a Method, "Long Range Arena (LRA) benchmark" a Dataset), else None.

    Not Method for a long form that names an activity or problem: "reinforcement learning (RL)
    algorithms" are methods *for* RL; except for a long form nothing else labelled (``unlabelled``:
    no known name, no model span), whose type noun is all there is, when it ends the phrase: "a
    fast patch-free global learning (FPGA) framework is proposed".
    """
    close = _closing_paren(doc, short_span)
    if close is None or close + 1 >= len(doc):
        return None
    word = doc[close + 1].text
    if unlabelled:
        # the type noun alone, ending the phrase ("(FPGA) framework is", not "(SoTA) network pruning
        # algorithms", whose noun begins a compound, nor a part, "(SOV) structure")
        after = doc[close + 2] if close + 2 < len(doc) else None
        if after is not None and after.is_alpha and after.is_lower and after.lower_ not in _PHRASE_ENDERS:
            return None
        return type_noun_label(word)
    kind = type_noun_label(word) or ("Method" if word.lower() in _PART_NOUNS else None)
    if kind == "Method":
        words = _long_form_words(long_span)
        head = words[-1].lower() if words else ""
        if head in TASK_HEADS or head.endswith(("ing", "ings")):
            return None
    return kind


def _repeats(doc, start, end, chosen):
    """Other places where the tokens ``doc[start:end]`` (a long form of two or more tokens) occur
    as a whole name (in the title in any case: "Double Machine Learning" for "double machine
    learning (DML)"): not glued to a word or hyphen before or after ("Pre-Foo Bar", "Foo
    Bar-based"), not inside a longer candidate."""
    if end - start < 2:
        return []
    words = [t.text for t in doc[start:end]]
    starts = tokens_equal(doc, words[0])
    cut = title_length(doc)
    title_end = 0  # the title's tokens, where a long form may be in Title Case ("Double Machine Learning")
    if cut:
        while title_end < len(doc) and doc[title_end].idx < cut:
            title_end += 1
        first = words[0].lower()
        starts = sorted({*starts, *(i for i in range(title_end) if doc[i].lower_ == first)})
    out = []
    for i in starts:
        j = i + len(words)
        if i == start or j > len(doc):
            continue
        if (any(doc[i + k].lower_ != w.lower() for k, w in enumerate(words)) if i < title_end
                else any(doc[i + k].text != w for k, w in enumerate(words))):
            continue
        if i > 0 and not doc[i - 1].whitespace_ and (doc[i - 1].text in "-‐/" or not (doc[i - 1].is_punct or doc[i - 1].is_space)):
            continue
        if j < len(doc) and not doc[j - 1].whitespace_ and (doc[j].text in "-‐/" or not (doc[j].is_punct or doc[j].is_space)):
            continue  # (the blank line after a title is a token of its own, glued to the title's last word)
        if any(c.start <= i and j <= c.end and c.end - c.start > j - i for c in chosen):
            continue
        out.append((i, j))
    return out


def _label_of_defined_name(long_span):
    """Label an acronym's long form that no recogniser found: a Title-Case name is an entity.

    "Sequential Chunk-wise Optimization (SeCO)" is a Method; a long form ending in
    "Dataset" or "Benchmark" a Dataset, in "Score" or "Error" a Metric. A lowercase phrase is
    a Method when its head says so ("deeply-supervised nets (DSN)", "contextual attention
    module (CAM)"); others ("linear mode connectivity (LMC)", "learning rate (LR)") are left
    to the statistical model.
    """
    content = [w for w in _long_form_words(long_span) if w.lower() not in _MINOR]
    if len(content) < 2:
        return None
    head = content[-1].lower()
    if not all(w[0].isupper() for w in content):
        # a lowercase phrase is an entity when its head says what it is: "deeply-supervised nets (DSN)"
        return "Method" if _is_method_head(head) else None
    if head in TASK_HEADS:
        return "Task"
    # the head as written, else its singular ("Corpus" is no plural)
    return _HEAD_LABEL.get(head) or _HEAD_LABEL.get(head[:-1] if head.endswith("s") else head, "Method")


#: Words that make a metric more specific when they precede it ("labeled recall", "word error rate").
METRIC_MODIFIERS = frozenset("""
labeled labelled unlabeled unlabelled unigram bigram trigram macro micro weighted mean average
top-1 top-5 word character char concept sentence token exact relative absolute balanced
case-sensitive case-insensitive tokenized detokenized cased uncased smoothed
""".split())
_AT_K = re.compile(r"^(?:at|@)$")
#: A unit after "at <number>": a threshold of the quantity measured ("critical success index at 8
#: mm/h", "at 30 dBZ") or a setting ("accuracy at 3 bits", "at 10 epochs"), not a cutoff of the
#: metric ("recall at 10").
_MEASURE_UNIT = re.compile(r"^(?:[mcµkn]?m|[kMG]?Hz|dBZ?|[mµn]?s|h|hrs?|min|K|°C?|[kMGT]i?B|fps|FPS|px"
                           r"|pixels?|met(?:er|re)s?|degrees?|%|bits?|bpw|epochs?|steps?|iterations?"
                           r"|tokens?|layers?|shots?|samples?|examples?|GPUs?)$")


def _extend_metrics(doc, chosen):
    """Widen metric spans over a specific modifier before them and an "at k" after them."""
    taken = {i for c in chosen for i in range(c.start, c.end)}
    out = []
    for c in chosen:
        if c.label == "Metric":
            start, end = c.start, c.end
            if start > 0 and doc[start - 1].lower_ in METRIC_MODIFIERS and start - 1 not in taken:
                start -= 1
            if (end + 1 < len(doc) and _AT_K.match(doc[end].lower_) and end not in taken
                    and (doc[end + 1].like_num or doc[end + 1].lower_ in ("k", "n"))
                    and not (end + 2 < len(doc) and _MEASURE_UNIT.match(doc[end + 2].text))):
                end += 2
            if (start, end) != (c.start, c.end):
                # a wider name is no longer the gazetteer's entry: canonical from its own text
                c = c._replace(start=start, end=end, span_id="", source="pattern" if c.source == "gazetteer" else c.source)
        out.append(c)
    return out


#: A version or release number written after a name: "5.1", "2.0", "v2", "v1.5" (not "76.1", a score,
#: nor "0.1", a rate: "dropout 0.1").
_VERSION = re.compile(r"^(?:[1-9]\.\d{1,2}|[vV]\d{1,2}(?:\.\d{1,2})?)$")
#: Words after a number that make it a quantity, not a version ("2.5 points", "1.5 BLEU", "3.2 %").
_QUANTITY_AFTER = frozenset("% points point pts pp x × times hours days bits bit ms s sec seconds".split())


def _extend_versions(doc, chosen):
    """Widen a dataset or method span over a version number right after it: "FrameNet 1.5", "CTB 6.0",
    "SQuAD v2", also after its acronym: "Penn Chinese Treebank (CTB) 5.0". Editions are distinct
    entities (canonical ids keep the version), as sizes are."""
    taken = {i for c in chosen for i in range(c.start, c.end)}
    out = []
    for c in chosen:
        end = c.end
        if (c.label in ("Dataset", "Method") and end < len(doc) and end not in taken
                and doc[end - 1].whitespace_ and (not doc[end - 1].is_punct or doc[end - 1].text == ")")
                and _VERSION.match(doc[end].text)
                and not any(ch.isdigit() for ch in doc[end - 1].text)
                and (end + 1 == len(doc) or doc[end + 1].lower_ not in _QUANTITY_AFTER)):
            c = c._replace(end=end + 1, span_id="", source="pattern" if c.source == "gazetteer" else c.source)
        out.append(c)
    return out


#: Words that end a hyphenated adjective, not a name, when written capitalised ("MPC-Friendly",
#: "CNN-Based" in a title): the name before the hyphen stays a name of its own.
_ADJECTIVE_TAILS = frozenset("""
based like style free friendly aware specific oriented driven level wise only agnostic dependent
independent guided conditioned informed enhanced assisted inspired powered centric tuned trained
pretrained augmented related type scale sized size efficient compatible ready native generated
supervised constrained regularized induced equivariant invariant preserving sensitive intensive
bound bounded to and or of in on for with vs via
""".split())


#: Sizes written in words after a model's name and a hyphen: "MusicGen-large", "Whisper-medium".
_SIZE_WORDS = frozenset("base large small tiny mini medium huge giant xl xxl".split())


def _compound_tail(doc, end):
    """The end of a hyphenated compound name that a name ending at token ``end`` begins: "BSP-Net",
    "NAS-LID", "CIFAR100-LT", "ROUGE-W", "SD-v2", "MusicGen-large" (a capital, a digit, a version
    or a size after a hyphen written without spaces), else None; not an adjective ("CNN-based", "MPC-Friendly"). The name
    itself looks like one: a capital inside it, or letters and digits ("NeRF", "BSP", "MNv4"; not
    a title's "Complex-Valued")."""
    head = doc[end - 1].text if end >= 1 else ""
    if not (any(ch.isupper() for ch in head[1:])
            or any(ch.isdigit() for ch in head) and any(ch.isalpha() for ch in head)):
        return None  # a word, not a name: "diffusion-Based", a title's "Complex-Valued"
    stop = None
    while end + 1 < len(doc) and hyphen_attached(doc, end + 1):
        tail = doc[end + 1]
        if tail.lower_ in _ADJECTIVE_TAILS or not (tail.text[0].isupper() or tail.text[0].isdigit()
                                                   or _VERSION.match(tail.text) or tail.lower_ in _SIZE_WORDS):
            break
        stop = end = end + 2
    return stop


def _as_compound(doc, cand):
    """``cand`` widened over the hyphenated tail that makes it another name (:func:`_compound_tail`),
    as a name of its own (no gazetteer id or long form; a known name's or an acronym's becomes a
    "pattern" candidate), or None where no such tail follows it."""
    end = _compound_tail(doc, cand.end)
    if end is None:
        return None
    return cand._replace(end=end, span_id="", long_form=None,
                         source="pattern" if cand.source in ("gazetteer", "acronym") else cand.source)


def _extend_hyphen_compounds(doc, chosen):
    """Widen a name over the hyphenated tail that makes it another name: "CIFAR100-LT" (a long-tailed
    CIFAR-100), "ROUGE-W", "NeRF-LOAM" (:func:`_compound_tail`). The compound is its own entity (its
    own canonical name and id), as editions and sizes are; the annotated corpora draw the whole
    compound (in its train and dev parts the modern corpus marks 99 of 108 whole, 2 as the name
    before the hyphen)."""
    taken = {i for c in chosen for i in range(c.start, c.end)}
    out = []
    for c in chosen:
        wide = _as_compound(doc, c)
        if wide is not None and taken.isdisjoint(range(c.end, wide.end)):
            c = wide
        out.append(c)
    return out


def _complete_language_pairs(doc, chosen):
    """A task span that starts with the second language of a pair takes the first too: "Xhosa to
    [English translation]" becomes "Xhosa to English translation", "Chinese-[English MT]"
    "Chinese-English MT"."""
    taken = {i for c in chosen for i in range(c.start, c.end)}
    out = []
    for c in chosen:
        if c.label == "Task" and c.end - c.start > 1 and doc[c.start].lower_ in LANGUAGES:
            j = c.start - 1
            while j >= 0 and j not in taken and doc[j].lower_ in LANGUAGE_PAIR_JOINERS and doc[j].lower_ != "and":
                j -= 1
            if j < c.start - 1 and j >= 0 and j not in taken and doc[j].lower_ in LANGUAGES:
                c = c._replace(start=j)
        out.append(c)
    return out


def _extend_language_pairs(doc, chosen):
    """Widen a dataset span over the language pair written right after it: "WMT14 En-De", "IWSLT14
    de-en", "WMT 2014 English-German" (the pair of a translation benchmark is a dataset of its own,
    under its own name, as editions are; "WMT14 En-Fr" is another)."""
    taken = {i for c in chosen for i in range(c.start, c.end)}
    out = []
    for c in chosen:
        if c.label == "Dataset" and doc[c.end - 1].whitespace_:
            end = next((e for e in range(min(len(doc), c.end + 5), c.end, -1)
                        if not any(t.whitespace_ for t in doc[c.end : e - 1]) and is_language_pair(doc[c.end : e].text)),
                       None)
            if end is not None and taken.isdisjoint(range(c.end, end)):
                c = c._replace(end=end, span_id="", long_form=None,
                               source="pattern" if c.source in ("gazetteer", "acronym") else c.source)
        out.append(c)
    return out


#: Nouns after a name that make it a dataset, whatever label the model gave it.
_NAMED_DATA_NOUNS = frozenset("dataset datasets corpus corpora treebank".split())
_DATASET_NOUNS = frozenset("dataset datasets data corpus corpora benchmark benchmarks treebank database thesaurus".split())


_TASK_NOUNS = frozenset({"task"})
#: Words that make a "set" after a dataset name part of its span: "data set", "test set" (:data:`SPLIT_WORDS`).
_BEFORE_SET = frozenset({"data"}) | SPLIT_WORDS


#: Nouns "data" makes a compound with: "ImageNet data augmentation" is no "ImageNet data".
_DATA_COMPOUND_HEADS = frozenset("""
augmentation augmentations distribution distributions point points efficiency collection preprocessing
processing mixture mixing selection generation scarcity scaling loader loaders pipeline pipelines
poisoning leakage contamination cleaning curation filtering quality size sizes regime regimes split
splits format formats structure structures stream streams source sources type types
""".split())


def _data_compound(doc, at):
    """Does the "data" at token ``at`` begin a compound noun ("data augmentation") or a hyphenated word?"""
    nxt = doc[at + 1] if at + 1 < len(doc) else None
    return nxt is not None and (nxt.lower_ in _DATA_COMPOUND_HEADS or nxt.text in ("-", "‐") and not doc[at].whitespace_)


def _extend_type_nouns(doc, chosen):
    """Widen a dataset span over the type noun right after it ("TAC 2008 data set", "KIT-ML dataset",
    "Europarl data", not "ImageNet data augmentation") or over an evaluation split ("CTB test set"),
    and a task span over a singular "task" ("image segmentation task"). A model's method span
    with a name in it before "corpus", "dataset" or "treebank" is a dataset ("Lang-8 learner corpus").

    The annotated corpora draw spans this way (a following "task": TDMSci 46 of 76 include it,
    a following "data" after a dataset name: TDMSci 21 of 26 in its train and dev parts, SciREX 3 of 3;
    SciREX nearly all; "tasks" and "problem(s)": TDMSci 7 of 33; a following "test/evaluation set": in the
    train parts TDMSci 21 of 21, SciREX 2 of 2); canonical ids drop the noun and the split.
    """
    taken = {i for c in chosen for i in range(c.start, c.end)}
    out = []
    for c in chosen:
        end = c.end
        if (end < len(doc) and end not in taken and c.label == "Method" and c.source == "model"
                and doc[end].lower_ in _NAMED_DATA_NOUNS and any(HAS_NAME.search(t.text) for t in doc[c.start : end])):
            c = c._replace(label="Dataset")  # "the Lang-8 learner corpus": what the noun says, a dataset
        if end < len(doc) and end not in taken and c.label in ("Dataset", "Task"):
            word = doc[end].lower_
            if c.label == "Task":
                if word in _TASK_NOUNS:
                    end += 1
            elif word in _BEFORE_SET and end + 1 < len(doc) and doc[end + 1].lower_ in ("set", "sets"):
                end += 2  # "TAC 2008 data set", "CTB test set": the annotated corpora keep the split in the span
            elif word in ("set", "sets", "split") and doc[end - 1].lower_ in SPLIT_WORDS:
                end += 1  # "PCQM4Mv2 validation" + "set"
            elif word in _DATASET_NOUNS and (word != "data" or not _data_compound(doc, end)):
                end += 1
        out.append(c._replace(end=end) if end != c.end else c)
    return out


#: Words that end a task after a short form ("(RV) segmentation", "RF signal mapping").
_TASK_HEAD_WORDS = TASK_HEADS | {"mapping"}


def _task_head_after(doc, i):
    """The end of a task head at token ``i``: a task noun ("segmentation"), or one lower-case word and
    a task noun ("signal mapping"); None if there is none."""
    if i < len(doc) and doc[i].lower_ in _TASK_HEAD_WORDS:
        return i + 1
    if (i + 1 < len(doc) and doc[i].is_lower and doc[i].is_alpha and doc[i].lower_ not in _MINOR
            and doc[i + 1].lower_ in _TASK_HEAD_WORDS):
        return i + 2
    return None


def _written_with_tokens(doc, string):
    """``{start: end}`` of the places where ``string`` is written as whole tokens, more than one and
    not inside a longer hyphenated name ("LA-CQR", not the "LA-CQR" of "LA-CQR-v2").

    >>> import spacy; doc = spacy.blank("en")("LA-CQR beats CQR; LA-CQR-v2 and XLA-CQR do not.")
    >>> _written_with_tokens(doc, "LA-CQR")
    {0: 3}
    """
    text, out = doc_text(doc), {}
    at = text.find(string)
    while at >= 0:
        span = doc.char_span(at, at + len(string))
        if (span is not None and len(span) > 1 and not hyphen_attached(doc, span.start)
                and not (span.end + 1 < len(doc) and hyphen_attached(doc, span.end + 1))):
            out[span.start] = span.end
        at = text.find(string, at + 1)
    return out


def _coined_case(text):
    """Capitals and lowercase letters mixed in one word ("FedAvg", "LoRA"), not "MAE" or "Adam"."""
    return sum(c.isupper() for c in text) >= 2 and any(c.islower() for c in text) and " " not in text


def _to_span(doc, cand):
    span = Span(doc, cand.start, cand.end, label=cand.label, span_id=cand.span_id)
    ext = span._  # one Underscore object, not one per attribute
    ext.kg_source = cand.source
    ext.kg_proposed = cand.proposed
    ext.kg_long_form = cand.long_form
    ext.kg_confidence = cand.confidence if cand.confidence is not None else _CONFIDENCE[cand.source]
    return span


@Language.factory("kg_merge", assigns=["doc.spans"], requires=["doc._.abbreviations"],
                  default_config={"spans_key": ENTITIES_KEY, "use_ner": True, "join_acronyms": True,
                                  "min_confidence": MIN_CONFIDENCE})
def make_merger(nlp, name, *, spans_key, use_ner, join_acronyms, min_confidence):
    """spaCy factory for :class:`CandidateMerger`."""
    return CandidateMerger(name=name, spans_key=spans_key, use_ner=use_ner, join_acronyms=join_acronyms,
                           min_confidence=min_confidence, nlp=nlp)


class CandidateMerger:
    """Write ``doc.spans[spans_key]``: one entity per stretch of text, with ``span._.kg_source``.

    Short forms take the label and identity of their long form (``span._.kg_long_form``
    holds the long form's text), and so do their later bare mentions. With
    ``join_acronyms`` the definition "long form (SF)" is one mention, as annotated
    corpora such as TDMSci mark it; otherwise long and short form are two.
    """

    def __init__(self, name="kg_merge", *, spans_key=ENTITIES_KEY, use_ner=True, join_acronyms=True,
                 min_confidence=MIN_CONFIDENCE, nlp=None):
        self.name = name
        self.spans_key = spans_key
        self.use_ner = use_ner
        self.join_acronyms = join_acronyms
        self.min_confidence = min_confidence
        self.nlp = nlp  # for the gazetteer's records: the names a known acronym stands for

    def _known_names(self, cand):
        """The folded words of the names of the gazetteer record behind candidate ``cand`` (empty if
        the pipeline has no gazetteer)."""
        if self.nlp is None or "kg_gazetteer" not in self.nlp.pipe_names:
            return frozenset()
        rec = self.nlp.get_pipe("kg_gazetteer").by_key.get(f"{cand.label}|{cand.span_id}")
        if rec is None:
            return frozenset()
        return frozenset(w for name in (rec.canonical, *rec.aliases) for w in fold(name).split())

    def __call__(self, doc):
        cands = [_Cand(s.start, s.end, s.label_, "gazetteer", s.id_) for s in doc.spans.get(GAZETTEER_KEY, [])]
        cands += [_Cand(s.start, s.end, s.label_, "pattern", proposed=s._.kg_proposed)
                  for s in doc.spans.get(PATTERNS_KEY, [])]
        cands += [_Cand(s.start, s.end, s.label_, "pattern") for s in doc.spans.get(VARIANTS_KEY, [])]
        if self.use_ner:
            for s in doc.ents:
                p = entity_confidence(doc, s)
                if p is None or p >= self.min_confidence:
                    cands.append(_Cand(s.start, s.end, s.label_, "model", confidence=p))
        known = [c for c in cands if c.source == "gazetteer"]
        for step in (_cut_at_clauses, _split_name_pairs, _yield_to_crossed_names, _detach_known_names,
                     _title_name_to_colon, _whole_words, _drop_model_spans_inside_names, _drop_padded_model_spans,
                     _language_qualified_tasks,
                     _qualified_known_tasks,
                     _known_dataset_splits, _drop_compound_tails, _proposed_variants_of_known_names):
            cands = step(doc, cands)  # the model's spans: where they end, and which yield to a known name
        cands = _drop_spans_over_two_names(doc, _drop_dataset_metric_joins(_drop_number_led_crossings(doc, cands)))
        cands = _drop_spans_over_listed_names(doc, cands)
        cands = _one_label_per_name(doc, _variants_take_the_label(doc, _drop_split_known_names(cands, doc)))
        cands = _repeat_coined_names(doc, cands)
        cands = _sized_variants_are_methods(doc, cands)
        cands = _listed_with_known(doc, cands)
        chosen = self._resolve_acronyms(doc, _best(cands), known)
        chosen = _extend_type_nouns(doc, _extend_versions(doc, _extend_metrics(doc, chosen)))
        chosen = _extend_hyphen_compounds(doc, chosen)
        chosen = _extend_language_pairs(doc, _complete_language_pairs(doc, chosen))
        doc.spans[self.spans_key] = [_to_span(doc, c) for c in chosen]
        return doc

    def _resolve_acronyms(self, doc, chosen, known=()):
        from .filters import is_generic  # here: the filter module imports this one

        by_token = {}
        for cand in chosen:
            for i in range(cand.start, cand.end):
                by_token[i] = cand
        extra, short_forms, redefined = [], {}, set()
        for long_span, short_span in getattr(doc._, "abbreviations", []):
            # the entity covering the long form (or its last words), else the short form's own entity
            long_ent = covering = by_token.get(long_span.end - 1)
            short_ent = by_token.get(short_span.start)
            if covering is not None and covering.source == "gazetteer" and _name_goes_on(doc, long_span, short_span, covering):
                # a known name written with its acronym inside, "Part-Of-Speech (POS) tagging", stays
                # whole; the short form names the long form only where the gazetteer knows that
                lf = next((k for k in known if (k.start, k.end) == (long_span.start, long_span.end)), None)
                if lf is not None:
                    short_forms[short_span.text] = (lf.label, "gazetteer", lf.span_id, long_span.text, False, None)
                continue
            if long_ent is not None and long_ent.start < long_span.start and long_ent.source != "gazetteer":
                long_ent = None  # a partial match inside a longer unknown name
            if (long_ent is None and short_ent is not None and short_ent.source == "gazetteer"
                    and not _coined_case(short_span.text)
                    and not set(fold(long_span.text).split()) & (self._known_names(short_ent) - _MINOR)):
                # a known acronym the text spells out as something the gazetteer does not know: not the
                # gazetteer's entity ("an access point (AP)" is no average precision); the long form
                # says what it is, and where it does not, the short form names nothing here
                short_ent = None
                if _label_of_defined_name(long_span) is None and _kind_after_short_form(
                        doc, long_span, short_span, unlabelled=True) is None:
                    redefined.add(short_span.text)
            source = long_ent or short_ent
            if source is long_ent and short_ent is not None and short_ent.proposed and not source.proposed:
                source = source._replace(proposed=True)  # "COMBO: Conservative Offline ..." proposes COMBO
                if source.source == "model" or source.start > long_span.start:
                    # what the paper proposes is a method, whatever the model made of its long form:
                    # "We propose SCAR (Semantic Continuity-Aware Retrieval), an adaptive retrieval policy";
                    # or a known name that is only its last words: "SpecTTA: Spectral Test-Time
                    # Adaptation" is no task; a known acronym proposed with another long form is no
                    # longer what the gazetteer knows: "We propose MCD (Masked Contrastive
                    # Distillation)" is no mel cepstral distortion
                    source = source._replace(label="Method" if short_ent.source == "gazetteer" else short_ent.label)
            if source is not None and (source is short_ent and source.source == "model"
                                       or source is long_ent and long_ent.start > long_span.start):
                # the model's label for an opaque acronym yields to its long form's head noun:
                # "prototypical part network (ProtoPNet)" is a Method whatever "ProtoPNet" looked like;
                # so does the label of a name that is only the long form's last words ("session
                # recommendation" of "graph convolutional network for session recommendation")
                head = _head_label(long_span)
                if head is not None and head != source.label:
                    source = source._replace(label=head)
            if source is None and short_span.end <= long_span.start:
                continue  # "SP (Strong Positive)": a short form first says what it is only where a name was found
            if source is None:
                label = _label_of_defined_name(long_span)
                if label is None and doc[long_span.end].text == "(" and _task_head_after(doc, short_span.end + 1):
                    label = "Task"  # "Hyperspectral image (HSI) classification": see below
                if label is None:
                    label = _kind_after_short_form(doc, long_span, short_span, unlabelled=True)
                opening = by_token.get(long_span.start)
                if (label is None and opening is not None and opening.source == "model"
                        and opening.start == long_span.start):
                    # the model found the long form's first words: "centralized training" of
                    # "centralized training and decentralized execution (CTDE)"
                    label = opening.label
                if label is not None:
                    # a stock phrase is no name: "state-of-the-art (SOTA) detection", "deep learning
                    # (DL) models" (a task's long form is what the task works on: "Hyperspectral
                    # image (HSI) classification", generic as a task, is checked as a name)
                    if is_generic(long_span.text, "Method" if label == "Task" else label):
                        label = None
                if label is None:
                    continue
                source = _Cand(long_span.start, long_span.end, label, "acronym",
                               proposed=_proposed_here(doc, long_span, chosen))
            last_word = (_long_form_words(long_span) or [""])[-1]
            if source.label == "Task" and source.source != "gazetteer" and last_word.lower() in _MEASURE_HEAD_WORDS:
                source = source._replace(label="Metric")  # "structural Hamming distance (SHD)" is measured
            elif (source.label == "Dataset" and source.source != "gazetteer"
                  and (last_word.lower() in TASK_HEADS or last_word.lower() in ("adaptation", "learning"))):
                source = source._replace(label="Task")  # "Source-free Universal Domain Adaptation (SF-UniDA)"
            kind = _kind_before(doc, long_span)
            if kind is not None and source.source != "gazetteer" and kind != source.label:
                # "a better metric, Topological Concentration (TC)" is a Metric whatever the model said
                source = source._replace(label=kind, proposed=False)
            elif kind is None and source.source != "gazetteer":
                kind = _kind_after_short_form(doc, long_span, short_span)
                if kind is None and (close := _closing_paren(doc, short_span)) is not None:
                    # an apposition says what it is: "Tree-of-Retrieval (ToR), a retrieval framework"
                    kind = apposition_kind(doc_text(doc)[doc[close].idx + 1 : doc[close].idx + 120])
                if kind is not None and kind != source.label:
                    # "... Aggregation (CSA) structure" is a Method whatever the model said
                    proposed = kind == "Method" and _proposed_here(doc, long_span, chosen)
                    source = source._replace(label=kind, proposed=proposed)
            # the gazetteer's identity when it knows the long form (give or take padding such as "deep");
            # not from the short form alone: "Masked Autoencoder (MAE)" is not mean absolute error
            # or when a known name the entity spans ends the long form ("Penn Chinese Treebank (CTB)")
            first = min(long_span.start, covering.start) if covering is not None else long_span.start
            gaz = next((k for k in sorted(known, key=lambda k: k.start)
                        if k.end == long_span.end and first <= k.start
                        and all(t.lower_ in _PADDING or t.is_punct for t in doc[long_span.start : k.start])), None)
            if gaz is None and _coined_case(short_span.text):
                # a coined mixed-case acronym is the name it is known by, however the text spells it
                # out: "Federal Averaging (FedAvg)" is FedAvg (not an all-capitals one: "MAE")
                gaz = next((k._replace(start=long_span.start, end=long_span.end) for k in known
                            if (k.start, k.end) == (short_span.start, short_span.end)), None)
            if gaz is not None:
                source = source._replace(label=gaz.label)
                span_id, src = gaz.span_id, "gazetteer"
                start = gaz.start if gaz.end == long_span.end else long_span.start
                long_text = doc[start : long_span.end].text
            else:
                span_id, src = "", "acronym"
                start, long_text = long_span.start, long_span.text
            end = long_span.end
            if self.join_acronyms and doc[long_span.end].text == "(":  # not '"Robust Weight Signature" (RWS)'
                close = _closing_paren(doc, short_span)
                if close is not None:
                    end = close + 1  # "Sequential Chunk-wise Optimization (SeCO)" as one mention
            after = max(end, short_span.end + 1)  # past "(SF)", or past "SF" where it is not bracketed
            head = _task_head_after(doc, after) if src == "acronym" else None
            if (head is not None and source.label != "Method" and not _is_method_head(long_span[-1].text)
                    and long_span[-1].lower_ not in TASK_HEADS):
                # the short form names what a task works on: "retinal vessel (RV) segmentation" is the
                # task, and so is a later "RV segmentation"; a bare "RV" is no entity (a method's
                # short form stays one: "Minimum Spanning Tree (MST) compression" uses MST)
                words = doc[after:head].text
                long_text = f"{long_text} {words}"
                extra.append(_Cand(start, head, "Task", src, "", source.proposed, long_text))
                short_forms[short_span.text] = ("Task", src, "", long_text, source.proposed, words)
                continue
            extra.append(_Cand(start, end, source.label, src, span_id, source.proposed, long_text))
            short_forms[short_span.text] = (source.label, src, span_id, long_text, source.proposed, None)
            # the long form written again, in the title or later: the same entity, as a whole
            extra.extend(_Cand(i, j, source.label, src, span_id, source.proposed, long_text)
                         for i, j in _repeats(doc, start, long_span.end, chosen))
        if short_forms:
            hits, ends = {}, {}  # ends: where a short form of several tokens that starts at an index ends
            # hits: token index -> the short form's entity; plural short forms ("LLMs" for "LLM") too,
            # and a plural one's singular ("PRM" after "process reward models (PRMs)") where it is not
            # part of a longer name ("Frame Averaging Equivariant GNN" after "(GNNs)")
            in_names = {i for c in chosen if c.end - c.start > 1 for i in range(c.start, c.end)}
            for short, hit in short_forms.items():
                hits.update((i, hit) for i in tokens_equal(doc, short + "s") if short + "s" not in short_forms)
                single = without_plural(short)
                if single != short and single not in short_forms:
                    hits.update((i, hit) for i in tokens_equal(doc, single) if i not in in_names)
            for short, hit in short_forms.items():
                hits.update((i, hit) for i in tokens_equal(doc, short))
                if len(short) > 2 and not short.isalnum():  # written with several tokens: "LA-CQR"
                    ends.update(_written_with_tokens(doc, short))
                    hits.update((i, hit) for i in ends if doc[i : ends[i]].text == short)
            # a known name that contains the short form stays whole: "RL Unplugged" after "(RL)"
            named = {i for c in chosen if c.source == "gazetteer" and c.end - c.start > 1 for i in range(c.start, c.end)}
            for i in sorted(hits.keys() - named):
                if hyphen_attached(doc, i):
                    continue  # the tail of a compound name: "Semantic-WER" after "word error rate (WER)"
                label, src, span_id, long_text, proposed, head_words = hits[i]
                end = ends.get(i, i + 1)
                compound = _compound_tail(doc, end)
                if compound is not None:
                    # the head of a compound name, "BSP-Net" after "Binary Space Partitioning (BSP)":
                    # a name of its own, left to the other candidates (a task's short form names no
                    # method: "FL-GAN"); a method's or a dataset's gives its label to the compound
                    if label != "Task":
                        extra.append(_Cand(i, compound, label, "pattern", "", False, None))
                    continue
                if head_words is not None:  # "RV segmentation", not a bare "RV"
                    end = _task_head_after(doc, i + 1)
                    if end is None or doc[i + 1 : end].text.lower() != head_words.lower():
                        continue
                extra.append(_Cand(i, end, label, src, span_id, proposed, long_text))
        if redefined:  # and neither do its bare mentions, plural too ("the number of APs")
            gone = redefined | {short + "s" for short in redefined}
            chosen = [c for c in chosen if not (c.source == "gazetteer" and c.end - c.start == 1
                                                and doc[c.start].text in gone)]
            # (nor may the filter bring them back from inside a span it drops: "antennas per AP")
            doc.spans[GAZETTEER_KEY] = [g for g in doc.spans.get(GAZETTEER_KEY, []) if len(g) > 1 or g.text not in gone]
        if not extra:
            return chosen
        # acronym spans replace what they overlap (they are the text's own definition)
        extra = _best(extra)
        taken = {i for e in extra for i in range(e.start, e.end)}
        keep = [c for c in chosen if taken.isdisjoint(range(c.start, c.end))]
        return sorted(extra + keep)
