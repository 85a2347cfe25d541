"""The one clock every layer writes times with: UTC, ISO 8601 to the second."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso() -> str:
    """Now, in UTC, as the store and the fetch layer write times."""
    return datetime.now(UTC).isoformat(timespec="seconds")
