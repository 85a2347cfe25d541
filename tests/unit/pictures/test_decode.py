"""decode(): every hostile or odd image ends as pixels or a one-line PictureError; right colours."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from support import hostile_images as images
from tuireader.pictures.decode import PictureError, decode, fit
from tuireader.pictures.pixels import Pixels

BODY = (160, 120)  # a picture in the body: pixels, two a cell in height
FULL_SCREEN = (400, 200)


def _near(colour: tuple[int, int, int], expected: tuple[int, int, int], slack: int = 12) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(colour, expected, strict=True))


@pytest.mark.parametrize("name", sorted(images.HOSTILE))
@pytest.mark.parametrize("box", [BODY, FULL_SCREEN, (1, 1)])
def test_every_hostile_image_ends_as_pixels_or_a_picture_error(
    name: str, box: tuple[int, int]
) -> None:
    data = images.HOSTILE[name]()
    try:
        pixels = decode(data, *box)
    except PictureError as error:
        assert error.reason and "\n" not in error.reason
        return
    assert isinstance(pixels, Pixels)
    assert 1 <= pixels.width <= box[0] and 1 <= pixels.height <= box[1]
    assert len(pixels.rgb) == pixels.width * pixels.height * 3


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (images.png_bomb, "too large to decode"),
        (images.png_past_pillows_warning, "too large to decode"),
        (images.png_past_our_limit, "too large to decode (6000 x 6000)"),
        (images.truncated_png, "a damaged image"),
        (images.truncated_jpeg, "a damaged image"),
        (images.garbage_with_a_png_header, "not an image"),
        (images.svg, "an SVG drawing"),
        (lambda: b"", "not an image"),
    ],
)
def test_what_cannot_be_drawn_says_why(build: Callable[[], bytes], reason: str) -> None:
    with pytest.raises(PictureError) as raised:
        decode(build(), *FULL_SCREEN)
    assert raised.value.reason == reason


def test_an_eps_file_is_refused_unread() -> None:
    """Pillow could open it (and start Ghostscript to draw it): not one of the web's formats."""
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n%%EndComments\nshowpage\n"
    with pytest.raises(PictureError, match="not an image"):
        decode(eps, *BODY)


def test_the_warning_turns_into_an_error_only_inside_decode() -> None:
    import warnings

    from PIL import Image

    with pytest.raises(PictureError):
        decode(images.png_past_pillows_warning(), *BODY)
    assert not any(
        action == "error" and category is Image.DecompressionBombWarning
        for action, _, category, _, _ in warnings.filters
    )


