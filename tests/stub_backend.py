"""A tiny OpenAI-compatible HTTP server on loopback for tests of transport and batch behaviour.

It answers chat completions from a script of (status, body) pairs, then repeats the last one, or
from a ``respond(request_body)`` function; it can wait ``latency`` seconds per request, and counts
the requests it saw. Not a cassette: it never pretends to be a model's real output.

Run alone (for benchmarks): ``python -m tests.stub_backend --latency 0.2`` prints its base URL.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

EMPTY_SUMMARY = json.dumps(
    {"headline": "stub headline", "summary": "stub summary.", "conditions": [], "proposals": [],
     "casualties": [], "stakeholders": []}
)  # fmt: skip

Reply = tuple[int, dict[str, Any]]


def task_of(body: dict[str, Any]) -> str:
    """The instruction of a request: its last message, without the article and the answer's format before it."""
    text = str(body["messages"][-1]["content"])
    text = re.split(r"<<<END ARTICLE \w+>>>", text)[-1].lstrip()
    if text.startswith("Your answer is one JSON object"):
        text = text.split("\n", 2)[-1].lstrip()  # the format's line, then the schema's one line
    return text


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
    def __init__(
        self,
        script: list[Reply] | None = None,
        headers: dict[str, str] | None = None,
        *,
        respond: Callable[[dict[str, Any]], Reply] | None = None,
        latency: float = 0.0,
        port: int = 0,
    ) -> None:
        self.script = list(script or [(200, completion())])
        self.headers = headers or {}
        self.respond = respond
        self.latency = latency
        self.requests = 0
        self._count = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
            disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms delayed-ACK stall

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
                with stub._count:
                    index = stub.requests
                    stub.requests += 1
                if stub.latency:
                    time.sleep(stub.latency)
                if stub.respond is not None:
                    status, reply = stub.respond(body)
                else:
                    status, reply = stub.script[min(index, len(stub.script) - 1)]
                payload = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                for key, value in stub.headers.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self) -> None:  # GET /requests: how many requests it answered (for benchmarks)
                payload = json.dumps({"requests": stub.requests}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
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


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    with StubBackend(latency=args.latency, port=args.port) as stub:
        print(stub.base_url, flush=True)
        stub.thread.join()
