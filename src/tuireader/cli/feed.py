"""`tuireader feed ...`: follow feeds, list them, stop following, import and export OPML.

Output is plain and pipeable: one feed a line, tab-separated, with notes and errors on stderr.
Feed titles are page text, so each is cleaned of control characters before it is printed.
Importing this module loads neither the fetcher nor the feed parser: `add` (cli/feed_add.py) does.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

from tuireader.cache import Store
from tuireader.cache.feeds import Subscription
from tuireader.cli.feed_add import add as add_feed
from tuireader.cli.feed_add import n_entries, n_feeds, title_of
from tuireader.cli.options import Parser, add_shared_options
from tuireader.cli.output import NO_STDOUT, CommandError, say, to_stderr
from tuireader.cli.runner import output, run_main
from tuireader.cli.session import open_store
from tuireader.feeds.model import OpmlFeed
from tuireader.formatting import human_time
from tuireader.paths import cache_dir
from tuireader.reading.session import Session
from tuireader.textsafe import clean_line, clip_url
from tuireader.urls import BadURL, is_followable, normalize_url

Command = Callable[[Session, argparse.Namespace], int]
MAX_OPML_BYTES = 10 * 1024 * 1024  # a list of feeds: thousands of them fit in far less


def build_parser() -> Parser:
    parser = Parser(
        prog="tuireader feed",
        description="Follow sites through their feeds (RSS, Atom, JSON Feed): `tuireader "
        "refresh` then keeps every new article whole in the cache, readable offline.",
        epilog="Then run `tuireader refresh` (from cron or a systemd timer: see the README).",
    )
    add_shared_options(parser)
    common = Parser(add_help=False)  # so they also work after the subcommand
    add_shared_options(common, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, run: Command, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, parents=[common], help=summary, description=summary[0].upper() + summary[1:]
        )
        sub.set_defaults(run=run)
        return sub

    adder = add("add", add_feed, "follow a feed: its URL, or a web page that declares its feeds")
    adder.add_argument("url", metavar="URL", help="the feed, or a page of the site")
    adder.add_argument(
        "--pick",
        type=int,
        metavar="N",
        help="the page declares several feeds: follow the Nth (they are listed; default 1)",
    )
    add("list", _list, "one line per feed: title, URL, entries, unread, last checked, error")
    add(
        "remove", _remove, "stop following feeds (articles already fetched stay cached)"
    ).add_argument("feeds", nargs="+", metavar="URL|TITLE", help="the feeds' URLs or titles")
    add("import", _import, "follow every feed of an OPML file (folders become tags)").add_argument(
        "file", metavar="FILE.opml", help="an OPML subscription list, as other readers export"
    )
    add("export", _export, "print every feed followed as OPML 2.0")
    return parser


# Commands -------------------------------------------------------------------------------------


def _list(session: Session, args: argparse.Namespace) -> int:
    feeds = session.store.feeds()
    for feed in feeds:
        fields = (
            feed.title or "-",
            feed.url,
            str(feed.entries),
            str(feed.unread),
            human_time(feed.last_checked, zone=False) if feed.last_checked else "never",
            feed.last_error or "-",
        )
        print("\t".join(clean_line(field) for field in fields))
    sys.stdout.flush()
    entries = sum(feed.entries for feed in feeds)
    unread = sum(feed.unread for feed in feeds)
    to_stderr(f"{n_feeds(len(feeds))}, {n_entries(entries)}, {unread} unread\n")
    return 0


def _remove(session: Session, args: argparse.Namespace) -> int:
    store = session.store
    feeds = store.feeds()
    missing = 0
    for given in args.feeds:
        matches = _matching(feeds, given)
        if len(matches) > 1:
            say(f"{len(matches)} feeds are titled {clean_line(given)!r}: remove one by its URL")
            missing += 1
        elif not matches or not store.remove_feed(matches[0].id):
            say(f"{clip_url(given)} is not followed (see tuireader feed list)")
            missing += 1
        else:
            feed = matches[0]
            gone = n_entries(feed.entries)
            print(f"removed {title_of(feed.title)} <{clean_line(feed.url)}>: {gone}")
    return 1 if missing else 0


def _import(session: Session, args: argparse.Namespace) -> int:
    from tuireader.feeds.opml import OpmlError, read_opml

    try:
        listed = read_opml(_read_file(Path(args.file)))
    except OpmlError as exc:
        raise CommandError(f"{args.file}: {exc}") from None
    line, failed = follow_listed(session.store, listed)
    print(line)
    return 1 if failed else 0


def follow_listed(store: Store, listed: Iterable[OpmlFeed]) -> tuple[str, bool]:
    """Follow every feed of an OPML list (`feed import`, and `import` given OPML): the line that
    says what was done, and whether it failed (every feed was bad). Each bad one is said."""
    added = already = bad = 0
    for item in listed:
        try:
            url = normalize_url(item.url)
        except BadURL as exc:
            url, reason = "", str(exc)
        else:
            reason = "" if is_followable(url) else "not an http(s) URL"
        if not url or reason:
            say(f"skipped {clean_line(item.title) or clip_url(item.url)}: {reason}")
            bad += 1
            continue
        _, new = store.add_feed(url, title=item.title, site_url=item.site_url, tags=item.tags)
        added += new
        already += not new
    line = f"imported {n_feeds(added)} ({already} already followed, {bad} bad)" + (
        ": run `tuireader refresh` to read them" if added else ""
    )
    return line, bool(bad and not (added or already))


def _export(session: Session, args: argparse.Namespace) -> int:
    from tuireader.feeds.model import OpmlFeed
    from tuireader.feeds.opml import write_opml

    feeds = [
        OpmlFeed(url=f.url, title=f.title, site_url=f.site_url, tags=f.tags)
        for f in session.store.feeds()
    ]
    sys.stdout.write(write_opml(feeds))
    return 0


# Helpers --------------------------------------------------------------------------------------


def _matching(feeds: list[Subscription], given: str) -> list[Subscription]:
    """The feeds `given` names: by URL (as typed or normalized), else by title (any case)."""
    urls = {given.strip()}
    with suppress(BadURL):
        urls.add(normalize_url(given))
    by_url = [feed for feed in feeds if feed.url in urls]
    if by_url:
        return by_url
    wanted = given.strip().casefold()
    return [feed for feed in feeds if wanted and feed.title.casefold() == wanted]


def _read_file(path: Path) -> bytes:
    """A regular file's bytes, checked before reading: a FIFO or a device is never read."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise CommandError(f"{path} is not a regular file: give an OPML file")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise CommandError(f"{path} is not a regular file: give an OPML file")
            with os.fdopen(os.dup(fd), "rb") as stream:
                data = stream.read(MAX_OPML_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_OPML_BYTES:
        raise CommandError(f"{path} is over 10 MiB: not an OPML list of feeds")
    return data


# Entry point ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run `tuireader feed ARGS`; returns the exit status (2 usage, 1 failure), never raises."""
    return run_main(build_parser(), sys.argv[2:] if argv is None else argv, _run)


def _run(args: argparse.Namespace) -> int:
    if sys.stdout is None:  # every command reports on stdout: refuse before changing anything
        raise CommandError(NO_STDOUT)
    session = open_store(cache_dir(args.cache_dir), samples=False)
    try:
        return output(lambda: args.run(session, args))
    finally:
        session.close()