def test_decoding_in_many_threads_leaves_the_warning_filters_as_they_were() -> None:
    """Each opening changes the process's filters for a moment: one thread must not put back
    another's changes (which would leave the error filter in place for good)."""
    import threading
    import warnings

    before = list(warnings.filters)
    data = images.png_past_pillows_warning()

    def decode_often() -> None:
        for _ in range(100):
            with pytest.raises(PictureError):
                decode(data, *BODY)

    threads = [threading.Thread(target=decode_often) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert warnings.filters == before


@pytest.mark.parametrize(
    "build",
    [images.animated_gif, images.animated_png, images.animated_webp],
    ids=lambda build: str(build.__name__),
)
def test_an_animation_gives_its_first_frame(build: Callable[[], bytes]) -> None:
    pixels = decode(build(), *BODY)
    assert _near(pixels.pixel(8, 8), images.RED, slack=2)


def test_print_colours_become_screen_colours() -> None:
    red, green, blue = decode(images.cmyk_jpeg(), *BODY).pixel(10, 10)
    assert red > 200 and green < 60 and blue < 60


def test_sixteen_bit_grey_is_scaled_not_clipped() -> None:
    """Pillow's own I;16 -> L conversion would clip 0x8080 to white."""
    assert _near(decode(images.grey16_png(), *BODY).pixel(3, 3), images.GREY, slack=1)


def test_sixteen_bit_colour() -> None:
    assert decode(images.rgb16_png(), *BODY).pixel(1, 1) == images.GREEN


def test_transparency_shows_white() -> None:
    pixels = decode(images.palette_png_with_transparency(), *BODY)
    assert pixels.pixel(2, 5) == (255, 255, 255)
    assert pixels.pixel(17, 5) == images.BLUE
    pale_red = decode(images.rgba_png_half_transparent(), *BODY).pixel(8, 8)
    assert _near(pale_red, (237, 137, 142), slack=2)


def test_the_exif_orientation_is_applied() -> None:
    pixels = decode(images.exif_rotated_jpeg(), *BODY)
    assert (pixels.width, pixels.height) == (20, 40)
    assert _near(pixels.pixel(10, 2), images.RED, slack=20)
    assert _near(pixels.pixel(10, 37), images.BLUE, slack=20)


def test_the_exif_orientation_counts_in_the_fit() -> None:
    """Upright it is 20 x 40: in a 20 x 10 box it is 5 x 10 (fitting it as stored, 40 x 20,
    would give 20 x 10, turned to 10 x 20: too high)."""
    pixels = decode(images.exif_rotated_jpeg(), 20, 10)
    assert (pixels.width, pixels.height) == (5, 10)


def test_known_colours_of_plain_files() -> None:
    assert decode(images.png_of(images.GREEN), *BODY).pixel(0, 0) == images.GREEN
    assert _near(decode(images.jpeg_of(images.BLUE), *BODY).pixel(5, 5), images.BLUE, slack=4)
    pixels = decode(images.red_over_blue_png(), *BODY)
    assert pixels.pixel(0, 0) == images.RED and pixels.pixel(0, 19) == images.BLUE


def test_scaled_to_fit_keeping_the_aspect_never_enlarged() -> None:
    assert fit(4000, 3000, 160, 120) == (160, 120)
    assert fit(4000, 1000, 160, 120) == (160, 40)
    assert fit(30, 20, 160, 120) == (30, 20)
    assert fit(10_000, 1, 100, 100) == (100, 1)
    pixels = decode(images.big_jpeg(), 400, 200)
    assert (pixels.width, pixels.height) == (267, 200)
    assert decode(images.png_of(images.RED, 32, 24), *BODY)[:2] == (32, 24)


def test_the_same_bytes_give_the_same_pixels() -> None:
    data = images.big_jpeg()
    assert decode(data, *BODY) == decode(data, *BODY)


def test_no_room_is_a_picture_error() -> None:
    with pytest.raises(PictureError, match="no room"):
        decode(images.png_of(images.RED), 0, 10)


def test_the_bomb_is_a_real_png_of_its_size() -> None:
    """Its header says 50,000 x 50,000 and its stream starts as the zeros it claims."""
    import struct
    import zlib

    data = images.png_bomb()
    assert len(data) < 8 * 1024**2
    assert data[12:16] == b"IHDR" and struct.unpack(">II", data[16:24]) == (50_000, 50_000)
    start = zlib.decompressobj().decompress(data[41:200_041], 1_000_000)
    assert start == bytes(len(start)) and len(start) == 1_000_000


MEMORY_SCRIPT = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from tuireader.pictures.decode import PictureError, decode

    for path in sorted(Path(sys.argv[1]).iterdir()):
        for box in ((160, 120), (400, 200)):
            try:
                decode(path.read_bytes(), *box)
            except PictureError:
                pass
    status = Path("/proc/self/status")
    if status.exists():  # this process's own peak: ru_maxrss keeps the forking parent's past exec
        peak = next(line for line in status.read_text().splitlines() if line.startswith("VmHWM"))
        print(peak.split()[1])
    else:
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


@pytest.mark.subprocess
def test_peak_memory_decoding_every_hostile_image(tmp_path: Path) -> None:
    folder = tmp_path / "images"
    folder.mkdir()
    for number, build in enumerate(images.HOSTILE.values()):
        (folder / f"{number:02}").write_bytes(build())
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    peak_mib = int(done.stdout.strip()) / 1024  # KiB, either way
    print(f"peak memory decoding {len(images.HOSTILE)} hostile images: {peak_mib:.0f} MiB")
    assert peak_mib < 300


def test_reducing_a_band_at_a_time_is_pillows_reduce() -> None:
    from PIL import Image

    from tuireader.pictures.decode import _reduced

    grey = Image.linear_gradient("L").resize((1003, 777))
    rgba = Image.merge("RGBA", (grey, grey.rotate(90), grey.rotate(180), grey.rotate(45)))
    for size, factor in (((100, 70), (3, 3)), ((30, 20), (11, 12))):
        assert _reduced(rgba, size).tobytes() == rgba.reduce(factor).tobytes()


JPEG_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PIL import Image
    from tuireader.pictures.decode import decode

    def peak():
        status = Path("/proc/self/status").read_text().splitlines()
        return int(next(line for line in status if line.startswith("VmHWM")).split()[1])

    data = Path(sys.argv[1]).read_bytes()
    before = peak()
    decode(data, 160, 120)
    print(peak() - before)
    """
)


@pytest.mark.subprocess
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc/self/status")
def test_a_big_jpeg_is_decoded_reduced_for_a_small_box(tmp_path: Path) -> None:
    """4000 x 3000 is 36 MB of RGB decoded whole; at an eighth of its size, half a megabyte."""
    path = tmp_path / "big.jpeg"
    path.write_bytes(images.big_jpeg())
    done = subprocess.run(
        [sys.executable, "-c", JPEG_SCRIPT, str(path)], capture_output=True, text=True, check=True
    )
    grown_mib = int(done.stdout) / 1024
    print(f"peak memory grew {grown_mib:.1f} MiB decoding a 4000 x 3000 JPEG to 160 x 120")
    assert grown_mib < 12


def test_wide_grey_modes_are_brought_to_eight_bits() -> None:
    """32-bit integer grey as 16-bit PNGs open in older Pillows, and float grey, stretched from
    its own lowest to highest value."""
    from PIL import Image

    from tuireader.pictures.decode import _scalable

    wide = Image.new("I", (2, 1), 0x8080)
    wide.putpixel((1, 0), 0xFFFF)
    assert list(_scalable(wide).tobytes()) == [128, 255]
    floats = Image.new("F", (3, 1), 0.25)
    floats.putpixel((1, 0), 0.5)
    floats.putpixel((2, 0), 0.75)
    assert _scalable(floats).mode == "L"
    assert list(_scalable(floats).tobytes()) == [0, 127, 255]
