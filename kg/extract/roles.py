"""Roles of mentions in the paper: canonical identity, which methods the paper proposes, and metric values."""

import itertools
import re

from spacy.language import Language
from spacy.tokens import Span

from .doctext import FIELD_SEPARATOR, doc_text, title_length
from .gazetteer import current_index, known_id, load_records, name_forms, names_index
from .merge import _LIST_SEPARATORS, _SIZE_SUFFIX, _VERSION, ENTITIES_KEY
from .normalize import entity_id, fold, strip_generic_tail, strip_type_noun
from .patterns import AGENT_NOUNS, METHOD_HEADS, OWN_NAMING, proposed_by_cue

_SPEED_WORDS = {"faster", "acceleration", "speed up", "speedup", "speed"}

__all__ = ["Canonicalizer", "RoleTagger", "find_value", "sentences_of"]


def sentences_of(doc, spans):
    """The sentence of each span, in one pass over the doc (``span.sent`` is a walk per call)."""
    sents = list(doc.sents)
    starts = [s.start for s in sents]
    from bisect import bisect_right

    return [sents[bisect_right(starts, span.start) - 1] for span in spans]

for _name in ("kg_canonical", "kg_entity_id", "kg_results"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Span.has_extension("kg_change"):
    Span.set_extension("kg_change", default=False)

_NUMBER = r"[-+]?\d+(?:[.,]\d+)?(?:\^[-+]?\d+)?"  # "10^21" too
_VALUE = rf"{_NUMBER}(?:[-–]\d+(?:[.,]\d+)?)?"  # a range too: "by 4-9%"
# a percentage may be written as LaTeX's "\%" (arXiv abstracts): it is kept as "%" (_plain)
_UNIT = r"(?:\s?(?:\\?%|x|×|times|percentage points?|points?|pp|dB|ms|mm|s|K|M|B|GB|MB|FPS|fps))?"
_AFTER = re.compile(
    rf"^(?:\s+(?:scores?|values?|performance))?\s*(?:(?:is\s+|was\s+)?(?:improve[sd]?|increase[sd]?|decrease[sd]?|reduced|drop(?:s|ped)?|falls?|fell"
    rf"|rises?|rose|grows?|grew|gains?|gained)\s+by|of|=|:|at|is|was|are|were|reaches|reached|achieves|achieved|to|by"
    rf"|improvement of)?\s*"
    rf"(?:about|around|approximately|roughly|~|≈|up to|only|over|nearly|just|below|above)?\s*"
    rf"(?:(?P<br>\()(?!(?:19|20)\d\d\b))?"  # in brackets: "a lower LPIPS (0.251 vs. 0.273)", not a year "(2019)"
    rf"(?P<v>{_VALUE}{_UNIT})(?![\w.]*[A-Za-z]|[\w.]*-[A-Za-z])"  # not "of 60-minute forecasts"
    rf"(?!\s+(?:tokens?|parameters|params|samples|images|examples|steps|epochs|layers|words|hours|GPUs)\b)"  # "up to 1M tokens"
)
# "from 12.4% to 9.8%" after the metric: the value it reaches
_FROM_TO = re.compile(
    rf"^\s*(?:(?:is|was|are|were)\s+)?(?:(?:drops?|dropped|falls?|fell|decreases?|decreased|increases?|increased|rises?"
    rf"|rose|improves?|improved|goes|went|reduced|raised|grows?|grew)\s+)?from\s+{_NUMBER}{_UNIT}"
    rf"(?:\s*\([^()]{{1,30}}\))?\s+to\s+(?P<v>{_NUMBER}{_UNIT})(?![\w.]*[A-Za-z])"  # "from 2.45 (noisy) to 3.31"
)
# "78.0 → 69.5", "(AUC: 0.993\to0.995)" after the metric: the value it goes to
_ARROW = re.compile(
    rf"^\s*(?:(?:is|was|are|were|goes|went|drops?|dropped|rises?|rose|improves?|improved|from)\s+|\(|:\s*)?"
    rf"{_NUMBER}{_UNIT}\s*(?:→|⟶|->|\\to(?![A-Za-z]))\s*(?P<v>{_NUMBER}{_UNIT})(?![\w.]*[A-Za-z])")
_AT = re.compile(r"\s*at\b")
# what the metric is of, four words at most, before the values it goes from and to: "the win rate of Mistral-7B
# from 14.7 to 19.3", "AP for the moderate car category from 81.3% to 84.0%"
_OF_WHOM = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?(?:[\w\-.]+\s+){0,3}?[\w\-.]+(?=\s+from\s)")
# a name's version, not a value before the metric: "AlpacaEval 2.0 win rate"
_VERSIONED_NAME = re.compile(r"(?:^|\s)[^\s,;:()]*(?:[^\s,;:()][A-Z]|\d)[^\s,;:()]*\s+$")
# a short bracket right after the metric ("absolute trajectory error (ATE RMSE) by 35%")
# (or "(HD95)"; not a value, which starts with a digit: "(0.251 vs. 0.273)", "(65.7% AP50)"); or the end of the
# bracket the metric is in: "(HD95) from 14.2 mm to 9.7 mm"
_BRACKETED = re.compile(r"\s*\((?![\d.+\-])[^()]{1,20}\)|\)")
# a threshold or setting the metric is read at, not its value: "critical success index at 8 mm/h by 22%",
# "accuracy at 3 bits"
_THRESHOLD = re.compile(rf"^\s*at\s+{_NUMBER}\s*(?:[mck]?m|dBZ|h|hrs?|min|°C?|bits?|bpw|epochs?|steps?|tokens?|layers?"
                        rf"|shots?|samples?|GPUs?)(?:\s*/\s*[a-z]+)?(?!\w)")
#: Words that may come between a value and its metric: "78.4% zero-shot top-1 accuracy".
_MODIFIER = (r"(?:lower|higher|better|relative|absolute|top-\d|average|mean|overall|instance|class|macro|micro"
             r"|weighted|balanced|zero-shot|few-shot|\d{1,3}-shot|[a-z]+-level)")
#: A lowercase word that says what a metric measures, between a value and it (two at most): "97.5 intent accuracy",
#: "95.9 slot F1" (not a function word or a count's noun: "5 of", "10 tasks accuracy").
_QUALIFIER = (r"(?!(?:of|and|or|but|yet|so|as|the|an|in|on|for|with|at|than|to|by|from|over|per|while|whereas|when"
              r"|its|their|our|this|that|these|which|is|are|was|were|be|has|have|had|also|still|only|same|similar"
              r"|comparable|competitive|times|tasks|datasets|layers|epochs|steps|samples|images|tokens|parameters"
              r"|points|languages|classes)\s)[a-z]{3,15}(?<!ing)(?<!ed)")  # no verb: "40% while matching accuracy"
# a number of its own, not the end of a word ("top-1 accuracy", "ResNet-50 accuracy" state no value)
_BEFORE = re.compile(rf"(?<![\w.+\-^])(?P<v>{_NUMBER}{_UNIT})\s+(?:{_MODIFIER}\s+){{0,2}}(?:{_QUALIFIER}\s+){{0,2}}$")
# a change and the metric it is in: "a 13% improvement in ROC AUC", "a 2.1-point gain in BLEU", "a 35% reduction
# of the WER"
_CHANGE_IN = re.compile(
    rf"(?<![\w.+\-^])(?P<v>{_NUMBER}{_UNIT})(?:-points?)?\s+(?:(?:relative|absolute|average)\s+)?"
    rf"(?:improvements?|gains?|increases?|reductions?|decreases?|drops?|boosts?)\s+(?:in|of|on)\s+(?:the\s+)?"
    rf"(?:{_MODIFIER}\s+){{0,2}}$")
# the operating point another value is read at, not a result: "a TPR of 41% [at] 1% FPR", "0.93 @ 5% FAR" (not
# "runs at 6 FPS")
_OPERATING_POINT = re.compile(r"[\d%]\s*(?:\bat|@)\s*$")
#: "the proposed" right before a name (two words, not function words, may come between): "via the
#: proposed gradual Receptive Field Component Reasoning (RFCR)", not "the proposed network with ResNet".
_THE_PROPOSED = re.compile(
    r"\b[Tt]he (?:newly )?proposed\s+(?:(?!(?:with|of|on|in|for|and|or|to|by|via|from|using|than|over)\s)[\w\-]+\s+){0,2}$")
#: "Our <method noun>," right before a name: "Our router, SinkRoute, balances ...".
_OUR_NAMED = re.compile(
    rf"\b[Oo]ur\s+(?:[\w\-]+\s+){{0,2}}?(?:{'|'.join(sorted(METHOD_HEADS | AGENT_NOUNS))})s?,\s*$")
#: "a new <noun>:" or "a novel <noun>," right before a name it introduces, known or not: "w.r.t. a
#: new kernel: the Neural Tangent Kernel (NTK)"; so does "we introduce a <noun>,": "We introduce a
#: framework, Tree of Thoughts (ToT), which ...".
_NEW_NAMED = re.compile(r"(?:\b[Aa] (?:novel|new)|\b(?:[Ww]e|[Tt]his (?:paper|work))\s+(?:\w+\s+)?(?:propose|introduce|present"
                        r"|develop|design)s?\s+(?:a|an))\s+(?:[\w\-]+\s+){0,2}?[\w\-]+\s*[:,]\s*(?:the\s+)?$")
_PROPOSAL_CUE = re.compile(
    r"\b(?:we|this (?:paper|work|study)|our)\b[^.;]{0,60}?\b(?:propose|introduce|present|develop|design|devise|"
    r"put forward|name|call|dub|term)[sd]?\b|, and (?:propose|introduce|present)\b"
    # a naming participle after the paper's own words ("we develop a technique called X", "the resulting
    # approach, called X"), not after another work's ("Tensor Programs demonstrated a way, called muP",
    # "model fusion via optimal transport, named OTFusion, ...", "the so-called Performer")
    rf"|{OWN_NAMING.pattern}[^.;]{{0,120}}?(?<!so-)\b(?-i:dubbed|termed|coined|called|named)\b(?!\s+entit)",
    re.IGNORECASE,
)


def find_value(sentence_text, start, end):
    """The value stated for the metric at ``[start, end)`` in ``sentence_text``, or None.

    >>> s = "Our model reaches an mIoU of 71.8% on Cityscapes."
    >>> i = s.index("mIoU"); find_value(s, i, i + 4)
    '71.8%'
    >>> s = "It gives a 50% FID improvement."; i = s.index("FID"); find_value(s, i, i + 3)
    '50%'
    >>> s = "We report top-1 accuracy."; i = s.index("accuracy"); find_value(s, i, i + 8) is None
    True
    >>> s = "It reaches 78.4% zero-shot top-1 accuracy."; i = s.index("accuracy"); find_value(s, i, i + 8)
    '78.4%'
    >>> s = "Latency drops from 120 ms to 45 ms."; find_value(s, 0, 7)
    '45 ms'
    >>> s = "Top-1 accuracy goes 78.0 → 69.5; AUC: 0.993\\\\to0.995."; i = s.index("AUC")
    >>> find_value(s, 0, 14), find_value(s, i, i + 3)
    ('69.5', '0.995')
    >>> s = "It raises the CSI at 8 mm/h by 22%."; i = s.index("CSI"); find_value(s, i, i + 3)
    '22%'
    >>> s = "Fine-grained experts win beyond 10^21 FLOPs."; i = s.index("FLOPs"); find_value(s, i, i + 5)
    '10^21'
    >>> s = "BLEU improves by +1.7 and latency is reduced by 3.2x."; find_value(s, 0, 4), find_value(s, 26, 33)
    ('+1.7', '3.2x')
    >>> s = "It reduces the trajectory error (ATE RMSE) by 35%."; i = s.index("trajectory"); find_value(s, i, i + 16)
    '35%'
    >>> s = "It cuts the 95% Hausdorff distance (HD95) from 14.2 mm to 9.7 mm."; i = s.index("HD95")
    >>> find_value(s, 12, 34), find_value(s, i, i + 4)
    ('9.7 mm', '9.7 mm')
    >>> s = "It reaches 95% recall at 2.3x the speed, and a recall at 0.9."; find_value(s, 15, 21), find_value(s, 47, 53)
    ('95%', '0.9')
    >>> s = "It reaches a TPR of 41% at 1% FPR."; i = s.index("FPR"); find_value(s, i, i + 3) is None
    True
    >>> s = "It raises the AlpacaEval 2.0 win rate of Mistral-7B from 14.7 to 19.3."; i = s.index("win")
    >>> find_value(s, i, i + 8)
    '19.3'
    >>> s = "The AlpacaEval 2.0 win rate is reported."; i = s.index("win"); find_value(s, i, i + 8) is None
    True
    """
    found = _find_value(sentence_text, start, end)
    return found[0] if found else None


def _find_value(sentence_text, start, end):
    """:func:`find_value` with where the value is: ``(value, start, end)`` in ``sentence_text``, or None."""
    base = end
    after = sentence_text[base : base + 60]  # windows bound the work on long sentences
    if m := _BRACKETED.match(after):
        base += m.end()  # the metric's other name, which the acronym step did not pair: "(ATE RMSE)"
        after = after[m.end() :]
    if m := _THRESHOLD.match(after):
        base += m.end()
        after = sentence_text[base : base + 60]
    m = _FROM_TO.match(after) or _ARROW.match(after) or _AFTER.match(after)
    if m is not None and m.groupdict().get("br") and not _BRACKET_VALUE_END.match(after, m.end()):
        m = None  # another metric's value in the brackets: "43.5% AP (65.7% AP50)"
    if m is None and (of := _OF_WHOM.match(after)):
        base += of.end()
        m = _FROM_TO.match(after[of.end() :])
    # a value before the metric, read where none follows it or only one after "at", which may be
    # another quantity's: "95% recall@10 at 2.3x the queries per second"
    lo = max(0, start - 40)
    window = sentence_text[lo:start]
    before = (_BEFORE.search(window) or _CHANGE_IN.search(window)) if m is None or _AT.match(after) else None
    if before and (_VERSIONED_NAME.search(window, 0, before.start()) or _OPERATING_POINT.search(window, 0, before.start())):
        before = None
    if before:
        m, base = before, lo
    if m is None:
        return None
    return m.group("v").strip(), base + m.start("v"), base + m.end("v")


#: What ends a value in brackets after its metric: the bracket, or a comparison ("(0.251 vs. 0.273)").
_BRACKET_VALUE_END = re.compile(r"\s*(?:\)|vs\b|versus\b|,|;|/|±|\+/-)")
#: What joins the items of a list: ", ", " and ", ", or ".
_LIST_JOIN = r"(?:\s*,\s*(?:and|or)\s+|\s*,\s*|\s+(?:and|or)\s+)"
#: What joins the last item of a list, with the comma optional: ", and ", " and ", ", ".
_AND_JOIN = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
#: One more value in a list of values: ", 78.4%", " and 0.8 points", followed by the end of the list
#: or what a value is read on ("on ...", "respectively"), not by a noun ("and 10 other tasks").
_NEXT_VALUE = re.compile(
    rf"{_LIST_JOIN}(?:(?:about|around|approximately|only|nearly|up to)\s+)?"
    rf"(?P<v>{_VALUE}{_UNIT})(?![\w.]*[A-Za-z]|[\w.]*-[A-Za-z]|[.,]?\d)"
    rf"(?=\s*(?:[,;:.)]|$|(?:and|or|on|in|for|respectively|across|with|at|over|compared|while|when)\b))")
#: A value right before another value of a list: "92.1% and " before "88.3% accuracy"; not the
#: second number of a range ("between 3 and ").
_PREVIOUS_VALUE = re.compile(
    rf"(?<![\w.+\-^])(?<!between )(?P<v>{_VALUE}{_UNIT}){_LIST_JOIN}(?:[-+]\s?)?$")  # "+ 4.37%, + 1.6% and + 2.46%"


def values_listed_after(text, value, pos, end):
    """The values that continue a list after ``value``, which ends at ``pos``, before ``end``: for
    "of 42.0%, 51.3% and 78.4% on ..." after "42.0%", ``[('51.3%', ...), ('78.4%', ...)]``, each as
    ``(value, start, end)``. Values of a list have one unit, which only the last may write ("by 1.2
    and 0.8 points").

    >>> s = "a top-1 accuracy of 82.4% and 91.0% on ImageNet and CIFAR-100"
    >>> [v for v, _, _ in values_listed_after(s, "82.4%", s.index("82.4%") + 5, len(s))]
    ['91.0%']
    >>> s = "an accuracy of 92.1% and 10 other tasks"; values_listed_after(s, "92.1%", s.index("%") + 1, len(s))
    []
    >>> s = "BLEU by 1.2 and 0.8 points"; [v for v, _, _ in values_listed_after(s, "1.2", s.index("2 ") + 1, len(s))]
    ['0.8 points']
    >>> s = "from 14.9% to 23.6% and from 17.3% to 25.1%, respectively"
    >>> [v for v, _, _ in values_listed_after(s, "23.6%", s.index("23.6%") + 5, len(s))]
    ['25.1%']
    """
    out = []
    # (or the value a next change reaches: "from 14.9% to 23.6% and from 17.3% to 25.1%")
    while m := _NEXT_VALUE.match(text, pos, end) or _NEXT_FROM_TO.match(text, pos, end):
        out.append((m.group("v").strip(), m.start("v"), m.end("v")))
        pos = m.end()
    while out:  # the longest list whose values all have the last one's unit, or none written
        unit = _unit(out[-1][0])
        if all(_unit(v) in (unit, "") for v in [value] + [v for v, _, _ in out]) and (unit or not _unit(value)):
            break
        out.pop()
    return out


def values_listed_before(text, value, pos, start):
    """The values of the same unit that a list ending with ``value``, at ``pos``, begins with after
    ``start``, in order: for "92.1% and 88.3% accuracy" before "88.3%", ``[('92.1%', ...)]``.

    >>> s = "It reaches 92.1%, 90.0% and 88.3% accuracy"
    >>> [v for v, _, _ in values_listed_before(s, "88.3%", s.index("88.3%"), 0)]
    ['92.1%', '90.0%']
    >>> s = "gains of + 4.4%, + 1.6% and + 2.5% mAP"; [v for v, _, _ in values_listed_before(s, "2.5%", s.index("2.5%"), 0)]
    ['4.4%', '1.6%']
    >>> s = "between 3 and 5% accuracy"; values_listed_before(s, "5%", s.index("5%"), 0)
    []
    >>> s = "U^2-Net (176.3 MB, 30 FPS"; values_listed_before(s, "30", s.index("30"), 0)
    []
    """
    out, unit = [], _unit(value)
    while (m := _PREVIOUS_VALUE.search(text, max(start, pos - 40), pos)) and _unit(m.group("v")) == unit:
        out.append((m.group("v").strip(), m.start("v"), m.end("v")))
        pos = m.start()
    return out[::-1]


def _plain(value):
    """A value as stated, with LaTeX's escaped per cent sign as the sign: "4.23\\%" -> "4.23%"."""
    return value.replace("\\%", "%")


def _unit(value):
    """The unit a value is written with ("%", "points"), or ""."""
    return _LEADING_NUMBER.sub("", value).strip()


_LEADING_NUMBER = re.compile(rf"^\s*{_VALUE}")


@Language.factory("kg_canonical", assigns=["doc.spans"], default_config={"spans_key": ENTITIES_KEY})
def make_canonicalizer(nlp, name, *, spans_key):
    """spaCy factory for :class:`Canonicalizer`."""
    return Canonicalizer(name=name, spans_key=spans_key, records=load_records())


class Canonicalizer:
    """Give every entity span its canonical name and node id (``span._.kg_canonical``, ``kg_entity_id``).

    Gazetteer matches take their record's canonical name; acronyms their long form;
    other names their own text, folded (case, hyphens, plurals) into the id.
    """

    def __init__(self, name="kg_canonical", *, spans_key=ENTITIES_KEY, records=()):
        self.name = name
        self.spans_key = spans_key
        self.canonical = {(r.label, r.id): r.canonical for r in records}
        #: folded method names, so "Mamba Models" names Mamba (see :func:`strip_generic_tail`)
        self.method_names = frozenset(fold(n) for r in records if r.label == "Method" for n in (r.canonical, *r.aliases))
        index = current_index(records)  # the shipped one's names, when it was made for these records
        self.by_name = index["names"] if index is not None else names_index(name_forms(tuple(records))[0])

    def __call__(self, doc):
        spans = doc.spans.get(self.spans_key, [])
        names = _DocNames(spans, self.method_names)
        for span in spans:
            ext, label = span._, span.label_
            if label == "Metric" and fold(span.text) in _SPEED_WORDS:
                span.id_ = span.id_ or ("speedup" if ("Metric", "speedup") in self.canonical else "")
                ext.kg_long_form = ext.kg_long_form or "speedup"
            known = self.canonical.get((label, span.id_))
            if known is not None:
                ext.kg_canonical = known
                ext.kg_entity_id = f"{label.lower()}:{span.id_}"
            else:
                written = ext.kg_long_form or _ACRONYM_AFTER.sub("", span.text) or span.text
                if (ext.kg_long_form and len(span) > 2 and span[-2].text == ")" and span[-2].whitespace_
                        and _VERSION.match(span[-1].text)):
                    written = f"{written} {span[-1].text}"  # "Penn Chinese Treebank (CTB) 5.0": an edition
                name = strip_type_noun(written) if label == "Dataset" else strip_generic_tail(written, label, names)
                ext.kg_entity_id = entity_id(label, name)
                # a spelling the gazetteer lacks that folds to one of its names ("Librispeech dataset"),
                # or a name left when the tail is stripped that the gazetteer lists ("ViT architectures"),
                # is that entity, and is shown by its name
                rid = ext.kg_entity_id.partition(":")[2]
                if (label, rid) not in self.canonical:
                    rid = known_id(self.by_name, label, name) or rid
                    if (label, rid) in self.canonical:
                        ext.kg_entity_id = f"{label.lower()}:{rid}"
                ext.kg_canonical = self.canonical.get((label, rid)) or (
                    written if name != written and _acronym_spells_type_noun(span.text, written) else name)
        return doc


def _acronym_spells_type_noun(text, long_form):
    """Does the acronym of a dataset's long form spell its capitalised type noun, so that the noun
    is part of the name ("Multilingual Spoken Words Corpus (MSWC)"; not "KIT Motion-Language
    dataset (KIT-ML)")? The entity's id leaves the noun out all the same: the name written
    without its acronym ("the Multilingual Spoken Words corpus") is the same entity.

    >>> _acronym_spells_type_noun("Multilingual Spoken Words Corpus (MSWC)", "Multilingual Spoken Words Corpus")
    True
    >>> _acronym_spells_type_noun("MSWC", "Multilingual Spoken Words Corpus")
    True
    >>> _acronym_spells_type_noun("KIT-ML", "KIT Motion-Language dataset")
    False
    """
    short = text[text.rfind("(") + 1 : -1] if text.endswith(")") else text
    noun = long_form.rsplit(None, 1)[-1]
    return noun[:1].isupper() and short[-1:].upper() == noun[:1]


#: The acronym a span may end with, which its name leaves out: "Hierarchical Data Collection Space (HD-Space)"
#: (the filter keeps only acronyms in parentheses; this one the detector did not pair).
_ACRONYM_AFTER = re.compile(r"\s*\([^()]*[A-Za-z][^()]*\)$")  # a letter inside: not the group "U(1)"


class _DocNames:
    """Folded method names that a Title-Case "X Models" may shorten to: the gazetteer's, and the
    names the doc's own method spans give ("Bipartite Mixed Membership Distribution-Free Model" in
    a title, "... Distribution-Free (BiMMDF) model" in the abstract). Folded on first use only."""

    def __init__(self, spans, known):
        self.spans, self.known, self.names = spans, known, None

    def __contains__(self, name):
        if name in self.known:
            return True
        if self.names is None:
            self.names = {fold(s._.kg_long_form or s.text) for s in self.spans if s.label_ == "Method"}
        return name in self.names


@Language.factory("kg_roles", assigns=["doc.spans"], default_config={"spans_key": ENTITIES_KEY})
def make_role_tagger(nlp, name, *, spans_key):
    """spaCy factory for :class:`RoleTagger`."""
    return RoleTagger(name=name, spans_key=spans_key, records=load_records())


class RoleTagger:
    """Mark proposed methods (``span._.kg_proposed``) and attach metric values and their datasets.

    A method is proposed when a pattern said so (title "X: …", "we propose X", "dubbed X"),
    when it is not a known (gazetteer) method and the sentence where the abstract first names
    it carries a proposal cue before it, or when another mention of the same entity is proposed.
    A generic technique the gazetteer lists (its canonical name in lowercase: "data augmentation",
    "knowledge distillation") only where the text names it as new ("a new kernel: the Neural
    Tangent Kernel"): "We propose CSAug, a data augmentation method" proposes CSAug.
    """

    def __init__(self, name="kg_roles", *, spans_key=ENTITIES_KEY, records=()):
        self.name = name
        self.spans_key = spans_key
        self.generic = frozenset(r.node_id for r in records if r.label == "Method" and r.canonical.islower())

    def __call__(self, doc):
        spans = list(doc.spans.get(self.spans_key, []))
        sents = {id(span): sent for span, sent in zip(spans, sentences_of(doc, spans))}
        text = doc_text(doc)
        datasets = {}  # sentence start -> its dataset spans, in order
        for span in spans:
            if span.label_ == "Dataset":
                datasets.setdefault(sents[id(span)].start, []).append(span)
        cut = title_length(doc)
        abstract_start = cut + len(FIELD_SEPARATOR) if cut is not None else 0
        proposed_ids, proposed_names, seen = set(), set(), set()  # seen: methods the abstract has named so far
        mentions = [(s.start_char, s.end_char) for s in spans if s.label_ != "Task"]
        for span in spans:
            if span.label_ != "Method":
                continue
            ext = span._
            entity = ext.kg_entity_id
            in_abstract = span.start_char >= abstract_start
            # a cue proposes a method where the abstract first names it: "DID" of "we propose a
            # DID authentication model" was introduced earlier as existing work
            sent_start = sents[id(span)].start_char
            before = (text, max(sent_start, span.start_char - 60), span.start_char)
            if entity in self.generic:
                # only where the text names it as new: "a new kernel: the Neural Tangent Kernel (NTK)"
                ext.kg_proposed = _NEW_NAMED.search(*before) is not None
            elif not ext.kg_proposed and _NEW_NAMED.search(*before):
                ext.kg_proposed = True  # even a name the gazetteer knows: the paper that introduced it
            if (not ext.kg_proposed and ext.kg_source != "gazetteer" and entity not in self.generic
                    and not (in_abstract and entity in seen)):
                # the cue must come shortly before the name, in its sentence
                start = max(sent_start, span.start_char - _CUE_WINDOW)
                if (proposed_by_cue(_PROPOSAL_CUE, text, start, span.start_char, mentions,
                                    defined=ext.kg_source == "acronym" or span.text.endswith(")"))
                        or _THE_PROPOSED.search(text, start, span.start_char)
                        or _OUR_NAMED.search(text, start, span.start_char)):
                    ext.kg_proposed = True
            if ext.kg_proposed:
                proposed_ids.add(entity)
                proposed_names.add(span.text)
            if in_abstract:
                seen.add(entity)
        for span in spans:
            label = span.label_
            if label == "Method" and proposed_ids and (span._.kg_entity_id in proposed_ids or proposed_names and (
                    (m := _SIZE_SUFFIX.search(span.text)) and span.text[: m.start()] in proposed_names)):
                span._.kg_proposed = True  # and a size of it: "TempoMix-B" after "We propose TempoMix"
        for span, results in _metric_results(doc, text, spans, sents, datasets):
            span._.kg_results = tuple((_plain(value), dataset) for value, dataset in results)
            span._.kg_change = stated_as_change(text, sents[id(span)], span, results[0][0])
        return doc


_CUE_WINDOW = 200
#: A dataset named right after a metric ("the WER on LibriSpeech test-clean"), then its value.
_ON_DATASET = re.compile(r"\s+(?:on|in)\s+(?:the\s+)?")
_VALUE_AFTER_DATASET = re.compile(
    # a setting of the measurement may come first: "on WikiANN across 40 languages from 61.8 to 65.3"
    rf"(?:\s+(?:across|for|in|under|with)\s+(?:[\w\-]+\s+){{0,3}}?[\w\-]+(?=\s+(?:from|to|by)\s))?"
    rf"\s*(?:(?:from\s+{_NUMBER}{_UNIT}\s+)?to|of|by|is|was|=|:|\((?=[^()]*\))"  # "(30.1 and 42.5, respectively)"
    rf"|(?:(?:data\s?sets?|benchmarks?)\s*)?,\s*(?:reaching|achieving|attaining|obtaining|scoring))"  # "datasets, reaching"
    rf"\s*(?P<v>{_VALUE}{_UNIT})(?![\w.]*[A-Za-z]|[\w.]*-[A-Za-z])")
#: What a metric is measured on or of, other than a dataset, then its value: "the MAE on HOMO-LUMO gap
#: prediction by 12%", "the WER on far-field speech drops to 9.8%", "the error of 10-step rollouts by 38%".
_VALUE_AFTER_PHRASE = re.compile(
    rf"\s+(?:on|for|across|of)\s+(?:the\s+)?(?:[\w\-+.]+\s+){{0,4}}?[\w\-+.]+\s+(?:(?:is|was|are|were)\s+)?"
    rf"(?:(?:drops?|dropped|falls?|fell|rises?|rose|improves?|improved|increases?|increased|decreases?|decreased"
    rf"|goes|went|reaches|reached|grows?|grew)\s+)?(?:by|to)\s+(?P<v>{_VALUE}{_UNIT})(?![\w.]*[A-Za-z]|[\w.]*-[A-Za-z])")
#: A baseline between a metric and its datasets: "improve NDCG@10 over LambdaMART on ...".
_OVER_BASELINE = re.compile(r"\s+(?:over|against)\s+(?:the\s+)?[\w\-.]+(?:\s+[A-Z][\w\-.]*)?(?=\s+(?:on|in)\s)")


def _values_after_datasets(span, datasets, text, sent_end):
    """The values stated after the dataset a metric is named with, ``[(value, dataset span)]``:
    "lowers the word error rate on LibriSpeech test-clean to 2.9%", "the F1 on SQuAD by 2.1
    points", "its FID on COCO-30K is 9.8", and more datasets each with its value after it: "raises
    accuracy on GSM8K to 88.3% and on MATH to 52.7%", or a list of them and as many values."""
    by_start = {d.start_char: d for d in datasets}
    over = _OVER_BASELINE.match(text, span.end_char, sent_end)
    d = _dataset_at(text, over.end() if over else span.end_char, by_start)
    run = next((r for r in _dataset_lists(span.doc, datasets) if r[0] is d), None) if d is not None else None
    if run is not None and len(run) > 1:
        # a list of datasets, then as many values: "accuracy on Cora, CiteSeer and PubMed by 1.2,
        # 0.8 and 1.5 points, respectively"
        m = _VALUE_AFTER_DATASET.match(text, run[-1].end_char, min(sent_end, run[-1].end_char + 40))
        if m is None:
            return []
        values = [m.group("v").strip()] + [v for v, _, _ in values_listed_after(text, m.group("v"), m.end(), sent_end)]
        if len(values) == 1:
            return [(values[0], None)]  # for them all, or for one the text does not say
        return list(zip(values, run)) if len(values) == len(run) else []
    out = []
    while d is not None and (m := _VALUE_AFTER_DATASET.match(text, d.end_char, min(sent_end, d.end_char + 40))):
        out.append((m.group("v").strip(), d))
        value_end = m.end()
        d = by_start.get(m.end()) if (m := _AND_ON.match(text, m.end())) else None
    if len(out) == 1:  # a list of values on the one dataset: "MOTA and IDF1 on MOT17 to 80.6 and 78.1"
        out += [(v, out[0][1]) for v, _, _ in values_listed_after(text, out[0][0], value_end, sent_end)]
    return out


_AND_ON = re.compile(rf"{_AND_JOIN}(?:on|in)\s+(?:the\s+)?")
#: Between a dataset and the metric after it: modifiers only ("ImageNet [top-1] accuracy").
_MODIFIERS_ONLY = re.compile(rf"\s+(?:{_MODIFIER}\s+){{0,2}}")
#: A value right before a dataset that a metric follows: "[84.0%] ImageNet top-1 accuracy".
_VALUE_BEFORE = re.compile(rf"(?<![\w.+\-^])(?P<v>{_NUMBER}{_UNIT})\s+$")


def _value_before_dataset(span, datasets, text, sent_start):
    """``(value, dataset id)`` where the value and the dataset come before the metric, with at most
    modifiers between the dataset and the metric: "achieves 84.0% ImageNet top-1 accuracy", "87%
    ImageNet-1K accuracy"; else None.

    >>> import spacy; doc = spacy.blank("en")("It has 87% ImageNet-1K accuracy.")
    >>> d, metric = doc.char_span(11, 22, "Dataset"), doc[6:7]
    >>> d._.kg_entity_id = "dataset:imagenet-1k"
    >>> _value_before_dataset(metric, [d], doc.text, 0)
    ('87%', 'dataset:imagenet-1k')
    """
    d = next((d for d in datasets if d.end_char <= span.start_char
              and _MODIFIERS_ONLY.fullmatch(text, d.end_char, span.start_char)), None)
    if d is None:
        return None
    m = _VALUE_BEFORE.search(text, max(sent_start, d.start_char - 20), d.start_char)
    return (m.group("v"), _id(d)) if m else None


def _nearest_dataset(span, datasets):
    """Of the ``datasets`` (spans) in the metric's sentence: the nearest one after it in its clause ("80.1%
    accuracy on ImageNet"), else the nearest before it ("On LVIS, it reaches 32.4 mask AP, and 41.0
    box AP on COCO": LVIS for mask AP), else the nearest after it. None when that dataset is one of
    a list ("On METR-LA and PEMS-BAY, MAE falls by 8%"): the value is for them all, or for one the
    text does not say, not for the one nearest (a list of as many values goes with them in order:
    :func:`_listed_results`)."""
    doc = span.doc
    bracketed = _bracketed_by(span, datasets)
    if bracketed is not None:
        return bracketed
    after = [d for d in datasets if d.start >= span.end]
    before = [d for d in datasets if d.end <= span.start]
    if after and not any(doc[i].text in _CLAUSE_BREAKS for i in range(span.end, after[0].start)):
        found = after[0]
    elif before:
        found = before[-1]
    elif after:
        found = after[0]
    else:
        return None
    at = datasets.index(found)  # its neighbours in the sentence, in order
    listed = (at > 0 and _listed_together(doc, datasets[at - 1], found)
              or at + 1 < len(datasets) and _listed_together(doc, found, datasets[at + 1]))
    return None if listed else found


def stated_as_change(text, sent, span, value):
    """Is ``value``, read for the metric ``span`` in its sentence ``sent``, a change against a
    baseline or another setting rather than a score: "improves accuracy by 2.1 points", "20.7%
    higher top-1 accuracy", "a 50% FID improvement", "+1.7 BLEU"? (Not "from 61.2 to 64.0", which
    reaches 64.0, nor "3x speedup", whose metric is the change.) The value is read where it stands
    nearest the metric.

    >>> import spacy; doc = spacy.blank("en")("It improves BLEU by 1.9 and reaches 71.8% accuracy.")
    >>> stated_as_change(doc.text, doc[:], doc[2:3], "1.9"), stated_as_change(doc.text, doc[:], doc[8:9], "71.8%")
    (True, False)
    """
    start = min(_standing_at(text, value, sent.start_char, sent.end_char),
                key=lambda i: abs(i - span.start_char), default=None)
    if start is None:
        return False
    end = start + len(value)
    if value.startswith("+") or _CHANGE_BEFORE.search(text, max(sent.start_char, start - 40), start):
        return True
    after = _CHANGE_AFTER.match(text, end, min(sent.end_char, end + 60))
    return after is not None and not span.start_char <= after.start("word") < span.end_char


def _standing_at(text, value, lo, hi):
    """Where ``value`` stands on its own in ``text[lo:hi]`` (not inside a longer number or word), in
    order and not overlapping: a search for the string, not a pattern compiled for each value."""
    i = text.find(value, lo, hi)
    while i >= 0:
        end = i + len(value)
        if (i == lo or not _WORD_OR_POINT.match(text, i - 1)) and (end == hi or not _WORD_CHAR.match(text, end)):
            yield i
            i = text.find(value, end, hi)
        else:
            i = text.find(value, i + 1, hi)


_WORD_OR_POINT = re.compile(r"[\w.]")
_WORD_CHAR = re.compile(r"\w")


#: What says a value after it is a change: "by", "a gain of", "an improvement of up to", "reduces
#: more than", "saves"; or the next item of a list of changes, each with its metric's name ("by 2.5
#: COMET and 3.8 BLEURT"; not "by 1.1 points and 24.54 BLEU", a score after a change).
_CHANGE_BEFORE = re.compile(
    r"(?:\bby|\b(?:gains?|improvements?|increases?|reductions?|decreases?|drops?|boosts?|margins?)\s+of"
    r"|\b(?:reduc|sav|cut)(?:es|ed|ing|s)?|\bby\s+[-+]?\d[\d./]*%?\s+[^;:()]{0,40}?(?-i:[A-Z])[^;:()]{0,30}?(?:\s+and|,))\s+"
    r"(?:(?:up\s+to|about|around|approximately|roughly|over|nearly|more\s+than|at\s+least|an?\s+average\s+of"
    r"|an?\s+(?:absolute|relative)|an?)\s+)?\(?$", re.IGNORECASE)
#: A comparative or a noun of change after a value, past the rest of a list of values and up to
#: three words: "higher", "fewer FLOPs", "FID improvement", "1.9%, 1.3% and 3.6% higher accuracy"
#: (not past a joiner: "92.1% accuracy and higher robustness").
_CHANGE_AFTER = re.compile(
    r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:[-+]\s?)?\d[\d.]*\s?(?:%|x|×|times|points?|pp|dB)?)*"
    r"\s*(?:(?!(?:and|or|with|while|on|in|for|at|of|than|to|vs)\b)[^\s,;:()]+\s+){0,3}?"
    r"(?P<word>higher|lower|better|worse|fewer|less|more|smaller|larger|greater|faster|slower|improvements?|gains?"
    r"|reductions?|increases?|decreases?|drops?|boosts?|speed-?ups?)\b", re.IGNORECASE)


