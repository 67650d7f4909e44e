"""Context patterns: names recognised by how the text talks about them.

"on the X dataset", "X benchmark", "datasets (A, B and C)", "in terms of X", "X of 2.1",
"we propose X", "dubbed X", "4 times faster", titles of the form "X: …", and the proposed method a
paper describes without a name ("we propose a memory-efficient training paradigm"). The pure
function :func:`find_pattern_mentions` works on a string; the component writes spans.
"""

import re
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Span

from .doctext import FIELD_SEPARATOR, doc_text, title_length
from .normalize import singularize

__all__ = ["PatternMention", "PatternMatcher", "find_pattern_mentions", "is_name"]

PATTERNS_KEY = "kg_patterns"

# A name: 1-4 words, each starting with a capital or digit or containing a capital (CIFAR-10, mIoU, HumanML3D).
# Quantifiers are bounded and words start at a word boundary, so that no pattern
# backtracks quadratically on a pathological "word" of thousands of characters.
_WORD = r"(?<![\w.+\-‐/])(?:[A-Z0-9](?:[\w.+]{0,40}[\w+])?|[a-z]{1,20}[A-Z](?:[\w.+]{0,40}[\w+])?)(?:[-‐/][\w.+]{0,40}[\w+]){0,6}"
_NAME = rf"{_WORD}(?:[ ](?:{_WORD}|v?\d[\w.]{{0,12}}))" + "{0,3}"
_NOT_NAMES = {
    "The", "This", "These", "Those", "Our", "We", "A", "An", "In", "On", "For", "Both", "All", "Each",
    "Extensive", "Experiments", "Experimental", "Results", "Existing", "Several", "Multiple", "Many",
    "Various", "Four", "Three", "Two", "Five", "Six", "Public", "Standard", "Popular", "Common",
    "Large", "Real", "Synthetic", "Benchmark", "Dataset", "Data", "New", "Novel", "Most", "Some",
    "Code", "It", "Its", "They", "However", "Moreover", "Furthermore", "Specifically", "Finally",
    "Recent", "Such", "Other", "Different", "Diverse", "Challenging", "Comprehensive", "Famous",
    "Well-known", "Widely-used", "Several", "Numerous", "Three", "Ten", "First", "Second", "Further",
    "Using", "Via", "With", "From", "To", "By", "At", "As", "And", "Or", "Of", "Table", "Figure", "Fig",
    "Section", "Appendix", "Eq", "Equation", "Theorem", "Lemma", "Algorithm", "Step", "Stage", "Phase",
    "Sections", "Tables", "Figures", "Figs", "Eqs", "Equations", "Appendices", "Chapter", "Chapters",
}
_DATASET_NOUN = r"(?:data ?sets?|benchmarks?|corpus|corpora|challenges?|databases?|suites?|leaderboards?)"
#: (Not "build on": "We build on PointNet++ and propose PointMixer" proposes PointMixer.)
_PROPOSE = (r"(?:propose|introduce|present|develop|design|devise|put forward|contribute|build|release)[sd]?"
            r"(?!\s+(?:on|upon)\b)")


#: Type nouns that say what a name given next to them is ("a dataset named GLH-Bridge").
_KIND_NOUNS = {
    **dict.fromkeys("dataset benchmark corpus corpora database suite treebank testbed collection".split(), "Dataset"),
    **dict.fromkeys("metric metrics measure score criterion".split(), "Metric"),  # "metrics": see singularize
    **dict.fromkeys("task problem".split(), "Task"),
}


#: What does a job in a system, named after it: "our student, PolyEmbed, ...", "editagger, a sequence tagger".
AGENT_NOUNS = frozenset("""
router system tool student teacher detector tracker agent planner policy solver classifier generator
retriever reranker scorer tokenizer parser compressor codec tagger segmenter
""".split())


#: (Not "system", "tool": "statistical MT (SMT) systems" are no methods of their name.)
_AGENT_TYPE_NOUNS = AGENT_NOUNS - {"system", "tool"}


def type_noun_label(word):
    """The label a type noun gives a name next to it ("benchmarks": Dataset, "framework": Method,
    "tagger": Method), else None."""
    word = singularize(word.lower())
    return _KIND_NOUNS.get(word) or ("Method" if word in METHOD_HEADS or word in _AGENT_TYPE_NOUNS else None)


#: "data set" written as two words is the type noun "dataset" ("a curated evaluation data set").
_DATA_SET = re.compile(r"\b([Dd]ata) (set)(?=s?\b)")


def _named_label(before):
    """The label of a name that follows ``before`` ("... a large-scale dataset named"): the kind
    its last type noun says ("dataset", "metric", "task"), else Method."""
    words = re.findall(r"[A-Za-z][\w\-]*", _DATA_SET.sub(r"\1\2", before))
    for i in range(len(words) - 1, max(len(words) - 5, -1), -1):
        kind = type_noun_label(words[i])
        if kind == "Task" and "for" in words[max(0, i - 6) : i]:
            # "a diffusion model for paragraph-to-image generation task, termed X" names the model
            j = max(k for k in range(max(0, i - 6), i) if words[k] == "for")
            if any(type_noun_label(w) == "Method" for w in words[max(0, j - 3) : j]):
                return "Method"
        if kind:
            return kind
    return "Method"


#: What follows a name to say what it is: "X, a benchmark for ...", "X: A Large-Scale Dataset of ...".
_APPOSITION = re.compile(r"^\s*(?:,\s*(?:a|an|the)|:\s*(?:(?:a|an|the)\s+)?)\s*(?P<words>(?:[\w\-]+\s+){0,7}[\w\-]+)\b",
                         re.IGNORECASE)
_ARTICLE_FIRST = re.compile(r"^\s*[,:]\s*(?:a|an|the)\s", re.IGNORECASE)  # ", a streaming ..." is a noun phrase
_APPOSITION_STOP = frozenset("""
which that who where for of with to in on by via using from is are towards toward across beyond under
over through against between among at as into
""".split())
_HEAD_END = _APPOSITION_STOP | {"and", "or"}  # a word after which the one before is a head


def _kind_after(after):
    """The label an apposition right after a name gives it ("X, a benchmark for ..." a Dataset,
    "X: A More Robust and Challenging Multi-Task Language Understanding Benchmark" too),
    else Method: the head noun of its first words (before a function word, an adverb or a participle)
    decides."""
    return apposition_kind(after) or "Method"


