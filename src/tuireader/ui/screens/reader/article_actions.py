"""The open article out of the reader: to the system's browser, or to the clipboard.

Each takes the screen and the reading it shows (None when no article is open: then it says so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tuireader.textsafe import clean_line, clip_line
from tuireader.ui.screens.reader.link_digits import NOTICE_LIMIT
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.urls import is_followable

if TYPE_CHECKING:
    from textual.screen import Screen

    from tuireader.models import Reading

NOTHING_TO_COPY = "Nothing to copy: no article is open."


def open_in_browser(screen: Screen[None], reading: Reading | None) -> None:
    """The article's page in the system's browser: for what a reader cannot show."""
    if reading is None:
        screen.notify("No article is open: press o to open a URL.", markup=False)
        return
    url = reading.page.final_url or reading.url
    if not is_followable(url):
        screen.notify("This article has no web address to open.", markup=False)
        return
    screen.app.open_url(url)
    screen.notify(f"Opened {clip_line(url, NOTICE_LIMIT)} in the browser.", timeout=3, markup=False)


def copy_url(screen: Screen[None], reading: Reading | None) -> None:
    """The article's URL to the clipboard (OSC 52, so it works over ssh too)."""
    if reading is None:
        screen.notify(NOTHING_TO_COPY, markup=False)
        return
    url = clean_line(reading.page.final_url or reading.url)
    screen.app.copy_to_clipboard(url)
    screen.notify(f"Copied {clip_line(url, NOTICE_LIMIT)}", timeout=3, markup=False)


def copy_quote(screen: Screen[None], reading: Reading | None) -> None:
    """The paragraph at the top of the article pane, as a Markdown quote with its source."""
    from tuireader.formatting import quote_block

    if reading is None:
        screen.notify(NOTHING_TO_COPY, markup=False)
        return
    paragraph = screen.query_one(BodyPane).current_paragraph()
    screen.app.copy_to_clipboard(quote_block(reading, paragraph))
    screen.notify("Copied the paragraph as a quote.", timeout=3, markup=False)
