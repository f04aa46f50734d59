"""Settings, resolved in one place and in one documented order.

For every setting: an explicit argument (Python keyword or CLI flag) beats the environment variable,
which beats the default. Environment variables are read here and nowhere else; one that is set but
empty is an error (an unset shell variable must not select another backend unnoticed).

| setting     | argument / flag   | environment                                     | default                |
|-------------|-------------------|-------------------------------------------------|------------------------|
| base_url    | ``--base-url``    | ``SUMMARIZER_BASE_URL``, then ``OPENAI_BASE_URL`` | none: embedded model |
| api_key     | (Python only)     | ``OPENAI_API_KEY``                              | none                   |
| model       | ``--model``       | ``SUMMARIZER_MODEL``                            | per backend            |
| mode        | ``--mode``        | ``SUMMARIZER_MODE``                             | json local, else tools |
| local_model | ``--local-model`` | ``SUMMARIZER_LOCAL_MODEL``                      | ``qwen2.5-coder-1.5b`` |
| model_path  | ``--model-path``  | ``SUMMARIZER_GGUF``                             | the bundled GGUF       |
| strategy    | ``--strategy``    | ``SUMMARIZER_STRATEGY``                         | ``sentences``          |
| context     | (Python only)     | ``SUMMARIZER_CONTEXT_SIZE`` (tokens)            | 8192                   |
| timeout     | ``--timeout``     | ``SUMMARIZER_TIMEOUT`` (seconds per model call) | 600 local, else 120    |
| max_chars   | ``--max-chars``   | ``SUMMARIZER_MAX_CHARS``                        | 100000                 |
| language    | ``--language``    | ``SUMMARIZER_LANGUAGE`` (ISO 639-1)             | detected               |
| service key | (Python only)     | ``SUMMARIZER_API_KEY`` (``summarizer serve``)   | none: no auth          |

Example:
    >>> s = Settings.resolve(model="gpt-4o-mini", environ={"OPENAI_API_KEY": "sk-x"})
    >>> (s.backend, s.model)
    ('openai', 'gpt-4o-mini')
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from summarizer.errors import ConfigurationError

Backend = Literal["local", "openai", "openai-compatible"]

MODES = ("tools", "json", "json_schema", "md_json")
STRATEGIES = ("cited", "sentences", "single")
# One call per candidate sentence for demands and offers: on the Wikinews dev set it finds 1.7 times
# the conditions and twice the proposals of one call per list, for more time (docs/measurements.md).
DEFAULT_STRATEGY = "sentences"
DEFAULT_REMOTE_MODEL = "gpt-4o-mini"
# Measured on the bundled models (docs/guide.md, "Modes"): llama.cpp's grammar for tools or a json_object
# schema only allows compact JSON, and the small model then closes every list at once (empty lists).
# md_json asks for the JSON in the prompt and sends no grammar at all: llama-cpp-python's JSON grammar
# took 88 of 321 s on the same 12 calls (benchmarks/server_levers.py); pydantic still validates.
DEFAULT_MODES: dict[str, str] = {"local": "md_json", "openai": "tools", "openai-compatible": "tools"}
# Chosen by measurement (docs/guide.md, "Choosing the local model"): the 1.5B model finds far more
# facts per article than the 0.5B one at about 3x the seconds.
DEFAULT_LOCAL_MODEL = "qwen2.5-coder-1.5b"
# One answer of the embedded model on 2 CPU cores takes up to about 4 minutes (2,048 tokens); a
# hosted model answers in seconds, so a stalled one is given up on sooner.
DEFAULT_TIMEOUTS: dict[str, float] = {"local": 600.0, "openai": 120.0, "openai-compatible": 120.0}


@dataclass(frozen=True)
class Settings:
    """Everything needed to reach a backend and run the extraction."""

    backend: Backend
    model: str
    mode: str
    strategy: str
    base_url: str | None = None
    api_key: str | None = None
    local_model: str = DEFAULT_LOCAL_MODEL
    model_path: str | None = None
    # Seconds: connecting should be quick; a CPU model may take minutes to answer.
    connect_timeout: float = 10.0
    read_timeout: float = 600.0
    max_attempts: int = 4
    max_retry_seconds: float = 120.0
    max_reasks: int = 1
    # Ask the model once more for the items that failed verification (pipeline.REASKS_OFF says why not).
    reask: bool = False
    context_size: int = 8192
    max_output_tokens: int = 1024
    max_tokens_per_article: int = 60_000
    # Seconds one model call may take in all, its retries and the reading of a slow answer included
    # (transport.DeadlineTransport); None: the backend's default (DEFAULT_TIMEOUTS).
    timeout: float | None = None
    # The longest article accepted, in characters: a 50 MB file became 6,509 requests without a word.
    max_chars: int = 100_000
    # The article's language (ISO 639-1, e.g. "fr"); None: detected (language.py).
    language: str | None = None

    @property
    def call_deadline(self) -> float:
        """The seconds one model call may take: ``timeout``, else the backend's default."""
        return self.timeout if self.timeout is not None else DEFAULT_TIMEOUTS[self.backend]

    @classmethod
    def resolve(
        cls,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        model: str | None = None,
        mode: str | None = None,
        strategy: str | None = None,
        local_model: str | None = None,
        model_path: str | None = None,
        environ: Mapping[str, str] | None = None,
        **overrides: object,
    ) -> Settings:
        """Merge explicit arguments, then the environment, then defaults."""
        env = os.environ if environ is None else environ

        def pick(explicit: str | None, *names: str) -> str | None:
            if explicit:
                return explicit
            for name in names:
                if name in env and not env[name].strip() and name.startswith("SUMMARIZER_"):
                    # Set but empty (an unset shell variable): falling through to the next source
                    # chose OpenAI where a local server was meant.
                    raise ConfigurationError(f"{name} is set but empty: unset it or give it a value.")
                value = env.get(name, "").strip()
                if value:
                    return value
            return None

        base_url = pick(base_url, "SUMMARIZER_BASE_URL", "OPENAI_BASE_URL")
        api_key = pick(api_key, "OPENAI_API_KEY")
        model_path = pick(model_path, "SUMMARIZER_GGUF")
        local_model = pick(local_model, "SUMMARIZER_LOCAL_MODEL") or DEFAULT_LOCAL_MODEL

        if base_url and not _is_http_url(base_url):
            raise ConfigurationError(f"The backend URL {base_url!r} is not an http(s) URL such as http://host:8080/v1.")
        backend: Backend
        if base_url:
            backend = "openai-compatible"
        elif api_key:
            backend = "openai"
        else:
            backend = "local"

        chosen_model = pick(model, "SUMMARIZER_MODEL")
        if chosen_model is None:
            chosen_model = local_model if backend == "local" else DEFAULT_REMOTE_MODEL
        if backend == "local" and model_path:
            chosen_model = pick(model, "SUMMARIZER_MODEL") or os.path.basename(model_path)

        chosen_mode = (pick(mode, "SUMMARIZER_MODE") or DEFAULT_MODES[backend]).lower()
        if chosen_mode not in MODES:
            raise ConfigurationError(f"Unknown mode {chosen_mode!r}: choose one of {', '.join(MODES)}.")
        if backend == "local" and chosen_mode == "json_schema":
            raise ConfigurationError(
                "The local llama.cpp server rejects response_format json_schema: use --mode tools or json."
            )
        chosen_strategy = (pick(strategy, "SUMMARIZER_STRATEGY") or DEFAULT_STRATEGY).lower()
        if chosen_strategy not in STRATEGIES:
            raise ConfigurationError(f"Unknown strategy {chosen_strategy!r}: choose one of {', '.join(STRATEGIES)}.")

        context = pick(None, "SUMMARIZER_CONTEXT_SIZE")
        if context is not None and (not context.isdigit() or int(context) == 0):
            raise ConfigurationError(f"SUMMARIZER_CONTEXT_SIZE must be a positive number of tokens, not {context!r}.")
        settings = cls(
            backend=backend,
            model=chosen_model,
            mode=chosen_mode,
            strategy=chosen_strategy,
            base_url=base_url,
            api_key=api_key,
            local_model=local_model,
            model_path=model_path,
        )
        chosen: dict[str, object] = {"context_size": int(context)} if context else {}
        if (language := pick(None, "SUMMARIZER_LANGUAGE")) is not None:
            chosen["language"] = language
        for name, field, kind in (("SUMMARIZER_TIMEOUT", "timeout", float), ("SUMMARIZER_MAX_CHARS", "max_chars", int)):
            if (value := pick(None, name)) is not None:
                try:
                    number = kind(value)
                except ValueError:
                    number = 0
                if not number > 0:
                    raise ConfigurationError(f"{name} must be a positive number, not {value!r}.")
                chosen[field] = number
        chosen.update({name: value for name, value in overrides.items() if value is not None})  # None: not given
        if isinstance(chosen.get("language"), str):
            code = str(chosen["language"]).strip().lower()
            if not (len(code) == 2 and code.isalpha()):
                raise ConfigurationError(f"The language must be a two-letter ISO 639-1 code such as fr, not {code!r}.")
            chosen["language"] = code
        if chosen:
            settings = replace(settings, **chosen)  # type: ignore[arg-type]
        return settings


