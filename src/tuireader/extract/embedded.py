"""Article HTML a page keeps inside a script template, for its own script to insert.

Some blogs ship each post as `<script type="text/template">` inside the post's container and
render it on load; without scripts the container is empty. A template holding paragraphs that
is most of its container's text is parsed and put in its place, so the post is read as HTML.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import html as lxml_html

from tuireader.extract.parse import drop, xml_safe

_TEMPLATE_TYPES = frozenset(("text/template", "text/x-template", "text/html"))
_PARAGRAPH = re.compile(r"<p[\s>]", re.I)
_MIN_CHARS = 200  # characters of text a template must hold to be taken for the article


def has_templates(source: str | bytes) -> bool:
    """Whether the page could hold a template at all (a cheap test on the raw page)."""
    needle = "text/template" if isinstance(source, str) else b"text/template"
    other = "text/x-template" if isinstance(source, str) else b"text/x-template"
    return needle in source or other in source  # type: ignore[operator]


def unwrap_templates(root: Any) -> bool:
    """Replace each template script holding paragraphs by its parsed HTML; True if any was."""
    found = False
    for script in list(root.iter("script")):
        kind = (script.get("type") or "").strip().lower()
        code = script.text or ""
        if kind not in _TEMPLATE_TYPES or not code.lstrip().startswith("<"):
            continue  # a template of data (JSON) is the scripts' business
        if not _PARAGRAPH.search(code):
            continue
        try:
            fragment = lxml_html.fragment_fromstring(xml_safe(code), create_parent="div")
        except (ValueError, TypeError):
            continue
        inside = len(fragment.text_content().strip())
        parent = script.getparent()
        around = len((parent.text_content() if parent is not None else "").strip()) - len(code)
        if inside < _MIN_CHARS or around > inside:
            continue
        script.addprevious(fragment)
        drop(script)
        found = True
    return found