def _metric_results(doc, text, spans, sents, datasets):
    """``[(metric span, [(value, dataset id or None), ...])]`` for the metrics a value is stated for:
    one value, or a list of them ("F1 scores of 94.1, 87.6 and 88.3 on CoNLL-2003, ACE 2005 and
    GENIA, respectively", "63.4% on CIFAR-10 and 35.2% on CIFAR-100"), each with the dataset it was
    measured on where the text says which. ``spans``: the doc's entities; ``datasets``: sentence
    start -> its dataset spans."""
    metrics = [span for span in spans if span.label_ == "Metric"]
    found, after = {}, set()  # id(span) -> results; ids of metrics whose values follow them
    for span in metrics:
        sent = sents[id(span)]
        # not the data a model was pretrained on: "improves macro F1 by 6 points over a ResNet-50
        # pretrained on ImageNet"
        in_sent = [d for d in datasets.get(sent.start, [])
                   if not _PRETRAINED_ON.search(text, max(0, d.start_char - 30), d.start_char)]
        # a window of the sentence around the metric: values are stated next to it
        lo = max(sent.start_char, span.start_char - 60)
        hi = min(sent.end_char, span.end_char + 60)
        slash = _slash_results(text, span, sent, in_sent)
        if slash is not None:
            if slash:
                found[id(span)] = slash
            continue
        first = _find_value(text[lo:hi], span.start_char - lo, span.end_char - lo)
        if first is None:
            if named := _value_before_dataset(span, in_sent, text, sent.start_char):
                found[id(span)] = [named]
            elif values := _values_after_datasets(span, in_sent, text, sent.end_char):
                after.add(id(span))
                found[id(span)] = ([(v, _id(d)) for v, d in values] if len(values) > 1
                                   else [(values[0][0], _id(_nearest_dataset(span, in_sent)))])
            elif m := _VALUE_AFTER_PHRASE.match(text, span.end_char, min(sent.end_char, span.end_char + 80)):
                after.add(id(span))
                listed = [(m.group("v").strip(), m.start("v"), m.end("v"))]
                listed += values_listed_after(text, listed[0][0], m.end("v"), sent.end_char)
                found[id(span)] = (_listed_results(span, listed, in_sent) if len(listed) > 1
                                   else [(listed[0][0], _id(_nearest_dataset(span, in_sent)))])
            continue
        value, v_start, v_end = first[0], first[1] + lo, first[2] + lo
        if _ON_HARDWARE.match(text, max(v_end, span.end_char), sent.end_char):
            # measured on a device, not on data: "95 FPS on a single GTX 1080Ti"
            in_sent = []
        if v_start >= span.end_char:
            after.add(id(span))
        listed = _values_listed_with(text, span, (value, v_start, v_end), sent, spans)
        if len(listed) > 1 and id(span) in after and (n := _names_listed_before(text, span, metrics)):
            # "an EM and F1 of 85.1 and 91.2": the names before, which the extractor did not take, have
            # the values before the last
            if len(listed) == n + 1:
                listed = listed[n:]
                value, v_start, v_end = listed[0]
        if len(listed) > 1:
            found[id(span)] = _listed_results(span, listed, in_sent)
            continue
        pairs = _paired_results(text, max(v_end, span.end_char), sent.end_char, in_sent)
        found[id(span)] = [(value, pairs[0][1] if pairs else _id(_nearest_dataset(span, in_sent)))] + pairs[1:]
    _share_among_listed_metrics(doc, metrics, sents, found, after)
    return [(span, found[id(span)]) for span in metrics if id(span) in found]