def _is_http_url(url: str) -> bool:
    """Whether ``url`` can reach a server: http(s), a host, a valid port (checked before any call)."""
    try:
        parsed = urlsplit(url)
        parsed.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.hostname)


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where the assembled GGUF, the server log and caches live: ``SUMMARIZER_CACHE_DIR``,
    else ``$XDG_CACHE_HOME/summarizer``, else ``~/.cache/summarizer``."""
    env = os.environ if environ is None else environ
    if explicit := env.get("SUMMARIZER_CACHE_DIR", "").strip():
        return Path(explicit).expanduser()
    base = env.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base).expanduser() / "summarizer"


# Concurrent summaries the HTTP service runs at once. The embedded model answers one request at a
# time on a few cores, so a second one would only double both latencies; remote backends scale.
DEFAULT_SERVICE_CONCURRENCY: dict[str, int] = {"local": 1, "openai": 4, "openai-compatible": 4}


@dataclass(frozen=True)
class ServiceSettings:
    """Limits and access control of ``summarizer serve`` (see ``summarizer.service``).

    ``api_key``: explicit, else ``SUMMARIZER_API_KEY``; when set, requests need ``Authorization: Bearer <key>``.
    ``max_concurrent``: None picks by backend (1 for the embedded model, 4 otherwise).

    Example:
        >>> ServiceSettings.resolve(environ={"SUMMARIZER_API_KEY": "s3cret"}).api_key
        's3cret'
    """

    api_key: str | None = None
    max_body_bytes: int = 1_000_000
    timeout_s: float = 900.0
    max_concurrent: int | None = None
    max_stored: int = 1000
    retry_after_s: int = 30

    @classmethod
    def resolve(
        cls, *, api_key: str | None = None, environ: Mapping[str, str] | None = None, **overrides: object
    ) -> ServiceSettings:
        """The explicit key, else ``SUMMARIZER_API_KEY``; limits from ``overrides`` that are not None."""
        env = os.environ if environ is None else environ
        key = api_key or env.get("SUMMARIZER_API_KEY", "").strip() or None
        if key is not None and not (key.isascii() and key.isprintable()):
            # HTTP headers arrive as Latin-1 bytes: such a key could never match, every request would get 401.
            raise ConfigurationError("SUMMARIZER_API_KEY must be printable ASCII (it travels in an HTTP header).")
        chosen = {name: value for name, value in overrides.items() if value is not None}
        return cls(api_key=key, **chosen)  # type: ignore[arg-type]
