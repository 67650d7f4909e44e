"""kg: knowledge graphs of methods, datasets, metrics and tasks from machine-learning paper listings.

>>> import kg
>>> G = kg.build()                      # the bundled sample corpus  # doctest: +SKIP
>>> kg.load("outputs/graph.json")       # a graph written by `kg build`  # doctest: +SKIP
"""

__version__ = "0.1.0"

from .errors import KgError  # noqa: E402

__all__ = ["KgError", "__version__", "build", "load"]


def __getattr__(name):
    # build and load come from kg.api on first use: importing it (NetworkX, rdflib) would cost
    # every command, `kg query` included, a few hundred milliseconds at start
    if name in ("build", "load"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
