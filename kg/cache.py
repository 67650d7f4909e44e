"""The extraction cache: mentions already extracted from a text, kept in the output directory.

``kg build`` stores, for every paper it extracts, the mentions the pipeline found in its
title and abstract, keyed by a hash of those two texts and by the pipeline id
(:func:`kg.extract.pipeline.pipeline_id`). A later build into the same output directory
extracts only texts it has not seen: adding a listing re-extracts only the new papers.
A different pipeline (package version, gazetteer or model weights) invalidates every row.

The cache is one SQLite file, ``<output>/.kg-cache/extract.sqlite``; every batch of rows is
written in a transaction, so an interrupted build leaves it consistent (and keeps what was
extracted before the interruption). Cached mentions are the extractor's own, before
:func:`kg.extract.link_across_papers` (which depends on the whole corpus) is applied.
"""

import collections
import hashlib
import json
import sqlite3
import sys
import warnings
from pathlib import Path

from .errors import KgError
from .model import MENTION_FIELDS, Mention

__all__ = [
    "CACHE_DIR",
    "CACHE_FILE",
    "ExtractionCache",
    "cache_path",
    "extract_cached",
    "mention_from_row",
    "mention_to_row",
    "text_key",
]

#: The cache directory inside an output directory.
CACHE_DIR = ".kg-cache"
#: The SQLite file inside :data:`CACHE_DIR`.
CACHE_FILE = "extract.sqlite"

# Rows written under another layout (a Mention field added, say) are dropped, not misread.
_FORMAT = "2:" + ",".join(MENTION_FIELDS)
_BATCH = 256


def cache_path(out_dir):
    """Where the extraction cache of output directory ``out_dir`` lives."""
    return Path(out_dir) / CACHE_DIR / CACHE_FILE


def text_key(title, abstract):
    """The cache key of a paper's text: a SHA-256 digest of its title and abstract (unambiguously joined)."""
    data = json.dumps([title, abstract], ensure_ascii=True)
    return hashlib.sha256(data.encode("ascii")).digest()


def mention_to_row(mention):
    """A :class:`Mention` as a plain list of its fields (JSON-ready, in field order)."""
    return [getattr(mention, name) for name in MENTION_FIELDS]


def mention_from_row(row):
    """Undo :func:`mention_to_row`.

    Its strings are interned: labels, ids and names recur across thousands of mentions,
    and the graph keeps them, so each is stored once (at 50,000 papers this saves hundreds
    of megabytes over one string object per mention and field).

    >>> m = Mention("BERT", "Method", 0, 4, "abstract", "BERT", "method:bert", 0, 20, "gazetteer", 0.9)
    >>> mention_from_row(mention_to_row(m)) == m
    True
    >>> m = Mention("F1", "Metric", 0, 2, "abstract", "F1 score", "metric:f1-score", 0, 20, "gazetteer", 0.9,
    ...             value="91.2", value_dataset="dataset:squad", results=(("91.2", "dataset:squad"), ("88.1", None)),
    ...             change=True)
    >>> mention_from_row(json.loads(json.dumps(mention_to_row(m)))) == m
    True
    """
    *fields, results, change = (sys.intern(v) if type(v) is str else v for v in row)
    return Mention(*fields, tuple((value, dataset and sys.intern(dataset)) for value, dataset in results), change)


class ExtractionCache:
    """Mentions per text for one pipeline id, in a SQLite file (see the module docstring).

    Use it as a context manager, or call :meth:`close`. ``hits`` and ``misses`` count lookups.
    """

    def __init__(self, path, pipeline):
        self.path = Path(path)
        self.pipeline = pipeline
        self.hits = 0
        self.misses = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KgError(f"cannot create the extraction cache ({exc.strerror}); use --no-cache",
                          path=self.path.parent) from None
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError as exc:
            # A damaged cache is only lost time: start it afresh.
            warnings.warn(f"{self.path}: extraction cache unreadable ({exc}); starting a new one")
            self.path.unlink(missing_ok=True)
            self._conn = self._open()

    def _open(self):
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            conn.execute("PRAGMA page_size = 16384")  # a new file only: rows of 1-3 kB fill big pages better
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
                stored = dict(conn.execute("SELECT name, value FROM meta"))
                if stored.get("format") != _FORMAT:
                    conn.execute("DROP TABLE IF EXISTS mentions")
                # rows of about a kilobyte: a rowid table with a unique key (WITHOUT ROWID triples the file)
                conn.execute("CREATE TABLE IF NOT EXISTS mentions (text_key BLOB NOT NULL UNIQUE, mentions TEXT NOT NULL)")
                stale = stored.get("pipeline") != self.pipeline
                if stale:  # no row of another pipeline can be hit again
                    conn.execute("DELETE FROM mentions")
                conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                 [("format", _FORMAT), ("pipeline", self.pipeline)])
            if stale and stored:
                conn.execute("VACUUM")  # give the space back
        except BaseException:
            conn.close()
            raise
        return conn

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Close the database (everything written is already committed)."""
        self._conn.close()

    def __len__(self):
        return self._conn.execute("SELECT count(*) FROM mentions").fetchone()[0]

    def get(self, title, abstract):
        """The cached mentions of this text (a list of :class:`Mention`), or None if it was never extracted."""
        row = self._conn.execute("SELECT mentions FROM mentions WHERE text_key = ?",
                                 (text_key(title, abstract),)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return [mention_from_row(r) for r in json.loads(row[0])]

    def put_many(self, items):
        """Store ``(title, abstract, mentions)`` triples in one transaction."""
        rows = [
            (text_key(title, abstract),
             json.dumps([mention_to_row(m) for m in mentions], ensure_ascii=True, separators=(",", ":")))
            for title, abstract, mentions in items
        ]
        if rows:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.executemany("INSERT OR REPLACE INTO mentions VALUES (?, ?)", rows)


def extract_cached(extractor, papers, cache, *, while_waiting=None):
    """Yield ``papers`` in order with their mentions, extracting only the texts ``cache`` lacks.

    Cached papers get their stored mentions; the others go through ``extractor.extract``
    (which streams and batches them, running ``while_waiting`` as it says) and are stored as
    they come back.
    """
    queue = collections.deque()  # (paper, needs extraction), in input order

    def misses():
        for paper in papers:
            mentions = cache.get(paper.title, paper.abstract)
            if mentions is None:
                queue.append((paper, True))
                yield paper
            else:
                paper.mentions = mentions
                queue.append((paper, False))

    done = []
    for extracted in extractor.extract(misses(), while_waiting=while_waiting):
        while True:
            paper, miss = queue.popleft()
            if miss:
                break
            yield paper
        if paper is not extracted:  # extractors yield the papers they are given, in order
            raise RuntimeError("extractor returned papers out of order")
        done.append((extracted.title, extracted.abstract, extracted.mentions))
        if len(done) >= _BATCH:
            cache.put_many(done)
            done = []
        yield extracted
    cache.put_many(done)
    while queue:
        yield queue.popleft()[0]