def _values_listed_with(text, span, first, sent, spans):
    """The list of values, ``(value, start, end)`` in order, that the value read for a metric
    (``first``) is one of: itself and those after it where it follows the metric, those before it
    where it precedes the metric. A number inside a name is none of them ("78.1% mIoU on PASCAL
    VOC 2012 and 71.2% mIoU": 2012 is no value of the second mIoU)."""
    value, start, end = first
    if start >= span.end_char:
        listed = [first] + values_listed_after(text, value, end, sent.end_char)
        return list(itertools.takewhile(lambda v: not _inside(v[1], spans), listed))
    listed = values_listed_before(text, value, start, sent.start_char) + [first]
    while len(listed) > 1 and _inside(listed[0][1], spans):
        listed.pop(0)
    return listed


def _names_listed_before(text, span, metrics):
    """How many short names (capitals or digits in them: "EM", "BLEU-4") that no metric span took are
    listed right before the metric ("an EM and F1 of ..." for F1: 1), else 0."""
    m = _LISTED_NAMES_BEFORE.search(text, max(0, span.start_char - 60), span.start_char)
    if m is None or any(m.start() <= other.start_char < span.start_char for other in metrics):
        return 0
    return len(_LISTED_NAME.findall(m.group(0)))


#: A short name, a capital or a digit in it: "EM", "BLEU-4", "Hits@1".
_SHORT_NAME = r"(?<![\w\-])(?=[\w\-@]*[A-Z0-9])[A-Za-z][\w\-@]*"
_LISTED_NAME = re.compile(rf"{_SHORT_NAME}(?=\s*(?:,|\band\b))")
_LISTED_NAMES_BEFORE = re.compile(rf"(?:{_SHORT_NAME}(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+)){{1,4}}$")