_NEXT_TWO_WORDS = re.compile(r"\s+([A-Za-z][\w\-]*)(?:\s+([A-Za-z][\w\-]*))?")


def _type_noun_right_after(after):
    """The label of a type noun that is the head right after a name ("we introduce the BelHouse3D
    dataset, ..." a Dataset), else None (not "X dataset distillation")."""
    m = _NEXT_TWO_WORDS.match(after)
    if not m:
        return None
    kind = type_noun_label(m.group(1))
    return kind if kind and (m.group(2) is None or m.group(2).lower() in _HEAD_END) else None


def _after_parenthesis(text, end):
    """The 80 characters after a name ending at ``end``, past a parenthesis right after it: the
    apposition of "READ (Reference-free Hypothesis Evaluation ...), a novel metric" is "a novel metric"."""
    m = _PARENTHESIS_AFTER.match(text, end)
    start = m.end() if m else end
    return text[start : start + 80]


_PARENTHESIS_AFTER = re.compile(r" ?\([^()]{1,150}\)")


def apposition_kind(after):
    """The label the head noun of an apposition right after a name gives it (see :func:`_kind_after`),
    None if there is no apposition or its head is no type noun."""
    m = _APPOSITION.match(after)
    if not m:
        return None
    words = _DATA_SET.sub(r"\1\2", m.group("words").lower()).split()
    if words[0].endswith("ing") and not _ARTICLE_FIRST.match(after):
        return None  # a verb, no apposition: "Diversity-Driven Synthesis: Enhancing Dataset Distillation"
    for i, word in enumerate(words):
        if word in _APPOSITION_STOP:
            break
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and nxt not in _HEAD_END and not nxt.endswith(("ly", "ed")):
            continue  # not the head: "dataset" of "dataset distillation", "benchmark" of "benchmark suite"
        kind = type_noun_label(word)
        if kind:
            return kind
    return None


class PatternMention(NamedTuple):
    """A mention found by a context pattern: character offsets into the text."""

    start: int
    end: int
    label: str
    proposed: bool = False
    rule: str = ""


def is_name(text):
    """Does ``text`` look like a proper name rather than a common phrase?

    >>> is_name("KIT-ML"), is_name("CIFAR-10"), is_name("The"), is_name("large")
    (True, True, False, False)
    """
    words = text.split(" ")
    if words[0] in _NOT_NAMES or not re.fullmatch(_NAME, text):
        return False
    if not any(c.isalpha() for c in text) or re.fullmatch(r"[\d.,]+", words[0]):
        return False  # "90", "512 ImageNet"
    if re.search(r"-(?:based|like|style|free|aware|wise|driven|guided|specific)$", words[-1], re.IGNORECASE):
        return False  # adjectives: "NeRF-based"
    return any(c.isupper() or c.isdigit() for c in text)


def _strip_leading(text, start):
    """Drop leading capitalised function words ("The", "Our") from a matched name."""
    words = text.split(" ")
    while len(words) > 1 and words[0] in _NOT_NAMES:
        start += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), start


def _is_plural_acronym(word):
    return len(word) > 2 and word.endswith("s") and word[:-1].replace("-", "").isupper()


def _add(out, start, text, label, proposed=False, rule=""):
    text, start = _strip_leading(text, start)
    if label == "Dataset" and _is_plural_acronym(text.split(" ")[-1]):
        return  # "SSMs", "U-Nets": families of models, not datasets
    if text and is_name(text):
        out.append(PatternMention(start, start + len(text), label, proposed, rule))


_RULES = [
    # "on the KIT-ML dataset", "ImageNet benchmark", "the ISBI challenge"
    # (singular: "PDE benchmarks", "LiDAR datasets" name kinds of data, not datasets)
    ("dataset-noun", re.compile(rf"(?P<x>{_NAME})(?= (?:data ?set|benchmark|corpus|challenge|database)\b)"), "Dataset"),
    # "the publicly available dataset GeoS", "the benchmark MMLU" (a coined name after a singular type noun)
    ("noun-dataset", re.compile(rf"\b(?:data ?set|benchmark|corpus)\s+(?P<x>{_WORD})"), "Dataset"),
    # "our algorithm, MR.Q, ...", "the resulting algorithm NEUBAY" (a coined name after a singular method noun)
    ("noun-method", re.compile(rf"\b(?P<our>[Oo]ur (?:(?:proposed|new|novel) )?)?(?:algorithm|method|model|framework|architecture|approach|pipeline|technique)"
                               rf",?\s+(?P<x>{_WORD})"), "Method"),
    # "dubbed AugLocal", "termed LinFusion", "named X", "called X", "which we name Guanaco"
    ("named", re.compile(rf"(?<!so-)\b(?:dubbed|termed|coined|named|called|(?i:we) (?:name|call|dub|term))"
                         rf"\s+(?P<x>{_WORD})"), "Method"),
    # "in terms of FID", "in terms of accuracy and latency" (the first item)
    ("in-terms-of", re.compile(r"\bin terms of (?:the )?(?P<x>[A-Za-z][\w\-]{0,40}(?: [a-z][\w\-]{0,40}){0,2}?)(?=[,.;:)]| and | or | on | while| with| compared| than| over| across| as)"), "Metric"),
    # an evaluation campaign's numbered task: "SemEval-2017 Task 4", "SemEval 2010 task 8", "Senseval-3 Task 1"
    ("shared-task", re.compile(r"\b(?P<x>(?:SemEval|Semeval|SENSEVAL|Senseval)[- ]?(?:\d{4}|'?\d{1,2})"
                               r"[- ][Tt]ask[- ]?\d{1,2}[A-Za-z]?)\b"), "Task"),
    # "an mIoU of 71.8", "FID of 2.1", "BLEU score of 30.2"
    ("metric-of-value", re.compile(rf"(?P<x>{_WORD})(?: score)? (?:of|=|:) ~?\d{1,12}(?:\.\d{1,12})?\s?%?"), "Metric"),
]
#: What a rule's match must contain, found by a cheap scan first (a rule scans every word position).
_CUES = {
    "dataset-noun": re.compile(r" (?:data ?set|benchmark|corpus|challenge|database)\b"),
    "noun-dataset": re.compile(r"(?:data ?set|benchmark|corpus) [A-Za-z0-9]"),
    "noun-method": re.compile(r"(?:algorithm|method|model|framework|architecture|approach|pipeline|technique),? [A-Z0-9]"),
    "metric-of-value": re.compile(r" (?:of|=|:) ~?\d"),
    "shared-task": re.compile(r"(?i:semeval|senseval)"),
    "speedup": re.compile(r"faster|speed|acceleration"),
    "metric-list": re.compile(r"\b(?:metrics|measures|scores)\b"),
}
_WORD_BEFORE = re.compile(r"([\w\-]+)\s+$")
#: A capital or a digit, which an ordinary word does not hold: a word with one is written as a name
#: ("QM9", "ResNet"; the word before a type noun names it, "the QM9 dataset").
HAS_NAME = re.compile(r"[A-Z0-9]")
#: Words before "benchmark" that make it a verb ("we benchmark GPT-4").
_NOT_BEFORE_TYPE_NOUN = frozenset("we they i you to also further then and or can could will would should must".split())
#: (Or "..., and propose X": the verb coordinated with the sentence's "we", in the present tense.)
_PROPOSAL = re.compile(
    rf"(?:\b(?:[Ww]e|(?:[Tt]his|[Tt]he (?:current|present)) (?:paper|work|study)|[Ii]n this (?:paper|work),? we)\s+"
    rf"(?:\w+ ){{0,2}}?{_PROPOSE}|, and (?:propose|introduce|present))\s+(?:(?:a|an|the)\s+)?(?:[\w\-]{{1,40}}\s+){{0,8}}?(?:(?:called|named|dubbed|termed)\s+)?(?P<x>{_WORD})(?=[\s,.;:(])"
)
#: A proposal's type noun and its name in apposition: "we design a new loss, FocalDice, and ...".
_PROPOSAL_APPOSITION = re.compile(
    rf"\b(?:[Ww]e|(?:[Tt]his|[Tt]he (?:current|present)) (?:paper|work|study))\s+(?:\w+ ){{0,2}}?{_PROPOSE}\s+"
    rf"(?:a|an)\s+(?:[\w\-]{{1,40}}\s+){{0,3}}?(?P<noun>[\w\-]{{1,40}}),\s+(?P<x>{_WORD})(?=[\s,.;:(])")
