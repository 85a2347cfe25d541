"""`tuireader highlights [--tag T] [URL]`: the highlights and notes across the library, as Markdown.

Grouped by article, each article a heading with its author, date and URL (the source line the
reader's `Y` quote ends with), each highlight a `> ` quote of its passage with its note under it.
A passage no longer in the article is listed all the same and says so. Page text and notes are
data: cleaned of control characters and escaped, so that no Markdown reads them as markup.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tuireader.cli.options import Parser, add_shared_options
from tuireader.cli.output import NO_STDOUT, CommandError
from tuireader.cli.runner import output, run_main
from tuireader.cli.session import open_store
from tuireader.extract.textclean import escape_line_start
from tuireader.formatting import human_date, short_title
from tuireader.paths import cache_dir
from tuireader.textsafe import clean_line, clean_text, clip_url, escape_markdown

if TYPE_CHECKING:
    from tuireader.reading.highlights import ArticleHighlights
    from tuireader.reading.session import Session

GONE = "(no longer in the article)"
NOT_CACHED = "(the article is not in the cache: its passage could not be looked for)"

EPILOG = f"""\
examples:
  tuireader highlights                          every highlight, by article
  tuireader highlights --tag climate            those of the articles tagged climate
  tuireader highlights https://example.org/s    those of one article
  tuireader highlights > notes.md               to a file

Each article is a "## Title" heading, then "— author, date, <URL>"; each highlight is its
passage as a "> " quote, its note under it. A highlight whose passage has left the article
(a refetch changed it) is kept and listed, marked "{GONE}".
Highlights are made in the reader: s selects, H lists an article's highlights.
Exit status: 0 listed, 1 nothing to list or the cache cannot be read, 2 a bad argument.
"""


def build_parser() -> Parser:
    parser = Parser(
        prog="tuireader highlights",
        description="Print the highlights and notes made in the reader as Markdown quotes, "
        "grouped by article, with each article's title, author, date and URL.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("url", nargs="?", metavar="URL", help="only this article's highlights")
    parser.add_argument(
        "--tag", metavar="T", default=None, help="only the highlights of articles tagged T"
    )
    add_shared_options(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run `tuireader highlights ARGS`; returns the exit status, never raises."""
    return run_main(build_parser(), sys.argv[2:] if argv is None else argv, _run)


def _run(args: argparse.Namespace) -> int:
    from tuireader.cache.saved import clean_tag
    from tuireader.urls import BadURL, normalize_url

    if sys.stdout is None:
        raise CommandError(NO_STDOUT)
    tag = ""
    if args.tag is not None:
        tag = clean_tag(args.tag)
        if not tag:
            raise CommandError(f"--tag {clean_line(args.tag)!r} names no tag", 2)
    url = ""
    if args.url is not None:
        try:
            url = normalize_url(args.url)
        except BadURL as exc:
            raise CommandError(str(exc), 2) from None
    session = open_store(cache_dir(args.cache_dir), samples=False)
    try:
        if tag and tag.casefold() not in {name.casefold() for name, _ in session.store.all_tags()}:
            raise CommandError(f"no article is tagged {tag!r}")
        articles = session.reader.highlights.library(tag=tag, url=url)
        if not articles and url:
            articles = _saved_form(session, args.url, tag)
        if not articles:
            raise CommandError(_nothing(session, url, args.url, tag))
    finally:
        session.close()
    text = "\n".join(article_markdown(article) for article in articles)
    return output(lambda: print(text, end=""))


def _saved_form(session: Session, raw: str, tag: str) -> list[ArticleHighlights]:
    """The highlights of `raw` as the reading list keys it (tracking parameters stripped)."""
    from tuireader.reading.saving import saved_url
    from tuireader.urls import BadURL

    try:
        return session.reader.highlights.library(tag=tag, url=saved_url(raw))
    except BadURL:
        return []


def _nothing(session: Session, url: str, raw: str, tag: str) -> str:
    """Why there is nothing to list, in one line."""
    if url:
        store = session.store
        if not store.contains(url) and store.saved_item(url) is None:
            return f"{clip_url(raw)} is not in the cache or on the reading list"
        where = f"in {clip_url(url)}" + (f" (tagged {tag!r})" if tag else "")
        return f"no highlights {where}"
    if tag:
        return f"no highlights in the articles tagged {tag!r}"
    return "no highlights yet: make some in the reader (s selects a passage)"


# Markdown ---------------------------------------------------------------------------------------


def _md_line(line: str) -> str:
    """One line of page text or of a note as Markdown text: inline markup escaped, and a
    start that would make a heading, quote, list or rule escaped too (as the extractor does)."""
    return escape_line_start(escape_markdown(line))


def _md_url(url: str) -> str:
    return clean_line(url).replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def _lines(text: str) -> list[str]:
    """`text` cleaned and escaped, a line each ("" for a blank line), runs of spaces kept one."""
    return [_md_line(" ".join(line.split())) for line in clean_text(text).strip().splitlines()]


def article_markdown(article: ArticleHighlights) -> str:
    """An article's highlights: its heading and source line, then each passage and note."""
    url = article.final_url or article.url
    title = short_title(article.title, article.site_name)
    out = [f"## {_md_line(clean_line(title)) or '<' + _md_url(url) + '>'}", ""]
    source = [clean_line(article.byline), human_date(article.published)]
    out += ["— " + ", ".join([*(_md_line(s) for s in source if s), f"<{_md_url(url)}>"]), ""]
    for highlight, place in article.placed:
        quoted = [f"> {line}" if line else ">" for line in _lines(highlight.exact)]
        out += quoted or ["> …"]
        if place is None:
            out += ["", GONE if article.cached else NOT_CACHED]
        if note := _lines(highlight.note):
            out += ["", *note]
        out.append("")
    return "\n".join(out)