def _slash_results(text, span, sent, datasets):
    """The results of a metric named in a slash form, ``[(value, dataset id or None)]``; [] where
    its values cannot be told apart; None where no slash form names it or its values. Names and
    values pair in order: "32.1/0.91 PSNR/SSIM", "EM/F1 of 85.1/91.2" (EM, untaken, is counted),
    "45.2/38.1 box/mask AP", groups of them for a list of datasets ("24.8/0.86 and 27.3/0.91
    PSNR/SSIM on LLFF and DTU, respectively"); one metric's values go with as many datasets named
    next ("F0.5 to 68.4/75.1 on CoNLL-2014/BEA-2019"), else all with the one it is measured on."""
    lo, hi = max(sent.start_char, span.start_char - 60), min(sent.end_char, span.end_char + 60)
    before = _SLASH_NAMES_BEFORE.search(text, lo, span.start_char)
    after = _SLASH_NAMES_AFTER.match(text, span.end_char, hi)
    index = len(_SLASH_NAME.findall(before.group(0))) if before else 0
    count = index + 1 + (len(_SLASH_NAME.findall(after.group(0))) if after else 0)
    start, end = before.start() if before else span.start_char, after.end() if after else span.end_char
    m = _SLASH_VALUES_AFTER.match(text, end, hi)
    if m is None:
        m = _SLASH_VALUES_BEFORE.search(text, lo, start)
    if m is None:
        return [] if count > 1 and _SLASH_VALUE.match(text, end) else None  # "of 85.1/91.2/..." too long
    groups = [[(v.group(0), base + v.start(), base + v.end()) for v in _SLASH_VALUE.finditer(g.group(0))]
              for g in _SLASH_GROUP.finditer(m.group("groups")) for base in [m.start("groups") + g.start()]]
    if count > 1 and all(len(g) == count for g in groups):
        return _listed_results(span, [g[index] for g in groups], datasets)
    if count == 1 and len(groups) == 1:
        # one metric's values: on as many datasets listed next ("on TriviaQA and SQuAD, respectively"),
        # else in as many settings on one ("73.1/86.0 on CUB-200-2011 in the 1-shot/5-shot settings")
        listed = groups[0]
        run = next((r for r in _dataset_lists(span.doc, datasets) if r[0].start_char >= listed[-1][2]), None)
        if run is not None and len(run) == len(listed):
            return [(value, _id(d)) for (value, _, _), d in zip(listed, run)]
        dataset = _id(_nearest_dataset(span, datasets))
        return [(value, dataset) for value, _, _ in listed]
    return []


