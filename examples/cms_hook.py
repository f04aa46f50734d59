"""What a CMS save hook or a wire monitor would call: never raises, always returns something to log.

    python examples/cms_hook.py examples/articles/muc4_dev_0644.txt

A newsroom tool should not crash its host because a model is slow or an article is empty; it should
say what went wrong in a form the tool can store next to the story.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

from summarizer import (
    ConfigurationError,
    ExtractionError,
    InputError,
    LocalModelError,
    ProviderAuthError,
    ProviderError,
    SummarizerError,
    summarize,
)

log = logging.getLogger("newsroom.summarizer_hook")


def on_article_saved(story_id: str, body: str) -> dict[str, Any]:
    """Return ``{"status": "ok", "summary": {...}}`` or ``{"status": <problem>, "error": "..."}``."""
    try:
        summary = summarize(body)
    except InputError as exc:  # empty draft, nothing to do
        return {"story_id": story_id, "status": "skipped", "error": str(exc)}
    except (ConfigurationError, LocalModelError, ProviderAuthError) as exc:  # ops problem: alert, no retry per story
        log.error("summarizer is misconfigured: %s", exc)
        return {"story_id": story_id, "status": "misconfigured", "error": str(exc)}
    except ProviderError as exc:  # backend down after retries: queue the story for later
        return {"story_id": story_id, "status": "retry_later", "error": str(exc)}
    except ExtractionError as exc:  # the model could not produce a valid summary for this story
        return {"story_id": story_id, "status": "needs_human", "error": str(exc)}
    except SummarizerError as exc:  # anything else the package raises on purpose
        return {"story_id": story_id, "status": "failed", "error": str(exc)}
    needs_review = bool(summary.meta.dropped)  # something the model said could not be verified
    return {
        "story_id": story_id,
        "status": "needs_review" if needs_review else "ok",
        "summary": summary.model_dump(mode="json"),
    }


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "articles" / "muc4_dev_0644.txt")
    result = on_article_saved(path.stem, path.read_text(encoding="utf-8"))
    print(json.dumps(result, indent=2, ensure_ascii=False))
