"""Every letter an app can produce, by the record it is about and its name: the pages
that offer a letter for download and the e-mails that carry one find it here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Letter", "LetterNotAvailable", "letter", "register_letter"]


class LetterNotAvailable(ValueError):
    """The record has no such letter (yet): a request not received has no receipt."""


@dataclass(frozen=True)
class Letter:
    subject: str  # what it is about, as in the outbox: "request", later "complaint"
    name: str  # its name in addresses: /letters/<name>.pdf
    filename: str  # the file's name before "-<reference>.pdf"
    build: Callable[[Any], bytes]  # the PDF, or LetterNotAvailable

    def file_name(self, reference: str) -> str:
        return f"{self.filename}-{reference}.pdf"


LETTERS: dict[tuple[str, str], Letter] = {}


def register_letter(letter: Letter) -> Letter:
    LETTERS[letter.subject, letter.name] = letter
    return letter


def letter(subject: str, name: str) -> Letter:
    try:
        return LETTERS[subject, name]
    except KeyError:
        raise LookupError(f"No letter {name!r} about a {subject!r}.") from None