#: A name in a slash form: "PSNR", "Rank-1", "box" (of "box/mask AP"), "2" (of "ROUGE-1/2/L").
_SLASH_NAME = re.compile(r"(?<![\w\-@+.])(?:[A-Za-z][\w\-@+]*|\d{1,3}(?![\w.%]))")
_SLASH_NAMES_BEFORE = re.compile(rf"(?:{_SLASH_NAME.pattern}\s?/\s?)+$")
_SLASH_NAMES_AFTER = re.compile(rf"(?:\s?/\s?{_SLASH_NAME.pattern})+")
#: One value of a slash form, not the start of a word: "89.4%", "21.3 dB".
_SLASH_VALUE = re.compile(rf"(?<![\w.])[-+]?\d+(?:[.,]\d+)?{_UNIT}(?![\w.]*[A-Za-z])")
_SLASH_GROUP = re.compile(rf"{_SLASH_VALUE.pattern}(?:\s?/\s?{_SLASH_VALUE.pattern})+")
_SLASH_GROUPS = rf"(?P<groups>{_SLASH_GROUP.pattern}(?:{_LIST_JOIN}{_SLASH_GROUP.pattern})*)"
_SLASH_VALUES_AFTER = re.compile(
    rf"\s*(?:\(\s*)?(?:(?:scores?|values?)\s+)?(?:(?:of|=|:|is|are|was|were|to|at|by|reaches|reached|reaching"
    rf"|achieves|achieved|attains|obtains|of up to)\s+)?(?:from\s+{_SLASH_GROUP.pattern}\s+to\s+)?{_SLASH_GROUPS}"
    rf"(?!\s?/)")
