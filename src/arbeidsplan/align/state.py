"""How a requirement stands in a child plan: linked by the plan, suggested by the matching, or unanswered."""

from enum import Enum


class State(str, Enum):
    LINKED = "koblet"
    SUGGESTED = "foreslått"
    UNANSWERED = "ubesvart"
