"""The ``>>>`` examples in the package's docstrings run and give what they show."""

import doctest
import importlib
import pkgutil

import pytest

import kg

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(kg.__path__, "kg.")
    if not info.name.startswith(("kg.analysis",))  # its doctests run in tests/test_analysis.py
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
