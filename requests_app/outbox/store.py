"""The one way notifications are written: ``owe()`` turns a query that names the
recipients into rows, with INSERT ... SELECT, so that a batch of a thousand requests
costs one statement and no row becomes a Python object. A row that exists already
(the unique key) is skipped: owing the same message twice writes it once."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.db.models import BooleanField, DateField, Expression, QuerySet, Value
from django.utils import timezone

from .models import Notification

_TABLE = Notification._meta.db_table


def owe(recipients: QuerySet, *, subject: str, kind: str, date_concerned: date | Expression,
        digest: bool | Expression = False) -> list[int]:
    """Write one notification of ``kind`` about ``subject`` per row of ``recipients``, a
    ``values()`` query with the names ``subject_id``, ``recipient`` (the e-mail
    address) and ``recipient_language``, about ``date_concerned`` (a date, or an
    expression over the rows such as ``F("due_date")``). Rows without an address are
    skipped. ``digest`` (a boolean, or an expression over the rows such as the
    recipient's choice) holds a row for the recipient's daily digest instead of sending
    it at once (``sender.send_digests``). Returns the ids of the rows written (not of
    those that existed already).

    Runs in the caller's transaction: the message is owed if and only if the act that
    owes it is committed."""
    if isinstance(date_concerned, date):
        date_concerned = Value(date_concerned, output_field=DateField())
    if isinstance(digest, bool):
        digest = Value(digest, output_field=BooleanField())
    recipients = recipients.annotate(date_concerned=date_concerned, held=digest).order_by()  # a set
    query, params = recipients.query.sql_with_params()
    sql = (
        f"INSERT INTO {_TABLE} (subject_id, recipient, language, due_date, subject_type, kind, "
        "digest, created_at, attempts) "
        "SELECT owed.subject_id, owed.recipient, owed.recipient_language, owed.date_concerned, "
        "%s, %s, owed.held, %s, 0 "
        f"FROM ({query}) AS owed "
        "WHERE owed.recipient IS NOT NULL AND owed.recipient <> '' "
        "ON CONFLICT DO NOTHING RETURNING id"
    )
    with connection.cursor() as cursor:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        cursor.execute(sql, [subject, kind, now, *params])
        return [row[0] for row in cursor.fetchall()]
