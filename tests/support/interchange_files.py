"""Export files for the interchange tests: the hand-written fixtures, and zips built from them."""

from __future__ import annotations

import io
import zipfile

from support.paths import FIXTURE_DIR

INTERCHANGE = FIXTURE_DIR / "interchange"
OMNIVORE_DIR = INTERCHANGE / "omnivore"


def fixture(name: str) -> bytes:
    return (INTERCHANGE / name).read_bytes()


def omnivore_zip(extra: dict[str, bytes] | None = None, *, folder: str = "") -> bytes:
    """The hand-written Omnivore export zipped, with `extra` members added as named."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(OMNIVORE_DIR.rglob("*")):
            if path.is_file():
                archive.writestr(
                    folder + path.relative_to(OMNIVORE_DIR).as_posix(), path.read_bytes()
                )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def zipped(members: dict[str, bytes]) -> bytes:
    """A zip of `members`, the same bytes every time (a fixed date): test ids built from it
    must agree between the test workers."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()
