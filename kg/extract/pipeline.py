"""Assemble the extraction pipeline: tokenizer, sentences, recognisers, then merge → filter → canonical → roles.

A paper is one doc: its title, a blank line, its abstract, so that an acronym defined
in the abstract also resolves in the title; offsets are mapped back to each field.
"""

import hashlib
import re
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import use_ops

# Importing the modules registers their factories.
from . import abbreviations, filters, gazetteer, merge, patterns, roles  # noqa: F401

__all__ = ["FIELD_SEPARATOR", "build_pipeline", "model_path", "pipeline_id"]

FIELD_SEPARATOR = "\n\n"
LONG_TOKEN = re.compile(r"\S{200,}")
SUFFIX_AFTER_NAME = r"(?<=[a-z0-9\-][A-Z])\."
COMPONENTS = ("kg_fields", "kg_gazetteer", "kg_patterns", "kg_abbreviations", "kg_merge",
              "kg_filter", "kg_canonical", "kg_roles")


def model_path():
    """Where the project's trained NER pipeline ships (None if it is not there)."""
    path = Path(str(resources.files("kg") / "models" / "ner"))
    return path if (path / "meta.json").exists() else None


@Language.component("kg_fields", requires=["token.is_sent_start"], assigns=["token.is_sent_start"])
def mark_fields(doc):
    """Start a sentence at every blank line, so the title is a sentence of its own."""
    for tok in doc[1:]:
        if FIELD_SEPARATOR in doc[tok.i - 1].text_with_ws or doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text:
            tok.is_sent_start = True
    return doc


def build_pipeline(*, use_model=True):
    """Return the extraction pipeline, with the shipped NER model when ``use_model`` and present."""
    path = model_path() if use_model else None
    if path is not None:
        # thinc's plain NumPy ops run this small CNN faster than BLIS on one thread (same output)
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(path)
    else:
        nlp = spacy.blank("en")
    # A run of 200+ non-space characters is one token: spaCy's affix splitting is
    # quadratic on such runs ("((((…" or a pasted blob) and they are never names.
    nlp.tokenizer.token_match = LONG_TOKEN.fullmatch
    # a full stop after a capital that follows a lowercase letter, digit or hyphen ends the
    # sentence: "on ViT." is "ViT" + "." (spaCy splits it after "CIFAR-10" or "COCO", not after
    # "ViT", "CelebA", "Swin-T" or "ImageNet-1K"); abbreviations ("U.S.A.") keep theirs
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(
        list(nlp.Defaults.suffixes) + [SUFFIX_AFTER_NAME]).search
    nlp.add_pipe("sentencizer", first=True)
    for name in COMPONENTS:
        if name == "kg_merge":
            nlp.add_pipe(name, config={"use_ner": "ner" in nlp.pipe_names})
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
    path = model_path()
    if path is not None and "ner" in nlp.pipe_names:
        for part in ("ner", "tok2vec"):
            for file in sorted((path / part).glob("*")):
                digest.update(file.read_bytes())
    return f"kg-extract/{__version__}+{digest.hexdigest()[:10]}"
