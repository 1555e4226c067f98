"""The request's letters, in Arabic then French on the shared frame (``letters``): the
receipt of a request (art. 14), the notice of an extension (arts 16, 17) and the
decision letter (arts 5, 6, 7, 8, 15, 18 to 21, 29). Their periods come from the rules table
and their dates from ``deadlines``; what a person typed (a subject, reasons, a title)
is isolated, so that its direction never reorders the sentence around it."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from accounts.models import Designation

from .clock.models import LegalRule
from .clock.periods import CountedPeriod, SkippedDay, period_text, rule_in_force
from .deadlines import (
    body_kind,
    complaint_window,
    complaint_window_after,
    complaint_window_pending,
    explain_due_date,
)
from .letters import (
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
from .models import Decision, InformationRequest
from .privacy import personal_data_notice
from .reuse import reuse_text
from .selectors import released_documents


def _day_off(day: SkippedDay) -> str:
    # A Saturday or Sunday has no name of its own: say which weekday it is.
    name = day.name or str(WEEKDAYS[day.day.weekday()])
    # Translators: a day not counted in a period, e.g. "Independence Day (18/11/2026)".
    return _("%(name)s (%(date)s)") % {"name": name, "date": format_date(day.day)}


def explain_period(period: CountedPeriod) -> str:
    """One period of the law in words (the due date's, arts 16-17, or a complaint's
    window, arts 19-21), with the days it skipped: for letters and refusals."""
    rule = period.rule
    text = _("%(period)s: %(length)s after %(start)s, that is %(end)s (art. %(article)s).") % {
        "period": rule.get_period_display(), "length": period_text(rule),
        "start": format_date(period.start), "end": format_date(period.end), "article": rule.article}
    if rule.unit == LegalRule.Unit.WORKING_DAYS:
        skipped = []
        if period.weekend_days:
            skipped.append(ngettext("%(count)s Saturday or Sunday", "%(count)s Saturdays and Sundays",
                                    period.weekend_days) % {"count": period.weekend_days})
        skipped += [_day_off(day) for day in period.holidays]
        if skipped:
            text += " " + _("Days not counted: %(days)s.") % {"days": join(skipped)}
        return text
    # Calendar days count the days off, but a period that ends on one moves to the
    # next working day (DESIGN.md, DOC art. 133 by analogy).
    moved = [day for day in period.skipped if day.day >= period.start + timedelta(days=rule.length)]
    if moved:
        text += " " + _("Its last day fell on a day off: %(days)s; it ends on the next working day.") % {
            "days": join([_day_off(day) for day in moved])}
    return text


def _periods(information_request: InformationRequest) -> dict[str, LegalRule]:
    """The rules of arts 16 to 21 that apply to ``information_request``: the answer
    periods in force on the day it was received, the later ones in force today."""
    received_on = information_request.received_on or timezone.localdate()
    today = max(timezone.localdate(), received_on)
    answer = {LegalRule.Period.ANSWER_ORDINARY, LegalRule.Period.EXTENSION_ORDINARY,
              LegalRule.Period.ANSWER_URGENT, LegalRule.Period.EXTENSION_URGENT}
    return {period: rule_in_force(period, received_on if period in answer else today)
            for period in LegalRule.Period.values}


def _rights(information_request: InformationRequest) -> list[str]:
    """The requester's rights and remedies, in the words of arts 16 to 21; every
    period is read from the rules table."""
    rules = _periods(information_request)

    def values(period: str, second: str | None = None) -> dict[str, str]:
        """``period`` in words and its article, and the ``second`` period of the same
        article (the answer to a complaint) in words."""
        result = {"period": period_text(rules[period]), "article": rules[period].article}
        if second:
            result["second_period"] = period_text(rules[second])
        return result

    Period = LegalRule.Period
    return [
        _("The body must answer within a period not exceeding %(period)s from the date the request is "
          "received. This period may be extended once by the same length, in the cases listed in article "
          "16, if the body notifies you in advance, in writing or by e-mail, stating the reasons for the "
          "extension (art. %(article)s).") % values(Period.ANSWER_ORDINARY),
        _("In urgent cases, where obtaining the information is necessary to protect the life, safety "
          "and liberty of persons, the body must answer within %(period)s, subject to the extension "
          "cases of article 16 (art. %(article)s).") % values(Period.ANSWER_URGENT),
        _("A refusal to provide the information, in full or in part, must be reasoned and in writing, "
          "and must mention your right to complain against the refusal (art. 18)."),
        _("If your request gets no answer or is not satisfied, you may complain to the head of the "
          "body within %(period)s from the expiry of the legal period for answering, or from receipt "
          "of the answer; the head must examine the complaint and inform you of the decision taken "
          "within %(second_period)s of receiving it (art. %(article)s).")
        % values(Period.COMPLAINT_HEAD_FILING, Period.HEAD_DECISION),
        _("You may then complain to the Commission for the right of access to information (CDAI) "
          "within %(period)s following the expiry of the legal period for answering your complaint "
          "to the head of the body, or from receipt of that answer, by registered post or by e-mail "
          "against an acknowledgement of receipt; the Commission must examine the complaint and "
          "inform you of its outcome within %(second_period)s of receiving it (art. %(article)s).")
        % values(Period.COMPLAINT_COMMISSION_FILING, Period.COMMISSION_ANSWER),
        _("You may appeal against the decision of the head of the body to the competent "
          "administrative court within %(period)s from receipt of the Commission's answer to your "
          "complaint, or from the expiry of the legal period for that answer (art. %(article)s).")
        % values(Period.COURT_APPEAL),
    ]


def _body_line(information_request: InformationRequest) -> tuple[str, str]:
    # Each section is written with its language active: the body's name is in it.
    return _("Body concerned: %(body)s") % {"body": information_request.body.name}, "body"


def _acting_officer(information_request: InformationRequest, transition: str | None):
    """The officer who acted for the body: the actor of ``transition`` (a request
    registered at the counter, an extension) if they serve the body, else the officer
    the request is assigned to; with their designation (art. 12). ``(None, None)`` when
    no officer of the body has acted (a request filed online and not yet assigned)."""
    candidates = []
    if transition:
        change = (information_request.state_changes.filter(transition=transition, actor__isnull=False)
                  .select_related("actor").order_by("-at", "-id").first())
        if change:
            candidates.append(change.actor)
    if information_request.assigned_to_id:
        candidates.append(information_request.assigned_to)
    for user in candidates:
        designation = _designation(user, information_request.body)
        if designation:
            return user, designation
    return None, None


def _designation(user, body) -> Designation | None:
    """The latest designation of ``user`` at ``body`` (art. 12), for their title."""
    return Designation.objects.filter(user=user, body=body).order_by("-starts_on", "-id").first()


def _sender_lines(information_request: InformationRequest, *, transition: str | None = None,
                  officer=None) -> Lines:
    """Who sends the letter: the body's name and address, then the officer who acted
    (``officer``, or the one found by ``_acting_officer``), their name and title."""
    body = information_request.body
    lines: Lines = [(_("From: %(body)s") % {"body": body.name}, "heading")]
    if body.address.strip():
        lines.append((_("Address: %(address)s") % {"address": isolate(" ".join(body.address.split()))},
                      "body"))
    if officer is not None:
        designation = _designation(officer, body)
    else:
        officer, designation = _acting_officer(information_request, transition)
    if officer is not None:
        name = officer.get_full_name().strip() or officer.email
        if designation is not None:
            text = _("Officer: %(name)s, %(title)s") % {"name": isolate(name),
                                                         "title": designation.get_role_display()}
        else:
            text = _("Officer: %(name)s") % {"name": isolate(name)}
        lines.append((text, "body"))
    return lines


def _requester_lines(information_request: InformationRequest) -> Lines:
    """The requester's name and the subject of the request."""
    name = f"{information_request.first_name} {information_request.family_name}".strip()
    return [
        (_("Requester: %(name)s") % {"name": isolate(name)}, "body"),
        (_("Subject: %(subject)s") % {"subject": isolate(information_request.subject)}, "body"),
    ]


