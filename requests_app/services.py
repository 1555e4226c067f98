"""The only place that changes requests. Each service runs in one transaction, locks
the request row (``select_for_update``), checks the transition's permission and guard,
records actor, time, old and new state, and announces what happened with a signal of
``signals`` (the outbox's mails and the apps above listen; no service sends mail)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from accounts.identity import normalize_id_number
from accounts.models import Designation, PublicBody
from accounts.permissions import HANDLE_REQUESTS, has_body_permission

from . import deadlines, publications, receipts, signals
from .clock import calendar, periods
from .models import (
    OPEN_STATES,
    Attachment,
    DeadlineChange,
    Decision,
    DecisionDocument,
    DecisionGround,
    Exemption,
    ExemptionCitation,
    InformationRequest,
    InternalNote,
    Message,
    PreparedDocument,
    ReferenceSequence,
    RefusalGround,
    RequestState,
    ResponseTemplate,
    StateChange,
    ThirdPartyConsultation,
    WrittenWithdrawal,
)
from .permissions import can_handle, is_requester
from .uploads import check_upload

# ---------------------------------------------------------------------------------
# references
# ---------------------------------------------------------------------------------

# No 0/O, 1/I/L: the code is read off paper and typed.
_CLAIM_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_claim_code() -> str:
    return "".join(secrets.choice(_CLAIM_ALPHABET) for _ in range(8))


def reserve_references(year: int, count: int = 1) -> list[str]:
    """Hand out ``count`` consecutive references for ``year`` (e.g. 2026-000123)."""
    with transaction.atomic():
        ReferenceSequence.objects.get_or_create(year=year)
        sequence = ReferenceSequence.objects.select_for_update().get(year=year)
        first = sequence.last + 1
        sequence.last += count
        sequence.save(update_fields=["last"])
    return [f"{year}-{number:06d}" for number in range(first, first + count)]


# ---------------------------------------------------------------------------------
# transitions
# ---------------------------------------------------------------------------------


def _lock(information_request: InformationRequest) -> InformationRequest:
    return (
        InformationRequest.objects.select_for_update()
        .select_related("body")
        .get(pk=information_request.pk)
    )


def _refuse_state(information_request: InformationRequest):
    if information_request.is_decided:
        raise ValidationError(_("This request has already been decided."))
    raise ValidationError(
        _("This action is not possible while the request is “%(state)s”.")
        % {"state": information_request.get_state_display()}
    )


def _run(information_request: InformationRequest, name: str, actor, *, note: str = "",
         then=None) -> None:
    """Run transition ``name`` on a locked request, apply ``then`` (the facts that go
    with it), save and record who did it."""
    method = getattr(information_request, name)
    if not can_proceed(method, check_conditions=False):
        _refuse_state(information_request)
    permitted = method._django_fsm.has_transition_perm(information_request, information_request.state,
                                                       actor)
    if actor is None or not permitted:
        raise PermissionDenied(_("You are not allowed to do this on this request."))
    if not can_proceed(method):
        raise ValidationError(_("The conditions for this action are not met."))
    change = StateChange(request=information_request, transition=name,
                         from_state=information_request.state, actor=actor, note=note)
    method(by=actor)
    if then is not None:
        then()
    change.to_state = information_request.state
    change.full_clean(exclude=["request", "actor"])
    information_request._history_user = actor
    try:
        information_request.save()
    except ConcurrentTransition as exc:
        raise ValidationError(_("This request was changed by someone else meanwhile.")) from exc
    change.save()


def set_due_date(information_request: InformationRequest, reason: str, *, actor=None,
                 detail: str = "") -> bool:
    """Give the request the due date that ``deadlines.due_date`` counts for it now, and
    record the old date, the new one and why (receipt, extension, a change of the
    calendar or of a rule): the one way a due date changes. Returns whether it moved;
    the caller saves the request."""
    new_due_date = deadlines.due_date(information_request)
    if new_due_date == information_request.due_date:
        return False
    DeadlineChange.objects.create(
        request=information_request,
        old_due_date=information_request.due_date,
        new_due_date=new_due_date,
        reason=reason,
        detail=detail,
        actor=actor,
    )
    information_request.due_date = new_due_date
    return True


# ---------------------------------------------------------------------------------
# receiving a request (art. 14)
# ---------------------------------------------------------------------------------


def _check_body(body_id) -> PublicBody:
    body = PublicBody.objects.filter(pk=getattr(body_id, "pk", body_id)).first()
    if body is None:
        raise ValidationError({"body": _("This body does not exist.")})
    if not body.active:
        raise ValidationError({"body": _("This body no longer receives requests.")})
    return body


def _earlier_sending(submission_key, requester) -> InformationRequest | None:
    """The request an earlier sending of the same form (``submission_key``) made, if
    any; a form filled in by someone else is refused."""
    if submission_key is None:
        return None
    existing = InformationRequest.objects.filter(submission_key=submission_key).first()
    if existing is not None and existing.requester_id != getattr(requester, "pk", None):
        raise PermissionDenied(_("This form was already used by someone else."))
    return existing


@transaction.atomic
def create_request(
    *,
    actor,
    body,
    first_name: str,
    family_name: str,
    address: str,
    id_type: str,
    id_number: str,
    subject: str,
    information_sought: str,
    channel: str,
    email: str = "",
    phone: str = "",
    is_urgent: bool = False,
    urgency_reason: str = "",
    urgency_explanation: str = "",
    delivery_preference: str = InformationRequest.Delivery.EMAIL,
    language: str = "ar",
    requester=None,
    received_at: datetime | None = None,
    submit: bool = True,
    publication_consent: bool = False,
    submission_key=None,
) -> InformationRequest:
    """Create a request and, unless ``submit`` is false (a draft), receive it.

    On the portal the requester files for themselves; at the counter, by post or
    e-mail an officer of the body registers it with the actual date of receipt.

    ``submission_key`` identifies one filling-in of the form: sent twice (a double
    click, a reload), it gives back the request the first sending made."""
    existing = _earlier_sending(submission_key, requester)
    if existing is not None:
        return existing
    body = _check_body(body)
    if channel == InformationRequest.Channel.PORTAL:
        if actor is None or requester is None or actor.pk != requester.pk:
            raise PermissionDenied(_("On the portal a requester files their own request."))
    elif not has_body_permission(actor, HANDLE_REQUESTS, body):
        raise PermissionDenied(_("Only an officer of this body registers such a request."))
    if is_urgent and not urgency_reason:
        raise ValidationError(
            {"urgency_reason": _("An urgent request must say whose life, safety or liberty "
                                 "is at stake (art. 17).")}
        )
    if not is_urgent:
        urgency_reason, urgency_explanation = "", ""
    if delivery_preference == InformationRequest.Delivery.EMAIL and not email:
        raise ValidationError({"email": _("An e-mail address is needed for delivery by e-mail.")})
    information_request = InformationRequest(
        reference="pending",
        body=body,
        requester=requester,
        first_name=(first_name or "").strip(),
        family_name=(family_name or "").strip(),
        address=(address or "").strip(),
        id_type=id_type,
        id_number=normalize_id_number(id_number),
        email=(email or "").strip(),
        phone=(phone or "").strip(),
        subject=(subject or "").strip(),
        public_subject=(subject or "").strip(),
        information_sought=(information_sought or "").strip(),
        is_urgent=is_urgent,
        urgency_reason=urgency_reason,
        urgency_explanation=urgency_explanation,
        delivery_preference=delivery_preference,
        channel=channel,
        language=language,
        publication_consent=publication_consent,
        submission_key=submission_key,
        claim_code="" if requester is not None else new_claim_code(),
    )
    information_request.full_clean(exclude=["reference", "state", "submission_key"])
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise ValidationError({"received_at": _("The date of receipt cannot be in the future.")})
    try:
        periods.check_counted_from(timezone.localdate(received_at))
    except ValidationError as exc:
        raise ValidationError({"received_at": exc.messages}) from exc
    information_request._history_user = actor
    try:
        # The reference is reserved in the same savepoint as the request's row: when the
        # same form, sent twice at the same moment, loses to the other sending (the
        # unique submission key), the savepoint's rollback gives its number back, so
        # the register's numbering keeps no hole.
        with transaction.atomic():
            (information_request.reference,) = reserve_references(
                timezone.localdate(received_at).year)
            information_request.save()
    except IntegrityError:
        existing = _earlier_sending(submission_key, requester)
        if existing is None:
            raise
        return existing
    if submit:
        _receive(information_request, actor, received_at)
    return information_request


def _receive(information_request: InformationRequest, actor, received_at: datetime) -> None:
    def start_clock():
        information_request.received_at = received_at
        set_due_date(information_request, DeadlineChange.Reason.RECEIPT, actor=actor)

    _run(information_request, "submit", actor, then=start_clock)
    signals.request_received.send(sender=InformationRequest, information_request=information_request,
                                  actor=actor)


@transaction.atomic
def start_examination(*, actor, information_request: InformationRequest) -> InformationRequest:
    information_request = _lock(information_request)
    _run(information_request, "start_examination", actor)
    signals.request_examined.send(sender=InformationRequest, information_request=information_request,
                                  actor=actor)
    return information_request


# ---------------------------------------------------------------------------------
# extension (art. 16) and third parties (art. 9)
# ---------------------------------------------------------------------------------


@transaction.atomic
def extend_deadline(
    *, actor, information_request: InformationRequest, ground: str, reasons: str,
    notified_on: date | None = None,
) -> InformationRequest:
    """One extension of a similar period, notified before expiry, with reasons."""
    information_request = _lock(information_request)
    today = timezone.localdate()
    notified_on = notified_on or today
    if ground not in InformationRequest.ExtensionGround.values:
        raise ValidationError({"ground": _("Choose one of the four grounds of article 16.")})
    if not (reasons or "").strip():
        raise ValidationError({"reasons": _("The notice must state the reasons (art. 16).")})
    if information_request.is_extended:
        raise ValidationError(_("The deadline has already been extended once (art. 16)."))
    due = information_request.due_date
    if due is None or today > due or notified_on > due:
        raise ValidationError(_("The deadline can only be extended before it expires (art. 16)."))

    def record_extension():
        information_request.extension_ground = ground
        information_request.extension_reasons = reasons.strip()
        information_request.extension_notified_on = notified_on
        set_due_date(information_request, DeadlineChange.Reason.EXTENSION, actor=actor,
                     detail=information_request.get_extension_ground_display())

    _run(information_request, "extend", actor, note=reasons.strip(), then=record_extension)
    signals.request_extended.send(sender=InformationRequest, information_request=information_request,
                                  actor=actor)
    return information_request


@transaction.atomic
def reclassify_as_ordinary(*, actor, information_request: InformationRequest,
                           reasons: str) -> InformationRequest:
    """Art. 17: the body finds that the information is not needed to protect a person's
    life, safety or liberty, and answers the request in the ordinary period (art. 16),
    counted from the same receipt. Its reasons are recorded and sent to the requester."""
    information_request = _lock(information_request)
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError({"reasons": _("Say why article 17 does not apply: a request is "
                                            "reclassified only with reasons.")})
    if not information_request.is_urgent:
        raise ValidationError(_("This request is not an urgent one."))

    def record_reclassification():
        information_request.is_urgent = False
        information_request.reclassified_on = timezone.localdate()
        information_request.reclassification_reasons = reasons
        information_request.full_clean(exclude=["reference", "state", "submission_key"])
        set_due_date(information_request, DeadlineChange.Reason.RECLASSIFICATION, actor=actor,
                     detail=reasons)

    _run(information_request, "reclassify", actor, note=reasons, then=record_reclassification)
    signals.request_reclassified.send(sender=InformationRequest,
                                      information_request=information_request, actor=actor)
    return information_request


@transaction.atomic
def consult_third_party(
    *, actor, information_request: InformationRequest, third_party: str, contact: str = "",
    asked_on: date | None = None,
) -> ThirdPartyConsultation:
    information_request = _lock(information_request)
    if not (third_party or "").strip():
        raise ValidationError({"third_party": _("Name the third party consulted.")})
    asked_on = asked_on or timezone.localdate()
    if asked_on > timezone.localdate():
        raise ValidationError({"asked_on": _("This date cannot be in the future.")})
    if information_request.received_at and asked_on < information_request.received_on:
        raise ValidationError({"asked_on": _(
            "The third party cannot have been consulted before the request was received, on "
            "%(date)s.") % {"date": date_format(information_request.received_on, "SHORT_DATE_FORMAT")}})
    _run(information_request, "consult_third_party", actor, note=third_party)
    consultation = ThirdPartyConsultation(
        request=information_request, third_party=third_party.strip(), contact=contact,
        asked_on=asked_on,
    )
    consultation.full_clean(exclude=["request"])
    consultation._history_user = actor
    consultation.save()
    signals.third_party_consulted.send(sender=InformationRequest, information_request=information_request,
                                       consultation=consultation, actor=actor)
    return consultation


def _lock_consultation(consultation: ThirdPartyConsultation, actor) -> ThirdPartyConsultation:
    consultation = ThirdPartyConsultation.objects.select_for_update().select_related(
        "request__body").get(pk=consultation.pk)
    _require_handler(actor, consultation.request)
    return consultation


@transaction.atomic
def record_third_party_answer(
    *, actor, consultation: ThirdPartyConsultation, answer: str, reasons: str = "",
    answered_on: date | None = None,
) -> ThirdPartyConsultation:
    consultation = _lock_consultation(consultation, actor)
    if answer not in ThirdPartyConsultation.Answer.values or answer == "pending":
        raise ValidationError({"answer": _("Record consent, refusal or no answer.")})
    if answer == ThirdPartyConsultation.Answer.REFUSED and not (reasons or "").strip():
        raise ValidationError({"reasons": _("Record the third party's reasons (art. 9).")})
    answered_on = answered_on or timezone.localdate()
    if answered_on > timezone.localdate():
        raise ValidationError({"answered_on": _("This date cannot be in the future.")})
    if answered_on < consultation.asked_on:
        raise ValidationError({"answered_on": _(
            "The third party cannot have answered before being asked, on %(date)s.") % {
            "date": date_format(consultation.asked_on, "SHORT_DATE_FORMAT")}})
    consultation.answer = answer
    consultation.reasons = reasons
    consultation.answered_on = answered_on
    consultation.full_clean(exclude=["request"])
    consultation._history_user = actor
    consultation.save()
    signals.third_party_answered.send(sender=InformationRequest, information_request=consultation.request,
                                      consultation=consultation, actor=actor)
    return consultation


@transaction.atomic
def record_third_party_determination(
    *, actor, consultation: ThirdPartyConsultation, determination: str, reasons: str,
) -> ThirdPartyConsultation:
    """Art. 9: the third party refused; the body itself decides whether to disclose,
    taking the third party's reasons into account, and records its own reasons."""
    consultation = _lock_consultation(consultation, actor)
    if consultation.answer != ThirdPartyConsultation.Answer.REFUSED:
        raise ValidationError(_("The body determines this only after the third party's "
                                "refusal (art. 9)."))
    if consultation.determination:
        raise ValidationError(_("The body's determination has already been recorded."))
    if consultation.request.is_decided:
        raise ValidationError(_("This request has already been decided."))
    errors = {}
    if determination not in (ThirdPartyConsultation.Determination.DISCLOSE,
                             ThirdPartyConsultation.Determination.WITHHOLD):
        errors["determination"] = _("Say whether the body discloses or withholds the information.")
    if not (reasons or "").strip():
        errors["determination_reasons"] = _(
            "Give the body's reasons, taking the third party's into account (art. 9).")
    if errors:
        raise ValidationError(errors)
    consultation.determination = determination
    consultation.determination_reasons = reasons.strip()
    consultation.determined_at = timezone.now()
    consultation.determined_by = actor
    consultation.full_clean(exclude=["request", "determined_by"])
    consultation._history_user = actor
    consultation.save()
    return consultation


