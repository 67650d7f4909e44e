"""Pause Python's cyclic garbage collector around work that allocates many long-lived objects."""

import contextlib
import gc

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused():
    """Disable the cyclic garbage collector for the block, then restore its state (enabled or not).

    For blocks that allocate many objects and make no reference cycles worth collecting on the
    way: each allocation burst triggers collections, and each collection walks every tracked
    object. kg uses it while building the extraction pipeline (the gazetteer's trie and the
    tokenizer's tables: the collections took a fifth of the build) and while writing RDF
    (millions of short-lived tuples, each pass walking the whole graph).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
