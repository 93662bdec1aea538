"""The YAML front matter of a plan: composed with line numbers, checked key by key, turned into PlanMeta."""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import Any

import yaml

from ..diagnostics import Diagnostic, finding
from ..messages import message
from ..model import Adoption, Level, NotApplicable, Period, PlanMeta, Revision, Span
from ..vocabulary import level_word

REQUIRED = ("organisasjon", "nivå", "periode")
NOT_APPLICABLE = "ikke aktuelt"
KNOWN_KEYS = REQUIRED + ("overordnet", "vedtatt", "revisjoner", "språk", "merknad", "kilde", NOT_APPLICABLE)
# Words people will try; they get a "did you mean" towards the key we use.
KEY_ALIASES = {
    "organisation": "organisasjon", "organization": "organisasjon", "org": "organisasjon", "lag": "organisasjon",
    "niva": "nivå", "level": "nivå", "period": "periode", "parent": "overordnet", "parents": "overordnet",
    "forelder": "overordnet", "overordna": "overordnet", "adopted": "vedtatt", "vedteke": "vedtatt",
    "revisions": "revisjoner", "revisjon": "revisjoner", "language": "språk", "målform": "språk",
    "note": "merknad", "source": "kilde",
    # a key is the format's word, as `overordna` is `overordnet`: a nynorsk plan writes «ikke aktuelt» too
    "ikkje aktuelt": NOT_APPLICABLE, "ikke-aktuelt": NOT_APPLICABLE, "ikke relevant": NOT_APPLICABLE,
    "ikkje relevant": NOT_APPLICABLE, "not applicable": NOT_APPLICABLE, "ikke aktuell": NOT_APPLICABLE,
}
LANGUAGES = {"bokmål": "bokmål", "bokmal": "bokmål", "nb": "bokmål", "nynorsk": "nynorsk", "nn": "nynorsk"}
# «2025–2028», or one year «2025» for a one-year plan (the period 2025–2025). Linear on long whitespace.
PERIOD = re.compile(r"^\s*((?:19|20)\d\d)\s*(?:[-–—/]\s*((?:19|20)\d\d)\s*)?$")
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
    """«2026–2029» (or 2026-2029, 2026/2029), or one year «2026», as a Period; None if it is not one."""
    m = PERIOD.match(text)
    if not m or int(m.group(1)) > int(m.group(2) or m.group(1)):
        return None
    return Period(int(m.group(1)), int(m.group(2) or m.group(1)))


_C_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml, where PyYAML was built with it: ten times faster


def _fast_compose(text: str) -> yaml.Node | None:
    """The node tree, from libyaml when there is one; any YAML error comes from the pure-Python reader, whose
    messages and positions are the ones the findings quote (libyaml words them differently)."""
    if _C_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_C_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _compose(text: str, span: Span) -> tuple[Any, Diagnostic | None]:
    """The YAML as Python values (each with its node, for line numbers), or the finding that says why not."""
    file = span.file
    try:
        node = _fast_compose(text)
        return (_to_python(node, [MAX_NODES]) if node is not None else None), None
    except yaml.MarkedYAMLError as err:
        mark = err.context_mark or err.problem_mark  # where the unclosed thing began, else where it failed
        where = Span(file, span.line + mark.line, mark.column + 1) if mark else span
        return None, finding("AP103", where, reason=_yaml_reason(err.problem or str(err)))
    except RecursionError:
        return None, finding("AP103", span, reason=message("reason.yaml_nesting"))
    except _Duplicate as dup:
        return None, finding("AP103", _line(span, dup.node), reason=message("reason.yaml_duplicate", key=dup.key))
    except (yaml.YAMLError, _Tooling, ValueError, TypeError) as err:
        return None, finding("AP103", span, reason=str(err) or type(err).__name__)


class _Fields:
    """The known keys' values, where each was written, and the findings about them."""

    def __init__(self, data: dict[Any, Any], span: Span, diags: list[Diagnostic]):
        self.values: dict[str, Any] = {}
        self.spans: dict[str, Span] = {}
        self.diags = diags
        for key, (value, key_node, value_node) in data.items():
            key_text = str(key)
            if key_text not in KNOWN_KEYS:
                suggestion = _suggest(key_text, list(KNOWN_KEYS), KEY_ALIASES)
                diags.append(finding("AP107", _line(span, key_node), key=key_text, suggestion=suggestion))
                continue
            self.values[key_text] = (value, value_node)
            self.spans[key_text] = _line(span, value_node)
        for key in REQUIRED:
            if key not in self.values or self.values[key][0] in (None, ""):
                diags.append(finding("AP105", span, key=key))

    def get(self, key: str) -> Any:
        return self.values[key][0] if key in self.values else None

    def node(self, key: str) -> yaml.Node:
        return self.values[key][1]

    def bad(self, key: str, reason: str) -> None:
        self.diags.append(finding("AP106", self.spans[key], key=key, reason=reason))

    def text(self, key: str) -> str | None:
        value = self.get(key)
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            self.bad(key, message("reason.text"))
            return None
        return str(value)