def _claim_lines(information_request: InformationRequest) -> Lines:
    """A request registered by an officer (counter, post, e-mail) can be followed online
    once the requester adds it to an account with this code."""
    if information_request.requester_id is not None or not information_request.claim_code:
        return []
    return [(_("To follow this request online, create an account on Nafida and add it with the "
               "reference and this code: %(code)s") % {"code": left_to_right(information_request.claim_code)},
             "heading")]


def _receipt_title(information_request: InformationRequest) -> str:
    """Art. 14: a request deposited at the counter gets a receipt (وصل); one sent by post
    or by e-mail, or filed on the portal, an acknowledgement of receipt (إشعار بالتوصل)."""
    if information_request.channel == InformationRequest.Channel.COUNTER:
        return gettext_noop("Receipt of a request for access to information")
    return gettext_noop("Acknowledgement of receipt of a request for access to information")


def _receipt_section(information_request: InformationRequest, language: str) -> Lines:
    """The receipt in ``language``, which the caller has activated."""
    if information_request.is_urgent:
        request_type = _("Type of request: urgent (art. 17). Reason: %(reason)s.") % {
            "reason": information_request.get_urgency_reason_display()}
    else:
        request_type = _("Type of request: ordinary (art. 16).")
    computed = [_("How this date is computed:"),
                *map(explain_period, explain_due_date(information_request, language))]
    return [
        (_(_receipt_title(information_request)), "title"),
        (_("Law No. 31.13 on the right of access to information, article 14"), "subtitle"),
        *_sender_lines(information_request, transition="submit"),
        (_("Reference: %(reference)s, received on %(date)s; channel: %(channel)s") % {
            "reference": left_to_right(information_request.reference),
            "date": format_date(information_request.received_on),
            "channel": information_request.get_channel_display()}, "body"),
        _body_line(information_request),
        (request_type, "body"),
        *_requester_lines(information_request),
        # Art. 14: the request's own text, as the requester wrote it.
        (_("Information sought: %(text)s") % {"text": isolate(information_request.information_sought)},
         "body"),
        (_("The body must answer by %(date)s.") % {"date": format_date(information_request.due_date)},
         "heading"),
        (" ".join(computed), "body"),
        *_claim_lines(information_request),
        (_("Your rights under Law No. 31.13"), "heading"),
        *((f"• {right}", "item") for right in _rights(information_request)),
        (" ".join([_("Your personal data (Law No. 09-08)") + ":",
                   *personal_data_notice(information_request.body, number=left_to_right)]), "item"),
    ]


