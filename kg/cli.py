"""The ``kg`` command line: a thin shell over the Python API."""

import contextlib
import functools
import json
import os
import signal
import sys
import warnings
from pathlib import Path

import click

from . import __version__, fileio
from .errors import KgError, one_line
from .gcpause import freeze_for_process, gc_paused
from .ingest import FORMATS

__all__ = ["cli", "main"]

DEFAULT_OUTPUT = "outputs"


#: Exit status for a bug in kg (not bad input), as sysexits' EX_SOFTWARE.
EXIT_INTERNAL_ERROR = 70


def _fail_cleanly(fn):
    """Turn a :class:`KgError` into one line on stderr and exit status 1, Ctrl-C (or SIGTERM) into
    130, a closed output pipe into a quiet 141, and any other exception into one line naming an
    internal error and exit status 70; ``--debug`` shows the traceback instead."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        debug = ctx.find_root().params.get("debug", False)
        committed = fileio.groups_committed()
        try:
            return fn(*args, **kwargs)
        except KgError as exc:
            if debug:
                raise
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            if fileio.groups_committed() > committed:  # the interrupt came once the outputs were in place
                click.echo("kg: interrupted after the outputs were written", err=True)
            else:
                click.echo("kg: interrupted; earlier outputs are left as they were", err=True)
            sys.exit(130)
        except BrokenPipeError:  # `kg extract ... | head`: the reader has gone
            with contextlib.suppress(Exception):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if debug:
                raise
            what = "out of memory" if isinstance(exc, MemoryError) else f"{type(exc).__name__}: {exc}"
            error = click.ClickException(one_line(f"internal error ({what}); rerun with --debug for the "
                                                  "traceback and please report it"))
            error.exit_code = EXIT_INTERNAL_ERROR
            raise error from None

    return wrapper


class _Skips:
    """Collect skipped bad records for ``--skip-bad`` and report them."""

    def __init__(self):
        self.errors = []

    def __call__(self, error):
        self.errors.append(error)
        click.echo(f"kg: skipped: {error}", err=True)

    def report(self):
        if self.errors:
            click.echo(f"kg: skipped {len(self.errors)} bad record(s) or file(s)", err=True)


def _progress(stream, total):
    from tqdm import tqdm

    return tqdm(stream, total=total, unit="paper", desc="extracting", disable=None, leave=False,
                mininterval=0.5, file=sys.stderr)


def _input_options(fn):
    fn = click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
                      help="Input format (detected per file by default).")(fn)
    fn = click.option("--skip-bad", is_flag=True, help="Skip bad records and files, count them, and go on.")(fn)
    fn = click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))(fn)
    return fn


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def cli(debug):
    """Build knowledge graphs of methods, datasets, metrics and tasks from ML paper listings.

    Example: kg build papers.jsonl -o outputs
    """
    warnings.showwarning = lambda message, *a, **k: click.echo(f"kg: warning: {one_line(message)}", err=True)


@cli.command()
@_input_options
@click.option("-o", "--output", type=click.Path(path_type=Path), default=DEFAULT_OUTPUT, show_default=True,
              help="Output directory.")
@click.option("--rdf-format", type=click.Choice(["turtle", "nt", "jsonld"]), default="turtle", show_default=True,
              help="RDF serialisation of the graph.")
@click.option("--base-iri", default=None, help="Base IRI of the RDF resources (default: see README).")
@click.option("--max-nodes", type=click.IntRange(min=0), default=None,
              help="Draw at most N nodes in graph.html (papers and entities together: the most "
                   "connected entities and the papers most linked to them); 0 draws every node.  "
                   "[default: 5000 for a bigger graph]")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes: extraction runs in this many, and with 2 or more GraphML and GEXF are "
                   "written by a second process while the other files are.  [default: one per CPU core]")
@click.option("--no-cache", is_flag=True,
              help="Extract every paper again instead of reusing OUTPUT/.kg-cache from earlier builds.")
@_fail_cleanly
def build(inputs, fmt, skip_bad, output, rdf_format, base_iri, max_nodes, jobs, no_cache):
    """Build the graph from INPUTS (files or directories; the bundled sample if none).

    Writes graph.ttl, graph.html, graph.graphml, graph.json, graph.gexf and
    papers.jsonl to the output directory and prints a summary. Papers already
    extracted into the same output directory are taken from its cache.

    Example: kg build listings/ -o outputs --max-nodes 2000
    """
    from .api import build_outputs, summary
    from .fileio import ensure_dir

    ensure_dir(output)  # fail before the slow part
    skips = _Skips() if skip_bad else None
    result = build_outputs(output, inputs or None, fmt=fmt, extractor=_extractor(jobs or _cpu_count()),
                           on_error=skips, progress=_progress, cache=not no_cache, rdf_format=rdf_format,
                           base_iri=base_iri, max_nodes=max_nodes)
    G = result["graph"]
    counts = summary(G)
    click.echo(f"papers: {counts['papers']}")
    click.echo("entities: " + ", ".join(f"{k} {v}" for k, v in counts["entities"].items()))
    click.echo("edges: " + ", ".join(f"{k} {v}" for k, v in counts["edges"].items()))
    if result["cached"]:
        click.echo(f"extracted: {result['extracted']} paper(s); {result['cached']} taken from the cache")
    if result["html_max_nodes"] is not None:
        click.echo(f"graph.html: draws the {result['html_max_nodes']:,} most connected of "
                   f"{G.number_of_nodes():,} nodes (--max-nodes N to change, 0 for all)")
    click.echo("wrote: " + ", ".join(str(p) for p in result["written"].values()))
    if skips:
        skips.report()


def _extractor(jobs):
    """The extraction pipeline with ``jobs`` processes; run as the console script, it is frozen out
    of the collector's passes, since it lives until the process ends (:func:`freeze_for_process`)."""
    with gc_paused():  # importing spaCy makes long-lived objects only: collections cost a tenth of its time
        from .extract import Extractor

    extractor = Extractor(n_process=jobs)
    if _whole_process:
        freeze_for_process()
    return extractor