#: "the proposed <coined name>": "The proposed HyperLoRA outperforms LoRA".
_THE_PROPOSED_NAME = re.compile(rf"\b[Tt]he (?:newly )?proposed\s+(?P<x>{_WORD})(?=[\s,.;:(])")
#: A lowercase name right after the proposal verb, before a comma: "We introduce nerfstream, a ...".
_PROPOSAL_LOWER = re.compile(
    rf"\b(?:[Ww]e|[Tt]his (?:paper|work|study))\s+(?:\w+ ){{0,2}}?{_PROPOSE}\s+"
    r"(?P<x>[a-z][a-zA-Z0-9]{2,30}(?:-[a-zA-Z0-9]{1,20}){0,3})(?=\s*,)")  # "playPrior" too
#: An apposition that makes a name a variant of another: ", a meta-learned variant of Hyperband".
_VARIANT_OF = re.compile(r"^\s*,\s*(?:a|an)\s+(?:[\w\-]+\s+){0,2}(?:variant|extension|version|generali[sz]ation)\s+of\b")
#: Words that open no name after a proposal verb: "we present here, a ...", "we propose two, ...".
_NOT_LOWER_NAMES = frozenset("""
here herein also further furthermore moreover additionally first second third finally then now therefore
thus hence instead today below next too both one two three four five six several many some such this these
""".split())
#: One capitalised word of letters ("Scheherazade"), and a proposal verb right before it ("we present (the) ").
_TITLE_WORD = re.compile(r"[A-Z][a-z]{2,30}")
_RIGHT_AFTER_VERB = re.compile(rf"{_PROPOSE}\s+(?:the\s+)?$")
#: Heads of a described method: "we propose a memory-efficient training paradigm".
METHOD_HEADS = frozenset("""
framework approach method model architecture network algorithm technique paradigm scheme mechanism
module strategy pipeline procedure estimator regularizer regularization layer transformer encoder decoder
objective loss optimizer attention formulation
""".split())
# "we propose a/an <up to 6 words> <head>": the described method, when the paper gives it no name
_PROPOSAL_UNNAMED = re.compile(
    rf"\b(?:[Ww]e|[Tt]his (?:paper|work|study))\s+(?:\w+ ){{0,2}}?{_PROPOSE}\s+(?:a|an)\s+"
    r"(?P<x>(?:[A-Za-z][\w\-]{0,40}\s+){0,6}?(?:" + "|".join(sorted(METHOD_HEADS)) + r"))\b(?P<after>.{0,40})",
)
# a name given right after the description: "..., called X", "(ABC)", ", dubbed X", ", X,"
_NAMED_AFTER = re.compile(r"^\s*(?:\(|,?\s*(?:called|named|namely|dubbed|termed|coined|which we (?:call|name|dub|term)|referred to as)\b)")
#: Where a lowercase name a naming verb gives ends: punctuation, the text's end, or a word that goes on.
_LOWER_NAME_END = r"(?=\s*(?:[,.;:(]|$|\s(?:that|which|to|for|and|with|in|on|by)\b))"
# a lowercase name given by "called/named/dubbed/termed ... ": "called the hierarchical multiscale recurrent neural network"
_NAMED_LOWER = re.compile(
    r"\b(?:dubbed|termed|coined|called|named|refer to (?:it|our (?:model|method|approach)) as)\s+(?:the\s+|an?\s+)?"
    r"(?P<x>[a-z][\w\-]{1,40}(?:\s+(?!(?:that|which|who|whose|to|for|and|or|with|in|on|by|is|are|was|were)\b)"
    r"[a-z][\w\-]{1,40}){1,5}?)" + _LOWER_NAME_END
)
#: One lowercase word a naming verb gives: "a counting network termed densecount" (not "called", "we
#: call": "which we call anchors" gives a word a sense, and "called" is also a verb of calling functions).
_NAMED_LOWER_WORD = re.compile(
    r"\b(?:dubbed|termed|coined)\s+(?P<x>[a-z][a-z0-9]{2,30}(?:-[a-z0-9]{1,20}){0,3})" + _LOWER_NAME_END
)
_LIST_AFTER_NOUN = re.compile(
    rf"\b{_DATASET_NOUN}\s*(?P<sep>\(|,|:)\s*(?P<cue>i\.e\.,?|e\.g\.,?|including|namely|such as)?\s*(?P<list>[^().;]{{2,300}}?)(?:\)|\.|;)"
)
#: The names that open a list: "MNIST, CIFAR-10 and SVHN" of "three datasets, MNIST, CIFAR-10 and SVHN, and show ...".
_NAME_RUN = re.compile(rf"{_NAME}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_NAME})*")
#: The names of a list after a cue ("including", "such as"), which end with the one after "and" or
#: "or": not the subject after it ("including ETTh1, Weather and Traffic, TimeMixer++ reduces ...").
_CUED_NAMES = re.compile(rf"(?:the\s+)?{_NAME}(?:\s*,\s*{_NAME})*(?:\s*,?\s+(?:and|or)\s+{_NAME})?")
_NAME_SEPARATOR = re.compile(r",|\sand\s")
_APPOSITION_END = re.compile(r"\s*(?:[,;:(]|$)")
#: Two to thirteen names, the last after "and" or a comma: "ETTh1, Weather and Traffic".
_NAME_LIST = rf"{_NAME}(?:(?:,\s+(?:and\s+)?|\s+and\s+){_NAME}){{1,12}}"
_LIST_BEFORE_NOUN = re.compile(
    rf"\b(?i:on|over|across|using|with|from|of|in)\s+(?:the\s+)?(?P<list>{_NAME_LIST})(?:\s+[a-z][\w\-]{{0,40}}){{0,3}}\s+{_DATASET_NOUN}\b"
)
# "with the MUC, B3 and CEAF metrics", "using BLEU, chrF and COMET scores", "improves the MIG and DCI scores"
_LIST_BEFORE_METRIC_NOUN = re.compile(
    rf"\b(?:(?:on|over|across|using|with|by|in)\s+(?:the\s+)?|the\s+)(?P<list>{_NAME_LIST})\s+(?:evaluation\s+)?"
    r"(?:metrics|measures|scores)\b"
)
_SPEEDUP = re.compile(r"(?<![\d.])(?P<v>\d{1,12}(?:\.\d{1,12})?\s?(?:x|×|times))\s+(?P<x>faster|speed-?ups?|acceleration|speed)\b")
_TITLE_NAME = re.compile(rf"^(?P<x>{_WORD}(?: {_WORD})?)\s*:\s+\S")
#: Words after a name that make a later name its part, tool or model, not a second proposal:
#: "WAVE attention equipped with Autoregressive (AR) components", "ARMA structure into existing ...".
#: (Not "based on", "using", "via": "a method based on Local Direction Dispersion (LoDD)" proposes LoDD.)
_LINKING_WORDS = re.compile(
    r"\b(?:with|into|of|than|inspired|equivalent|like|such|including|includes)\b", re.IGNORECASE)