def _document(information_request: InformationRequest, section, title: str) -> bytes:
    """A letter about the request: ``section(information_request, language)`` in Arabic,
    then in French; the PDF's title is ``title`` (French) and the reference."""
    return bilingual_pdf(lambda language: section(information_request, language),
                         title=lambda: f"{_(title)} {information_request.reference}")


def receipt_pdf(information_request: InformationRequest) -> bytes:
    """The receipt of a request (art. 14: deposit against a receipt, or an
    acknowledgement of receipt), in Arabic and French, as PDF bytes."""
    if information_request.received_on is None or information_request.due_date is None:
        raise LetterNotAvailable(f"Request {information_request.reference} has not been received: "
                                 "it has no receipt.")
    return _document(information_request, _receipt_section, _receipt_title(information_request))


# ---------------------------------------------------------------------------------
# The decision letter and the extension notice
# ---------------------------------------------------------------------------------


def _letter_header(information_request: InformationRequest, title: str, dated: str,
                   *, transition: str | None = None, officer=None) -> Lines:
    """The title, the law, who sends the letter (the body, its address, the officer who
    acted), then the request: reference, body, requester, subject, and the date of the
    letter (``dated``)."""
    return [
        (title, "title"),
        (_("Law No. 31.13 on the right of access to information"), "subtitle"),
        *_sender_lines(information_request, transition=transition, officer=officer),
        (_("Reference of the request: %(reference)s, received on %(date)s") % {
            "reference": left_to_right(information_request.reference),
            "date": format_date(information_request.received_on)}, "body"),
        _body_line(information_request),
        *_requester_lines(information_request),
        (dated, "body"),
    ]


