"""Stand-ins for the picture parts other helpers write in parallel, used only while those are
missing from the code under test: `tuireader.pictures.decode.decode` and the Reader's
`fetch_pictures` / `picture_data` with `Reading.pictures` filled from the cache.

Each stand-in is installed only when the real part is absent, so the tests run on the real
parts as soon as they exist. They are real in what they touch: the pictures are fetched over
HTTP from the test's own server on 127.0.0.1 and kept as files beside the cache, so a test can
stop the server and read them offline.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from tuireader.models import Picture, Reading
from tuireader.pictures.pixels import Pixels
from tuireader.reading.reader import Reader


def _decode(data: bytes, max_width: int, max_height: int) -> Pixels:
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(data)) as image:
        image.thumbnail((max_width, max_height))
        rgb = image.convert("RGB")
        return Pixels(rgb.width, rgb.height, rgb.tobytes())


def install_decode(monkeypatch: pytest.MonkeyPatch) -> None:
    if importlib.util.find_spec("tuireader.pictures.decode") is None:  # found, not imported
        module = types.ModuleType("tuireader.pictures.decode")
        module.decode = _decode  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "tuireader.pictures.decode", module)


def _folder(reader: Reader) -> Path:
    return Path(reader.store.path).parent / "stand-in-pictures"


def _index(reader: Reader) -> dict[str, Any]:
    path = _folder(reader) / "index.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _with_pictures(reader: Reader, reading: Reading) -> Reading:
    held = _index(reader)
    article = reading.article
    urls = ([article.lead_image.url] if article.lead_image else []) + [
        image.url for image in article.images
    ]
    pictures = tuple(Picture(**held[url]) for url in urls if url in held)
    return reading._replace(pictures=pictures)


def _fetch_pictures(self: Reader, reading: Reading) -> Reading:
    import httpx
    from PIL import Image as PILImage

    folder = _folder(self)
    folder.mkdir(exist_ok=True)
    held = _index(self)
    article = reading.article
    urls = ([article.lead_image.url] if article.lead_image else []) + [
        image.url for image in article.images
    ]
    for url in urls:
        if url in held:
            continue
        answer = httpx.get(url)
        data = answer.content
        name = hashlib.sha256(url.encode()).hexdigest()
        (folder / name).write_bytes(data)
        try:
            with PILImage.open(io.BytesIO(data)) as image:
                width, height = image.size
            problem = "a tracking pixel" if width * height <= 1 else ""
        except Exception:
            width = height = 0
            problem = "not an image"
        held[url] = {
            "url": url,
            "content_type": answer.headers.get("content-type", ""),
            "width": width,
            "height": height,
            "size": len(data),
            "problem": problem,
        }
    (folder / "index.json").write_text(json.dumps(held))
    return _with_pictures(self, reading)


def _picture_data(self: Reader, url: str, src: str) -> bytes | None:
    path = _folder(self) / hashlib.sha256(src.encode()).hexdigest()
    return path.read_bytes() if path.exists() else None


def install_store(monkeypatch: pytest.MonkeyPatch) -> None:
    if hasattr(Reader, "fetch_pictures"):
        return
    monkeypatch.setattr(Reader, "fetch_pictures", _fetch_pictures, raising=False)
    monkeypatch.setattr(Reader, "picture_data", _picture_data, raising=False)
    real_open, real_ready = Reader.open, Reader.ready

    def open_(self: Reader, url: str, **options: Any) -> Reading:
        return _with_pictures(self, real_open(self, url, **options))

    def ready(self: Reader, url: str, *, offline: bool = False) -> Reading | None:
        found = real_ready(self, url, offline=offline)
        return None if found is None else _with_pictures(self, found)

    monkeypatch.setattr(Reader, "open", open_)
    monkeypatch.setattr(Reader, "ready", ready)


def stand_ins_for_a_probe() -> None:
    """In a probe's own interpreter: the stand-ins, for good (the process ends with the probe)."""
    patch = pytest.MonkeyPatch()
    install_decode(patch)
    install_store(patch)


@pytest.fixture
def picture_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The decoder and the picture store, real where they exist, stand-ins until then; and a
    terminal of true colour, where the body draws pictures."""
    install_decode(monkeypatch)
    install_store(monkeypatch)
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("NO_COLOR", raising=False)
