"""The history list: every article read this session, the current one marked; Enter goes there."""

from __future__ import annotations

from textual.content import Content

from tuireader.formatting import short_title
from tuireader.reading.history import History
from tuireader.textsafe import clean_line
from tuireader.ui.screens.pick_list import PickListScreen


class HistoryScreen(PickListScreen):
    """Dismisses with the index of the chosen entry, or None."""

    def __init__(self, history: History) -> None:
        lines = []
        for n, entry in enumerate(history.entries):
            article = entry.reading.article
            title = clean_line(short_title(article.title, article.site_name))
            marker = "▶ " if n == history.index else "  "
            lines.append(Content(f"{marker}{title or clean_line(entry.reading.url)}"))
        super().__init__("History (Enter goes back there, Escape closes)", lines, history.index)