#: A relative clause after the proposal says what it does; a name in it is what it works on ("a
#: scheme that merges tokens before each attention layer", "an accelerator able to compute random
#: projections"), unless the clause names the proposal ("a GAN-based method that we call FooNet").
_RELATIVE_CLAUSE = re.compile(r"\b(?:that|which|whose|able to|capable of)\b", re.IGNORECASE)
_NAMING_WORDS = re.compile(r"\b(?:call|calls|called|name|named|dub|dubbed|term|termed|coined|refer|referred)\b",
                           re.IGNORECASE)
#: What the proposal is built on, just before a name: "we propose a watermark based on Gumbel-max
#: sampling" proposes the watermark, not the sampling (not "of" or "via": "we introduce the notion
#: of X", "we address this via X" propose X).
_BASIS_BEFORE = re.compile(r"\b(?:based on|built (?:up)?on|on top of|using|leveraging|with|than|from)\s+"
                           r"(?:(?:the|a|an|its|their)\s+)?(?:(?-i:[a-z][\w\-]*)\s+)?$", re.IGNORECASE)
#: What a proposal modifies: "a modification to X", "an extension of X", "a variant of X".
_MODIFIED_BEFORE = re.compile(r"\b(?:modification|extension|improvement|variant|generali[sz]ation|adaptation"
                              r"|simplification|relaxation|reformulation|modified version)s?\s+(?:to|of|on|over)\b",
                              re.IGNORECASE)
#: What the paper studies, evaluates, reports on or applies its work to: "we present an empirical
#: study of LoRA", "we present results for GPT-4", "we present an application to DP classification";
#: the name is the object of the study, not a proposal.
_STUDIED_BEFORE = re.compile(
    r"\b(?:study|studies|analysis|analyses|results|evaluation|evaluations|comparison|investigation|survey"
    r"|review|experiments|benchmarking|audit|assessment|characteri[sz]ation|applications?)"
    r"\s+(?:of|for|on|with|into|across|to)\b",
    re.IGNORECASE)
_PROPOSE_VERB = re.compile(rf"\b{_PROPOSE}\b", re.IGNORECASE)


def _studied(between):
    """Does ``between`` say, after its last proposal verb, that the name after it is studied ("we
    present an analysis of BarNet"; not "an analysis of BarNet and propose FooNet")?"""
    verbs = list(_PROPOSE_VERB.finditer(between))
    return bool(_STUDIED_BEFORE.search(between, verbs[-1].end() if verbs else 0))


#: "we propose to use X": what the proposal uses or changes (not "to learn", "to add", "to train":
#: what it makes).
_PROPOSE_TO_USE = re.compile(
    rf"\b{_PROPOSE}\s+to\s+(?:use|employ|leverage|apply|adopt|replace|fine-tune|finetune|exploit|utili[sz]e"
    r"|optimi[sz]e|reuse)\b", re.IGNORECASE)


def _proposes_to_use(text):
    """Does ``text``'s last proposal verb propose to use or change what follows ("we propose to
    replace the hyperbolic tangent"; not "propose to view X as Y and introduce Z")?"""
    verbs = list(_PROPOSE_VERB.finditer(text))
    return bool(verbs) and bool(_PROPOSE_TO_USE.match(text, verbs[-1].start()))


