"""A request form posted after the session expired is kept as a draft in the new
(anonymous) session and given back after logging in again, but only to the person who
wrote it: the form carries a signed token of its author, the draft records that owner,
holds only the form's own fields within their limits, and is dropped as soon as anyone
else signs in on that browser (a shared computer must not offer one requester's name
and identity number to the next)."""

from __future__ import annotations

from django.core import signing

from .forms import RequestForm

SESSION_PREFIX = "request-draft:"
# The token a logged-in author's form carries (hidden field ``DRAFT_OWNER_FIELD``).
DRAFT_OWNER_FIELD = "draft_owner"
_SALT = "requests_app.drafts.owner"
# A form left open longer than this is not kept: the token has expired too.
TOKEN_MAX_AGE = 7 * 24 * 3600
# The form's own fields, each within its own limit, and never more than this in all.
KEPT_FIELDS = [*RequestForm.Meta.fields, "submission_key"]
MAX_TOTAL = 16_000
_SHORT_LIMIT = 40  # choices, booleans and the submission key


def session_key(body) -> str:
    return f"{SESSION_PREFIX}{body.code}"


def owner_token(user) -> str:
    """The signed token of ``user`` that their filing form carries."""
    return signing.dumps(user.pk, salt=_SALT, compress=False)


def owner_of(token: str | None) -> int | None:
    """The pk of the user a token was signed for, or None if it is absent, forged or old."""
    if not token or len(token) > 200:
        return None
    try:
        return signing.loads(token, salt=_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None


def _limits() -> dict[str, int]:
    fields = RequestForm().fields
    return {name: getattr(fields[name], "max_length", None) or _SHORT_LIMIT
            for name in KEPT_FIELDS}


def keep(session, body, data) -> bool:
    """Keep the posted ``data`` as the draft of the token's owner; nothing is kept
    without a valid token. Returns whether a draft was kept."""
    owner = owner_of(data.get(DRAFT_OWNER_FIELD))
    if owner is None:
        return False
    session[session_key(body)] = {"owner": owner, "fields": form_fields(data)}
    return True


def form_fields(data) -> dict[str, str]:
    """The form's own fields of the posted ``data``, each within its limit."""
    fields, total = {}, 0
    for name, limit in _limits().items():
        value = data.get(name)
        if not isinstance(value, str) or not value:
            continue
        value = value[:limit][:max(MAX_TOTAL - total, 0)]
        total += len(value)
        fields[name] = value
    return fields


def restore(session, body, user) -> dict | None:
    """The draft for ``body`` if ``user`` wrote it; anyone else's draft is dropped."""
    draft = session.get(session_key(body))
    if draft is None:
        return None
    if not isinstance(draft, dict) or draft.get("owner") != user.pk:
        session.pop(session_key(body), None)
        return None
    return draft.get("fields") or {}


def forget(session, body) -> None:
    session.pop(session_key(body), None)


def drop_others(session, user) -> None:
    """Drop every draft in the session written by someone other than ``user``."""
    for key in [key for key in session.keys() if key.startswith(SESSION_PREFIX)]:
        draft = session.get(key)
        if not isinstance(draft, dict) or draft.get("owner") != user.pk:
            session.pop(key, None)
