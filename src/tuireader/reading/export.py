"""`--dump` output: a Reading as Markdown, plain text or JSON, safe to print to a terminal."""

from __future__ import annotations

import json

from tuireader.formatting import byline_line, caption_line, short_title
from tuireader.models import Reading
from tuireader.textsafe import clean_line, clean_text, escape_json_unsafe, escape_markdown

FORMATS = ("markdown", "text", "json")


def _md_escape(text: str) -> str:
    """Escape one line of page text for Markdown, the same way the extractor escapes the body."""
    return escape_markdown(clean_line(text))


def _md_url(url: str) -> str:
    """A URL inside Markdown's `<...>` destination: one line, no angle brackets."""
    return clean_line(url).replace("<", "%3C").replace(">", "%3E")


def as_markdown(reading: Reading) -> str:
    article = reading.article
    out: list[str] = []
    if article.title:
        out.append(f"# {_md_escape(short_title(article.title, article.site_name))}")
    if line := byline_line(article):
        out.append(f"*{_md_escape(line)}*")
    if line := caption_line(article):
        out.append(f"> {_md_escape(line)}")
    if article.markdown.strip():
        out.append(clean_text(article.markdown).strip())
    if article.related_links:
        out.append("## Related")
        out.append(
            "\n".join(
                f"- [{_md_escape(x.text)}](<{_md_url(x.url)}>)" for x in article.related_links
            )
        )
    if article.credits:
        out.append("## Credits")
        out.append("\n".join(f"- {_md_escape(c)}" for c in article.credits))
    out.append(f"Source: <{_md_url(reading.page.final_url)}>")
    return "\n\n".join(out) + "\n"


def as_text(reading: Reading) -> str:
    article = reading.article
    out: list[str] = []
    if article.title:
        title = clean_line(short_title(article.title, article.site_name))
        out.append(f"{title}\n{'=' * min(len(title), 80)}")
    if line := byline_line(article):
        out.append(clean_line(line))
    if line := caption_line(article):
        out.append(f"[Image: {clean_line(line)}]")
    if article.text.strip():
        out.append(clean_text(article.text).strip())
    if article.related_links:
        out.append(
            "Related:\n"
            + "\n".join(
                f"- {clean_line(x.text)} <{clean_line(x.url)}>" for x in article.related_links
            )
        )
    if article.credits:
        out.append("Credits:\n" + "\n".join(f"- {clean_line(c)}" for c in article.credits))
    out.append(f"Source: {clean_line(reading.page.final_url)}")
    return "\n\n".join(out) + "\n"


def as_json(reading: Reading) -> str:
    return escape_json_unsafe(json.dumps(reading.to_dict(), ensure_ascii=False, indent=2)) + "\n"


def render(reading: Reading, fmt: str) -> str:
    if fmt == "json":
        return as_json(reading)
    if fmt == "text":
        return as_text(reading)
    return as_markdown(reading)