#: "novel" or "new" just before a name marks it new whatever stands between it and the cue
#: ("... which incorporates a novel Sub-pixel Convolution").
_NEW_BEFORE = re.compile(r"\b(?:novel|new)\s+(?:[\w\-]+\s+){0,2}$", re.IGNORECASE)


#: A cue verb whose subject is something the paper uses ("we train a network to propose ...", "we
#: prompt an LLM to design ..."), not the paper ("we aim to propose", "we provide a framework to
#: develop"); read after the cue's subject.
_DELEGATED = re.compile(r"\b(?:train|use|employ|leverage|prompt|ask|instruct|fine-tune|teach|query)\s+"
                        r"(?:a|an|the|its|their)\s+[^.;]*\bto\s+\w+$", re.IGNORECASE)
_CUE_SUBJECT = re.compile(r"^\s*(?:we|this (?:paper|work|study)|our)\b", re.IGNORECASE)
#: "we propose to fine-tune X": the name is what the proposal does something to.
_PROPOSE_TO = re.compile(rf"\b{_PROPOSE}\s+to\b", re.IGNORECASE)


def _worked_on(between):
    """Is a name after ``between`` (from a proposal verb up to the name) what the proposal builds on
    or modifies or studies, not the proposal: "we propose a method based on BERT", "we present a
    variant of PointNet", "we propose to fine-tune BERT", "we present a study of LoRA"; unless
    ``between`` names the proposal ("a generalization of LoRA, called GLoRA").

    >>> [_worked_on(t) for t in ("We propose a method based on ", "We present a variant of ",
    ...  "We propose to fine-tune ", "We propose ", "We introduce a generalization of LoRA, called ",
    ...  "We present an empirical study of ")]
    [True, True, True, False, False, True]
    """
    return bool(_BASIS_BEFORE.search(between) or _MODIFIED_BEFORE.search(between) or _PROPOSE_TO.search(between)
                or _studied(between)) and not _NAMING_WORDS.search(between)


def proposed_by_cue(cue, text, lo, start, others, *, defined=False):
    """Does the last match of the proposal ``cue`` ("we propose") in ``text[lo:start]`` propose the
    name that starts at ``start``? Not when another mention (``others``: ``(start, end)`` character
    offsets) stands between them and a linking word follows it: in "We propose WAVE attention
    equipped with Autoregressive (AR) components" the paper proposes WAVE, not AR; "we propose X
    and Y" proposes both. Nor when a relative clause stands between them ("a scheme that merges
    tokens before each attention layer"), unless it names the proposal ("that we call FooGen") or
    the name is "novel" or "new". Pass the mentions of methods, datasets and metrics: a task between ("We
    propose an image super-resolution method using a deeply-recursive convolutional network (DRCN)")
    does not count. Nor, for a name not ``defined`` there (with its acronym, as DRCN is), when a
    word of :data:`_BASIS_BEFORE` comes just before it: "a watermark based on Gumbel-max sampling".

    >>> cue, t = re.compile(r"[Ww]e propose"), "We propose WAVE attention equipped with Autoregressive (AR) components."
    >>> proposed_by_cue(cue, t, 0, t.index("Autoregressive"), [(11, 15)]), proposed_by_cue(cue, t, 0, 11, [])
    (False, True)
    >>> t = "We propose a watermark based on Gumbel-max sampling."
    >>> proposed_by_cue(cue, t, 0, t.index("Gumbel"), [])
    False

    Nor what the proposal modifies or studies, or what it proposes to do something to, unless the
    name is given to the proposal: "we propose a modification to two algorithms (Edge-Popup and
    Biprop)", "we present a study of LoRA", "we propose to replace softmax attention" (not "to
    add a stage": what the proposal makes), not "an extension of BERT, called FooBERT".

    >>> t = "We propose a modification to two algorithms (Edge-Popup and Biprop)."
    >>> proposed_by_cue(cue, t, 0, t.index("Biprop"), [])
    False
    >>> t = "We propose an extension of BERT, called FooBERT."
    >>> proposed_by_cue(cue, t, 0, t.index("FooBERT"), [(28, 32)])
    True

    Nor when the cue's verb belongs to something the paper uses, not to the paper:

    >>> cue = re.compile(r"[Ww]e [^.;]{0,60}?propose")
    >>> t = "We train a graph network to propose FooCircuits."
    >>> proposed_by_cue(cue, t, 0, t.index("Foo"), []), proposed_by_cue(cue, "We aim to propose FooNet.", 0, 18, [])
    (False, True)
    """
    match = None
    for match in cue.finditer(text, lo, start):
        pass  # the last cue before the name
    if match is None:
        return False
    if _DELEGATED.search(_CUE_SUBJECT.sub("", match.group(0), count=1)):
        return False  # "we train a graph neural network to propose ansatz circuits": the network proposes
    stretch = text[match.end() : start]
    if ((_MODIFIED_BEFORE.search(stretch) or _studied(stretch) or _proposes_to_use(match.group(0) + stretch))
            and not _NAMING_WORDS.search(stretch) and not _NEW_BEFORE.search(stretch)):
        # "we propose a modification to two algorithms (Edge-Popup and Biprop)", "a study of LoRA",
        # "we propose to replace softmax attention with ..."
        return False
    first = min((e for s, e in others if match.end() <= s and e <= start), default=None)
    between = text[match.end() if first is None else first : start]
    if first is None:  # not "a detector using X", "a new detector using X"; a name defined there is new
        # nor "an accelerator able to compute X", but "two contributions that address Y: X" (after a colon)
        clause = between.rpartition(":")[2]
        return defined or not (_BASIS_BEFORE.search(between) or _RELATIVE_CLAUSE.search(clause)
                               and not _NAMING_WORDS.search(clause) and not _NEW_BEFORE.search(clause))
    if _NEW_BEFORE.search(between):
        return True
    # nor what it is built on: "X, a code LLM fine-tuned from DeepSeek-Coder-6.7B", "X, built on a
    # frozen WideResNet-50 backbone" (unless defined there: "a novel architecture built on hidden
    # state mixer-based state space duality (HSM-SSD)")
    return not (_LINKING_WORDS.search(between) or _BASIS_BEFORE.search(between) and not defined
                or _RELATIVE_CLAUSE.search(between) and not _NAMING_WORDS.search(between))