# ---------------------------------------------------------------------------------
# decisions (arts 5, 7, 8, 15, 18)
# ---------------------------------------------------------------------------------


@dataclass
class Citation:
    exemption: Exemption
    public_justification: str
    withheld_part: str = ""


@dataclass
class Ground:
    """An art. 18 ground relied on, with its own written reason; in a partial grant, the
    part withheld on it (art. 8). The art. 7 ground is reasoned by its citations."""

    ground: RefusalGround
    reason: str = ""
    withheld_part: str = ""


@dataclass
class Document:
    title: str
    file: object = None
    is_redacted: bool = False
    # In a partial grant: False for the unredacted original the body keeps (art. 8).
    released: bool = True


_OUTCOME_TRANSITIONS = {
    Decision.Outcome.GRANTED: "grant",
    Decision.Outcome.PARTIALLY_GRANTED: "grant_partially",
    Decision.Outcome.REFUSED: "refuse",
}
# Art. 18, 4°: information already supplied, that is, an earlier request granted.
_SUPPLIED_STATES = (RequestState.GRANTED, RequestState.PARTIALLY_GRANTED)


def _no_earlier_grant() -> str:
    """One message for every way an earlier request fails to qualify: whether a reference
    exists, at which body, or whose it is, is no one's business here."""
    return _("No earlier request of this requester to this body was granted with that "
             "reference in the same year (art. 18).")


