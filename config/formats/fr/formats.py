"""French: day first as Django has it, without its two-digit year (see ``config.formats``)."""

from config.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS"]
