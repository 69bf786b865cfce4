"""Things generated from one source stay in step with it: the JSON Schemas and the model."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import ROOT

from ruangaman.model import jsonschema as schema


@pytest.mark.parametrize("name", sorted(schema.SCHEMAS))
def test_committed_schema_matches_the_model(name):
    committed = (ROOT / "content" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema.schema_text(name), (
        "content/schema is out of date: run `ruangaman schema` and commit the result"
    )


def _documents():
    for folder, name in (("services", "service"), ("hotlines", "hotline")):
        for path in sorted((ROOT / "content" / folder).glob("*.yml")):
            yield pytest.param(path, name, id=path.relative_to(ROOT).as_posix())
    yield pytest.param(ROOT / "content/site.yml", "site", id="content/site.yml")
    yield pytest.param(ROOT / "content/taxonomy.yml", "taxonomy", id="content/taxonomy.yml")


@pytest.mark.parametrize(("path", "name"), list(_documents()))
def test_shipped_content_fits_its_schema(path, name):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as editors' tools see them
    jsonschema.validate(data, schema.document_schema(name))


def test_schema_rejects_a_misspelt_key():
    data = {"name": "x", "phnoe": "1"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema.document_schema("service"))


# The text tables (messages, interface, commands) are checked in tests/test_text_tables.py.
