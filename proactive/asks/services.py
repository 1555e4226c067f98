"""Asks that a body open a dataset (issue 13, point 5): a citizen asks, others support
the ask (one support per account), and the body's information officers answer it within
the period the body states (its ``DatasetAskPolicy``) or, when it states none, within the
rules table's ``dataset_ask_answer``.

The asker's own ask counts as supported by them: asking records the asker's support, so
the count shows everyone who wants the dataset, and the asker's later "support" is
refused like any second support (the database's one-support-per-account constraint)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import PublicBody, User
from accounts.permissions import DECIDE_COMPLAINTS, HANDLE_REQUESTS, has_body_permission
from requests_app.clock import calendar, periods
from requests_app.clock.models import LegalRule
from requests_app.outbox.store import owe
from requests_app.outbox.tasks import send_soon

from ..models import AskSupport, DatasetAsk, DatasetAskPolicy, RegisterEntry

# The outbox's subject for the mails about an ask (``notices``).
SUBJECT = "dataset_ask"
PERIOD = LegalRule.Period.DATASET_ASK_ANSWER
ANSWERABLE = (DatasetAsk.State.OPEN, DatasetAsk.State.PLANNED)
SUPPORTABLE = ANSWERABLE


# -- the period -----------------------------------------------------------------------------


def answer_rule(body: PublicBody, on: date) -> LegalRule:
    """The period within which ``body`` answers an ask made on ``on``: the one it states,
    else the rules table's. A stated period is returned as an unsaved rule, so that one
    counter (``periods.period_end``) and one wording (``periods.period_text``) serve both."""
    return rule_of(DatasetAskPolicy.objects.filter(body=body).first(), on)


def rule_of(policy: DatasetAskPolicy | None, on: date) -> LegalRule:
    """``answer_rule`` for a body whose stated period (or none) is already read."""
    if policy is not None:
        return LegalRule(period=PERIOD, length=policy.length, unit=policy.unit, article="", effective_from=on)
    return periods.rule_in_force(PERIOD, on)


def answer_due(body: PublicBody, asked_on: date) -> date:
    return periods.period_end(answer_rule(body, asked_on), asked_on, body.kind)


def is_overdue(ask: DatasetAsk, today: date) -> bool:
    return ask.state == DatasetAsk.State.OPEN and ask.answer_due < today


def days_left(ask: DatasetAsk, today: date, rule: LegalRule | None = None) -> tuple[int, str] | None:
    """(count, unit) from ``today`` to the answer's due date, in the unit of the body's
    period (negative once past); None once the body has answered."""
    if ask.state != DatasetAsk.State.OPEN:
        return None
    rule = rule or answer_rule(ask.body, today)
    if rule.unit == LegalRule.Unit.WORKING_DAYS:
        return calendar.working_days_between(today, ask.answer_due, ask.body.kind), rule.unit
    return (ask.answer_due - today).days, rule.unit


def may_state_period(user, body: PublicBody) -> bool:
    return has_body_permission(user, HANDLE_REQUESTS, body) or has_body_permission(
        user, DECIDE_COMPLAINTS, body
    )


@transaction.atomic
def state_period(*, actor, body: PublicBody, length: int, unit: str) -> DatasetAskPolicy:
    """The body's officers or its head state the period within which it answers asks;
    the asks already made keep their due date."""
    if not may_state_period(actor, body):
        raise PermissionDenied(_("Only the body's information officers or its head state its period."))
    if not length or length < 1:
        raise ValidationError({"length": _("Give a period of at least one day.")})
    policy = DatasetAskPolicy.objects.select_for_update().filter(body=body).first() or DatasetAskPolicy(
        body=body
    )
    policy.length, policy.unit, policy.stated_by = length, unit, actor
    policy._change_reason = "stated"
    policy.full_clean()
    policy.save()
    return policy


# -- asking and supporting --------------------------------------------------------------------


@transaction.atomic
def ask(
    *, actor, body: PublicBody, title: str, description: str = "", today: date | None = None
) -> DatasetAsk:
    """A signed-in person asks ``body`` to open a dataset; the ask is due within the
    body's period and counts the asker's support."""
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Say which dataset you ask for.")})
    if not body.active:
        raise ValidationError({"body": _("This body no longer receives asks.")})
    duplicate = DatasetAsk.objects.filter(body=body, title__iexact=title, state__in=ANSWERABLE).first()
    if duplicate is not None:
        raise ValidationError(
            {
                "title": _(
                    "The same dataset has already been asked of this body (ask no. "
                    "%(number)s): support that ask instead."
                )
                % {"number": duplicate.pk}
            }
        )
    today = today or timezone.localdate()
    item = DatasetAsk(
        body=body,
        title=title,
        description=(description or "").strip(),
        asked_by=actor,
        asked_on=today,
        answer_due=answer_due(body, today),
    )
    item._change_reason = "asked"
    item.full_clean()
    item.save()
    AskSupport.objects.create(ask=item, user=actor)
    return item


def already_supported(user, item: DatasetAsk) -> bool:
    return user.is_authenticated and AskSupport.objects.filter(ask=item, user=user).exists()


@transaction.atomic
def support(*, actor, ask: DatasetAsk) -> AskSupport:
    """One support per account: a second is refused, here and by the database."""
    item = DatasetAsk.objects.select_for_update().get(pk=ask.pk)
    if item.state not in SUPPORTABLE:
        raise ValidationError(_("This ask has been answered: it can no longer be supported."))
    if AskSupport.objects.filter(ask=item, user=actor).exists():
        raise ValidationError(_("You already support this ask: each account supports an ask once."))
    try:
        with transaction.atomic():
            return AskSupport.objects.create(ask=item, user=actor)
    except IntegrityError as exc:  # a second support sent at the same moment
        raise ValidationError(_("You already support this ask: each account supports an ask once.")) from exc


# -- the body's answer ------------------------------------------------------------------------


def may_answer(user, body: PublicBody) -> bool:
    return has_body_permission(user, HANDLE_REQUESTS, body)


def _interested(item: DatasetAsk):
    """The asker and every supporter, at their account's address, in their language."""
    users = User.objects.filter(
        Q(pk=item.asked_by_id) | Q(pk__in=AskSupport.objects.filter(ask=item).values("user_id")),
        is_active=True,
    ).exclude(email="")
    return users.values(
        subject_id=Value(item.pk),
        recipient=F("email"),
        recipient_language=Coalesce(
            NullIf(F("preferred_language"), Value("")), Value(settings.LANGUAGE_CODE)
        ),
    )