def _level(f: _Fields) -> Level | None:
    if f.get("nivå") is None:
        return None
    raw = str(f.get("nivå")).strip().lower()
    known = [lv.value for lv in Level]
    if raw in known:
        return Level(raw)
    if level_word(raw) is not None:
        return level_word(raw)
    f.bad("nivå", message("reason.level", value=raw, known=", ".join(known), suggestion=_suggest(raw, known, {})))
    return None


def _period(f: _Fields) -> Period | None:
    value = f.get("periode")
    if value in (None, ""):
        return None
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v[0], int) and not isinstance(v[0], bool)
                                                           for v in value):
        first, last = value[0][0], value[1][0]
    else:
        match = PERIOD.match(str(value)) if not isinstance(value, (list, dict)) else None
        if not match:
            f.bad("periode", message("reason.period"))
            return None
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))  # one year: a one-year plan
    if first > last:
        f.bad("periode", message("reason.period_order", first=first, last=last))
        return None
    return Period(first, last)


def _parents(f: _Fields, span: Span) -> tuple[list[str], list[Span]]:
    value = f.get("overordnet")
    if value is None:
        return [], []
    items = [(value, f.node("overordnet"))] if isinstance(value, str) else value if isinstance(value, list) else None
    if items is None or not all(isinstance(v, str) and v.strip() for v, _ in items):
        f.bad("overordnet", message("reason.list_of_text"))
        return [], []
    return [v.strip() for v, _n in items], [_line(span, n) for _v, n in items]


def _adopted(f: _Fields) -> Adoption | None:
    value = f.get("vedtatt")
    if value is None:
        return None
    if not isinstance(value, dict):
        when = _as_date(value)
        if isinstance(when, str):
            f.bad("vedtatt", message("reason.date", value=when))
            return None
        return Adoption(when, None)
    inner = {str(k): v[0] for k, v in value.items()}
    when = _as_date(inner.get("dato"))
    if isinstance(when, str):
        f.bad("vedtatt", message("reason.date", value=when))
        when = None
    if set(inner) - {"dato", "av"}:
        f.bad("vedtatt", message("reason.mapping"))
    return Adoption(when, str(inner["av"]) if inner.get("av") is not None else None)


def _revisions(f: _Fields) -> list[Revision]:
    value = f.get("revisjoner")
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v, _ in value):
        f.bad("revisjoner", message("reason.list_of_mappings"))
        return []
    out = []
    for item, _node in value:
        inner = {str(k): v[0] for k, v in item.items()}
        when = _as_date(inner.get("dato"))
        if isinstance(when, str) or set(inner) - {"dato", "av", "merknad"}:
            f.bad("revisjoner", message("reason.list_of_mappings"))
            continue
        out.append(Revision(when, str(inner["av"]) if inner.get("av") is not None else None,
                            str(inner["merknad"]) if inner.get("merknad") is not None else None))
    return out


def _language(f: _Fields) -> str:
    raw = f.text("språk")
    if raw is None:
        return "bokmål"
    if raw.strip().lower() in LANGUAGES:
        return LANGUAGES[raw.strip().lower()]
    f.bad("språk", message("reason.language", value=raw))
    return "bokmål"


def _not_applicable(f: _Fields, span: Span) -> list[NotApplicable]:
    """`ikke aktuelt`: a requirement's reference (as a `svarer på` link is written) → the board's reason. Whether
    each reference is a requirement of the plan is asked later, of the plans above (checks/rules.py: AP605); here
    only the reason: none given is AP606, and the mark still counts."""
    value = f.get(NOT_APPLICABLE)
    if value is None:
        return []
    if not isinstance(value, dict):
        f.bad(NOT_APPLICABLE, message("reason.not_applicable"))
        return []
    out = []
    for _key, (reason, key_node, value_node) in value.items():
        where = _line(span, key_node)
        # as written, not as YAML reads it: «1.10» is an id, not the number 1.1
        reference = key_node.value.strip() if isinstance(key_node, yaml.ScalarNode) and _key is not None else ""
        if not reference or not isinstance(value_node, yaml.ScalarNode):
            f.diags.append(finding("AP106", where, key=NOT_APPLICABLE, reason=message("reason.not_applicable")))
            continue
        text = "" if reason is None else value_node.value.strip()
        if not text:
            f.diags.append(finding("AP606", where, ref=reference))
        out.append(NotApplicable(reference, text, where))
    return out


def parse_front_matter(text: str, span: Span) -> tuple[PlanMeta, list[Diagnostic]]:
    """`text` is the YAML between the fences; `span.line` is the line of the first YAML line."""
    data, problem = _compose(text, span)
    if problem is not None:
        return PlanMeta(span=span), [problem]
    if not isinstance(data, dict):
        kind = message("kind.list") if isinstance(data, list) else message("kind.scalar")
        return PlanMeta(span=span), [finding("AP104", span, kind=kind)]
    diags: list[Diagnostic] = []
    f = _Fields(data, span, diags)
    organisation = f.text("organisasjon")
    level, period = _level(f), _period(f)
    parents, parent_spans = _parents(f, span)
    meta = PlanMeta(
        organisation=organisation, level=level, period=period, parents=tuple(parents), adopted=_adopted(f),
        revisions=tuple(_revisions(f)), language=_language(f), note=f.text("merknad"), source=f.text("kilde"),
        span=span, parent_spans=tuple(parent_spans), not_applicable=tuple(_not_applicable(f, span)),
    )
    return meta, diags
