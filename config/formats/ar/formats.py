"""Arabic: day first (see ``config.formats``); the display formats stay Django's."""

from config.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS"]
