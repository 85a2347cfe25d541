"""What a person types becomes a URL we may fetch, or a one-line reason why not."""

from __future__ import annotations

import pytest

from tuireader.urls import BadURL, host_of, is_followable, normalize_url


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("example.org/a#section", "https://example.org/a"),
        ("HTTP://Example.ORG", "http://example.org/"),
        ("  https://example.org/p?q=1  ", "https://example.org/p?q=1"),
        ("http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"),
        ("localhost:9/x", "https://localhost:9/x"),
    ],
)
def test_normalize(typed: str, expected: str) -> None:
    assert normalize_url(typed) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "no URL"),
        ("ftp://example.org/file", "unsupported scheme"),
        ("javascript:alert(1)", "unsupported scheme"),
        ("file:///etc/passwd", "unsupported scheme"),
        ("data:text/html,hi", "unsupported scheme"),
        ("not a url", "not a URL"),
        ("word", "no host"),
        ("http://example.org:99999/", "not a URL"),
        ("http://user:pw@example.org/", "user name"),
        ("http://exa\x1bmple.org/", "control characters"),
    ],
)
def test_rejected(typed: str, reason: str) -> None:
    with pytest.raises(BadURL, match=reason):
        normalize_url(typed)


def test_followable_and_host() -> None:
    assert is_followable("https://www.example.org/a")
    assert not is_followable("mailto:someone@example.org")
    assert not is_followable("javascript:void(0)")
    assert not is_followable("#top")
    assert host_of("https://www.example.org/a") == "example.org"
    assert host_of("not a url") == ""
