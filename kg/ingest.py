"""Read paper listings (listing-page text dumps, JSON Lines, CSV, arXiv metadata) into :class:`Paper` records.

Files are streamed line by line, so memory stays bounded however big an input is:
the encoding (UTF-8, or UTF-16/32 with a byte-order mark) and binary files are
recognised from the first bytes, invalid UTF-8 is reported with its line and
column, and over-long lines and fields are cut or refused with a message. Text
is kept as given (mention offsets refer to it) except that control characters
become spaces and characters no output format can hold (lone surrogates,
U+FFFE/U+FFFF) become U+FFFD, one character for one, so offsets stay valid.

A record needs a title or an abstract: title-only papers (listing entries) and
abstract-only ones are kept. Bad records raise :class:`KgError` naming the file and
line, or go to ``on_error`` and are skipped (``--skip-bad``). An id seen again with
another title warns and both papers are kept; with the same title they are one
paper, which :func:`dedupe` merges.
"""

import codecs
import csv
import io
import json
import re
import warnings
from collections import deque
from importlib import resources
from itertools import islice
from pathlib import Path

from .errors import KgError
from .model import Paper, normalise_title, paper_key

__all__ = [
    "FORMATS",
    "MAX_FIELD_CHARS",
    "MAX_LINE_CHARS",
    "MAX_TITLE_CHARS",
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
#: Longer abstracts are cut to this many characters, with a warning.
MAX_FIELD_CHARS = 100_000
#: Longer titles are cut to this many characters, with a warning (real titles have a few hundred).
MAX_TITLE_CHARS = 2_000
#: Longer lines are cut (listings) or refused as a bad record (JSON Lines, CSV); this bounds memory.
MAX_LINE_CHARS = 16 * 1024 * 1024
_SUFFIXES = {".txt": "listing", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
_ABSTRACT_FIELDS = ("abstract", "text", "summary")
_HEAD_BYTES = 8192
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GIVE_TEXT = "give a listing, JSON Lines or CSV file"
_MAGIC = (  # (first bytes, what the file is, what to do)
    (b"%PDF-", "a PDF document", "extract its text first"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)", "unpack it or export it as CSV first"),
    (b"\x1f\x8b", "a gzip-compressed file", "decompress it first (gunzip)"),
    (b"\xfd7zXZ\x00", "an xz-compressed file", "decompress it first (unxz)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", _GIVE_TEXT),
    (b"\xff\xd8\xff", "a JPEG image", _GIVE_TEXT),
    (b"GIF87a", "a GIF image", _GIVE_TEXT),
    (b"GIF89a", "a GIF image", _GIVE_TEXT),
    (b"SQLite format 3\x00", "an SQLite database", _GIVE_TEXT),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office file", "export it as CSV first"),
)

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
# C0 controls other than tab, newline and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Characters no output can hold: lone surrogates (not encodable as UTF-8) and U+FFFE/U+FFFF (not XML).
_UNENCODABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
# Bytes that are not UTF-8 decode (with "surrogateescape") to U+DC80..U+DCFF.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_HTTP_URL = re.compile(r"https?://[^\s<>\"'{}|\\^`\x00-\x1f\x7f]+", re.IGNORECASE)
_MAX_LISTING_TITLE = 400
_MAX_META_CHARS = 2_000


def sample_paths():
    """Paths of the listing dumps bundled with the package (the sample corpus)."""
    root = resources.files("kg") / "data" / "sample"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".txt"))


def iter_files(paths):
    """Expand files and directories into a list of input files (each directory's sorted).

    Inside a directory, only files with a known suffix are read, and hidden files and
    directories (``.git``, ``.kg-cache``) are skipped.
    """
    files = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise KgError("no such file or directory; check the path", path=path)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in _SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                kinds = ", ".join(sorted(_SUFFIXES))
                raise KgError(f"directory holds no input files ({kinds}); give a file or another directory",
                              path=path)
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
    """A metadata value on one line: control characters and runs of whitespace become one space."""
    return " ".join(_clean_text(text).split())  # collapse whitespace (faster than a regex)


