"""The YAML front matter of a plan: composed with line numbers, checked key by key, turned into PlanMeta."""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import Any

import yaml

from ..diagnostics import Diagnostic, finding
from ..messages import message
from ..model import Adoption, Level, Period, PlanMeta, Revision, Span

REQUIRED = ("organisasjon", "nivå", "periode")
KNOWN_KEYS = REQUIRED + ("overordnet", "vedtatt", "revisjoner", "språk", "merknad", "kilde")
# Words people will try; they get a "did you mean" towards the key we use.
KEY_ALIASES = {
    "organisation": "organisasjon", "organization": "organisasjon", "org": "organisasjon", "lag": "organisasjon",
    "niva": "nivå", "level": "nivå", "period": "periode", "parent": "overordnet", "parents": "overordnet",
    "forelder": "overordnet", "overordna": "overordnet", "adopted": "vedtatt", "vedteke": "vedtatt",
    "revisions": "revisjoner", "revisjon": "revisjoner", "language": "språk", "målform": "språk",
    "note": "merknad", "source": "kilde",
}
LEVEL_ALIASES = {"landsstyret": Level.NASJONALT, "sentralt": Level.NASJONALT, "nasjonal": Level.NASJONALT}
LANGUAGES = {"bokmål": "bokmål", "bokmal": "bokmål", "nb": "bokmål", "nynorsk": "nynorsk", "nn": "nynorsk"}
PERIOD = re.compile(r"^\s*((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)\s*$")
MAX_NODES = 5000  # front matter is a dozen keys; this stops alias bombs and deep nesting


_SCALARS = yaml.constructor.SafeConstructor()
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


class _Tooling(Exception):
    pass


class _Duplicate(Exception):
    def __init__(self, key: str, node: yaml.Node):
        super().__init__(key)
        self.key, self.node = key, node


