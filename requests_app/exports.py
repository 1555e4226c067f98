"""CSV that is safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
spreadsheet programs as a formula (CSV injection: ``=HYPERLINK(...)``, ``@SUM(...)``,
``=cmd|' /C calc'!A0``). Every CSV the application writes goes through ``csv_writer``,
which prefixes such a cell with an apostrophe (the OWASP rule), so text a requester
typed is shown, never run.
"""

from __future__ import annotations

import csv

__all__ = ["FORMULA_PREFIXES", "csv_writer", "safe_cell"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> object:
    """``value`` as a spreadsheet will show it and not evaluate it."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _SafeWriter:
    """A ``csv.writer`` whose every cell passes through ``safe_cell``."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **kwargs) -> _SafeWriter:
    """The one way to write a CSV here: ``csv.writer`` with formula cells neutralised."""
    return _SafeWriter(stream, **kwargs)
