"""Write ``kg/data/gazetteer/tokens.json``: how the pipeline's tokenizer splits each gazetteer name.

Usage::

    python scripts/make_gazetteer_tokens.py           # after editing the gazetteer or the tokenizer
    python scripts/make_gazetteer_tokens.py --check   # exit 1 if the shipped table is stale

The gazetteer matches names as token sequences, so each of its ~21,400 name forms (names, plurals,
lowercase forms, hyphens spaced) must be tokenized when the pipeline loads, which creates a lexeme for every new
word: about a second of every start-up. The table stores the result. It names the strings and
the tokenizer it was made for (digests), and :func:`kg.extract.gazetteer.tokenize_strings`
ignores it for any others, so a stale table costs speed, never correctness;
``tests/test_spacy_equivalence.py`` fails when the shipped one is stale.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.extract.gazetteer import (  # noqa: E402
    TOKEN_TABLE, GazetteerMatcher, load_records, token_table, write_token_table)
from kg.extract.pipeline import build_pipeline  # noqa: E402

PATH = ROOT / "kg" / "data" / "gazetteer" / TOKEN_TABLE


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the shipped table is current")
    args = parser.parse_args(argv)
    nlp = build_pipeline(use_model=False)
    strings = GazetteerMatcher.strings(load_records())
    table = token_table(nlp.tokenizer, strings)
    if args.check:
        current = json.loads(PATH.read_text(encoding="utf-8")) if PATH.exists() else None
        if current != table:
            print(f"{PATH} is stale: run python scripts/make_gazetteer_tokens.py", file=sys.stderr)
            return 1
        print(f"{PATH} is current")
        return 0
    write_token_table(PATH, table)
    print(f"wrote {PATH}: {len(table['split'])} of {len(strings)} "
          "names split differently from whitespace")
    return 0


if __name__ == "__main__":
    sys.exit(main())
