"""Pictures in the body (issue 21): scrolling and memory with 30 pictures drawn in half blocks.

    .venv/bin/python -m benchmarks.pictures                 # 3 sessions each (about 5 minutes)
    .venv/bin/python -m benchmarks.pictures --sessions 5 --pages 40
    .venv/bin/python -m benchmarks.pictures --kind photo    # photo-like pictures instead

The same generated article (benchmarks/articles.py, 8,000 words) twice, measured in the same run:
with 30 figures (640 x 400 PNGs of noisy gradients, so that hardly two cells are alike: the most
segments a picture can cost; with `--kind photo`, blurred shapes over gradients with a fine
grain, as a photograph has) and without them. Both are put in the cache by tuireader itself,
the pictures by the app (they are fetched once the words are on screen), then read offline in
blocks mode (`[ui] images = "blocks"`) in a 120x40 pseudo-terminal, as benchmarks/startup.py's
scroll benchmark does: benchmarks/frame_probe.py times every frame, the first page-down is sent
once the screen has been still for 1 s, each page's animation is left to finish; every frame
drawn after the first key counts. The peak resident set (VmHWM) is read after the last page.
Sessions alternate, pictures and not, so a busy machine slows both alike.

Goals: every scrolling frame under 16 ms with the pictures (decoding and scaling run in a worker,
kept per width); peak memory at most twice the article's without pictures.
"""

from __future__ import annotations

import argparse
import http.server
import io
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.articles import FIRST_WORDS, article_html
from benchmarks.startup import FRAME_PROBE, PAGE_DOWN, SCROLL_SETTLE, child_env, table
from benchmarks.terminal import Launch, kill_all

PICTURES = 30
WORDS = 8000
PAGES = 50
SESSIONS = 3
PICTURE_SIZE = (640, 400)
WITH, WITHOUT = "/pictures.html", "/plain.html"
FETCH_WAIT = 60.0  # seconds the app may take to fetch every picture while the cache is filled


