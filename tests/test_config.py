import pytest

from summarizer import ConfigurationError, Settings
from summarizer.config import DEFAULT_LOCAL_MODEL, cache_dir


def test_no_endpoint_means_the_embedded_model() -> None:
    s = Settings.resolve(environ={})
    assert (s.backend, s.model, s.mode, s.strategy) == ("local", DEFAULT_LOCAL_MODEL, "md_json", "sentences")


def test_api_key_alone_means_openai_with_tools() -> None:
    s = Settings.resolve(environ={"OPENAI_API_KEY": "sk-test"})
    assert (s.backend, s.model, s.mode) == ("openai", "gpt-4o-mini", "tools")


def test_explicit_beats_environment_beats_default() -> None:
    env = {
        "OPENAI_API_KEY": "sk-env",
        "SUMMARIZER_MODEL": "env-model",
        "SUMMARIZER_MODE": "md_json",
        "SUMMARIZER_BASE_URL": "http://summarizer-env/v1",
        "OPENAI_BASE_URL": "http://openai-env/v1",
    }
    from_env = Settings.resolve(environ=env)
    assert (from_env.model, from_env.mode, from_env.base_url) == ("env-model", "md_json", "http://summarizer-env/v1")
    explicit = Settings.resolve(model="m", mode="json", base_url="http://flag/v1", environ=env)
    assert (explicit.model, explicit.mode, explicit.base_url) == ("m", "json", "http://flag/v1")


def test_openai_base_url_is_the_fallback() -> None:
    s = Settings.resolve(environ={"OPENAI_BASE_URL": "http://vllm:8000/v1"})
    assert (s.backend, s.base_url) == ("openai-compatible", "http://vllm:8000/v1")


def test_model_path_names_the_local_model() -> None:
    s = Settings.resolve(environ={"SUMMARIZER_GGUF": "/models/mistral.gguf"})
    assert (s.backend, s.model, s.model_path) == ("local", "mistral.gguf", "/models/mistral.gguf")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"mode": "xml"},
        {"strategy": "magic"},
        {"mode": "json_schema"},
        {"base_url": "http://[::1"},  # found by a bad-input audit: an httpx traceback at the first call
        {"base_url": "::::"},
        {"base_url": "localhost:8080/v1"},
        {"environ": {"OPENAI_BASE_URL": "http://host:99999/v1"}},
        {"environ": {"SUMMARIZER_CONTEXT_SIZE": "0"}},
    ],
)
def test_bad_settings_are_configuration_errors(kwargs: dict) -> None:
    with pytest.raises(ConfigurationError):
        Settings.resolve(**{"environ": {}, **kwargs})


def test_an_unusable_result_cache_is_a_configuration_error_a_damaged_one_is_rebuilt(tmp_path) -> None:
    from summarizer.cache import ResultCache

    (tmp_path / "results.sqlite").write_text("not a database")  # a garbled header: moved aside, not fatal
    assert len(ResultCache(tmp_path / "results.sqlite")) == 0
    assert [p.read_text() for p in tmp_path.glob("results.sqlite.damaged-*")] == ["not a database"]
    (tmp_path / "a-file").write_text("")
    with pytest.raises(ConfigurationError, match="cannot be used"):
        ResultCache(tmp_path / "a-file" / "results.sqlite")


def test_cache_dir_order(tmp_path) -> None:
    assert cache_dir({"SUMMARIZER_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "summarizer"


@pytest.mark.parametrize("key", ["s3cr\u20act", "tab\there"])
def test_a_service_key_that_cannot_travel_in_a_header_is_refused(key: str) -> None:
    from summarizer.config import ServiceSettings

    with pytest.raises(ConfigurationError, match="printable ASCII"):
        ServiceSettings.resolve(environ={"SUMMARIZER_API_KEY": key})
