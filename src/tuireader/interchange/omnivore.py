"""Omnivore's export: a zip of `metadata_<from>_to_<to>.json`, `content/` and `highlights/`.

Each metadata file is a JSON list of items: id, slug, title, description, author, url,
state ("Active" / "Archived" / "Unknown"; earlier exports "active" / "archived", or the
library state itself: SUCCEEDED, ARCHIVED, ...), readingProgress, thumbnail, labels (names),
savedAt, updatedAt, publishedAt (ISO 8601). An item's article is `content/<slug>.html` (or
`.md`; `.pdf` for an uploaded PDF, not kept), its highlights `highlights/<slug>.md`: each
highlight "> quote", then "#label" words, then the note, highlights parted by blank lines.

A zip is a file from anyone: members are read into memory only (a name is a key, never a
path on disk), a name that climbs out (`../`, absolute) is skipped, and what is read is
counted as it is decompressed (the header's sizes are not trusted): at most MEMBER_BYTES a
member and TOTAL_BYTES in all, then reading stops and says so.
"""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from io import BytesIO
from typing import IO

from tuireader.interchange.fields import Collected, highlight, iso_date, saved_item
from tuireader.interchange.model import BadImport, Highlight, Skipped, State
from tuireader.interchange.text import decoded
from tuireader.textsafe import clip_line

MEMBER_BYTES = 10 * 1024 * 1024
TOTAL_BYTES = 200 * 1024 * 1024
CHUNK = 64 * 1024
ARCHIVED_STATES = frozenset({"archived"})
_METADATA = re.compile(r"metadata(?:_(\d+)_to_\d+)?\.json", re.IGNORECASE)
_LABEL_LINE = re.compile(r"^(?:#\S+\s*)+$")


class CapReached(Exception):
    """The zip held more than TOTAL_BYTES uncompressed."""


def read_omnivore_zip(data: bytes, found: Collected) -> None:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BadImport(f"not a readable zip file ({clip_line(str(exc), 120)})") from None
    with archive:
        _Export(archive, found).read()


class _Export:
    """One zip being read: its members by safe name, the bytes read so far."""

    def __init__(self, archive: zipfile.ZipFile, found: Collected) -> None:
        self.archive = archive
        self.found = found
        self.total = 0
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            if info.is_dir():
                continue
            if not _safe_name(info.filename):
                where = f"zip member {_shown_name(info.filename)}"
                found.skip(where, "has an unsafe path: skipped")
                continue
            self.members.setdefault(_relative(info.filename), info)

    def read(self) -> None:
        metadata = sorted(
            (int(match.group(1) or 0), name)
            for name in self.members
            if "/" not in name and (match := _METADATA.fullmatch(name))
        )
        if not metadata:
            raise BadImport("not an Omnivore export (the zip holds no metadata_*.json)")
        try:
            for _, name in metadata:
                self.read_metadata(name)
        except CapReached:
            self.found.skipped.insert(
                0,
                _stopped(f"more than {TOTAL_BYTES // (1024 * 1024)} MB uncompressed"),
            )

    def read_metadata(self, name: str) -> None:
        raw = self.member(name)
        if raw is None:
            return
        try:
            entries = json.loads(decoded(raw))
        except (ValueError, RecursionError):
            self.found.skip(name, "is not readable JSON")
            return
        if not isinstance(entries, list):
            self.found.skip(name, "is not a list of items")
            return
        for number, entry in enumerate(entries, 1):
            where = f"{name} item {number}"
            if not isinstance(entry, dict):
                self.found.skip(where, "is not an object")
                continue
            self.read_item(entry, where)

    def read_item(self, entry: dict[str, object], where: str) -> None:
        slug = entry.get("slug")
        html = markdown = ""
        notes: list[Highlight | None] = []
        if isinstance(slug, str) and slug:
            html = self.text(f"content/{slug}.html")
            if not html:
                markdown = self.text(f"content/{slug}.md")
            notes = list(highlights_markdown(self.text(f"highlights/{slug}.md")))
        with self.found.row(where):
            self.found.add(
                saved_item(
                    entry.get("url"),
                    where=where,
                    title_text=entry.get("title"),
                    state=_state(entry),
                    tag_values=_labels(entry.get("labels")),
                    added_at=iso_date(entry.get("savedAt")),
                    content_html=html,
                    content_markdown=markdown,
                    highlights=notes,
                )
            )

    def text(self, name: str) -> str:
        raw = self.member(name)
        return "" if raw is None else decoded(raw)

    def member(self, name: str) -> bytes | None:
        """The member's bytes, counted as they are decompressed; None if absent or refused."""
        info = self.members.get(name)
        if info is None:
            return None
        try:
            with self.archive.open(info) as stream:
                return self.bounded(stream, name)
        except CapReached:
            raise
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            ValueError,
            EOFError,
            NotImplementedError,
        ) as exc:
            self.found.skip(name, f"cannot be read ({clip_line(str(exc), 120)})")
            return None

    def bounded(self, stream: IO[bytes], name: str) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            self.total += len(chunk)
            if self.total > TOTAL_BYTES:
                raise CapReached
            if size > MEMBER_BYTES:
                self.found.skip(
                    name, f"is larger than {MEMBER_BYTES // (1024 * 1024)} MB uncompressed: skipped"
                )
                return None
            chunks.append(chunk)
        return b"".join(chunks)


def _stopped(why: str) -> Skipped:
    return Skipped("the zip", f"was read only in part: {why}; the rest was not imported")


def _safe_name(name: str) -> bool:
    """No absolute path, drive, backslash trick or `..` part: nothing that names outside."""
    if not name or "\x00" in name or name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return False
    return ".." not in re.split(r"[\\/]", name)


def _relative(name: str) -> str:
    """The member's name inside the export: a single folder the zip was made around dropped."""
    parts = name.split("/")
    if len(parts) >= 2 and (
        _METADATA.fullmatch(parts[-1]) is None and parts[-2] in ("content", "highlights")
    ):
        return "/".join(parts[-2:])
    if len(parts) == 2 and _METADATA.fullmatch(parts[-1]):
        return parts[-1]
    return name


def _shown_name(name: str) -> str:
    return repr(clip_line(name, 80))


def _state(entry: dict[str, object]) -> State:
    state = entry.get("state")
    if isinstance(state, str) and state.strip().lower() in ARCHIVED_STATES:
        return "archived"
    if entry.get("archivedAt"):
        return "archived"
    return "unread"


def _labels(value: object) -> list[object]:
    if not isinstance(value, list):
        return []
    return [label.get("name") if isinstance(label, dict) else label for label in value]


def highlights_markdown(text: str) -> list[Highlight | None]:
    """Omnivore's highlights file: each "> quote" paragraph starts a highlight; the paragraphs
    after it are its note, but for a line of "#label" words; text before any quote is a note."""
    found: list[Highlight | None] = []
    quote: str | None = None
    note: list[str] = []

    def close() -> None:
        if quote is not None or note:
            found.append(highlight(quote or "", "\n\n".join(note)))

    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        block = paragraph.strip("\n")
        if not block.strip():
            continue
        if block.startswith(">"):
            close()
            quote = "\n".join(_unquoted(line) for line in block.split("\n")).strip()
            note = []
        elif quote is not None and _LABEL_LINE.match(block.strip()):
            continue
        else:
            note.append(block.strip())
    close()
    return found


def _unquoted(line: str) -> str:
    return line[1:].removeprefix(" ") if line.startswith(">") else line
