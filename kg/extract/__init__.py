"""Extract Method, Dataset, Metric and Task mentions from papers with a spaCy pipeline."""

import collections
import dataclasses
import gc
import itertools
import multiprocessing
import signal
import threading

from ..gcpause import gc_paused
from ..model import Mention
from .spacy_import import import_spacy

import_spacy()  # before the modules below import it: spaCy without its command line

from .doctext import shown_text
from .gazetteer import load_records, record_index
from .merge import ENTITIES_KEY
from .roles import sentences_of
from .pipeline import FIELD_SEPARATOR, build_pipeline, make_paper_doc, pipeline_id

__all__ = ["MAX_EVIDENCE_CHARS", "Extractor", "doc_mentions"]

#: Evidence longer than this is cut to a window of this size around the mention.
MAX_EVIDENCE_CHARS = 1000


def doc_mentions(doc, title_len):
    """Turn the entity spans of a title+abstract ``doc`` into :class:`Mention` s with per-field offsets."""
    abstract_start = title_len + len(FIELD_SEPARATOR)
    text = shown_text(doc)  # the words as written, also where a shouted field was read in lower case
    out = []
    spans = list(doc.spans.get(ENTITIES_KEY, []))
    for span, sent in zip(spans, sentences_of(doc, spans)):
        if span.start_char < title_len:
            field, base = "title", 0
            if span.end_char > title_len:
                continue
        elif span.start_char >= abstract_start:
            field, base = "abstract", abstract_start
        else:
            continue
        s_start = max(sent.start_char, base)
        s_end = sent.end_char if field == "abstract" else min(sent.end_char, title_len)
        # evidence sentence without trailing whitespace
        while s_end > s_start and text[s_end - 1].isspace():
            s_end -= 1
        if s_end - s_start > MAX_EVIDENCE_CHARS:
            # an overlong "sentence" (a pasted table, text without full stops): a window around the mention
            s_start = max(s_start, span.start_char - MAX_EVIDENCE_CHARS // 2)
            s_end = min(s_end, span.end_char + MAX_EVIDENCE_CHARS // 2)
        ext = span._  # one Underscore object, not one per attribute
        label = span.label_
        out.append(
            Mention(
                text=text[span.start_char:span.end_char],
                label=label,
                start=span.start_char - base,
                end=span.end_char - base,
                field=field,
                canonical=ext.kg_canonical,
                entity_id=ext.kg_entity_id,
                sentence_start=s_start - base,
                sentence_end=s_end - base,
                source=ext.kg_source,
                confidence=round(ext.kg_confidence, 3),
                proposed=bool(ext.kg_proposed) and label == "Method",
                results=ext.kg_results or (),  # value and value_dataset are its first
                change=label == "Metric" and bool(ext.kg_change),  # (an extension read costs: metrics only)
            )
        )
    return out


class Extractor:
    """Run the extraction pipeline over papers or plain texts.

    >>> ex = Extractor()                                             # doctest: +SKIP
    >>> [(m.text, m.label) for m in ex.extract_text("We train a U-Net on the ISBI challenge.")]  # doctest: +SKIP
    [('U-Net', 'Method'), ('ISBI challenge', 'Dataset')]
    """

    def __init__(self, nlp=None, *, batch_size=32, n_process=1, use_model=True):
        if nlp is None:
            with gc_paused():
                nlp = build_pipeline(use_model=use_model)
        self.nlp = nlp
        self.batch_size = batch_size
        self.n_process = n_process
        self.id = pipeline_id(self.nlp)

    def gazetteer_index(self):
        """Node id → gazetteer record (canonical name and aliases), for labelling graph nodes."""
        return record_index(self.nlp.get_pipe("kg_gazetteer").records)

    def extract_text(self, text, title=""):
        """Mentions in one abstract ``text`` (and optional ``title``), offsets into each field."""
        doc = self.nlp(make_paper_doc(self.nlp, title, text))
        return doc_mentions(doc, len(title))

    def extract(self, papers, *, while_waiting=None):
        """Yield each paper with its ``mentions`` filled in, in order (streams; batches with ``nlp.pipe``).

        With ``n_process > 1`` the papers go in batches to forked worker processes, which
        send back only the mentions; at most two batches per worker are in flight, so memory
        stays flat however long the input. (spaCy's own ``n_process`` would ship whole docs
        back, and cannot serialise the spans our components keep in extension attributes.)
        Where processes cannot be forked (Windows), or the input is one batch, extraction
        runs in this process.

        ``while_waiting`` (optional callable) runs in a thread of this process once the workers
        are forked (not at all without workers), for work the caller would otherwise do after
        extraction while this process mostly waits for them (``kg build`` imports its writers).
        """
        if self.n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
            papers = iter(papers)
            head = list(itertools.islice(papers, self.batch_size + 1))
            if len(head) > self.batch_size:
                yield from self._extract_forked(itertools.chain(head, papers), while_waiting)
                return
            papers = head

        def docs():
            for paper in papers:
                yield make_paper_doc(self.nlp, paper.title, paper.abstract), paper

        for doc, paper in self.nlp.pipe(docs(), as_tuples=True, batch_size=self.batch_size):
            paper.mentions = doc_mentions(doc, len(paper.title))
            yield paper

    def _extract_forked(self, papers, while_waiting=None):
        from ..cache import mention_from_row

        pending = collections.deque()  # (batch of papers, async result), in input order
        context = multiprocessing.get_context("fork")  # the workers inherit the loaded pipeline
        # Frozen objects are left out of the collector's passes, so a worker's collections do
        # not write to (and so copy) the pages of the pipeline it shares with this process.
        frozen_before = gc.get_freeze_count()
        gc.freeze()
        try:
            pool = context.Pool(self.n_process, initializer=_init_worker, initargs=(self.nlp,))
        finally:
            if not frozen_before:  # a caller's own frozen objects stay so
                gc.unfreeze()
        if while_waiting is not None:  # started after the fork: a thread's locks must not be copied into a worker
            threading.Thread(target=while_waiting, name="kg-while-waiting", daemon=True).start()
        batches = _batches(papers, self.batch_size, self.n_process)
        with pool:
            def submit():
                batch = next(batches, None)
                if batch:
                    texts = [(p.title, p.abstract) for p in batch]
                    pending.append((batch, pool.apply_async(_extract_batch, (texts,))))
                return bool(batch)

            more = True
            while more and len(pending) < 2 * self.n_process:
                more = submit()
            while pending:
                batch, result = pending.popleft()
                rows = result.get()
                if more:
                    more = submit()
                for paper, mention_rows in zip(batch, rows):
                    paper.mentions = [mention_from_row(r) for r in mention_rows]
                    yield paper


def _batches(papers, size, workers):
    """Lists of ``size`` papers, except at the end of the input: the last ``size`` papers go in
    ``2 * workers`` smaller lists (of at least 4), so that the workers finish together rather than
    one waiting while another extracts a whole last batch. Reads one batch ahead.

    >>> [len(b) for b in _batches(range(100), 32, 2)]
    [32, 32, 4, 8, 8, 8, 8]
    >>> [len(b) for b in _batches(range(64), 32, 2)], [len(b) for b in _batches(range(5), 32, 2)]
    ([32, 8, 8, 8, 8], [5])
    """
    papers = iter(papers)
    batch = list(itertools.islice(papers, size))
    while batch:
        ahead = list(itertools.islice(papers, size))
        if len(ahead) < size:  # the input ends within the next batch
            rest = batch + ahead
            if len(rest) > size:
                yield rest[:-size]
            last, piece = rest[-size:], max(4, -(-size // (2 * workers)))
            yield from (last[i:i + piece] for i in range(0, len(last), piece))
            return
        yield batch
        batch = ahead


_worker_nlp = None
_blas_limit = None  # kept referenced for the worker's lifetime


def _init_worker(nlp):
    global _worker_nlp
    _worker_nlp = nlp
    # Ctrl-C reaches the whole process group: the main process handles it (and ends the
    # workers); a worker would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM ends a worker at once, whatever its threads are doing. The pool ends its workers
    # with SIGTERM, and a handler inherited from the main process (kg's CLI installs one) runs
    # only when the signal interrupts the main thread: a worker waiting for the pool's queue
    # lock, the signal taken by another of its threads (BLAS), never returned, and the build hung.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # One BLAS thread per worker: the workers already fill the cores, and the NER model's
    # small matrix products lose to thread contention (NumPy's OpenBLAS starts a thread per core
    # in each process: the sample's 368 abstracts took 2.0 s to extract on 2 cores, 1.25 s with one
    # thread per worker; the 50,000-abstract corpus 238 and 384 abstracts/s).
    from threadpoolctl import threadpool_limits

    global _blas_limit
    _blas_limit = threadpool_limits(1, user_api="blas")


def _extract_batch(texts):
    """In a worker: the mentions (as plain rows) of each ``(title, abstract)`` in ``texts``."""
    from ..cache import mention_to_row

    docs = _worker_nlp.pipe(((make_paper_doc(_worker_nlp, t, a), len(t)) for t, a in texts), as_tuples=True,
                            batch_size=len(texts))
    return [[tuple(mention_to_row(m)) for m in doc_mentions(doc, n)] for doc, n in docs]


def default_records():
    """The gazetteer records shipped with the package."""
    return load_records()


def link_across_papers(papers):
    """Link the entities of different papers that are one entity written two ways.

    * A bare acronym ("SeCO") resolves to the long form another paper defines (Sequential
      Chunk-wise Optimization), when exactly one long-form entity of the same label claims it;
      not in a paper that proposes the bare acronym itself (two papers' "SMASH" are two methods).
    * Spellings that differ only in hyphens and spaces ("multi-branch residual block" and
      "multibranch residual block", "ImageNet1K" and "ImageNet-1K") become one entity: the
      gazetteer's when it knows one of them, else the spelling with the most mentions.

    Mentions keep their text and offsets; their ``entity_id`` and ``canonical`` (and the datasets
    of a metric's ``results``) change.
    """
    from .normalize import entity_id

    claims = {}
    for paper in papers:
        for m in paper.mentions:
            if m.source == "acronym" and m.text != m.canonical:
                claims.setdefault(entity_id(m.label, m.text), set()).add(m.entity_id)
    resolved = {short: next(iter(ids)) for short, ids in claims.items() if len(ids) == 1}
    variants = _spelling_variants(papers, resolved)
    resolved = {short: variants.get(long, long) for short, long in resolved.items()} | variants
    if not resolved:
        return papers
    targets = set(resolved.values())
    canonical = {}
    for paper in papers:
        for m in paper.mentions:
            if m.entity_id in targets:
                canonical.setdefault(m.entity_id, m.canonical)
    acronyms = resolved.keys() - variants.keys()
    for paper in papers:
        if any(m.entity_id in resolved or any(d in resolved for _, d in m.results) for m in paper.mentions):
            own = {m.entity_id for m in paper.mentions if m.proposed and m.entity_id in acronyms}
            mapping = {k: v for k, v in resolved.items() if k not in own} if own else resolved
            paper.mentions = [_relinked(m, mapping, canonical) for m in paper.mentions]
    return papers


def _relinked(mention, resolved, canonical):
    """``mention`` with its entity (and its values' datasets) replaced as ``resolved`` says."""
    changes = {}
    if mention.entity_id in resolved:
        target = resolved[mention.entity_id]
        changes.update(entity_id=target, canonical=canonical[target])
    if any(d in resolved for _, d in mention.results):
        results = tuple((value, resolved.get(d, d)) for value, d in mention.results)
        changes["results"] = results  # value_dataset follows (Mention.__post_init__)
    return dataclasses.replace(mention, **changes) if changes else mention


def _spelling_variants(papers, resolved):
    """``{id: id of the same name spelt another way}`` (see :func:`link_across_papers`); ids
    ``resolved`` already maps are left to that mapping."""
    counts, known = collections.Counter(), set()
    for paper in papers:
        for m in paper.mentions:
            if m.entity_id not in resolved:
                counts[m.entity_id] += 1
                if m.source == "gazetteer":
                    known.add(m.entity_id)
    groups = {}
    for entity in counts:
        label, _, slug = entity.partition(":")
        groups.setdefault((label, slug.replace("-", "")), []).append(entity)
    out = {}
    for ids in groups.values():
        if len(ids) < 2 or sum(i in known for i in ids) > 1:
            continue  # one spelling, or two gazetteer records: distinct entities
        target = min(ids, key=lambda i: (i not in known, -counts[i], i))
        out.update((i, target) for i in ids if i != target)
    return out
