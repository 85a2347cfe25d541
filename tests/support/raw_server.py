"""A server on 127.0.0.1 that writes raw bytes: what no well-behaved server library would send."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

Handler = Callable[[socket.socket, "RawServer"], None]


class RawServer:
    """Accepts on 127.0.0.1, reads one request head, then lets `handler` write whatever it likes."""

    def __init__(self) -> None:
        self.stop = threading.Event()  # set at teardown: releases handlers that stall
        self.handler: Handler = lambda conn, server: None
        self.requests: list[bytes] = []
        self.read_head = True  # False: call the handler as soon as the connection is accepted
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            head = b""
            try:
                while self.read_head and b"\r\n\r\n" not in head:
                    data = conn.recv(4096)
                    if not data:
                        return
                    head += data
                self.requests.append(head)
                self.respond(conn, head)
            except OSError:
                pass  # the client hung up: exactly what several tests expect

    def respond(self, conn: socket.socket, head: bytes) -> None:
        """Answer one request: `handler` does, unless a subclass routes by `head` itself."""
        self.handler(conn, self)

    def close(self) -> None:
        self.stop.set()
        self.sock.close()  # the accept loop notices within its 0.1 s timeout