def _supplied_before(information_request: InformationRequest, earlier) -> bool:
    """Art. 18, 4°: ``earlier`` was made before by the same requester (the same account,
    or the same identity document) to the same body in the same year, and granted."""
    if earlier is None or earlier.pk == information_request.pk or earlier.received_at is None:
        return False
    same_account = (information_request.requester_id is not None
                    and earlier.requester_id == information_request.requester_id)
    same_document = (earlier.id_type == information_request.id_type
                     and earlier.id_number.upper() == information_request.id_number.upper())
    return (earlier.body_id == information_request.body_id
            and (same_account or same_document)
            and earlier.state in _SUPPLIED_STATES
            and earlier.received_at < information_request.received_at
            and earlier.received_on.year == information_request.received_on.year)


def _as_ground(item) -> Ground:
    return item if isinstance(item, Ground) else Ground(ground=item)


def _validate_decision(information_request, outcome, grounds, citations, publication_reference,
                       publication_location, earlier_request, documents=()):
    """Arts 7, 8 and 18: a refusal, total or partial, is reasoned ground by ground."""
    errors = {}
    for citation in citations:
        if not (citation.public_justification or "").strip():
            errors["citations"] = _(
                "Each art. 7 exemption relied on needs a public justification."
            )
    unreasoned = [item.ground.label for item in grounds
                  if item.ground.requires != RefusalGround.Requires.EXEMPTION
                  and not (item.reason or "").strip()]
    if unreasoned:
        errors["refusal_grounds"] = _(
            "Each ground relied on needs its own written reason (art. 18): %(grounds)s."
        ) % {"grounds": "; ".join(unreasoned)}
    if len({item.ground.pk for item in grounds}) != len(grounds):
        errors["refusal_grounds"] = _("Cite each ground once, with its reason.")
    if outcome == Decision.Outcome.GRANTED:
        if grounds:
            errors["refusal_grounds"] = _("A full grant withholds nothing: state no ground.")
        if citations:
            errors["citations"] = _("A full grant withholds nothing: cite no exemption.")
        if any(not document.released for document in documents):
            errors["documents"] = _("A full grant releases every document.")
    elif outcome == Decision.Outcome.PARTIALLY_GRANTED and not (citations or grounds):
        errors["citations"] = _(
            "A partial grant must give, for each part withheld, the art. 7 exemption or the "
            "art. 18 ground relied on, with its reason (arts 8 and 18)."
        )
    elif outcome == Decision.Outcome.REFUSED and not grounds:
        errors["refusal_grounds"] = _("A refusal must state at least one ground (art. 18).")
    requires = {item.ground.requires for item in grounds}
    if RefusalGround.Requires.EXEMPTION in requires and not citations:
        errors["citations"] = _(
            "A refusal on an art. 7 exemption must name the exemption(s) relied on (art. 18)."
        )
    if RefusalGround.Requires.PUBLICATION_REFERENCE in requires and not (
        (publication_reference or "").strip() and (publication_location or "").strip()
    ):
        errors["publication_reference"] = _(
            "Give the reference of the publication and where it can be obtained (art. 18)."
        )
    if RefusalGround.Requires.EARLIER_REQUEST in requires:
        if not _supplied_before(information_request, earlier_request):
            errors["earlier_request"] = _no_earlier_grant()
    elif earlier_request is not None:
        errors["earlier_request"] = _("An earlier request is named only for the ground of a "
                                      "repeated request (art. 18).")
    consultations = list(information_request.consultations.all())
    awaiting = [consultation.third_party for consultation in consultations
                if consultation.awaits_determination]
    if awaiting:
        errors[NON_FIELD_ERRORS] = _(
            "The third party refused (art. 9): record the body's own determination and its "
            "reasons before deciding (%(parties)s).") % {"parties": ", ".join(awaiting)}
    withheld = [consultation.third_party for consultation in consultations
                if consultation.determination == ThirdPartyConsultation.Determination.WITHHOLD]
    if withheld and outcome == Decision.Outcome.GRANTED:
        errors[NON_FIELD_ERRORS] = _(
            "The body decided to withhold the information concerning a third party (art. 9: "
            "%(parties)s): grant the request in part or refuse it, citing the exemption.") % {
            "parties": ", ".join(withheld)}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decide(
    *,
    actor,
    information_request: InformationRequest,
    outcome: str,
    refusal_grounds: list[Ground | RefusalGround] = (),
    citations: list[Citation] = (),
    documents: list[Document] = (),
    delivery_method: str = "",
    copying_cost: Decimal = Decimal("0"),
    sending_cost: Decimal = Decimal("0"),
    explanation: str = "",
    publication_reference: str = "",
    publication_location: str = "",
    publication_key: str = "",
    earlier_request: InformationRequest | None = None,
    earlier_reference: str = "",
    masked_in_subject: list[str] | None = None,
) -> Decision:
    """Grant, partially grant or refuse. A refusal and a partial grant give, for each
    art. 18 ground and each art. 7 exemption relied on, its own reason. A decision after
    the deadline is kept and marked late (the request was ``overdue`` or the due date
    had passed). The earlier request of a repeated request (art. 18, 4°) is named by its
    reference (``earlier_reference``), looked for only among the body's requests. With
    ``masked_in_subject``, the personal data the requester wrote into the subject is
    masked on the public register in the same act (``mask_subject``). With
    ``publication_key``, the body's published record the officer picked for "already
    published" (``publications``): its title and address are the reference and the place
    the reply gives (art. 18), whatever was typed.

    A grant releases the documents added to the request beforehand and prepared
    (``preparation``: flattened if redacted, metadata stripped), under the titles the
    officer typed; one still being prepared, or whose preparation failed, stops the
    decision. ``documents`` only lists documents delivered without a file (on paper):
    a file is never released without its prepared public copy."""
    information_request = _lock(information_request)
    # Who may decide, before anything is looked up or judged: no answer for the others.
    _require_handler(actor, information_request)
    if outcome not in _OUTCOME_TRANSITIONS:
        raise ValidationError({"outcome": _("Unknown outcome.")})
    grounds = [_as_ground(item) for item in refusal_grounds]
    citations = list(citations)
    documents = list(documents)
    if any(document.file for document in documents):
        raise ValueError("A file is released through preparation.add_document, never as it was uploaded.")
    prepared = ([] if outcome == Decision.Outcome.REFUSED
                else _prepared_documents(information_request, outcome))
    earlier_reference = (earlier_reference or "").strip()
    if earlier_request is not None:
        # Judge the earlier request as it stands now, not as the caller last saw it.
        earlier_request = InformationRequest.objects.filter(pk=earlier_request.pk).first()
    elif earlier_reference:
        earlier_request = InformationRequest.objects.filter(
            reference=earlier_reference, body=information_request.body).first()
        if earlier_request is None:
            raise ValidationError({"earlier_request": _no_earlier_grant()})
    publication_key = (publication_key or "").strip()
    if publication_key:
        picked = publications.find_publication(information_request.body, publication_key)
        if picked is None:
            raise ValidationError({"publication_key": _(
                "Pick one of the records this body has published.")})
        if not any(item.ground.requires == RefusalGround.Requires.PUBLICATION_REFERENCE for item in grounds):
            raise ValidationError({"publication_key": _(
                "A published record is picked only for the ground of information already published "
                "(art. 18).")})
        publication_reference, publication_location = picked.title, picked.url
    _validate_decision(information_request, outcome, grounds, citations, publication_reference,
                       publication_location, earlier_request, documents)
    public_subject = None
    if masked_in_subject is not None:
        public_subject = masked_subject(information_request.subject, masked_in_subject)
    late = information_request.is_overdue or information_request.is_past_due()

    def mark_late():
        information_request.decided_late = late
        if public_subject is not None:
            _set_public_subject(information_request, public_subject, actor)

    _run(information_request, _OUTCOME_TRANSITIONS[outcome], actor, then=mark_late)
    decided_at = timezone.now()
    decision = Decision(
        request=information_request,
        outcome=outcome,
        decided_at=decided_at,
        decided_by=actor,
        late=late,
        working_days_taken=calendar.working_days_between(
            information_request.received_on, timezone.localdate(decided_at),
            deadlines.body_kind(information_request)),
        explanation=explanation,
        publication_reference=publication_reference,
        publication_location=publication_location,
        publication_key=publication_key,
        earlier_request=earlier_request,
        delivery_method=delivery_method,
        copying_cost=copying_cost,
        sending_cost=sending_cost,
    )
    decision.full_clean(exclude=["request", "decided_by", "earlier_request"])
    decision._history_user = actor
    decision.save()
    information_request.decision = decision  # the decision in force (several after art. 19)
    information_request._history_user = actor
    information_request.save(update_fields=["decision", "updated_at"])
    records = [
        DecisionGround(decision=decision, ground=item.ground, reason=(item.reason or "").strip(),
                       withheld_part=(item.withheld_part or "").strip())
        for item in grounds
    ] + [
        ExemptionCitation(decision=decision, exemption=citation.exemption,
                          public_justification=citation.public_justification.strip(),
                          withheld_part=citation.withheld_part)
        for citation in citations
    ] + [
        DecisionDocument(decision=decision, title=document.title, file=document.file,
                         is_redacted=document.is_redacted, released=document.released)
        for document in documents
    ]
    for record in records:
        record.full_clean(exclude=["decision", "exemption", "ground", "original", "file"])
    _save_with_files(records, actor)
    _release_prepared(decision, prepared, actor)
    signals.request_decided.send(sender=InformationRequest, information_request=information_request,
                                 decision=decision, actor=actor)
    return decision


