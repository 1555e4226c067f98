"""Arabic words found with or without their attached prefixes (proclitics): the
conjunctions و and ف, the prepositions ب, ك and ل, and the article ال, alone or
combined (والميزانية, بالميزانية, للميزانية, الميزانية all hold ميزانية).

PostgreSQL's text search splits a subject into whole words, so "ميزانية" would not find
"بالميزانية". The register indexes each subject with, beside its words, the same words
stripped of their prefixes (``search_text_sql``: migrations 0014 and 0015 index exactly this
expression), and a searched word matches any of its own stripped forms
(``word_forms``). A stripped form keeps at least three letters, so short words are
left alone; a word that only looks prefixed (بلدية) gains one more form, never loses
its own, so nothing that matched before is missed."""

from __future__ import annotations

import re

from django.db.models import Func, TextField

MIN_STEM = 3
# Each pattern removes one kind of prefix: the article with what may precede it; ل with
# the article (لل, whose alif is dropped); a preposition; a conjunction.
PREFIXES = ("[وف]?[بك]?ال", "[وف]?لل", "[وف]?[بكل]", "[وف]")


def word_forms(word: str) -> set[str]:
    """``word`` and each form of it without an attached prefix."""
    forms = {word}
    for prefix in PREFIXES:
        match = re.match(prefix, word)
        if match and match.end() and len(word) - match.end() >= MIN_STEM:
            forms.add(word[match.end():])
    return forms


def search_text_sql(column: str) -> str:
    """The text the register's index holds for ``column``: its words, then the same
    words stripped of each kind of prefix (PostgreSQL's regexp_replace, ARE syntax)."""
    text = f"COALESCE({column}, '')"
    variants = [
        f"regexp_replace({text}, '(^|\\s){prefix}(\\S{{{MIN_STEM},}})', '\\1\\2', 'g')"
        for prefix in PREFIXES
    ]
    return " || ' ' || ".join([text, *variants])


class SearchText(Func):
    """``search_text_sql`` as an expression, for ``SearchVector`` (PostgreSQL only)."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        return search_text_sql(column), params
