"""Pocket's two exports: the CSV (2024 on) and the older ril_export.html.

CSV: a header `title,url,time_added,tags,status`; tags joined by "|"; status "unread" or
"archive"; time_added in seconds since 1970. tuireader's own CSV adds a `starred` column.
HTML: `<h1>Unread</h1><ul><li><a href time_added tags>title</a></li>...` then the same under
`<h1>Read Archive</h1>`; tags joined by ",". Read with html.parser: no entity is expanded
but HTML's own, and nothing recurses (link_html.py).
"""

from __future__ import annotations

from tuireader.interchange.csv_rows import csv_records, field
from tuireader.interchange.fields import Collected, epoch_date, saved_item
from tuireader.interchange.link_html import Attributes, LinkListParser, LinkMarks

ARCHIVED_STATUSES = frozenset({"archive", "archived", "read"})
STARRED_VALUES = frozenset({"1", "true", "yes", "starred"})


def read_pocket_csv(text: str, found: Collected) -> None:
    for where, row, header in csv_records(text, found.skip):
        with found.row(where):
            status = field(row, header, "status").strip().lower()
            found.add(
                saved_item(
                    field(row, header, "url"),
                    where=where,
                    title_text=field(row, header, "title"),
                    state="archived" if status in ARCHIVED_STATUSES else "unread",
                    starred=field(row, header, "starred").strip().lower() in STARRED_VALUES,
                    tag_values=field(row, header, "tags").split("|"),
                    added_at=epoch_date(field(row, header, "time_added")),
                )
            )


def read_pocket_html(text: str, found: Collected) -> None:
    _PocketList.read(text, found)


class _PocketList(LinkListParser):
    """The links under each <h1>: "Read Archive" archived, anything else unread."""

    def __init__(self, found: Collected) -> None:
        super().__init__(found)
        self.heading: list[str] | None = None

    def marks(self, link: Attributes) -> LinkMarks:
        return LinkMarks([link.get("tags") or ""], epoch_date(link.get("time_added")))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self.heading = []
        elif tag == "a":
            self.flush()
            self.start_link(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self.heading is not None:
            name = " ".join("".join(self.heading).split()).lower()
            self.state = "archived" if "archive" in name or name == "read" else "unread"
            self.heading = None
        elif tag == "a":
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading.append(data[:200])
        elif self.link is not None:
            self.keep_text(self.text, data)
