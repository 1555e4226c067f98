"""The Commission's letters about a complaint, Arabic then French on the shared frame
(``requests_app.letters``): the deposit receipt (RI 11), the President's letter to the
body (RI 15) and the decision of inadmissibility (RI 15-16, with the court remedy of
art. 21). Periods come from the rules table; what a person typed is isolated."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from appeals import windows
from appeals.models import CommissionComplaint, CommissionComplaintState
from requests_app.clock.models import LegalRule
from requests_app.clock.periods import period_text, rule_in_force
from requests_app.letters import (
    Letter,
    LetterNotAvailable,
    Lines,
    bilingual_pdf,
    format_date,
    isolate,
    join,
    left_to_right,
    register_letter,
)

SUBJECT = "commission_complaint"
COMMISSION = gettext_noop("Commission for the right of access to information (CDAI)")


def complainant_name(complaint: CommissionComplaint) -> str:
    information_request = complaint.request
    return f"{information_request.first_name} {information_request.family_name}".strip()


def _commission_period(complaint: CommissionComplaint) -> str:
    return period_text(rule_in_force(LegalRule.Period.COMMISSION_ANSWER, complaint.filed_on))


def _header(complaint: CommissionComplaint, title: str, subtitle: str) -> Lines:
    information_request = complaint.request
    return [
        (title, "title"),
        (subtitle, "subtitle"),
        (_(COMMISSION), "heading"),
        (_("Complaint no. %(number)s, received on %(date)s (%(channel)s)") % {
            "number": left_to_right(complaint.number), "date": format_date(complaint.filed_on),
            "channel": complaint.get_channel_display()}, "body"),
        (_("Subject of the complaint: %(subject)s") % {"subject": isolate(complaint.subject)}, "body"),
        (_("Request concerned: %(reference)s, to %(body)s") % {
            "reference": left_to_right(information_request.reference),
            "body": isolate(information_request.body.name)}, "body"),
    ]


def _complainant_lines(complaint: CommissionComplaint) -> Lines:
    lines = [(_("Complainant: %(name)s") % {"name": isolate(complainant_name(complaint))}, "body")]
    if complaint.representative_name:
        lines.append((_("Legal representative: %(name)s (%(capacity)s)") % {
            "name": isolate(complaint.representative_name),
            "capacity": isolate(complaint.representative_capacity)}, "body"))
    return lines


def _due_line(complaint: CommissionComplaint) -> tuple[str, str]:
    text = _("The Commission answers by %(date)s: within %(period)s of receiving the complaint (art. 20).")
    values = {"date": format_date(complaint.due_date), "period": _commission_period(complaint)}
    return (text % values, "heading")


def _document(complaint: CommissionComplaint, section, title: str) -> bytes:
    return bilingual_pdf(lambda language: section(complaint, language),
                         title=lambda: f"{_(title)} {complaint.number}")


# -- RI 11: the deposit receipt ------------------------------------------------------------------

RECEIPT_TITLE = gettext_noop("Deposit receipt of a complaint to the Commission")


def _receipt_section(complaint: CommissionComplaint, language: str) -> Lines:
    return [
        *_header(complaint, _(RECEIPT_TITLE),
                 _("Law No. 31.13, article 20; internal rules of the Commission, articles 11 to 13")),
        *_complainant_lines(complaint),
        (_("Date of deposit: %(date)s. Registration number: %(number)s.") % {
            "date": format_date(complaint.filed_on), "number": left_to_right(complaint.number)}, "body"),
        _due_line(complaint),
        (_("The complaint is entered in the Commission's register of complaints (RI art. 13). Follow it "
           "on Nafida with its number."), "body"),
    ]


def deposit_receipt_pdf(complaint: CommissionComplaint) -> bytes:
    return _document(complaint, _receipt_section, RECEIPT_TITLE)


# -- RI 15: the President's letter to the body -------------------------------------------------

BODY_LETTER_TITLE = gettext_noop("Letter from the President of the Commission to the body")


def _body_letter_section(complaint: CommissionComplaint, language: str) -> Lines:
    information_request = complaint.request
    lines = [
        *_header(complaint, _(BODY_LETTER_TITLE),
                 _("Law No. 31.13, article 20; internal rules of the Commission, article 15")),
        (_("To the head of %(body)s") % {"body": isolate(information_request.body.name)}, "body"),
        (_("Request %(reference)s, received on %(date)s: %(subject)s") % {
            "reference": left_to_right(information_request.reference),
            "date": format_date(information_request.received_on),
            "subject": isolate(information_request.subject)}, "body"),
    ]
    if complaint.head_complaint_id:
        head = complaint.head_complaint
        lines.append((_("Prior complaint to the head of the body: %(number)s, %(state)s") % {
            "number": left_to_right(head.number), "state": head.get_state_display()}, "body"))
    lines += [
        (_("The Commission has received a complaint about this request and has found it admissible. It asks "
           "you to send it, through your workspace on Nafida, your observations on the complaint and the "
           "documents relating to the request, and to answer the questions it will put to you by the "
           "dates it sets."), "body"),
        _due_line(complaint),
        (_("This period is not suspended: please answer without delay."), "body"),
        (_("The President of the Commission"), "heading"),
    ]
    return lines


def body_letter_pdf(complaint: CommissionComplaint) -> bytes:
    if complaint.body_letter_sent_at is None:
        raise LetterNotAvailable(f"No letter has been sent to the body about {complaint.number}.")
    return _document(complaint, _body_letter_section, BODY_LETTER_TITLE)


# -- RI 15-16: the decision of inadmissibility ---------------------------------------------------

INADMISSIBILITY_TITLE = gettext_noop("Decision of inadmissibility of a complaint")


def failed_checks(complaint: CommissionComplaint) -> list[str]:
    return [str(complaint._meta.get_field(name).verbose_name)
            for name in ("procedure_followed", "has_standing", "body_covered", "is_information", "in_writing",
                         "on_time")
            if getattr(complaint, name) is False]


def court_lines(complaint: CommissionComplaint) -> Lines:
    """Art. 21: the appeal to the competent administrative court, with its last day once
    the complainant's receipt of this answer is known."""
    rule = rule_in_force(LegalRule.Period.COURT_APPEAL, complaint.filed_on)
    lines = [(_("You may appeal to the competent administrative court within %(period)s from receipt of "
                "this answer (art. %(article)s).") % {"period": period_text(rule), "article": rule.article},
              "body")]
    if complaint.is_received:
        window = windows.court_window(complaint)
        lines.append((_("You received this answer on %(received)s: the last day to appeal is %(end)s.") % {
            "received": format_date(complaint.received_on), "end": format_date(window.end)}, "body"))
    return lines


