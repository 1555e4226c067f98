"""The outbox: every e-mail the system owes someone is first a ``Notification`` row,
written in the same transaction as the act it announces, then sent once by one sender.

- ``models``: ``Notification``, unique by (subject, kind, date concerned, recipient);
- ``registry``: what a notification can be about (a request, a message, later a
  complaint), how to load it and how its e-mail reads;
- ``store``: ``owe()``, the one way rows are written (INSERT ... SELECT, set-based);
- ``sender``: ``send_notifications()``, each row claimed, sent, marked: exactly once;
- ``clocks``: the registered deadlines that beat sweeps (reminders, warnings, expiry).

It knows nothing of requests: the request registers its subjects and clocks at start-up
(``requests_app.notices``, ``requests_app.clocks``), and so will the complaints.
"""
