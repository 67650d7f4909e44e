"""kg: knowledge graphs of methods, datasets, metrics and tasks from machine-learning paper listings.

>>> import kg
>>> G = kg.build()                      # the bundled sample corpus  # doctest: +SKIP
>>> kg.load("outputs/graph.json")       # a graph written by `kg build`  # doctest: +SKIP
"""

__version__ = "0.1.0"

from .errors import KgError  # noqa: E402
from .api import build, load  # noqa: E402

__all__ = ["KgError", "__version__", "build", "load"]