_SLASH_VALUES_BEFORE = re.compile(
    rf"(?<![\w.+\-^/]){_SLASH_GROUPS}\s+(?:(?:in|on|for)\s+(?:the\s+)?)?(?:{_MODIFIER}\s+){{0,2}}$")  # "12.4%/9.8% in Recall/NDCG"


def _inside(pos, spans):
    """Is character ``pos`` inside one of the ``spans``?"""
    return any(s.start_char <= pos < s.end_char for s in spans)


#: A device a value was measured on, right after it or its metric: "on a single A100", "on a Raspberry Pi 4".
_ON_HARDWARE = re.compile(
    r"(?:\s+[\w\-]+){0,3}?\s+on\s+(?:(?:a|an|one|the|two|four|eight|\d+)\s+)?(?:single\s+)?(?:[\w\-]+\s+){0,2}?"
    r"(?:GPUs?|CPUs?|TPUs?|NPUs?|devices?|phones?|smartphones?|Raspberry|Jetson|A100s?|V100s?|H100s?|RTX|GTX|TITAN|Titan"
    r"|laptops?|FPGAs?|microcontrollers?|MCUs?)\b")


def _listed_results(span, listed, datasets):
    """Values listed together (``(value, start, end)``, in order) with the datasets they were measured
    on: a list of as many datasets in the sentence, in order ("of 82.4% and 91.0% on ImageNet and
    CIFAR-100", "On WebShop and ALFWorld, ... of 42.0% and 78.4%, respectively"); the first such
    list after the values, else the last before them. Else all have the dataset a single value would
    have ("76.3% and 78.1% top-1 accuracy on ImageNet with ResNet-50 and ViT-B"), or none; only the
    first where a list goes on after that dataset with items the extractor did not take ("2.1% and
    4.3% on LibriSpeech test-clean and test-other")."""
    runs = [run for run in _dataset_lists(span.doc, datasets) if len(run) == len(listed)]
    start, end = min(listed[0][1], span.start_char), max(listed[-1][2], span.end_char)
    run = (next((r for r in runs if r[0].start_char >= end), None)
           or next((r for r in reversed(runs) if r[-1].end_char <= start), None))
    if run is not None:
        return [(value, d._.kg_entity_id) for (value, _, _), d in zip(listed, run)]
    dataset = _nearest_dataset(span, datasets)
    if dataset is not None and _LIST_GOES_ON.match(doc_text(span.doc), dataset.end_char):
        return [(listed[0][0], _id(dataset))] + [(value, None) for value, _, _ in listed[1:]]
    return [(value, _id(dataset)) for value, _, _ in listed]


