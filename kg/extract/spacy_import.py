"""Import spaCy without its command-line interface.

``import spacy`` runs ``from .cli.info import info``, which imports the whole ``spacy`` command
line (typer, weasel, requests, httpx and every subcommand): about 0.13 s of the 0.4 s import on
this project's machine, for a function the extractor never calls (spaCy's maintainers made it lazy
once, explosion/spaCy#12962). :func:`import_spacy` imports spaCy with two empty stand-in modules
for ``spacy.cli`` and ``spacy.cli.info``, then removes them, so ``spacy.info`` and ``import
spacy.cli`` still work, importing the real command line when first used.
"""

import importlib.util
import sys
import types

__all__ = ["import_spacy"]

#: The line of ``spacy/__init__.py`` that :func:`import_spacy` stands in for; without it (another
#: spaCy version), spaCy is imported as it is.
CLI_IMPORT = "from .cli.info import info"


def _info(*args, **kwargs):
    """``spacy.info``, importing spaCy's command line on the first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy():
    """Import and return spaCy, without its command line unless something imported it already.

    >>> spacy = import_spacy()
    >>> [t.text for t in spacy.blank("en")("A diffusion model.")]
    ['A', 'diffusion', 'model', '.']
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    spec = importlib.util.find_spec("spacy")
    try:
        with open(spec.origin, encoding="utf-8") as fh:
            known = CLI_IMPORT in fh.read()
    except (AttributeError, TypeError, OSError, ValueError):  # no source to check
        known = False
    if not known:
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info = types.ModuleType("spacy.cli.info")
    info.info = _info
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:  # (found in sys.modules, the stand-ins were never set as attributes of spacy)
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy
