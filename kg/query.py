"""SPARQL over an exported RDF graph file, on pyoxigraph, with a persistent store beside the file.

Parsing a big Turtle file for every query would take seconds to minutes, so the first query
loads the file into an on-disk pyoxigraph store and later queries open that store read-only
(milliseconds). The cache is a hidden directory next to the graph file::

    outputs/graph.ttl
    outputs/.graph.ttl.oxigraph/
        state.json              # which store matches which file: size, mtime, SHA-256, versions
        store-<sha256 prefix>/  # the pyoxigraph (RocksDB) store

A query first compares the file's size and modification time with ``state.json``; if they
differ it hashes the file, and only if the content changed (or pyoxigraph or the cache layout
did) it builds a new store in a temporary directory and renames it into place, then rewrites
``state.json`` atomically and removes older stores. Deleting the directory is always safe.
When the directory cannot be written the file is loaded into memory instead.

Queries may use the export's prefixes without declaring them (``kg:``, ``lpwc:``, ``schema:``,
``dcterms:``, ``skos:``, ``oa:``, ``mls:``, ``prov:``, ``paper:``, ``dataset:``, ...; see
:func:`kg.export.namespaces.prefixes`).

>>> print(run_query("outputs/graph.ttl", "SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:ScholarlyArticle }"))  # doctest: +SKIP
n
---
363
(1 row)
"""

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import shutil
import time
import uuid
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError
from .export.namespaces import DEFAULT_BASE_IRI, prefixes
from .fileio import atomic_write

__all__ = [
    "CACHE_VERSION",
    "QUERY_FORMATS",
    "cache_dir",
    "format_rows",
    "open_store",
    "query_rows",
    "query_terms",
    "run_query",
]

#: Output formats of :func:`run_query`.
QUERY_FORMATS = ("table", "csv", "json")
#: Bump when the cache layout changes; stores of another version are rebuilt.
CACHE_VERSION = 1

_RDF_FORMAT_OF_SUFFIX = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}
_GRAPH_NAMES = ("graph.ttl", "graph.nt", "graph.jsonld")  # what `kg build` writes
_MAX_CELL = 100


# --------------------------------------------------------------------------- the store


def cache_dir(graph_path):
    """The store cache directory of ``graph_path``: ``.<file name>.oxigraph`` beside it."""
    path = Path(graph_path)
    return path.with_name(f".{path.name}.oxigraph")


def _graph_format(path):
    fmt = _RDF_FORMAT_OF_SUFFIX.get(path.suffix.lower())
    if fmt is None and path.suffix.lower() in (".json", ".graphml", ".gexf"):
        raise KgError(
            "this is the NetworkX graph, not RDF; query the RDF file `kg build` writes beside it (graph.ttl)",
            path=path,
        )
    if fmt is None:
        raise KgError(
            f"cannot tell the RDF format from the suffix {path.suffix!r}; use .ttl, .nt or .jsonld "
            "(as written by `kg build`/`kg export`)",
            path=path,
        )
    return fmt


def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _load(store, path, fmt):
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as exc:
        raise KgError(f"cannot parse the graph file ({_one_line(str(exc))}); rebuild it with `kg build`", path=path) from None
    except (OSError, ValueError) as exc:
        raise KgError(f"cannot load the graph file ({_one_line(str(exc))})", path=path) from None