_LIST_GOES_ON = re.compile(r"\s*(?:,\s*)?(?:and|or)\b")


def _id(dataset):
    """The entity id of a dataset span, or None for None."""
    return None if dataset is None else dataset._.kg_entity_id


def _dataset_lists(doc, datasets):
    """The ``datasets`` of a sentence (in order) grouped into the lists they form; one alone is a list of one."""
    runs = []
    for d in datasets:
        if runs and _listed_together(doc, runs[-1][-1], d):
            runs[-1].append(d)
        else:
            runs.append([d])
    return runs


def _paired_results(text, pos, end, datasets):
    """Values each stated with its own dataset, from ``pos`` (after the first value, or after its
    metric where the value came first): for "... on CIFAR-10 and 35.2% on CIFAR-100" ``[(None,
    'dataset:cifar-10'), ('35.2%', 'dataset:cifar-100')]``, the first dataset the first value's. An
    empty list unless a second value and its dataset follow."""
    by_start = {d.start_char: d for d in datasets}
    first = _dataset_at(text, pos, by_start)
    if first is None:
        return []
    out, pos = [(None, first._.kg_entity_id)], first.end_char
    while ((m := _NEXT_VALUE.match(text, pos, end) or _NEXT_FROM_TO.match(text, pos, end))
           and (d := _dataset_at(text, m.end(), by_start)) is not None):
        out.append((m.group("v").strip(), d._.kg_entity_id))
        pos = d.end_char
    return out if len(out) > 1 else []


