"""The HTTP service behind ``summarizer serve``: summaries over JSON, review pages over HTML.

    POST /v1/summaries            {"text": ...} or {"html": ...}  -> ArticleSummary + id + text
    GET  /v1/summaries/{id}       the stored summary again
    GET  /v1/summaries/{id}/html  its review page (``review_page.render_review_page``)
    GET  /healthz                 {"status": "ok"}, never needs the key
    GET  /docs                    the API, as a page with no outside asset (works offline)
    GET  /openapi.json            the OpenAPI document

Every error is JSON ``{"error": {"type": ..., "message": ...}}``, never a traceback:

    401 unauthorized            SUMMARIZER_API_KEY is set and the bearer token is missing or wrong
    404 not_found               unknown summary id (only the last ``max_stored`` are kept, in memory)
    413 payload_too_large       request body over ``max_body_bytes``
    415 unsupported_media_type  a body sent as anything but application/json
    422 invalid_request         not JSON, or not exactly one of text/html
    422 input_error             empty article, or no article text in the HTML
    502 provider_error, provider_auth_error, provider_unavailable, backend_unreachable, extraction_error,
        token_budget_exceeded
    503 overloaded              ``max_concurrent`` summaries already running (with Retry-After)
    504 timeout                 the summary took longer than ``timeout_s``
    500 configuration_error, local_model_error, internal_error

``summarize`` is synchronous and slow (minutes on the embedded model), so it runs in a worker thread;
a slot is held until that thread ends, even when the request has already timed out, so the service
never runs more summaries at once than it admits to.

Example:
    >>> import uvicorn
    >>> uvicorn.run(create_app(), host="127.0.0.1", port=8000)  # doctest: +SKIP
"""

from __future__ import annotations

import hmac
import logging
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from summarizer.api import summarize
from summarizer.config import DEFAULT_SERVICE_CONCURRENCY, ServiceSettings, Settings
from summarizer.errors import (
    ConfigurationError,
    ExtractionError,
    InputError,
    LocalModelError,
    ProviderError,
    SummarizerError,
)
from summarizer.llm.transport import deadline
from summarizer.outputs.api_docs import render_api_docs
from summarizer.outputs.review_page import render_review_page
from summarizer.pipeline.html_input import article_text_from_html
from summarizer.schema import ArticleSummary

__all__ = ["SummaryRequest", "SummaryResponse", "create_app"]

logger = logging.getLogger("summarizer.service")

# Most specific first: the first class an error is an instance of gives its status.
_STATUS_BY_ERROR: tuple[tuple[type[SummarizerError], int], ...] = (
    (InputError, 422),
    (ProviderError, 502),
    (ExtractionError, 502),
    (ConfigurationError, 500),
    (LocalModelError, 500),
    (SummarizerError, 500),
)
# The review page is inline CSS and JS only; this keeps it that way even if a template change slipped.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
}


