"""A tiny OpenAI-compatible HTTP server on loopback for tests of transport behaviour.

It answers chat completions from a script of (status, body) pairs, then repeats the last one, and
counts the requests it saw. Not a cassette: it never pretends to be a model's real output.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

EMPTY_SUMMARY = json.dumps(
    {"headline": "Stub headline", "summary": "Stub summary.", "conditions": [], "proposals": [],
     "casualties": [], "stakeholders": []}
)  # fmt: skip


def completion(content: str = EMPTY_SUMMARY) -> dict[str, Any]:
    return {
        "id": "stub",
        "object": "chat.completion",
        "created": 0,
        "model": "stub-model",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


class StubBackend:
    def __init__(self, script: list[tuple[int, dict[str, Any]]], headers: dict[str, str] | None = None) -> None:
        self.script = list(script)
        self.headers = headers or {}
        self.requests = 0
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", 0)))
                status, body = stub.script[min(stub.requests, len(stub.script) - 1)]
                stub.requests += 1
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                for key, value in stub.headers.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> StubBackend:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
