"""English."""

from __future__ import annotations

EN: dict[str, str | tuple[str, str]] = {}
