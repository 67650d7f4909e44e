"""Annotated entity corpora: loading, the deterministic train/dev/test split, and scoring.

The corpora (``data/*.jsonl``) hold one unit of text per line::

    {"id": str, "title": str, "text": str,
     "entities": [{"start": int, "end": int, "text": str, "label": str}]}

An entity may carry ``"field": "title"``: its offsets are then into the title (corpora
whose titles are annotated, like ``data/modern_abstracts.jsonl``); otherwise they are into
the text.

Scoring compares *predicted* entities with *gold* ones, both given as dicts with at
least ``start``, ``end``, ``label`` and ``text`` (predictions may also carry a
``canonical`` name or an ``entity_id``). All functions here are pure.

Two views are scored:

* **mention level** -- every span in every unit. *Strict*: same ``(start, end, label)``.
  *Lenient*: a prediction is correct if it overlaps a gold span of the same label, and a
  gold span is found if a prediction of the same label overlaps it (precision and recall
  are counted separately, so one long prediction covering two gold spans counts once in
  precision and twice in recall).
* **paper level** -- per unit, the *set of entities* (label + name). Names are compared
  by :func:`entity_keys`: NFKC, case-folded, hyphens/spaces unified, last word singular
  (the extractor's own :func:`kg.extract.normalize.fold`), plus two relaxations: a
  trailing type word is optional ("COCO dataset" = "COCO", "BLEU score" = "BLEU"), and a
  "Long Form (LF)" name stands for either part. Mentions of one unit whose keys overlap
  form one entity; a predicted entity is correct if it shares a key with a gold entity of
  the same label (and vice versa for recall). Predictions carrying a canonical name or id
  are grouped by it and also match through the canonical name.
"""

import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path

from .errors import KgError
from .extract.normalize import fold
from .model import LABELS

__all__ = [
    "GENERIC_SINGLE_WORD",
    "doc_entities",
    "unit_entities",
    "entity_keys",
    "entity_sets",
    "generic_exceptions",
    "is_generic",
    "load_corpus",
    "named_view",
    "prf",
    "score_all",
    "score_mentions",
    "score_papers",
    "split",
    "split_of",
]

#: Default split shares (percent of units): train, dev; the rest is the held-back test part.
SPLIT = (70, 10)

# A single lower-case word (hyphenated words count as one): "training", "pooling", "re-ranking".
GENERIC_SINGLE_WORD = re.compile(r"^[a-z]+(?:-[a-z]+)*$")

# Type words that may trail a name without changing the entity ("COCO dataset").
_TYPE_WORDS = re.compile(
    r"\s+(?:data\s*sets?|datasets?|corpus|corpora|benchmarks?|test\s+sets?|dev\s+sets?|"
    r"scores?|metrics?|tasks?|problems?)$",
    re.IGNORECASE,
)
_LONG_SHORT = re.compile(r"^(?P<long>.*\S)\s*\(\s*(?P<short>[^()]*\S)\s*\)$")


def load_corpus(path):
    """Read an annotated corpus (JSON Lines) and check every entity's offsets.

    Raises :class:`~kg.errors.KgError` naming the file and line on malformed input.
    """
    path = Path(path)
    records = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise KgError(f"cannot read corpus ({exc.strerror})", path=path) from None
    with fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                text = rec["text"]
                ents = rec["entities"]
                rec_id = rec["id"]
                title = rec.get("title", "")
                for ent in ents:
                    field = ent.get("field", "text")
                    if field not in ("text", "title"):
                        raise ValueError(f"unknown field {field!r}")
                    if (title if field == "title" else text)[ent["start"] : ent["end"]] != ent["text"]:
                        raise ValueError(f"entity {ent['text']!r} does not match its offsets")
                    if ent["label"] not in LABELS:
                        raise ValueError(f"unknown label {ent['label']!r}")
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise KgError(f"bad corpus record ({exc}); expected id/text/entities", path=path, line=number) from None
            records.append({"id": str(rec_id), "title": title, "text": text, "entities": ents})
    return records


def split_of(unit_id, *, seed="kg", shares=SPLIT):
    """The part (``"train"``, ``"dev"`` or ``"test"``) a unit belongs to, from a hash of its id.

    >>> [split_of(f"u{i}") for i in range(8)]
    ['train', 'train', 'test', 'train', 'train', 'train', 'train', 'test']
    """
    bucket = int(hashlib.sha1(f"{seed}:{unit_id}".encode("utf-8")).hexdigest()[:8], 16) % 100
    if bucket < shares[0]:
        return "train"
    if bucket < shares[0] + shares[1]:
        return "dev"
    return "test"


