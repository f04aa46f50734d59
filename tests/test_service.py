"""The HTTP service, run for real: uvicorn in a thread on a free loopback port.

The summary test replays the cassette recorded from the bundled local model for
``examples/articles/team_harbour_truce.txt``; the others replace the ``summarize`` the app calls, to
make the backend fail, hang or block on demand. The client is urllib and talks to ``localhost``:
vcr patches http.client too, and ``ignore_hosts=["localhost"]`` lets it through while the model's
replay URL (127.0.0.1:9) stays replayed.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the service needs the serve extra (pip install -e '.[test]')")

import uvicorn

from summarizer import ArticleSummary, ExtractionError, ProviderUnavailable, Settings
from summarizer import service as service_module
from summarizer.cli import read_article
from summarizer.config import ServiceSettings
from summarizer.service import create_app

from .conftest import ARTICLES, CASSETTES

SNAPSHOTS = Path(__file__).parent / "snapshots"
ARTICLE = ARTICLES / "team_harbour_truce.txt"

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1", "::1"])

Response = tuple[int, dict[str, str], bytes]


@pytest.fixture(scope="module")
def vcr_config(vcr_config: dict[str, Any]) -> dict[str, Any]:
    return {**vcr_config, "ignore_hosts": ["localhost"]}


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(CASSETTES / "recorded_summaries")


@pytest.fixture
def default_cassette_name() -> str:
    # The exact requests summarize() makes for this article, recorded from the bundled 1.5B model.
    return "test_summary[team_harbour_truce]"


def recorded_summary() -> ArticleSummary:
    return ArticleSummary.model_validate_json((SNAPSHOTS / "team_harbour_truce.json").read_text(encoding="utf-8"))


@contextmanager
def serving(app: Any) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.02)
    try:
        yield f"http://localhost:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)


# No proxy from the environment: these requests must go straight to the loopback server.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def call(
    method: str,
    url: str,
    body: bytes | dict[str, Any] | None = None,
    token: str | None = None,
    content_type: str = "application/json",
) -> Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if isinstance(body, dict):
        body = json.dumps(body).encode()
    if body is not None:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        # A recording waits minutes for the CPU model; a replay answers at once.
        with _opener.open(request, timeout=600) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def error_of(response: Response, status: int) -> dict[str, str]:
    code, headers, body = response
    text = body.decode()
    assert code == status, text
    assert headers["content-type"] == "application/json"
    assert "Traceback" not in text and 'File "' not in text
    error: dict[str, str] = json.loads(text)["error"]
    assert set(error) == {"type", "message"} and error["message"]
    return error


@pytest.fixture
def fake_backend(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[str], ArticleSummary]], list[str]]:
    """Replace the summarize() the app calls; returns the texts it was called with."""

    def install(behaviour: Callable[[str], ArticleSummary]) -> list[str]:
        seen: list[str] = []

        def fake(text: str, *, settings: Settings) -> ArticleSummary:
            seen.append(text)
            return behaviour(text)

        monkeypatch.setattr(service_module, "summarize", fake)
        return seen

    return install


@pytest.mark.cassette
@pytest.mark.vcr
def test_summary_from_the_recorded_model_and_its_review_page(llm_settings: Settings, played_all: Any) -> None:
    text = read_article(str(ARTICLE))
    with serving(create_app(llm_settings, ServiceSettings())) as base:
        status, headers, body = call("POST", f"{base}/v1/summaries", {"text": text})
        assert status == 200, body
        created = json.loads(body)
        assert created["text"] == text
        for section in ("proposals", "casualties", "stakeholders"):
            for item in created[section]:
                span = item["evidence_span"]
                assert text[span["start"] : span["end"]] == item["evidence"]
        expected = recorded_summary().model_dump(mode="json")
        for key in ("headline", "summary", "conditions", "proposals", "casualties", "stakeholders"):
            assert created[key] == expected[key]
        assert created["meta"]["dropped"] == expected["meta"]["dropped"]

        status, headers, body = call("GET", f"{base}/v1/summaries/{created['id']}")
        assert status == 200 and json.loads(body) == created

        status, headers, body = call("GET", f"{base}/v1/summaries/{created['id']}/html")
        page = body.decode()
        assert status == 200 and headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in headers["content-security-policy"]
        assert f'<h1 id="headline">{expected["headline"]}</h1>' in page
        sentence = next(p["evidence_span"] for p in expected["proposals"] if "Rehn" in p["proposer"])
        rehn = [
            f"{section}-{i}"
            for section in ("conditions", "proposals", "casualties", "stakeholders")
            for i, item in enumerate(expected[section])
            if item["evidence_span"] == sentence
        ]
        assert len(rehn) >= 2 and f'data-items="{" ".join(rehn)}"' in page  # one highlight names every item citing it
        lists = ("conditions", "proposals", "casualties", "stakeholders")
        cited = {json.dumps(item["evidence_span"]) for key in lists for item in expected[key]}
        assert page.count("<mark ") == len(cited)  # one highlight per cited sentence


def test_bearer_token_is_required_when_the_key_is_set(
    llm_settings: Settings, fake_backend: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_backend(lambda text: recorded_summary())
    monkeypatch.setenv("SUMMARIZER_API_KEY", "s3cret-key")
    with serving(create_app(llm_settings)) as base:  # the key comes from the environment
        for token in (None, "wrong", "s3cret-ke", "s3cret-key2"):
            code, headers, body = call("POST", f"{base}/v1/summaries", {"text": "Two died."}, token=token)
            assert error_of((code, headers, body), 401)["type"] == "unauthorized"
            assert headers["www-authenticate"] == "Bearer"
        assert error_of(call("GET", f"{base}/v1/summaries/x/html"), 401)["type"] == "unauthorized"
        status, _, body = call("POST", f"{base}/v1/summaries", {"text": "Two died."}, token="s3cret-key")
        assert status == 200
        summary_id = json.loads(body)["id"]
        assert call("GET", f"{base}/v1/summaries/{summary_id}/html", token="s3cret-key")[0] == 200
        assert call("GET", f"{base}/healthz")[0] == 200  # probes need no key


def test_oversize_body_is_refused(llm_settings: Settings, fake_backend: Any) -> None:
    seen = fake_backend(lambda text: recorded_summary())
    with serving(create_app(llm_settings, ServiceSettings(max_body_bytes=1000))) as base:
        error = error_of(call("POST", f"{base}/v1/summaries", {"text": "x" * 5000}), 413)
        assert error["type"] == "payload_too_large" and "1000 bytes" in error["message"]

        # Chunked: no content-length to check first; the body is counted as it streams in.
        host, port = base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        chunks = iter([b'{"text": "', b"y" * 600, b"y" * 600, b'"}'])
        connection.request("POST", "/v1/summaries", body=chunks, encode_chunked=True)
        response = connection.getresponse()
        assert error_of((response.status, dict(response.headers), response.read()), 413)["type"] == "payload_too_large"
        connection.close()

        assert call("POST", f"{base}/v1/summaries", {"text": "x" * 900})[0] == 200
    assert seen == ["x" * 900]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ({"text": "  \n\t "}, "input_error"),
        ({"text": ""}, "input_error"),
        (b"{not json", "invalid_request"),
        (b"", "invalid_request"),
        ({"text": "a", "html": "<p>a</p>"}, "invalid_request"),
        ({}, "invalid_request"),
        ({"article": "Two died."}, "invalid_request"),
        ({"text": 12}, "invalid_request"),
        ({"html": "<html><head><script>var x = 1;</script></head><body><img src=a.png></body></html>"}, "input_error"),
    ],
)
def test_bad_input_is_422(llm_settings: Settings, fake_backend: Any, body: Any, kind: str) -> None:
    seen = fake_backend(lambda text: recorded_summary())
    with serving(create_app(llm_settings, ServiceSettings())) as base:
        assert error_of(call("POST", f"{base}/v1/summaries", body), 422)["type"] == kind
    assert seen == []  # refused before the backend


def test_html_input_is_reduced_to_its_article_text(llm_settings: Settings, fake_backend: Any) -> None:
    seen = fake_backend(lambda text: recorded_summary())
    paragraphs = "".join(f"<p>{line}</p>" for line in read_article(str(ARTICLE)).split("\n\n"))
    page = f"<html><head><script>var tracking = 1;</script></head><body><nav>Home | World</nav><article>{paragraphs}</article></body></html>"  # noqa: E501
    with serving(create_app(llm_settings, ServiceSettings())) as base:
        status, _, body = call("POST", f"{base}/v1/summaries", {"html": page})
    assert status == 200
    assert len(seen) == 1 and "Interior Minister Tomas Rehn proposed" in seen[0]
    assert "tracking" not in seen[0] and "Home | World" not in seen[0]
    assert json.loads(body)["text"] == seen[0]  # the text the offsets index


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (ProviderUnavailable("The backend did not answer after 4 attempts."), "provider_unavailable"),
        (ExtractionError("The model's answers did not validate after 2 attempts."), "extraction_error"),
    ],
)  # fmt: skip
def test_backend_failure_is_502(llm_settings: Settings, fake_backend: Any, error: Exception, kind: str) -> None:
    def fail(text: str) -> ArticleSummary:
        raise error

    fake_backend(fail)
    with serving(create_app(llm_settings, ServiceSettings())) as base:
        body = error_of(call("POST", f"{base}/v1/summaries", {"text": "Two died."}), 502)
    assert body == {"type": kind, "message": str(error)}


def test_unexpected_error_is_500_without_details(llm_settings: Settings, fake_backend: Any) -> None:
    def crash(text: str) -> ArticleSummary:
        raise RuntimeError("internal detail /srv/secret/path")

    fake_backend(crash)
    with serving(create_app(llm_settings, ServiceSettings())) as base:
        response = call("POST", f"{base}/v1/summaries", {"text": "Two died."})
    assert error_of(response, 500)["type"] == "internal_error"
    assert b"secret" not in response[2]


def test_full_service_answers_503_and_a_slow_summary_504(llm_settings: Settings, fake_backend: Any) -> None:
    started, release = threading.Event(), threading.Event()

    def slow(text: str) -> ArticleSummary:
        started.set()
        release.wait(timeout=30)
        return recorded_summary()

    fake_backend(slow)
    limits = ServiceSettings(max_concurrent=1, timeout_s=30, retry_after_s=7)
    with serving(create_app(llm_settings, limits)) as base:
        first: list[Response] = []
        worker = threading.Thread(target=lambda: first.append(call("POST", f"{base}/v1/summaries", {"text": "a"})))
        worker.start()
        assert started.wait(timeout=20)
        code, headers, body = call("POST", f"{base}/v1/summaries", {"text": "b"})
        assert error_of((code, headers, body), 503)["type"] == "overloaded"
        assert headers["retry-after"] == "7"
        release.set()
        worker.join(timeout=30)
        assert first[0][0] == 200

    started.clear()
    release.clear()
    with serving(create_app(llm_settings, ServiceSettings(max_concurrent=1, timeout_s=0.5))) as base:
        assert error_of(call("POST", f"{base}/v1/summaries", {"text": "a"}), 504)["type"] == "timeout"
        # The timed-out summary still runs, so its slot is still taken until it ends.
        assert error_of(call("POST", f"{base}/v1/summaries", {"text": "b"}), 503)["type"] == "overloaded"
        release.set()
        deadline = time.monotonic() + 20
        while call("GET", f"{base}/healthz")[0] == 200 and time.monotonic() < deadline:
            code = call("POST", f"{base}/v1/summaries", {"text": "c"})[0]
            if code == 200:
                break
            time.sleep(0.05)
        assert code == 200


def test_unknown_ids_routes_and_docs(llm_settings: Settings) -> None:
    with serving(create_app(llm_settings, ServiceSettings())) as base:
        assert error_of(call("GET", f"{base}/v1/summaries/nope"), 404)["type"] == "not_found"
        assert error_of(call("GET", f"{base}/v1/summaries/nope/html"), 404)["type"] == "not_found"
        assert error_of(call("GET", f"{base}/v2/elsewhere"), 404)["type"] == "not_found"
        assert error_of(call("GET", f"{base}/v1/summaries"), 405)["type"] == "method_not_allowed"
        assert json.loads(call("GET", f"{base}/healthz")[2]) == {"status": "ok"}
        status, _, page = call("GET", f"{base}/docs")
        # Offline: no script or style from elsewhere (Swagger UI's came from a CDN: a blank page offline).
        assert status == 200 and b"/v1/summaries" in page and b"<script" not in page and b"cdn" not in page.lower()
        schema = json.loads(call("GET", f"{base}/openapi.json")[2])
        request = schema["paths"]["/v1/summaries"]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert set(request["properties"]) == {"text", "html"}


def test_a_body_sent_as_plain_text_is_refused_not_read_as_json(llm_settings: Settings) -> None:
    with serving(create_app(llm_settings, ServiceSettings())) as base:
        body = json.dumps({"text": "Talks resumed."}).encode()
        error = error_of(call("POST", f"{base}/v1/summaries", body, content_type="text/plain"), 415)
        assert error["type"] == "unsupported_media_type"


def test_stored_summaries_are_bounded(llm_settings: Settings, fake_backend: Any) -> None:
    fake_backend(lambda text: recorded_summary())
    with serving(create_app(llm_settings, ServiceSettings(max_stored=2))) as base:
        ids = [json.loads(call("POST", f"{base}/v1/summaries", {"text": t})[2])["id"] for t in "abc"]
        assert call("GET", f"{base}/v1/summaries/{ids[0]}")[0] == 404
        assert [call("GET", f"{base}/v1/summaries/{i}")[0] for i in ids[1:]] == [200, 200]