@transaction.atomic
def reopen(*, actor, information_request: InformationRequest, on: date, reasons: str) -> InformationRequest:
    """A complaint to the head of the body is upheld, fully or in part (art. 19): the
    request is open for disclosure again, with a new answer period from ``on`` (the
    rules table's ``answer_after_complaint``). The decision in force is marked overturned
    and stays among the request's decisions; the next answer is given as any other.
    Only the head of the body may do it (``permissions.can_reopen``); the appeals app
    calls it when the head decides."""
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError({"reasons": _("Say why the request is reopened.")})
    information_request = _lock(information_request)
    overturned = information_request.decision

    def facts():
        information_request.decision = None
        information_request.reopened_on = on
        information_request.reopening_reasons = reasons
        set_due_date(information_request, DeadlineChange.Reason.REOPENED, actor=actor, detail=reasons)

    _run(information_request, "reopen", actor, note=reasons, then=facts)
    if overturned is not None:
        overturned.overturned_on = on
        overturned._history_user = actor
        overturned.save(update_fields=["overturned_on"])
    signals.request_reopened.send(sender=InformationRequest, information_request=information_request,
                                  overturned=overturned, actor=actor)
    return information_request


# ---------------------------------------------------------------------------------
# the receipt of the answer (art. 19: the complaint window counts from it)
# ---------------------------------------------------------------------------------


