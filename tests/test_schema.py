"""`arbeidsplan schema`: a JSON Schema for the front matter that accepts every plan `check` accepts and rejects
what `check` reports as a front-matter error."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml

from arbeidsplan import api
from arbeidsplan.read.frontmatter import KNOWN_KEYS
from arbeidsplan.read.workspace import plan_files
from conftest import REPO, header


def front_matter(path: Path) -> dict:
    """The front matter as an editor's YAML tooling sees it: dates are text."""
    text = path.read_text(encoding="utf-8").split("---\n")[1]

    def plain(value):  # type: ignore[no-untyped-def]
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return plain(yaml.safe_load(text))


@pytest.fixture(scope="module")
def validator(tmp_path_factory):
    from typer.testing import CliRunner

    from arbeidsplan.cli import app

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_schema_names_exactly_the_keys_the_reader_knows():
    schema = api.front_matter_schema()
    assert set(schema["properties"]) == set(KNOWN_KEYS)
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("path", [*plan_files(REPO / "plans"), *plan_files(REPO / "examples")],
                         ids=lambda p: str(p.relative_to(REPO)))
def test_every_plan_in_the_repository_is_valid(validator, path):
    errors = [e.message for e in validator.iter_errors(front_matter(path))]
    assert errors == []


@pytest.mark.parametrize(("fields", "code"), [
    ({"organisasjon": None}, "AP105"),
    ({"nivå": "fylke"}, "AP106"),
    ({"periode": "neste år"}, "AP106"),
    ({"periode": "2026-"}, "AP106"),
    ({"vedtatt": "i fjor"}, "AP106"),
    ({"perioden": "2026–2029"}, "AP107"),
])
def test_what_check_reports_the_schema_rejects(validator, write, fields, code):
    plan = write("plans/lag/plan.md", header(**fields) + "\n## Mål 1: Noe\n")
    assert any(d.code == code for d in api.check([plan]).findings)
    assert list(validator.iter_errors(front_matter(plan))), f"the schema accepts what check reports as {code}"
