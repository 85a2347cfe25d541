"""`tuireader add URL...`: save articles to read later, and fetch them now so they read offline.

`-` reads the URLs from stdin, one a line (blank lines and `#` comments ignored), so a list can be
piped in. A URL that cannot be one is named on stderr with why; the others are saved all the same.
What fails to fetch stays on the list with its error, for `tuireader fetch` or `refresh`.
"""

from __future__ import annotations

import argparse
import sys

from tuireader.cache.saved import clean_tag
from tuireader.cli.fetch import fetch_now, nothing_fetched
from tuireader.cli.options import Parser, add_shared_options
from tuireader.cli.output import NO_STDOUT, CommandError, say
from tuireader.cli.runner import output, run_main
from tuireader.cli.session import open_store
from tuireader.paths import cache_dir
from tuireader.reading.saving import not_cached, save_urls
from tuireader.textsafe import clean_line, clip_url

EPILOG = """\
examples:
  tuireader add https://example.org/story --tag news
  tuireader add --later URL URL              save now, fetch later (tuireader fetch)
  grep -o 'https://[^ ]*' notes.txt | tuireader add -

Pages are fetched four at a time and two per site at most; each is kept as soon as it arrives.
Prints one line: "3 saved, 1 already saved, 2 fetched, 1 failed: URL: reason".

exit status: 0; 1 when a URL was refused (the others are saved) or every fetch failed;
2 for a usage error.
"""


def build_parser() -> Parser:
    parser = Parser(
        prog="tuireader add",
        description="Save articles to the reading list (as unread) and fetch them into the cache\n"
        "now, a few at a time, so they read offline.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "urls", nargs="+", metavar="URL", help="the articles; - reads URLs from stdin, one a line"
    )
    parser.add_argument(
        "--tag",
        "-t",
        action="append",
        default=[],
        metavar="TAG",
        help="tag every article saved (again for more tags)",
    )
    parser.add_argument(
        "--later", action="store_true", help="save only; `tuireader fetch` fetches them later"
    )
    add_shared_options(parser)
    return parser


def given_urls(args: list[str]) -> list[str]:
    """The URLs given, with each `-` replaced by stdin's lines (blank and `#` lines dropped)."""
    urls: list[str] = []
    for arg in args:
        if arg != "-":
            urls.append(arg)
            continue
        if sys.stdin is None:
            raise CommandError("standard input is closed: no URLs to read from -", 2)
        try:
            text = sys.stdin.read()
        except (UnicodeDecodeError, OSError) as exc:
            raise CommandError(f"cannot read URLs from standard input: {exc}") from None
        lines = (line.strip() for line in text.splitlines())
        urls.extend(line for line in lines if line and not line.startswith("#"))
    return urls


def main(argv: list[str] | None = None) -> int:
    """Run `tuireader add ARGS`; returns the exit status, never raises."""
    return run_main(build_parser(), sys.argv[2:] if argv is None else argv, _run)


def _run(args: argparse.Namespace) -> int:
    if sys.stdout is None:
        raise CommandError(NO_STDOUT)
    tags = [clean_tag(tag) for tag in args.tag]
    if not all(tags):
        raise CommandError("--tag needs a name: an empty tag is no tag", 2)
    urls = given_urls(args.urls)
    if not urls:
        raise CommandError("no URL to save: give URLs, or - to read them from stdin", 2)
    session = open_store(cache_dir(args.cache_dir), samples=False)
    try:
        saved = save_urls(session.store, urls, tags=tags)
        for raw, why in saved.refused:
            say(why if raw.strip() in why else f"{clip_url(raw)}: {why}")
        line, done = saved.line(), None
        if not args.later and saved.urls:
            wanted = not_cached(session.store, saved.urls)
            if wanted:
                done = fetch_now(session, wanted)
                line += ", " + done.line()
            else:
                line += ", nothing to fetch: all in the cache"
    finally:
        session.close()
    result = output(lambda: print(clean_line(line)))
    if result:
        return result
    return 1 if saved.refused or (done is not None and nothing_fetched(done)) else 0