def decision_in_force(information_request: InformationRequest) -> Decision | None:
    """The request's decision in force as stored now (the caller's copy may predate it)."""
    return Decision.objects.filter(
        pk=InformationRequest.objects.filter(pk=information_request.pk).values("decision_id")[:1]).first()


def record_answer_seen(*, actor, information_request: InformationRequest) -> bool:
    """The requester opened their decided request's page: the first day they did is
    the day they received the answer on the portal (``receipts``). Anyone else's
    visit records nothing. Returns whether it was recorded now."""
    decision = getattr(information_request, "decision", None)  # only a decided request has one
    if decision is None or not is_requester(information_request, actor):
        return False
    recorded = receipts.record_seen(decision, actor=actor)
    if recorded:  # the page shows the window from now on (the prefetched grounds stay)
        decision.refresh_from_db(fields=receipts.FIELDS)
    return recorded


def record_answer_receipt(*, actor, information_request: InformationRequest, received_on: date | None,
                          via: str, proof) -> Decision:
    """The answer was delivered by post or at the counter: an officer of the body
    enters the day the requester received it, with the acknowledgement of receipt
    (art. 19: the complaint window counts from that day)."""
    _require_handler(actor, information_request)
    decision = decision_in_force(information_request)  # only a decided request has one
    if decision is None:
        raise ValidationError(_("This request has not been decided: there is no answer to receive."))
    return receipts.record_by_officer(decision, on=received_on, via=via, proof=proof, actor=actor)


# ---------------------------------------------------------------------------------
# the subject on the public register (Law 09-08)
# ---------------------------------------------------------------------------------

MASK = "[…]"


