"""Atomic file writing: write to a temporary file beside the target, then rename."""

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import KgError

__all__ = ["atomic_write", "ensure_dir"]


def ensure_dir(path):
    """Create directory ``path`` (and parents) or raise :class:`KgError` saying why not."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise KgError("output directory is a file; choose another -o/--output directory", path=path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KgError(f"cannot create output directory ({exc.strerror})", path=path) from None
    if not os.access(path, os.W_OK):
        raise KgError("output directory is not writable; choose another -o/--output directory", path=path)
    return path


@contextlib.contextmanager
def atomic_write(path, mode="w", *, encoding="utf-8", newline="\n"):
    """Open a temporary file next to ``path``; on success rename it over ``path``.

    An exception (or a killed process) leaves any earlier ``path`` untouched and
    removes the temporary file, so no reader ever sees a half-written output.
    """
    path = Path(path)
    binary = "b" in mode
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise KgError(f"cannot write output ({exc.strerror})", path=path) from None
    try:
        if binary:
            fh = os.fdopen(fd, mode)
        else:
            fh = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
