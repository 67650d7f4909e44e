"""Context patterns: names recognised by how the text talks about them.

"on the X dataset", "X benchmark", "datasets (A, B and C)", "in terms of X", "X of 2.1",
"we propose X", "dubbed X", "4 times faster", and titles of the form "X: …". The pure
function :func:`find_pattern_mentions` works on a string; the component writes spans.
"""

import re
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Span

__all__ = ["PatternMention", "PatternMatcher", "find_pattern_mentions", "is_name"]

PATTERNS_KEY = "kg_patterns"

# A name: 1-4 words, each starting with a capital or digit or containing a capital (CIFAR-10, mIoU, HumanML3D).
_WORD = r"(?:[A-Z0-9][\w.+]*|[a-z]+[A-Z][\w.+]*)(?:[-‐/][\w.+]+)*"
_NAME = rf"{_WORD}(?:[ ](?:{_WORD}|v?\d[\w.]*))" + "{0,3}"
_NOT_NAMES = {
    "The", "This", "These", "Those", "Our", "We", "A", "An", "In", "On", "For", "Both", "All", "Each",
    "Extensive", "Experiments", "Experimental", "Results", "Existing", "Several", "Multiple", "Many",
    "Various", "Four", "Three", "Two", "Five", "Six", "Public", "Standard", "Popular", "Common",
    "Large", "Real", "Synthetic", "Benchmark", "Dataset", "Data", "New", "Novel", "Most", "Some",
    "Code", "It", "Its", "They", "However", "Moreover", "Furthermore", "Specifically", "Finally",
    "Recent", "Such", "Other", "Different", "Diverse", "Challenging", "Comprehensive", "Famous",
    "Well-known", "Widely-used", "Several", "Numerous", "Three", "Ten", "First", "Second", "Further",
}
_DATASET_NOUN = r"(?:data ?sets?|benchmarks?|corpus|corpora|challenges?|databases?|suites?|leaderboards?)"
_PROPOSE = r"(?:propose|introduce|present|develop|design|devise|put forward|contribute|build|release)[sd]?"


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
    first = text.split(" ", 1)[0]
    if first in _NOT_NAMES or not re.fullmatch(_NAME, text):
        return False
    return any(c.isupper() or c.isdigit() for c in text)


def _strip_leading(text, start):
    """Drop leading capitalised function words ("The", "Our") from a matched name."""
    words = text.split(" ")
    while len(words) > 1 and words[0] in _NOT_NAMES:
        start += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), start


def _add(out, start, text, label, proposed=False, rule=""):
    text, start = _strip_leading(text, start)
    if text and is_name(text):
        out.append(PatternMention(start, start + len(text), label, proposed, rule))