#: One more value as the end of a change: "... on GSM8K and from 30.0% to 41.7% on MATH".
_NEXT_FROM_TO = re.compile(rf"{_AND_JOIN}from\s+{_NUMBER}{_UNIT}\s+to\s+(?P<v>{_NUMBER}{_UNIT})"
                           r"(?![\w.]*[A-Za-z])")


def _dataset_at(text, pos, by_start):
    """The dataset span named right at ``pos`` after "on" or "in" ("... on CIFAR-100"), or None."""
    m = _ON_DATASET.match(text, pos)
    return by_start.get(m.end()) if m else None


def _share_among_listed_metrics(doc, metrics, sents, found, after):
    """Metrics listed together and then as many values, which are theirs in order: "an EM and F1 of
    85.1 and 91.2" (the values had all been read for F1, next to them)."""
    group = []
    for span in metrics + [None]:
        if (span is not None and group and sents[id(span)] == sents[id(group[-1])]
                and _listed_together(doc, group[-1], span)):
            group.append(span)
            continue
        last = group[-1] if group else None
        if (len(group) > 1 and id(last) in after and len(found[id(last)]) == len(group)
                and not any(id(m) in found for m in group[:-1])):
            for m, result in zip(group, found[id(last)]):
                found[id(m)] = [result]
        group = [span]


def _bracketed_by(span, datasets):
    """The dataset right before the brackets the metric is stated in: EuroSAT for "on EuroSAT
    (98.9% top-1 accuracy) and BigEarthNet (mAP of 89.4)", else None."""
    doc = span.doc
    lo = max(span.sent.start, span.start - _BRACKET_REACH)
    i = next((i for i in range(span.start - 1, lo - 1, -1) if doc[i].text in "()"), None)
    if i is None or doc[i].text != "(":
        return None
    return next((d for d in datasets if d.end == i), None)


_BRACKET_REACH = 8  # tokens from the opening bracket to the metric


def _listed_together(doc, first, second):
    """Are two dataset spans items of one list: only commas, "and"/"or" and capitalised words
    (items the extractor did not take) between them ("Amazon Beauty, Sports and Yelp"), after a
    setting of the first ("CIFAR-100 with 2500 labels and STL-10", "COCO (5K images) and LVIS")?"""
    between = doc[first.end:second.start]
    if len(between) > 2 and between[0].lower_ == "with" and between[1].like_num:
        between = between[2 + (between[2].is_alpha and between[2].is_lower):]  # "with 2500 labels"
    elif len(between) > 2 and between[0].text == "(" and (close := next(
            (i for i, t in enumerate(between[:8]) if t.text == ")"), None)) is not None:
        between = between[close + 1:]  # "(5K images)"
    return (0 < len(between) <= 6 and any(t.lower_ in _COORDINATORS for t in between)
            and all(t.lower_ in _COORDINATORS or t.lower_ == "the" or t.text[:1].isupper() or t.text[:1].isdigit()
                    for t in between))


_COORDINATORS = _LIST_SEPARATORS | {"/"}  # the merge's list words, and "IWSLT14/WMT14"
_CLAUSE_BREAKS = frozenset(",;:")
_PRETRAINED_ON = re.compile(r"\bpre-?(?:trained|training)\s+(?:\w+\s+)?on\s+(?:the\s+)?$", re.IGNORECASE)
