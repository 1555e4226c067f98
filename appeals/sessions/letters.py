"""The Commission's decision on a complaint (RI 16), in Arabic then French on the shared
frame: its number and date, the body, the decision as a recommendation (art. 22), its
reasons and the articles it cites, and the remedy before the administrative court
(art. 21), whose period comes from the rules table. Nothing of the deliberations (RI 9):
no vote, no count, no minutes."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

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
    left_to_right,
    register_letter,
)

SUBJECT, NAME = "commission_complaint", "decision"
TITLE = gettext_noop("Decision of the Commission on a complaint")
DECIDED_STATES = (CommissionComplaintState.DECIDED, CommissionComplaintState.COMPLIED,
                  CommissionComplaintState.NOT_COMPLIED)


def is_decided(complaint: CommissionComplaint) -> bool:
    """Decided in a session (the letter exists): not before, whatever comes after."""
    return complaint.state in DECIDED_STATES and complaint.session_id is not None \
        and complaint.decided_at is not None and bool(complaint.outcome)


def _remedy(complaint: CommissionComplaint) -> str:
    """Art. 21: the administrative court, within ``court_appeal`` of the receipt."""
    rule = rule_in_force(LegalRule.Period.COURT_APPEAL, timezone.localdate(complaint.decided_at))
    return _("You may appeal against this decision to the competent administrative court within %(period)s "
             "from the day you receive it (art. %(article)s of Law No. 31.13).") % {
        "period": period_text(rule), "article": rule.article}


def _section(complaint: CommissionComplaint, language: str) -> Lines:
    information_request = complaint.request
    name = f"{information_request.first_name} {information_request.family_name}".strip()
    return [
        (_(TITLE), "title"),
        (_("Law No. 31.13 on the right of access to information, articles 20 to 22; internal rules of the "
           "Commission, article 16"), "subtitle"),
        (_("Commission for the right of access to information"), "heading"),
        (_("Complaint number: %(number)s, received on %(date)s") % {
            "number": left_to_right(complaint.number), "date": format_date(complaint.filed_on)}, "body"),
        (_("Date of the decision: %(date)s, taken in the session of %(session)s") % {
            "date": format_date(timezone.localdate(complaint.decided_at)),
            "session": format_date(complaint.session.held_on)}, "body"),
        (_("Body concerned: %(body)s") % {"body": isolate(information_request.body.name)}, "body"),
        (_("Information request: %(reference)s") % {
            "reference": left_to_right(information_request.reference)}, "body"),
        (_("Complainant: %(name)s") % {"name": isolate(name)}, "body"),
        (_("Subject: %(subject)s") % {"subject": isolate(complaint.subject)}, "body"),
        (_("The Commission's recommendation (art. 22)"), "heading"),
        (complaint.get_outcome_display(), "body"),
        (_("Reasons"), "heading"),
        (isolate(complaint.decision_reasons), "body"),
        (_("Articles relied on: %(articles)s") % {"articles": isolate(complaint.articles_cited)}, "body"),
        (_("Your remedy (art. 21)"), "heading"),
        (_remedy(complaint), "body"),
    ]


def decision_letter_pdf(complaint: CommissionComplaint) -> bytes:
    if not is_decided(complaint):
        raise LetterNotAvailable(f"Complaint {complaint.number} has not been decided in a session.")
    return bilingual_pdf(lambda language: _section(complaint, language),
                         title=lambda: f"{_(TITLE)} {complaint.number}")


LETTER = Letter(SUBJECT, NAME, "commission-decision", decision_letter_pdf)


def register() -> None:
    register_letter(LETTER)
