"""Hypothesis strategies for hostile page text: Articles whose every field tries to steer the
terminal.

Arbitrary text alone rarely hits an escape sequence or a bidi override, so the strategies mix it
with snippets that do: CSI/OSC sequences, C0/C1 controls, bidi controls, Rich/Textual markup and
Markdown built from random blocks with hostile link URLs.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

from tuireader.models import Article, Image

SNIPPETS = (
    "\x1b[2J",
    "\x1b[31m",
    "\x1b[0m",
    "\x1b]8;;http://x\x07",
    "\x1b]8;;\x07",
    "\x1b]52;c;aGk=\x07",
    "\x1b]0;title\x1b\\",
    "\x1bP+q544e\x1b\\",
    "\x1bc",
    "\x9b31m",
    "\x9d8;;http://x\x9c",
    "\x07",
    "\x08",
    "\r",
    "\x00",
    "\x7f",
    "\x85",
    "\u202e",
    "\u202a",
    "\u2066",
    "\u2069",
    "\u200f",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u200b",
    "\u00ad",
    "[bold]",
    "[/bold]",
    "[@click=app.quit]x[/]",
    "[link=http://x]y[/link]",
    "[red on blue]",
    "[/]",
    "\\[bold]",
    "$text-primary",
    "&amp;",
    "&#27;",
    "<b>",
    "</p>",
    "\t",
    "\n",
    "\n\n",
    "    ",
    "漢字",
    "👩\u200d👩\u200d👧",
    "e\u0301",
    "\U0001f600",
)
# Rich/Textual markup that must reach the screen as the very characters written.
MARKUP_PROBES = ("[bold]", "[@click=app.quit]x[/]", "[link=http://x]y[/link]", "[red]r[/red]")
# What must never be painted: C0 (tab and newline included), DEL, C1, bidi embeddings,
# overrides and isolates, and the separators some terminals take as line breaks.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

_CONTROLS = st.characters(max_codepoint=0x9F) | st.characters(categories=["Cc", "Cf", "Zl", "Zp"])


def hostile_text(max_parts: int = 6) -> st.SearchStrategy[str]:
    """Arbitrary text interleaved with escape sequences, controls and markup."""
    part = st.text(max_size=20) | st.sampled_from(SNIPPETS) | _CONTROLS
    return st.lists(part, max_size=max_parts).map("".join)


TEXT = hostile_text()
LINE = TEXT.map(lambda text: text.replace("\n", " "))  # for one line of Markdown
URLS = st.sampled_from(
    [
        "https://ok.example/a",
        "http://127.0.0.1:1/x",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "mailto:a@b.org",
        "/relative",
        "#fragment",
        "",
        "http://[::1",
        "https://a.org/\x1b[2J",
        "https://a.org/\x1b]8;;http://evil\x07",
        "https://a.org/\u202egnp.exe",
        "https://a.org/[bold]x[/bold]",
        "https://a.org/a b",
        "https://a.org/(paren)",
        "https://a.org/\x07",
    ]
) | LINE.map(lambda tail: "https://a.org/" + tail)
_INLINE_KINDS = st.sampled_from(["text", "bold", "italic", "strike", "code", "link", "angle"])
_WRAPS = {"bold": "**", "italic": "*", "strike": "~~", "code": "`"}


@st.composite
def _inline(draw: st.DrawFn) -> str:
    """A line of inline Markdown: text, emphasis, code spans and links."""
    pieces: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        text, kind = draw(LINE), draw(_INLINE_KINDS)
        if kind == "link":
            pieces.append(f"[{text}]({draw(URLS)})")
        elif kind == "angle":
            pieces.append(f"[{text}](<{draw(URLS)}>)")
        else:
            wrap = _WRAPS.get(kind, "")
            pieces.append(f"{wrap}{text}{wrap}")
    return " ".join(pieces)


INLINE = _inline()
_LINES = st.lists(INLINE, min_size=1, max_size=3)
_BLOCK_KINDS = st.sampled_from(
    ["heading", "paragraph", "list", "quote", "table", "code", "indented", "rule", "raw"]
)
_MARKERS = st.sampled_from(["-", "*", "+", "1.", "10)", "999999999."])
_INDENTS = st.sampled_from(["", "  ", "    ", "      "])
_FENCES = st.sampled_from(["```", "~~~"])
_RULES = st.sampled_from(["---", "***", "___", "- - -"])
_JOINS = st.sampled_from(["\n\n", "\n\n", "\n", ""])


@st.composite
def _block(draw: st.DrawFn) -> str:
    """One Markdown block of a random kind, hostile text inside."""
    kind = draw(_BLOCK_KINDS)
    if kind == "heading":
        return "#" * draw(st.integers(1, 7)) + " " + draw(INLINE)
    if kind == "list":
        return "\n".join(f"{draw(_INDENTS)}{draw(_MARKERS)} {line}" for line in draw(_LINES))
    if kind == "quote":
        depth = draw(st.integers(1, 4))
        return "\n".join("> " * depth + line for line in draw(_LINES))
    if kind == "table":
        columns = draw(st.integers(1, 5))
        row = st.lists(INLINE, min_size=columns, max_size=columns)
        cells = [draw(row), ["---"] * columns, *draw(st.lists(row, max_size=3))]
        return "\n".join("| " + " | ".join(cells_of_row) + " |" for cells_of_row in cells)
    if kind == "code":
        fence = draw(_FENCES)
        closing = draw(st.sampled_from([fence, ""]))  # an unclosed fence runs to the end
        return f"{fence}{draw(LINE)}\n{draw(TEXT)}\n{closing}"
    if kind == "indented":
        return "\n".join("    " + line for line in draw(_LINES))
    if kind == "rule":
        return draw(_RULES)
    if kind == "raw":
        return draw(TEXT)
    return "\n".join(draw(_LINES))


BLOCK = _block()


@st.composite
def _markdown(draw: st.DrawFn) -> str:
    """Random blocks, joined the ways Markdown allows (blank lines, single newlines, nothing)."""
    return "".join(draw(_JOINS) + piece for piece in draw(st.lists(BLOCK, max_size=6)))


MARKDOWN = _markdown()
DATES = st.sampled_from(["", "2024-12-05T10:00:00+00:00", "2024-02-30", "9999-99-99T99:99"])

ARTICLES = st.builds(
    Article,
    title=TEXT,
    byline=TEXT,
    published=DATES | TEXT,
    site_name=TEXT,
    lead_image=st.none() | st.builds(Image, url=URLS, caption=TEXT, credit=TEXT, alt=TEXT),
    markdown=MARKDOWN,
)
