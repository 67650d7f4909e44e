"""Acronym detection (Schwartz & Hearst, 2003): pair a short form in parentheses with its long form.

The algorithm lives in plain functions (:func:`find_long_form`, :func:`find_abbreviations`);
the spaCy component :class:`AbbreviationDetector` only writes ``doc._.abbreviations``.
"""

import re

from spacy.language import Language
from spacy.tokens import Doc

from .doctext import doc_text, title_length, tokens_equal

__all__ = ["AbbreviationDetector", "find_abbreviations", "find_long_form", "find_title_long_form", "is_short_form"]

if not Doc.has_extension("abbreviations"):
    Doc.set_extension("abbreviations", default=[])


def is_short_form(text):
    """A plausible short form: 2–10 characters, starts with an alphanumeric, has a letter and a capital.

    >>> is_short_form("SeCO"), is_short_form("LMC"), is_short_form("e.g."), is_short_form("2021")
    (True, True, False, False)
    """
    if not 2 <= len(text) <= 10 or not text[0].isalnum():
        return False
    if not any(c.isalpha() for c in text) or not any(c.isupper() for c in text):
        return False
    return " " not in text.strip()


#: Words a long form may skip when its initials spell the short form ("learning *from* human feedback").
_SKIPPABLE = frozenset("a an and by for from in of on the to via with".split())
_PIECE = re.compile(r"[^\s\-‐‑–/]+")


def without_plural(letters):
    """A short form's letters without a plural "s" ("LLMs" -> "LLM"; "SeCO" stays)."""
    return letters[:-1] if letters.endswith("s") and letters[:-1].isupper() else letters


def _initials_start(short, candidate):
    """Start index in ``candidate`` of the last words whose initials spell ``short``, or -1.

    Words split at spaces, hyphens and slashes; function words the short form has no
    letter for may be skipped. Only for letters-only short forms (a plural "s" aside).
    """
    letters = without_plural(short)
    if not letters.isalpha():
        return -1
    pieces = list(_PIECE.finditer(candidate))
    want = len(letters) - 1
    for piece in reversed(pieces):
        word = piece.group()
        if word[0].lower() == letters[want].lower():
            want -= 1
            if want < 0:
                return candidate.rfind(" ", 0, piece.start()) + 1
        elif word.lower() not in _SKIPPABLE:
            return -1
    return -1


def find_long_form(short, candidate):
    """Return the start index in ``candidate`` of the long form of ``short``, or -1.

    First, the last words whose initials spell the short form; else Schwartz–Hearst: walk
    both strings right to left; every character of the short form must be found in order,
    and its first character must start a word. (Schwartz–Hearst alone takes the shortest
    match, and "proximal policy optimization (PPO)" would lose "proximal": the "o" and "p"
    inside "optimization" match first.)

    >>> cand = "we propose Sequential Chunk-wise Optimization"
    >>> cand[find_long_form("SeCO", cand):]
    'Sequential Chunk-wise Optimization'
    >>> cand = "policies trained with proximal policy optimization"
    >>> cand[find_long_form("PPO", cand):]
    'proximal policy optimization'
    >>> find_long_form("XYZ", "a method without the letters")
    -1
    """
    start = _initials_start(short, candidate)
    if start >= 0:
        return start
    s_idx = len(short) - 1
    l_idx = len(candidate) - 1
    while s_idx >= 0:
        c = short[s_idx].lower()
        if not c.isalnum():
            s_idx -= 1
            continue
        while l_idx >= 0 and (
            candidate[l_idx].lower() != c
            or (s_idx == 0 and l_idx > 0 and candidate[l_idx - 1].isalnum())
        ):
            l_idx -= 1
        if l_idx < 0:
            return -1
        l_idx -= 1
        s_idx -= 1
    start = candidate.rfind(" ", 0, l_idx + 1) + 1
    return start


#: A title that opens with a short form: "COMBO: Conservative Offline Model-Based Policy Optimization".
_TITLE_SHORT_FORM = re.compile(r"^\s*(?P<short>[A-Za-z][A-Za-z\-]*[A-Za-z])\s*:\s+(?P<rest>\S)")


