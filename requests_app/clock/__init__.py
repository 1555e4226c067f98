"""The legal clock: the law as data (periods, holidays, the art. 7 and art. 18
catalogues) and the working-day calendar. It knows nothing of requests or complaints:
they count their periods with it (DESIGN.md, "The legal clock").

- ``calendar``: ``is_working_day``, ``add_working_days``, ``working_days_between``;
- ``periods``: a period of the law counted from a date, and explained;
- ``models``: ``LegalRule``, ``Holiday``, ``Exemption``, ``RefusalGround``;
- ``signals``: ``calendar_changed``, sent when a holiday or a legal rule changes.
"""