def _remedies(information_request: InformationRequest) -> list[str]:
    """The steps after a complaint to the head of the body (arts 19, 20 and 21)."""
    return _rights(information_request)[3:]


def _complaint_lines(information_request: InformationRequest, sentence: str) -> Lines:
    """The right to complain (arts 18 to 21): ``sentence`` gives the last day for a
    complaint to the head of the body, then come the Commission and the court."""
    return [
        (_("Your right to complain (arts 18 to 21)"), "heading"),
        (sentence, "body"),
        *((f"• {remedy}", "item") for remedy in _remedies(information_request)),
    ]


def _money(amount) -> str:
    return number_format(amount, 2)


def _outcome_lines(information_request: InformationRequest, decision: Decision) -> Lines:
    outcome = {
        Decision.Outcome.GRANTED: _("Your request is granted: the information is delivered to you."),
        Decision.Outcome.PARTIALLY_GRANTED: _(
            "Your request is partially granted: the parts of the information withheld, for the reasons "
            "given below, have been removed and the rest is delivered to you (arts 8 and 18)."),
        Decision.Outcome.REFUSED: _("Your request is refused (art. 18)."),
    }[decision.outcome]
    lines = [(outcome, "heading")]
    if decision.late:
        lines.append((_("This decision was given after the legal deadline for answering, which ended on "
                        "%(date)s.") % {"date": format_date(information_request.due_date)}, "body"))
    return lines


def _citation_lines(decision: Decision) -> Lines:
    """Each art. 7 exception relied on, with the part withheld and its justification."""
    citations = decision.citations.select_related("exemption").order_by("id")
    if not citations:
        return []
    if decision.outcome == Decision.Outcome.PARTIALLY_GRANTED:
        lines = [(_("Parts withheld and the exceptions relied on (arts 7 and 8)"), "heading")]
    else:
        lines = [(_("Exceptions relied on (art. 7)"), "heading")]
    for citation in citations:
        text = _("%(reference)s: %(label)s.") % {
            "reference": citation.exemption.citation, "label": citation.exemption.label}
        if citation.withheld_part:
            text += " " + _("Part withheld: %(part)s.") % {"part": isolate(citation.withheld_part)}
        text += " " + _("Justification: %(justification)s") % {
            "justification": isolate(citation.public_justification)}
        lines.append((f"• {text}", "item"))
    return lines


def _ground_lines(decision: Decision) -> Lines:
    """The art. 18 grounds, each with its reason (and, in a partial grant, the part
    withheld on it), then what the reply must give for some of them."""
    grounds = decision.grounds.select_related("ground").order_by("ground__item", "id")
    if not grounds:
        return []
    if decision.is_refusal:
        lines = [(_("Grounds of refusal (art. 18)"), "heading")]
    else:
        lines = [(_("Parts withheld on a ground of article 18"), "heading")]
    for item in grounds:
        ground = item.ground
        text = _("%(label)s (art. %(article)s, %(item)s°)") % {
            "label": ground.label, "article": ground.article, "item": ground.item} + "."
        if item.withheld_part:
            text += " " + _("Part withheld: %(part)s.") % {"part": isolate(item.withheld_part)}
        if item.reason:
            text += " " + _("Reason: %(reason)s") % {"reason": isolate(item.reason)}
        lines.append((f"• {text}", "item"))
    if decision.publication_key:
        # A record the body published (its art. 10 register, the open-data portal): its title.
        lines.append((_("The information is already published under the title %(title)s; it can be "
                        "obtained at: %(location)s (art. 18).") % {
            "title": isolate(decision.publication_reference),
            "location": isolate(decision.publication_location)}, "body"))
    elif decision.publication_reference:
        lines.append((_("The information is already published under the reference %(reference)s; it can "
                        "be obtained at: %(location)s (art. 18).") % {
            "reference": isolate(decision.publication_reference),
            "location": isolate(decision.publication_location)}, "body"))
    if decision.earlier_request_id:
        lines.append((_("The same information was already supplied to you this year, in answer to your "
                        "request %(reference)s (art. 18).") % {
            "reference": left_to_right(decision.earlier_request.reference)}, "body"))
    return lines


