"""Every user-facing text. NB below is the bokmål catalogue and the source of every key; locale/nn.py and
locale/en.py are the nynorsk and English catalogues with the same keys (a test keeps them complete).

A text is a str.format pattern, or a pair (singular, plural) chosen by the argument `n`: bokmål, nynorsk and
English all use the singular for exactly one. The interface language is --lang, else ARBEIDSPLAN_LANG, else
the locale (LC_ALL, LC_MESSAGES, LANG), else bokmål; a report is written in its plan's `språk` (`using`).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

Text = str | tuple[str, str]

NB: dict[str, Text] = {
    # Finding codes: the first line of each is its title in the README's table.
    "AP101": "filen kan ikke leses: {reason}",
    "AP102": "mangler front matter: filen må begynne med en YAML-blokk mellom to linjer «---»",
    "AP103": "ugyldig YAML i front matter: {reason}",
    "AP104": "front matter må være en samling av «nøkkel: verdi», ikke {kind}",
    "AP105": "front matter mangler «{key}»",
    "AP106": "ugyldig verdi for «{key}»: {reason}",
    "AP107": "ukjent nøkkel «{key}» i front matter{suggestion}",
    "AP108": "{reason}",
    "AP201": "tiltaket «{id}» står ikke under noe mål eller målområde",
    "AP202": "id-en «{id}» er brukt før, på linje {first}",
    "AP203": "overskriften «{title}» har ikke noe innhold",
    "AP204": "tabellen {reason}",
    "AP205": "linjen under tiltak «{id}» forstås ikke og er tatt med som tekst: «{text}»",
    "AP206": "hull i nummereringen: «{missing}» mangler mellom «{before}» og «{after}»",
    "AP207": "{kind} «{title}» står på feil nivå: {reason}",
    "AP208": "tiltaket «{id}» har ingen tekst",
    "AP209": "planen har ingen mål og ingen tiltak; se docs/format.md for overskriftene som leses",
    "AP210": "lister eller sitater er nøstet dypere enn {depth} nivåer; teksten under her er ikke lest",
    "AP211": "«{text}» ser ut som et tiltak eller en status, men står under «{heading}», som ikke er et tiltaks- eller statusavsnitt; det blir lest som tekst",
    "AP301": "tidsangivelsen «{text}» kan ikke leses{rest}",
    "AP302": "tidsangivelsen «{text}» gjelder {years}, utenfor planperioden {period}",
    "AP401": "ukjent status «{word}»; bruk en av: {known}",
    "AP402": "status for «{id}», men planen har ikke noe tiltak med den id-en",
    "AP403": "status for {year}, utenfor planperioden {period}",
    "AP404": "«{id}» har allerede status for {year}, på linje {first}",
    "AP405": "statuslinjen forstås ikke: «{text}»; skriv «- **ID** status — merknad»",
    "AP501": "koblingen «{link}» finnes ikke i {parents}",
    "AP502": "den overordnede planen «{parent}» finnes ikke",
    "AP503": "den overordnede planen «{parent}» gjelder {parent_period}, som ikke overlapper {period}",
    "AP504": "koblingen «{link}» kan bety flere punkter ({where}); skriv planen foran, f.eks. «{example}»",
    "AP505": "de overordnede planene går i ring: {chain}",
    "AP506": "koblingen «{link}» går til et punkt for {target_level} ({where}), men denne planen er for {level}",
    "AP507": "den overordnede planen «{parent}» ligger utenfor repoet og blir ikke lest",
    "AP601": "kravet {id} fra {parent} er ikke besvart: «{text}»",
    "AP602": "kravet {id} fra {parent} («{text}») kan være besvart av {candidates}; bekreft med {confirm}",
    "AP603": "ingenting i planen svarer på prioriteringen {id} «{text}» i {parent}",
    "AP900": "intern feil i kontrollen «{rule}»: {reason}; meld gjerne fra om dette",
    # Titles for the README's code table.
    "title.AP101": "Filen kan ikke leses (finnes ikke, binær, ikke UTF-8, tom)",
    "title.AP102": "Mangler front matter",
    "title.AP103": "Ugyldig YAML i front matter",
    "title.AP104": "Front matter er ikke en samling nøkkel: verdi",
    "title.AP105": "Påkrevd nøkkel mangler (organisasjon, nivå, periode)",
    "title.AP106": "Ugyldig verdi (periode, nivå, dato, overordnet …)",
    "title.AP107": "Ukjent nøkkel, med «mente du»-forslag",
    "title.AP108": "Ingen planer funnet / stien finnes ikke",
    "title.AP201": "Tiltak utenfor mål",
    "title.AP202": "Dobbel id",
    "title.AP203": "Overskrift uten innhold",
    "title.AP204": "Tabell uten tiltakskolonne eller med manglende celler",
    "title.AP205": "Linje under et tiltak som ikke forstås",
    "title.AP206": "Hull i nummereringen",
    "title.AP207": "Overskrift på feil nivå (delmål utenfor mål o.l.)",
    "title.AP208": "Tiltak uten tekst",
    "title.AP209": "Plan uten mål og tiltak",
    "title.AP210": "For dyp nøsting: tekst som ikke blir lest",
    "title.AP211": "Linje med **id** utenfor et tiltaks- eller statusavsnitt (leses som tekst)",
    "title.AP301": "Tidsangivelse som ikke kan leses",
    "title.AP302": "Tidsangivelse utenfor planperioden",
    "title.AP401": "Ukjent statusord",
    "title.AP402": "Status for en id som ikke finnes",
    "title.AP403": "Status for et år utenfor perioden",
    "title.AP404": "To statuser for samme tiltak og år",
    "title.AP405": "Statuslinje som ikke forstås",
    "title.AP501": "Kobling til overordnet plan finnes ikke",
    "title.AP502": "Overordnet plan finnes ikke",
    "title.AP503": "Overordnet plans periode overlapper ikke",
    "title.AP504": "Tvetydig kobling",
    "title.AP505": "Overordnede planer går i ring",
    "title.AP506": "Kobling til et punkt for et annet nivå",
    "title.AP507": "Overordnet plan utenfor repoet (blir ikke lest)",
    "title.AP601": "Krav fra overordnet plan er ikke besvart (feil med --strict)",
    "title.AP602": "Forslag: krav som trolig er besvart, med linjen som bekrefter det",
    "title.AP603": "Overordnet prioritering som ingenting i planen svarer på",
    "title.AP900": "Intern feil i en kontroll",
    # Reasons and small phrases.
    "reason.missing": "finnes ikke",
    "reason.directory_empty": "ingen planer (*.md) i mappen {path}",
    "reason.binary": "ser ut som en binærfil (inneholder NUL-tegn)",
    "reason.not_utf8": "ikke gyldig UTF-8 på linje {line}; lagre filen som UTF-8",
    "reason.empty": "filen er tom",
    "reason.too_big": "filen er {size} MB; største tillatte er {limit} MB",
    "reason.os": "operativsystemet svarte: {error}",
    "reason.os.directory": "det er en mappe, ikke en fil",
    "reason.os.access": "mangler tilgang til å lese den",
    "reason.os.name_too_long": "navnet er for langt",
    "reason.os.link_loop": "lenkene går i ring",
    "reason.unclosed_front_matter": "front matter starter med «---» men avsluttes aldri",
    "reason.period": "skriv f.eks. «2025–2028» (første og siste år)",
    "reason.period_order": "første år {first} er etter siste år {last}",
    "reason.level": "«{value}» er ikke et kjent nivå; bruk en av: {known}{suggestion}",
    "reason.date": "«{value}» er ikke en dato; skriv ÅÅÅÅ-MM-DD",
    "reason.text": "skal være tekst",
    "reason.list_of_text": "skal være en sti eller en liste av stier",
    "reason.mapping": "skal være en samling med «dato» og «av»",
    "reason.list_of_mappings": "skal være en liste av samlinger med «dato», «av» og «merknad»",
    "reason.language": "«{value}» er ikke bokmål eller nynorsk",
    "reason.no_measure_column": "har ingen kolonne «Tiltak»; kolonnene er: {columns}",
    "reason.missing_cells": ("har {n} celle på denne raden, men {expected} kolonner",
                             "har {n} celler på denne raden, men {expected} kolonner"),
    "reason.subgoal_outside": "et delmål må stå under et mål",
    "reason.goal_in_subgoal": "står under et delmål; bruk en grunnere overskrift",
    "reason.area_nested": "et målområde kan ikke stå under et mål",
    "reason.yaml_nesting": "for dyp nøsting eller for mange verdier (aliaser?)",
    "reason.yaml_tag": "taggen {tag} er ikke tillatt; front matter kan bare ha tekst, tall, datoer, lister og samlinger",
    "reason.yaml_duplicate": "nøkkelen «{key}» står to ganger",
    "reason.yaml_tab": "tabulatortegn kan ikke brukes her; bruk mellomrom til innrykk",
    "reason.yaml_colon": "kolon på feil sted; sett verdien i anførselstegn hvis den inneholder «: »",
    "reason.yaml_missing_colon": "mangler «:» etter en nøkkel",
    "reason.yaml_unclosed": "en liste eller samling med [ eller { blir ikke lukket",
    "reason.yaml_alias": "ukjent alias (*navn)",
    "reason.yaml_unclosed_quote": "et anførselstegn blir ikke lukket",
    "reason.yaml_other": "{problem}",
    "did_you_mean": "; mente du «{suggestion}»?",
    "kind.område": "målområdet",
    "kind.mål": "målet",
    "kind.delmål": "delmålet",
    "kind.list": "en liste",
    "kind.scalar": "en enkelt verdi",
    "label.område": "Område",
    "label.mål": "Mål",
    "label.delmål": "Delmål",
    "timing.rest": " (forstår ikke «{rest}»)",
    "links.parents": "de overordnede planene ({names})",
    "links.no_parents": "noen overordnet plan (planen har ingen «overordnet»)",
    # CLI texts.
    "cli.help": "Arbeidsplaner for partiorganisasjonen: kontroll, status, rapporter og historikk.",
    "cli.check.help": "Kontroller planer: struktur, front matter, tider, statuser og koblinger.",
    "cli.show.help": "Vis mål- og tiltakstreet for en plan.",
    "cli.version.help": "Vis versjonen og avslutt.",
    "cli.status.help": "Status per tiltak for et år: «arbeidsplan status [STI…]», eller «arbeidsplan status set …» "
                       "for å føre en status.",
    "cli.status.show.help": "Vis årets tiltak med status, gruppert etter mål, med framdrift per mål og totalt.",
    "cli.status.set.help": "Før status for ett tiltak i planfilen. Bare statuslinjen endres.",
    "cli.opt.year": "Året (standard: i år).",
    "cli.opt.ansvar": "Bare tiltak der ansvar inneholder denne teksten, f.eks. «styret».",
    "cli.opt.overdue": "Bare tiltak som var planlagt tidligere år og ikke er gjennomført.",
    "cli.opt.missing": "Bare tiltak som er planlagt i år og mangler status.",
    "cli.opt.plan_file": "Planfilen.",
    "cli.opt.id": "Tiltakets id, f.eks. 2.1.1a.",
    "cli.opt.status": "planlagt, i gang, gjennomført, delvis gjennomført, utsatt, ikke gjennomført eller strøket.",
    "cli.opt.note": "Merknad, f.eks. «45 deltakere på Hamar».",
    "cli.check.short": "Kontroller planene, også mot overordnet plan.",
    "cli.show.short": "Vis mål- og tiltakstreet.",
    "cli.report.short": "Lag årsrapporten til årsmøtet.",
    "cli.coverage.short": "Alle planer mot den nasjonale planens prioriteringer.",
    "cli.new.short": "Lag utkast til ny plan fra den overordnede planen.",
    "cli.history.short": "Planens revisjoner fra git.",
    "cli.diff.short": "Endringer mellom to versjoner av planen.",
    "cli.status.short": "Status per tiltak; «status set» fører en status.",
    "cli.opt.paths": "Planfiler eller mapper (standard: plans/ i gjeldende mappe).",
    "cli.opt.plan": "Planfilen som skal vises.",
    "cli.opt.format": "Utdataformat: {choices}.",
    "cli.opt.strict": "Regn advarsler som feil.",
    "cli.bad_format": "ukjent format «{value}»; bruk en av: {choices}",
    "cli.no_default": "fant ingen plans/-mappe her ({cwd}); oppgi en fil eller mappe",
    "cli.usage.no_such_option": "ukjent valg «{option}»",
    "cli.usage.missing": "mangler argumentet {name}",
    "cli.usage.other": "feil bruk: {reason}",
    "cli.usage.try": "Prøv «arbeidsplan --help».",
    "set.unreadable": "kan ikke lese {path}: {reason}",
    "set.parse_errors": ("{path} har {n} feil og blir ikke endret; rett den først ({first})",
                         "{path} har {n} feil og blir ikke endret; rett dem først ({first})"),
    "set.unknown_status": "ukjent status «{word}»; bruk en av: {known}",
    "set.unknown_id": "{path} har ikke noe tiltak med id-en «{id}»",
    "set.ambiguous_id": "id-en «{id}» er brukt på flere tiltak i {path} (linje {lines}); gi dem ulike id-er først",
    "set.year_outside": "{year} er utenfor planperioden {period}",
    "set.note_newline": "merknaden kan ikke ha linjeskift",
    "set.line_changed": "statuslinjen på linje {line} har en form som ikke kan endres trygt; endre den for hånd",
    "set.done_new": "{path}: {id} {year}: {after}",
    "set.done_changed": "{path}: {id} {year}: «{before}» → «{after}»",
    "status.title": "{name}: status {year}",
    "status.summary_title": "Status {year}",
    "status.not_reported": "ikke rapportert",
    "status.carried": "(fra {year})",
    "status.overdue": "forsinket fra {years}",
    "status.missed": "ikke gjennomført i {years}",
    "status.unscheduled": "ikke planlagt i år",
    "status.total": "Totalt: {done} av {scheduled} planlagte tiltak gjennomført ({share} %)",
    "status.done_unscheduled": "gjennomført uten å være planlagt i år: {n}",
    "status.col.measure": "Tiltak",
    "status.col.note": "Merknad",
    "status.col.scheduled": "Planlagt",
    "status.col.done": "Gjennomført",
    "status.col.not_reported": "Uten status",
    "status.col.progress": "Framdrift",
    "report.title": "Årsrapport",
    "report.period": "Planperiode",
    "report.adopted": "Vedtatt",
    "report.summary": "Sammendrag",
    "report.scheduled": "Tiltak planlagt i år",
    "report.done": "Gjennomført",
    "report.share": "Andel gjennomført",
    "report.by_status": "Tiltak etter status",
    "report.measures": "Tiltak per mål",
    "report.not_reported": "Ikke rapportert",
    "report.none_not_reported": "Alle planlagte tiltak har status.",
    "report.unscheduled_done": "Gjennomført uten å være planlagt i år",
    "report.revisions": "Vedtak om planen i år",
    "report.made_by": "Laget med arbeidsplan",
    "report.status": "Status",
    "report.note": "Merknad",
    "report.timing": "Når",
    "report.responsible": "Ansvar",
    "report.carried": "fra",
    "report.no_scheduled": "Ingen tiltak er planlagt dette året.",
    "report.requirements": "Krav fra overordnet plan som ikke er besvart",
    "report.requirements_none": "Alle krav fra overordnet plan er besvart.",
    "report.changes": "Endringer i planen i år",
    "report.changes_none": "Ingen endringer i planen i år.",
    "report.template_error": "malen kan ikke brukes ({where}): {reason}",
    "report.written": "Skrev {path}",
    "report.format_conflict": "--format {fmt} passer ikke med filnavnet {path}",
    "report.no_directory": "mappen {path} finnes ikke",
    "report.is_directory": "{path} er en mappe; oppgi et filnavn",
    "cli.report.help": "Lag årsrapporten for et år: planlagte tiltak med status, sammendrag og det som mangler.",
    "cli.opt.report_year": "Året rapporten gjelder.",
    "align.add_attribute": "«{text}» under linje {line}",
    "align.add_paragraph": "«{text}» som eget avsnitt under overskriften på linje {line}",
    "align.add_cell": "«{link}» i kolonnen «Svarer på» på linje {line} (legg til kolonnen i tabellen om den mangler)",
    "align.candidate": "{id} ({score:.2f})",
    "coverage.title": "Dekning av {parent} ({level})",
    "coverage.matrix_title": "Dekning av prioriteringene i {parent}",
    "coverage.col.priority": "Prioritering",
    "coverage.col.linked": "Koblet",
    "coverage.col.suggested": "Foreslått",
    "coverage.col.unanswered": "Ubesvart",
    "coverage.col.plan": "Plan",
    "coverage.col.requirement": "Krav",
    "coverage.col.state": "Status",
    "coverage.col.answer": "Svar",
    "coverage.cell_legend": "Celle: koblet + foreslått / krav. ✗ = prioriteringen har krav, men ingenting svarer.",
    "coverage.no_requirements": "Ingen av planene har overordnede planer med krav til sitt nivå.",
    "coverage.other": "(uten prioritering)",
    "cli.coverage.help": "Dekning: alle planer mot prioriteringene i den nasjonale planen, med --detail per krav.",
    "cli.opt.detail": "Vis hvert krav, ikke bare tall per prioritering.",
    "cli.opt.parent": "Den overordnede planen det måles mot (standard: den nyeste nasjonale planen over hver plan).",
    "cli.new.help": "Lag utkast til en ny plan fra den overordnede planen: mål fra prioriteringene, et tiltak per krav.",
    "cli.opt.level": "Nivået til den nye planen: fylkeslag, lokallag, bydelslag, studentlag eller regionlag.",
    "cli.opt.organisation": "Organisasjonen, f.eks. «Hamar SV».",
    "cli.opt.period": "Perioden, f.eks. 2026-2029 (standard: den overordnede planens).",
    "cli.opt.new_parent": "Den overordnede planen (fylkesplan eller nasjonal plan).",
    "cli.opt.new_output": "Skriv planen hit (standard: skriv til skjermen). Finnes filen, blir den ikke overskrevet.",
    "new.exists": "{path} finnes allerede; velg et annet filnavn",
    "new.parent_unreadable": "den overordnede planen {path} kan ikke leses",
    "new.no_requirements": "{path} har ingen krav til nivået {level}",
    "new.written": "Skrev {path}: {goals} mål og {measures} tiltak, koblet til {parent}",
    "new.intro": "Utkast laget av «arbeidsplan new» fra {parent}. Hvert tiltak er et krav fra den overordnede planen; skriv dem om til egne tiltak, sett tid og ansvar, og stryk det som ikke passer.",
    "new.responsible": "Styret",
    "new.timing": "Hele perioden",
    "git.no_git": "finner ikke programmet git; installer git for å bruke historikken",
    "git.not_a_repo": "{path} er ikke i et git-repo; historikken leses fra git (kjør «git init» og lagre planene der)",
    "git.bad_revision": "«{rev}» er ikke en gyldig revisjon",
    "git.unknown_revision": "finner ikke revisjonen «{rev}»",
    "git.shallow_hint": "; repoet er en grunn klone (shallow), så eldre historikk mangler: kjør «git fetch --unshallow»",
    "git.shallow": ("Repoet er en grunn klone: bare {n} innsjekking er med, tilbake til {since}. Eldre historikk mangler; kjør «git fetch --unshallow» for å få den.", "Repoet er en grunn klone: bare {n} innsjekkinger er med, tilbake til {since}. Eldre historikk mangler; kjør «git fetch --unshallow» for å få den."),
    "git.failed": "git {what} feilet: {reason}",
    "git.dirty": "{path} har endringer som ikke er sjekket inn; de er med som «arbeidskopi».",
    "git.no_history": "{path} har ingen historikk i git ennå (ikke sjekket inn)",
    "git.working_tree": "arbeidskopi",
    "diff.n_kind": "{n} {what} {kind}",
    "diff.kind.strøket": "strøket",
    "diff.kind.omformulert": "omformulert",
    "diff.kind.lagt til": "lagt til",
    "diff.kind.flyttet": "flyttet",
    "diff.kind.ny id": "ny id",
    "diff.kind.ny tid": "ny tid",
    "diff.kind.nytt ansvar": "nytt ansvar",
    "diff.tiltak_n": "tiltak",
    "diff.mål_n": "mål",
    "diff.line_text": "{kind} {what} {id}: {text}",
    "diff.line_reworded": "Omformulert {what} {id}: «{old}» → «{new}»",
    "diff.line_moved": "Flyttet {what} {id} fra mål {old} til mål {new}",
    "diff.line_value": "{kind} for {what} {id}: {old} → {new}",
    "diff.n_meta": "front matter: {keys}",
    "diff.n_status": "status: {n} endret",
    "diff.no_text_changes": "ingen endringer i mål og tiltak",
    "diff.title": "Endringer i {path}: {old} → {new}",
    "diff.none": "Ingen endringer.",
    "diff.h.struck": "Stryke",
    "diff.h.reworded": "Endre til",
    "diff.h.added": "Nye",
    "diff.h.moved": "Flyttet",
    "diff.h.new_id": "Ny id",
    "diff.h.timing": "Ny tidsangivelse",
    "diff.h.responsible": "Nytt ansvar",
    "diff.h.meta": "Front matter",
    "diff.h.status": "Statusendringer (styrets oppfølging, ikke årsmøtets vedtak)",
    "diff.goal": "mål",
    "diff.measure": "tiltak",
    "diff.moved_from": "fra {old} til {new}",
    "history.title": "Historikk for {path}",
    "history.adopted": "vedtatt",
    "cli.history.help": "Vis planens revisjoner fra git: hvem, når, og hva som ble lagt til, strøket og omformulert.",
    "cli.diff.help": "Vis endringene mellom to versjoner av planen (standard: siste innsjekking mot arbeidskopien).",
    "cli.opt.revs_paths": "Opptil to revisjoner (f.eks. vedtatt/2025 vedtatt/2026) og planfiler eller mapper.",
    "cli.opt.since_adopted": "Fra siste vedtatte versjon (tagg vedtatt/… eller endret «vedtatt»/«revisjoner»).",
    "cli.opt.plan_or_dir": "Planfilen (standard: alle planer i plans/).",
    "diff.too_many_revisions": "høyst to revisjoner; «{extra}» er verken en fil eller den første eller andre revisjonen",
    "diff.no_adopted": "{path} har ingen vedtatt versjon i historikken (tagg vedtatt/… eller endret «vedtatt»)",
    "summary.files": ("{n} fil kontrollert", "{n} filer kontrollert"),
    "summary.errors": "{n} feil",
    "summary.warnings": ("{n} advarsel", "{n} advarsler"),
    "summary.infos": ("{n} merknad", "{n} merknader"),
    "summary.clean": "Ingen funn.",
    "show.period": "periode",
    "show.level": "nivå",
    "show.adopted": "vedtatt",
    "show.parents": "overordnet",
    "show.count.område": ("{n} målområde", "{n} målområder"),
    "show.count.mål": ("{n} mål", "{n} mål"),
    "show.count.delmål": ("{n} delmål", "{n} delmål"),
    "show.count.tiltak": ("{n} tiltak", "{n} tiltak"),
    "show.timing": "når",
    "show.responsible": "ansvar",
    "show.addressed": "til",
    "show.links": "svarer på",
    "show.loose": "Tiltak utenfor mål",
    # status words as a report shows them (the files keep the bokmål word), and dates in running text
    "word.planlagt": "planlagt",
    "word.i gang": "i gang",
    "word.gjennomført": "gjennomført",
    "word.delvis gjennomført": "delvis gjennomført",
    "word.utsatt": "utsatt",
    "word.ikke gjennomført": "ikke gjennomført",
    "word.strøket": "strøket",
    "word.ikke rapportert": "ikke rapportert",
    "date.months": "januar februar mars april mai juni juli august september oktober november desember",
    "date.long": "{day}. {month} {year}",
    "report.measure": "Tiltak",
    # click's own words (cli/localised.py) and its usage errors (cli/app.py)
    "cli.click.usage": "Bruk:",
    "cli.click.options": "Valg",
    "cli.click.commands": "Kommandoer",
    "cli.click.arguments": "Argumenter",
    "cli.click.options_metavar": "[VALG]",
    "cli.click.command_metavar": "KOMMANDO [ARGUMENTER]...",
    "cli.click.help": "Vis denne hjelpen og avslutt.",
    "cli.click.default": "standard: {default}",
    "cli.click.required": "påkrevd",
    "cli.word.year": "ÅR",
    "cli.word.path": "STI",
    "cli.word.plan": "PLAN",
    "cli.word.file": "FIL",
    "cli.word.template": "MAL",
    "cli.word.format": "FORMAT",
    "cli.word.text": "TEKST",
    "cli.word.level": "NIVÅ",
    "cli.word.name": "NAVN",
    "cli.word.period": "PERIODE",
    "cli.word.id": "ID",
    "cli.word.status": "STATUS",
    "cli.word.language": "SPRÅK",
    "cli.word.number": "TALL",
    "cli.word.value": "VERDI",
    "cli.word.revision_or_path": "REVISJON|STI",
    "cli.usage.no_such_command": "ukjent kommando «{name}»{suggestion}",
    "cli.usage.bad_value": "ugyldig verdi for {name}: «{value}» er ikke {expected}",
    "cli.usage.expected.int": "et heltall",
    "cli.usage.expected.other": "en gyldig verdi",
    "cli.usage.extra": "for mange argumenter: «{args}»",
    "cli.opt.lang": "Språk for meldinger og hjelp: nb (bokmål), nn (nynorsk) eller en (engelsk).",
    # -- ids: faste id-er (arbeidsplan ids), AP212 ----------------------------------------------------------
    "AP212": ("{n} mål eller tiltak har bare en avledet id (som {example}), som flytter seg når årsmøtet setter inn et punkt foran; planen ligger i git: «arbeidsplan ids {path}» skriver faste id-er", "{n} mål og tiltak har bare avledede id-er (som {example}), som flytter seg når årsmøtet setter inn et punkt foran; planen ligger i git: «arbeidsplan ids {path}» skriver faste id-er"),
    "title.AP212": "Forslag: plan i git med avledede id-er; «arbeidsplan ids» skriver faste",
    "cli.ids.short": "Skriv faste id-er der planen bare har avledede.",
    "cli.ids.help": "Vis hvilke faste id-er planen får der den i dag bare har avledede (som 2.t4); med --write endres filen. Bare id-ene settes inn, og statuslinjer med de gamle id-ene endres med.",
    "cli.opt.ids_write": "Endre filen (standard: bare vis hva som ville blitt endret).",
    "ids.line_changed": "{path}:{line}: linjen har en form som ikke kan få id trygt; skriv id-en for hånd",
    "ids.not_verified": "{path}: endringen ga ikke samme plan med de planlagte id-ene ved gjenlesing; filen er ikke endret",
    "ids.not_written_back": "{path}: filen ble endret av noe annet under skrivingen; se over den",
    "ids.none": "{path}: alle mål og tiltak har faste id-er allerede.",
    "ids.preview": "{path}: {n} id-er ville blitt skrevet (kjør med --write for å endre filen):",
    "ids.done": "{path}: {n} id-er skrevet.",
    "ids.missing": "{path} finnes ikke",
    "diff.ref_under": "under «{goal}»",
    "ids.orphan_status": "{path}:{line}: status for «{id}», som ikke finnes i planen; rett den først (ingen id-er er skrevet)",
    # Meeting papers (Word and PDF), -o by suffix, and help that teaches (issue 14).
    "paper.plan": "Plan",
    "paper.share_done": "av tiltakene planlagt i år er gjennomført ({share} %)",
    "paper.col.id": "Id",
    "paper.col.measure": "Tiltak",
    "paper.organisation": "Organisasjon",
    "paper.diff_title": "Endringer i planene",
    "paper.page": "side {n}",
    "output.unknown_suffix": "kan ikke skrive {path}: endelsen «{suffix}» er ikke et format denne kommandoen kan skrive; bruk en av: {suffixes}",
    "output.no_suffix": "(ingen)",
    "output.binary_needs_file": "{fmt} kan ikke skrives til skjermen; oppgi en fil med -o, f.eks. -o rapport.{fmt}",
    "output.write_failed": "kan ikke skrive {path}: {reason}",
    "output.verify_failed": "{path} ble skrevet, men inneholder ikke det som ble laget; prøv igjen",
    "output.template_mismatch": "malen {template} passer ikke til formatet {fmt}: en Word-mal (.docx) gir Word, "
                                "en Jinja2-mal gir Markdown eller HTML",
    "cli.opt.report_output": "Skriv rapporten til denne filen; endelsen velger formatet: .md, .html, .docx (Word) "
                             "eller .pdf.",
    "cli.opt.report_template": "Egen mal: en Jinja2-mal for .md/.html (kjøres i sandkasse), eller styrets eget "
                               "Word-dokument for .docx (stiler, topptekst og sideoppsett beholdes).",
    "cli.opt.show_output": "Skriv planen til denne filen; endelsen velger formatet: .txt, .json, .docx (Word) "
                           "eller .pdf.",
    "cli.opt.diff_output": "Skriv endringene til denne filen; endelsen velger formatet: .txt, .md, .json, "
                           ".docx (Word) eller .pdf.",
    "cli.opt.history_output": "Skriv historikken til denne filen; endelsen velger formatet: .txt, .md eller .json.",
    "cli.opt.status_output": "Skriv tabellen til denne filen; endelsen velger formatet: .txt, .json, .csv eller .md.",
    "cli.opt.coverage_output": "Skriv dekningen til filen; endelsen velger formatet: .txt, .json, .csv eller .md.",
    "cli.opt.word_template": "Styrets eget Word-dokument som mal for -o *.docx (stiler, topptekst og sideoppsett).",
    "cli.examples": "Eksempler:\n\n\b\n{lines}",
    "cli.app.examples": "arbeidsplan check plans/\n"
                        "arbeidsplan report 2026 plans/innlandet/2025-2028.md -o rapport.pdf\n"
                        "arbeidsplan KOMMANDO --help     (eksempler for hver kommando)",
    "cli.check.examples": "arbeidsplan check plans/innlandet/          (én mappe, eller én fil)\n"
                          "arbeidsplan check --strict --format github  (i GitHub Actions; advarsler teller som feil)",
    "cli.show.examples": "arbeidsplan show plans/vestland/bergen/2024-2027.md\n"
                         "arbeidsplan show plans/landsstyret/2026-2029.md -o plan.docx",
    "cli.ids.examples": "arbeidsplan ids plans/vestland/bergen/2024-2027.md\n"
                        "arbeidsplan ids plans/vestland/bergen/2024-2027.md --write",
    "cli.status.examples": "arbeidsplan status --year 2026 --missing plans/\n"
                           "arbeidsplan status set plan.md 2.2 gjennomført --note \"12 aktiviteter\"",
    "cli.status.show.examples": "arbeidsplan status --year 2026 examples/eksempelby/2024-2027.md\n"
                                "arbeidsplan status --overdue --ansvar styret --format csv plans/ > status.csv",
    "cli.status.set.examples": "arbeidsplan status set plan.md 2.2 gjennomført --year 2026 --note \"12 aktiviteter\"\n"
                               "arbeidsplan status set plan.md 1.3 utsatt",
    "cli.report.examples": "arbeidsplan report 2026 plans/innlandet/2025-2028.md -o rapport.docx\n"
                           "arbeidsplan report 2026 plans/innlandet/ -o rapport.pdf\n"
                           "arbeidsplan report 2026 plan.md -o rapport.docx --template styrets-mal.docx",
    "cli.coverage.examples": "arbeidsplan coverage plans/\n"
                             "arbeidsplan coverage --detail --format csv plans/ > dekning.csv",
    "cli.new.examples": "arbeidsplan new --level lokallag --org \"Hamar SV\" \\\n"
                        "    --parent plans/landsstyret/2026-2029.md -o plans/innlandet/hamar/2026-2029.md",
    "cli.history.examples": "arbeidsplan history plans/innlandet/2025-2028.md\n"
                            "arbeidsplan history --format md plans/innlandet/2025-2028.md > historikk.md",
    "cli.diff.examples": "arbeidsplan diff vedtatt/2025 vedtatt/2026 plans/innlandet/2025-2028.md\n"
                         "arbeidsplan diff --since-adopted -o forslag-til-endringer.docx",
    "cli.completion.install": "Installer fullføring med Tab for skallet ditt (bash, zsh eller fish).",
    "cli.completion.show": "Vis skriptet for fullføring med Tab, for å kopiere det eller installere det selv.",
    "cli.completion.unknown_shell": "fant ikke ut hvilket skall du bruker; fullføring finnes for bash, zsh og fish (se «arbeidsplan --show-completion»)",
    "cli.completion.installed": "Fullføring for {shell} er installert i {path}. Den virker når du åpner et nytt "
                                "terminalvindu.",
    # check --strict: the word before a finding's code says what it counts as.
    "strict.as_error": "advarsel regnet som feil (--strict)",
    "strict.summary": ("{n} advarsel regnes som feil (--strict)", "{n} advarsler regnes som feil (--strict)"),
}

LANGUAGES = ("nb", "nn", "en")
# What people write for a language: in front matter (`språk`), ARBEIDSPLAN_LANG, --lang and locale names.
LANGUAGE_NAMES = {
    "nb": "nb", "bokmål": "nb", "bokmal": "nb", "no": "nb", "nob": "nb",
    "nn": "nn", "nynorsk": "nn", "nno": "nn",
    "en": "en", "english": "en", "engelsk": "en", "eng": "en",
}
_chosen: ContextVar[str | None] = ContextVar("arbeidsplan_language", default=None)
_catalogues: dict[str, dict[str, Text]] = {"nb": NB}


def language_code(name: str | None) -> str | None:
    """«nynorsk», «nn», «nn_NO.UTF-8», «en_GB» … → nb, nn or en; None if it names none of them."""
    if not name:
        return None
    lowered = name.strip().lower()
    return LANGUAGE_NAMES.get(lowered) or LANGUAGE_NAMES.get(lowered.split(".")[0].split("_")[0].split("-")[0])


def choose_language(name: str | None) -> None:
    """Set the interface language for the rest of the process (--lang)."""
    _chosen.set(language_code(name))


def language() -> str:
    chosen = _chosen.get()
    if chosen:
        return chosen
    for variable in ("ARBEIDSPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        code = language_code(os.environ.get(variable))
        if code:
            return code
    return "nb"


@contextmanager
def using(name: str | None) -> Iterator[None]:
    """Texts in this language inside the block (a report in its plan's `språk`); unknown names change nothing."""
    token = _chosen.set(language_code(name) or language())
    try:
        yield
    finally:
        _chosen.reset(token)


def catalogue(code: str) -> dict[str, Text]:
    if code not in _catalogues:
        from importlib import import_module

        _catalogues[code] = getattr(import_module(f".locale.{code}", __package__), code.upper())
    return _catalogues[code]


def message(key: str, /, **args: object) -> str:
    text = catalogue(language()).get(key) or NB[key]
    if isinstance(text, tuple):
        text = text[0] if args.get("n") == 1 else text[1]
    return text.format(**args) if args else text
