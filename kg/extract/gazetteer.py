"""The gazetteer: widely used ML names as knowledge-base records, and the spaCy component matching them."""

import json
import re
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

from ..errors import KgError
from .normalize import singularize

__all__ = ["GazetteerMatcher", "Record", "load_records", "record_index", "variants"]

GAZETTEER_KEY = "kg_gazetteer"
_FILES = ("methods.jsonl", "datasets.jsonl", "metrics.jsonl", "tasks.jsonl")


class Record(NamedTuple):
    """One knowledge-base entry: a canonical entity with its aliases."""

    id: str
    label: str
    canonical: str
    aliases: tuple[str, ...]

    @property
    def node_id(self):
        """The entity's node id in the graph (``method:bert``)."""
        return f"{self.label.lower()}:{self.id}"


def load_records(directory=None):
    """Read the gazetteer records from ``directory`` (default: the package's data files)."""
    root = Path(directory) if directory else Path(str(resources.files("kg") / "data" / "gazetteer"))
    records = []
    for name in _FILES:
        path = root / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                    records.append(Record(raw["id"], raw["label"], raw["canonical"], tuple(raw.get("aliases", ()))))
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise KgError(f"bad gazetteer record ({exc})", path=path, line=number) from None
    return records


def record_index(records):
    """Map node ids (``method:bert``) to records as dicts, for labelling graph nodes."""
    return {r.node_id: {"canonical": r.canonical, "aliases": list(r.aliases)} for r in records}


def _is_exact(name):
    """Should ``name`` match case-sensitively?

    Lowercase names ("diffusion model") match in any case. Acronyms ("SAM", "GLUE",
    "CALVIN") and Title-Case words ("Synapse", "Stable Diffusion") match only as
    written, since in other cases they are ordinary words. Distinctive mixed-case or
    numbered names ("ImageNet", "CIFAR-10", "ResNet-50") also match in other cases.

    >>> [_is_exact(n) for n in ("diffusion model", "SAM", "Synapse", "ImageNet", "CIFAR-10")]
    [False, True, True, False, False]
    """
    if name.islower() or not any(c.isalpha() for c in name):
        return False
    if len(name) <= 5:
        return True
    if any(c.isdigit() for c in name):
        return False
    words = re.split(r"[\s\-]+", name)
    return not any(any(c.islower() for c in w) and any(c.isupper() for c in w[1:]) for w in words)


def _all_lower(span):
    """Is every letter of ``span`` lowercase? A name written with capitals ("ComplEx", "ReCoRD")
    matches in other cases, but not all in lowercase, where it is usually an ordinary word."""
    return not any(c.isupper() for c in span.text)


def _hyphen_attached(doc, start):
    """Is the token at ``start`` the continuation of a hyphenated compound ("LS-GAN", "AMR-to-text")?"""
    return (start >= 2 and doc[start - 1].text in ("-", "‐") and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_)


def variants(name):
    """The surface forms matched for one name: itself and its regular plural.

    >>> sorted(variants("diffusion model")), sorted(variants("GAN"))
    (['diffusion model', 'diffusion models'], ['GAN', 'GANs'])
    """
    out = {name}
    last = name.split()[-1] if name.split() else name
    if last[-1:].isalpha() and singularize(last) == last:
        if last.isupper():
            out.add(name + "s")
        elif last[-1:] in "sxz" or last.endswith(("ch", "sh")):
            out.add(name + "es")
        elif last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
            out.add(name[:-1] + "ies")
        else:
            out.add(name + "s")
    return out


@Language.factory(
    "kg_gazetteer",
    assigns=["doc.spans"],
    default_config={"spans_key": GAZETTEER_KEY},
)
def make_gazetteer(nlp, name, *, spans_key):
    """spaCy factory for :class:`GazetteerMatcher` (records load from the package data)."""
    return GazetteerMatcher(nlp, name=name, spans_key=spans_key, records=load_records())


class GazetteerMatcher:
    """Match gazetteer names and write them to ``doc.spans[spans_key]``.

    Each span's ``label_`` is the entity label and its ``id_`` the record id, so one
    record drives both matching and normalisation.
    """

    def __init__(self, nlp, name="kg_gazetteer", *, spans_key=GAZETTEER_KEY, records=()):
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.set_records(records)

    def set_records(self, records):
        """(Re)build the matchers from ``records``."""
        self.records = list(records)
        self.by_key = {}
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.lowercase_ok = set()  # keys with a lowercase name: their all-lowercase matches stand
        exact, folded = {}, {}
        for index, rec in enumerate(self.records):
            key = f"{rec.label}|{rec.id}"
            self.by_key[key] = rec
            for name in (rec.canonical, *rec.aliases):
                if name.islower() or not any(c.isalpha() for c in name):
                    self.lowercase_ok.add(key)
                for form in variants(name):
                    target = exact if _is_exact(name) else folded
                    target.setdefault(key, set()).add(form)
        tokenizer = self.nlp.tokenizer
        for target, matcher in ((exact, self.exact), (folded, self.folded)):
            for key in sorted(target):
                forms = sorted(target[key])
                if matcher is self.exact:
                    matcher.add(key, [tokenizer(f) for f in forms])
                else:
                    # tokenization can depend on case ("ImageNet-1K" -> "ImageNet-1", "K"; "imagenet-1k" one token)
                    matcher.add(key, [tokenizer(f) for f in forms] + [tokenizer(f.lower()) for f in forms])

    def __call__(self, doc):
        spans = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                key = self.nlp.vocab.strings[match_id]
                rec = self.by_key[key]
                if matcher is self.folded and key not in self.lowercase_ok and _all_lower(doc[start:end]):
                    continue  # "complex" is not ComplEx, "records" not ReCoRD
                if _hyphen_attached(doc, start):
                    continue  # the tail of a compound name: "LS-GAN" is not GAN, "non-causal inference" not causal inference
                spans.append(Span(doc, start, end, label=rec.label, span_id=rec.id))
        doc.spans[self.spans_key] = filter_spans(spans)
        return doc

    def to_disk(self, path, *, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with open(path / "records.jsonl", "w", encoding="utf-8") as fh:
            for rec in self.records:
                fh.write(json.dumps(rec._asdict(), ensure_ascii=False) + "\n")

    def from_disk(self, path, *, exclude=()):
        records = []
        with open(Path(path) / "records.jsonl", encoding="utf-8") as fh:
            for line in fh:
                raw = json.loads(line)
                records.append(Record(raw["id"], raw["label"], raw["canonical"], tuple(raw["aliases"])))
        self.set_records(records)
        return self
