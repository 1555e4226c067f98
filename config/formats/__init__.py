"""The project's date formats (``FORMAT_MODULE_PATH``), read before Django's own.

Morocco writes dates day first, in every language: Django's Arabic and English formats
read ``01/12/2026`` month first (12 January), and the admin's Holiday table, which moves
every deadline, is edited through them. Here every language accepts only what cannot be
misread: ``dd/mm/yyyy`` (the first, which the admin's widgets and calendar write) and
ISO ``yyyy-mm-dd`` (which Django adds to every list, and which ``<input type="date">``
sends). No month-first form, no two-digit year.

The lists below are also the settings' (config/settings.py), which Django reads for a
language whose own formats have none: Arabic. French and English have their own, which
the modules ``fr`` and ``en`` replace with these."""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 01/12/2026
    "%Y-%m-%d",  # 2026-12-01
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S.%f",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",  # added by Django to a language's list, written here for the fallback
]
