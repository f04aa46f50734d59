"""A loopback OpenAI-compatible backend that misbehaves on purpose, for the fault suite.

``FaultBackend(fault)`` answers every chat completion as a well-behaved model would (an empty list
for each list, a short overview), except as ``fault`` says: ``"burst500"`` (the first three requests
fail with 500), ``"retry_after"`` (the first answers 429 with ``Retry-After: 1``), ``"hang"`` (never
answers), ``"trickle"`` (sends headers, then one byte a second), ``"not_json"`` (an HTML page with
status 200), ``"wrong_shape"`` (JSON that is no chat completion), ``"huge"`` (an answer of 2 MB),
``"drop"`` (closes the connection without a word). Every fault is bounded: a hang or trickle ends
when the server shuts down. Not a cassette: it never pretends to be a model's real output.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ..stub_backend import completion, task_of

FAULTS = ("none", "burst500", "retry_after", "hang", "trickle", "not_json", "wrong_shape", "huge", "drop")


def model_answer(body: dict[str, Any]) -> str:
    """What a compliant model answers to one task: an overview, or an empty list of the section asked for."""
    task = task_of(body)
    for section in ("conditions", "proposals", "casualties", "stakeholders"):
        if task.startswith(f"List the {section}"):
            return json.dumps({section: []})
    return json.dumps({"headline": "A short headline", "summary": "The article reports a meeting."})


class FaultBackend:
    def __init__(self, fault: str = "none", *, answer: Callable[[dict[str, Any]], str] = model_answer) -> None:
        assert fault in FAULTS, fault
        self.fault = fault
        self.answer = answer
        self.requests = 0
        self.stopping = threading.Event()
        backend = self
        count = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
                with count:
                    index = backend.requests
                    backend.requests += 1
                backend.serve(self, index, body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def serve(self, handler: BaseHTTPRequestHandler, index: int, body: dict[str, Any]) -> None:
        fault = self.fault
        if fault == "drop":
            handler.connection.shutdown(socket.SHUT_RDWR)
            handler.close_connection = True
            return
        if fault == "hang":
            self.stopping.wait(60)
            return
        if fault == "burst500" and index < 3:
            return self._send(handler, 500, json.dumps({"error": {"message": "overloaded"}}).encode())
        if fault == "retry_after" and index == 0:
            return self._send(
                handler, 429, json.dumps({"error": {"message": "slow down"}}).encode(), {"retry-after": "1"}
            )
        if fault == "not_json":
            return self._send(handler, 200, b"<html><body>Gateway login</body></html>", {"content-type": "text/html"})
        if fault == "wrong_shape":
            return self._send(handler, 200, json.dumps({"result": "ok"}).encode())
        payload = json.dumps(completion(self.answer(body))).encode()
        if fault == "huge":
            payload = json.dumps(completion(self.answer(body) + " " * 2_000_000)).encode()
        if fault == "trickle":
            handler.send_response(200)
            handler.send_header("content-type", "application/json")
            handler.send_header("content-length", str(len(payload)))
            handler.end_headers()
            for byte in payload:
                if self.stopping.wait(1.0):
                    return
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
            return
        self._send(handler, 200, payload)

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler, status: int, payload: bytes, headers: dict[str, str] | None = None
    ) -> None:
        headers = {"content-type": "application/json", **(headers or {})}
        handler.send_response(status)
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.send_header("content-length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FaultBackend:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()
