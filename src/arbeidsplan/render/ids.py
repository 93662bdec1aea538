"""What `arbeidsplan ids` would write (or wrote): a line diff of the file, and the ids as JSON."""

from __future__ import annotations

import difflib
import json
from typing import Any

from ..messages import message


def as_text(edit: Any) -> str:
    """A unified diff without context lines, under one line that says what it is."""
    if not edit.ids:
        return message("ids.none", path=edit.path) + "\n"
    key = "ids.done" if edit.written else "ids.preview"
    lines = [message(key, path=edit.path, n=len(edit.ids)) + "\n"]
    if not edit.written:
        diff = difflib.unified_diff(edit.before.splitlines(), edit.after.splitlines(), fromfile=str(edit.path),
                                    tofile=str(edit.path), n=0, lineterm="")
        lines += [line + "\n" for line in diff]
    return "".join(lines)


def as_json(edit: Any) -> str:
    data = {"fil": str(edit.path), "skrevet": edit.written,
            "id": [{"hva": i.what, "avledet": i.derived, "ny": i.new, "linje": i.line} for i in edit.ids]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
