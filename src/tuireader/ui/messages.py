"""Messages that widgets post upward; the screen that holds them decides what happens."""

from __future__ import annotations

from textual.message import Message


class FollowLink(Message):
    """The reader asked to read `url` (a link in the body or the sidebar)."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url


class RefreshRequested(Message):
    """The person asked for the feeds to be refreshed (R): the app runs the refresh."""
