"""A local SMTP server that can be made to fail on demand, for the outbox tests and the SMTP fault checks.

    with FaultySMTP() as smtp:             # 127.0.0.1:<free port>, capturing (tools/mail_capture.py)
        env["EMAIL_PORT"] = str(smtp.port)
        smtp.set_mode("refuse")            # nothing listens: connection refused
        smtp.set_mode("blackhole")         # accepts the connection, never says a word (not even the greeting)
        smtp.set_mode("hang_after_data")   # takes the whole message, never answers the final dot
        smtp.set_mode("capture")           # a normal server again; smtp.capture.all() lists what it received

A small TCP front on a fixed port relays to an aiosmtpd capture server (MailCapture) in "capture" mode, holds
connections open in silence in "blackhole" mode and closes its listening socket in "refuse" mode, so the port
number never changes across faults. Loopback only.
"""

from __future__ import annotations

import asyncio
import select
import socket
import threading
from contextlib import suppress

from aiosmtpd.controller import Controller

from tools.mail_capture import MailCapture, _free_port, _Handler

MODES = ("capture", "refuse", "blackhole", "hang_after_data")


class _FaultHandler(_Handler):
    def __init__(self, capture: MailCapture, owner: FaultySMTP):
        super().__init__(capture)
        self.owner = owner

    async def handle_DATA(self, server, session, envelope):
        if self.owner.mode == "hang_after_data":
            await asyncio.sleep(3600)  # the client gave up long ago
        return await super().handle_DATA(server, session, envelope)


class FaultySMTP:
    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.host = host
        self.port = port or _free_port(host)
        self.mode = "capture"
        self.capture = MailCapture(host)
        self.capture.controller = Controller(
            _FaultHandler(self.capture, self), hostname=host, port=_free_port(host)
        )
        self._listener: socket.socket | None = None
        self._held: list[socket.socket] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    # --- control -----------------------------------------------------------------------------------------

    def __enter__(self) -> FaultySMTP:
        self.capture.__enter__()
        self._listen()
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._close_listener()
        self._release_held()
        self.capture.__exit__(*exc_info)

    def close(self) -> None:
        self.__exit__(None, None, None)

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {MODES}")
        self.mode = mode
        if mode == "refuse":
            self._close_listener()
            self._release_held()
            self._stop.wait(0.3)  # the serving thread's select() lets go of the closed socket
        else:
            if mode != "blackhole":
                self._release_held()
            if self._listener is None:
                self._listen()

    def all(self):
        return self.capture.all()

    # --- serving -----------------------------------------------------------------------------------------

    def _listen(self) -> None:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(64)
        with self._lock:
            self._listener = sock

    def _close_listener(self) -> None:
        with self._lock:
            sock, self._listener = self._listener, None
        if sock is not None:
            sock.close()

    def _release_held(self) -> None:
        with self._lock:
            held, self._held = self._held, []
        for conn in held:
            with suppress(OSError):
                conn.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                listener = self._listener
            if listener is None:
                self._stop.wait(0.05)
                continue
            try:
                ready, _w, _x = select.select([listener], [], [], 0.1)
                if not ready:
                    continue
                conn, _addr = listener.accept()
            except (OSError, ValueError):  # closed by set_mode("refuse") meanwhile
                continue
            if self.mode == "blackhole":
                with self._lock:
                    self._held.append(conn)
                continue
            threading.Thread(target=self._relay, args=(conn,), daemon=True).start()

    def _relay(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection((self.host, self.capture.port), timeout=5)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)

        def pipe(src: socket.socket, dst: socket.socket) -> None:
            try:
                while data := src.recv(65536):
                    dst.sendall(data)
            except OSError:
                pass
            finally:
                for sock in (src, dst):
                    with suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)

        threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
        pipe(client, upstream)
        for sock in (client, upstream):
            with suppress(OSError):
                sock.close()
