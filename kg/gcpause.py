"""Pause Python's cyclic garbage collector around work that allocates many long-lived objects."""

import contextlib
import gc

__all__ = ["freeze_for_process", "gc_paused"]


@contextlib.contextmanager
def gc_paused():
    """Disable the cyclic garbage collector for the block, then restore its state (enabled or not).

    For blocks that allocate many objects and make no reference cycles worth collecting on the
    way: each allocation burst triggers collections, and each collection walks every tracked
    object. kg uses it while importing spaCy and the writers' libraries (a tenth of the import
    time), while building the extraction pipeline (the gazetteer's trie and the tokenizer's
    tables: the collections took a fifth of the build) and while writing RDF (millions of
    short-lived tuples, each pass walking the whole graph).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze_for_process():
    """Move every object alive now out of the collector's reach for the rest of the process.

    For a process that does one job and exits, the ``kg`` command and the benchmarks: called once
    the pipeline is built, so the collections while the graph is built and written (and the
    forked extraction workers') no longer walk the pipeline's few hundred thousand objects
    (graph.html is written in 0.24 s instead of 0.31 on the sample); called again at exit, so
    the interpreter's last passes over every object (a quarter of a second) are skipped. Objects
    frozen are never collected as cycles; not for a library's caller, whose process goes on.
    """
    gc.freeze()
