"""The party's own confirmed answers: for each requirement, the items that other plans have linked to it with
`svarer på`. Their words are evidence for what answers the requirement in the next plan (alignment.suggest()).

Which answers count, for a plan P measured against a requirement R of a parent plan at P's level:
- the items of every other plan of the run (`check plans/`: the whole party; `check one.md`: only that plan, so
  there is nothing to learn from) whose written link resolves, against that plan's own parents, to R itself —
  the same parent file, the same level, the same id. So a local plan learns from every other local plan that
  answers the national plan's «Lokallagas rolle», in whichever county, and from the local plans of its own county
  for the county plan's requirements; never from a county plan (it answers the county roles, not these), and
  never from itself (its own links make a requirement answered already);
- in a fixed order, the plan's path and then the item's place in it, at most PER_REQUIREMENT of them. The lift
  is the mean similarity to them (suggest()), so a few say about as much as hundreds, and each costs time: on the
  labelled set (benchmarks/alignment.py --links) 3 per requirement gives the same precision@1 cross-validated
  as all of them (0.81), 8 one point more; on the synthetic party each one adds ~0.2 s to the ~2 s that the
  alignment of 350 local plans takes, and learning at all ~1 s (a second index per plan, suggest()). A fixed
  order, so that a run gives the same suggestions every time, and a plan late in it that edits its answers
  changes nothing for the others (their outcomes stay in the cache).

Offers are plain values (paths, ids, texts), so worker processes send them to the main process and it sends the
Evidence back (checks/outcomes.py), and `check` keeps each plan's outcome by the digest of the evidence it used.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterable

PER_REQUIREMENT = 3  # other plans' answers per requirement at most (see the module's text)

RequirementKey = tuple[str, str, str]  # (the parent plan's path key, the level asked, the requirement's id)


@dataclass(frozen=True)
class Offer:
    """One confirmed answer: in the plan at `plan` (its path key), the item with this text links to `requirement`."""

    requirement: RequirementKey
    plan: str
    text: str


class Evidence:
    """The confirmed answers of a run, by requirement, in the fixed order (see the module's text)."""

    def __init__(self, offers: Iterable[Offer] = ()):
        self._by: dict[RequirementKey, list[Offer]] = {}
        for offer in offers:  # each plan's offers come in the plan's own order; plans are sorted below
            self._by.setdefault(offer.requirement, []).append(offer)
        for found in self._by.values():
            found.sort(key=lambda o: o.plan)  # stable: within a plan, its own order

    def __bool__(self) -> bool:
        return bool(self._by)

    def answers(self, requirement: RequirementKey, plan: str) -> tuple[Offer, ...]:
        """The other plans' answers to `requirement` that count for the plan at `plan` (its path key)."""
        out: list[Offer] = []
        for offer in self._by.get(requirement, ()):
            if offer.plan != plan:
                out.append(offer)
                if len(out) == PER_REQUIREMENT:
                    break
        return tuple(out)

    def digest(self, requirements: Iterable[RequirementKey], plan: str) -> str:
        """What a plan's suggestions learned from, as a digest: the same exactly when the answers are."""
        h = hashlib.blake2b(digest_size=16)
        for key in requirements:
            h.update("\0".join(key).encode("utf-8") + b"\1")
            for offer in self.answers(key, plan):
                h.update(f"{offer.plan}\0{offer.text}\1".encode("utf-8"))
            h.update(b"\2")
        return h.hexdigest()