def _clean_text(text):
    """Titles and abstracts keep their characters (offsets refer to them); control characters
    become spaces and unencodable ones U+FFFD."""
    return _UNENCODABLE.sub("\ufffd", _CONTROL.sub(" ", text))


def _cap(text, path, line, what, limit):
    if len(text) > limit:
        warnings.warn(f"{path}:{line}: {what} has {len(text):,} characters; keeping the first {limit:,}")
        return text[:limit]
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


def _url(url, path, line):
    """``url`` if it is an http(s) URL, else None with a warning (a ``javascript:`` link must not reach a page)."""
    if url is None:
        return None
    url = _clean(str(url))
    if not url:
        return None
    if len(url) > _MAX_META_CHARS or not _HTTP_URL.fullmatch(url):
        warnings.warn(f"{path}:{line}: url {url[:80]!r} is not an http(s) URL; ignoring it")
        return None
    return url


def _make_paper(*, title, abstract, source, path, line, abstract_line=None, input_id=None, arxiv_id=None,
                url=None, date=None, authors=(), categories=()):
    title = _cap(_clean_text(title), path, line, "title", MAX_TITLE_CHARS)
    abstract = _cap(_clean_text(abstract), path, abstract_line or line, "abstract", MAX_FIELD_CHARS)
    if not title.strip():
        title = ""
    if not title and not abstract.strip():
        raise KgError("record has neither a title nor an abstract; give at least one", path=path, line=line)
    arxiv = _arxiv_id(arxiv_id, input_id, url)
    url = _url(url, path, line)
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
    return len(line) <= _MAX_LISTING_TITLE and len(re.findall(r"[.!?]\s+[A-Z]", line)) <= 2


def parse_listing(lines, path="<listing>", on_error=None):
    """Yield papers from the lines of a listing-page dump: a title line followed by its abstract line.

    Page chrome is dropped; blank lines between entries are optional. A title
    without an abstract (the next line is another title) becomes a paper with an
    empty abstract rather than swallowing the next title. Streams: at most three
    lines are held at a time.
    """
    return _parse_listing(enumerate(lines, 1), path, on_error)


def _listing_entries(numbered):
    for number, raw in numbered:
        text = _CONTROL.sub(" ", raw).strip()
        if not text or _CHROME_LINE.match(text):
            continue
        yield number, _CHROME_PREFIX.sub("", text)


def _parse_listing(numbered, path, on_error):
    entries = _listing_entries(numbered)
    window = deque(islice(entries, 3))
    while window:
        number, title = window.popleft()
        abstract, abstract_line = "", None
        if window:
            nxt = window[0][1]
            after = window[1][1] if len(window) > 1 else None
            # The next line is this title's abstract unless it is itself a title followed by an abstract.
            if not (_looks_like_title(nxt) and _looks_like_title(title) and len(nxt) < 200
                    and after is not None and not _looks_like_title(after)):
                abstract, abstract_line = nxt, window.popleft()[0]
        window.extend(islice(entries, 3 - len(window)))

        def make(title=title, abstract=abstract, number=number, abstract_line=abstract_line):
            if len(title) > _MAX_LISTING_TITLE:
                raise KgError(
                    f"expected a title line but found a paragraph of {len(title):,} characters; a listing dump "
                    "alternates a title line and an abstract line (use --format to read the file as another format)",
                    path=path, line=number,
                )
            return _make_paper(title=title, abstract=abstract, source=f"{path}:{number}", path=path, line=number,
                               abstract_line=abstract_line)

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
        parts = [str(v) for v in value]
    elif sep == "authors":
        parts = re.split(r"\s*(?:;|,|\band\b)\s*", str(value))
    else:
        parts = str(value).split()
    return tuple(p for p in (_clean(p)[:_MAX_META_CHARS] for p in parts) if p)