def masked_subject(subject: str, phrases) -> str:
    """``subject`` with each of ``phrases`` replaced by "[…]" wherever it occurs, in
    any case: the words a requester wrote about a person (a patient's or a detainee's
    name). Nothing else of the subject changes, so that the register shows what was
    asked, not a rewording. Refused if a phrase is not in the subject or if nothing of
    the subject would be left."""
    phrases = [" ".join(phrase.split()) for phrase in phrases]
    phrases = sorted({phrase for phrase in phrases if phrase}, key=len, reverse=True)
    missing = [phrase for phrase in phrases if phrase.casefold() not in subject.casefold()]
    if missing:
        raise ValidationError({"masked_in_subject": _(
            "Not found in the subject: %(phrases)s. Copy the words to mask exactly as the "
            "subject writes them.") % {"phrases": "; ".join(f"“{phrase}”" for phrase in missing)}})
    public = subject
    if phrases:
        pattern = re.compile("|".join(re.escape(phrase) for phrase in phrases), re.IGNORECASE)
        public = pattern.sub(MASK, subject)
    if not re.search(r"\w", public.replace(MASK, "")):
        raise ValidationError({"masked_in_subject": _(
            "This masking leaves nothing of the subject on the public register. Mask only "
            "the personal data and keep the words that say what information is asked.")})
    return public


def _set_public_subject(information_request: InformationRequest, public_subject: str, actor) -> None:
    """Who masked the subject and when, on the request (its history keeps each
    version); the caller saves it."""
    information_request.public_subject = public_subject
    information_request.subject_masked_by = actor
    information_request.subject_masked_at = timezone.now()
    information_request._history_user = actor
    information_request._change_reason = "subject masked for the public register (Law 09-08)"


@transaction.atomic
def mask_subject(*, actor, information_request: InformationRequest, masked_in_subject: list[str]
                 ) -> InformationRequest:
    """An officer of the body masks the personal data the requester wrote into the
    subject before (or after) it reaches the public register; no phrase shows the
    subject again as written. The requester and the body still see the original."""
    information_request = _lock(information_request)
    _require_handler(actor, information_request)
    _set_public_subject(information_request, masked_subject(information_request.subject, masked_in_subject),
                        actor)
    information_request.save(update_fields=["public_subject", "subject_masked_by", "subject_masked_at",
                                            "updated_at"])
    return information_request


def _save_with_files(records, actor) -> None:
    """Save ``records``, each with the file it holds, if any. Nothing half-uploaded: if
    one fails, the rows roll back with the transaction, and the files already written
    are deleted."""
    written = []
    try:
        for record in records:
            record._history_user = actor
            # Every file field holding an upload not yet stored (whatever its name); one
            # that names a file already stored is not this save's to delete.
            pending = [file for file in (getattr(record, field.name) for field in record._meta.fields
                                         if isinstance(field, models.FileField))
                       if file and not file._committed]
            try:
                record.save()
            finally:  # written by the save, even if the row was not
                written += [file for file in pending if file._committed]
    except Exception:
        for file in written:
            file.storage.delete(file.name)
        raise


def _prepared_documents(information_request: InformationRequest, outcome: str) -> list[PreparedDocument]:
    """The documents added to the request for its decision, all ready: one still being
    prepared or failed stops the decision (nothing is released half-prepared). A redacted
    version withholds part of a document: that is a partial grant (art. 8), never a grant."""
    prepared = list(information_request.prepared_documents.select_for_update()
                    .filter(decision=None).order_by("added_at", "id"))
    pending = [item.public_title for item in prepared if item.is_pending]
    failed = [item.public_title for item in prepared if item.status == PreparedDocument.Status.FAILED]
    errors = []
    if pending:
        errors.append(_("Still being prepared: %(titles)s. Decide once every document is ready.")
                      % {"titles": "; ".join(f"“{title}”" for title in pending)})
    if failed:
        errors.append(_("Could not be prepared: %(titles)s. Remove each of them (and add it again "
                        "if needed) before deciding.")
                      % {"titles": "; ".join(f"“{title}”" for title in failed)})
    redacted = [item.public_title for item in prepared if item.is_redacted]
    if outcome == Decision.Outcome.GRANTED and redacted:
        errors.append(_("A redacted version withholds part of a document (%(titles)s): the answer "
                        "is a partial grant (art. 8), not a grant. Choose the partial grant, or "
                        "remove the redacted version.")
                      % {"titles": "; ".join(f"“{title}”" for title in redacted)})
    if errors:
        raise ValidationError({"documents": errors})
    return prepared


def _release_prepared(decision: Decision, prepared: list[PreparedDocument], actor) -> None:
    """Each ready document becomes a document of the decision, under the title the
    officer typed, with its prepared public copy as its file. For a redacted version,
    the file as uploaded (its text still under the boxes) is kept with the body as the
    original, never released (art. 8). The copies are stored already: nothing to write."""
    for item in prepared:
        original = None
        if item.is_redacted:
            original = DecisionDocument(decision=decision, title=item.public_title, file=item.original.name,
                                        released=False, content_type=item.content_type,
                                        original_name=item.original_name)
            original._history_user = actor
            original.save()
        released = DecisionDocument(decision=decision, title=item.public_title, file=item.prepared.name,
                                    is_redacted=item.is_redacted, original=original,
                                    content_type=item.public_content_type, original_name=item.original_name)
        released._history_user = actor
        released.save()
        item.decision = decision
        item._history_user = actor
        item.save(update_fields=["decision"])


# ---------------------------------------------------------------------------------
# withdrawal and silence
# ---------------------------------------------------------------------------------


@transaction.atomic
def withdraw(*, actor, information_request: InformationRequest, note: str = "",
             written_withdrawal=None) -> InformationRequest:
    """Withdrawing is the requester's act. The requester withdraws on the portal; an
    officer records a withdrawal the requester sent on paper or by e-mail, and only with
    that written withdrawal attached (kept privately, like a message's files)."""
    information_request = _lock(information_request)
    by_requester = is_requester(information_request, actor)
    if not by_requester and can_handle(information_request, actor):
        if written_withdrawal is None:
            raise ValidationError({"written_withdrawal": _(
                "Attach the requester's written withdrawal: only the requester withdraws a "
                "request.")})
        written_withdrawal.sniffed_type = check_upload(written_withdrawal)
    _run(information_request, "withdraw", actor, note=(note or "").strip())
    if not by_requester and written_withdrawal is not None:
        _save_with_files([WrittenWithdrawal.from_upload(written_withdrawal, request=information_request,
                                                        recorded_by=actor)], actor)
    signals.request_withdrawn.send(sender=InformationRequest, information_request=information_request,
                                   actor=actor)
    return information_request


