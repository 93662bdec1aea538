"""Write a synthetic whole-party repository for the benchmarks: deterministic from a seed.

    python benchmarks/generate.py /tmp/parti [--seed 1] [--locals 350] [--counties 15] [--commits 300]

1 national plan (the real 2026–2029 plan), 15 county plans and 350 local plans, with sizes and wording drawn
from the real plans in plans/ (about 15,000 measures in all), both list and table style, statuses for several
years, and a git history of revisions and status updates. The organisations are invented.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from arbeidsplan.read.workspace import load_plan  # noqa: E402
from arbeidsplan.model import Level  # noqa: E402
from arbeidsplan.align.requirements import requirements_for  # noqa: E402

WORDS = ["Nord", "Sør", "Øst", "Vest", "Midt", "Øvre", "Nedre", "Indre", "Ytre", "Store", "Lille"]
PLACES = ["dal", "fjord", "vik", "nes", "berg", "haug", "mo", "stad", "land", "ås", "sund", "øy"]
TIMINGS = ["Årlig", "Hele perioden", "Kontinuerlig", "Halvårlig", "2026", "2027", "2026 og 2028", "Mars, årlig",
           "Første halvår 2027", "i valgår", "i mellomvalgår", "Høsten 2026", "2026-2029", "Månedlig / ved behov"]
RESPONSIBLE = ["Styret", "Leder", "Medlemsansvarlig", "Valgkampleder", "Styret og gruppeleder", "AU",
               "Kommunestyregruppa", "Studieleder"]
STATUSES = ["gjennomført", "gjennomført", "gjennomført", "i gang", "delvis gjennomført", "utsatt",
            "ikke gjennomført", "planlagt"]
NOTES = ["", "", "", "45 deltakere", "flyttet til høsten", "3 aksjoner", "mangler folk", "sammen med SU"]


def real_texts() -> tuple[list[str], list[str]]:
    goals: list[str] = []
    measures: list[str] = []
    for path in sorted((ROOT / "plans").rglob("*.md")):
        if path.name == "README.md":
            continue
        plan, _ = load_plan(path)
        goals += [g.title for g in plan.walk_goals()]
        measures += [m.text for m in plan.measures()]
    return goals, measures


def plan_text(rng: random.Random, name: str, level: str, parent_rel: str, goals: list[str], measures: list[str],
              requirement_ids: list[str], n_measures: int, years: list[int], table: bool) -> str:
    lines = ["---", f"organisasjon: {name}", f"nivå: {level}", "periode: 2026–2029", "overordnet:",
             f"  - {parent_rel}", "vedtatt:", "  dato: 2026-02-14", f"  av: Årsmøtet i {name}", "---", "",
             f"# Arbeidsplan for {name} 2026–2029", ""]
    n_goals = max(2, min(8, n_measures // 6))
    per_goal = [n_measures // n_goals + (1 if i < n_measures % n_goals else 0) for i in range(n_goals)]
    ids: list[str] = []
    for g, count in enumerate(per_goal, 1):
        lines += [f"## Mål {g}: {rng.choice(goals)}", "", rng.choice(measures), "", "### Tiltak", ""]
        if table:
            lines += ["| Nr | Tiltak | Tidsrom | Ansvar | Svarer på |", "| --- | --- | --- | --- | --- |"]
        for k in range(1, count + 1):
            mid = f"{g}.{k}"
            ids.append(mid)
            link = rng.choice(requirement_ids) if requirement_ids and rng.random() < 0.3 else ""
            text, timing, who = rng.choice(measures).replace("|", "/"), rng.choice(TIMINGS), rng.choice(RESPONSIBLE)
            if table:
                lines.append(f"| {mid} | {text} | {timing} | {who} | {link} |")
            else:
                lines += [f"- **{mid}** {text}", f"  - når: {timing}", f"  - ansvar: {who}"]
                if link:
                    lines.append(f"  - svarer på: {link}")
        lines.append("")
    for year in years:
        lines += [f"## Status {year}", ""]
        for mid in ids:
            if rng.random() < 0.7:
                note = rng.choice(NOTES)
                lines.append(f"- **{mid}** {rng.choice(STATUSES)}" + (f" — {note}" if note else ""))
        lines.append("")
    return "\n".join(lines)


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Benk", "GIT_AUTHOR_EMAIL": "benk@parti.invalid",
           "GIT_COMMITTER_NAME": "Benk", "GIT_COMMITTER_EMAIL": "benk@parti.invalid",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def generate(target: Path, seed: int = 1, locals_: int = 350, counties: int = 15, commits: int = 300) -> dict:
    rng = random.Random(seed)
    goals, measures = real_texts()
    if target.exists():
        shutil.rmtree(target)
    plans_dir = target / "plans"
    (plans_dir / "landsstyret").mkdir(parents=True)
    national_src = ROOT / "plans" / "landsstyret" / "2026-2029.md"
    shutil.copy(national_src, plans_dir / "landsstyret" / "2026-2029.md")
    national, _ = load_plan(national_src)
    county_reqs = [r.id for r in requirements_for(national, Level.FYLKESLAG)]
    local_reqs = [r.id for r in requirements_for(national, Level.LOKALLAG)]
    names = [f"{w}{p}" for w in WORDS for p in PLACES]
    rng.shuffle(names)
    files: list[Path] = []
    total = 0
    county_dirs = []
    for c in range(counties):
        cname = f"{names[c]} fylke"
        cdir = plans_dir / f"fylke{c + 1:02d}"
        cdir.mkdir()
        county_dirs.append(cdir)
        n = rng.randint(35, 60)
        total += n
        path = cdir / "2026-2029.md"
        path.write_text(plan_text(rng, f"{cname} SV", "fylkeslag", "../landsstyret/2026-2029.md", goals, measures,
                                  county_reqs, n, [2026], table=c % 2 == 0), encoding="utf-8")
        files.append(path)
    for i in range(locals_):
        cdir = county_dirs[i % counties]
        lname = names[(counties + i) % len(names)] + (f" {i // len(names) + 1}" if i >= len(names) else "")
        n = rng.randint(25, 60)
        total += n
        path = cdir / f"lag{i + 1:03d}.md"
        path.write_text(plan_text(rng, f"{lname} SV", "lokallag", "2026-2029.md", goals, measures, local_reqs, n,
                                  [2026, 2027], table=rng.random() < 0.5), encoding="utf-8")
        files.append(path)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "Alle planer vedtatt 2026", date="2026-02-15T12:00:00+01:00")
    git(target, "tag", "vedtatt/2026")
    # Revisions and status updates, most of them to one county plan so that its history is long.
    focus = files[0]
    for k in range(commits - 2):
        path = focus if k % 3 else rng.choice(files)
        text = path.read_text(encoding="utf-8")
        if k % 4 == 0:
            text = text.replace("- **1.1** ", "- **1.1** Fortsatt: ", 1) if "| 1.1 |" not in text else \
                text.replace("| 1.1 | ", "| 1.1 | Fortsatt: ", 1)
        else:
            text += f"\n<!-- oppdatert {k} -->\n"
        path.write_text(text, encoding="utf-8")
        git(target, "commit", "-q", "-am", f"Oppdatering {k}", date=f"2026-{3 + k // 40:02d}-{1 + k % 28:02d}T12:00:00")
        if k == commits // 2:
            git(target, "tag", "vedtatt/2027")
    git(target, "commit", "-q", "--allow-empty", "-m", "Slutt", date="2026-12-01T12:00:00")
    return {"planer": len(files) + 1, "tiltak": total + 76, "fokus": str(focus.relative_to(target))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("target", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--locals", type=int, default=350)
    ap.add_argument("--counties", type=int, default=15)
    ap.add_argument("--commits", type=int, default=300)
    a = ap.parse_args()
    print(generate(a.target, a.seed, a.locals, a.counties, a.commits))


if __name__ == "__main__":
    main()