#: Words of a title's second half that make its first a topic the paper reviews, not its proposal.
SURVEY_WORDS = re.compile(r"\b(?:survey|review|overview|tutorial|primer|state of the art|state-of-the-art|foundations"
                     r"|challenges|perspectives?|opportunities|trends|lessons|taxonomy)\b", re.IGNORECASE)
_TITLE_STOP = {
    "Survey", "Review", "Position", "Tutorial", "Overview", "Introduction", "Benchmark", "Editorial",
    "Perspective", "Beyond", "Revisited", "Revisiting", "Rethinking", "Towards", "Toward", "Understanding",
    "On", "When", "Why", "How", "What", "Is", "Are", "Do", "Does", "Can", "Should", "Scaling", "Improving",
    "Learning", "Training", "Analysis", "Analyzing", "Demystifying", "Exploring", "Unveiling", "Unlocking",
    "Dataset", "Data", "Position", "Case", "Study", "Lessons", "Notes", "Note", "Report", "Workshop",
}


#: The paper speaking of itself: "we", "our", "this paper".
OWN_WORK = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Tt]his (?:paper|work|study))\b")
#: Words that make what a sentence names the paper's own work: those of :data:`OWN_WORK`, "the
#: resulting", "a new", "this network" (roles' proposal cue reads them too).
OWN_NAMING = re.compile(rf"(?:{OWN_WORK.pattern}|\b(?:this (?:network|model|system)|resulting|proposed|new|novel"
                        r"|method|approach|framework|algorithm|technique|strategy|architecture)\b)", re.IGNORECASE)


def _title_word_name(word):
    """Is a title's one capitalised word before its colon a name ("Toolformer: Language Models Can
    Teach Themselves ...", "Maestro: ...")? Not a gerund, an "-ion" noun or a plural, which name an
    activity or a topic ("Prompting: ...", "Attention: ...", "Transformers: ...")."""
    return word.istitle() and word.isalpha() and not word.endswith(("ing", "ion", "s"))


#: Last words of measures: "in terms of X" names a metric only when X ends in one of them (or is an acronym).
METRIC_HEADS = frozenset("""
accuracy accuracies error errors rate rates score scores loss losses precision recall distance
divergence similarity ratio ratios latency latencies throughput speed speedup time memory
perplexity likelihood fidelity consistency diversity coverage correlation regret reward return
auc iou miou psnr ssim fid bleu rouge f1 f-score sensitivity specificity gap cost costs
footprint consumption usage efficiency runtime flops energy bits bpd size
""".split())


def _is_metric_phrase(text):
    words = text.split()
    if not words or len(words) > 4:
        return False
    last = words[-1]
    return last.lower() in METRIC_HEADS or (sum(c.isupper() for c in last) >= 2 and last.isalnum())


def _split_list(text, offset, out, label):
    for m in re.finditer(_NAME, text):
        _add(out, offset + m.start(), m.group(0), label, rule="list")


def is_coined(name):
    """A coined name: several words, or one word with two capitals, a digit, a hyphen or a capital
    after a lowercase start ("KIVI", "U-Net", "netFound")."""
    if " " in name:
        return True
    return (sum(c.isupper() for c in name) >= 2 or any(c.isdigit() for c in name) or "-" in name
            or name[:1].islower() and any(c.isupper() for c in name))  # camel case: "netFound"


#: Last words of research problems: "... for Biomedical Image Segmentation" names a task.
TASK_HEADS = frozenset("""
processing recognition detection segmentation classification generation translation estimation prediction
retrieval answering parsing tagging summarization summarisation synthesis reconstruction forecasting
tracking captioning localization localisation registration completion inpainting denoising
super-resolution editing alignment extraction labeling labelling disambiguation resolution
verification identification re-identification understanding reasoning navigation manipulation
grounding matching compression restoration deblurring dehazing
""".split())
_TITLE_TASK = re.compile(r"\b(?:for|towards?)\s+(?P<x>(?:[A-Z0-9][\w\-]{0,40}\s+){0,4}[A-Z][\w\-]{0,40})\s*(?:$|[:,(]|\bwith\b|\bvia\b|\busing\b)")
_TASK_OF = re.compile(r"\b(?:task|problem|tasks|problems) of (?P<x>(?:[a-z][\w\-]{0,40}\s+){0,4}[a-z][\w\-]{0,40})")
_X_TASK = re.compile(r"(?<![\w\-])(?P<x>(?:[a-zA-Z][\w\-]{0,40}\s+){0,3}[a-zA-Z][\w\-]{0,40})(?=\s+tasks?\b)")


def _described_methods(text):
    """Proposed methods the paper describes without a name ("we propose a memory-efficient training
    paradigm"), and lowercase names it gives them ("called the hierarchical multiscale recurrent network")."""
    out = []
    for m in _PROPOSAL_UNNAMED.finditer(text):
        end = m.end("x")
        # the whole head: "graph neural network framework", "linear attention paradigm"
        nxt = _NEXT_WORD.match(text, end)
        while nxt is not None and nxt.group(1) in METHOD_HEADS:
            end = nxt.end()
            nxt = _NEXT_WORD.match(text, end)
        after = text[end : end + 60]
        name = re.match(r"^\s*,?\s*([^\s,.;:]+)", after)
        if _NAMED_AFTER.match(after) or (name and name.group(1)[0].isupper()):
            continue  # the name that follows is the entity ("framework ScaleLong", "paradigm, Unified GAN ...")
        words = text[m.start("x") : end].split()
        if any(w.lower() in _FUNCTION_WORDS and w.lower() not in _DESCRIPTIVE for w in words):
            continue  # not one noun phrase: "a model and beam-search training scheme", "a new class of ..."
        i = 0
        while i < len(words) - 1 and (words[i].lower().strip(",") in _DESCRIPTIVE or words[i].endswith("ly")):
            i += 1
        # a head with one modifier ("automatic framework", "augmentation scheme") describes too little to be
        # an entity; two or more ("memory-efficient training paradigm") name a specific method
        if len(words) - i >= 3 and not any("," in w for w in words[i:]):
            out.append(PatternMention(end - len(" ".join(words[i:])), end, "Method", True, "propose-described"))
    for m in (*_NAMED_LOWER.finditer(text), *_NAMED_LOWER_WORD.finditer(text)):
        before = text[max(0, m.start() - 120) : m.start()].rsplit(". ", 1)[-1]
        if (m.group("x").split()[0] not in _FUNCTION_WORDS and m.group("x") not in _NOT_LOWER_NAMES
                and OWN_WORK.search(before + text[m.start() : m.start("x")])):
            kind = _named_label(before)
            out.append(PatternMention(m.start("x"), m.end("x"), kind, kind == "Method", "named"))
    return out


