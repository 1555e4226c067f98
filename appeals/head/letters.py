"""The letters of a complaint to the head of the body (art. 19), in Arabic then French
on the shared frame: the receipt of the complaint and the head's decision letter.
Periods come from the rules table and dates from ``appeals.windows``; what a person
typed is isolated so that its direction never reorders the sentence around it."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from appeals import windows
from appeals.models import HeadComplaint
from requests_app import deadlines
from requests_app.clock import periods
from requests_app.clock.models import LegalRule
from requests_app.letters import (
    Letter,
    LetterNotAvailable,
    Lines,
    bilingual_pdf,
    format_date,
    isolate,
    left_to_right,
    register_letter,
)
from requests_app.pdf import explain_period

SUBJECT = "head_complaint"
P = LegalRule.Period


def _header(complaint: HeadComplaint, title: str) -> Lines:
    information_request = complaint.request
    return [
        (title, "title"),
        (_("Law No. 31.13 on the right of access to information, article 19"), "subtitle"),
        (_("Complaint number: %(number)s") % {"number": left_to_right(complaint.number)}, "heading"),
        (_("Addressed to the head of the body: %(body)s") % {"body": information_request.body.name}, "body"),
        (_("Received on %(date)s; received by: %(channel)s") % {
            "date": format_date(complaint.filed_on), "channel": complaint.get_channel_display()}, "body"),
        (_("Reference of the request: %(reference)s, received on %(date)s") % {
            "reference": left_to_right(information_request.reference),
            "date": format_date(information_request.received_on)}, "body"),
        (_("Subject: %(subject)s") % {"subject": isolate(information_request.subject)}, "body"),
        (_("What is contested: %(contested)s") % {"contested": complaint.get_contested_display()}, "body"),
    ]


def _receipt_section(complaint: HeadComplaint, language: str) -> Lines:
    kind = deadlines.body_kind(complaint.request)
    decision = periods.explain(P.HEAD_DECISION, complaint.filed_on, language, kind)
    # Art. 20: with the head silent, the Commission's window counts from the deadline.
    after_silence = periods.count(P.COMPLAINT_COMMISSION_FILING, complaint.due_date, kind)
    rule = after_silence.rule
    return [
        *_header(complaint, _("Receipt of a complaint to the head of the body")),
        (_("Reasons given: %(reasons)s") % {"reasons": isolate(complaint.reasons)}, "body"),
        (_("The head of the body must decide and inform you by %(date)s.") % {
            "date": format_date(complaint.due_date)}, "heading"),
        (f"{_('How this date is computed:')} {explain_period(decision)}", "body"),
        (_("If the head of the body does not answer by that date, you may complain to the Commission for "
           "the right of access to information within %(period)s after it (art. %(article)s), that is "
           "until %(end)s.") % {"period": periods.period_text(rule), "article": rule.article,
                                "end": format_date(after_silence.end)}, "body"),
    ]


def receipt_pdf(complaint: HeadComplaint) -> bytes:
    """The receipt of a complaint to the head of the body, with its number and the
    head's last day (art. 19)."""
    return bilingual_pdf(lambda language: _receipt_section(complaint, language),
                         title=lambda: f"{_(gettext_noop('Receipt of a complaint to the head of the body'))} "
                                       f"{complaint.number}")


def _outcome_text(complaint: HeadComplaint) -> str:
    return {
        "upheld": _("Your complaint is upheld."),
        "partly_upheld": _("Your complaint is partly upheld."),
        "rejected": _("Your complaint is rejected."),
    }[complaint.state]


def _commission_line(complaint: HeadComplaint) -> str:
    """Art. 20: the Commission's window counts from the receipt of this answer."""
    window = windows.commission_window(complaint)
    if window is None or not complaint.received_on:
        rule = periods.rule_in_force(P.COMPLAINT_COMMISSION_FILING, complaint.answered_on)
        return _("You may complain to the Commission for the right of access to information within "
                 "%(period)s from the day you receive this answer (art. %(article)s).") % {
            "period": periods.period_text(rule), "article": rule.article}
    return _("You may complain to the Commission for the right of access to information within %(period)s "
             "of receiving this answer (art. %(article)s), that is until %(end)s. You received it on "
             "%(date)s.") % {"period": periods.period_text(window.rule), "article": window.rule.article,
                             "end": format_date(window.end), "date": format_date(complaint.received_on)}


def _decision_section(complaint: HeadComplaint, language: str) -> Lines:
    information_request = complaint.request
    lines = [
        *_header(complaint, _("Decision of the head of the body on your complaint")),
        (_("Date of the decision: %(date)s") % {"date": format_date(complaint.answered_on)}, "body"),
        (_outcome_text(complaint), "heading"),
    ]
    if complaint.decided_late:
        lines.append((_("This decision was given after the deadline, which ended on %(date)s.") % {
            "date": format_date(complaint.due_date)}, "body"))
    lines.append((_("Reasons: %(reasons)s") % {"reasons": isolate(complaint.decision_reasons)}, "body"))
    if complaint.is_upheld and information_request.reopened_on and information_request.due_date:
        lines.append((_("Your request is reopened on %(date)s: the body must answer by %(due)s.") % {
            "date": format_date(information_request.reopened_on),
            "due": format_date(information_request.due_date)}, "heading"))
        counted = deadlines.explain_due_date(information_request, language)
        if counted:
            lines.append((f"{_('How this date is computed:')} {explain_period(counted[0])}", "body"))
    if complaint.state != "upheld":
        lines += [(_("Your right to complain to the Commission (art. 20)"), "heading"),
                  (_commission_line(complaint), "body")]
    return lines


def decision_letter_pdf(complaint: HeadComplaint) -> bytes:
    """The head's reasoned decision (art. 19), with the remedy that follows and its
    last day."""
    if not complaint.is_decided:
        raise LetterNotAvailable(f"Complaint {complaint.number} has not been decided.")
    return bilingual_pdf(lambda language: _decision_section(complaint, language),
                         title=lambda: (
                             f"{_(gettext_noop('Decision of the head of the body on your complaint'))} "
                             f"{complaint.number}"))


LETTERS = (
    Letter(SUBJECT, "receipt", "complaint_receipt", receipt_pdf),
    Letter(SUBJECT, "decision", "complaint_decision", decision_letter_pdf),
)


def register() -> None:
    for letter in LETTERS:
        register_letter(letter)


__all__ = ["LETTERS", "decision_letter_pdf", "receipt_pdf", "register"]
