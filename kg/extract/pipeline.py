"""Assemble the extraction pipeline: tokenizer, sentences, recognisers, then merge → filter → canonical → roles.

A paper is one doc: its title, a blank line, its abstract, so that an acronym defined
in the abstract also resolves in the title; offsets are mapped back to each field.
"""

import hashlib
import re
from importlib import resources
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.lang.char_classes import ALPHA, ALPHA_LOWER, ALPHA_UPPER
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
from thinc.api import use_ops

# Importing the modules registers their factories.
from . import abbreviations, filters, gazetteer, merge, ner, patterns, roles  # noqa: F401
from .doctext import FIELD_SEPARATOR, doc_text, make_doc, make_paper_doc, title_length  # noqa: F401 (re-exported)
from .tok2vec import use_inference_layers

__all__ = ["FIELD_SEPARATOR", "build_pipeline", "customise_tokenizer", "kg_tokenizer", "make_paper_doc",
           "model_path", "pipeline_id", "title_length"]

LONG_TOKEN = re.compile(r"\S{200,}")
# The tokenizer caches this many tokenized chunks; spaCy's default of 10,000 never evicts, and fills
# within a few hundred abstracts
TOKENIZER_CACHE = 200_000
COMPONENTS = ("kg_fields", "kg_gazetteer", "kg_patterns", "kg_abbreviations", "kg_merge",
              "kg_filter", "kg_canonical", "kg_roles")


TOKENIZER = "kg.Tokenizer.v1"
_TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}}


def model_path():
    """Where the project's trained NER pipeline ships (None if it is not there)."""
    path = Path(str(resources.files("kg") / "models" / "ner"))
    return path if (path / "meta.json").exists() else None


