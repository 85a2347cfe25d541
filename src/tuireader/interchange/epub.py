"""Articles as one EPUB 3 book, written with the standard library's zipfile.

The container as EPUB 3.2 asks for it: `mimetype` first and stored, `META-INF/container.xml`, a
package document (dc:identifier as a urn:uuid, dc:title, dc:language, dcterms:modified), the
table of contents as `nav.xhtml` (and `toc.ncx` for readers of EPUB 2), one XHTML chapter an
article (epub_chapter) and the pictures the caller hands over, each stored once however many
chapters show it. Chapters are written as they come, so a book of thousands of articles never
holds more than one in memory; the package document and the contents go last.

Pure: the caller reads the store and gives plain data (`Chapter`, picture bytes of a type
every reader draws: `BOOK_IMAGE_TYPES`).
"""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import IO, NamedTuple

from tuireader.interchange.epub_chapter import (
    OPS_NS,
    STYLESHEET,
    XHTML_NS,
    Chapter,
    attr,
    chapter_xhtml,
    language_tag,
    text,
)

# EPUB 3.2's core image types: what every reading system draws, with no fallback to give.
BOOK_IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif"}
_ROOT = "OEBPS"
_PACKAGE = f"{_ROOT}/content.opf"
_CONTAINER = f"""<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="{_PACKAGE}" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""
_STYLE = """body { line-height: 1.4; }
header .byline, header .source, .caption, figcaption { font-size: 0.9em; }
header .source { word-break: break-all; }
figure { margin: 1em 0; }
img { max-width: 100%; height: auto; }
mark { background-color: #fff3a0; color: inherit; }
aside.note { font-size: 0.9em; margin: 0.5em 1em; }
a.noteref { vertical-align: super; font-size: 0.75em; }
pre { white-space: pre-wrap; }
table { border-collapse: collapse; }
th, td { border: 1px solid #999; padding: 0.2em 0.4em; }
"""


class Written(NamedTuple):
    """What the book holds."""

    chapters: int
    pictures: int  # picture files (one a distinct picture)
    highlights: int  # marked in the text
    gone: int  # listed as no longer in their article


class BookWriter:
    """Writes the book into `stream` (a binary file open for writing): `add` each chapter and
    its pictures, then `finish`. The stream is the caller's to close."""

    def __init__(
        self,
        stream: IO[bytes],
        title: str,
        *,
        identifier: str = "",
        modified: datetime | None = None,
    ) -> None:
        self.title = title
        self.identifier = identifier or f"urn:uuid:{uuid.uuid4()}"
        moment = (modified or datetime.now(UTC)).astimezone(UTC)
        self.modified = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.zip = zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
        self.date_time = moment.timetuple()[:6]
        self._put("mimetype", b"application/epub+zip", compressed=False)
        self._put("META-INF/container.xml", _CONTAINER.encode())
        self._put(f"{_ROOT}/{STYLESHEET}", _STYLE.encode())
        self.chapters: list[tuple[str, str]] = []  # (file, title) in reading order
        self.images: list[tuple[str, str]] = []  # (file, media type)
        self.by_digest: dict[bytes, str] = {}
        self.languages: Counter[str] = Counter()
        self.marked = self.gone = 0

    def add_picture(self, data: bytes, media_type: str) -> str:
        """Keep a picture (one of BOOK_IMAGE_TYPES) and give its file name for a Chapter's
        `pictures`; the same bytes are kept once."""
        extension = BOOK_IMAGE_TYPES[media_type]
        digest = hashlib.sha1(data, usedforsecurity=False).digest()
        file = self.by_digest.get(digest)
        if file is None:
            file = f"i{len(self.images) + 1:04d}.{extension}"
            self._put(f"{_ROOT}/{file}", data, compressed=False)  # these formats are compressed
            self.images.append((file, media_type))
            self.by_digest[digest] = file
        return file

    def add(self, chapter: Chapter) -> None:
        file = f"a{len(self.chapters) + 1:04d}.xhtml"
        self._put(f"{_ROOT}/{file}", chapter_xhtml(chapter).encode("utf-8"))
        self.chapters.append((file, chapter.title or chapter.url))
        if language := language_tag(chapter.language):
            self.languages[language] += 1
        self.marked += len(chapter.marks)
        self.gone += len(chapter.gone)

    def finish(self) -> Written:
        """Write the contents and the package document, and close the zip."""
        language = self.languages.most_common(1)[0][0] if self.languages else "und"
        self._put(f"{_ROOT}/nav.xhtml", _nav(self.title, self.chapters).encode("utf-8"))
        self._put(
            f"{_ROOT}/toc.ncx", _ncx(self.identifier, self.title, self.chapters).encode("utf-8")
        )
        package = _package(
            self.identifier, self.title, language, self.modified, self.chapters, self.images
        )
        self._put(_PACKAGE, package.encode("utf-8"))
        self.zip.close()
        return Written(len(self.chapters), len(self.images), self.marked, self.gone)

    def _put(self, name: str, data: bytes, *, compressed: bool = True) -> None:
        info = zipfile.ZipInfo(name, date_time=self.date_time)
        info.compress_type = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
        self.zip.writestr(info, data)


def _nav(title: str, chapters: list[tuple[str, str]]) -> str:
    items = "".join(
        f'<li><a href="{attr(file)}">{text(name) or file}</a></li>\n' for file, name in chapters
    )
    contents = f"<ol>\n{items}</ol>\n" if chapters else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{XHTML_NS}" xmlns:epub="{OPS_NS}">\n'
        f'<head>\n<meta charset="utf-8"/>\n<title>{text(title)}</title>\n</head>\n<body>\n'
        f'<nav epub:type="toc" id="toc">\n<h1>{text(title)}</h1>\n{contents}</nav>\n'
        "</body>\n</html>\n"
    )


def _ncx(identifier: str, title: str, chapters: list[tuple[str, str]]) -> str:
    points = "".join(
        f'<navPoint id="p{n}" playOrder="{n}"><navLabel><text>{text(name) or file}</text>'
        f'</navLabel><content src="{attr(file)}"/></navPoint>\n'
        for n, (file, name) in enumerate(chapters, 1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">\n'
        f'<head>\n<meta name="dtb:uid" content="{attr(identifier)}"/>\n'
        '<meta name="dtb:depth" content="1"/>\n<meta name="dtb:totalPageCount" content="0"/>\n'
        '<meta name="dtb:maxPageNumber" content="0"/>\n</head>\n'
        f"<docTitle><text>{text(title)}</text></docTitle>\n<navMap>\n{points}</navMap>\n</ncx>\n"
    )


def _package(
    identifier: str,
    title: str,
    language: str,
    modified: str,
    chapters: list[tuple[str, str]],
    images: list[tuple[str, str]],
) -> str:
    manifest = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
        f'<item id="style" href="{STYLESHEET}" media-type="text/css"/>',
    ]
    manifest += [
        f'<item id="{file.partition(".")[0]}" href="{file}" media-type="application/xhtml+xml"/>'
        for file, _ in chapters
    ]
    manifest += [
        f'<item id="{file.partition(".")[0]}" href="{file}" media-type="{media_type}"/>'
        for file, media_type in images
    ]
    spine = ['<itemref idref="nav"/>']
    spine += [f'<itemref idref="{file.partition(".")[0]}"/>' for file, _ in chapters]
    newline = "\n"
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
        f'unique-identifier="book-id" xml:lang="{attr(language)}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f'<dc:identifier id="book-id">{text(identifier)}</dc:identifier>\n'
        f"<dc:title>{text(title)}</dc:title>\n"
        f"<dc:language>{text(language)}</dc:language>\n"
        f'<meta property="dcterms:modified">{modified}</meta>\n'
        "</metadata>\n"
        f"<manifest>\n{newline.join(manifest)}\n</manifest>\n"
        f'<spine toc="ncx">\n{newline.join(spine)}\n</spine>\n'
        "</package>\n"
    )


def picture_files(writer: BookWriter, pictures: Mapping[str, tuple[bytes, str]]) -> dict[str, str]:
    """Keep each of `pictures` (URL -> (bytes, media type)): URL -> its file in the book."""
    return {url: writer.add_picture(data, kind) for url, (data, kind) in pictures.items()}