def find_title_long_form(short, text):
    """Length of the shortest start of ``text`` that the short form abbreviates, or -1.

    For titles "SF: Long Form for ...": the long form must start the text, its first word
    giving the first letter. Each capital of the short form is the initial of a word (words
    split at spaces, hyphens and slashes) and each lowercase letter is inside the word of
    the letter before it or the initial of a later word; function words may be skipped,
    and one other word ("Conservative Offline Model-Based *Policy* Optimization" for COMBO).
    Only for short forms of letters (and hyphens), a plural "s" aside.

    >>> t = "Low-Rank Adaptation of Large Language Models"
    >>> t[:find_title_long_form("LoRA", t)]
    'Low-Rank Adaptation'
    >>> t = "Conservative Offline Model-Based Policy Optimization"
    >>> t[:find_title_long_form("COMBO", t)]
    'Conservative Offline Model-Based Policy Optimization'
    >>> find_title_long_form("ZeRO", "Memory Optimizations Toward Training Trillion Parameter Models")
    -1
    """
    letters = without_plural(short.replace("-", ""))
    if len(letters) < 2 or not letters.isalpha() or sum(c.isupper() for c in letters) < 2:
        return -1
    pieces = list(_PIECE.finditer(text[:400]))[: 3 * len(letters)]
    words = [m.group() for m in pieces]
    best = None

    def match(i, j, k, spare):
        # letters[:i] are matched, the last one at position k - 1 of word j
        nonlocal best
        if i == len(letters):
            if best is None or j < best:
                best = j
            return
        c = letters[i]
        if c.islower() and c in words[j][k:].lower():
            match(i + 1, j, words[j].lower().index(c, k) + 1, spare)
        for n in range(j + 1, len(words)):
            if words[n][0].lower() == c.lower():
                match(i + 1, n, 1, spare)
            if words[n].lower() not in _SKIPPABLE:
                if not spare:
                    break
                spare -= 1

    if words and words[0][0].lower() == letters[0].lower():
        match(1, 0, 1, 1)
    if best is None or best == 0:
        return -1
    return pieces[best].end()


def _title_abbreviation(doc):
    """The ``(long_span, short_span)`` pair of a title "SF: Long Form ...", or None."""
    cut = title_length(doc)
    if not cut:
        return None
    text = doc_text(doc)
    m = _TITLE_SHORT_FORM.match(text[:cut])
    if m is None or not is_short_form(m.group("short")):
        return None
    rest = m.start("rest")
    length = find_title_long_form(m.group("short"), text[rest:cut])
    if length < 0:
        return None
    short = doc.char_span(m.start("short"), m.end("short"))
    long_span = doc.char_span(rest, rest + length)
    if short is None or long_span is None:
        return None
    return long_span, short


#: Tokens a long form does not cross: the window before "(SF)" starts after the last of them.
_WINDOW_BREAKS = frozenset("( ) [ ] , ;".split())


#: The most tokens a short form is written with: "LA-CQR", "S-T-GCN".
_MAX_SHORT_TOKENS = 5
#: The most tokens of a long form in brackets after its short form.
_MAX_LONG_TOKENS = 16


def _short_form_first(doc, paren):
    """The ``(long_span, short_span)`` pair of a short form written before its long form in the
    brackets that open at token ``paren``: "ATKD (Adaptive Temperature Knowledge Distillation)",
    else None. The long form fills the brackets and is read as a title's is
    (:func:`find_title_long_form`: its first word gives the first letter); "BERT (Devlin et al.,
    2019)" is no definition.

    >>> import spacy; doc = spacy.blank("en")("We propose LA-QR (Locally Adaptive Quantile Regression).")
    >>> [(l.text, s.text) for l, s in [_short_form_first(doc, 5)]]
    [('Locally Adaptive Quantile Regression', 'LA-QR')]
    """
    if paren == 0 or not doc[paren - 1].whitespace_:
        return None
    first = paren - 1  # the short form: one token, or several written together ("LA-QR")
    while (first > 0 and paren - first < _MAX_SHORT_TOKENS and not doc[first - 1].whitespace_
           and (doc[first - 1].text == "-" or not doc[first - 1].is_punct)):
        first -= 1
    while first < paren - 1 and doc[first].is_punct:
        first += 1
    short = doc[first:paren]
    if not is_short_form(short.text):
        return None
    close = next((k for k in range(paren + 2, min(len(doc), paren + _MAX_LONG_TOKENS + 2))
                  if doc[k].text in _WINDOW_BREAKS), None)
    if close is None or doc[close].text != ")":
        return None
    inner = doc[paren + 1 : close]
    if find_title_long_form(short.text, inner.text) != len(inner.text):
        return None
    return inner, short


