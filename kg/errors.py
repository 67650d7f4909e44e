"""The one exception type of the library: an error a user can act on."""

__all__ = ["KgError"]


class KgError(Exception):
    """A problem with the user's input or environment, worded for the user.

    The message names the file (and line or record where there is one), what
    is wrong and what to do. The CLI prints it on one line and exits non-zero.
    """

    def __init__(self, message, *, path=None, line=None):
        self.path = None if path is None else str(path)
        self.line = line
        where = ""
        if self.path is not None:
            where = self.path if line is None else f"{self.path}:{line}"
            where += ": "
        super().__init__(where + message)
