"""Read paper listings (listing-page text dumps, JSON Lines, CSV, arXiv metadata) into :class:`Paper` records."""

import csv
import io
import json
import re
import sys
import warnings
from importlib import resources
from pathlib import Path

from .errors import KgError
from .model import Paper, normalise_title, paper_key

__all__ = [
    "FORMATS",
    "MAX_FIELD_CHARS",
    "detect_format",
    "dedupe",
    "iter_files",
    "parse_listing",
    "read_file",
    "read_inputs",
    "sample_paths",
]

#: Input formats ``read_file`` understands; ``"auto"`` detects one per file.
FORMATS = ("auto", "listing", "jsonl", "csv")
#: Longer fields are cut to this many characters, with a warning.
MAX_FIELD_CHARS = 100_000
_SUFFIXES = {".txt": "listing", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}

# Page chrome of listing pages: whole lines that are navigation, not papers.
_CHROME_LINE = re.compile(
    r"""^(?:new|subscribe|
        get\ trending\ papers\ in\ your\ email\ inbox.*|
        by\s*ak\ and\ the\ research\ community|
        (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\ \d{1,2}(?:,\ \d{4})?|
        \d{1,2}\ (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\ \d{4})?|
        \d{4}-\d{2}-\d{2}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Chrome glued onto the front of a title ("SubscribeMotion Mamba: ...").
_CHROME_PREFIX = re.compile(r"^(?:Subscribe|new)(?=[A-Z0-9])")
_ARXIV_NEW = re.compile(r"^(\d{4}\.\d{4,5})(?:v\d+)?$")
_ARXIV_OLD = re.compile(r"^([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
_ARXIV_IN_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:\.pdf)?(?:[?#]|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")
_MAX_TITLE_CHARS = 400


def sample_paths():
    """Paths of the listing dumps bundled with the package (the sample corpus)."""
    root = resources.files("kg") / "data" / "sample"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".txt"))


def iter_files(paths):
    """Expand files and directories into a sorted list of input files."""
    files = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise KgError("no such file or directory; check the path", path=path)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in _SUFFIXES and not p.name.startswith(".")
            )
            if not found:
                kinds = ", ".join(sorted(_SUFFIXES))
                raise KgError(f"directory holds no input files ({kinds})", path=path)
            files.extend(found)
        else:
            files.append(path)
    return files


def detect_format(path, head):
    """Guess the format of ``path`` from its suffix, else from its first characters ``head``."""
    fmt = _SUFFIXES.get(Path(path).suffix.lower())
    if fmt:
        return fmt
    stripped = head.lstrip()
    if stripped.startswith("{"):
        return "jsonl"
    first = stripped.split("\n", 1)[0].lower()
    if "," in first and ("abstract" in first or "text" in first) and "title" in first:
        return "csv"
    return "listing"


def _clean(text):
    """Strip control characters and collapse whitespace in a title or a metadata value."""
    return _SPACE.sub(" ", _CONTROL.sub(" ", text)).strip()


def _clean_text(text):
    """Titles and abstracts keep their characters (offsets refer to them); control characters become spaces."""
    return _CONTROL.sub(" ", text)


def _cap(text, path, line, what):
    if len(text) > MAX_FIELD_CHARS:
        warnings.warn(f"{path}:{line}: {what} has {len(text):,} characters; keeping the first {MAX_FIELD_CHARS:,}")
        return text[:MAX_FIELD_CHARS]
    return text


def _arxiv_id(*values):
    for value in values:
        if not value:
            continue
        value = str(value).strip()
        value = value.removeprefix("arXiv:").removeprefix("arxiv:")
        m = _ARXIV_IN_URL.search(value)
        if m:
            value = m.group(1)
        for pattern in (_ARXIV_NEW, _ARXIV_OLD):
            m = pattern.match(value)
            if m:
                return m.group(1)
    return None


def _make_paper(*, title, abstract, source, path, line, input_id=None, arxiv_id=None, url=None,
                date=None, authors=(), categories=()):
    title = _cap(_clean_text(title), path, line, "title")
    abstract = _cap(_clean_text(abstract), path, line, "abstract")
    if not title and not abstract.strip():
        raise KgError("record has neither a title nor an abstract", path=path, line=line)
    arxiv = _arxiv_id(arxiv_id, input_id, url)
    return Paper(
        key=paper_key(arxiv_id=arxiv, title=title, abstract=abstract),
        title=title,
        abstract=abstract,
        input_id=input_id,
        arxiv_id=arxiv,
        url=url or (f"https://arxiv.org/abs/{arxiv}" if arxiv else None),
        date=date,
        authors=tuple(authors),
        categories=tuple(categories),
        sources=[source],
    )


def _looks_like_title(line):
    """A listing title is short and does not read like a sentence of prose."""
    return len(line) <= _MAX_TITLE_CHARS and len(re.findall(r"[.!?]\s+[A-Z]", line)) <= 2


def parse_listing(lines, path="<listing>", on_error=None):
    """Yield papers from the lines of a listing-page dump: a title line followed by its abstract line.

    Page chrome is dropped; blank lines between entries are optional. A title
    without an abstract (the next line is another title) becomes a paper with an
    empty abstract rather than swallowing the next title.
    """
    entries = []
    for number, raw in enumerate(lines, 1):
        text = _CONTROL.sub(" ", raw).strip()
        if not text or _CHROME_LINE.match(text):
            continue
        text = _CHROME_PREFIX.sub("", text)
        entries.append((number, text))
    i = 0
    while i < len(entries):
        number, title = entries[i]
        abstract = ""
        if i + 1 < len(entries):
            nxt = entries[i + 1][1]
            # The next line is this title's abstract unless it is itself a title followed by an abstract.
            if not (_looks_like_title(nxt) and _looks_like_title(title) and len(nxt) < 200
                    and i + 2 < len(entries) and not _looks_like_title(entries[i + 2][1])):
                abstract = nxt
                i += 1
        i += 1

        def make(title=title, abstract=abstract, number=number):
            if len(title) > _MAX_TITLE_CHARS:
                raise KgError(
                    "expected a title line but found a paragraph; a listing dump alternates a title line "
                    "and an abstract line (use --format to read the file as another format)",
                    path=path, line=number,
                )
            return _make_paper(title=title, abstract=abstract, source=f"{path}:{number}", path=path, line=number)

        paper = _guard(make, on_error)
        if paper is not None:
            yield paper


def _field(record, *names):
    for name in names:
        value = record.get(name)
        if value is not None:
            return value
    return None


def _as_list(value, sep=","):
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(_clean(str(v)) for v in value if str(v).strip())
    value = str(value)
    if sep == "authors":
        parts = re.split(r"\s*(?:;|,|\band\b)\s*", value)
    else:
        parts = value.split()
    return tuple(p.strip() for p in parts if p.strip())


def _paper_from_record(record, path, line):
    if not isinstance(record, dict):
        raise KgError("expected a JSON object with title and abstract fields", path=path, line=line)
    title = _field(record, "title")
    abstract = _field(record, "abstract", "text", "summary")
    if abstract is None:
        raise KgError("record has no 'abstract' (or 'text') field", path=path, line=line)
    if not isinstance(abstract, str) or (title is not None and not isinstance(title, str)):
        raise KgError("'title' and 'abstract' must be strings", path=path, line=line)
    input_id = _field(record, "id", "paper_id")
    date = _field(record, "date", "update_date", "published")
    return _make_paper(
        title=title or "",
        abstract=abstract,
        source=f"{path}:{line}",
        path=path,
        line=line,
        input_id=None if input_id is None else str(input_id),
        arxiv_id=_field(record, "arxiv_id"),
        url=_field(record, "url"),
        date=None if date is None else str(date),
        authors=_as_list(_field(record, "authors"), "authors"),
        categories=_as_list(_field(record, "categories")),
    )


def _guard(make, on_error):
    """Call ``make()``; a :class:`KgError` goes to ``on_error`` (record skipped) or propagates."""
    try:
        return make()
    except KgError as exc:
        if on_error is None:
            raise
        on_error(exc)
        return None


def _read_jsonl(handle, path, on_error):
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue

        def make(line=line, number=number):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise KgError(f"malformed JSON ({exc.msg} at column {exc.colno})", path=path, line=number) from None
            return _paper_from_record(record, path, number)

        paper = _guard(make, on_error)
        if paper is not None:
            yield paper


def _read_csv(handle, path, on_error):
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(handle)
    columns = {c.strip().lower() for c in (reader.fieldnames or [])}
    if not columns & {"abstract", "text", "summary"}:
        raise KgError(
            f"CSV has no 'abstract' or 'text' column (columns: {', '.join(sorted(columns)) or 'none'})",
            path=path, line=1,
        )
    try:
        for row in reader:
            record = {k.strip().lower(): v for k, v in row.items() if k is not None}
            paper = _guard(lambda: _paper_from_record(record, path, reader.line_num), on_error)
            if paper is not None:
                yield paper
    except csv.Error as exc:
        raise KgError(f"malformed CSV ({exc})", path=path, line=reader.line_num) from None


def _decode(path):
    """Read ``path`` as text: UTF-8 (with or without BOM) or UTF-16 with a BOM; refuse binary files."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KgError(f"cannot read file ({exc.strerror})", path=path) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise KgError(f"not valid UTF-16 (byte {exc.start}); re-save the file as UTF-8", path=path) from None
    if b"\x00" in data[:8192]:
        raise KgError("looks like a binary file, not text; give a listing, JSON Lines or CSV file", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise KgError(f"not valid UTF-8 (byte {exc.start}); re-save the file as UTF-8", path=path, line=line) from None


def read_file(path, fmt="auto", on_error=None, *, name=None):
    """Yield the papers of one input file in format ``fmt`` (see :data:`FORMATS`).

    A bad record raises :class:`KgError`, or, with ``on_error``, is passed to it and skipped.
    ``name`` is how sources and errors refer to the file (default: the path as given).
    """
    path = Path(path)
    label = name or str(path)
    text = _decode(path)
    if not text.strip():
        raise KgError("file is empty; give a file with at least one paper", path=label)
    if fmt == "auto":
        fmt = detect_format(path, text[:4096])
    handle = io.StringIO(text, newline=None)
    if fmt == "jsonl":
        yield from _read_jsonl(handle, label, on_error)
    elif fmt == "csv":
        yield from _read_csv(handle, label, on_error)
    elif fmt == "listing":
        yield from parse_listing(handle, label, on_error)
    else:
        raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def dedupe(papers):
    """Merge papers listed more than once: same arXiv id, else same normalised title.

    The first occurrence wins; later ones add their sources (and fill metadata the
    first lacked). Order of first appearance is kept.
    """
    merged = {}
    by_title = {}
    for paper in papers:
        norm = normalise_title(paper.title)
        target = merged.get(paper.key)
        if target is None and norm:
            target = by_title.get(norm)
        if target is None:
            merged[paper.key] = paper
            if norm:
                by_title.setdefault(norm, paper)
            continue
        target.sources.extend(s for s in paper.sources if s not in target.sources)
        for name in ("input_id", "arxiv_id", "url", "date"):
            if getattr(target, name) is None and getattr(paper, name) is not None:
                setattr(target, name, getattr(paper, name))
        if not target.authors:
            target.authors = paper.authors
        if not target.abstract.strip() and paper.abstract.strip():
            target.abstract = paper.abstract
    return list(merged.values())


def read_inputs(paths=None, fmt="auto", *, on_error=None):
    """Yield the papers of every input file (the bundled sample when ``paths`` is empty).

    Without ``on_error`` the first bad file or record raises :class:`KgError`; with it,
    each is passed to ``on_error(error)`` and skipped (``--skip-bad``).
    """
    if fmt not in FORMATS:
        raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if paths:
        files = [(path, None) for path in iter_files(paths)]
    else:
        files = [(path, f"sample/{path.name}") for path in sample_paths()]
    for path, name in files:
        try:
            yield from read_file(path, fmt, on_error, name=name)
        except KgError as exc:
            if on_error is None:
                raise
            on_error(exc)