@Language.factory("kg_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp, name):
    """spaCy factory for :class:`Sentences`."""
    return Sentences(nlp.vocab)


_NOT_START = np.uint64(2**64 - 1)  # -1 (token.is_sent_start False) in a uint64 token array


class Sentences:
    """spaCy's rule-based ``sentencizer`` (default punctuation) on a token array, without the
    ``Token`` object per token that spaCy's loop creates: a sentence starts at the first token
    that is not punctuation after one of :data:`Sentencizer.default_punct_chars` ("." "!" "?" …).
    Same boundaries (``tests/test_spacy_equivalence.py`` compares them)."""

    def __init__(self, vocab):
        self.stops = frozenset(vocab.strings.add(c) for c in Sentencizer.default_punct_chars)

    def __call__(self, doc):
        if not len(doc):
            return doc
        attrs = doc.to_array([ORTH, IS_PUNCT])
        stops, starts, seen = self.stops, [0], False
        for i, (orth, punct) in enumerate(attrs.tolist()):
            if orth in stops:
                seen = True
            elif seen and not punct:
                starts.append(i)
                seen = False
        flags = np.full((len(doc), 1), _NOT_START, dtype=np.uint64)
        flags[starts] = 1
        doc.from_array([SENT_START], flags)
        return doc

    def pipe(self, docs, batch_size=None):
        for doc in docs:
            yield self(doc)


@Language.component("kg_fields", requires=["token.is_sent_start"], assigns=["token.is_sent_start"])
def mark_fields(doc):
    """Start a sentence after every line break (a whitespace token holding one), so the title is a
    sentence of its own. Line breaks are found in the text, not by visiting every token."""
    text = doc_text(doc)
    at = text.find("\n")
    while at >= 0:
        span = doc.char_span(at, at + 1, alignment_mode="expand")  # the token holding it
        if span is None:
            break
        if doc[span.start].is_space and span.start + 1 < len(doc):
            doc[span.start + 1].is_sent_start = True
        at = text.find("\n", max(span.end_char, at + 1))
    return doc


# A full stop after a capital that follows a lower-case letter, digit or hyphen ends a sentence:
# spaCy keeps it on the word to protect abbreviations ("U.S.A."), which glues it to names such as
# "ViT.", "CelebA.", "Swin-T." or "ImageNet-1K." (it already splits "CIFAR-10." and "COCO.").
SUFFIX_AFTER_NAME = rf"(?<=[{ALPHA_LOWER}0-9\-][{ALPHA_UPPER}])\."

# An opening parenthesis glued to a word and followed by a capital opens an acronym: "neural
# network(MTPR)" defines MTPR as "network (MTPR)" does (not "f(X)" or "O(N)": one letter before).
INFIX_PAREN_ACRONYM = rf"(?<=[{ALPHA_LOWER}]{{3}})\((?=[{ALPHA_UPPER}])"

# A name's number and a slash start a series of its variants when the chunk ends with it: "ROUGE-1/2/L",
# "Hits@1/3/10", "ResNet-50/101" (spaCy splits a slash only before a letter: "ROUGE-1/2" was one
# token); not "CIFAR-10/100-LT" (a suffix for all), "ResNet18/50" (no separator), "40.1/18.2" (values).
SERIES = re.compile(rf"(?:.*[{ALPHA}]-|.*[{ALPHA}0-9]@)\d{{1,3}}(?P<rest>(?:/(?:\d{{1,3}}|[{ALPHA}]))+)")
_SLASH = re.compile("/")


class InfixFinder:
    """spaCy's infix search (``regex``, a compiled pattern) and the slashes of a :data:`SERIES`, in
    order: what the tokenizer calls as ``infix_finditer``. Its ``pattern`` tells both apart in the
    tokenizer's fingerprint."""

    def __init__(self, regex):
        self._finditer = regex.finditer
        self.pattern = f"{regex.pattern}\0{SERIES.pattern}"

    def finditer(self, text):
        if "/" not in text:
            return self._finditer(text)
        found = list(self._finditer(text))
        if m := SERIES.fullmatch(text):
            taken = {f.start() for f in found}
            found += [s for s in _SLASH.finditer(text, m.start("rest")) if s.start() not in taken]
            found.sort(key=lambda f: f.start())
        return found


# spaCy's special cases for one lower-case letter and a full stop ("a." ... "z.") keep the stop on
# the last letter of a name ("GPT4-o.", "model-b."); abstracts do not abbreviate single letters.
_LETTER_STOP = re.compile(r"[a-z]\.")


def kg_tokenizer(nlp):
    """spaCy's English tokenizer adapted to abstracts: a run of 200+ non-space characters is one
    token (spaCy's affix splitting is quadratic on such runs, "((((…" or a pasted blob, and they
    are never names), "ViT." and "GPT4-o." end in a full stop of their own (:data:`SUFFIX_AFTER_NAME`;
    no special case for a lower-case letter and a stop), "network(MTPR)" opens its acronym
    (:data:`INFIX_PAREN_ACRONYM`), a series of variants after a slash is one token each
    ("ROUGE-1/2/L", "Hits@1/3/10": :data:`SERIES`, not "40.1/18.2"), and the cache of tokenized chunks holds
    :data:`TOKENIZER_CACHE` of them (same tokens, faster).

    >>> nlp = spacy.blank("en"); nlp.tokenizer = kg_tokenizer(nlp)
    >>> [t.text for t in nlp("We compare with ViT. In the U.S. too, on ImageNet-1K.")]
    ['We', 'compare', 'with', 'ViT', '.', 'In', 'the', 'U.S.', 'too', ',', 'on', 'ImageNet-1', 'K', '.']
    >>> [t.text for t in nlp("We prompt GPT4-o. It answers, e.g. in 5 s.")]
    ['We', 'prompt', 'GPT4', '-', 'o', '.', 'It', 'answers', ',', 'e.g.', 'in', '5', 's', '.']
    >>> [t.text for t in nlp("a network(MTPR) of f(X) in O(N)")]
    ['a', 'network', '(', 'MTPR', ')', 'of', 'f(X', ')', 'in', 'O(N', ')']
    >>> [t.text for t in nlp("40.1/18.2 ROUGE-1/2/L, Hits@1/10")]
    ['40.1/18.2', 'ROUGE-1', '/', '2', '/', 'L', ',', 'Hits@1', '/', '10']
    """
    defaults = nlp.Defaults
    rules = {text: tokens for text, tokens in defaults.tokenizer_exceptions.items() if not _LETTER_STOP.fullmatch(text)}
    return Tokenizer(
        nlp.vocab, rules=rules,
        prefix_search=compile_prefix_regex(defaults.prefixes).search,
        suffix_search=compile_suffix_regex([*defaults.suffixes, SUFFIX_AFTER_NAME]).search,
        infix_finditer=InfixFinder(compile_infix_regex([*defaults.infixes, INFIX_PAREN_ACRONYM])).finditer,
        token_match=LONG_TOKEN.fullmatch, url_match=defaults.url_match, max_cache_size=TOKENIZER_CACHE)


@spacy.registry.tokenizers(TOKENIZER)
def make_kg_tokenizer():
    """spaCy registry entry for :func:`kg_tokenizer`, so a pipeline is built with it directly
    (making spaCy's tokenizer first and replacing it loads its 1,300 special cases twice)."""
    return kg_tokenizer


def customise_tokenizer(nlp):
    """Replace ``nlp.tokenizer`` by :func:`kg_tokenizer` (for a pipeline made without it)."""
    nlp.tokenizer = kg_tokenizer(nlp)


def build_pipeline(*, use_model=True, model=None):
    """Return the extraction pipeline, with the shipped NER model when ``use_model`` and present
    (or the trained pipeline in directory ``model``: scripts/evaluate.py scores candidates this way)."""
    path = (Path(model) if model is not None else model_path()) if use_model else None
    if path is not None:
        # thinc's plain NumPy ops run this small CNN faster than BLIS on one thread (same output)
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(path, exclude=["tokenizer"], config=_TOKENIZER_CONFIG)  # not its saved one
    else:
        nlp = spacy.blank("en", config=_TOKENIZER_CONFIG)
    nlp.add_pipe("kg_sentences", first=True)
    if "ner" in nlp.pipe_names:
        # kg_ner decodes the trained model: spaCy's ner (kept, disabled, for its weights) finds the
        # same entities several times slower
        nlp.add_pipe("kg_ner", after="ner")
        nlp.disable_pipe("ner")
    if "tok2vec" in nlp.pipe_names:
        use_inference_layers(nlp.get_pipe("tok2vec").model)  # the same vectors, a quarter faster
    for name in COMPONENTS:
        if name == "kg_merge":
            nlp.add_pipe(name, config={"use_ner": "kg_ner" in nlp.pipe_names})
        else:
            nlp.add_pipe(name)
    return nlp


def pipeline_id(nlp):
    """A short id of the pipeline's behaviour: package version, component code and names, gazetteer,
    model weights. The extraction cache is keyed by it, so any change to these invalidates it."""
    from .. import __version__

    digest = hashlib.sha1()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    digest.update(",".join(nlp.pipe_names).encode())
    gaz = nlp.get_pipe("kg_gazetteer")
    for rec in gaz.records:
        digest.update(repr(tuple(rec)).encode())
    path = nlp.path or model_path()  # the directory the model was loaded from
    if path is not None and "kg_ner" in nlp.pipe_names:
        for part in ("ner", "tok2vec"):
            for file in sorted((path / part).glob("*")):
                digest.update(file.read_bytes())
    return f"kg-extract/{__version__}+{digest.hexdigest()[:10]}"
