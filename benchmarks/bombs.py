"""Peak memory while tuireader refuses compression bombs and oversized pages.

    .venv/bin/python -m benchmarks.bombs            # 1 GiB bombs, 5 runs each (about a minute)
    .venv/bin/python -m benchmarks.bombs --decoded-mib 200 --runs 3

A server on 127.0.0.1 (in this process) answers with a gzip bomb and a brotli bomb (about 1 MB on
the wire, DECODED MiB of zeros once decoded), and a 64 MiB body with no Content-Length. Each fetch
runs in a fresh Python process with the default 10 MiB cap: the figure is how much that process's
peak resident memory (VmHWM) grew during the fetch, beside the baseline of reading an ordinary
9 MiB page (just under the cap) the same way: refusing a bomb should cost no more than reading
the largest page tuireader accepts. Medians of the runs, in MiB, and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli

MIB = 1024 * 1024
CHILD = """
import sys
from tuireader.fetch import FetchError, fetch

def peak_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0

fetch(sys.argv[1].rsplit("/", 1)[0] + "/warm")  # imports and the client's first use, not measured
before = peak_kib()
try:
    page = fetch(sys.argv[1])
    outcome = f"read {len(page.html)} characters"
except FetchError as exc:
    outcome = f"refused: {exc}"
print(peak_kib() - before)
print(outcome)
"""


def gzip_bomb(decoded: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MIB)
    return b"".join(packer.compress(zeros) for _ in range(decoded // MIB)) + packer.flush()


def brotli_bomb(decoded: int) -> bytes:
    packer = brotli.Compressor(quality=5)
    zeros = bytes(MIB)
    body = b"".join(packer.process(zeros) for _ in range(decoded // MIB)) + packer.finish()
    return bytes(body)


class Server:
    """Serves /page (an ordinary page just under the cap), /warm, /gzip, /brotli, /unannounced."""

    def __init__(self, decoded: int) -> None:
        paragraph = b"<p>" + b"The harbour master kept a careful log of every vessel. " * 20
        page = b"<html><body><article>" + paragraph * (9 * MIB // len(paragraph)) + b"</article>"
        bodies = {
            "/page": (page, {}),
            "/warm": (b"<p>warm</p>", {}),
            "/gzip": (gzip_bomb(decoded), {"Content-Encoding": "gzip"}),
            "/brotli": (brotli_bomb(decoded), {"Content-Encoding": "br"}),
        }
        self.wire = {path: len(body) for path, (body, _) in bodies.items()}

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                if self.path == "/unannounced":  # 64 MiB, chunked: the size is never announced
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    try:
                        for _ in range(64):
                            self.wfile.write(b"%x\r\n%s\r\n" % (MIB, b"x" * MIB))
                        self.wfile.write(b"0\r\n\r\n")
                    except OSError:
                        pass  # refused: the client hung up
                    return
                body, headers = bodies[self.path]
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(OSError):  # refused: the client hung up
                    self.wfile.write(body)

        class Quiet(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that hangs up on a refused body is the expected end

        self.httpd = Quiet(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def measure(url: str) -> tuple[float, str]:
    """(MiB the peak grew by during the fetch, what came of it), in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD, url], capture_output=True, text=True, timeout=120, check=True
    )
    grown, outcome = result.stdout.strip().split("\n", 1)
    return int(grown) / 1024, outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--decoded-mib", type=int, default=1024, help="a bomb's decoded size")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"building {args.decoded_mib} MiB bombs…", file=sys.stderr)
    server = Server(args.decoded_mib * MIB)
    names = {
        "/page": "ordinary 9 MiB page (baseline)",
        "/gzip": f"gzip bomb, {args.decoded_mib} MiB decoded",
        "/brotli": f"brotli bomb, {args.decoded_mib} MiB decoded",
        "/unannounced": "64 MiB body, no Content-Length",
    }
    samples: dict[str, list[float]] = {path: [] for path in names}
    outcomes: dict[str, str] = {}
    try:
        for _ in range(args.runs):  # alternate, so drift hits every case alike
            for path in names:
                grown, outcomes[path] = measure(server.url(path))
                samples[path].append(grown)
    finally:
        server.close()
    baseline = statistics.median(samples["/page"])
    head = f"{'fetch (cap 10 MiB)':42} {'on the wire':>12} {'peak grew':>10} {'ratio':>6}  outcome"
    print(f"\n{head}")
    for path, name in names.items():
        median = statistics.median(samples[path])
        wire = f"{server.wire[path] / 1024:,.0f} KiB" if path in server.wire else "64 MiB"
        ratio = median / baseline if baseline else float("nan")
        outcome = outcomes[path][:60]
        print(f"{name:42} {wire:>12} {median:>7.1f} MiB {ratio:>6.2f}  {outcome}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