def _cpu_count():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


@cli.command()
@_input_options
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output JSON Lines file (default: standard output).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extraction processes.")
@_fail_cleanly
def extract(inputs, fmt, skip_bad, output, jobs):
    """Extract entities from INPUTS and write one JSON line per input paper.

    Each line is {"id", "title", "entities": [{"text", "label", "start", "end",
    "field", "canonical", ...}]} with offsets into the field as given.

    Example: kg extract papers.jsonl -o extractions.jsonl
    """
    from .fileio import atomic_write
    from .ingest import read_inputs

    skips = _Skips() if skip_bad else None
    papers = _extractor(jobs).extract(read_inputs(inputs or None, fmt, on_error=skips))

    def lines():
        for paper in papers:
            yield json.dumps(paper.to_record(full=False), ensure_ascii=False) + "\n"

    if output is None:
        for line in lines():
            click.echo(line, nl=False)
    else:
        with atomic_write(output) as fh:
            fh.writelines(lines())
    if skips:
        skips.report()


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path), default=f"{DEFAULT_OUTPUT}/graph.json")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Report directory  [default: GRAPH's directory].")
@click.option("-n", "--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="Rows per table and bars per chart.")
@_fail_cleanly
def stats(graph, output, top):
    """Summarise GRAPH (graph.json or graph.graphml; default outputs/graph.json).

    Prints counts and the top entities, and writes report.md (tables of top
    entities, strongest pairs and communities) with PNG charts beside it.

    Example: kg stats outputs/graph.json -o outputs/report
    """
    from .api import load
    from .report import summary_text, write_report

    G = load(graph)
    written = write_report(G, output if output is not None else graph.parent, n=top)
    click.echo(summary_text(G), nl=False)
    click.echo("wrote: " + ", ".join([written["report"], *written["plots"]]))


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Read the query from this .rq file instead of the SPARQL argument.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="Output: aligned table, or the W3C SPARQL CSV / JSON results formats.")
@click.option("--no-cache", is_flag=True, help="Parse GRAPH into memory instead of using the store cache beside it.")
@_fail_cleanly
def query(graph, sparql, query_file, fmt, no_cache):
    """Run a SPARQL query on GRAPH (an RDF file written by kg build: .ttl, .nt or .jsonld).

    The export's prefixes (kg:, lpwc:, schema:, dcterms:, skos:, oa:, mls:, prov:, ...)
    need no PREFIX lines. The first query stores GRAPH in a pyoxigraph database in a
    hidden directory beside it; later queries reuse it until GRAPH changes.

    Example: kg query outputs/graph.ttl "SELECT ?title WHERE { ?p lpwc:usesDataset/rdfs:label 'ImageNet' ; dcterms:title ?title }"

    Example: kg query outputs/graph.ttl -f docs/queries/02_most_used_datasets.rq --format csv
    """
    from .query import run_query

    if (sparql is None) == (query_file is None):
        raise KgError("give either a SPARQL query or -f FILE (not both)")
    if query_file is not None:
        try:
            sparql = query_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KgError(f"cannot read the query file ({getattr(exc, 'strerror', None) or exc})", path=query_file) from None
    click.echo(run_query(graph, sparql, fmt, cache=not no_cache), nl=False)


def _interrupt(signum, frame, main_pid=os.getpid()):
    """SIGTERM cleans up like Ctrl-C (temporary files go, earlier outputs stay); forked workers just end."""
    if os.getpid() != main_pid:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
    raise KeyboardInterrupt


#: True when the command runs as the ``kg`` console script, which exits once it is done (not when
#: ``cli`` is called in a longer-lived process, a test runner's): see :func:`freeze_for_process`.
_whole_process = False


def main():
    """Entry point of the ``kg`` console script."""
    global _whole_process
    _whole_process = True
    signal.signal(signal.SIGTERM, functools.partial(_interrupt, main_pid=os.getpid()))
    try:
        cli(prog_name="kg")
    finally:
        freeze_for_process()  # every file is written and closed: skip the collector's passes at exit
