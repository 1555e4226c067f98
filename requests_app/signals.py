"""What happens to a request, announced by the services once it has happened (inside
their transaction, so a receiver's writes commit or roll back with the act).

The outbox's mails (``notices``) listen to them, and so will the apps above: a request
decided opens the complaint window (appeals), a request granted may become a dataset
(proactive). A service never calls those apps, nor the mail code: it sends one of these.

Each is sent with ``sender=InformationRequest`` (``Message`` for ``message_sent``)."""

from django.dispatch import Signal

# information_request, actor
request_received = Signal()
request_examined = Signal()
request_extended = Signal()
request_withdrawn = Signal()
# art. 17 no longer applies: the ordinary period runs
request_reclassified = Signal()
# information_request, consultation, actor
third_party_consulted = Signal()
# information_request, consultation, actor (who recorded the answer)
third_party_answered = Signal()
# information_request, decision, actor
request_decided = Signal()
# information_request, overturned (the decision no longer in force, or None), actor: an
# upheld complaint to the head of the body reopened it (art. 19).
request_reopened = Signal()
# ids (of the requests the clock has just moved to overdue), moved_at; sent once per batch
requests_overdue = Signal()
# information_request, old_due_date, reason (a DeadlineChange.Reason), detail
due_date_recomputed = Signal()
# message, actor
message_sent = Signal()
# A document was added for a coming decision; its public copy is still to be prepared
# (kwargs: document_id). The receiver hands it to a worker once the act commits.
document_added = Signal()
