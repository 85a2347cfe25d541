"""Article extraction: HTML in, Article out, pure and deterministic.

Callers import from the module that holds what they need: `pipeline` runs the extractor (and
imports lxml), `finish` gives any Article the extractor's rules without it (all a Markdown import
needs), `page` turns a fetched page into an Article. This package module imports only the version
stamp, so importing one light part never pays for the parser.

`extract_article` and `plain_text_article` are still found here, imported on first use, for tools
outside the repository that name `tuireader.extract:extract_article` (the shared scorer's default).
"""

from __future__ import annotations

from tuireader.extractor_version import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION"]


def __getattr__(name: str) -> object:
    """The extractor's entry points, imported when first asked for (PEP 562)."""
    if name in ("extract_article", "plain_text_article"):
        from tuireader.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
