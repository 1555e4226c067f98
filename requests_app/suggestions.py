"""Find before asking (issue 13): while a citizen writes a request, what is already
public and may answer it is suggested, best first. The register of answered requests is
this app's own source; the higher apps register theirs (the proactive register's
entries, the open-data portal's datasets) with ``register_suggestion_source``.

Every source finds its records with ``find_similar``: on PostgreSQL, its text search on
the records' words in one spelling (``arabic.normalise``: accents, the alef's hamza,
the ta marbuta...) and without their attached Arabic prefixes (``arabic.word_forms``),
ranked by the share of the citizen's words found, plus the trigram similarity of the
titles (pg_trgm); elsewhere (SQLite), a plain match of each word's shortest form, ranked
by the share of words found. Only public fields are read and returned, never a
requester's identity."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .register.arabic import normalise, normalised_sql, search_text_sql, word_forms

# At most this many of the citizen's words are searched for: the subject's first.
MAX_WORDS = 12
MIN_WORD = 2
# A record addressed to the body the citizen writes to ranks above an equal one elsewhere.
SAME_BODY_BONUS = 0.15
# The share of a title's trigrams the citizen's text must share to be found by it alone.
TRIGRAM_THRESHOLD = 0.3
# SQLite reads at most this many candidates per source before ranking them.
CANDIDATES = 200

# Words that say nothing of what is sought (as ``normalise`` spells them).
STOPWORDS = frozenset("""
le la les de des du un une et en au aux pour par sur dans ou que qui quoi est sont je nous vous il
elle ce cet cette ces mon ma mes son sa ses leur leurs avec sans pas ne plus tout tous toute toutes
demande demander souhaite voudrais obtenir copie
the of and or to in on for a an is are be by with from about i we you my our this that these
في من على الى عن ان او ما لا هذا هذه ذلك تلك التي الذي الذين كل مع بين او ثم قد هو هي
اريد اطلب طلب الحصول نسخه ال لل
""".split())


@dataclass(frozen=True)
class Suggestion:
    """One public record that may already answer the request, with its public fields
    only: what kind of record (``kind``, and ``label`` in the page's language), its title,
    its address, the body that holds it, how well it matches (``score``) and a short
    extract (``snippet``)."""

    kind: str
    label: str
    title: str
    url: str
    body: str
    score: float
    snippet: str = ""
    body_code: str = ""

    def as_json(self) -> dict:
        data = asdict(self)
        data["score"] = round(self.score, 3)
        return data


# (the request's subject, the information sought or None, language, limit) -> suggestions,
# best first.
Source = Callable[[str, object, str, int], list[Suggestion]]
SUGGESTION_SOURCES: dict[str, Source] = {}


def register_suggestion_source(name: str, source: Source) -> Source:
    SUGGESTION_SOURCES[name] = source
    return source


# -- the citizen's words --------------------------------------------------------------------


def search_words(text: str) -> list[list[str]]:
    """The citizen's words worth searching, each as its forms (with and without an
    attached Arabic prefix), in one spelling, in the order written, at most ``MAX_WORDS``."""
    words: list[str] = []
    for word in re.findall(r"\w+", normalise(text)):
        word = word.strip("_")
        if len(word) >= MIN_WORD and word not in STOPWORDS and word not in words:
            words.append(word)
        if len(words) == MAX_WORDS:
            break
    return [sorted(word_forms(word)) for word in words]


def text_of(subject: str, body_text: str | None) -> str:
    return " ".join(part for part in (subject, body_text or "") if part)


# -- finding records ----------------------------------------------------------------------


def find_similar(queryset: QuerySet, *, titles: tuple[str, ...], texts: tuple[str, ...] = (),
                 text: str, limit: int) -> list[tuple[object, float]]:
    """The records of ``queryset`` most like ``text``, best first, with their score:
    ``titles`` and ``texts`` are the columns searched (the titles also by trigrams).
    Two queries on PostgreSQL, one elsewhere."""
    words = search_words(text)
    if not words or limit <= 0:
        return []
    if connection.vendor == "postgresql":
        return _postgresql(queryset, titles, texts, text, words, limit)
    return _plain(queryset, titles, texts, words, limit)


def _tsquery(forms: list[str]) -> str:
    # The words hold only letters and digits (``\w``), quoted for to_tsquery.
    return " | ".join(f"'{form}'" for form in forms)


def _postgresql(queryset, titles, texts, text, words, limit):
    model = queryset.model
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)

    def columns(names):
        return " || ' ' || ".join(
            f"COALESCE({table}.{quote(model._meta.get_field(name).column)}, '')" for name in names)

    title_sql = normalised_sql(columns(titles))
    all_sql = normalised_sql(columns((*titles, *texts)))
    base_sql, base_params = queryset.values("pk").query.sql_with_params()
    found = " + ".join(["(CASE WHEN c.v @@ to_tsquery('simple', %s) THEN 1 ELSE 0 END)"] * len(words))
    sql = (
        f"WITH c AS (SELECT {table}.{quote(model._meta.pk.column)} AS id, "
        f"to_tsvector('simple', {search_text_sql(all_sql)}) AS v, {title_sql} AS t "
        f"FROM {table} WHERE {table}.{quote(model._meta.pk.column)} IN ({base_sql})) "
        f"SELECT id, ({found})::float / %s + similarity(c.t, %s) AS score FROM c "
        f"WHERE c.v @@ to_tsquery('simple', %s) OR similarity(c.t, %s) >= %s "
        f"ORDER BY score DESC, id DESC LIMIT %s"
    )
    normalised = normalise(text)
    params = [*base_params, *(_tsquery(forms) for forms in words), len(words), normalised,
              _tsquery([form for forms in words for form in forms]), normalised, TRIGRAM_THRESHOLD, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        scores = dict(cursor.fetchall())
    records = queryset.in_bulk(list(scores))
    return [(records[pk], score) for pk, score in scores.items() if pk in records]


# Each letter of a normalised word, as the letters it stands for (``arabic.normalise``),
# for the plain match: "ميزانيه" finds "الميزانيّة", "marches" finds "Marchés".
_LOOSE = {"ا": "اأإآٱ", "ي": "يى", "ه": "هة", "a": "aàâäá", "e": "eéèêë", "i": "iîïí", "o": "oôöó",
          "u": "uùûüú", "c": "cç", "y": "yÿ", "n": "nñ",
          **{digit: digit + arabic for digit, arabic in zip("0123456789", "٠١٢٣٤٥٦٧٨٩", strict=True)}}
# Between two letters, the short vowels, shadda and tatweel a writer may have added.
_MARKS = "[\u064b-\u0655\u0670\u0640]*"


def loose_pattern(word: str) -> str:
    return _MARKS.join(f"[{_LOOSE[char]}]" if char in _LOOSE else re.escape(char) for char in word)


def _plain(queryset, titles, texts, words, limit):
    """SQLite: candidates holding any word's shortest form (in any of its spellings),
    then ranked here, on the words in one spelling."""
    names = (*titles, *texts)
    condition = Q()
    for forms in words:
        pattern = loose_pattern(min(forms, key=len))
        for name in names:
            condition |= Q(**{f"{name}__iregex": pattern})
    ranked = []
    for record in queryset.filter(condition)[:CANDIDATES]:
        title_words = _forms_in(" ".join(getattr(record, name) or "" for name in titles))
        all_words = title_words | _forms_in(" ".join(getattr(record, name) or "" for name in texts))
        found = sum(1 for forms in words if all_words.intersection(forms))
        in_title = sum(1 for forms in words if title_words.intersection(forms))
        if found:
            ranked.append((record, found / len(words) + in_title / len(words) / 2))
    ranked.sort(key=lambda item: (-item[1], -item[0].pk))
    return ranked[:limit]


def _forms_in(text: str) -> set[str]:
    return {form for word in re.findall(r"\w+", normalise(text)) for form in word_forms(word)}


# -- all sources together ------------------------------------------------------------------


def suggest(subject: str, body_text: str | None = None, *, body=None, language: str | None = None,
            limit: int = 8) -> list[Suggestion]:
    """What every registered source finds for the request being written, best first:
    records of ``body`` first at equal relevance, each address once."""
    # A NUL byte cannot reach PostgreSQL: it never means anything in a request's text.
    subject = (subject or "").replace("\x00", "")
    body_text = body_text.replace("\x00", "") if body_text else body_text
    text = text_of(subject, body_text)
    if not search_words(text):
        return []
    language = (language or translation.get_language() or "ar")[:2]
    found: list[Suggestion] = []
    with translation.override(language):
        for source in SUGGESTION_SOURCES.values():
            found += source(subject, body_text, language, limit)
    code = getattr(body, "code", None)

    def rank(item: Suggestion) -> tuple:
        bonus = SAME_BODY_BONUS if code and item.body_code == code else 0
        return (-(item.score + bonus), item.title)

    result, seen = [], set()
    for item in sorted(found, key=rank):
        if item.url not in seen:
            seen.add(item.url)
            result.append(item)
    return result[:limit]


# -- this app's source: answered requests on the public register -------------------------------


def answered_requests(subject: str, body_text: str | None, language: str, limit: int) -> list[Suggestion]:
    """Requests on the public register that have been answered, by their public subject
    (as the body masked it), never the requester's identity."""
    from .register.selectors import public_requests

    requests = public_requests(with_decision=True).filter(decision__isnull=False)
    found = find_similar(requests, titles=("public_subject",), text=text_of(subject, body_text), limit=limit)
    return [Suggestion(
        kind="request", label=_("Request already answered"), title=item.public_subject,
        url=reverse("register:entry", args=[item.reference]), body=item.body.name,
        body_code=item.body.code, score=score,
        snippet=_("%(outcome)s, request %(reference)s") % {
            "outcome": item.decision.get_outcome_display(), "reference": item.reference},
    ) for item, score in found]


register_suggestion_source("answered_requests", answered_requests)
