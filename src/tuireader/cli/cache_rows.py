"""The lines `cache list` and `cache search` print: one article a line, tab-separated.

Columns: fetched, site, title, URL, then the reading list's state and the tags, appended so that
scripts that cut the first four keep working. Page text is data: every field is one clean line.
"""

from __future__ import annotations

from tuireader.cache import Store, split_hits
from tuireader.cache.saved import Marks
from tuireader.cache.versions import was_read
from tuireader.formatting import human_size, human_time
from tuireader.models import Article, LibraryEntry, PageInfo, Picture, Version
from tuireader.textsafe import clean_line, clean_text

BOLD, NORMAL = "\x1b[1m", "\x1b[22m"


def entry_line(entry: LibraryEntry, marks: Marks | None) -> str:
    """fetched, site, title, URL, state ("unread", "archived", + " starred"; "-": not saved),
    tags (or "-"): tab-separated, each cleaned to one line (tabs included)."""
    marks = marks or Marks()
    fields = (
        human_time(entry.fetched_at, zone=False),
        entry.site_name or entry.host,
        entry.title,
        entry.url,
        (marks.state or "-") + (" starred" if marks.starred else ""),
        ", ".join(marks.tags) or "-",
    )
    return "\t".join(clean_line(field) for field in fields)


def snippet_line(snippet: str, bold: bool) -> str:
    """One line of search context: matched words bold on a terminal, plain text when piped."""
    parts = []
    for text, is_match in split_hits(snippet):
        part = clean_text(text).replace("\n", " ").replace("\t", " ")
        parts.append(f"{BOLD}{part}{NORMAL}" if is_match and bold else part)
    return " ".join("".join(parts).split())


SHOWN_PROBLEMS = 3  # why pictures were not kept: the first few reasons, each once


def summary_line(store: Store) -> str:
    count = store.count()
    on_disk, content = store.size()
    text = f"{count} article{'' if count == 1 else 's'}, {on_disk / 1024 / 1024:.1f} MiB on disk"
    if count:
        text += f" ({human_size(content // count)} per article)"
    pictures, picture_bytes = store.all_picture_bytes()
    if pictures:
        text += f", with {_pictures(pictures)} ({human_size(picture_bytes)})"
    return text


def pictures_line(pictures: tuple[Picture, ...]) -> str:
    """'3 in the cache (120.5 KiB); 1 not kept: HTTP 404', or "" when none was ever fetched."""
    kept = [picture for picture in pictures if picture.size]
    missed = [picture for picture in pictures if not picture.size]
    if not pictures:
        return ""
    text = f"{len(kept)} in the cache ({human_size(sum(p.size for p in kept))})"
    if missed:
        problems = list(dict.fromkeys(p.problem or "no bytes" for p in missed))
        shown = ", ".join(problems[:SHOWN_PROBLEMS])
        more = ", …" if len(problems) > SHOWN_PROBLEMS else ""
        text += f"; {len(missed)} not kept: {shown}{more}"
    return text


def version_lines(
    versions: list[Version], info: PageInfo, article: Article, entry: LibraryEntry | None
) -> list[tuple[str, str]]:
    """`cache show`'s lines for the copies of an article: a line for each earlier copy kept
    (fetched, read, words, paragraphs the next copy changed, size), then one for the current
    copy, numbered after them; nothing more than the count when only the current one is kept."""
    if not versions:
        return [("versions", "only the current copy")]
    count = len(versions)
    noun = "copy" if count == 1 else "copies"
    lines = [("versions", f"{count} earlier {noun} and the current one (cache export --version N)")]
    for version in versions:
        read = human_time(version.read_at) if version.read_at else "not read"
        changed = (
            f"the next changed {version.changed} paragraph{'' if version.changed == 1 else 's'}"
        )
        lines.append(
            (
                f"version {version.number}",
                f"fetched {human_time(version.fetched_at)}, read {read}, "
                f"{version.word_count:,} words, {changed}, {human_size(version.size)}",
            )
        )
    read_now = ""
    if entry is not None:
        read_now = was_read(entry.last_read_at, entry.progress, versions[-1].replaced_at)
    lines.append(
        (
            f"version {versions[-1].number + 1}",
            f"the current copy: fetched {human_time(info.fetched_at)}, "
            f"read {human_time(read_now) if read_now else 'not read'}, "
            f"{article.word_count:,} words, "
            f"{human_size(max(0, (entry.size if entry else 0) - sum(v.size for v in versions)))}",
        )
    )
    return lines


def _pictures(count: int) -> str:
    return f"{count} picture{'' if count == 1 else 's'}"
