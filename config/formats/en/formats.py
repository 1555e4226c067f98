"""English as written in Morocco: day first, in input and in short display (see
``config.formats``); the long display ("Dec. 1, 2026") names the month and stays."""

from config.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y P"

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"]