def _to_python(node: yaml.Node, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _Tooling(message("reason.yaml_nesting"))
    if node.tag not in _PLAIN_TAGS:
        raise _Tooling(message("reason.yaml_tag", tag=node.tag))
    if isinstance(node, yaml.MappingNode):
        out = {}
        for k, v in node.value:
            key = _to_python(k, budget)
            if key in out:
                raise _Duplicate(str(key), k)
            out[key] = (_to_python(v, budget), k, v)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [(_to_python(v, budget), v) for v in node.value]
    return _SCALARS.construct_object(node, deep=True)


_YAML_PROBLEMS = (
    ("cannot start any token", "reason.yaml_tab"),
    ("mapping values are not allowed", "reason.yaml_colon"),
    ("could not find expected ':'", "reason.yaml_missing_colon"),
    ("expected ',' or ']'", "reason.yaml_unclosed"),
    ("expected ',' or '}'", "reason.yaml_unclosed"),
    ("found undefined alias", "reason.yaml_alias"),
    ("found unexpected end of stream", "reason.yaml_unclosed_quote"),
)


def _yaml_reason(problem: str) -> str:
    for needle, key in _YAML_PROBLEMS:
        if needle in problem:
            return message(key)
    return message("reason.yaml_other", problem=problem.strip())


def _line(span: Span, node: yaml.Node) -> Span:
    return Span(span.file, span.line + node.start_mark.line, node.start_mark.column + 1)


def _suggest(word: str, choices: list[str], aliases: dict[str, Any]) -> str:
    lowered = str(word).lower()
    if lowered in aliases:
        target = aliases[lowered]
        return message("did_you_mean", suggestion=getattr(target, "value", target))
    close = difflib.get_close_matches(lowered, choices, n=1, cutoff=0.6)
    return message("did_you_mean", suggestion=close[0]) if close else ""


def _as_date(value: Any) -> date | None | str:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None:
        return None
    return str(value)


def parse_period(text: str) -> Period | None:
    """«2026–2029» (or 2026-2029, 2026/2029) as a Period; None if it is not one."""
    m = PERIOD.match(text)
    if not m or int(m.group(1)) > int(m.group(2)):
        return None
    return Period(int(m.group(1)), int(m.group(2)))


def parse_front_matter(text: str, span: Span) -> tuple[PlanMeta, list[Diagnostic]]:
    """`text` is the YAML between the fences; `span.line` is the line of the first YAML line."""
    diags: list[Diagnostic] = []
    file = span.file
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = _to_python(node, [MAX_NODES]) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = Span(file, span.line + mark.line, mark.column + 1) if mark else span
        return PlanMeta(span=span), [finding("AP103", where, reason=_yaml_reason(err.problem or str(err)))]
    except RecursionError:
        return PlanMeta(span=span), [finding("AP103", span, reason=message("reason.yaml_nesting"))]
    except _Duplicate as dup:
        where = _line(span, dup.node)
        return PlanMeta(span=span), [finding("AP103", where, reason=message("reason.yaml_duplicate", key=dup.key))]
    except (yaml.YAMLError, _Tooling, ValueError, TypeError) as err:
        return PlanMeta(span=span), [finding("AP103", span, reason=str(err) or type(err).__name__)]

    if not isinstance(data, dict):
        kind = message("kind.list") if isinstance(data, list) else message("kind.scalar")
        return PlanMeta(span=span), [finding("AP104", span, kind=kind)]

    fields: dict[str, Any] = {}
    spans: dict[str, Span] = {}
    for key, (value, key_node, value_node) in data.items():
        key_text = str(key)
        if key_text not in KNOWN_KEYS:
            suggestion = _suggest(key_text, list(KNOWN_KEYS), KEY_ALIASES)
            diags.append(finding("AP107", _line(span, key_node), key=key_text, suggestion=suggestion))
            continue
        fields[key_text] = (value, value_node)
        spans[key_text] = _line(span, value_node)

    for key in REQUIRED:
        if key not in fields or fields[key][0] in (None, ""):
            diags.append(finding("AP105", span, key=key))

    def bad(key: str, reason: str) -> None:
        diags.append(finding("AP106", spans[key], key=key, reason=reason))

    def text_of(key: str) -> str | None:
        if key not in fields or fields[key][0] is None:
            return None
        value = fields[key][0]
        if isinstance(value, (dict, list)):
            bad(key, message("reason.text"))
            return None
        return str(value)

    organisation = text_of("organisasjon")

    level = None
    if "nivå" in fields and fields["nivå"][0] is not None:
        raw = str(fields["nivå"][0]).strip().lower()
        known = [lv.value for lv in Level]
        if raw in known:
            level = Level(raw)
        elif raw in LEVEL_ALIASES:
            level = LEVEL_ALIASES[raw]
        else:
            suggestion = _suggest(raw, known, {})
            bad("nivå", message("reason.level", value=raw, known=", ".join(known), suggestion=suggestion))

    period = None
    if "periode" in fields and fields["periode"][0] not in (None, ""):
        value = fields["periode"][0]
        match = PERIOD.match(str(value)) if not isinstance(value, (list, dict)) else None
        if isinstance(value, list) and len(value) == 2 and all(isinstance(v[0], int) for v in value):
            first, last = value[0][0], value[1][0]
        elif match:
            first, last = int(match.group(1)), int(match.group(2))
        else:
            first = last = None
            bad("periode", message("reason.period"))
        if first is not None and last is not None:
            if first > last:
                bad("periode", message("reason.period_order", first=first, last=last))
            else:
                period = Period(first, last)

    parents: list[str] = []
    parent_spans: list[Span] = []
    if "overordnet" in fields and fields["overordnet"][0] is not None:
        value, value_node = fields["overordnet"]
        items = [(value, value_node)] if isinstance(value, str) else value if isinstance(value, list) else None
        if items is None or not all(isinstance(v, str) and v.strip() for v, _ in items):
            bad("overordnet", message("reason.list_of_text"))
        else:
            for v, n in items:
                parents.append(v.strip())
                parent_spans.append(_line(span, n))

    adopted = None
    if "vedtatt" in fields and fields["vedtatt"][0] is not None:
        value = fields["vedtatt"][0]
        if isinstance(value, dict):
            inner = {str(k): v[0] for k, v in value.items()}
            when = _as_date(inner.get("dato"))
            if isinstance(when, str):
                bad("vedtatt", message("reason.date", value=when))
                when = None
            unknown = set(inner) - {"dato", "av"}
            if unknown:
                bad("vedtatt", message("reason.mapping"))
            adopted = Adoption(when, str(inner["av"]) if inner.get("av") is not None else None)
        else:
            when = _as_date(value)
            if isinstance(when, str):
                bad("vedtatt", message("reason.date", value=when))
            else:
                adopted = Adoption(when, None)

    revisions: list[Revision] = []
    if "revisjoner" in fields and fields["revisjoner"][0] is not None:
        value = fields["revisjoner"][0]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v, _ in value):
            bad("revisjoner", message("reason.list_of_mappings"))
        else:
            for item, _node in value:
                inner = {str(k): v[0] for k, v in item.items()}
                when = _as_date(inner.get("dato"))
                if isinstance(when, str) or set(inner) - {"dato", "av", "merknad"}:
                    bad("revisjoner", message("reason.list_of_mappings"))
                    continue
                revisions.append(Revision(
                    when,
                    str(inner["av"]) if inner.get("av") is not None else None,
                    str(inner["merknad"]) if inner.get("merknad") is not None else None,
                ))

    language = "bokmål"
    raw_language = text_of("språk")
    if raw_language is not None:
        if raw_language.strip().lower() in LANGUAGES:
            language = LANGUAGES[raw_language.strip().lower()]
        else:
            bad("språk", message("reason.language", value=raw_language))

    meta = PlanMeta(
        organisation=organisation,
        level=level,
        period=period,
        parents=tuple(parents),
        adopted=adopted,
        revisions=tuple(revisions),
        language=language,
        note=text_of("merknad"),
        source=text_of("kilde"),
        span=span,
        parent_spans=tuple(parent_spans),
    )
    return meta, diags
