"""A JSON Schema (draft 2020-12) for a plan's front matter, for editors and tools that validate YAML front
matter against a schema. Built from the same lists the reader uses (frontmatter.py), so the two cannot drift;
`arbeidsplan check` stays the authority (it also reads the body, and says «mente du …» for a misspelt key)."""

from __future__ import annotations

from typing import Any

from ..messages import message
from ..model import Level
from ..vocabulary import LEVEL_WORDS
from .frontmatter import LANGUAGES, NOT_APPLICABLE, PERIOD, REQUIRED


def _date() -> dict[str, Any]:
    return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def front_matter_schema() -> dict[str, Any]:
    year = {"type": "integer", "minimum": 1900, "maximum": 2099}
    text = {"type": "string", "minLength": 1}
    properties: dict[str, Any] = {
        "organisasjon": {**text, "description": message("schema.organisation")},
        "nivå": {"enum": sorted({lv.value for lv in Level} | set(LEVEL_WORDS)), "description": message("schema.level")},
        "periode": {
            "description": message("schema.period"),
            "oneOf": [{"type": "string", "pattern": PERIOD.pattern}, year,  # one year: a one-year plan
                      {"type": "array", "items": year, "minItems": 2, "maxItems": 2}],
        },
        "overordnet": {
            "description": message("schema.parents"),
            "oneOf": [text, {"type": "array", "items": text, "minItems": 1}],
        },
        "vedtatt": {
            "description": message("schema.adopted"),
            "oneOf": [_date(), {"type": "object", "additionalProperties": False,
                                "properties": {"dato": _date(), "av": {"type": "string"}}}],
        },
        "revisjoner": {
            "description": message("schema.revisions"),
            "type": "array",
            "items": {"type": "object", "additionalProperties": False,
                      "properties": {"dato": _date(), "av": {"type": "string"}, "merknad": {"type": "string"}}},
        },
        "språk": {"enum": sorted(LANGUAGES), "description": message("schema.language")},
        "merknad": {"type": "string", "description": message("schema.note")},
        "kilde": {"type": "string", "description": message("schema.source")},
        NOT_APPLICABLE: {"type": "object", "description": message("schema.not_applicable"),
                         "additionalProperties": text},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": message("schema.title"),
        "type": "object",
        "required": list(REQUIRED),
        "properties": properties,
        "additionalProperties": False,
    }
