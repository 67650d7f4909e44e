"""Train the statistical entity recogniser shipped in ``kg/models/ner`` (tokenizer + tok2vec + ner).

Usage::

    python scripts/train_ner.py                 # train and write kg/models/ner, print dev scores
    python scripts/train_ner.py --out /tmp/ner  # somewhere else
    python scripts/train_ner.py --no-save --acronyms split   # an experiment

Data: the train parts of ``data/scirex_abstracts.jsonl``, ``data/tdmsci_sentences.jsonl`` and
``data/modern_abstracts.jsonl`` (the project's own annotation of recent abstracts, titles as
separate texts; ``--no-modern`` leaves it out) (split by :func:`kg.corpus.split`; the test
parts are never read here, the dev parts only to pick the best epoch and report). The
corpora's conventions are reconciled first (the modern one already follows the extractor's):

* generic mentions (:func:`kg.corpus.is_generic`: one lower-case word that the gazetteer
  does not list, e.g. "training", "pooling", "encoder") become *outside* tokens, so the
  model learns not to propose them;
* span noise is trimmed: leading/trailing punctuation and hyphens ("-shot" -> "shot"),
  spans that then fail the generic rule are dropped;
* acronyms: SciREX splits "Long Form (LF)" into two mentions, TDMSci keeps one span;
  ``--acronyms`` picks one convention for both (default: the one measured best, see
  README.md ("Evaluation"));
* silver labels (``--silver``, off by default: dev objective at most 0.528 in 19 epochs against
  0.534 without, within run-to-run noise, see README.md): gazetteer names (:mod:`kg.extract.gazetteer`, as the extractor
  matches them) that overlap no annotated span become entities of their record's label, where
  the corpus annotates that label: annotators skip some mentions of well-known names ("PASCAL
  VOC", "CelebA", "beam search"), and an unmarked name would teach the model that it is none;
* augmentation (``--augment N``): N extra copies of every training unit in which each
  non-generic entity is, with probability 1/2, replaced by another name of the same label
  (from the training spans and the gazetteer), so the model learns contexts, not names.

Training is a plain ``nlp.update`` loop on CPU with a fixed seed; the epoch with the best
dev score (mean of SciREX named paper-level F1, TDMSci strict F1 and modern paper-level F1) is kept.
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402
from spacy.matcher import PhraseMatcher  # noqa: E402
from spacy.training import Example  # noqa: E402
from thinc.api import Adam  # noqa: E402
from spacy.util import filter_spans, fix_random_seed, minibatch  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from kg.corpus import generic_exceptions, is_generic, load_corpus, score_all, split, unit_entities  # noqa: E402

LABELS = ("Method", "Dataset", "Metric", "Task")
TDMSCI_LABELS = ("Dataset", "Metric", "Task")
SCIREX = ROOT / "data" / "scirex_abstracts.jsonl"
TDMSCI = ROOT / "data" / "tdmsci_sentences.jsonl"
MODERN = ROOT / "data" / "modern_abstracts.jsonl"
SCIREX_GUIDELINE = ROOT / "data" / "scirex_guideline.jsonl"
GAZETTEER = ROOT / "kg" / "data" / "gazetteer"

CONFIG = """
[nlp]
lang = "en"
pipeline = ["tok2vec","ner"]
batch_size = 64

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = ${components.tok2vec.model.encode.width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [5000,1000,2500,2500]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = {window}
maxout_pieces = {pieces}

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {hidden}
maxout_pieces = 2
use_upper = {upper}
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}
upstream = "*"
"""

_PUNCT = r"[\s\-–—_,;:.!?\"'“”‘’+/(]"
_LEAD, _TRAIL = re.compile("^" + _PUNCT + "+"), re.compile(_PUNCT + "+$")


def known_names(directory=GAZETTEER):
    """Folded names (canonical and aliases) of every gazetteer record: the non-generic single words."""
    names = {}
    for path in sorted(Path(directory).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                for name in (rec["canonical"], *rec.get("aliases", ())):
                    names.setdefault(rec["label"], set()).add(name)
    return names


def gazetteer_digest(directory=GAZETTEER):
    """SHA-1 of the gazetteer files the model was trained with (they feed the generic rule and augmentation)."""
    digest = hashlib.sha1()
    for path in sorted(Path(directory).glob("*.jsonl")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def clean_entities(text, ents, known):
    """Trim edge punctuation, drop generic and empty spans, resolve overlaps (longest first).

    >>> text = "few-shot training on CIFAR-10"
    >>> [e["text"] for e in clean_entities(text, [{"start": 3, "end": 8, "label": "Dataset"},
    ...     {"start": 9, "end": 17, "label": "Task"}, {"start": 21, "end": 29, "label": "Dataset"}], set())]
    ['CIFAR-10']
    """
    out = []
    for e in ents:
        s, t = e["start"], e["end"]
        lead = _LEAD.match(text[s:t])
        s += lead.end() if lead else 0
        trail = _TRAIL.search(text[s:t])
        t -= len(trail.group()) if trail else 0
        if t - s < 1 or is_generic(text[s:t], e["label"], known):
            continue
        out.append({"start": s, "end": t, "text": text[s:t], "label": e["label"]})
    out.sort(key=lambda e: (e["start"], -(e["end"] - e["start"])))
    kept, last_end = [], -1
    for e in out:
        if e["start"] >= last_end:
            kept.append(e)
            last_end = e["end"]
    return kept


_PAREN = re.compile(r"^(?P<long>.*\S)\s*\(\s*(?P<short>[^()]*\S)\s*\)$")


def convert_acronyms(text, ents, mode):
    """Rewrite "Long Form (LF)" mentions to one convention: ``split`` (two spans) or ``joined`` (one).

    >>> text = "statistical machine translation (SMT) is hard"
    >>> two = [{"start": 0, "end": 31, "label": "Task"}, {"start": 33, "end": 36, "label": "Task"}]
    >>> [e["text"] for e in convert_acronyms(text, two, "joined")]
    ['statistical machine translation (SMT)']
    >>> one = convert_acronyms(text, two, "joined")
    >>> [(e["start"], e["end"], e["text"]) for e in convert_acronyms(text, one, "split")]
    [(0, 31, 'statistical machine translation'), (33, 36, 'SMT')]
    """
    if mode == "split":
        out = []
        for e in ents:
            m = _PAREN.match(e["text"])
            if m:
                s = e["start"]
                out.append({**e, "end": s + m.end("long"), "text": m.group("long")})
                out.append({**e, "start": s + m.start("short"), "end": s + m.end("short"), "text": m.group("short")})
            else:
                out.append(e)
        return out
    out, i = [], 0
    while i < len(ents):
        a = ents[i]
        if i + 1 < len(ents):
            b = ents[i + 1]
            between = text[a["end"] : b["start"]]
            after = text[b["end"] : b["end"] + 2]
            if a["label"] == b["label"] and between.strip() == "(" and after.lstrip().startswith(")"):
                end = b["end"] + after.index(")") + 1
                out.append({"start": a["start"], "end": end, "text": text[a["start"] : end], "label": a["label"]})
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def add_silver(pairs, matcher, labels):
    """Add the gazetteer's matches that overlap no annotated span, as entities of the listed ``labels``.

    ``matcher`` is a :class:`kg.extract.gazetteer.GazetteerMatcher`; returns new ``(text, entities)`` pairs.
    """
    out = []
    for text, ents in pairs:
        doc = matcher(matcher.nlp.make_doc(text))
        extra = [{"start": s.start_char, "end": s.end_char, "text": s.text, "label": s.label_}
                 for s in doc.spans[matcher.spans_key]
                 if s.label_ in labels and not any(e["start"] < s.end_char and s.start_char < e["end"] for e in ents)]
        out.append((text, sorted(ents + extra, key=lambda e: (e["start"], e["end"]))) if extra else (text, ents))
    return out


def prepare(records, known, acronyms):
    """Cleaned ``(text, entities)`` pairs of the records, in the chosen acronym convention.

    A record with annotated title entities (``"field": "title"``) gives two pairs, its title and its text.
    """
    pairs = []
    for r in records:
        title_ents = [e for e in r["entities"] if e.get("field") == "title"]
        fields = [(r["title"], title_ents)] if title_ents else []
        fields.append((r["text"], [e for e in r["entities"] if e.get("field", "text") == "text"]))
        pairs += [(text, convert_acronyms(text, clean_entities(text, ents, known), acronyms)) for text, ents in fields]
    return pairs


def augment(pairs, pool, copies, rng):
    """``copies`` extra versions of each pair with entities swapped for same-label names from ``pool``."""
    out = []
    for _ in range(copies):
        for text, ents in pairs:
            if not ents:
                continue
            pieces, new_ents, pos, length = [], [], 0, 0
            for e in ents:
                name = e["text"]
                if rng.random() < 0.5 and pool.get(e["label"]):
                    name = rng.choice(pool[e["label"]])
                pieces.append(text[pos : e["start"]])
                length += e["start"] - pos
                new_ents.append({"start": length, "end": length + len(name), "text": name, "label": e["label"]})
                pieces.append(name)
                length += len(name)
                pos = e["end"]
            pieces.append(text[pos:])
            out.append(("".join(pieces), new_ents))
    return out


def to_examples(nlp, pairs, unknown=None):
    """spaCy training examples; spans not on token boundaries are widened to them.

    ``unknown`` (a PhraseMatcher) marks matches outside the gold spans as *missing*
    rather than *outside*: TDMSci does not annotate methods, so a method name there is
    not evidence that it is no entity.
    """
    examples = []
    for text, ents in pairs:
        ref = nlp.make_doc(text)
        spans = []
        for e in ents:
            span = ref.char_span(e["start"], e["end"], label=e["label"], alignment_mode="expand")
            if span is not None:
                spans.append(span)
        spans = filter_spans(spans)
        missing = []
        if unknown is not None:
            covered = {i for sp in spans for i in range(sp.start, sp.end)}
            missing = [ref[a:b] for _, a, b in unknown(ref) if not covered & set(range(a, b))]
            missing = filter_spans(missing)
        ref.set_ents(spans, missing=missing)
        examples.append(Example(nlp.make_doc(text), ref))
    return examples


def method_matcher(nlp, names):
    """A case-sensitive PhraseMatcher over method names (their exact spelling)."""
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("Method", [nlp.make_doc(n) for n in sorted(names)])
    return matcher


def evaluate(nlp, dev, known):
    """Dev scores of ``nlp`` on ``{"scirex": records, "tdmsci": records, "modern": records}`` (gold as
    annotated; modern titles are annotated, so they are predicted too)."""
    out = {}
    for name, labels in (("scirex", LABELS), ("tdmsci", TDMSCI_LABELS), ("modern", LABELS)):
        records = dev.get(name)
        if not records:
            continue
        preds = unit_entities(nlp, [(r["title"] if name == "modern" else "", r["text"]) for r in records])
        out[name] = score_all([r["entities"] for r in records], preds, labels=labels, known=known)
    return out


def objective(scores):
    """The model-selection score: mean of SciREX named paper-level F1, TDMSci strict F1 and, when the
    modern corpus is there, its paper-level F1."""
    parts = [scores["scirex"]["paper_named"]["micro"]["f"], scores["tdmsci"]["strict"]["micro"]["f"]]
    if "modern" in scores:
        parts.append(scores["modern"]["paper"]["micro"]["f"])
    return sum(parts) / len(parts)


def train(args):
    fix_random_seed(args.seed)
    rng = random.Random(args.seed)
    gaz = known_names(args.gazetteer_dir) if args.gazetteer else {}
    known = generic_exceptions(n for names in gaz.values() for n in names)
    if args.no_generic_filter:
        known = None
    scirex = split(load_corpus(SCIREX))
    tdmsci = split(load_corpus(TDMSCI))
    modern = split(load_corpus(MODERN)) if args.modern and MODERN.exists() else {"train": [], "dev": []}

    def prep(records):
        if known is None:
            return [(r["text"], convert_acronyms(r["text"], r["entities"], args.acronyms)) for r in records]
        return prepare(records, known, args.acronyms)

    if args.scirex_labels == "guideline":
        # the same train abstracts, annotated to data/GUIDELINE.md (the extractor's convention)
        train_ids = {r["id"] for r in scirex["train"]}
        relabelled = [r for r in load_corpus(SCIREX_GUIDELINE) if r["id"] in train_ids]
        assert len(relabelled) == len(train_ids), "data/scirex_guideline.jsonl must cover the SciREX train part"
        scirex_pairs = prep(relabelled)
    else:
        scirex_pairs = prep(scirex["train"])
    tdmsci_pairs = prep(tdmsci["train"])
    # the modern abstracts follow the extractor's own convention; --modern-copies weighs them up
    scirex_pairs += prep(modern["train"]) * args.modern_copies
    if args.silver:
        from kg.extract.gazetteer import GazetteerMatcher, load_records

        matcher = GazetteerMatcher(spacy.blank("en"), records=load_records(args.gazetteer_dir))
        scirex_pairs = add_silver(scirex_pairs, matcher, LABELS)
        tdmsci_pairs = add_silver(tdmsci_pairs, matcher, TDMSCI_LABELS)
    train_pairs = scirex_pairs + tdmsci_pairs
    pool = {}
    for _, ents in train_pairs:
        for e in ents:
            pool.setdefault(e["label"], set()).add(e["text"])
    for label, names in gaz.items():
        pool.setdefault(label, set()).update(n for n in names if not is_generic(n, label, known or set()))
    pool = {label: sorted(names) for label, names in sorted(pool.items())}
    scirex_pairs += augment(scirex_pairs, pool, args.augment, rng)
    tdmsci_pairs += augment(tdmsci_pairs, pool, args.augment, rng)

    config = spacy.util.load_config_from_str(
        CONFIG.replace("{width}", str(args.width)).replace("{depth}", str(args.depth)).replace("{hidden}", str(args.hidden))
        .replace("{upper}", "true" if args.upper else "false").replace("{pieces}", str(args.pieces))
        .replace("{window}", str(args.window))
    )
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    unknown = method_matcher(nlp, pool.get("Method", ())) if args.tdmsci_methods_missing else None
    examples = to_examples(nlp, scirex_pairs) + to_examples(nlp, tdmsci_pairs, unknown)
    for label in LABELS:
        nlp.get_pipe("ner").add_label(label)
    # spaCy's default optimizer keeps no parameter averages; the averaged weights are the ones evaluated and saved
    optimizer = nlp.initialize(lambda: examples, sgd=Adam(args.lr, L2=1e-6, grad_clip=1.0, use_averages=True))
    dev = {"scirex": scirex["dev"], "tdmsci": tdmsci["dev"], "modern": modern["dev"]}
    best, best_bytes, best_epoch = -1.0, None, 0
    t0 = time.time()
    for epoch in range(1, args.epochs + 1):
        rng.shuffle(examples)
        losses = {}
        for batch in minibatch(examples, size=args.batch):
            nlp.update(batch, sgd=optimizer, drop=args.dropout, losses=losses)
        with nlp.use_params(optimizer.averages):
            scores = evaluate(nlp, dev, known or set())
            obj = objective(scores)
            if obj > best:
                best, best_bytes, best_epoch = obj, nlp.to_bytes(), epoch
        modern_f = f"  modern paper F1 {scores['modern']['paper']['micro']['f']:.3f}" if "modern" in scores else ""
        print(
            f"epoch {epoch:2d}  loss {losses.get('ner', 0):8.1f}{modern_f}  scirex named-paper F1 "
            f"{scores['scirex']['paper_named']['micro']['f']:.3f}  strict {scores['scirex']['strict']['micro']['f']:.3f}"
            f"  tdmsci strict F1 {scores['tdmsci']['strict']['micro']['f']:.3f}  obj {obj:.3f}  {time.time() - t0:5.0f}s",
            flush=True,
        )
    nlp.from_bytes(best_bytes)
    nlp.meta.update(
        name="kg_ner",
        version="0.1.0",
        description="Method/Dataset/Metric/Task recogniser for ML abstracts (kg project), trained on SciREX, "
                    "TDMSci and the project's own annotation of recent abstracts",
        license="Apache-2.0",
        sources=[
            {"name": "SciREX", "author": "Jain et al., ACL 2020", "url": "https://github.com/allenai/SciREX", "license": "Apache-2.0"},
            {"name": "TDMSci", "author": "Hou et al., EACL 2021", "url": "https://github.com/IBM/science-result-extractor", "license": "Apache-2.0"},
            {"name": "kg modern abstracts", "author": "kg project (data/modern_annotations.jsonl)", "license": "Apache-2.0"},
        ] if args.modern else [
            {"name": "SciREX", "author": "Jain et al., ACL 2020", "url": "https://github.com/allenai/SciREX", "license": "Apache-2.0"},
            {"name": "TDMSci", "author": "Hou et al., EACL 2021", "url": "https://github.com/IBM/science-result-extractor", "license": "Apache-2.0"},
        ],
        kg_training={k: v for k, v in sorted(vars(args).items()) if k not in ("out", "no_save", "gazetteer_dir")}
        | {"best_epoch": best_epoch, "gazetteer_sha1": gazetteer_digest(args.gazetteer_dir)},
    )
    return nlp, evaluate(nlp, dev, known or set())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "kg" / "models" / "ner"))
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=18)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=0.001)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--width", type=int, default=64)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--pieces", type=int, default=3, help="maxout pieces of the CNN layers")
    parser.add_argument("--window", type=int, default=1, help="tokens on each side a CNN layer sees")
    parser.add_argument("--augment", type=int, default=2)
    parser.add_argument("--upper", action=argparse.BooleanOptionalAction, default=False,
                        help="the parser's extra hidden layer (slower; --no-upper scores states directly)")
    parser.add_argument("--silver", action=argparse.BooleanOptionalAction, default=False,
                        help="unannotated gazetteer names in the training texts become entities (tried; not the default)")
    parser.add_argument("--acronyms", choices=("split", "joined"), default="joined")
    parser.add_argument("--modern", action=argparse.BooleanOptionalAction, default=True,
                        help="train on data/modern_abstracts.jsonl too (and select the epoch on its dev part)")
    parser.add_argument("--modern-copies", type=int, default=1, help="how many times the modern train part is used")
    parser.add_argument("--scirex-labels", choices=("original", "guideline"), default="original",
                        help="train on SciREX's own annotation of its train abstracts, or on data/scirex_guideline.jsonl")
    parser.add_argument("--no-gazetteer", dest="gazetteer", action="store_false")
    parser.add_argument("--gazetteer-dir", type=Path, default=GAZETTEER,
                        help="the gazetteer files to train with (default: the package's; the shipped weights "
                             "record theirs as gazetteer_sha1 in meta.json)")
    parser.add_argument("--no-generic-filter", action="store_true")
    parser.add_argument("--tdmsci-methods-missing", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args(argv)
    nlp, scores = train(args)
    if not args.no_save:
        nlp.to_disk(args.out)
        print(f"wrote {args.out}")
    for corpus, views in scores.items():
        for view, table in views.items():
            row = "  ".join(f"{k} {v['p']:.3f}/{v['r']:.3f}/{v['f']:.3f}" for k, v in table.items())
            print(f"dev {corpus:6s} {view:11s} {row}")


if __name__ == "__main__":
    main()