def _delivery_lines(information_request: InformationRequest, decision: Decision) -> Lines:
    """The documents released, how they are delivered (art. 15) and what they cost (art. 5)."""
    lines: Lines = []
    documents = released_documents(information_request)
    if documents:
        lines.append((_("Documents released"), "heading"))
        for document in documents:
            redacted = f" — {_('redacted version (art. 8)')}" if document.is_redacted else ""
            lines.append((f"• {isolate(document.title)}{redacted}", "item"))
    if decision.delivery_method:
        lines.append((_("Delivery of the information (art. 15): %(method)s.") % {
            "method": decision.get_delivery_method_display()}, "body"))
    # Art. 5: access is free, except the services paid for under the regulations in
    # force; the requester bears, where needed, the cost of copying or processing the
    # information and of sending it.
    if decision.copying_cost or decision.sending_cost:
        costs = _("Access to information is free of charge, except for the services paid for under the "
                  "regulations in force; you bear the costs needed to copy or process the information "
                  "requested and to send it to you (art. 5): copying or processing %(copying)s MAD, "
                  "sending %(sending)s MAD, that is %(total)s MAD in all.") % {
            "copying": _money(decision.copying_cost), "sending": _money(decision.sending_cost),
            "total": _money(decision.copying_cost + decision.sending_cost)}
    else:
        costs = _("Access to the information is free of charge: no cost of copying, processing or "
                  "sending is charged (art. 5).")
    lines.append((costs, "body"))
    return lines


def _reuse_lines() -> Lines:
    """What the requester may do with the information released: the four conditions
    of art. 6 and the penalty of art. 29, in the words the pages show (``reuse``)."""
    text = reuse_text()
    return [
        (str(text.heading), "heading"),
        (str(text.introduction), "body"),
        *((f"{number}. {condition}", "item") for number, condition in enumerate(text.conditions, start=1)),
        (str(text.penalty), "body"),
    ]


def _decision_complaint(information_request: InformationRequest) -> str:
    """Art. 19: the window counts from the day the requester received the answer: its
    last day once that day is known; before (the letter mailed with the decision), the
    period and where it starts."""
    window = complaint_window(information_request)
    if window is None:
        rule = complaint_window_pending(information_request)
        return _("You may file a complaint about this decision with the head of the body within %(period)s "
                 "from the day you receive this answer (art. %(article)s).") % {
            "period": period_text(rule), "article": rule.article}
    sentence = _("You may file a complaint about this decision with the head of the body within %(period)s "
                 "of receiving it (art. %(article)s), that is until %(end)s.") % {
        "period": period_text(window.rule), "article": window.rule.article, "end": format_date(window.end)}
    decision = information_request.decision
    return sentence + " " + _("You received this answer on %(date)s (%(how)s).") % {
        "date": format_date(decision.received_on), "how": decision.get_received_via_display()}


