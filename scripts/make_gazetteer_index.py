"""Write ``kg/data/gazetteer/index.pickle``: the gazetteer's names as the pipeline matches them.

Usage::

    python scripts/make_gazetteer_index.py           # after editing the gazetteer or the tokenizer
    python scripts/make_gazetteer_index.py --check   # exit 1 if the shipped index is stale

The gazetteer matches names as token sequences in a trie. Building it tokenizes each of its
~21,400 name forms (names, plurals, lowercase forms, hyphens spaced), which creates a lexeme for
every new word, and fills the trie: about a second of every start-up, or 0.18 s with the token
table this index replaced. The index stores the result in plain containers
(:func:`kg.extract.gazetteer.build_index`) and loads in about 15 ms. It names the records and
the tokenizer it was made for (digests), and :func:`kg.extract.gazetteer.current_index` ignores
it for any others, so a stale index costs speed, never correctness;
``tests/test_spacy_equivalence.py`` fails when the shipped one is stale. The same records and
tokenizer give the same bytes.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.extract.gazetteer import INDEX_FILE, build_index, load_records, write_index  # noqa: E402
from kg.extract.pipeline import build_pipeline  # noqa: E402

PATH = ROOT / "kg" / "data" / "gazetteer" / INDEX_FILE


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the shipped index is current")
    args = parser.parse_args(argv)
    records = load_records()
    index = build_index(records, build_pipeline(use_model=False).tokenizer)
    if args.check:
        from kg.extract.gazetteer import shipped_index

        if shipped_index() != index:
            print(f"{PATH} is stale: run python scripts/make_gazetteer_index.py", file=sys.stderr)
            return 1
        print(f"{PATH} is current")
        return 0
    write_index(PATH, index)
    print(f"wrote {PATH}: {len(records)} records, {len(index['names'])} name forms, {PATH.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