_RULES = [
    # "on the KIT-ML dataset", "ImageNet benchmark", "the ISBI challenge"
    ("dataset-noun", re.compile(rf"(?P<x>{_NAME})(?= {_DATASET_NOUN}\b)"), "Dataset"),
    # "dubbed AugLocal", "termed LinFusion", "named X", "called X"
    ("named", re.compile(rf"\b(?:dubbed|termed|coined|named|called)\s+(?P<x>{_WORD})"), "Method"),
    # "in terms of FID", "in terms of accuracy and latency" (the first item)
    ("in-terms-of", re.compile(r"\bin terms of (?:the )?(?P<x>[A-Za-z][\w\-]*(?: [a-z][\w\-]*){0,2}?)(?=[,.;:)]| and | or | on | while| with| compared| than| over| across| as)"), "Metric"),
    # "an mIoU of 71.8", "FID of 2.1", "BLEU score of 30.2"
    ("metric-of-value", re.compile(rf"(?P<x>{_WORD})(?: score)? (?:of|=|:) ~?\d+(?:\.\d+)?\s?%?"), "Metric"),
]
_PROPOSAL = re.compile(
    rf"\b(?:[Ww]e|[Tt]his (?:paper|work|study)|[Ii]n this (?:paper|work),? we)\s+(?:\w+ ){{0,2}}?{_PROPOSE}\s+"
    rf"(?:(?:a|an|the)\s+)?(?:[\w\-]+\s+){{0,8}}?(?:(?:called|named|dubbed|termed)\s+)?(?P<x>{_WORD})(?=[\s,.;:(])"
)
_LIST_AFTER_NOUN = re.compile(
    rf"\b{_DATASET_NOUN}\s*(?:\(|,|:)\s*(?:i\.e\.,?|e\.g\.,?|including|namely|such as)?\s*(?P<list>[^().;]{{2,300}}?)(?:\)|\.|;)"
)
_LIST_BEFORE_NOUN = re.compile(
    rf"\b(?:on|over|across|using|with)\s+(?P<list>(?:{_NAME},\s+)+(?:and\s+)?{_NAME})(?:\s+[a-z][\w\-]*){{0,3}}\s+{_DATASET_NOUN}\b"
)
_SPEEDUP = re.compile(r"(?P<v>\d+(?:\.\d+)?\s?(?:x|×|times))\s+(?P<x>faster|speed-?ups?|acceleration|speed)\b")
_TITLE_NAME = re.compile(rf"^(?P<x>{_WORD}(?: {_WORD})?)\s*:\s+\S")
_TITLE_STOP = {"Survey", "Review", "Position", "Tutorial", "Overview", "Introduction", "Benchmark", "Editorial", "Perspective"}


def _split_list(text, offset, out, label):
    for m in re.finditer(_NAME, text):
        _add(out, offset + m.start(), m.group(0), label, rule="list")


def find_pattern_mentions(text, *, title=False):
    """Return the :class:`PatternMention` s the context patterns find in ``text``.

    >>> t = "We propose SimVQ and evaluate it on the KIT-ML dataset in terms of FID."
    >>> [(t[m.start:m.end], m.label, m.proposed) for m in find_pattern_mentions(t)]
    [('SimVQ', 'Method', True), ('KIT-ML', 'Dataset', False), ('FID', 'Metric', False)]
    """
    out = []
    if title:
        m = _TITLE_NAME.match(text)
        if m and not set(m.group("x").split(" ")) & _TITLE_STOP:
            _add(out, m.start("x"), m.group("x"), "Method", True, "title")
        return out
    for rule, regex, label in _RULES:
        for m in regex.finditer(text):
            x = m.group("x")
            if rule == "in-terms-of":
                out.append(PatternMention(m.start("x"), m.end("x"), label, False, rule))
            elif rule == "metric-of-value":
                if any(c.isupper() for c in x) and not x.istitle():  # mIoU, FID, BLEU; not "Table"
                    out.append(PatternMention(m.start("x"), m.end("x"), label, False, rule))
            else:
                _add(out, m.start("x"), x, label, rule == "named", rule)
    for m in _PROPOSAL.finditer(text):
        x = m.group("x")
        # a coined name: mixed case or capitals inside the word (SimVQ, NoProp, ForwardGNN, LoRA)
        if sum(c.isupper() for c in x) >= 2 and x not in _NOT_NAMES:
            _add(out, m.start("x"), x, "Method", True, "propose")
    for regex in (_LIST_AFTER_NOUN, _LIST_BEFORE_NOUN):
        for m in regex.finditer(text):
            _split_list(m.group("list"), m.start("list"), out, "Dataset")
    for m in _SPEEDUP.finditer(text):
        out.append(PatternMention(m.start("x"), m.end("x"), "Metric", False, "speedup"))
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
        text = doc.text
        cut = text.find("\n\n")
        parts = [(0, text[:cut], True), (cut + 2, text[cut + 2 :], False)] if cut >= 0 else [(0, text, False)]
        spans = []
        for offset, part, is_title in parts:
            for m in find_pattern_mentions(part, title=is_title):
                span = doc.char_span(offset + m.start, offset + m.end, label=m.label, alignment_mode="contract")
                if span is not None and len(span):
                    span._.kg_proposed = m.proposed
                    spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc
