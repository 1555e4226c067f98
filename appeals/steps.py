"""How a complaint moves: every step is a transition of its state machine, run on a
locked row, saved with the actor in its history, and recorded in its trail
(``HeadComplaintStep``, ``CommissionStep``). The services call ``run``; nothing else
changes a complaint's state."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django_fsm import FSMField, can_proceed


def lock(model: type[models.Model], pk) -> models.Model:
    """The row, locked until the end of the caller's transaction."""
    return model._default_manager.select_for_update().get(pk=getattr(pk, "pk", pk))


def run(complaint, name: str, actor, *, note: str = "", then=None):
    """Run transition ``name`` on a locked ``complaint``, apply ``then`` (the facts that
    go with it), validate, save and record the step. A step that is not possible from
    the complaint's state is refused with a message naming that state."""
    method = getattr(complaint, name)
    if not can_proceed(method):
        raise ValidationError(_("This is not possible while the complaint is “%(state)s”.")
                              % {"state": complaint.get_state_display()})
    from_state = complaint.state
    method()
    if then is not None:
        then()
    # A protected state field refuses the value full_clean writes back: the transition set it.
    complaint.full_clean(exclude=[field.name for field in complaint._meta.fields
                                  if isinstance(field, (models.ForeignKey, models.FileField, FSMField))])
    complaint._history_user = actor
    complaint.save()
    complaint.steps.create(transition=name, from_state=from_state, to_state=complaint.state,
                           actor=actor, note=note or "")
    return complaint


def record(complaint, name: str, actor, *, note: str = "") -> None:
    """A step that changes no state (a letter sent, observations answered): kept in the
    trail all the same."""
    complaint.steps.create(transition=name, from_state=complaint.state, to_state=complaint.state,
                           actor=actor, note=note or "")
