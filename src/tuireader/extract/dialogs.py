"""Boxes that pop up: a box with a button that closes it is a dialog, not the article.

Marked before the form controls are stripped (the button is the evidence), dropped with the
rest of the chrome by boilerplate.
"""

from __future__ import annotations

import re
from typing import Any

DIALOG = "data-dialog"
_CLOSE = re.compile(r"^(?:close|dismiss|×|✕|✖|x)\b|\bclose(?:button|btn)?\b", re.I)


def _closes(button: Any) -> bool:
    """A button whose name, label or text says it closes something."""
    for value in (
        button.get("class"),
        button.get("id"),
        button.get("title"),
        button.get("aria-label"),
        button.text_content(),
    ):
        if value and _CLOSE.search(value.strip()):
            return True
    return False


def mark_dialogs(root: Any) -> None:
    """Mark the box around each close button (its parent) as a dialog."""
    for button in root.iter("button"):
        parent = button.getparent()
        if parent is not None and parent.tag not in ("body", "html") and _closes(button):
            parent.set(DIALOG, "1")
