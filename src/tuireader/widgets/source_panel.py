"""The source panel: where the article came from and how tuireader got it."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tuireader.formatting import human_date, human_time, reading_time
from tuireader.models import CacheState, Reading
from tuireader.textsafe import clean_line
from tuireader.urls import host_of


def source_fields(reading: Reading) -> list[tuple[str, str]]:
    """Label and value of every line the panel shows, in order; empty values are left out."""
    article, page = reading.article, reading.page
    status = f"{page.status} · {page.content_type}" if page.status else page.content_type
    fields = [
        ("Cache", reading.state_label()),
        ("Fetch failed", reading.fallback_reason if reading.state is CacheState.FALLBACK else ""),
        ("Site", article.site_name or host_of(page.final_url)),
        ("Author", article.byline),
        ("Published", human_date(article.published)),
        ("Updated", human_date(article.modified) if article.modified != article.published else ""),
        ("Fetched", human_time(page.fetched_at)),
        ("URL", page.url),
        ("Final URL", page.final_url if page.final_url != page.url else ""),
        (
            "Canonical",
            article.canonical_url
            if article.canonical_url not in (page.url, page.final_url)
            else "",
        ),
        ("HTTP", status),
        ("Length", reading_time(article) if article.word_count else ""),
    ]
    fields += [("Credit", credit) for credit in article.credits]
    return [(label, value) for label, value in fields if value]


class SourcePanel(VerticalScroll, can_focus=True):
    """Facts about the Reading on screen, as label/value lines."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(Content("No article open."), id="source-lines")

    def show(self, reading: Reading) -> None:
        lines = []
        for label, value in source_fields(reading):
            lines.append(
                Content.assemble(
                    Content.styled(f"{label}: ", "bold $text-accent"), Content(clean_line(value))
                )
            )
        self.query_one("#source-lines", Static).update(Content("\n").join(lines))