_NEXT_WORD = re.compile(r"\s+([a-z]{1,20})\b")
#: Evaluative words that start no method description ("a simple yet effective framework").
_DESCRIPTIVE = frozenset("""
simple effective efficient novel new general generic unified flexible powerful principled practical
yet highly very lightweight straightforward versatile elegant scalable improved alternative
more most better
""".split())


def _is_task_phrase(text):
    words = text.split()
    return 1 <= len(words) <= 5 and words[-1].lower() in TASK_HEADS


def _title_tasks(text):
    out = []
    for m in _TITLE_TASK.finditer(text):
        x = m.group("x")
        words = x.split()
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        x = " ".join(words)
        if _is_task_phrase(x):
            start = m.end("x") - len(x)
            out.append(PatternMention(start, m.end("x"), "Task", False, "title-task"))
    return out


def _task_mentions(text):
    out = []
    for m in _TASK_OF.finditer(text):
        # the longest leading run that ends in a task word: "task of human motion generation and ..."
        words = m.group("x").split()
        for n in range(len(words), 0, -1):
            x = " ".join(words[:n])
            if _is_task_phrase(x):
                out.append(PatternMention(m.start("x"), m.start("x") + len(x), "Task", False, "task"))
                break
    for t in _TASK_WORD.finditer(text):
        # the up-to-four words right before "task(s)" (searched from the cue, not at every position)
        lo = max(0, t.start() - 200)
        m = _X_TASK.search(text, lo, t.start() + len(t.group(0)))
        while m is not None and m.end("x") != t.start():
            m = _X_TASK.search(text, m.start() + 1, t.start() + len(t.group(0)))
        if m is not None:
            words = m.group("x").split()
            # keep the trailing run of content words ("the challenging image segmentation" → "image segmentation")
            i = len(words)
            while i > 0 and words[i - 1].lower() not in _FUNCTION_WORDS and words[i - 1] not in _NOT_NAMES:
                i -= 1
            # no leading verbs or participles ("solving video recognition", "balanced classification")
            while i < len(words) - 1 and re.search(r"(?:ing|ed)$", words[i]) and words[i].lower() not in _TASK_MODIFIERS:
                i += 1
            x = " ".join(words[i:])
            if _is_task_phrase(x):
                start = m.end("x") - len(x)
                out.append(PatternMention(start, m.end("x"), "Task", False, "task"))
    return out


_TASK_WORD = re.compile(r"\s+tasks?\b")


_FUNCTION_WORDS = frozenset("""
a an the of for in on to and or with by from as at this that these those its their our we is are
various several many different downstream challenging complex important fundamental standard
certain main major key core three two four five six multiple numerous other such similar related
common typical classical traditional conventional general real-world practical specific new novel
""".split())
#: Participles that are part of task names ("supervised", "embodied", "grounded").
_TASK_MODIFIERS = frozenset("""
supervised unsupervised semi-supervised self-supervised weakly-supervised embodied grounded
conditioned conditional structured unstructured labeled unlabeled distributed federated
""".split())


