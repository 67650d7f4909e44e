"""Checks on the shipped gazetteer files in ``kg/data/gazetteer``."""

import json
import re
from pathlib import Path

import pytest

GAZETTEER = Path(__file__).resolve().parent.parent / "kg" / "data" / "gazetteer"

FILES = {
    "methods.jsonl": ("Method", 400),
    "datasets.jsonl": ("Dataset", 350),
    "metrics.jsonl": ("Metric", 120),
    "tasks.jsonl": ("Task", 220),
}
KEYS = ["id", "label", "canonical", "aliases"]
SLUG = re.compile(r"^[a-z0-9][a-z0-9.+-]*$")


def _load(name):
    records = []
    text = (GAZETTEER / name).read_text(encoding="utf-8")
    assert text.endswith("\n"), f"{name}: missing final newline"
    for lineno, line in enumerate(text.splitlines(), 1):
        assert line.strip(), f"{name}:{lineno}: blank line"
        records.append(json.loads(line))
    return records


@pytest.fixture(scope="module")
def gazetteer():
    return {name: _load(name) for name in FILES}


def _surface_key(form):
    """Lowercase forms match case-insensitively; forms with capitals match exactly."""
    return form.casefold() if form == form.lower() else form


@pytest.mark.parametrize("name", sorted(FILES))
def test_records_well_formed(gazetteer, name):
    label, minimum = FILES[name]
    records = gazetteer[name]
    assert len(records) >= minimum, f"{name}: {len(records)} records, want >= {minimum}"
    for rec in records:
        assert list(rec) == KEYS, f"{name}: keys {list(rec)} in {rec}"
        assert rec["label"] == label, rec
        assert SLUG.match(rec["id"]), rec["id"]
        canonical, aliases = rec["canonical"], rec["aliases"]
        assert isinstance(canonical, str) and canonical == canonical.strip() and canonical
        assert isinstance(aliases, list)
        assert all(isinstance(a, str) and a and a == a.strip() for a in aliases), rec
        assert canonical not in aliases, f"{rec['id']}: canonical repeated in aliases"
        assert aliases == sorted(set(aliases)), f"{rec['id']}: aliases not sorted/deduplicated"
        for form in [canonical] + aliases:
            # short all-lowercase words ("is", "map", "arc") would match ordinary prose
            assert not (form.isalpha() and form == form.lower() and len(form) <= 4), (
                f"{rec['id']}: short lowercase form {form!r}"
            )


@pytest.mark.parametrize("name", sorted(FILES))
def test_ids_unique_and_sorted(gazetteer, name):
    ids = [rec["id"] for rec in gazetteer[name]]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
    assert ids == sorted(ids), f"{name}: records not sorted by id"


def test_files_are_canonically_serialised():
    for name in FILES:
        for line in (GAZETTEER / name).read_text(encoding="utf-8").splitlines():
            assert line == json.dumps(json.loads(line), ensure_ascii=False), line


def test_no_surface_form_maps_to_two_records(gazetteer):
    exact, folded = {}, {}
    clashes = []
    for name, records in gazetteer.items():
        for rec in records:
            owner = f"{rec['label']}:{rec['id']}"
            for form in [rec["canonical"]] + rec["aliases"]:
                table = folded if form == form.lower() else exact
                key = _surface_key(form)
                if table.setdefault(key, owner) != owner:
                    clashes.append((form, table[key], owner))
    # a lowercase form also matches the capitalised spelling of another record
    for form, owner in exact.items():
        other = folded.get(form.casefold())
        if other is not None and other != owner:
            clashes.append((form, owner, other))
    assert not clashes, clashes[:20]
