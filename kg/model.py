"""Plain records passed between the stages: a :class:`Paper` and the :class:`Mention` s found in it."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, fields

__all__ = [
    "LABELS",
    "FIELDS",
    "MENTION_FIELDS",
    "SPLIT_WORDS",
    "Mention",
    "Paper",
    "normalise_title",
    "paper_key",
    "slugify",
    "strip_type_noun",
]

#: Entity labels, in the order used for summaries.
LABELS = ("Method", "Dataset", "Metric", "Task")
#: The text fields of a paper that extraction reads.
FIELDS = ("title", "abstract")


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention in one field of a paper.

    ``start``/``end`` are character offsets into the field exactly as given in
    the input (``paper.abstract[start:end] == text``); ``sentence_start`` and
    ``sentence_end`` delimit the evidence sentence in the same field.

    A metric's ``results`` are the values the sentence states for it, in order, each with the id
    of the dataset it was measured on or None: ``(("82.4%", "dataset:imagenet"), ("91.0%",
    "dataset:cifar-100"))`` for "a top-1 accuracy of 82.4% and 91.0% on ImageNet and CIFAR-100";
    ``value`` and ``value_dataset`` are the first of them (either may be given; the other follows).
    ``change`` marks values stated as a change against a baseline or another setting ("improves
    BLEU by 1.9", "20.7% higher accuracy", "+0.4 mAP") rather than as scores.

    >>> m = Mention("mIoU", "Metric", 0, 4, "abstract", "mIoU", "metric:miou", 0, 30, "gazetteer", 1.0,
    ...             value="71.8%", value_dataset="dataset:cityscapes")
    >>> m.results
    (('71.8%', 'dataset:cityscapes'),)
    """

    text: str
    label: str
    start: int
    end: int
    field: str
    canonical: str
    entity_id: str
    sentence_start: int
    sentence_end: int
    source: str
    confidence: float
    proposed: bool = False
    value: str | None = None
    value_dataset: str | None = None
    results: tuple[tuple[str, str | None], ...] = ()
    change: bool = False

    def __post_init__(self):
        if self.results:
            if (self.value, self.value_dataset) != self.results[0]:
                object.__setattr__(self, "value", self.results[0][0])
                object.__setattr__(self, "value_dataset", self.results[0][1])
        elif self.value is not None:
            object.__setattr__(self, "results", ((self.value, self.value_dataset),))

    def to_dict(self, paper=None):
        """Return the mention as a JSON-ready dict; with ``paper``, add the evidence sentence.
        ``results`` become ``[{"value", "dataset", "change"}, ...]``."""
        out = {name: getattr(self, name) for name in MENTION_FIELDS}  # asdict() deep-copies: slow
        out["results"] = [{"value": value, "dataset": dataset, "change": self.change} for value, dataset in self.results]
        if paper is not None:
            out["sentence"] = paper.field_text(self.field)[self.sentence_start : self.sentence_end]
        return out


#: The field names of :class:`Mention`, in order (its JSON keys and the extraction cache's columns).
MENTION_FIELDS = tuple(f.name for f in fields(Mention))


@dataclass(slots=True)
class Paper:
    """A paper: its text, its metadata and (after extraction) its mentions."""

    key: str
    title: str
    abstract: str
    input_id: str | None = None
    arxiv_id: str | None = None
    url: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    sources: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def id(self):
        """The id reported to users: the input's own id where it had one, else the stable key."""
        return self.input_id or self.key

    @property
    def node_id(self):
        """The paper's node id in the graph."""
        return f"paper:{self.key}"

    def field_text(self, name):
        """The text of field ``name`` (``"title"`` or ``"abstract"``)."""
        if name == "title":
            return self.title
        if name == "abstract":
            return self.abstract
        raise ValueError(f"unknown field {name!r}")

    def to_record(self, *, full=True):
        """Return the paper as a JSON-ready dict (the ``kg extract`` contract, plus metadata if ``full``)."""
        out = {"id": self.id, "title": self.title}
        if full:
            out.update(
                key=self.key,
                abstract=self.abstract,
                arxiv_id=self.arxiv_id,
                url=self.url,
                date=self.date,
                authors=list(self.authors),
                categories=list(self.categories),
                sources=list(self.sources),
            )
        out["entities"] = [m.to_dict(self) for m in self.mentions]
        return out


_NON_WORD = re.compile(r"[^\w]+")


def normalise_title(title):
    """Fold a title for duplicate detection: NFKC, case-folded, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return _NON_WORD.sub(" ", text).strip()


def slugify(text, max_len=60):
    """Turn ``text`` into a lowercase ASCII slug usable in ids and IRIs (may be empty)."""
    text = unicodedata.normalize("NFKD", text)
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9.+]+", "-", text).strip("-.")
    return text[:max_len].rstrip("-.")


def _digest(text, n=8):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def paper_key(*, arxiv_id=None, title="", abstract=""):
    """The stable key of a paper: its arXiv id, else a slug of its title plus a short hash.

    The hash is of the normalised title, so the same title always gives the same key;
    a paper without a title is keyed by a hash of its abstract.
    """
    if arxiv_id:
        return "arxiv-" + arxiv_id
    norm = normalise_title(title)
    if norm:
        return f"{slugify(norm, 48) or 'paper'}-{_digest(norm)}"
    return f"untitled-{_digest(' '.join(abstract.split()), 12)}"


#: Evaluation splits named after a dataset ("CTB test set"): part of a mention's span, not of the
#: entity. Training sets are left out: the annotated corpora give no evidence for them.
SPLIT_WORDS = frozenset("test dev development validation evaluation".split())
_TYPE_NOUN = re.compile(rf"\s+(?:(?:{'|'.join(sorted(SPLIT_WORDS))})\s+sets?|data\s?sets?|benchmarks?|corpus|"
                        r"corpora|databases?|(?-i:data))$", re.IGNORECASE)


def strip_type_noun(text):
    """A dataset's name without a trailing "dataset"/"benchmark"/"corpus" ("TAC 2008 data set" → "TAC 2008").

    >>> strip_type_noun("KIT-ML dataset"), strip_type_noun("Penn Treebank"), strip_type_noun("dataset")
    ('KIT-ML', 'Penn Treebank', 'dataset')
    >>> strip_type_noun("CTB test set"), strip_type_noun("test set")
    ('CTB', 'test set')
    >>> strip_type_noun("COCO data"), strip_type_noun("Open Data")
    ('COCO', 'Open Data')
    """
    return _TYPE_NOUN.sub("", text) or text
