"""Acronym detection (Schwartz & Hearst, 2003): pair a short form in parentheses with its long form.

The algorithm lives in plain functions (:func:`find_long_form`, :func:`find_abbreviations`);
the spaCy component :class:`AbbreviationDetector` only writes ``doc._.abbreviations``.
"""

import re

from spacy.language import Language
from spacy.tokens import Doc

from .doctext import tokens_equal

__all__ = ["AbbreviationDetector", "find_abbreviations", "find_long_form", "is_short_form"]

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


def _initials_start(short, candidate):
    """Start index in ``candidate`` of the last words whose initials spell ``short``, or -1.

    Words split at spaces, hyphens and slashes; function words the short form has no
    letter for may be skipped. Only for letters-only short forms (a plural "s" aside).
    """
    letters = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
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


def find_abbreviations(doc):
    """Return ``(long_span, short_span)`` pairs for every "long form (SF)" (or '("SF")') in ``doc``.

    The long form is searched in at most ``min(len(SF) + 5, 2 * len(SF))`` words before
    the parenthesis, within the sentence, and must not itself contain a parenthesis.
    """
    pairs = []
    for i in tokens_equal(doc, "("):
        tok = doc[i]
        first_sf = tok.i + 1
        quoted = first_sf < len(doc) and doc[first_sf].is_quote  # 'asymmetric loss ("ASL")'
        first_sf += quoted
        if first_sf + 1 >= len(doc):
            continue
        close = first_sf + 1  # the short form is one token, or two written together ("U-Net" is three)

        def closes(k):
            return k < len(doc) and (doc[k].is_quote if quoted else doc[k].text == ")")

        if not closes(close):
            if closes(close + 1) and not doc[first_sf].whitespace_:
                close += 1
            else:
                continue
        if quoted and not (close + 1 < len(doc) and doc[close + 1].text == ")"):
            continue
        short = doc[first_sf:close]
        if not is_short_form(short.text):
            continue
        n_words = min(len(short.text) + 5, 2 * len(short.text))
        first = max(tok.sent.start if doc.has_annotation("SENT_START") else 0, tok.i - n_words)
        window = doc[first : tok.i]
        if not window or any(t.text in "()[]" for t in window):
            # cut the window after the last bracket
            cut = max((t.i for t in window if t.text in "()[]"), default=first - 1) + 1
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
