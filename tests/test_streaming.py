"""Extraction streams (bounded look-ahead, input order kept, with and without worker processes and the cache)."""

import itertools

import networkx as nx
import pytest

from kg.api import HTML_MAX_NODES, html_max_nodes
from kg.cache import ExtractionCache, extract_cached
from kg.extract import Extractor
from kg.ingest import read_inputs
from kg.model import Paper


@pytest.fixture(scope="module")
def extractor():
    return Extractor(batch_size=4)


@pytest.fixture(scope="module")
def sample():
    return list(itertools.islice(read_inputs(None), 24))


def _copies(papers):
    return [Paper(key=p.key, title=p.title, abstract=p.abstract) for p in papers]


class Counted:
    """An iterable of papers that counts how many were taken from it."""

    def __init__(self, papers):
        self.papers = papers
        self.taken = 0

    def __iter__(self):
        for paper in self.papers:
            self.taken += 1
            yield paper


@pytest.mark.parametrize("n_process", [1, 2])
def test_extraction_looks_ahead_a_bounded_number_of_papers(extractor, sample, n_process):
    source = Counted(_copies(sample * 10))
    extractor.n_process = n_process
    try:
        stream = extractor.extract(source)
        first = next(stream)
        assert first.key == sample[0].key
        # one process: one batch (and one paper to tell a single batch); workers: 2 batches each in
        # flight, one queued and one read ahead (to split the input's last batch among the workers)
        assert source.taken <= (extractor.batch_size + 1 if n_process == 1 else extractor.batch_size * (2 * n_process + 2))
        stream.close()
    finally:
        extractor.n_process = 1


def test_worker_processes_give_the_same_mentions_in_the_same_order(extractor, sample):
    serial = list(extractor.extract(_copies(sample)))
    extractor.n_process = 2
    try:
        forked = list(extractor.extract(_copies(sample)))
    finally:
        extractor.n_process = 1
    assert [p.key for p in forked] == [p.key for p in sample]
    assert [p.mentions for p in forked] == [p.mentions for p in serial]
    assert any(p.mentions for p in serial)


def test_cached_extraction_keeps_input_order(extractor, sample, tmp_path):
    papers = sample[:10]
    expected = [p.mentions for p in extractor.extract(_copies(papers))]
    with ExtractionCache(tmp_path / "c.sqlite", extractor.id) as cache:
        seen = [0, 3, 4, 5, 9]  # hits and misses interleaved, a hit first and last
        list(extract_cached(extractor, _copies([papers[i] for i in seen]), cache))
        got = list(extract_cached(extractor, _copies(papers), cache))
        assert (cache.hits, cache.misses) == (5, 10)
    assert [p.key for p in got] == [p.key for p in papers]
    assert [p.mentions for p in got] == expected


def test_html_cap_applies_to_big_graphs_only():
    small, big = nx.MultiDiGraph(), nx.MultiDiGraph()
    small.add_nodes_from(range(10))
    big.add_nodes_from(range(HTML_MAX_NODES + 1))
    assert html_max_nodes(small) is None
    assert html_max_nodes(big) == HTML_MAX_NODES
    assert html_max_nodes(big, 0) is None
    assert html_max_nodes(big, 50) == 50 and html_max_nodes(small, 50) is None


def test_workers_take_sigterm_at_once_whatever_handler_the_main_process_has():
    # The pool ends its workers with SIGTERM. kg's CLI installs a Python handler for it, which a
    # forked worker inherits; Python runs it only when the signal interrupts the main thread,
    # so a worker waiting on the pool's queue lock while another of its threads took the
    # signal never ended, and the build hung. Workers must take SIGTERM's default action.
    import multiprocessing
    import signal

    from kg.extract import _init_worker

    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    try:
        with multiprocessing.get_context("fork").Pool(1, initializer=_init_worker, initargs=(None,)) as pool:
            in_worker = pool.apply(signal.getsignal, (signal.SIGTERM,))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert in_worker == signal.SIG_DFL