@transaction.atomic
def mark_overdue(*, information_request: InformationRequest) -> InformationRequest:
    """No answer by the end of the due date: the complaint opens (art. 19). One
    request, by the same statements as the clock's batches."""
    information_request = _lock(information_request)
    if not can_proceed(information_request.mark_overdue, check_conditions=False):
        _refuse_state(information_request)
    if not information_request.is_past_due():
        raise ValidationError(_("The deadline has not passed yet."))
    _mark_overdue([information_request.pk])
    information_request.refresh_from_db()
    return information_request


@transaction.atomic
def mark_overdue_batch(today: date | None = None, *, batch_size: int | None = None) -> int:
    """One batch of the open requests whose due date has passed moved to ``overdue``;
    the clock calls it until it returns 0. No row is turned into a Python object: the
    rows are picked and locked on the partial index of open requests' due dates, then
    their state changes, the move and their history are written by one statement
    each (and the requesters' notifications by one more, in ``notices``)."""
    today = today or timezone.localdate()
    ids = list(
        InformationRequest.objects.select_for_update(skip_locked=True)
        .filter(state__in=OPEN_STATES, due_date__lt=today)
        .order_by("due_date", "id").values_list("id", flat=True)[:batch_size or settings.NAFIDA_SWEEP_BATCH]
    )
    if ids:
        _mark_overdue(ids)
    return len(ids)


def _mark_overdue(ids: list[int]) -> None:
    """The set-based form of the ``mark_overdue`` transition on locked rows, guarded by
    the same condition in SQL; ``requests_overdue`` tells the listeners which rows
    moved, inside the same transaction."""
    now = timezone.now()
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        # The state changes first, while the rows still hold their old state.
        cursor.execute(_STATE_CHANGE_SQL.format(ids=placeholders),
                       [now, str(_("Deadline passed without an answer (art. 19).")), *ids])
        InformationRequest.objects.among(ids).filter(state__in=OPEN_STATES).update(
            state=RequestState.OVERDUE, updated_at=now)
        cursor.execute(_HISTORY_SQL.format(ids=placeholders), [now, "overdue sweep", *ids])
    signals.requests_overdue.send(sender=InformationRequest, ids=ids, moved_at=now)


_STATE_CHANGE_SQL = (
    f"INSERT INTO {StateChange._meta.db_table} "
    "(request_id, transition, from_state, to_state, actor_id, at, note) "
    "SELECT id, 'mark_overdue', state, 'overdue', NULL, %s, %s "
    f"FROM {InformationRequest._meta.db_table} WHERE id IN ({{ids}})"
)
_TRACKED = [field.column for field in InformationRequest._meta.concrete_fields]
_HISTORY_SQL = (
    f"INSERT INTO {InformationRequest.history.model._meta.db_table} "
    f"({', '.join(_TRACKED)}, history_date, history_change_reason, history_type, history_user_id) "
    f"SELECT {', '.join(_TRACKED)}, %s, %s, '~', NULL "
    f"FROM {InformationRequest._meta.db_table} WHERE id IN ({{ids}})"
)


# ---------------------------------------------------------------------------------
# when the calendar or the law changes
# ---------------------------------------------------------------------------------


# A change of the calendar or of a rule recomputes the due date of every request whose
# answer period may still matter: the open ones, and the overdue ones not yet decided (a
# request swept overdue on an estimated feast that proved a day early was not late).
RECOMPUTED_STATES = [*OPEN_STATES, RequestState.OVERDUE]


def recompute_due_dates(*, reason: str, detail: str = "", today: date | None = None) -> int:
    """Recompute the due date of every open or overdue request under today's calendar
    and rules, batch by batch (a transaction each). Each move is recorded (old date, new
    date, why) and announced (``due_date_recomputed``: the requester is told); an
    overdue request whose new due date has not passed goes back in progress."""
    today = today or timezone.localdate()
    moved, last_id = 0, 0
    fields = ["id", "state", "received_at", "reopened_on", "is_urgent", "extension_ground", "due_date",
              "body__kind"]
    while True:
        batch = list(InformationRequest.objects.filter(state__in=RECOMPUTED_STATES, id__gt=last_id)
                     .exclude(received_at=None).select_related("body").order_by("id")
                     .only(*fields)[:settings.NAFIDA_SWEEP_BATCH])
        if not batch:
            return moved
        last_id = batch[-1].pk
        changed = [row for row in batch if deadlines.due_date(row) != row.due_date]
        if changed:
            moved += _recompute(changed, reason, detail, today)


@transaction.atomic
def _recompute(candidates: list[InformationRequest], reason: str, detail: str, today: date) -> int:
    moved = 0
    for candidate in candidates:
        information_request = InformationRequest.objects.select_for_update().select_related("body").filter(
            pk=candidate.pk, state__in=RECOMPUTED_STATES, due_date=candidate.due_date).first()
        old_due_date = candidate.due_date
        if information_request is None or not set_due_date(information_request, reason, detail=detail):
            continue  # decided or moved meanwhile
        information_request._change_reason = f"due date recomputed ({reason})"
        if information_request.is_overdue and not information_request.is_past_due(today):
            _back_in_progress(information_request, reason, detail, old_due_date)
            information_request.save()
        else:
            information_request.save(update_fields=["due_date", "updated_at"])
        signals.due_date_recomputed.send(sender=InformationRequest, information_request=information_request,
                                         old_due_date=old_due_date, reason=reason, detail=detail)
        moved += 1
    return moved


def _back_in_progress(information_request: InformationRequest, reason: str, detail: str,
                      old_due_date: date) -> None:
    """An overdue request whose recomputed due date has not passed was not late: it goes
    back in progress (art. 16: the body still has until the new date), the reason
    recorded on the move and in the request's history."""
    note = _("The due date was recomputed (%(reason)s: %(detail)s): %(old)s became %(new)s, "
             "which has not passed, so the request was not overdue.") % {
        "reason": DeadlineChange.Reason(reason).label, "detail": detail or "—",
        "old": f"{old_due_date:%d/%m/%Y}", "new": f"{information_request.due_date:%d/%m/%Y}"}
    change = StateChange(request=information_request, transition="recount_deadline",
                         from_state=information_request.state, actor=None, note=note)
    information_request.recount_deadline()
    change.to_state = information_request.state
    change.save()
    information_request._change_reason = f"back in progress: due date recomputed ({reason})"