def split(records, *, seed="kg", shares=SPLIT):
    """Split records into ``{"train", "dev", "test"}`` by :func:`split_of`, keeping input order.

    The split depends only on each record's id, so adding records never moves others.
    """
    parts = {"train": [], "dev": [], "test": []}
    for rec in records:
        parts[split_of(rec["id"], seed=seed, shares=shares)].append(rec)
    return parts


def is_generic(text, label, known=frozenset()):
    """Is this gold/predicted name a generic mention rather than a named entity?

    The rule: a single lower-case word without digits ("training", "pooling", "encoder",
    "performance", "datasets") is generic, unless its folded form is in ``known`` (names
    the gazetteer lists, such as "accuracy" or "parsing"). ``label`` is accepted so the
    rule can differ by label later; today it does not.

    >>> is_generic("training", "Task"), is_generic("ImageNet", "Dataset"), is_generic("F1", "Metric")
    (True, False, False)
    >>> is_generic("accuracy", "Metric", known={"accuracy"}), is_generic("object detection", "Task")
    (False, False)
    """
    del label
    return bool(GENERIC_SINGLE_WORD.match(text.strip())) and fold(text) not in known


def generic_exceptions(names):
    """The folded forms of the ``names`` that the generic rule would catch: pass them as ``known``.

    Only names that are themselves one lower-case word count, so a gazetteer's "DROP" or
    "ALIGN" does not make the common words "drop" and "align" specific.

    >>> sorted(generic_exceptions(["accuracy", "DROP", "ImageNet", "super-resolution"]))
    ['accuracy', 'super resolution']
    """
    return frozenset(fold(n) for n in names if GENERIC_SINGLE_WORD.match(n.strip()))


def named_view(entities, known=frozenset()):
    """Keep only the entities that are not generic (see :func:`is_generic`)."""
    return [e for e in entities if not is_generic(e["text"], e["label"], known)]


def entity_keys(name):
    """The folded names under which an entity name matches another at paper level.

    >>> sorted(entity_keys("statistical machine translation (SMT)"))
    ['smt', 'statistical machine translation', 'statistical machine translation (smt)']
    >>> sorted(entity_keys("COCO datasets")), sorted(entity_keys("F1-scores"))
    (['coco', 'coco dataset'], ['f1', 'f1 score'])
    """
    name = name.strip()
    keys = set()
    parts = [name]
    m = _LONG_SHORT.match(name)
    if m:
        parts += [m.group("long"), m.group("short")]
    for part in parts:
        for form in (part, _TYPE_WORDS.sub("", re.sub(r"[-\s]+", " ", part))):
            key = fold(form)
            if key:
                keys.add(key)
    return keys


def entity_sets(entities):
    """Group one unit's entities into paper-level entities: ``{label: [set of keys, ...]}``.

    Entities sharing a key (or a ``canonical``/``entity_id``) form one entity.

    >>> sets = entity_sets([{"text": "CNNs", "label": "Method"}, {"text": "CNN", "label": "Method"},
    ...                     {"text": "LSTM", "label": "Method"}])
    >>> sorted(sorted(k) for k in sets["Method"])
    [['cnn'], ['lstm']]
    """
    groups = defaultdict(list)  # label -> list of (ids, keys)
    for ent in entities:
        keys = set(entity_keys(ent["text"]))
        ids = {ent["entity_id"]} if ent.get("entity_id") else set()
        if ent.get("canonical"):
            keys |= entity_keys(ent["canonical"])
        merged_ids, merged_keys, rest = set(ids), set(keys), []
        for g_ids, g_keys in groups[ent["label"]]:
            if g_keys & merged_keys or g_ids & merged_ids:
                merged_ids |= g_ids
                merged_keys |= g_keys
            else:
                rest.append((g_ids, g_keys))
        rest.append((merged_ids, merged_keys))
        groups[ent["label"]] = rest
    return {label: [keys for _, keys in groups[label]] for label in sorted(groups)}


def prf(tp_p, n_pred, tp_r, n_gold):
    """Precision, recall and F1 from counts (``tp_p`` correct predictions, ``tp_r`` found gold).

    >>> prf(3, 4, 3, 6)
    {'p': 0.75, 'r': 0.5, 'f': 0.6, 'n_pred': 4, 'n_gold': 6}
    """
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "n_pred": n_pred, "n_gold": n_gold}


def _table(counts, labels):
    """Per-label and micro P/R/F1 from ``{label: [tp_p, n_pred, tp_r, n_gold]}``."""
    out = {label: prf(*counts[label]) for label in labels}
    out["micro"] = prf(*(sum(counts[label][i] for label in labels) for i in range(4)))
    return out


