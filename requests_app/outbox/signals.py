"""What the outbox announces, for the apps whose notifications it sends: it knows
nothing of what a row is about, and they learn what became of their rows here.

``notification_sent``: sender=Notification, notification (the row, just marked sent),
sent_at. Sent after the e-mail left and the row was marked, outside any transaction;
a receiver's failure is logged and does not stop the sender."""

from django.dispatch import Signal

notification_sent = Signal()