def _scalar(record, path, line, *names):
    """A metadata value (string or number) as one clean line of text, or None."""
    value = _field(record, *names)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise KgError(f"'{names[0]}' must be a string or a number, not {type(value).__name__}", path=path, line=line)
    return _clean(str(value))[:_MAX_META_CHARS] or None


def _paper_from_record(record, path, line):
    if not isinstance(record, dict):
        raise KgError(f"expected a JSON object with title and abstract fields, not {type(record).__name__}",
                      path=path, line=line)
    title = _field(record, "title")
    abstract = _field(record, *_ABSTRACT_FIELDS)
    for name, value in (("title", title), ("abstract", abstract)):
        if value is not None and not isinstance(value, str):
            raise KgError(f"'{name}' must be a string, not {type(value).__name__}", path=path, line=line)
    return _make_paper(
        title=title or "",
        abstract=abstract or "",
        source=f"{path}:{line}",
        path=path,
        line=line,
        input_id=_scalar(record, path, line, "id", "paper_id"),
        arxiv_id=_scalar(record, path, line, "arxiv_id"),
        url=_scalar(record, path, line, "url"),
        date=_scalar(record, path, line, "date", "update_date", "published"),
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


def _read_jsonl(numbered, path, on_error):
    records = with_abstract = 0
    first = True
    for number, line in numbered:
        if not line.strip():
            continue
        if first and (line.lstrip().startswith("[") or line.strip() == "{"):
            raise KgError("a JSON array or a multi-line JSON object, not JSON Lines; write one object per line "
                          "(convert with: jq -c '.[]')", path=path, line=number)
        first = False

        def make(line=line, number=number):
            nonlocal records, with_abstract
            try:
                record = json.loads(line, parse_float=str)  # keep 2101.10010 as written
            except json.JSONDecodeError as exc:
                raise KgError(f"malformed JSON ({exc.msg} at column {exc.colno}); fix the line or skip bad "
                              "records with --skip-bad", path=path, line=number) from None
            except RecursionError:
                raise KgError("JSON nested too deeply; give one flat object per line", path=path, line=number) from None
            paper = _paper_from_record(record, path, number)
            records += 1
            with_abstract += _field(record, *_ABSTRACT_FIELDS) is not None
            return paper

        paper = _guard(make, on_error)
        if paper is not None:
            yield paper
    if records and not with_abstract:
        warnings.warn(f"{path}: no record has an 'abstract' (or 'text', 'summary') field; only titles are read")


def _read_csv(numbered, path, on_error):
    csv.field_size_limit(MAX_LINE_CHARS)
    first_lines = []  # the physical line numbers the csv reader consumed for the current row

    def feed():
        for number, text in numbered:
            first_lines.append(number)
            yield text

    reader = csv.reader(feed())

    def next_row():
        first_lines.clear()
        try:
            row = next(reader, None)
        except csv.Error as exc:
            where = first_lines[0] if first_lines else None
            raise KgError(f"malformed CSV ({exc}); check the quoting of this record", path=path, line=where) from None
        return row, (first_lines[0] if first_lines else None)

    header, header_line = next_row()
    while header is not None and not any(cell.strip() for cell in header):
        header, header_line = next_row()
    columns = [c.strip().lower() for c in header or ()]
    if not set(columns) & set(_ABSTRACT_FIELDS):
        raise KgError(
            f"CSV has no 'abstract' or 'text' column (columns: {', '.join(columns) or 'none'}); name the "
            "abstract column 'abstract' (for titles only, add an empty one)",
            path=path, line=header_line or 1,
        )
    while True:
        row, line = next_row()
        if row is None:
            return
        if not any(cell.strip() for cell in row):
            continue

        def make(row=row, line=line):
            if len(row) != len(columns):
                raise KgError(
                    f"row has {len(row)} fields but the header has {len(columns)}; quote fields that hold "
                    "commas, quotes or line breaks", path=path, line=line,
                )
            record = {}
            for name, value in zip(columns, row):
                record.setdefault(name, value)
            return _paper_from_record(record, path, line)

        paper = _guard(make, on_error)
        if paper is not None:
            yield paper


def _report(error, on_error):
    if on_error is None:
        raise error
    on_error(error)


class _Lines:
    """The numbered text lines of an input file, decoded and checked one at a time.

    A line longer than :data:`MAX_LINE_CHARS` is cut to that length with a warning in a
    ``listing`` and is a bad record otherwise; a line with bytes that are not UTF-8 is a bad
    record (in a listing, a bad file). ``has_text`` tells whether any line was not blank.
    """

    def __init__(self, stream, path, encoding, on_error, *, listing):
        self.stream = stream
        self.path = path
        self.encoding = encoding
        self.on_error = on_error
        self.listing = listing
        self.has_text = False

    def _readline(self, number):
        try:
            return self.stream.readline(MAX_LINE_CHARS)
        except UnicodeDecodeError:  # strict decoders only (UTF-16/32), which read ahead: the line is approximate
            raise KgError(f"not valid {self.encoding.upper()} (at or after this line); re-save the file as UTF-8",
                          path=self.path, line=number) from None

    def __iter__(self):
        number = 0
        while True:
            line = self._readline(number + 1)
            if not line:
                return
            number += 1
            extra = self._skip_rest(number) if len(line) == MAX_LINE_CHARS and not line.endswith("\n") else 0
            if extra:
                total = len(line) + extra
                self.has_text = True
                if not self.listing:
                    _report(KgError(f"line has {total:,} characters, more than the {MAX_LINE_CHARS:,} allowed; "
                                    "shorten or split the record", path=self.path, line=number), self.on_error)
                    continue
                warnings.warn(f"{self.path}:{number}: line has {total:,} characters; reading the first "
                              f"{MAX_LINE_CHARS:,}")
            bad = _ESCAPED_BYTE.search(line)
            if bad:
                self.has_text = True
                byte = ord(bad.group()) - 0xDC00
                error = KgError(f"not valid UTF-8 (byte 0x{byte:02X} at column {bad.start() + 1}); re-save the file "
                                "as UTF-8 (from Windows-1252: iconv -f cp1252 -t utf-8)", path=self.path, line=number)
                if self.listing:  # a dropped line would pair the wrong titles and abstracts: give up the file
                    raise error
                _report(error, self.on_error)
                continue
            if not self.has_text and line.strip():
                self.has_text = True
            yield number, line

    def _skip_rest(self, number):
        """Read past the rest of an over-long line; return how many characters it had (without the line end)."""
        skipped = 0
        while True:
            chunk = self._readline(number)
            skipped += len(chunk)
            if not chunk:
                return skipped
            if chunk.endswith("\n"):
                return skipped - 1


def _sniff(head, path):
    """The encoding of a file from its first bytes ``head``; refuse binary files."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    for magic, what, advice in _MAGIC:
        if head.startswith(magic):
            raise KgError(f"looks like {what}, not text; {advice}", path=path)
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) > len(head) // 4 and min(even, odd) == 0:
            raise KgError("looks like UTF-16 text without a byte-order mark; re-save the file as UTF-8", path=path)
        raise KgError(f"looks like a binary file, not text; {_GIVE_TEXT}", path=path)
    return "utf-8-sig"


def read_file(path, fmt="auto", on_error=None, *, name=None):
    """Yield the papers of one input file in format ``fmt`` (see :data:`FORMATS`), streaming it.

    A bad record raises :class:`KgError`, or, with ``on_error``, is passed to it and skipped.
    ``name`` is how sources and errors refer to the file (default: the path as given).
    """
    if fmt not in FORMATS:
        raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = Path(path)
    label = name or str(path)
    try:
        raw = open(path, "rb", buffering=1 << 16)  # noqa: SIM115 - the text wrapper below closes it
        head = raw.peek(_HEAD_BYTES)[:_HEAD_BYTES]
    except OSError as exc:
        raise KgError(f"cannot read file ({exc.strerror})", path=label) from None
    try:
        encoding = _sniff(head, label)
    except KgError:
        raw.close()
        raise
    if fmt == "auto":
        fmt = detect_format(path, head.decode(encoding, errors="replace"))
    errors = "surrogateescape" if encoding == "utf-8-sig" else "strict"
    count = skipped = 0
    if on_error is not None:
        def on_error(error, report=on_error):
            nonlocal skipped
            skipped += 1
            report(error)
    with io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline=None) as stream:
        lines = _Lines(stream, label, encoding, on_error, listing=fmt == "listing")
        reader = {"jsonl": _read_jsonl, "csv": _read_csv}.get(fmt, _parse_listing)
        for paper in reader(lines, label, on_error):
            count += 1
            yield paper
    if not lines.has_text:
        raise KgError("file is empty; give a file with at least one paper", path=label)
    if not count and not skipped:
        warnings.warn(f"{label}: no papers found in this file")


def dedupe(papers):
    """Merge papers listed more than once: same key (arXiv id, else normalised title), else same
    normalised title unless both have different arXiv ids.

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
            if target is not None and target.arxiv_id and paper.arxiv_id and target.arxiv_id != paper.arxiv_id:
                target = None  # two arXiv papers that share a title
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


def _check_ids(papers):
    """Pass ``papers`` through, warning when an id (arXiv id or input id) comes back with other content.

    Same id and same normalised title is one paper listed twice (:func:`dedupe` merges it;
    a different abstract gets a warning); same id and another title gets a warning naming
    both lines, and both papers are kept (unless they share an arXiv id: one paper). Holds
    a few small integers per id (about 250 bytes), not the papers.
    """
    files = []  # file names, indexed by the file number of a first occurrence
    seen = {}  # hash of (kind, id) -> (hash of title, hash of abstract, hash of key, file number, line)
    for paper in papers:
        idents = [("arXiv id", paper.arxiv_id), ("id", paper.input_id)]
        for kind, ident in idents if paper.input_id != paper.arxiv_id else idents[:1]:
            if ident and _check_id(seen, files, paper, kind, ident):
                break
        yield paper


def _check_id(seen, files, paper, kind, ident):
    """Remember or compare one id of ``paper``; return True if it warned."""
    path, _, line = paper.sources[0].rpartition(":")
    mark = (hash(normalise_title(paper.title)), hash(" ".join(paper.abstract.split())), hash(paper.key))
    first = seen.get(hash((kind, ident)))
    if first is None:
        if not files or files[-1] != path:
            files.append(path)
        seen[hash((kind, ident))] = (*mark, len(files) - 1, int(line))
        return False
    first_at = f"{files[first[3]]}:{first[4]}"
    if first[0] != mark[0]:
        outcome = "kg build merges them into one paper" if first[2] == mark[2] else "both are kept as papers"
        warnings.warn(f"{paper.sources[0]}: {kind} {ident!r} was already used at {first_at} for another title; "
                      f"{outcome}")
        return True
    if first[1] != mark[1]:
        warnings.warn(f"{paper.sources[0]}: {kind} {ident!r} has the same title as at {first_at} but another "
                      "abstract; kg build merges them and keeps the first abstract")
        return True
    return False


def read_inputs(paths=None, fmt="auto", *, on_error=None):
    """Yield the papers of every input file (the bundled sample when ``paths`` is empty), streaming.

    Without ``on_error`` the first bad file or record raises :class:`KgError`; with it,
    each is passed to ``on_error(error)`` and skipped (``--skip-bad``). An id used again
    for another paper gives a warning (see :func:`_check_ids`).
    """
    if fmt not in FORMATS:
        raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if paths:
        files = [(path, None) for path in iter_files(paths)]
    else:
        files = [(path, f"sample/{path.name}") for path in sample_paths()]
    yield from _check_ids(_read_all(files, fmt, on_error))


def _read_all(files, fmt, on_error):
    for path, name in files:
        try:
            yield from read_file(path, fmt, on_error, name=name)
        except KgError as exc:
            if on_error is None:
                raise
            on_error(exc)