def _blas_threads():
    from threadpoolctl import threadpool_info

    return sorted({lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"})


def test_workers_run_blas_on_one_thread():
    # NumPy's OpenBLAS starts a thread per core in every process; with a worker per core, the
    # NER model's small matrix products then fight over the cores (the sample extracted in 2.0 s
    # on 2 cores instead of 1.25). threadpoolctl is a dependency so that every install has it.
    import multiprocessing

    from kg.extract import _init_worker

    with multiprocessing.get_context("fork").Pool(1, initializer=_init_worker, initargs=(None,)) as pool:
        in_worker = pool.apply(_blas_threads)
    assert in_worker == [1]


def _record_freeze_count(texts):
    """Stands in for the worker's batch function: notes how many objects the worker has frozen."""
    import gc
    import os

    with open(os.environ["KG_TEST_FREEZE_FILE"], "a") as fh:
        fh.write(f"{gc.get_freeze_count()}\n")
    return [[] for _ in texts]


def test_workers_share_the_pipeline_frozen_and_the_main_process_is_left_as_it_was(
        extractor, sample, tmp_path, monkeypatch):
    # Workers inherit the pipeline frozen (their collections leave its shared pages alone); the
    # main process's collector is back to normal once the workers are forked.
    import gc

    import kg.extract

    record = tmp_path / "freeze.txt"
    monkeypatch.setenv("KG_TEST_FREEZE_FILE", str(record))
    monkeypatch.setattr(kg.extract, "_extract_batch", _record_freeze_count)
    extractor.n_process = 2
    try:
        papers = list(extractor.extract(_copies(sample)))
    finally:
        extractor.n_process = 1
    assert len(papers) == len(sample)
    counts = [int(n) for n in record.read_text().split()]
    assert counts and min(counts) > 10_000  # the pipeline's objects, gazetteer trie included
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def _empty_rows(texts):
    """Stands in for the worker's batch function: no mentions."""
    return [[] for _ in texts]


@pytest.mark.parametrize("n_process", [1, 2])
def test_while_waiting_runs_in_a_thread_of_the_main_process_once_workers_are_forked(
        extractor, sample, tmp_path, monkeypatch, n_process):
    # kg build imports its writers while the workers extract; a thread started before the fork
    # could leave a lock held in a worker, and without workers there is nothing to wait for
    import multiprocessing
    import os
    import threading

    import kg.extract

    monkeypatch.setattr(kg.extract, "_extract_batch", _empty_rows)
    ran = []
    done = threading.Event()

    def note():
        ran.append((os.getpid(), threading.current_thread() is threading.main_thread(),
                    len(multiprocessing.active_children())))
        done.set()

    extractor.n_process = n_process
    try:
        cache = ExtractionCache(tmp_path / "cache.sqlite", "test")
        papers = list(extract_cached(extractor, _copies(sample), cache, while_waiting=note))
        cache.close()
    finally:
        extractor.n_process = 1
    assert len(papers) == len(sample)
    if n_process == 1:
        assert ran == []
    else:
        assert done.wait(10)
        assert ran == [(os.getpid(), False, 2)]  # this process, not its main thread, workers already forked


def test_the_api_imports_networkx_and_rdflib_only_to_build_the_graph():
    # so that kg build can import them while its workers extract (kg.api._import_writers)
    import subprocess
    import sys

    code = "import sys, kg.api, kg.cli; print(sorted(m for m in ('networkx', 'rdflib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_extractor_imports_spacy_without_its_command_line_which_still_works():
    # kg.extract.spacy_import: spaCy's CLI (typer, requests, weasel) is a third of its import time
    import subprocess
    import sys

    code = ("import sys, kg.extract, spacy; kg.extract.Extractor().extract_text('A U-Net.')\n"
            "print(sorted(m for m in ('spacy.cli', 'typer', 'requests', 'weasel') if m in sys.modules))\n"
            "print(spacy.info()['spacy_version'] == spacy.__version__)\n"
            "import spacy.cli\n"
            "print(callable(spacy.cli.download))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["[]", "True", "True"]


@pytest.mark.parametrize("enabled", [True, False])
def test_building_the_pipeline_restores_the_collector_state(enabled):
    import gc

    from kg.gcpause import gc_paused

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert gc.isenabled() == enabled
        with pytest.raises(ValueError), gc_paused():
            raise ValueError
        assert gc.isenabled() == enabled
    finally:
        (gc.enable if was else gc.disable)()