def _decision_section(information_request: InformationRequest, language: str) -> Lines:
    """The decision letter in ``language``, which the caller has activated."""
    decision = information_request.decision
    dated = _("Date of the decision: %(date)s") % {
        "date": format_date(timezone.localdate(decision.decided_at))}
    lines = [
        *_letter_header(information_request,
                        _("Decision on your request for access to information"), dated,
                        officer=decision.decided_by),
        *_outcome_lines(information_request, decision),
    ]
    if decision.is_refusal:
        lines += [*_ground_lines(decision), *_citation_lines(decision)]
    else:
        lines += [*_citation_lines(decision), *_ground_lines(decision),
                  *_delivery_lines(information_request, decision)]
    if decision.explanation:
        lines.append((_("Reasons and explanation: %(text)s") % {"text": isolate(decision.explanation)},
                      "body"))
    if not decision.is_refusal:
        lines += _reuse_lines()
    return lines + _complaint_lines(information_request, _decision_complaint(information_request))


def decision_letter_pdf(information_request: InformationRequest) -> bytes:
    """The written decision on a request, in Arabic and French, as PDF bytes: the
    outcome, its grounds (arts 7, 8, 18), delivery and costs (arts 5, 15), the reuse
    conditions of a grant (arts 6, 29), and the requester's right to complain (arts 18 to 21)."""
    if not information_request.is_decided or getattr(information_request, "decision", None) is None:
        raise LetterNotAvailable(f"Request {information_request.reference} has not been decided: "
                                 "it has no decision letter.")
    return _document(information_request, _decision_section,
                     gettext_noop("Decision on your request for access to information"))


def _silence_complaint(information_request: InformationRequest) -> str:
    """Art. 19: without an answer by the new due date, the complaint window opens."""
    window = complaint_window_after(information_request.due_date, body_kind(information_request))
    return _("If you have no answer by %(date)s, you may file a complaint with the head of the body within "
             "%(period)s after that date (art. %(article)s), that is until %(end)s.") % {
        "date": format_date(information_request.due_date), "period": period_text(window.rule),
        "article": window.rule.article, "end": format_date(window.end)}


def _extension_section(information_request: InformationRequest, language: str) -> Lines:
    """The extension notice in ``language``, which the caller has activated."""
    extension = explain_due_date(information_request, language)[-1]
    dated = _("Date of notification: %(date)s") % {
        "date": format_date(information_request.extension_notified_on)}
    return [
        *_letter_header(information_request,
                        _("Notice of extension of the period for answering your request"), dated,
                        transition="extend"),
        (_("The period for answering your request is extended once, by a period of the same length "
           "(art. %(article)s).") % {"article": extension.rule.article}, "heading"),
        (_("Ground of the extension: %(ground)s") % {
            "ground": information_request.get_extension_ground_display()},
         "body"),
        (_("Reasons for the extension: %(reasons)s") % {
            "reasons": isolate(information_request.extension_reasons)}, "body"),
        # The extension runs from the end of the first period: the former due date.
        (_("Former due date: %(date)s") % {"date": format_date(extension.start)}, "body"),
        (_("New due date: %(date)s") % {"date": format_date(information_request.due_date)}, "heading"),
        (f"{_('How this date is computed:')} {explain_period(extension)}", "body"),
        *_complaint_lines(information_request, _silence_complaint(information_request)),
    ]


def extension_notice_pdf(information_request: InformationRequest) -> bytes:
    """The notice of the extension of the period for answering (art. 16, or 17 for an
    urgent request), with its ground and reasons, in Arabic and French, as PDF bytes."""
    if (not information_request.is_extended or information_request.received_on is None
            or information_request.due_date is None):
        raise LetterNotAvailable(f"Request {information_request.reference} has not been extended: "
                                 "it has no extension notice.")
    return _document(information_request, _extension_section,
                     gettext_noop("Notice of extension of the period for answering your request"))


# Every letter of a request, by the name used in addresses and e-mails.
for _name, _filename, _build in (("receipt", "receipt", receipt_pdf),
                                 ("extension", "extension_notice", extension_notice_pdf),
                                 ("decision", "decision_letter", decision_letter_pdf)):
    register_letter(Letter(subject="request", name=_name, filename=_filename, build=_build))
