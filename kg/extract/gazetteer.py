"""The gazetteer: widely used ML names as knowledge-base records, and the spaCy component matching them."""

import functools
import hashlib
import json
import pickle
import re
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import spacy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Span
from spacy.util import filter_spans

from ..errors import KgError
from ..fileio import atomic_write
from .doctext import doc_text
from .normalize import singularize

__all__ = ["GazetteerMatcher", "Record", "load_records", "name_forms", "record_index", "variants"]

GAZETTEER_KEY = "kg_gazetteer"
#: Where the matcher writes a known model's size variants ("CodeLlama-34B"): names of their own.
VARIANTS_KEY = "kg_variants"
_FILES = ("methods.jsonl", "datasets.jsonl", "metrics.jsonl", "tasks.jsonl")
INDEX_FILE = "index.pickle"
_INDEX_FORMAT = 1
_END = -1  # a trie key no token has (token keys are spaCy string ids, never negative)


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
    """Read the gazetteer records from ``directory`` (default: the package's data files, read once
    per process)."""
    return list(_read_records(Path(directory)) if directory else _shipped_records())


@functools.lru_cache(maxsize=1)
def _shipped_records():
    return tuple(_read_records(Path(str(resources.files("kg") / "data" / "gazetteer"))))


def _read_records(root):
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


def is_exact_name(name):
    """Should ``name`` match case-sensitively?

    Lowercase names ("diffusion model") match in any case. Acronyms ("SAM", "GLUE",
    "CALVIN") and Title-Case words ("Synapse", "Stable Diffusion") match only as
    written, since in other cases they are ordinary words. Distinctive mixed-case or
    numbered names ("ImageNet", "CIFAR-10", "ResNet-50") also match in other cases.

    >>> [is_exact_name(n) for n in ("diffusion model", "SAM", "Synapse", "ImageNet", "CIFAR-10")]
    [False, True, True, False, False]

    Mixed-case names that are English words in other cases ("ComplEx", "RotatE", "ReCoRD") match
    only as written: "Complex reasoning", "Rotate the image", "Health Records" name none of them.

    >>> [is_exact_name(n) for n in ("ComplEx", "RotatE", "ReCoRD")]
    [True, True, True]
    """
    if name.islower() or not any(c.isalpha() for c in name):
        return False
    if len(name) <= 5 or name.lower() in _WORD_NAMES:
        return True
    if any(c.isdigit() for c in name):
        return False
    words = re.split(r"[\s\-]+", name)
    return not any(any(c.islower() for c in w) and any(c.isupper() for c in w[1:]) for w in words)


#: Mixed-case names (of models, datasets) that are English words in lower case: "ComplEx", "RotatE",
#: "ReCoRD", "SimplE", "TuckER", "QuaRTz".
_WORD_NAMES = frozenset("complex rotate record simple tucker quartz".split())


def _all_lower(span):
    """Is every letter of ``span`` lowercase? A name written with capitals ("ComplEx", "ReCoRD")
    matches in other cases, but not all in lowercase, where it is usually an ordinary word."""
    return not any(c.isupper() for c in span.text)


def hyphen_attached(doc, start):
    """Is the token at ``start`` the continuation of a hyphenated compound ("LS-GAN", "AMR-to-text")?"""
    return (start >= 2 and doc[start - 1].text in ("-", "‐") and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_)


def variants(name):
    """The surface forms matched for one name: itself and its regular plural, with its hyphens
    written as spaces ("part of speech tagging", "MS COCO"), and with a capital first word when a
    later one has a capital ("Offline RL", "Hidden Markov model").

    >>> sorted(variants("diffusion model")), sorted(variants("GAN"))
    (['diffusion model', 'diffusion models'], ['GAN', 'GANs'])
    >>> sorted(variants("part-of-speech tagger"))
    ['part of speech tagger', 'part of speech taggers', 'part-of-speech tagger', 'part-of-speech taggers']
    >>> sorted(variants("offline RL"))
    ['Offline RL', 'Offline RLs', 'offline RL', 'offline RLs']
    >>> sorted(variants("hidden Markov model"))
    ['Hidden Markov model', 'Hidden Markov models', 'hidden Markov model', 'hidden Markov models']
    """
    spaced = _INNER_HYPHEN.sub(" ", name)
    first, *rest = spaced.lower().split(" ")
    out = _plurals(name)
    if (spaced != name and len(first) > 1 and not first.isdigit() and first not in _NOT_SPACED
            and not set(rest) & _PARTICLES):
        out |= _plurals(spaced)
    words = name.split(" ")
    if len(words) > 1 and _LOWER_WORD.fullmatch(words[0]) and any(w[:1].isupper() for w in words[1:]):
        # a name with an acronym or a proper noun matches as written; at a sentence start or in a
        # title its first word has a capital: "Offline RL" is "offline RL", "Hidden Markov models"
        # "hidden Markov models"
        out |= _plurals(words[0].capitalize() + name[len(words[0]):])
    return out