class SummaryRequest(BaseModel):
    """The article to summarize: plain ``text``, or a web page's ``html`` to extract it from."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="The article as plain text.")
    html: str | None = Field(default=None, description="A web page; its article text is extracted first.")

    @model_validator(mode="after")
    def _exactly_one(self) -> SummaryRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError("send exactly one of 'text' or 'html'")
        return self


class SummaryResponse(ArticleSummary):
    """An ``ArticleSummary`` plus where to find it again and the text its offsets index."""

    id: str = Field(description="Use with GET /v1/summaries/{id} and /v1/summaries/{id}/html.")
    text: str = Field(description="The article text the evidence spans index (for html input: the extracted text).")


class _ServiceError(Exception):
    """An HTTP-level refusal, turned into the JSON error body by the app's handler."""

    def __init__(self, status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.message = message
        self.headers = headers or {}


class _SummaryStore:
    """The last ``capacity`` summaries with their texts, in memory; the oldest go first."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._entries: OrderedDict[str, tuple[ArticleSummary, str]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, summary: ArticleSummary, text: str) -> str:
        key = secrets.token_urlsafe(12)
        with self._lock:
            self._entries[key] = (summary, text)
            while len(self._entries) > self._capacity:
                self._entries.popitem(last=False)
        return key

    def get(self, key: str) -> tuple[ArticleSummary, str]:
        with self._lock:
            found = self._entries.get(key)
        if found is None:
            raise _ServiceError(404, "not_found", f"No summary {key!r}: only the last {self._capacity} are kept.")
        return found


# Module level: FastAPI reads the dependency's annotations, which must resolve in this module.
_bearer = HTTPBearer(auto_error=False, description="Required when SUMMARIZER_API_KEY is set.")


class _BearerCheck:
    """A dependency: with a key configured, the request's bearer token must equal it."""

    def __init__(self, api_key: str | None) -> None:
        self._key = api_key.encode() if api_key is not None else None

    async def __call__(self, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
        if self._key is None:
            return
        given = credentials.credentials.encode() if credentials else b""
        if not hmac.compare_digest(given, self._key):  # constant time: no guessing the key byte by byte
            raise _ServiceError(
                401, "unauthorized", "Send Authorization: Bearer <SUMMARIZER_API_KEY>.", {"WWW-Authenticate": "Bearer"}
            )


def _error_kind(error: SummarizerError) -> str:
    # ProviderUnavailable -> provider_unavailable: clients can match the library's own class names.
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(error).__name__).lower()


def _error_response(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status, headers=headers)


async def _read_body(request: Request, limit: int) -> bytes:
    too_large = _ServiceError(413, "payload_too_large", f"The request body is over the limit of {limit} bytes.")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():  # a chunked body has no content-length to trust
        body += chunk
        if len(body) > limit:
            raise too_large
    return bytes(body)


def _parse_request(body: bytes) -> SummaryRequest:
    try:
        return SummaryRequest.model_validate_json(body)
    except ValidationError as exc:
        problems = _validation_problems(exc.errors(include_url=False, include_input=False))
        expected = 'Expected JSON {"text": ...} or {"html": ...}'
        raise _ServiceError(422, "invalid_request", f"{expected}: {problems}") from exc


def _require_json(content_type: str | None) -> None:
    """Refuse a body sent as anything but JSON: a text/plain article must not be read as JSON by chance."""
    media = (content_type or "application/json").split(";")[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise _ServiceError(
            415, "unsupported_media_type", f'Send the request as application/json ({{"text": ...}}), not {media}.'
        )


def _validation_problems(errors: Sequence[Any]) -> str:
    # Location and message only: echoing the input back could return a megabyte of article.
    return "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())) or 'body'}: {e.get('msg', '')}" for e in errors)


def create_app(settings: Settings | None = None, service: ServiceSettings | None = None) -> FastAPI:
    """The FastAPI app: ``settings`` reach the LLM backend, ``service`` sets access and limits.

    Both default to what the environment says (``Settings.resolve()``, ``ServiceSettings.resolve()``).

    Example:
        >>> from summarizer.config import ServiceSettings
        >>> app = create_app(service=ServiceSettings(api_key="s3cret", max_concurrent=2))
        >>> sorted(r.path for r in app.routes if r.path.startswith("/v1"))
        ['/v1/summaries', '/v1/summaries/{summary_id}', '/v1/summaries/{summary_id}/html']
    """
    llm = settings if settings is not None else Settings.resolve()
    limits = service if service is not None else ServiceSettings.resolve()
    concurrency = limits.max_concurrent or DEFAULT_SERVICE_CONCURRENCY[llm.backend]
    slots = threading.BoundedSemaphore(concurrency)
    store = _SummaryStore(limits.max_stored)

    app = FastAPI(
        title="summarizer",
        summary="Typed, grounded structured summaries of news articles.",
        version="1",
        # FastAPI's Swagger and ReDoc pages load their scripts from a CDN: blank on an offline
        # newsroom network. /docs is served from the OpenAPI document itself (tests/test_service.py).
        docs_url=None,
        redoc_url=None,
    )

    authorize = _BearerCheck(limits.api_key)

    def summarize_in_slot(text: str) -> ArticleSummary:
        try:
            with deadline(limits.timeout_s):  # its model calls end by the request's time: the slot comes back
                return summarize(text, settings=llm)
        finally:
            slots.release()  # here, not in the request: a timed-out summary still occupies the backend

    async def run_summary(text: str) -> ArticleSummary:
        if not slots.acquire(blocking=False):
            raise _ServiceError(
                503,
                "overloaded",
                f"{concurrency} summaries are already running; retry later.",
                {"Retry-After": str(limits.retry_after_s)},
            )
        try:
            with anyio.fail_after(limits.timeout_s):
                return await anyio.to_thread.run_sync(summarize_in_slot, text, abandon_on_cancel=True)
        except TimeoutError as exc:
            raise _ServiceError(504, "timeout", f"The summary took longer than {limits.timeout_s:g} s.") from exc

    @app.exception_handler(_ServiceError)
    async def service_error(request: Request, exc: _ServiceError) -> JSONResponse:
        return _error_response(exc.status, exc.kind, exc.message, exc.headers)

    @app.exception_handler(SummarizerError)
    async def summarizer_error(request: Request, exc: SummarizerError) -> JSONResponse:
        status = next(code for cls, code in _STATUS_BY_ERROR if isinstance(exc, cls))
        logger.warning("%s %s: %s: %s", request.method, request.url.path, type(exc).__name__, exc)
        return _error_response(status, _error_kind(exc), str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error_response(exc.status_code, kind, str(exc.detail), dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error_response(422, "invalid_request", _validation_problems(exc.errors()))

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("%s %s failed", request.method, request.url.path)
        return _error_response(500, "internal_error", "Internal error; the server log has the details.")

    request_schema: dict[str, Any] = {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": SummaryRequest.model_json_schema()}},
        }
    }

    @app.post(
        "/v1/summaries",
        response_model=SummaryResponse,
        dependencies=[Depends(authorize)],
        openapi_extra=request_schema,
        summary="Summarize one article",
    )
    async def create_summary(request: Request) -> SummaryResponse:
        _require_json(request.headers.get("content-type"))
        payload = _parse_request(await _read_body(request, limits.max_body_bytes))
        if payload.html is not None:
            text = await anyio.to_thread.run_sync(article_text_from_html, payload.html)
        else:
            text = payload.text or ""
        if not text.strip():
            raise InputError("The article is empty: there is nothing to summarize.")
        summary = await run_summary(text)
        key = store.add(summary, text)
        return SummaryResponse.model_validate({**summary.model_dump(), "id": key, "text": text})

    @app.get(
        "/v1/summaries/{summary_id}",
        response_model=SummaryResponse,
        dependencies=[Depends(authorize)],
        summary="A stored summary",
    )
    async def get_summary(summary_id: str) -> SummaryResponse:
        summary, text = store.get(summary_id)
        return SummaryResponse.model_validate({**summary.model_dump(), "id": summary_id, "text": text})

    @app.get(
        "/v1/summaries/{summary_id}/html",
        response_class=HTMLResponse,
        dependencies=[Depends(authorize)],
        summary="The review page of a stored summary",
    )
    async def get_review_page(summary_id: str) -> HTMLResponse:
        summary, text = store.get(summary_id)
        return HTMLResponse(render_review_page(summary, text), headers=_PAGE_HEADERS)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(render_api_docs(app.openapi()), headers=_PAGE_HEADERS)

    @app.get("/healthz", summary="Liveness")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
