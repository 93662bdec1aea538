"""Plan diffs and histories as text for the terminal, Markdown for meeting papers, and JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..history.plandiff import WHAT, ChangeKind, ItemChange, PlanDiff, status_shown, summary
from ..messages import message
from ..results import PlanHistory
from .mdtext import md_text
from .terminal import Lines

if TYPE_CHECKING:  # rich is imported where a terminal is drawn: history in a pipe writes its lines without it
    from rich.console import Group
    from rich.text import Text

SECTIONS = [(ChangeKind.STRUCK, "diff.h.struck"), (ChangeKind.REWORDED, "diff.h.reworded"),
            (ChangeKind.ADDED, "diff.h.added"), (ChangeKind.MOVED, "diff.h.moved"),
            (ChangeKind.NEW_ID, "diff.h.new_id"), (ChangeKind.TIMING, "diff.h.timing"),
            (ChangeKind.RESPONSIBLE, "diff.h.responsible")]


def _what(c: ItemChange) -> str:
    return message(WHAT[c.what])


def words_md(c: ItemChange) -> str:
    out = []
    for op, text in c.words:
        text = md_text(text)
        out.append(text if op == "=" else f"~~{text}~~" if op == "-" else f"**{text}**")
    return " ".join(out)


def words_rich(c: ItemChange) -> Text:
    """Removed words as [-…-], added as {+…+} (as git's word diff), coloured in a terminal."""
    from rich.text import Text

    t = Text()
    for op, text in c.words:
        if t:
            t.append(" ")
        if op == "=":
            t.append(text)
        elif op == "-":
            t.append(f"[-{text}-]", style="red")
        else:
            t.append(f"{{+{text}+}}", style="bold green")
    return t


def _ref_md(c: ItemChange) -> str:
    """A written id in bold; for an item with only a derived id, where it stands or its text."""
    return c.ref if c.ref else f"**{c.id}**"


def _line_md(c: ItemChange) -> str:
    old, new = md_text(c.old or "–"), md_text(c.new or "–")
    if c.kind is ChangeKind.STRUCK:
        return f"- {_what(c)} {_ref_md(c)}: {old}"
    if c.kind is ChangeKind.ADDED:
        return f"- {_what(c)} {_ref_md(c)}: {new}"
    if c.kind is ChangeKind.REWORDED:
        return f"- {_what(c)} {_ref_md(c)}: {words_md(c)}"
    if c.kind is ChangeKind.MOVED:
        return f"- {_ref_md(c)} " + message("diff.moved_from", old=old, new=new)
    return f"- {_ref_md(c)}: {old} → {new}"


def labelled(diffs: list[tuple[PlanDiff, str, str | None]]) -> list[tuple[PlanDiff, str, str]]:
    """The diffs with the working copy (None: api.compare) named in the paper's language, not the interface's."""
    return [(d, old, message("git.working_tree") if new is None else new) for d, old, new in diffs]


def shown_and_unchanged(diffs: list[tuple[PlanDiff, str, str | None]]) -> tuple[list[tuple[PlanDiff, str, str]], str]:
    """Of several plans' diffs, those with changes, and one line naming the plans without ("" if none): a
    meeting paper for a whole folder is about what changed. One plan's diff is shown as it is."""
    diffs = labelled(diffs)
    if len(diffs) < 2:
        return diffs, ""
    unchanged = [d.path for d, _old, _new in diffs if d.empty]
    shown = [item for item in diffs if not item[0].empty]
    return shown, message("diff.unchanged", paths=", ".join(unchanged)) if unchanged else ""


def as_markdown(diffs: list[tuple[PlanDiff, str, str | None]]) -> str:
    lines: list[str] = []
    diffs, unchanged = shown_and_unchanged(diffs)
    for d, old, new in diffs:
        lines.append(f"## {message('diff.title', path=md_text(d.path), old=md_text(old), new=md_text(new))}\n")
        if d.empty:
            lines.append(message("diff.none") + "\n")
            continue
        for kind, key in SECTIONS:
            items = [c for c in d.changes if c.kind is kind]
            if items:
                lines.append(f"### {message(key)}\n")
                lines += [_line_md(c) for c in items]
                lines.append("")
        if d.meta:
            lines.append(f"### {message('diff.h.meta')}\n")
            lines += [f"- {k}: {md_text(o or '–')} → {md_text(n or '–')}" for k, o, n in d.meta]
            lines.append("")
        if d.statuses:
            lines.append(f"### {message('diff.h.status')}\n")
            lines += [f"- **{md_text(s.id)}** {s.year}: {md_text(status_shown(s.old))} → {md_text(status_shown(s.new))}"
                      for s in d.statuses]
            lines.append("")
    if unchanged:
        lines.append(md_text(unchanged) + "\n")
    return "\n".join(lines).rstrip("\n") + "\n"


def as_rich(diffs: list[tuple[PlanDiff, str, str | None]]) -> Group:
    from rich.console import Group
    from rich.text import Text

    parts: list[Any] = []
    diffs, unchanged = shown_and_unchanged(diffs)
    for d, old, new in diffs:
        parts.append(Text(message("diff.title", path=d.path, old=old, new=new), style="bold"))
        if d.empty:
            parts.append(Text(message("diff.none"), style="dim"))
            continue
        for kind, key in SECTIONS:
            items = [c for c in d.changes if c.kind is kind]
            if not items:
                continue
            parts.append(Text(message(key), style="bold underline"))
            for c in items:
                line = Text(f"  {_what(c)} {c.shown}: ", style="bold")
                if c.kind is ChangeKind.REWORDED:
                    line.append_text(words_rich(c))
                elif c.kind in (ChangeKind.STRUCK, ChangeKind.ADDED):
                    struck = c.kind is ChangeKind.STRUCK
                    line.append((c.old if struck else c.new) or "", style="red strike" if struck else "green")
                elif c.kind is ChangeKind.MOVED:
                    line.append(message("diff.moved_from", old=c.old or "–", new=c.new or "–"))
                else:
                    line.append(f"{c.old or '–'} → {c.new or '–'}")
                parts.append(line)
        if d.meta:
            parts.append(Text(message("diff.h.meta"), style="bold underline"))
            parts += [Text(f"  {k}: {o or '–'} → {n or '–'}") for k, o, n in d.meta]
        if d.statuses:
            parts.append(Text(message("diff.h.status"), style="bold underline"))
            parts += [Text(f"  {s.id} {s.year}: {status_shown(s.old)} → {status_shown(s.new)}") for s in d.statuses]
        parts.append(Text(""))
    if unchanged:
        parts.append(Text(unchanged, style="dim"))
    return Group(*parts)


def diff_data(d: PlanDiff, old: str, new: str) -> dict[str, Any]:
    return {
        "fil": d.path, "fra": old, "til": new,
        "endringer": [{"type": c.kind.value, "hva": c.what, "id": c.id, "vist": c.shown, "før": c.old,
                       "etter": c.new,
                       **({"ord": [[op, t] for op, t in c.words]} if c.words else {})} for c in d.changes],
        "front_matter": [{"nøkkel": k, "før": o, "etter": n} for k, o, n in d.meta],
        "status": [{"id": s.id, "år": s.year, "før": s.old, "etter": s.new} for s in d.statuses],
    }


def as_json(diffs: list[tuple[PlanDiff, str, str | None]]) -> str:
    return json.dumps({"diff": [diff_data(*x) for x in labelled(diffs)]}, ensure_ascii=False, indent=2) + "\n"


def history_rich(h: PlanHistory) -> Lines:
    """Two lines per revision: date, commit, author and message (and «vedtatt»), then what it changed; styled
    lines (render/terminal.py), written as plain text in a pipe without rich."""
    out = Lines()
    out.line((message("history.title", path=h.path), "bold"))
    out.line(("", None))
    for rev in h.revisions:
        c = rev.commit
        head = [(f"{c.date.date().isoformat()}  {c.sha[:8]}  ", "dim"), (c.author + ": ", None), (c.subject, "bold")]
        if rev.adopted:
            head.append(("  " + message("history.adopted") + (f" ({', '.join(c.tags)})" if c.tags else ""), "green"))
        out.line(*head)
        out.line(("    " + summary(rev.diff), None))
    return out


def history_markdown(h: PlanHistory) -> str:
    lines = [f"## {message('history.title', path=md_text(h.path))}\n"]
    for rev in h.revisions:
        c = rev.commit  # author, subject and tags are anyone's who can push: text, never markup
        flag = f" – **{message('history.adopted')}**" + (f" ({md_text(', '.join(c.tags))})" if c.tags else "") \
            if rev.adopted else ""
        lines.append(f"- {c.date.date().isoformat()} `{c.sha[:8]}` {md_text(c.author)}: {md_text(c.subject)}{flag}  \n"
                     f"  {summary(rev.diff)}")
    return "\n".join(lines) + "\n"


def history_json(h: PlanHistory) -> str:
    data = {"fil": h.path, "revisjoner": [
        {"commit": r.commit.sha, "dato": r.commit.date.isoformat(), "forfatter": r.commit.author,
         "melding": r.commit.subject, "tagger": list(r.commit.tags), "vedtatt": r.adopted,
         "sti": r.commit.path, "sammendrag": summary(r.diff), **diff_data(r.diff, "", r.commit.sha)}
        for r in h.revisions]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