_LOWER_WORD = re.compile(r"[a-z]{2,}(?:-[a-z]+)*")


#: A hyphen between two word characters ("part-of-speech", "MS-COCO"; not "-based" or "GPT-4-").
_INNER_HYPHEN = re.compile(r"(?<=\w)[-‐](?=\w)")
#: First words that, spaced, begin ordinary phrases: "in context learning", "no new net" (so do single
#: letters and numbers: "x vector", "7 scenes").
_NOT_SPACED = frozenset("a an the in on off no to at by of for as is".split())
#: Words that make a spaced name an ordinary phrase: particles ("speed up" is no speed-up, "trade off",
#: "warm up") and "to" ("from image to video" is no image-to-video task).
_PARTICLES = frozenset("up down out off over back in on away to".split())


def _plurals(name):
    """``name`` and its regular plural; none for a name that ends in one letter ("ImageNet-A",
    whose "ImageNet As" would match "ImageNet as").

    >>> sorted(_plurals("GAN")), sorted(_plurals("ImageNet-A"))
    (['GAN', 'GANs'], ['ImageNet-A'])
    """
    out = {name}
    last = name.split()[-1] if name.split() else name
    if last[-1:].isalpha() and len(re.split(r"[-‐]", last)[-1]) > 1 and singularize(last) == last:
        if last.isupper():
            out.add(name + "s")
        elif last[-1:] in "sxz" or last.endswith(("ch", "sh")):
            out.add(name + "es")
        elif last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
            out.add(name[:-1] + "ies")
        else:
            out.add(name + "s")
    return out


def spacy_series():
    """spaCy's major.minor version ("3.8"): its tokenizer's algorithm does not change within one."""
    return ".".join(spacy.about.__version__.split(".")[:2])


def tokenizer_fingerprint(tokenizer):
    """A digest of everything that decides how ``tokenizer`` splits a string: spaCy's major.minor
    version, the affix and token-match patterns and the special cases (a patch release that changed
    any of these would change the digest)."""
    def pattern(fn):
        return getattr(getattr(fn, "__self__", None), "pattern", repr(fn))

    digest = hashlib.sha1(spacy_series().encode())
    for fn in (tokenizer.prefix_search, tokenizer.suffix_search, tokenizer.infix_finditer,
               tokenizer.token_match, tokenizer.url_match):
        digest.update(b"\0" + str(pattern(fn)).encode())
    digest.update(json.dumps(sorted(tokenizer.rules.items()), sort_keys=True, ensure_ascii=False).encode())
    digest.update(repr(tokenizer.faster_heuristics).encode())
    return digest.hexdigest()