def _read_state(directory):
    try:
        return json.loads((directory / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _open_read_only(store_dir):
    try:
        return ox.Store.read_only(str(store_dir))
    except OSError:
        return None


def open_store(graph_path, *, cache=True):
    """A pyoxigraph store holding the triples of RDF file ``graph_path`` (see the module docstring).

    ``graph_path`` may also be a directory that ``kg build`` wrote (its graph.ttl, .nt or .jsonld).

    With ``cache=False`` (or when the cache directory cannot be written) the file is parsed
    into an in-memory store.
    """
    path = Path(graph_path)
    if path.is_dir():  # an output directory: the RDF file `kg build` wrote there
        found = [path / name for name in _GRAPH_NAMES if (path / name).is_file()]
        if not found:
            raise KgError(f"no {', '.join(_GRAPH_NAMES)} here; run `kg build` first", path=path)
        path = found[0]
    try:
        st = path.stat()
    except FileNotFoundError:
        raise KgError("graph file not found; run `kg build` first or give the path of a .ttl/.nt/.jsonld file", path=path) from None
    except OSError as exc:
        raise KgError(f"cannot read the graph file ({exc.strerror})", path=path) from None
    if not path.is_file():
        raise KgError("not a regular file; give the path of a .ttl/.nt/.jsonld graph file", path=path)
    fmt = _graph_format(path)
    if not cache:
        return _memory_store(path, fmt)

    directory = cache_dir(path)
    key = {"version": CACHE_VERSION, "pyoxigraph": ox.__version__, "format": fmt.name}
    state = _read_state(directory)
    current = directory / state["store"] if isinstance(state.get("store"), str) else None
    same_key = all(state.get(k) == v for k, v in key.items())
    if same_key and current and state.get("size") == st.st_size and state.get("mtime_ns") == st.st_mtime_ns:
        store = _open_read_only(current)
        if store is not None:
            return store
    try:
        directory.mkdir(exist_ok=True)
    except OSError:
        return _memory_store(path, fmt)
    if not os.access(directory, os.W_OK):
        return _memory_store(path, fmt)
    digest = _sha256(path)
    if not (same_key and current and state.get("sha256") == digest and current.is_dir()):
        try:
            current = _build_store(directory, path, fmt, digest)
        except OSError:  # the cache cannot be written (disk full, ...): answer from memory
            return _memory_store(path, fmt)
    new_state = {**key, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": digest, "store": current.name}
    with contextlib.suppress(KgError):  # an unwritable state only costs a hash next time
        with atomic_write(directory / "state.json") as fh:
            json.dump(new_state, fh, indent=1, sort_keys=True)
            fh.write("\n")
    _remove_stale(directory, keep=current.name)
    store = _open_read_only(current)
    if store is None:
        raise KgError(f"cannot open the query cache; delete {directory} and retry", path=path)
    return store


def _memory_store(path, fmt):
    store = ox.Store()
    _load(store, path, fmt)
    return store


def _build_store(directory, path, fmt, digest):
    """Load ``path`` into a new on-disk store under ``directory``; return its final directory."""
    final = directory / f"store-{digest[:16]}"
    if final.is_dir() and _open_read_only(final) is not None:
        return final  # e.g. built by a concurrent query
    tmp = directory / f"tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        store = ox.Store(str(tmp))
        _load(store, path, fmt)
        store.optimize()  # compacts the bulk-loaded files: joins on a big graph get 2-4x faster
        store.flush()
        del store  # closes the database before the rename
        if final.exists():
            shutil.rmtree(final, ignore_errors=True)
        try:
            os.rename(tmp, final)
        except OSError:
            if not final.is_dir():  # a concurrent query did not win the race: a real error
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def _remove_stale(directory, keep):
    """Remove stores other than ``keep``, and temporary ones left by a build killed an hour ago."""
    now = time.time()
    for child in directory.iterdir():
        if child.name == keep or not child.is_dir():
            continue
        if child.name.startswith("store-") or (
            child.name.startswith("tmp-") and now - child.stat().st_mtime > 3600  # else maybe a build in progress
        ):
            shutil.rmtree(child, ignore_errors=True)


# --------------------------------------------------------------------------- queries

_ERROR_AT = re.compile(r"error at (\d+):(\d+): ")


def _one_line(text, limit=300):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _undeclared_prefixes(sparql):
    """Prefixes used in ``sparql`` that it does not declare and that are not defaults."""
    body = re.sub(r"#[^\n]*|<[^<>\s]*>|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'", " ", sparql)
    used = set(re.findall(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:(?=[\w%]|\s|$)", body))
    known = set(prefixes(DEFAULT_BASE_IRI)) | set(_declared_prefixes(sparql))
    return sorted(p for p in used if p not in known)


def _query_error(sparql, exc):
    """A :class:`KgError` naming the problem and its line and column, with the line and a caret."""
    msg = str(exc)
    unknown = _undeclared_prefixes(sparql)
    if unknown:
        names = ", ".join(f"'{p}:'" for p in unknown)
        return KgError(f"malformed SPARQL query: undeclared prefix {names}; add PREFIX {unknown[0]}: <namespace IRI>")
    m = _ERROR_AT.search(msg)
    if not m:
        return KgError(f"malformed SPARQL query: {_one_line(msg)}")
    line, col = int(m.group(1)), int(m.group(2))
    problem = _one_line(msg[m.end() :], 200)
    lines = sparql.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return KgError(
        f"malformed SPARQL query at line {line}, column {col}: {problem}\n    {text}\n    {' ' * max(col - 1, 0)}^"
    )


def _execute(store, sparql):
    if not isinstance(sparql, str) or not sparql.strip():
        raise KgError("empty SPARQL query; give a query or -f FILE")
    try:
        return store.query(sparql, prefixes=prefixes(DEFAULT_BASE_IRI))
    except SyntaxError as exc:
        raise _query_error(sparql, exc) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise KgError(f"the SPARQL query failed: {_one_line(str(exc))}") from None


def _run(graph_path, sparql, cache):
    """``(kind, variables, rows)``: kind is ``select``, ``ask`` or ``graph`` (CONSTRUCT/DESCRIBE)."""
    result = _execute(open_store(graph_path, cache=cache), sparql)
    try:
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            return "select", names, [tuple(solution[n] for n in names) for solution in result]
        if isinstance(result, ox.QueryBoolean):
            return "ask", ["ask"], [(ox.Literal("true" if bool(result) else "false", datatype=_XSD_BOOLEAN),)]
        return "graph", ["subject", "predicate", "object"], [(t.subject, t.predicate, t.object) for t in result]
    except (OSError, RuntimeError, ValueError) as exc:  # evaluation errors surface while iterating
        raise KgError(f"the SPARQL query failed: {_one_line(str(exc))}") from None


def query_terms(graph_path, sparql, *, cache=True):
    """Run ``sparql`` on the graph file; return ``(variables, rows)`` of pyoxigraph terms.

    SELECT gives its variables and one tuple per solution (None where unbound); ASK gives
    ``(["ask"], [(Literal(true|false),)])``; CONSTRUCT and DESCRIBE give
    ``(["subject", "predicate", "object"], triples)``.
    """
    _, names, rows = _run(graph_path, sparql, cache)
    return names, rows


_XSD_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


def _value(term):
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value


def query_rows(graph_path, sparql, *, cache=True):
    """Run ``sparql``; return ``(variables, rows)`` with each cell the term's plain value.

    A cell is the IRI, the literal's lexical form, ``"_:id"`` for a blank node, or None.
    """
    names, rows = query_terms(graph_path, sparql, cache=cache)
    return names, [tuple(_value(t) for t in row) for row in rows]


# --------------------------------------------------------------------------- output


def _declared_prefixes(sparql):
    return {m.group(1): m.group(2) for m in re.finditer(r"(?i)PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", sparql or "")}


def _table_cell(term, compact):
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = compact(term.value)
    elif isinstance(term, ox.BlankNode):
        text = "_:" + term.value
    else:
        text = term.value
    text = text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", " ")
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def _compactor(extra):
    names = dict(prefixes(DEFAULT_BASE_IRI))
    names.update({k: v for k, v in extra.items() if k and v})
    by_length = sorted(((ns, name) for name, ns in names.items() if ns), key=lambda x: -len(x[0]))

    def compact(iri):
        for ns, name in by_length:
            if iri.startswith(ns) and len(iri) > len(ns):
                local = iri[len(ns) :]
                if re.fullmatch(r"[\w.%+-]+", local):
                    return f"{name}:{local}"
        return f"<{iri}>"

    return compact


def _table(names, rows, sparql):
    compact = _compactor(_declared_prefixes(sparql))
    cells = [[_table_cell(t, compact) for t in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    out = [" | ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip()]
    out.append("-+-".join("-" * w for w in widths))
    out += [" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    out.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(out) + "\n"


def _csv(names, rows):
    """SPARQL 1.1 Query Results CSV: plain values, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if v is None else v for v in map(_value, row)])
    return buf.getvalue()


def _json_term(term):
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _json(names, rows, is_ask):
    """SPARQL 1.1 Query Results JSON."""
    if is_ask:
        doc = {"head": {}, "boolean": rows[0][0].value == "true"}
    else:
        bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in rows]
        doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def format_rows(names, rows, fmt="table", *, sparql="", ask=False):
    """Format ``(names, rows)`` from :func:`query_terms` as ``table``, ``csv`` or ``json``.

    ``sparql`` lends its PREFIX declarations to the table; ``ask`` marks an ASK result
    (JSON then has ``"boolean"``).
    """
    if fmt == "table":
        return _table(names, rows, sparql)
    if fmt == "csv":
        return _csv(names, rows)
    if fmt == "json":
        return _json(names, rows, ask)
    raise KgError(f"unknown output format {fmt!r}; choose one of {', '.join(QUERY_FORMATS)}")


def run_query(graph_path, sparql, fmt="table", *, cache=True):
    """Run SPARQL ``sparql`` on RDF file ``graph_path``; return the result as text in ``fmt``.

    ``fmt`` is ``"table"`` (aligned columns, IRIs shortened to prefixed names), ``"csv"`` or
    ``"json"`` (the W3C SPARQL 1.1 results formats). Errors (missing or unparseable graph,
    malformed query) raise :class:`~kg.errors.KgError`.
    """
    if fmt not in QUERY_FORMATS:
        raise KgError(f"unknown output format {fmt!r}; choose one of {', '.join(QUERY_FORMATS)}")
    kind, names, rows = _run(graph_path, sparql, cache)
    return format_rows(names, rows, fmt, sparql=sparql, ask=kind == "ask")

