"""A terminal of true colour, where the body draws pictures (NO_COLOR, 16 colours: alt lines)."""

from __future__ import annotations

import pytest


@pytest.fixture
def colour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("NO_COLOR", raising=False)
