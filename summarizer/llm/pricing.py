"""What tokens cost: a small table of list prices (USD per million tokens) for known hosted models.

The embedded local model costs nothing per token. Prices change; the table is the providers' list
prices when it was written and can be overridden with ``--price INPUT,OUTPUT`` (USD per million).

Example:
    >>> cost_usd("gpt-4o-mini", prompt_tokens=1_000_000, completion_tokens=0)
    0.15
"""

from __future__ import annotations

# model name -> (input, output) USD per million tokens (OpenAI list prices, standard tier).
PRICES_PER_MILLION: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
}


def price_for(model: str, backend: str, override: tuple[float, float] | None = None) -> tuple[float, float] | None:
    """Input and output price per million tokens; ``None`` when unknown (cost is then not shown)."""
    if override is not None:
        return override
    if backend == "local":
        return (0.0, 0.0)
    return PRICES_PER_MILLION.get(model)


def cost_usd(
    model: str,
    *,
    prompt_tokens: int,
    completion_tokens: int,
    backend: str = "openai",
    override: tuple[float, float] | None = None,
) -> float | None:
    price = price_for(model, backend, override)
    if price is None:
        return None
    return round((prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000, 6)