# ---------------------------------------------------------------------------------
# correspondence and the requester's choices
# ---------------------------------------------------------------------------------

MAX_ATTACHMENTS = 5


@transaction.atomic
def send_message(*, actor, information_request: InformationRequest, text: str, files=()) -> Message:
    """A message about the request, from its requester or from an officer of its body.
    Files are checked (type from the content, size) before anything is saved."""
    from_requester = is_requester(information_request, actor)
    if not from_requester and not can_handle(information_request, actor):
        raise PermissionDenied(_("You are not allowed to do this on this request."))
    if not information_request.accepts_messages:
        raise ValidationError(_("No message can be sent about this request any more."))
    text = (text or "").strip()
    files = list(files)
    errors = {}
    if not text:
        errors["text"] = _("Write a message.")
    elif len(text) > Message._meta.get_field("text").max_length:
        errors["text"] = _("The message is too long (at most %(max)s characters).") % {
            "max": Message._meta.get_field("text").max_length}
    if len(files) > MAX_ATTACHMENTS:
        errors["files"] = _("At most %(max)s files per message.") % {"max": MAX_ATTACHMENTS}
    else:
        file_errors = []
        for upload in files:
            try:
                upload.sniffed_type = check_upload(upload)
            except ValidationError as exc:
                file_errors.extend(exc.messages)
        if file_errors:
            errors["files"] = file_errors
    if errors:
        raise ValidationError(errors)
    message = Message(request=information_request, author=actor, from_requester=from_requester, text=text)
    message._history_user = actor
    message.save()
    _save_with_files([Attachment.from_upload(upload, message=message) for upload in files], actor)
    signals.message_sent.send(sender=Message, message=message, actor=actor)
    return message


@transaction.atomic
def set_publication_consent(*, actor, information_request: InformationRequest, consent: bool):
    """The requester decides whether the documents released to them may appear on the
    public register (their identity never does)."""
    information_request = _lock(information_request)
    if not is_requester(information_request, actor):
        raise PermissionDenied(_("Only the requester makes this choice."))
    information_request.publication_consent = bool(consent)
    information_request._history_user = actor
    information_request.save(update_fields=["publication_consent", "updated_at"])
    return information_request


@transaction.atomic
def claim_request(*, user, reference: str, code: str) -> InformationRequest:
    """A requester attaches to their account a request an officer registered for them
    (counter, post, e-mail), with the reference and the code printed on its receipt."""
    information_request = (InformationRequest.objects.select_for_update()
                           .filter(reference=(reference or "").strip()).first())
    code = (code or "").strip().upper().replace(" ", "")
    if (information_request is None or not information_request.claim_code
            or not secrets.compare_digest(information_request.claim_code, code)):
        raise ValidationError(_("No request matches this reference and code."))
    if information_request.requester_id is not None:
        raise ValidationError(_("This request is already attached to an account."))
    information_request.requester = user
    information_request._history_user = user
    information_request.save(update_fields=["requester", "updated_at"])
    return information_request


# ---------------------------------------------------------------------------------
# the body's own work: assignment, internal notes, response templates
# ---------------------------------------------------------------------------------


def _require_handler(actor, request_or_body):
    body = getattr(request_or_body, "body", request_or_body)
    if not has_body_permission(actor, HANDLE_REQUESTS, body):
        raise PermissionDenied(_("You are not allowed to do this on this request."))


@transaction.atomic
def assign(*, actor, information_request: InformationRequest, officer) -> InformationRequest:
    """Give the request to one of its body's officers (or back to the body's queue)."""
    information_request = _lock(information_request)
    _require_handler(actor, information_request)
    if officer is not None and not has_body_permission(officer, HANDLE_REQUESTS, information_request.body):
        raise ValidationError({"officer": _("This person is not an information officer of "
                                            "the body.")})
    information_request.assigned_to = officer
    information_request._history_user = actor
    information_request.save(update_fields=["assigned_to", "updated_at"])
    return information_request


def release_ended_assignments(on: date | None = None) -> int:
    """Requests assigned to someone who is no longer an officer of the body (their
    designation ended) go back to the body's queue, so that none waits for a person
    who cannot answer it. Run by the beat (designations end on dates) and when a
    designation changes."""
    active = Designation.objects.active(on).filter(
        user=OuterRef("assigned_to"), body=OuterRef("body"),
        role=Designation.Role.INFORMATION_OFFICER)
    orphans = (InformationRequest.objects
               .filter(assigned_to__isnull=False,
                       state__in=[*OPEN_STATES, InformationRequest.State.OVERDUE])
               .exclude(Exists(active)))
    count = 0
    for information_request in orphans.iterator():
        information_request.assigned_to = None
        information_request._change_reason = "designation ended"
        information_request.save(update_fields=["assigned_to", "updated_at"])
        count += 1
    return count


@transaction.atomic
def add_internal_note(*, actor, information_request: InformationRequest, text: str) -> InternalNote:
    _require_handler(actor, information_request)
    note = InternalNote(request=information_request, author=actor, text=(text or "").strip())
    note.full_clean(exclude=["request", "author"])
    note._history_user = actor
    note.save()
    return note


@transaction.atomic
def save_response_template(*, actor, body, use: str, title: str, text_ar: str, text_fr: str,
                           template: ResponseTemplate | None = None) -> ResponseTemplate:
    """Officers of a body keep its templates (arts 12, 18: the wording of answers)."""
    _require_handler(actor, body)
    if template is not None and template.body_id != body.pk:
        raise PermissionDenied(_("This template belongs to another body."))
    template = template or ResponseTemplate(body=body)
    template.use, template.title = use, (title or "").strip()
    template.text_ar, template.text_fr = (text_ar or "").strip(), (text_fr or "").strip()
    template.full_clean()
    template._history_user = actor
    template.save()
    return template


@transaction.atomic
def delete_response_template(*, actor, template: ResponseTemplate) -> None:
    _require_handler(actor, template.body)
    template._history_user = actor
    template.delete()