class _DataUnpickler(pickle.Unpickler):
    """Reads plain containers only (dicts, lists, tuples, strings, numbers): a pickle that names
    any class or function is refused, so loading one can never run code."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"the gazetteer index holds no objects, and names {module}.{name}")


def records_digest(records):
    """SHA-1 of ``records`` as given (ids, labels, names, in order)."""
    return hashlib.sha1(repr([tuple(r) for r in records]).encode()).hexdigest()


def build_index(records, tokenizer):
    """Everything the matcher and the canonicalizer derive from ``records`` and ``tokenizer``, in
    plain containers: the token trie (:class:`_Trie`), the keys with a lowercase name, the cutoff
    metrics (:func:`_cutoff_metrics`), the names index (:func:`names_index`), and the digests of
    the records and of the tokenizer they were made from.

    Building it tokenizes every name form (about 21,400 strings; each new word becomes a lexeme)
    and fills the trie: about a second. The package ships the index of its own records
    (``index.pickle``, written by ``scripts/make_gazetteer_index.py``), which loads in about 15 ms;
    :func:`current_index` uses it only for exactly those records and that tokenizer."""
    records = tuple(records)
    forms, lowercase_ok = name_forms(records)
    tokens = {s: [t.text for t in tokenizer(s)] for s in sorted(GazetteerMatcher.strings(records, forms))}
    trie = _Trie()
    for (exact, key), names in sorted(forms.items()):
        for form in sorted(names):
            trie.add(tokens[form], key, exact=exact)
            if not exact and form != form.lower():
                lower = tokens[form.lower()]
                if lower != [t.lower() for t in tokens[form]]:  # tokenized apart ("ImageNet-1K")
                    trie.add(lower, key)
    return {"format": _INDEX_FORMAT, "spacy": spacy_series(), "records": records_digest(records),
            "tokenizer": tokenizer_fingerprint(tokenizer), "trie": trie.root,
            "lowercase_ok": sorted(lowercase_ok), "cutoff_metrics": _cutoff_metrics(forms),
            "names": names_index(forms)}


def write_index(path, index):
    """Write ``index`` (:func:`build_index`) atomically; the same index gives the same bytes."""
    with atomic_write(path, "wb") as fh:
        pickle.dump(index, fh, protocol=5)


@functools.lru_cache(maxsize=1)
def shipped_index():
    """The index of the package's own records, as shipped (None if it is missing or unreadable).
    Shared: read it, do not change it."""
    path = Path(str(resources.files("kg") / "data" / "gazetteer" / INDEX_FILE))
    try:
        with open(path, "rb") as fh:
            index = _DataUnpickler(fh).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, IndexError, KeyError):
        return None  # built when the pipeline loads: a second slower, same matches
    return index if isinstance(index, dict) and index.get("format") == _INDEX_FORMAT else None


def current_index(records, tokenizer=None):
    """The shipped index if it was made for ``records`` (and ``tokenizer``, unless None: the names
    index does not depend on it), else None."""
    index = shipped_index()
    if index is None or index["records"] != records_digest(records):
        return None
    if tokenizer is not None and index["tokenizer"] != tokenizer_fingerprint(tokenizer):
        return None
    return index


def names_index(forms):
    """``{(label, surface form): record id}`` for every form the gazetteer matches (``forms`` of
    :func:`name_forms`), as written for a case-sensitive name ("ViT", "SAM"), lowercased for the
    others; a form two records of one label share names neither."""
    index = {}
    for (exact, key), names in sorted(forms.items()):
        label, rid = key.split("|", 1)
        for form in sorted(names):
            name = (label, form if exact else form.lower())
            index[name] = rid if index.get(name, rid) == rid else None
    return {name: rid for name, rid in index.items() if rid is not None}


def known_id(names, label, name):
    """The record id that :func:`names_index` ``names`` gives ``name`` as a ``label``: as written
    (a case-sensitive name), else lowercased; None if it names none."""
    return names.get((label, name)) or names.get((label, name.lower()))


#: A token naming a metric at a cutoff: "Recall@30", "NDCG@k".
_AT_CUTOFF = re.compile(r"(?P<base>[^\W\d_][^@]*)@(?:\d+|[kKnN])")
#: The item a name of a series ends with: "1" of "ROUGE-1", "50" of "ResNet-50", "1" of "Hits@1".
_SERIES_HEAD = re.compile(r"(?<=[\-@])(?:\d{1,3}|[A-Za-z])$")
#: An item of a series after a slash: "2", "L", "101".
_SERIES_ITEM = re.compile(r"\d{1,3}|[A-Za-z]")
#: A model size after a hyphen ("-34B", "-XXL"): what a text must hold for :data:`_SIZED` to match a token.
_SIZE_SUFFIX = re.compile(r"-(?:\d+(?:\.\d+)?[BMK]|XXL|XL|Large|Base|Small|Tiny|Huge|Giant)")
#: One token that is a name and a model size after a hyphen: "CodeLlama-34B", "Qwen2.5-7B", "T5-XXL".
_SIZED = re.compile(rf"(?P<base>[^\W\d_][\w.+]*?){_SIZE_SUFFIX.pattern}")


def _cutoff_metrics(forms):
    """``{lowercased metric name: key}`` for metrics read at a cutoff: the base of each "@k" form
    ("recall" of "Recall@K": recall@k) and, where no "@k" form has it, each plain metric
    form ("hit rate": hit ratio; "MAP": mean average precision)."""
    at_k, plain = {}, {}
    for (_exact, key), names in sorted(forms.items()):
        if not key.startswith("Metric|"):
            continue
        for form in sorted(names):
            m = _AT_CUTOFF.fullmatch(form)
            if m is not None:
                if not form[-1].isdigit():  # "Recall@K", not "mAP@50" (an IoU threshold)
                    at_k.setdefault(m.group("base").lower(), key)
            else:
                plain.setdefault(form.lower(), key)
    return {**plain, **at_k}


def _exact_orths(tokens):
    """The token ids a case-sensitive name must match, None where any case will do: in a name
    with an acronym, its plain words ("CLIP Score" is also "CLIP score", "GPT-4 Turbo" "GPT-4
    turbo"); the acronym keeps the name apart from ordinary words. In one without ("Stable
    Diffusion"), every word as written."""
    if not any(map(_ACRONYM_TOKEN.fullmatch, tokens)):
        return tuple(get_string_id(t) for t in tokens)
    return tuple(None if _PLAIN_WORD.fullmatch(t) else get_string_id(t) for t in tokens)


_ACRONYM_TOKEN = re.compile(r"[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*")  # two capitals: "CLIP", "GPT", "ViT"
_PLAIN_WORD = re.compile(r"[A-Z]?[a-z]{2,}")


@functools.lru_cache(maxsize=2)  # the matcher and the canonicalizer ask for the same records' forms
def name_forms(records):
    """``{(exact?, "label|id"): forms}`` of a tuple of ``records`` (each name's :func:`variants`,
    grouped by whether it matches case-sensitively, :func:`is_exact_name`), and the keys with a
    lowercase name. Shared: read it, do not change it."""
    forms, lowercase_ok = {}, set()
    for rec in records:
        key = f"{rec.label}|{rec.id}"
        for name in (rec.canonical, *rec.aliases):
            if name.islower() or not any(c.isalpha() for c in name):
                lowercase_ok.add(key)
            forms.setdefault((is_exact_name(name), key), set()).update(variants(name))
    return forms, lowercase_ok


class _Trie:
    """Names as sequences of lowercased tokens, one dict per token (keyed by the id of its text, as
    spaCy's ``LOWER`` attribute is). ``_END`` holds what ends at a node: ``(key, orths)`` pairs,
    ``orths`` being the token ids a case-sensitive name must also match (``None`` for a word that
    may take any case, :func:`_exact_orths`), ``None`` for a case-insensitive name. One walk over a
    doc's lowercased tokens finds both kinds."""

    def __init__(self, root=None):
        self.root = {} if root is None else root

    def add(self, tokens, key, *, exact=False):
        node = self.root
        for token in tokens:
            word = get_string_id(token.lower())
            child = node.get(word)
            if child is None:
                child = node[word] = {}
            node = child
        entry = (key, _exact_orths(tokens) if exact else None)
        ends = node.setdefault(_END, [])
        if entry not in ends:
            ends.append(entry)

    def find(self, lowers, orths):
        """Yield ``(key, start, end, exact)`` for every name in a doc of token ids ``lowers`` (its
        ``LOWER`` attribute) and ``orths`` (its ``ORTH``), overlapping ones included."""
        root, n = self.root, len(lowers)
        for start in [i for i, word in enumerate(lowers) if word in root]:  # most tokens start no name
            node, end = root[lowers[start]], start + 1
            while node is not None:
                for key, exact in node.get(_END, ()):
                    if exact is None:
                        yield key, start, end, False
                    elif (tuple(orths[start:end]) == exact if None not in exact
                          else all(e is None or e == o for e, o in zip(exact, orths[start:end]))):
                        yield key, start, end, True
                if end == n:
                    break
                node, end = node.get(lowers[end]), end + 1


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
    record drives both matching and normalisation. Names match as token sequences, the same tokens
    spaCy's tokenizer gives the name on its own, case-sensitively or not (:func:`is_exact_name`), in
    one :class:`_Trie`.
    """

    def __init__(self, nlp, name="kg_gazetteer", *, spans_key=GAZETTEER_KEY, records=()):
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.set_records(records)

    @staticmethod
    def _forms(records):
        """:func:`name_forms` of ``records``."""
        return name_forms(tuple(records))

    @classmethod
    def strings(cls, records, forms=None):
        """Every string the matcher tokenizes for ``records`` (or their ``forms``, from
        :meth:`_forms`): the forms, and the case-insensitive ones lowercased."""
        if forms is None:
            forms, _ = cls._forms(records)
        out = set()
        for (exact, _key), names in forms.items():
            out.update(names)
            if not exact:
                # tokenization can depend on case ("ImageNet-1K" -> "ImageNet-1", "K"; "imagenet-1k" one token)
                out.update(f.lower() for f in names)
        return out

    def set_records(self, records):
        """(Re)build the matcher for ``records``: from the shipped index when it was made for them and
        this tokenizer (:func:`current_index`), else from scratch (:func:`build_index`)."""
        self.records = list(records)
        self.by_key = {f"{rec.label}|{rec.id}": rec for rec in self.records}
        index = current_index(self.records, self.nlp.tokenizer) or build_index(self.records, self.nlp.tokenizer)
        self.trie = _Trie(index["trie"])
        self.lowercase_ok = frozenset(index["lowercase_ok"])
        self.cutoff_metrics = index["cutoff_metrics"]
        self.names = index["names"]

    def matches(self, doc):
        """Yield ``(key, start, end, exact)`` for every name in ``doc`` (overlapping ones included),
        before :meth:`__call__`'s checks."""
        if not len(doc):
            return
        ids = doc.to_array([LOWER, ORTH])
        yield from self.trie.find(ids[:, 0].tolist(), ids[:, 1].tolist())

    def cutoff_matches(self, doc):
        """Yield ``(key, start, end)`` for each ranking metric at a cutoff the gazetteer does not list
        ("Recall@30", "Hit Rate@30"): the metric's "@k" record, else the metric itself."""
        for i, token in enumerate(doc):
            m = _AT_CUTOFF.fullmatch(token.text)
            if m is None:
                continue
            for start in range(max(0, i - 3), i + 1):  # the longest name first
                name = "".join(t.text_with_ws for t in doc[start:i]) + m.group("base")
                key = self.cutoff_metrics.get(name.lower())
                if key is not None:
                    yield key, start, i + 1
                    break

    def series_matches(self, doc, spans):
        """Yield a span for each item of a series that a listed name starts ("ROUGE-1/2/L": ROUGE-2
        on "2", ROUGE-L on "L"; "ResNet-50/101"; "Hits@1/3/10"), where the name with the item
        in place of its number is one of the same label."""
        for span in spans:
            j = span.end
            m = _SERIES_HEAD.search(doc[j - 1].text) if j + 1 < len(doc) and doc[j].text == "/" else None
            if m is None:
                continue
            stem = span.text[: len(span.text) - len(m.group(0))]
            while (j + 1 < len(doc) and doc[j].text == "/" and not doc[j - 1].whitespace_ and not doc[j].whitespace_
                   and _SERIES_ITEM.fullmatch(doc[j + 1].text)):
                rid = self._series_id(span.label_, stem, doc[j + 1].text)
                if rid is None:
                    break
                yield Span(doc, j + 1, j + 2, label=span.label_, span_id=rid)
                j += 2

    def _series_id(self, label, stem, item):
        """The record id of ``stem + item`` as a name of ``label`` ("ROUGE-" and "L": rouge-l), or None."""
        name = stem + item
        rid = known_id(self.names, label, name)
        if rid is None and label == "Metric" and stem.endswith("@") and item.isdigit():
            key = self.cutoff_metrics.get(stem[:-1].lower())  # "F1@5/10": the "@k" record
            rid = key.partition("|")[2] if key else None
        return rid

    def sized_matches(self, doc):
        """Yield ``(key, i)`` for each token ``i`` that is a known method and a size ("CodeLlama-34B":
        Code Llama; "Llama-2-7B" is listed, and matched as a name of its own). A size is a distinct
        entity, as "ResNet-50" is not "ResNet-101", so the match only gives the token its label."""
        for i, token in enumerate(doc):
            m = _SIZED.fullmatch(token.text) if "-" in token.text else None
            if m is None:
                continue
            base = m.group("base")
            node = self.trie.root.get(get_string_id(base.lower()))
            for key, exact in node.get(_END, ()) if node is not None else ():
                if exact is None or exact[0] in (None, get_string_id(base)):
                    yield key, i
                    break

    def __call__(self, doc):
        spans = []
        for key, start, end, exact in self.matches(doc):
            rec = self.by_key[key]
            if not exact and key not in self.lowercase_ok and _all_lower(doc[start:end]):
                continue  # "complex" is not ComplEx, "records" not ReCoRD
            if hyphen_attached(doc, start):
                continue  # the tail of a compound name: "LS-GAN" is not GAN, "non-causal inference" not causal inference
            spans.append(Span(doc, start, end, label=rec.label, span_id=rec.id))
        text = doc_text(doc)
        if "@" in text:  # after the listed names, which win a tie ("mAP@50" is listed)
            spans.extend(Span(doc, start, end, label="Metric", span_id=self.by_key[key].id)
                         for key, start, end in self.cutoff_matches(doc))
        if "/" in text:  # "ROUGE-1/2/L"
            spans.extend(list(self.series_matches(doc, spans)))
        doc.spans[self.spans_key] = spans = filter_spans(spans)
        sized = []
        if _SIZE_SUFFIX.search(text):  # a look at each token only where one may be a sized name
            listed = {i for span in spans for i in range(span.start, span.end)}
            sized = [Span(doc, i, i + 1, label="Method") for key, i in self.sized_matches(doc)
                     if i not in listed and self.by_key[key].label == "Method"]
        doc.spans[VARIANTS_KEY] = sized
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

