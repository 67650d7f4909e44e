"""The one exception type of the library: an error a user can act on."""

import re

__all__ = ["KgError", "one_line"]

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text):
    """``text`` safe to print as one terminal line: newlines, control characters (terminal
    escape sequences from hostile input) and lone surrogates shown as ``\\xNN``/``\\uNNNN`` escapes.

    >>> one_line("bad\\ninput \\x1b[31mred")
    'bad\\\\x0ainput \\\\x1b[31mred'
    """
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", str(text))


class KgError(Exception):
    """A problem with the user's input or environment, worded for the user.

    The message names the file (and line or record where there is one), what
    is wrong and what to do. It is always one printable line (see :func:`one_line`),
    even when it quotes input text. The CLI prints it and exits non-zero.
    """

    def __init__(self, message, *, path=None, line=None):
        self.path = None if path is None else str(path)
        self.line = line
        where = ""
        if self.path is not None:
            where = self.path if line is None else f"{self.path}:{line}"
            where += ": "
        super().__init__(one_line(where + message))
