"""The complaint to the Commission (art. 20; RI arts 10-16), every act that changes it:
filing and registration (RI 11-13), referral (RI 10, 14), the checks (RI 15), the
investigation (the President's letter, observations, notes), the notice of the decision
with acknowledgement of receipt (RI 15), and the follow-up. Sessions and the decision
taken in a session are in ``appeals.sessions`` (which mails the complainant the decision
letter and tells the body through ``notices.tell_officers``).

Each act validates everything first, then changes the rows in one transaction: a
refusal leaves nothing saved. A complaint outside the art. 20 procedure is refused on
the requester's portal, with the dates, but registered when it arrives by post, e-mail
or at the seat: the Commission must answer it, and the checks find it inadmissible with
reasons (RI 15-16)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from appeals import permissions, steps, windows
from appeals.models import (
    CommissionComplaint,
    CommissionComplaintState,
    CommissionOutcome,
    ComplaintChannel,
    HeadComplaint,
    HeadComplaintState,
    InvestigationNote,
    Observation,
    ObservationDocument,
    RegistrationSequence,
)
from appeals.models.commission import COMMISSION_OPEN_STATES
from appeals.models.head import HEAD_DECIDED_STATES
from requests_app import receipts, uploads
from requests_app.clock.periods import period_text
from requests_app.models import InformationRequest

from . import notices
from .selectors import is_in_charge

S = CommissionComplaintState
STAFF_CHANNELS = (ComplaintChannel.POST, ComplaintChannel.EMAIL, ComplaintChannel.DEPOSIT)
CHECKS = ("procedure_followed", "has_standing", "body_covered", "is_information", "in_writing", "on_time")


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


# -- filing --------------------------------------------------------------------------------------


def prior_head_complaint(information_request: InformationRequest) -> HeadComplaint | None:
    """Art. 20: the latest complaint to the head of the body that was decided, or left
    without a decision in time."""
    return (information_request.head_complaints
            .filter(state__in=[*HEAD_DECIDED_STATES, HeadComplaintState.OVERDUE])
            .order_by("-filed_on", "-id").first())


def pending_complaint(information_request: InformationRequest) -> CommissionComplaint | None:
    return information_request.commission_complaints.filter(state__in=COMMISSION_OPEN_STATES).first()


def portal_refusal(information_request: InformationRequest, on: date) -> str | None:
    """Why the requester may not file a complaint to the Commission on the portal on
    ``on`` (art. 20), with the dates; None when they may."""
    if pending_complaint(information_request) is not None:
        return _("A complaint to the Commission about this request is already being examined.")
    head = prior_head_complaint(information_request)
    if head is None:
        waiting = information_request.head_complaints.filter(state=HeadComplaintState.RECEIVED) \
            .order_by("-filed_on").first()
        if waiting is not None:
            return _("Complain first to the head of the body (art. 20): your complaint %(number)s awaits "
                     "the head's decision until %(date)s.") % {"number": waiting.number,
                                                               "date": _day(waiting.due_date)}
        return _("Complain first to the head of the body (art. 20): the Commission examines a complaint "
                 "only after the head of the body has answered it or let the time to answer pass.")
    window = windows.commission_window(head)
    if window is not None and on > window.end:
        return _("The time to complain to the Commission ended on %(end)s, counted from %(start)s: "
                 "%(period)s (art. 20).") % {"end": _day(window.end), "start": _day(window.start),
                                             "period": period_text(window.rule)}
    return None


def file_complaint(*, actor, information_request: InformationRequest, subject: str, reasons: str,
                   channel: str = ComplaintChannel.PORTAL, filed_on: date | None = None,
                   representative_name: str = "", representative_capacity: str = "",
                   complainant=None) -> CommissionComplaint:
    """A complaint to the President of the Commission: filed by the requester on the
    portal today (or by their legal representative, named: RI 11), or registered by a
    member of the Commission with its real date of receipt (registered post, e-mail,
    deposit at the seat). The prior complaint to the head of the body is attached."""
    today = timezone.localdate()
    subject, reasons = (subject or "").strip(), (reasons or "").strip()
    representative_name = (representative_name or "").strip()
    representative_capacity = (representative_capacity or "").strip()
    if channel == ComplaintChannel.PORTAL:
        if not permissions.is_requester_of(actor, information_request):
            raise PermissionDenied(_("Only the requester files a complaint about this request."))
        filed_on = today
        complainant = actor
    elif channel in STAFF_CHANNELS:
        if not permissions.is_commission_member(actor):
            raise PermissionDenied(_("Only the Commission registers a complaint received by post, "
                                     "e-mail or deposit."))
        complainant = complainant or information_request.requester
    else:
        raise ValidationError({"channel": _("Choose how the complaint was received.")})
    errors = {}
    if not subject:
        errors["subject"] = _("Give the subject of the complaint.")
    if not reasons:
        errors["reasons"] = _("Say why you complain.")
    if representative_name and not representative_capacity:
        errors["representative_capacity"] = _("Say in what capacity the representative acts.")
    if filed_on is None:
        errors["filed_on"] = _("Enter the date the Commission received the complaint.")
    elif filed_on > today:
        errors["filed_on"] = _("The date of receipt cannot be in the future.")
    elif information_request.received_on and filed_on < information_request.received_on:
        errors["filed_on"] = _("The complaint cannot have been received before the request, on %(date)s.") % {
            "date": _day(information_request.received_on)}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # One complaint at a time per request: concurrent filings queue here.
        InformationRequest.objects.select_for_update().get(pk=information_request.pk)
        if channel == ComplaintChannel.PORTAL:
            refusal = portal_refusal(information_request, filed_on)
            if refusal:
                raise ValidationError(refusal)
        elif pending_complaint(information_request) is not None:
            raise ValidationError(_("A complaint to the Commission about this request is already being "
                                    "examined."))
        head = prior_head_complaint(information_request)
        window = windows.commission_window(head)
        complaint = CommissionComplaint(
            number=RegistrationSequence.next_number(CommissionComplaint.PREFIX, filed_on.year),
            request=information_request, head_complaint=head, complainant=complainant,
            representative_name=representative_name, representative_capacity=representative_capacity,
            channel=channel, filed_on=filed_on, registered_by=actor, subject=subject, reasons=reasons,
            window_start=window.start if window else None, window_end=window.end if window else None,
            due_date=windows.commission_due_date(information_request, filed_on))
        complaint.full_clean(exclude=["request", "head_complaint", "complainant", "registered_by",
                                      "rapporteur", "checked_by", "session", "decided_by", "body_reported_by",
                                      "published_by", "receipt_proof", "receipt_recorded_by", "state"])
        complaint._history_user = actor
        complaint.save()
        steps.record(complaint, "file", actor, note=complaint.get_channel_display())
        notices.tell_complainant(complaint, "filed", filed_on)
        notices.tell_users(complaint, permissions.presidents(), "new_complaint", filed_on)
    return complaint


# -- referral and checks ------------------------------------------------------------------------


def _locked(complaint: CommissionComplaint) -> CommissionComplaint:
    return steps.lock(CommissionComplaint, complaint.pk)


def refer(*, actor, complaint: CommissionComplaint, rapporteur, working_group=()) -> CommissionComplaint:
    """RI 10, 14: the President refers the complaint to a member (with a working group)."""
    if not permissions.is_commission_president(actor):
        raise PermissionDenied(_("Only the President of the Commission refers a complaint."))
    group = list(working_group or ())
    if rapporteur is None or not permissions.is_commission_member(rapporteur):
        raise ValidationError({"rapporteur": _("Choose a member of the Commission.")})
    if any(not permissions.is_commission_member(member) for member in group):
        raise ValidationError({"working_group": _("A working group is made of members of the Commission.")})
    with transaction.atomic():
        complaint = _locked(complaint)

        def facts():
            complaint.rapporteur = rapporteur
            complaint.referred_at = timezone.now()

        steps.run(complaint, "refer", actor, note=str(rapporteur), then=facts)
        complaint.working_group.set(group)
        notices.tell_users(complaint, User.objects.filter(pk=rapporteur.pk), "referred",
                           timezone.localdate())
    return complaint


def _is_rapporteur_or_president(actor, complaint) -> bool:
    return permissions.is_commission_president(actor) or (
        permissions.is_commission_member(actor) and complaint.rapporteur_id == actor.pk)


def _require_in_charge(actor, complaint) -> None:
    if not is_in_charge(actor, complaint):
        raise PermissionDenied(_("Only the member in charge of the complaint or the President may do this."))


def check(*, actor, complaint: CommissionComplaint, procedure_followed, has_standing, body_covered,
          is_information, in_writing, on_time, note: str = "") -> CommissionComplaint:
    """RI 15: the art. 20 procedure and the formal and substantive admissibility, each
    answered. All met: the investigation opens. Any not met: a reasoned decision of
    inadmissibility (RI 16), which answers the complaint and is notified to the
    complainant like a decision."""
    answers = dict(procedure_followed=procedure_followed, has_standing=has_standing,
                   body_covered=body_covered, is_information=is_information, in_writing=in_writing,
                   on_time=on_time)
    note = (note or "").strip()
    errors = {name: _("Answer this check.") for name, value in answers.items() if value is None}
    admissible = all(answers.values())
    if not errors and not admissible and not note:
        errors["note"] = _("Give the reasons of the inadmissibility (RI art. 16).")
    with transaction.atomic():
        complaint = _locked(complaint)
        _require_in_charge(actor, complaint)
        if errors:
            raise ValidationError(errors)

        def facts():
            for name, value in answers.items():
                setattr(complaint, name, bool(value))
            complaint.checks_note = note
            complaint.checked_at = timezone.now()
            complaint.checked_by = actor
            if not admissible:
                complaint.outcome = CommissionOutcome.INADMISSIBLE
                complaint.decision_reasons = note
                complaint.decided_at = complaint.checked_at
                complaint.decided_by = actor
                complaint.decided_late = timezone.localdate() > complaint.due_date

        steps.run(complaint, "admit" if admissible else "declare_inadmissible", actor, note=note, then=facts)
        if not admissible:
            notify_decision(complaint)
    return complaint


# -- investigation -------------------------------------------------------------------------------


def send_body_letter(*, actor, complaint: CommissionComplaint) -> CommissionComplaint:
    """RI 15: the President writes to the body about the complaint."""
    if not permissions.is_commission_president(actor):
        raise PermissionDenied(_("Only the President of the Commission writes to the body."))
    with transaction.atomic():
        complaint = _locked(complaint)
        if complaint.state != S.INVESTIGATING:
            raise ValidationError(_("The letter to the body is sent once the complaint is admitted."))
        complaint.body_letter_sent_at = timezone.now()
        complaint._history_user = actor
        complaint.save(update_fields=["body_letter_sent_at"])
        steps.record(complaint, "body_letter", actor)
        notices.tell_officers(complaint, "body_letter", timezone.localdate())
    return complaint


def ask_observations(*, actor, complaint: CommissionComplaint, questions: str, reply_by: date) -> Observation:
    """RI 15: the body's observations, by a date inside the Commission's own period
    (art. 20), which nothing suspends."""
    questions = (questions or "").strip()
    today = timezone.localdate()
    errors = {}
    if not questions:
        errors["questions"] = _("Write what the Commission asks of the body.")
    if reply_by is None:
        errors["reply_by"] = _("Enter the date by which the body replies.")
    elif reply_by <= today:
        errors["reply_by"] = _("The reply date must be after today.")
    elif reply_by > complaint.due_date:
        errors["reply_by"] = _("The body must reply by the Commission's own last day, %(date)s: the "
                               "Commission answers within its period (art. 20), which nothing "
                               "suspends.") % {"date": _day(complaint.due_date)}
    with transaction.atomic():
        complaint = _locked(complaint)
        if not _is_rapporteur_or_president(actor, complaint):
            raise PermissionDenied(_("Only the member in charge of the complaint or the President asks for "
                                     "observations."))
        if errors:
            raise ValidationError(errors)
        if complaint.state not in (S.INVESTIGATING, S.DELIBERATION):
            raise ValidationError(_("Observations are asked while the complaint is under investigation."))
        observation = Observation(complaint=complaint, questions=questions, asked_by=actor, reply_by=reply_by)
        observation.full_clean(exclude=["complaint", "asked_by", "answered_by"])
        observation._history_user = actor
        observation.save()
        steps.record(complaint, "ask_observations", actor, note=_day(reply_by))
        notices.tell_observation_officers(observation, "observations_asked", reply_by)
    return observation


def answer_observations(*, actor, observation: Observation, answer: str, documents=()) -> Observation:
    """An information officer of the complaint's body answers, once, with documents
    (each checked from its content and stored under a name the server chooses)."""
    complaint = observation.complaint
    if not permissions.is_officer_of(actor, complaint.request.body):
        raise PermissionDenied(_("Only an information officer of the body answers."))
    answer = (answer or "").strip()
    errors = []
    if not answer:
        errors.append(ValidationError({"answer": _("Write the body's observations.")}))
    checked = []
    for title, upload in documents or ():
        title = (title or "").strip() or upload.name
        try:
            uploads.check_upload(upload)
        except ValidationError as exc:
            errors.append(ValidationError({"documents": exc.messages}))
            continue
        checked.append((title[:255], upload))
    if errors:
        raise ValidationError(errors)
    written = []
    try:
        with transaction.atomic():
            observation = Observation.objects.select_for_update().get(pk=observation.pk)
            if observation.is_answered:
                raise ValidationError(_("The body has already answered these observations."))
            if observation.complaint.state not in COMMISSION_OPEN_STATES:
                raise ValidationError(_("The complaint is no longer being examined."))
            observation.answer = answer
            observation.answered_at = timezone.now()
            observation.answered_by = actor
            observation._history_user = actor
            observation.save(update_fields=["answer", "answered_at", "answered_by"])
            for title, upload in checked:
                document = ObservationDocument(observation=observation, title=title,
                                               file=uploads.server_named(upload),
                                               original_name=upload.name[:255],
                                               content_type=upload.detected_type)
                try:
                    document.save()
                finally:
                    if document.file._committed:
                        written.append(document.file)
            steps.record(observation.complaint, "answer_observations", actor)
            complaint = observation.complaint
            in_charge = complaint.rapporteur_id and User.objects.filter(pk=complaint.rapporteur_id)
            notices.tell_users(complaint, in_charge or permissions.presidents(), "observations_answered",
                               timezone.localdate())
    except Exception:
        for file in written:  # nothing half-saved: no file without its row
            file.storage.delete(file.name)
        raise
    return observation


def add_note(*, actor, complaint: CommissionComplaint, text: str) -> InvestigationNote:
    """A confidential note of the investigation (RI 9)."""
    text = (text or "").strip()
    with transaction.atomic():
        complaint = _locked(complaint)
        _require_in_charge(actor, complaint)
        if not text:
            raise ValidationError({"text": _("Write the note.")})
        note = InvestigationNote(complaint=complaint, author=actor, text=text)
        note._history_user = actor
        note.save()
    return note


# -- the decision, its notice and its receipt -----------------------------------------------------


def notify_decision(complaint: CommissionComplaint) -> None:
    """RI 15: the complainant is informed of the decision (or of the inadmissibility),
    by e-mail and on their page, against an acknowledgement of receipt (recorded when
    they open it on the portal, or entered by the Commission from the postal
    acknowledgement); the body's officers are told, for the follow-up. Called in the
    transaction of the inadmissibility (a decision in session is notified by
    ``appeals.sessions``, with its letter)."""
    today = timezone.localdate()
    kind = "inadmissible" if complaint.state == S.INADMISSIBLE else "decided"
    notices.tell_complainant(complaint, kind, today)
    if kind == "decided":
        notices.tell_officers(complaint, "decision_to_body", today)


def record_seen(*, actor, complaint: CommissionComplaint) -> bool:
    """The complainant opened the answered complaint on the portal (art. 21 counts from it)."""
    if not complaint.is_answered or actor.pk not in (complaint.complainant_id,
                                                     complaint.request.requester_id):
        return False
    return receipts.record_seen(complaint, actor=actor)


def record_decision_receipt(*, actor, complaint: CommissionComplaint, on: date, via: str, proof):
    """A member of the Commission enters the day the complainant received the decision,
    with the acknowledgement of receipt (post or at the seat)."""
    if not permissions.is_commission_member(actor):
        raise PermissionDenied(_("Only the Commission records the receipt of its decision."))
    if not complaint.is_answered:
        raise ValidationError(_("The Commission has not answered this complaint yet."))
    return receipts.record_by_officer(complaint, on=on, via=via, proof=proof, actor=actor)


# -- follow-up -----------------------------------------------------------------------------------


def report_compliance(*, actor, complaint: CommissionComplaint, text: str) -> CommissionComplaint:
    """The body reports what it did after the decision."""
    if not permissions.is_officer_of(actor, complaint.request.body):
        raise PermissionDenied(_("Only an information officer of the body reports what it did."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Say what the body did after the decision.")})
    with transaction.atomic():
        complaint = _locked(complaint)
        if complaint.state != S.DECIDED:
            raise ValidationError(_(
                "The body reports on a decision of the Commission that is being followed up."))
        complaint.body_report, complaint.body_reported_by = text, actor
        complaint.body_reported_at = timezone.now()
        complaint._history_user = actor
        complaint.save(update_fields=["body_report", "body_reported_at", "body_reported_by"])
        steps.record(complaint, "report_compliance", actor)
        notices.tell_complainant(complaint, "compliance_reported", timezone.localdate())
    return complaint


def requester_answer(*, actor, complaint: CommissionComplaint, view: str,
                     comment: str = "") -> CommissionComplaint:
    """The complainant confirms or disputes what the body reports."""
    if getattr(actor, "pk", None) is None or actor.pk not in (complaint.complainant_id,
                                                              complaint.request.requester_id):
        raise PermissionDenied(_("Only the complainant answers."))
    if view not in (CommissionComplaint.Compliance.CONFIRMED, CommissionComplaint.Compliance.DISPUTED):
        raise ValidationError({"view": _("Say whether you confirm or dispute what the body reports.")})
    with transaction.atomic():
        complaint = _locked(complaint)
        if complaint.state != S.DECIDED or not complaint.body_reported_at:
            raise ValidationError(_("There is no report of the body to answer."))
        complaint.requester_view = view
        complaint.requester_comment = (comment or "").strip()
        complaint.requester_answered_at = timezone.now()
        complaint._history_user = actor
        complaint.save(update_fields=["requester_view", "requester_comment", "requester_answered_at"])
        steps.record(complaint, "requester_answer", actor, note=complaint.get_requester_view_display())
    return complaint


def record_compliance(*, actor, complaint: CommissionComplaint, complied: bool) -> CommissionComplaint:
    """The Commission records whether its decision was complied with."""
    with transaction.atomic():
        complaint = _locked(complaint)
        if not _is_rapporteur_or_president(actor, complaint):
            raise PermissionDenied(_("Only the President or the member in charge records the follow-up."))
        steps.run(complaint, "record_compliance" if complied else "record_non_compliance", actor)
    return complaint


# -- the clock's expiries ------------------------------------------------------------------------

BATCH = 1000


def mark_overdue_batch(today: date) -> int:
    """Open complaints past the Commission's last day (art. 20) are marked unanswered
    since the sweep that found them; their state does not change (the Commission may
    still decide, late; the court's window already runs, art. 21)."""
    ids = list(CommissionComplaint.objects.filter(state__in=COMMISSION_OPEN_STATES, due_date__lt=today,
                                                  overdue_since__isnull=True)
               .values_list("pk", flat=True)[:BATCH])
    if not ids:
        return 0
    return CommissionComplaint.objects.filter(pk__in=ids).update(overdue_since=today)


def mark_observations_late_batch(today: date) -> int:
    """Observations unanswered past their date are marked late (the Commission's own
    period runs on: art. 20)."""
    ids = list(Observation.objects.filter(answered_at__isnull=True, reply_by__lt=today,
                                          late_since__isnull=True).values_list("pk", flat=True)[:BATCH])
    if not ids:
        return 0
    return Observation.objects.filter(pk__in=ids).update(late_since=today)