@transaction.atomic
def answer(
    *,
    actor,
    ask: DatasetAsk,
    state: str,
    planned_for: date | None = None,
    published_url: str = "",
    register_entry: RegisterEntry | None = None,
    reason: str = "",
    today: date | None = None,
) -> DatasetAsk:
    """The body answers: planned (with a date), published (with a link, or the register
    entry that holds it) or declined (with a reason). A planned ask may be answered again
    when it is published or declined. The asker and supporters are told by mail."""
    item = DatasetAsk.objects.select_for_update().select_related("body").get(pk=ask.pk)
    if not may_answer(actor, item.body):
        raise PermissionDenied(_("Only the body's information officers answer its asks."))
    if item.state not in ANSWERABLE:
        raise ValidationError(_("This ask has already been answered."))
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    published_url = (published_url or "").strip()
    if register_entry is not None and (register_entry.body_id != item.body_id or register_entry.retired_at):
        raise ValidationError({"register_entry": _("Pick an entry of this body's register.")})
    if state == DatasetAsk.State.PLANNED:
        if planned_for is None:
            raise ValidationError({"planned_for": _("Give the date by which the dataset will be published.")})
        if planned_for < today:
            raise ValidationError({"planned_for": _("The planned date cannot be in the past.")})
        item.planned_for = planned_for
    elif state == DatasetAsk.State.PUBLISHED:
        if not published_url and register_entry is not None:
            published_url = register_entry.url
        if not published_url:
            raise ValidationError(
                {
                    "published_url": _(
                        "Give the address where the dataset is published, or pick its register entry."
                    )
                }
            )
        item.published_url, item.register_entry = published_url, register_entry
    elif state == DatasetAsk.State.DECLINED:
        if not reason:
            raise ValidationError({"reason": _("Give the reason for declining the ask.")})
    else:
        raise ValidationError(_("Choose an answer."))
    item.reason = reason
    item.state = state
    item.answered_by, item.answered_at = actor, timezone.now()
    item._change_reason = state
    item.full_clean()
    item.save()
    # One notice per answer: a plan moved to another date the same day is a new answer.
    concerned = item.planned_for if state == DatasetAsk.State.PLANNED else today
    send_soon(owe(_interested(item), subject=SUBJECT, kind=state, date_concerned=concerned))
    return item