def _inadmissibility_section(complaint: CommissionComplaint, language: str) -> Lines:
    failed = failed_checks(complaint)
    articles = [_("art. 20 of Law No. 31.13"), _("arts 15 and 16 of the internal rules of the Commission")]
    if complaint.articles_cited:
        articles.append(isolate(complaint.articles_cited))
    return [
        *_header(complaint, _(INADMISSIBILITY_TITLE), _(
            "Law No. 31.13, articles 20 and 21; internal rules of the Commission, articles 15 and 16")),
        *_complainant_lines(complaint),
        (_("Decided on %(date)s.") % {"date": format_date(complaint.answered_on)}, "body"),
        (_("The Commission finds the complaint inadmissible."), "heading"),
        *([(_("Conditions not met: %(checks)s.") % {"checks": join(failed)}, "body")] if failed else []),
        (_("Reasons: %(reasons)s") % {"reasons": isolate(complaint.decision_reasons)}, "body"),
        (_("Articles relied on: %(articles)s.") % {"articles": join(articles)}, "body"),
        (_("Your remedy"), "heading"),
        *court_lines(complaint),
    ]


def inadmissibility_pdf(complaint: CommissionComplaint) -> bytes:
    if complaint.state != CommissionComplaintState.INADMISSIBLE:
        raise LetterNotAvailable(f"{complaint.number} has not been found inadmissible.")
    return _document(complaint, _inadmissibility_section, INADMISSIBILITY_TITLE)


# The letters the complainant may open, and those only the body (and the Commission) may.
COMPLAINANT_LETTERS = ("deposit_receipt", "inadmissibility")
BODY_LETTERS = ("body_letter",)


def register() -> None:
    for name, filename, build in (("deposit_receipt", "deposit_receipt", deposit_receipt_pdf),
                                  ("body_letter", "letter_to_body", body_letter_pdf),
                                  ("inadmissibility", "inadmissibility_decision", inadmissibility_pdf)):
        register_letter(Letter(subject=SUBJECT, name=name, filename=filename, build=build))
