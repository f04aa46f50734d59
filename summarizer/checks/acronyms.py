"""The full name of a body the article names by its initials, as the article spells it out.

Articles define an acronym once ("The Southern African Development Community (SADC) has said ...") and
use it afterwards; the model then gives "SADC" as the party. Readers abroad may not know the
initials, and a party is easier to check against its full name: a party that is only an acronym the
article defines becomes the article's own words for it, "Southern African Development Community
(SADC)". Tests: tests/test_acronyms.py.
"""

from __future__ import annotations

import re

from summarizer.pipeline.article import Article

# Up to eight words, then initials in brackets: "Southern African Development Community (SADC)".
_DEFINED = re.compile(r"((?:[\w'’-]+\s+){1,8})\(([A-Z][A-Za-z]{1,9})\)")
# Words a name holds that its initials skip ("Union of South American Nations", "Parti de gauche").
_SKIPPED = {"of", "for", "and", "on", "the", "in", "de", "du", "des", "la", "le", "pour", "et", "d"}


def _spelled_out(words: list[str], acronym: str) -> str | None:
    """The last words of ``words`` whose initials are ``acronym``, or None."""
    for count in range(1, len(words) + 1):
        tail = words[-count:]
        if tail[0].lower() in _SKIPPED or not tail[0][0].isupper():
            continue
        initials = "".join(w[0] for w in tail if w.lower() not in _SKIPPED)
        if initials.upper() == acronym.upper():
            return " ".join(tail)
    return None


def full_name(party: str, article: Article) -> str | None:
    """``party`` as the article spells it out with its initials ("Southern African Development Community
    (SADC)"), when ``party`` is only initials ("SADC", "the SADC") that the article defines; else None."""
    acronym = re.sub(r"^(?:the|la|le|l')\s*", "", party.strip(), flags=re.IGNORECASE)
    if not re.fullmatch(r"[A-Z][A-Za-z]{1,9}", acronym) or sum(c.isupper() for c in acronym) < 2:
        return None
    for match in _DEFINED.finditer(article.text):
        if match[2] == acronym and (long := _spelled_out(match[1].split(), acronym)):
            return f"{long} ({acronym})"
    return None
