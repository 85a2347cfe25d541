"""The start-up baseline: the least a Textual app can do to show an article, one Markdown widget.

    python benchmarks/minimal_markdown_app.py ARTICLE.md

Run as a script (not `-m benchmarks...`) so it imports nothing but Textual. q quits.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Markdown


class MinimalMarkdownApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        yield Markdown(self.markdown, open_links=False)


if __name__ == "__main__":
    MinimalMarkdownApp(Path(sys.argv[1]).read_text(encoding="utf-8")).run()
