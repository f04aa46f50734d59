"""Names the article writes that neither the model's stakeholders nor its other lists give.

The model lists a few of the actors an article names (on the Wikinews dev records, about half of the
gold's even with the parties its other lists name). Each run of capitalized words that the article
writes inside a sentence (a word capitalized only where a sentence starts is no name), that is not a
function word, a count ("Three"), a nationality or "Western" alone, or a short unit, that is not on a
line of the page's labels ("Topics: ..."), and that the article does not write only as a place,
is added as a stakeholder with ``found_by="names"`` and kind ``other``: a reader can tell it from what
the model listed, and filter it out. A short capitalized word written only after a clock time ("10:00
UTC") is a time zone, not added. A newspaper the article cites ("told the Northern Ledger") is kept: the
gold counts such outlets as actors. Only in languages whose nouns are not all capitalized (a German noun
is no name) and not in wire copy printed in capitals.
Tests: tests/test_named_parties.py.
"""

from __future__ import annotations

import re

from text_to_num import text2num

from summarizer.checks.named_parties import NATIONALITY, capitalized_inside_sentences
from summarizer.checks.stakeholders import head_word
from summarizer.checks.verify import a_numbered_thing, only_a_place
from summarizer.pipeline.article import Article
from summarizer.schema import Alignment, Span, Stakeholder, StakeholderKind

# A run of capitalized words, with the small words names hold ("Bank of England", "Parti des Frères").
_CAPITALIZED_RUN = re.compile(
    r"\b[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:(?:of|the|for|and|de|du|des|la|le|del|y)\s+)?[A-ZÀ-Ý][\w'’.-]*)*"
)
# Words that start names' runs but are none: function words, days and months (en, fr, es), and titles
# written in capitals ("with the POTUS pushing", "CEO of Tesco"): an office, named again by its holder.
_NOT_NAME_TEXT = """
    a an the this that these those it he she they we i his her their its our my your you so no all some any
    on in at by for from with to of into over under about
    both each every other another despite although though however if when while after before since until during
    according also but and or not yes mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december le la les l un une
    des de du et ou mais il elle ils elles nous vous je ce cette ces selon lundi mardi mercredi jeudi vendredi
    samedi dimanche janvier février mars avril mai juin juillet août septembre octobre novembre décembre el los
    las una unos unas y o pero lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril
    mayo junio julio agosto septiembre octubre noviembre diciembre
    as like unlike today yesterday tomorrow tonight now then there here what why how where who which
    mon ma mes son sa ses notre votre leur leurs comme quand hier demain hoy ayer como cuando
    potus flotus vpotus ceo
"""
_NOT_NAMES = frozenset(_NOT_NAME_TEXT.split())
# A line of the page's labels, not of the story: "Topics: Vladimir Putin, Politics, World News".
_LABEL_LINE = re.compile(
    r"^\W*(?:topics|tags|related(?: topics)?|read more|more on|see also|sujets|thèmes|mots-clés|temas|etiquetas)\s*:",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s$")
_CLOCK_BEFORE = re.compile(r"\d(?:\s*[ap]\.?\s?m\.?)?\s*\(?\s*$", re.IGNORECASE)  # "10:00 UTC", "7 p.m. (EST)"
MAX_WORDS = 5


def _a_number_word(word: str, language: str) -> bool:
    """Whether ``word`` is a number written in words ("Three Russian sources"), as text2num reads them."""
    try:
        text2num(word.lower(), language)
    except (ValueError, NotImplementedError, KeyError):
        return False
    return True


def _runs(article: Article) -> list[tuple[str, int]]:
    """Each capitalized run of each sentence, without leading non-names and number words, with its
    sentence number; none from a line of the page's labels ("Topics: ...")."""
    runs = []
    for sentence in article.sentences:
        if sentence.number in article.addressed_to_ai or _LABEL_LINE.match(sentence.text):
            continue
        for match in _CAPITALIZED_RUN.finditer(sentence.text):
            words = match.group(0).strip(" .'’").split()
            words[-1] = _POSSESSIVE.sub("", words[-1])  # "Sergei Lavrov's proposal": the name is Lavrov's
            while words and (words[0].lower().strip(".'’") in _NOT_NAMES or _a_number_word(words[0], article.language)):
                words = words[1:]
            letters = [_POSSESSIVE.sub("", w) for w in words if w.lower() not in _NOT_NAMES]
            if words and not all(len(letter) == 1 for letter in letters):  # "T's and C's" names no one
                runs.append((" ".join(words), sentence.number))
    return runs


def _only_a_time_zone(name: str, text: str) -> bool:
    """Whether ``name`` is a short capitalized word that ``text`` writes only after a clock time ("10:00 UTC").

    Tests: tests/test_named_parties.py::test_a_time_zone_or_the_opening_of_a_quote_is_no_name
    """
    if not (name.isupper() and len(name) <= 5):
        return False
    before = [text[max(0, m.start() - 40) : m.start()] for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    return bool(before) and all(_CLOCK_BEFORE.search(b) for b in before)


def names_in_article(article: Article) -> list[Stakeholder]:
    """A stakeholder (``found_by="names"``) for each name the article writes (see the module docstring)."""
    letters = [c for c in article.text if c.isalpha()]
    if article.pack is None or article.pack.capitalizes_nouns or sum(map(str.isupper, letters)) > len(letters) / 2:
        return []  # no sign of a name: every noun, or every word (wire copy in capitals), is capitalized
    inside = capitalized_inside_sentences(article)
    found: dict[str, tuple[str, int]] = {}
    for name, number in _runs(article):
        words = name.split()
        single = len(words) == 1
        if (
            len(words) > MAX_WORDS
            or not any(word in inside for word in words)
            or (single and (NATIONALITY.match(name) or (name.isupper() and len(name) <= 2)))
        ):
            continue
        key = head_word(name)
        if key is None:
            continue
        if key not in found or len(name) > len(found[key][0]):  # the fullest way the article writes it
            found[key] = (name, found.get(key, (name, number))[1])
    stakeholders = []
    for name, number in found.values():
        sentence = article.sentence(number)
        if (
            sentence is None
            or only_a_place(name, article)
            or _only_a_time_zone(name, article.text)
            or a_numbered_thing(name, article.pack)
        ):
            continue
        start = article.offset + sentence.start
        stakeholders.append(
            Stakeholder(
                name=name,
                kind=StakeholderKind.other,
                found_by="names",
                evidence=sentence.text,
                evidence_span=Span(start=start, end=start + len(sentence.text)),
                alignment=Alignment.exact,
            )
        )
    return stakeholders
