"""The day a person received an answer (``models.AnswerReceipt``), recorded one way for
every answer that opens a remedy: the body's decision (art. 19), and next the head's
answer to a complaint (art. 20) and the Commission's (art. 21).

- ``record_seen``: the person opened the answer on the portal: the first day counts,
  and later views change nothing;
- the outbox's ``notification_sent``: the e-mail that carries an answer left on that
  day (an answer's mail is named in ``MAILED_ANSWERS`` by the app that owns it);
- ``record_by_officer``: delivered by post or at the counter, the officer enters the
  day, with the acknowledgement of receipt.

The first that is known is the receipt: a window counts from the day the person had the
answer in hand, and a later channel does not move it. An officer's own entry may be
corrected (history keeps the former one)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import RECEIVED_VIA_OFFICER, AnswerReceipt, ReceivedVia
from .outbox.signals import notification_sent
from .uploads import check_upload, server_named

FIELDS = ["received_on", "received_via", "receipt_proof", "receipt_proof_name", "receipt_recorded_by",
          "receipt_recorded_at"]


def _locked(answer: AnswerReceipt) -> AnswerReceipt:
    return type(answer).objects.select_for_update().get(pk=answer.pk)


def _save(answer: AnswerReceipt, *, on: date, via: str, actor, proof=None) -> None:
    answer.received_on, answer.received_via = on, via
    answer.receipt_recorded_by, answer.receipt_recorded_at = actor, timezone.now()
    answer._history_user = actor
    answer._change_reason = f"receipt of the answer recorded ({via})"
    fields = [name for name in FIELDS if name not in ("receipt_proof", "receipt_proof_name")]
    if proof is not None:  # checked (``check_officer_receipt``): stored under the server's name
        answer.receipt_proof.save(server_named(proof).name, proof, save=False)
        answer.receipt_proof_name = proof.name[:255]
        fields += ["receipt_proof", "receipt_proof_name"]
    try:
        answer.save(update_fields=fields)
    except Exception:
        if proof is not None:  # nothing half-saved: no file without its row
            answer.receipt_proof.storage.delete(answer.receipt_proof.name)
        raise


@transaction.atomic
def record_once(answer: AnswerReceipt, *, on: date, via: str, actor=None) -> bool:
    """The system's record (portal, e-mail): the receipt, unless one is known already.
    Returns whether it was recorded."""
    answer = _locked(answer)
    if answer.is_received or on < answer.answered_on:
        return False
    _save(answer, on=on, via=via, actor=actor)
    return True


def record_seen(answer: AnswerReceipt, *, actor) -> bool:
    """The person opened the answer on the portal today (the caller checked it is
    theirs)."""
    if answer.is_received:  # the usual case: nothing to lock
        return False
    return record_once(answer, on=timezone.localdate(), via=ReceivedVia.PORTAL, actor=actor)


def check_officer_receipt(answer: AnswerReceipt, *, on: date | None, via: str, proof) -> None:
    """Why an officer's entry of the receipt cannot be recorded, as a ValidationError
    by field; nothing if it can."""
    errors = {}
    if via not in RECEIVED_VIA_OFFICER:
        errors["via"] = _("Choose post or counter: the portal and e-mail are recorded by themselves.")
    if on is None:
        errors["received_on"] = _("Enter the date the requester received the answer.")
    elif on > timezone.localdate():
        errors["received_on"] = _("The date of receipt cannot be in the future.")
    elif on < answer.answered_on:
        errors["received_on"] = _(
            "The answer cannot have been received before it was given, on %(date)s.") % {
            "date": date_format(answer.answered_on, "SHORT_DATE_FORMAT")}
    if not proof:
        errors["proof"] = _("Attach the acknowledgement of receipt (signed receipt or postal "
                            "acknowledgement).")
    else:
        try:
            check_upload(proof)
        except ValidationError as exc:
            errors["proof"] = exc.messages
    if answer.is_received and not answer.receipt_recorded_by_officer:
        errors["received_on"] = _(
            "The requester already received the answer on %(date)s (%(via)s): the period "
            "counts from that day.") % {"date": date_format(answer.received_on, "SHORT_DATE_FORMAT"),
                                        "via": answer.get_received_via_display()}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_by_officer(answer: AnswerReceipt, *, on: date, via: str, proof, actor) -> AnswerReceipt:
    """Delivery by post or at the counter: the day the officer enters, with the
    acknowledgement (stored privately). The caller checked the officer's permission."""
    answer = _locked(answer)
    check_officer_receipt(answer, on=on, via=via, proof=proof)
    _save(answer, on=on, via=via, actor=actor, proof=proof)
    return answer


# -- answers that leave by e-mail ----------------------------------------------------------

# (outbox subject, notification kind) -> the answer that mail carries, from the row's
# subject id (None if there is none). Filled by the app that owns the answer.
MAILED_ANSWERS: dict[tuple[str, str], Callable[[int], AnswerReceipt | None]] = {}


def answer_mailed_as(subject: str, kind: str):
    """Register the loader of the answer that a notification ``kind`` about ``subject``
    carries: once such a mail has left, the answer is received that day."""
    def register(load):
        MAILED_ANSWERS[(subject, kind)] = load
        return load
    return register


@receiver(notification_sent)
def _mailed(sender, notification, sent_at, **kwargs):
    load = MAILED_ANSWERS.get((notification.subject_type, notification.kind))
    answer = load(notification.subject_id) if load else None
    if answer is not None:
        record_once(answer, on=timezone.localdate(sent_at), via=ReceivedVia.EMAIL)
