"""summarizer: typed, verifiable structured summaries of news articles.

Example:
    >>> from summarizer import summarize
    >>> s = summarize(open("article.txt").read())  # doctest: +SKIP
    >>> for c in s.casualties: print(c.killed, c.qualifier, c.location, c.evidence)  # doctest: +SKIP
"""

from summarizer.api import asummarize, asummarize_many, summarize, summarize_many
from summarizer.config import Settings
from summarizer.errors import (
    BackendUnreachable,
    ConfigurationError,
    ExtractionError,
    InputError,
    LocalModelError,
    OutputError,
    ProviderAuthError,
    ProviderError,
    ProviderUnavailable,
    SummarizerError,
    TokenBudgetExceeded,
)
from summarizer.pipeline.progress import CallStarted
from summarizer.schema import (
    ArticleSummary,
    CasualtyReport,
    Condition,
    DroppedItem,
    Proposal,
    Span,
    Stakeholder,
    SummaryMeta,
    Usage,
    VerificationCounts,
)

__all__ = [
    "ArticleSummary",
    "BackendUnreachable",
    "CallStarted",
    "CasualtyReport",
    "Condition",
    "ConfigurationError",
    "DroppedItem",
    "ExtractionError",
    "InputError",
    "LocalModelError",
    "OutputError",
    "Proposal",
    "ProviderAuthError",
    "ProviderError",
    "ProviderUnavailable",
    "Settings",
    "Span",
    "Stakeholder",
    "SummarizerError",
    "SummaryMeta",
    "TokenBudgetExceeded",
    "Usage",
    "VerificationCounts",
    "asummarize",
    "asummarize_many",
    "summarize",
    "summarize_many",
]
__version__ = "0.1.0"
