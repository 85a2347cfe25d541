"""Article HTML a page keeps for its own script to insert: in a template, or in script props.

Some blogs ship each post as `<script type="text/template">` inside the post's container and
render it on load; without scripts the container is empty. A template of HTML holding paragraphs
and most of its container's text is parsed and put in its place. Other pages hand their script
the whole article as JSON in a data attribute (`data-react-props`); when the page shows too
little, the HTML strings of the object named like the page are its article.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lxml import html as lxml_html

from tuireader.extract.parse import drop, parse_html, xml_safe

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


_NAME_KEYS = ("title", "headline", "name")
_MIN_PROPS = 500  # characters: a data attribute shorter than this holds no article
_MAX_DEPTH = 40
_MIN_NAME = 10  # characters: a shorter name says nothing about which object is the article


def _html_strings(value: Any, out: list[str], depth: int = 0) -> None:
    """Every string under `value` that is HTML with paragraphs, in order."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, str):
        if _PARAGRAPH.search(value):
            out.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _html_strings(item, out, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _html_strings(item, out, depth + 1)


def _named(value: Any, title: str, depth: int = 0) -> Any:
    """The first object under `value` whose title or name is the page's title, or None."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(value, dict):
        for key in _NAME_KEYS:
            name = value.get(key)
            text = name.strip().casefold() if isinstance(name, str) else ""
            if len(text) >= _MIN_NAME and text in title:
                return value
        items = list(value.values())
    elif isinstance(value, list):
        items = value
    else:
        return None
    for item in items:
        found = _named(item, title, depth + 1)
        if found is not None:
            return found
    return None


def props_page(source: str | bytes, title: str) -> str:
    """A page made of the article's HTML found in script props, or "" when there is none."""
    found = props_html(parse_html(source), title)
    return f"<html><body><article>{found}</article></body></html>" if found else ""


def props_html(root: Any, title: str) -> str:
    """The article's HTML from a script's props in a data attribute (`data-react-props`...):
    the HTML strings of the object named like the page, joined; "" when there is none."""
    wanted = title.strip().casefold()
    if not wanted:
        return ""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr, value in el.attrib.items():
            if not attr.startswith("data-") or len(value) < _MIN_PROPS:
                continue
            if value.lstrip()[:1] not in ("{", "["):
                continue
            try:
                data = json.loads(value)
            except ValueError:
                continue
            named = _named(data, wanted)
            if named is None:
                continue
            parts: list[str] = []
            _html_strings(named, parts)
            if parts:
                return "\n".join(parts)
    return ""