def find_abbreviations(doc):
    """Return ``(long_span, short_span)`` pairs for every "long form (SF)" (or '("SF")') in ``doc``,
    and for a title "SF: Long Form ..." (:func:`find_title_long_form`).

    The long form is searched in at most ``min(len(SF) + 5, 2 * len(SF))`` words before
    the parenthesis (a hyphenated word such as "Cross-channel" is one), within the sentence,
    and must not itself contain a parenthesis, a comma or a semicolon (no long form in the
    annotated corpora or the sample does: "VALL-E, using ... neural audio codec model (EnCodec)"
    is no definition of EnCodec).
    """
    pairs = []
    for i in tokens_equal(doc, "("):
        tok = doc[i]
        first_sf = tok.i + 1
        quoted = first_sf < len(doc) and doc[first_sf].is_quote  # 'asymmetric loss ("ASL")'
        first_sf += quoted
        if first_sf + 1 >= len(doc):
            continue

        def closes(k):
            return k < len(doc) and (doc[k].is_quote if quoted else doc[k].text == ")")

        # the short form is one token, or up to five written together ("LA-CQR" is three)
        close = first_sf + 1
        while (close < len(doc) and not closes(close) and close < first_sf + _MAX_SHORT_TOKENS
               and not doc[close - 1].whitespace_):
            close += 1
        if not closes(close):
            if not quoted and (pair := _short_form_first(doc, tok.i)) is not None:
                pairs.append(pair)
            continue
        if quoted and not (close + 1 < len(doc) and doc[close + 1].text == ")"):
            continue
        short = doc[first_sf:close]
        if not is_short_form(short.text):
            continue
        n_words = min(len(short.text) + 5, 2 * len(short.text))
        sent_start = tok.sent.start if doc.has_annotation("SENT_START") else 0
        first, words = tok.i, 0
        while first > sent_start and words < n_words:
            first -= 1
            words += first == sent_start or bool(doc[first - 1].whitespace_)  # a word starts here
        window = doc[first : tok.i]
        if not window or any(t.text in _WINDOW_BREAKS for t in window):
            # cut the window after the last bracket or comma
            cut = max((t.i for t in window if t.text in _WINDOW_BREAKS), default=first - 1) + 1
            window = doc[cut : tok.i]
            if not window:
                continue
        text = window.text
        start = find_long_form(short.text, text)
        if start < 0:
            continue
        long_span = doc.char_span(window.start_char + start, window.end_char, alignment_mode="expand")
        if long_span is None:
            continue
        # no quotes or dashes around the long form ('"Robust Weight Signature" (RWS)')
        first, last = long_span.start, long_span.end
        while first < last and (doc[first].is_punct or doc[first].is_quote):
            first += 1
        while last > first and (doc[last - 1].is_punct or doc[last - 1].is_quote):
            last -= 1
        long_span = doc[first:last]
        if len(long_span) < 1 or long_span.text == short.text:
            continue
        # a long form needs more words than the short form has characters, or at least two words
        if len(long_span) < 2 and len(long_span.text) <= len(short.text) + 2:
            continue
        pairs.append((long_span, short))
    titled = _title_abbreviation(doc)
    if titled and all(short.text != titled[1].text for _, short in pairs):  # the abstract's own definition wins
        pairs.insert(0, titled)
    return pairs


@Language.factory("kg_abbreviations", assigns=["doc._.abbreviations"])
def make_abbreviation_detector(nlp, name):
    """spaCy factory for :class:`AbbreviationDetector`."""
    return AbbreviationDetector(nlp, name=name)


class AbbreviationDetector:
    """Write ``doc._.abbreviations``: a list of ``(long_span, short_span)`` pairs."""

    def __init__(self, nlp, name="kg_abbreviations"):
        self.name = name

    def __call__(self, doc):
        doc._.abbreviations = find_abbreviations(doc)
        return doc
