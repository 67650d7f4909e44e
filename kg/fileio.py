"""Atomic file writing: write to a temporary file beside the target, then rename.

A reader never sees a half-written output: an exception, Ctrl-C or a killed process
leaves the earlier file as it was. Temporary files are named
``.<name>.<pid>.<random>.tmp``; those of processes that no longer run (a build killed
with SIGKILL cannot clean up) are removed by the next :func:`ensure_dir` of the directory.
"""

import contextlib
import contextvars
import os
import re
import signal
import tempfile
import threading
from pathlib import Path

from .errors import KgError

__all__ = ["atomic_group", "atomic_path", "atomic_write", "ensure_dir", "groups_committed", "pending_path",
           "remove_stale_temps"]

_TEMP_NAME = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")
# The renames waiting for the end of the innermost ``atomic_group`` block, or None outside one.
_PENDING = contextvars.ContextVar("kg_atomic_pending", default=None)


def ensure_dir(path):
    """Create directory ``path`` (and parents), check that a file can be written in it, and
    remove temporary files that killed runs left there; raise :class:`KgError` saying why not."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise KgError("output directory is a file; choose another -o/--output directory", path=path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KgError(f"cannot create output directory ({exc.strerror}); choose another -o/--output directory",
                      path=path) from None
    try:  # os.access is not enough: root, read-only mounts, ACLs
        fd, probe = tempfile.mkstemp(prefix=f".kg-probe.{os.getpid()}.", suffix=".tmp", dir=path)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise KgError(f"output directory is not writable ({exc.strerror}); choose another -o/--output directory",
                      path=path) from None
    remove_stale_temps(path)
    return path


def _running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but belongs to someone else
        return True
    return True


def remove_stale_temps(directory):
    """Remove the temporary files of :func:`atomic_write` in ``directory`` whose process has ended; return them."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            m = _TEMP_NAME.match(entry.name)
            if m and entry.is_file(follow_symlinks=False) and not _running(int(m.group(1))):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return sorted(removed)


def _write_error(exc, path):
    hint = "give a file path, not a directory" if isinstance(exc, IsADirectoryError) else "check the path and free space"
    return KgError(f"cannot write output ({exc.strerror or exc}); {hint}", path=path)


def _temp_for(path):
    """A new temporary file beside ``path`` (closed): its path."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _write_error(exc, path) from None
    os.close(fd)
    return tmp


@contextlib.contextmanager
def _committing(tmp, path):
    """Rename ``tmp`` over ``path`` (or, in an :func:`atomic_group`, at its end) if the block succeeds;
    else remove ``tmp``."""
    try:
        yield
        os.chmod(tmp, 0o644)
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(path))
        pending = _PENDING.get()
        if pending is None:
            os.replace(tmp, path)
            _sync_dir(path.parent)
        else:
            pending.append((tmp, path))
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        # a failed write (disk full) or rename; other errors of the caller's block pass through
        if isinstance(exc, OSError) and exc.filename in (None, str(path), tmp):
            raise _write_error(exc, path) from None
        raise


@contextlib.contextmanager
def atomic_write(path, mode="w", *, encoding="utf-8", newline="\n"):
    """Open a temporary file next to ``path``; on success rename it over ``path``.

    An exception (or a killed process) leaves any earlier ``path`` untouched and
    removes the temporary file, so no reader ever sees a half-written output.
    Inside :func:`atomic_group` the rename waits for the end of the group.
    An operating-system error (disk full, ``path`` is a directory) becomes a :class:`KgError`.
    """
    path = Path(path)
    tmp = _temp_for(path)
    with _committing(tmp, path):
        with open(tmp, mode) if "b" in mode else open(tmp, mode, encoding=encoding, newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())


@contextlib.contextmanager
def atomic_path(path):
    """:func:`atomic_write` for a file that someone else (another process) writes: yields the
    temporary file's path, to be written (and flushed to disk) before the block ends."""
    path = Path(path)
    tmp = _temp_for(path)
    with _committing(tmp, path):
        yield Path(tmp)


def pending_path(path):
    """Where the content of ``path`` is now: its temporary file if an :func:`atomic_group` has yet to
    rename it into place, else ``path``."""
    path = Path(path)
    for tmp, target in reversed(_PENDING.get() or ()):
        if target == path:
            return Path(tmp)
    return path


@contextlib.contextmanager
def atomic_group():
    """Make the :func:`atomic_write` s inside the block all-or-nothing.

    Each file is written to its temporary file as usual, but all are renamed into place
    only when the block ends without an exception; otherwise every temporary file is
    removed and every earlier output stays as it was, so an output directory never
    mixes files of two builds (bar a crash during the renames, which take microseconds: Ctrl-C
    and SIGTERM wait for the renames to finish, then take effect; :func:`groups_committed`
    tells an interrupt handler whether outputs were replaced). A group inside a group joins
    the outer one.
    """
    if _PENDING.get() is not None:
        yield
        return
    pending = []
    token = _PENDING.set(pending)
    try:
        yield
    except BaseException:
        for tmp, _ in pending:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    finally:
        _PENDING.reset(token)
    with _signals_deferred():
        try:
            for i, (tmp, path) in enumerate(pending):
                os.replace(tmp, path)
        except OSError as exc:
            for tmp, _ in pending[i:]:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            raise _write_error(exc, path) from None
        global _COMMITTED
        _COMMITTED += 1
        for parent in sorted({path.parent for _, path in pending}):
            _sync_dir(parent)


_COMMITTED = 0  # atomic groups whose renames completed in this process
_DEFERRED = (signal.SIGINT, signal.SIGTERM)


def groups_committed():
    """How many :func:`atomic_group` blocks of this process have renamed their files into place."""
    return _COMMITTED


@contextlib.contextmanager
def _signals_deferred():
    """Hold Ctrl-C and SIGTERM until the block ends; one that arrived meanwhile is raised again as the
    block ends. (Python handlers run on the main thread, so only there can they be swapped; a signal
    mask would not do, since the operating system hands a signal to any thread that does not block it.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived = []
    previous = {sig: signal.signal(sig, lambda signum, frame: arrived.append(signum)) for sig in _DEFERRED}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)  # None: set outside Python
        for sig in dict.fromkeys(arrived):
            signal.raise_signal(sig)


def _sync_dir(directory):
    """Flush a directory entry (the rename) to disk where the platform allows it."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