def find_pattern_mentions(text, *, title=False):
    """Return the :class:`PatternMention` s the context patterns find in ``text``.

    >>> t = "We propose SimVQ and evaluate it on the KIT-ML dataset in terms of FID."
    >>> [(t[m.start:m.end], m.label, m.proposed) for m in find_pattern_mentions(t)]
    [('SimVQ', 'Method', True), ('KIT-ML', 'Dataset', False), ('FID', 'Metric', False)]
    """
    out = []
    if title:
        m = _TITLE_NAME.match(text)
        name = m.group("x") if m else ""
        if m and not set(name.split(" ")) & _TITLE_STOP and (is_coined(name) or _title_word_name(name)):
            # "Compound-QA: A Benchmark for ..." names a dataset; "SimVQ: ..." a method, proposed
            # unless the paper surveys it ("Diffusion Models: A Comprehensive Survey ...")
            kind = _kind_after(text[m.end("x"):])
            proposed = kind == "Method" and not SURVEY_WORDS.search(text[m.end("x"):])
            _add(out, m.start("x"), m.group("x"), kind, proposed, "title")
        out.extend(_title_tasks(text))
        return out
    for rule, regex, label in _RULES:
        cue = _CUES.get(rule)
        if cue is not None and not cue.search(text):
            continue  # the rule cannot match: skip its costlier scan
        for m in regex.finditer(text):
            x = m.group("x")
            if rule == "in-terms-of":
                if _is_metric_phrase(x):
                    out.append(PatternMention(m.start("x"), m.end("x"), label, False, rule))
            elif rule == "metric-of-value":
                if any(c.isupper() for c in x) and not x.istitle():  # mIoU, FID, BLEU; not "Table"
                    out.append(PatternMention(m.start("x"), m.end("x"), label, False, rule))
            elif rule in ("noun-dataset", "noun-method"):
                # not the verb: "we benchmark GPT-4", "to benchmark LLMs", "extensively benchmark X", "we model CO2"
                before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
                before = before.group(1) if before else ""
                ours = rule == "noun-method" and bool(m.group("our"))
                # nor the next phrase after a named type noun: "on the QM9 dataset SpecCount reduces"
                named = not ours and bool(HAS_NAME.search(before))
                before = before.lower()
                if (is_coined(x) and " " not in x and before not in _NOT_BEFORE_TYPE_NOUN and not before.endswith("ly")
                        and not named):
                    _add(out, m.start("x"), x, label, ours, rule)
            elif rule == "named":
                kind = _named_label(text[max(0, m.start() - 60) : m.start()])
                # proposed where the paper names its own work ("we develop a technique called X"), not
                # another's ("model fusion via optimal transport, named OTFusion, ...")
                own = OWN_NAMING.search(text[max(0, m.start() - 120) : m.start("x")].rpartition(". ")[2])
                _add(out, m.start("x"), x, kind, kind == "Method" and own is not None, rule)
            else:
                _add(out, m.start("x"), x, label, False, rule)
    for m in _PROPOSAL_APPOSITION.finditer(text):
        x, kind = m.group("x"), type_noun_label(m.group("noun"))
        if kind is not None and sum(c.isupper() for c in x) >= 2 and x not in _NOT_NAMES:
            _add(out, m.start("x"), x, kind, kind == "Method", "propose-apposition")
    if "proposed" in text:
        for m in _THE_PROPOSED_NAME.finditer(text):
            x = m.group("x")
            if sum(c.isupper() for c in x) >= 2 and x not in _NOT_NAMES:
                # of the kind a type noun after it says ("the proposed GLH-Bridge dataset"); found
                # here, proposed by the role tagger, which leaves known names alone ("the proposed
                # GNN baseline")
                after = _after_parenthesis(text, m.end("x"))
                kind = _type_noun_right_after(after) or _kind_after(after)
                _add(out, m.start("x"), x, kind, False, "the-proposed")
    for m in _PROPOSAL.finditer(text):
        x = m.group("x")
        # a coined name: mixed case or capitals inside the word (SimVQ, NoProp, ForwardGNN, LoRA)
        if sum(c.isupper() for c in x) >= 2 and x not in _NOT_NAMES:
            # "we release a dataset named GLH-Bridge", "we introduce arXivBench, a benchmark for ..."
            kind = _named_label(text[m.start() : m.start("x")])
            if kind == "Method":
                after = _after_parenthesis(text, m.end("x"))
                kind = _type_noun_right_after(after) or _kind_after(after)
            _add(out, m.start("x"), x, kind, kind == "Method" and not _worked_on(text[m.start() : m.start("x")]), "propose")
        elif _TITLE_WORD.fullmatch(x) and x not in _NOT_NAMES and _RIGHT_AFTER_VERB.search(text, m.start(), m.start("x")):
            # a plain capitalised word the paper names by a typed apposition: "We present Scheherazade,
            # an automated approach for ...", not "We present Here, ..." or "we propose Bayesian methods"
            after = _after_parenthesis(text, m.end("x"))
            kind = apposition_kind(after) if after.startswith(",") else None
            if kind in ("Method", "Dataset"):
                _add(out, m.start("x"), x, kind, kind == "Method", "propose")
    for m in _PROPOSAL_LOWER.finditer(text):
        # a lowercase name the paper gives its work by a typed apposition: "We introduce nerfstream, a
        # streaming radiance field method", "we propose hyperband-meta, a ... variant of Hyperband"
        x = m.group("x")
        if x not in _NOT_LOWER_NAMES and x not in _FUNCTION_WORDS and not x.endswith("ly"):
            after = text[m.end("x") :]
            kind = apposition_kind(after) or ("Method" if _VARIANT_OF.match(after) else None)
            if kind in ("Method", "Dataset"):
                out.append(PatternMention(m.start("x"), m.end("x"), kind, kind == "Method", "propose"))
    out.extend(_described_methods(text))
    for m in _LIST_AFTER_NOUN.finditer(text):
        items = m.group("list")
        if m.group("sep") == "," and not m.group("cue"):
            # a comma alone opens a list only of names: not "on three datasets, we show that X ...";
            # one name is an apposition only if it ends there ("a new benchmark, HumanML3D, which"),
            # not the subject after a fronted phrase ("On the AntMaze suites, CTT outperforms ...")
            run = _NAME_RUN.match(items)
            items = run.group(0) if run else ""
            rest = m.group("list")[len(items):]
            if items and not _NAME_SEPARATOR.search(items) and not _APPOSITION_END.match(rest):
                items = ""
        elif m.group("sep") == "," and (run := _CUED_NAMES.match(items)):
            if _APPOSITION_END.match(items, run.end()):
                items = run.group(0)
            elif (noun := _NEXT_WORD.match(items, run.end())) and type_noun_label(noun.group(1)) not in (None, "Dataset"):
                items = ""  # names of another kind: "a benchmark including the OBB and HBB tasks"
        _split_list(items, m.start("list"), out, "Dataset")
    for m in _LIST_BEFORE_NOUN.finditer(text):
        _split_list(m.group("list"), m.start("list"), out, "Dataset")
    for m in _LIST_BEFORE_METRIC_NOUN.finditer(text) if _CUES["metric-list"].search(text) else ():
        _split_list(m.group("list"), m.start("list"), out, "Metric")
    for m in _SPEEDUP.finditer(text) if _CUES["speedup"].search(text) else ():
        out.append(PatternMention(m.start("x"), m.end("x"), "Metric", False, "speedup"))
    out.extend(_task_mentions(text))
    return sorted(set(out))


@Language.factory("kg_patterns", assigns=["doc.spans"], default_config={"spans_key": PATTERNS_KEY})
def make_pattern_matcher(nlp, name, *, spans_key):
    """spaCy factory for :class:`PatternMatcher`."""
    return PatternMatcher(name=name, spans_key=spans_key)


if not Span.has_extension("kg_proposed"):
    Span.set_extension("kg_proposed", default=False)


class PatternMatcher:
    """Write the context-pattern mentions to ``doc.spans[spans_key]`` (``span._.kg_proposed`` marks proposals).

    The doc holds the title and the abstract separated by a blank line (see
    :mod:`kg.extract.pipeline`); the title rule applies to the first line only.
    """

    def __init__(self, name="kg_patterns", *, spans_key=PATTERNS_KEY):
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc):
        text = doc_text(doc)
        cut = title_length(doc)
        rest = cut + len(FIELD_SEPARATOR) if cut is not None else 0
        parts = [(0, text[:cut], True), (rest, text[rest:], False)] if cut is not None else [(0, text, False)]
        spans = []
        for offset, part, is_title in parts:
            for m in find_pattern_mentions(part, title=is_title):
                span = doc.char_span(offset + m.start, offset + m.end, label=m.label, alignment_mode="contract")
                if span is not None and len(span):
                    span._.kg_proposed = m.proposed
                    spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc
