"""Back and forward through what was read, each place remembered with its scroll position."""

from __future__ import annotations

from dataclasses import dataclass

from tuireader.models import Reading


@dataclass(slots=True)
class HistoryEntry:
    reading: Reading
    block: int = 0  # the paragraph at the top of the pane: survives resizes, unlike a line
    anchor_text: str = ""  # that paragraph's opening words: find it again in another copy


class History:
    """A browser-like history: visiting a new page drops the forward entries."""

    def __init__(self) -> None:
        self._entries: list[HistoryEntry] = []
        self._index = -1

    @property
    def current(self) -> HistoryEntry | None:
        return self._entries[self._index] if self._entries else None

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    @property
    def entries(self) -> tuple[HistoryEntry, ...]:
        return tuple(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def visit(self, reading: Reading) -> HistoryEntry:
        del self._entries[self._index + 1 :]
        entry = HistoryEntry(reading)
        self._entries.append(entry)
        self._index = len(self._entries) - 1
        return entry

    def replace_current(self, reading: Reading) -> HistoryEntry:
        """Show a newer copy of the current page (a refetch) without a new history step, at
        the paragraph that was read, found again by its opening words where it still exists."""
        current = self.current
        if current is None:
            return self.visit(reading)
        self._entries[self._index] = HistoryEntry(reading, current.block, current.anchor_text)
        return self._entries[self._index]

    def back(self) -> HistoryEntry | None:
        if not self.can_go_back:
            return None
        self._index -= 1
        return self._entries[self._index]

    def forward(self) -> HistoryEntry | None:
        if not self.can_go_forward:
            return None
        self._index += 1
        return self._entries[self._index]

    @property
    def index(self) -> int:
        return self._index

    def go_to(self, index: int) -> HistoryEntry | None:
        """Jump to any entry, as a history list does; the entries after it are kept."""
        if not 0 <= index < len(self._entries):
            return None
        self._index = index
        return self._entries[index]