def picture_png(number: int) -> bytes:
    """A 640 x 400 photo-like PNG: a gradient of its own with noise, deterministic."""
    from PIL import Image

    width, height = PICTURE_SIZE
    rng = random.Random(number)
    base = [rng.randrange(256) for _ in range(3)]
    noise = rng.randbytes(width * height * 3)
    data = bytearray(width * height * 3)
    for y in range(height):
        for x in range(width):
            at = (y * width + x) * 3
            data[at] = (base[0] + x // 3 + noise[at] % 24) % 256
            data[at + 1] = (base[1] + y // 2 + noise[at + 1] % 24) % 256
            data[at + 2] = (base[2] + (x + y) // 5 + noise[at + 2] % 24) % 256
    out = io.BytesIO()
    Image.frombytes("RGB", PICTURE_SIZE, bytes(data)).save(out, "PNG")
    return out.getvalue()


def photo_png(number: int) -> bytes:
    """A 640 x 400 picture more like a photograph, deterministic: gradients, a few blurred
    shapes of their own colours, and a grain of +-4 levels."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    width, height = PICTURE_SIZE
    rng = random.Random(number)
    down = Image.linear_gradient("L").resize(PICTURE_SIZE)
    across = Image.linear_gradient("L").rotate(90).resize(PICTURE_SIZE)
    image = Image.merge("RGB", (down, across, ImageChops.invert(down)))
    draw = ImageDraw.Draw(image)
    for _ in range(8):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(20, 120)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(6))
    levels = bytes(n % 9 for n in range(256))
    grain = Image.frombytes("L", PICTURE_SIZE, rng.randbytes(width * height).translate(levels))
    image = ImageChops.add(image, Image.merge("RGB", (grain, grain, grain)), offset=-4)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


KINDS = {"noise": picture_png, "photo": photo_png}


def pages(kind: str = "noise") -> dict[str, tuple[str, bytes]]:
    """The article without pictures, the same with 30 figures between its paragraphs, and the
    pictures: path -> (Content-Type, body)."""
    plain = article_html(WORDS)
    ends = [m.end() for m in re.finditer(r"</p>", plain)]
    step = max(1, len(ends) // (PICTURES + 1))
    cuts = ends[step : step * (PICTURES + 1) : step][:PICTURES]
    parts, last = [], 0
    for number, cut in enumerate(cuts, 1):
        parts.append(plain[last:cut])
        parts.append(
            f'<figure><img src="/img/{number}.png" alt="Harbour picture {number}">'
            f"<figcaption>Picture {number} of the harbour, from the quay.</figcaption></figure>"
        )
        last = cut
    parts.append(plain[last:])
    html_type = "text/html; charset=utf-8"
    found = {
        WITHOUT: (html_type, plain.encode()),
        WITH: (html_type, "".join(parts).encode()),
    }
    for number in range(1, len(cuts) + 1):
        found[f"/img/{number}.png"] = ("image/png", KINDS[kind](number))
    return found


class Server:
    """A loopback HTTP server for fixed answers, counting the requests for each path."""

    def __init__(self, answers: dict[str, tuple[str, bytes]]) -> None:
        self.hits: Counter[str] = Counter()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.hits[self.path] += 1
                found = answers.get(self.path)
                if found is None:
                    self.send_error(404)
                    return
                kind, data = found
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def pictures_fetched(self) -> int:
        return sum(1 for path in self.hits if path.startswith("/img/"))

    @contextmanager
    def running(self) -> Iterator[Server]:
        self._thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()


def fill_cache(cache: Path, env: dict[str, str], server: Server) -> None:
    """Both articles into the cache through tuireader: the pictures by the app, which fetches
    them once the words are on screen."""
    python = sys.executable
    with Launch([python, "-m", "tuireader", server.url(WITHOUT)], env) as run:
        run.wait_for(FIRST_WORDS)
        run.drain(quiet=0.5)
        run.send(b"q")
        run.wait_exit(10)
    with Launch([python, "-m", "tuireader", server.url(WITH)], env) as run:
        run.wait_for(FIRST_WORDS)
        deadline = time.monotonic() + FETCH_WAIT
        while server.pictures_fetched() < PICTURES and time.monotonic() < deadline:
            run.drain(quiet=0.2)
        run.drain(quiet=1.0)  # stored once fetched
        run.send(b"q")
        run.wait_exit(10)
    got = server.pictures_fetched()
    if got < PICTURES:
        sys.exit(f"pictures benchmark: the app fetched {got} of the {PICTURES} pictures")


def session(
    folder: Path, env: dict[str, str], url: str, name: str, pages: int
) -> tuple[list[tuple[float, float]], int, bool]:
    """One offline session paging down `url`: the frames' (wall ms, CPU ms of the UI thread)
    after the first key, the peak RSS in KiB, and whether a half block was ever on screen."""
    out = folder / f"frames-{name}.json"
    cache = folder / f"cache-{name}"  # quitting keeps the position: start afresh
    shutil.copytree(folder / "cache", cache)
    argv = [sys.executable, str(FRAME_PROBE), str(out), "--offline", url]
    drawn = False
    with Launch(argv, {**env, "TUIREADER_CACHE_DIR": str(cache)}) as run:
        run.wait_for(FIRST_WORDS)
        run.drain(quiet=SCROLL_SETTLE)
        first_key = time.monotonic()
        for _ in range(pages):
            run.send(PAGE_DOWN)
            run.drain(quiet=0.1)
            drawn = drawn or "▀" in run.text()
        peak = run.peak_rss_kib()
        run.send(b"q")
        if not run.wait_exit(10):
            sys.exit("pictures benchmark: the frame probe did not quit")
    shutil.rmtree(cache)
    frames = json.loads(out.read_text(encoding="utf-8"))
    counted = [(wall, cpu) for start, wall, cpu, _ in frames if start >= first_key]
    return counted, peak, drawn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=SESSIONS, help="sessions of each")
    parser.add_argument("--pages", type=int, default=PAGES, help="page-downs per session")
    parser.add_argument(
        "--kind", choices=sorted(KINDS), default="noise", help="the pictures: noise (the worst)"
    )
    args = parser.parse_args(argv)
    frames: dict[str, list[float]] = {"pictures": [], "plain": []}
    cpus: dict[str, list[float]] = {"pictures": [], "plain": []}
    peaks: dict[str, list[int]] = {"pictures": [], "plain": []}
    try:
        with tempfile.TemporaryDirectory(prefix="tuireader-pictures-") as tmp:
            folder = Path(tmp)
            env = child_env(folder)
            config = folder / "home" / ".config" / "tuireader" / "config.toml"
            config.parent.mkdir(parents=True)
            config.write_text('[ui]\nimages = "blocks"\n', encoding="utf-8")
            env["TUIREADER_CONFIG"] = str(config)
            print("generating the pictures…", file=sys.stderr)
            answers = pages(args.kind)
            with Server(answers).running() as server:
                print("filling the cache through tuireader…", file=sys.stderr)
                fill_cache(
                    folder / "cache", {**env, "TUIREADER_CACHE_DIR": str(folder / "cache")}, server
                )
                hits = sum(server.hits.values())
                for number in range(args.sessions):
                    order = [("pictures", WITH), ("plain", WITHOUT)]
                    for name, path in order if number % 2 == 0 else order[::-1]:
                        counted, peak, drawn = session(
                            folder, env, server.url(path), f"{name}-{number}", args.pages
                        )
                        if name == "pictures" and not drawn:
                            sys.exit("pictures benchmark: no picture was drawn")
                        frames[name] += [wall for wall, _ in counted]
                        cpus[name] += [cpu for _, cpu in counted]
                        peaks[name].append(peak)
                        print(
                            f"  session {number + 1}/{args.sessions} {name}: "
                            f"{len(counted)} frames, max {max(w for w, _ in counted):.1f} ms "
                            f"(CPU {max(c for _, c in counted):.1f} ms), "
                            f"peak {peak / 1024:.0f} MiB",
                            file=sys.stderr,
                        )
                assert sum(server.hits.values()) == hits, "an offline session made a request"
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        kill_all()
    print(report(frames, cpus, peaks, args.sessions, args.pages, args.kind))
    return 0


def report(
    frames: dict[str, list[float]],
    cpus: dict[str, list[float]],
    peaks: dict[str, list[int]],
    sessions: int,
    pages: int,
    kind: str = "noise",
) -> str:
    pictures, plain = frames["pictures"], frames["plain"]
    worst, base_worst = max(pictures), max(plain)
    middle, base_middle = statistics.median(pictures), statistics.median(plain)
    memory = statistics.median(peaks["pictures"]) / 1024
    base_memory = statistics.median(peaks["plain"]) / 1024
    slow = sum(ms >= 16 for ms in pictures)
    rows = [
        ["measure", f"{PICTURES} pictures", "no pictures", "ratio", "goal", "met"],
        [
            "worst scrolling frame",
            f"{worst:.1f} ms",
            f"{base_worst:.1f} ms",
            f"{worst / base_worst:.2f}",
            "every frame < 16 ms",
            "yes" if worst < 16 else "NO",
        ],
        [
            "worst frame, UI thread CPU",
            f"{max(cpus['pictures']):.1f} ms",
            f"{max(cpus['plain']):.1f} ms",
            f"{max(cpus['pictures']) / max(cpus['plain']):.2f}",
            "",
            "",
        ],
        [
            "median scrolling frame",
            f"{middle:.1f} ms",
            f"{base_middle:.1f} ms",
            f"{middle / base_middle:.2f}",
            "",
            "",
        ],
        [
            "peak memory (VmHWM)",
            f"{memory:.0f} MiB",
            f"{base_memory:.0f} MiB",
            f"{memory / base_memory:.2f}",
            "ratio <= 2",
            "yes" if memory / base_memory <= 2 else "NO",
        ],
    ]
    load = os.getloadavg()
    return (
        f"\n== pictures (issue 21, {kind}): {sessions} sessions of {pages} page-downs each, "
        f"{WORDS:,} words, 120x40 pty, blocks mode\n{table(rows)}\n"
        f"{len(pictures)} frames with pictures ({slow} >= 16 ms), {len(plain)} without; "
        "the CPU row leaves out the time other processes took (a busy machine inflates wall "
        "times)\n"
        f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
        f"{os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    sys.exit(main())