def score_mentions(gold_docs, pred_docs, *, labels=LABELS, lenient=False):
    """Mention-level P/R/F1 per label and micro over parallel lists of entity lists.

    Only entities whose label is in ``labels`` count (TDMSci has no Method, so score it
    with ``labels=("Dataset", "Metric", "Task")``). Spans are compared within their
    ``field`` (``"text"`` unless an entity says ``"title"``).

    >>> gold = [[{"start": 0, "end": 8, "label": "Dataset"}, {"start": 20, "end": 24, "label": "Metric"}]]
    >>> pred = [[{"start": 0, "end": 8, "label": "Dataset"}, {"start": 18, "end": 24, "label": "Metric"}]]
    >>> score_mentions(gold, pred, labels=("Dataset", "Metric"))["micro"]["f"]
    0.5
    >>> score_mentions(gold, pred, labels=("Dataset", "Metric"), lenient=True)["micro"]["f"]
    1.0
    """
    if len(gold_docs) != len(pred_docs):
        raise ValueError("gold and predicted documents differ in number")
    counts = {label: [0, 0, 0, 0] for label in labels}
    for gold, pred in zip(gold_docs, pred_docs):
        for label in labels:
            g = sorted({(e.get("field", "text"), e["start"], e["end"]) for e in gold if e["label"] == label})
            p = sorted({(e.get("field", "text"), e["start"], e["end"]) for e in pred if e["label"] == label})
            if lenient:
                tp_p = sum(any(pf == gf and ps < ge and gs < pe for gf, gs, ge in g) for pf, ps, pe in p)
                tp_r = sum(any(pf == gf and ps < ge and gs < pe for pf, ps, pe in p) for gf, gs, ge in g)
            else:
                tp_p = tp_r = len(set(g) & set(p))
            c = counts[label]
            c[0] += tp_p
            c[1] += len(p)
            c[2] += tp_r
            c[3] += len(g)
    return _table(counts, labels)


def doc_entities(doc):
    """The entities of a processed spaCy ``Doc`` as scoring dicts (character offsets)."""
    return [
        {"start": e.start_char, "end": e.end_char, "text": e.text, "label": e.label_}
        for e in doc.ents
        if e.label_ in LABELS
    ]


def unit_entities(nlp, units, batch_size=64):
    """Entity lists of ``(title, text)`` units from a spaCy pipeline: text offsets, and the title's
    entities marked ``"field": "title"`` (an empty title gives none)."""
    out = [doc_entities(doc) for doc in nlp.pipe([text for _, text in units], batch_size=batch_size)]
    for ents, doc in zip(out, nlp.pipe([title for title, _ in units], batch_size=batch_size)):
        ents += [{**e, "field": "title"} for e in doc_entities(doc)]
    return out


def score_all(gold_docs, pred_docs, *, labels=LABELS, known=frozenset()):
    """Every view at once: ``strict``, ``lenient``, ``paper`` and ``paper_named`` tables.

    ``paper_named`` scores predictions against the gold set filtered by :func:`is_generic`
    (with ``known`` names kept): the closer proxy for a "named entities only" judgement.
    """
    named = [named_view(g, known) for g in gold_docs]
    return {
        "strict": score_mentions(gold_docs, pred_docs, labels=labels),
        "lenient": score_mentions(gold_docs, pred_docs, labels=labels, lenient=True),
        "paper": score_papers(gold_docs, pred_docs, labels=labels),
        "paper_named": score_papers(named, pred_docs, labels=labels),
    }


def score_papers(gold_docs, pred_docs, *, labels=LABELS):
    """Paper-level entity-set P/R/F1 per label and micro (see the module docstring).

    >>> gold = [[{"text": "Convolutional Neural Networks", "label": "Method"},
    ...          {"text": "CNNs", "label": "Method"}, {"text": "CIFAR-10", "label": "Dataset"}]]
    >>> pred = [[{"text": "convolutional neural network (CNN)", "label": "Method"},
    ...          {"text": "CIFAR-10 dataset", "label": "Dataset"}, {"text": "MNIST", "label": "Dataset"}]]
    >>> s = score_papers(gold, pred)
    >>> s["Method"]["f"], s["Dataset"]["p"], s["micro"]["r"]
    (1.0, 0.5, 1.0)
    """
    if len(gold_docs) != len(pred_docs):
        raise ValueError("gold and predicted documents differ in number")
    counts = {label: [0, 0, 0, 0] for label in labels}
    for gold, pred in zip(gold_docs, pred_docs):
        g_sets = entity_sets([e for e in gold if e["label"] in labels])
        p_sets = entity_sets([e for e in pred if e["label"] in labels])
        for label in labels:
            g = g_sets.get(label, [])
            p = p_sets.get(label, [])
            c = counts[label]
            c[0] += sum(any(pk & gk for gk in g) for pk in p)
            c[1] += len(p)
            c[2] += sum(any(pk & gk for pk in p) for gk in g)
            c[3] += len(g)
    return _table(counts, labels)
