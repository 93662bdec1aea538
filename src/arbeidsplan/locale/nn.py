"""Nynorsk."""

from __future__ import annotations

NN: dict[str, str | tuple[str, str]] = {}
