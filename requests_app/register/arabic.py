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


# -- normalised text, for finding published records before filing (``requests_app.suggestions``) --

# What an Arabic writer may or may not type and still mean the same word: hamza and madda
# on the alef, the alef maksura for the ya, the ta marbuta for the ha, the tatweel that
# only stretches a word, the short vowels and the shadda; Arabic-Indic digits.
_ARABIC_FROM = "أإآٱىة٠١٢٣٤٥٦٧٨٩"
_ARABIC_TO = "ااااي" + "ه" + "0123456789"
_ARABIC_DROPPED = "ـ" + "".join(chr(code) for code in range(0x064B, 0x0656)) + "\u0670"
_ARABIC_TABLE = str.maketrans(_ARABIC_FROM, _ARABIC_TO, _ARABIC_DROPPED)


def normalise(text: str) -> str:
    """``text`` lower-cased, Latin letters without their accents (é → e) and Arabic
    letters in one spelling (above). ``normalised_sql`` is the same in PostgreSQL."""
    import unicodedata

    text = (text or "").translate(_ARABIC_TABLE)
    # Only Latin letters are decomposed: an Arabic letter's hamza is kept (ؤ, ئ).
    unaccented = "".join(
        "".join(part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part))
        if char < "\u0600" else char
        for char in text)
    # Ligatures PostgreSQL's unaccent spells out (œ → oe), spelled out here too.
    return unaccented.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")


def normalised_sql(column: str) -> str:
    """``normalise`` in PostgreSQL (the unaccent extension, migration requests_app 0020):
    translate() maps each letter of its second argument to the same place in the third,
    and drops those beyond it."""
    return (f"translate(lower(unaccent(COALESCE({column}, ''))), "
            f"'{_ARABIC_FROM}{_ARABIC_DROPPED}', '{_ARABIC_TO}')")
