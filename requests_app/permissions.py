"""Who may act on a request: checked through the request's body, never per request."""

from accounts.permissions import HANDLE_REQUESTS, VIEW_BODY_REQUESTS, has_body_permission


def can_handle(instance, user) -> bool:
    """An active information officer of the request's body (art. 12)."""
    return has_body_permission(user, HANDLE_REQUESTS, instance.body)


def can_view(instance, user) -> bool:
    """The requester, the body's officers and head, and the Commission."""
    if user is None or not user.is_authenticated:
        return False
    if instance.requester_id is not None and instance.requester_id == user.pk:
        return True
    return getattr(user, "is_commission_member", False) or has_body_permission(
        user, VIEW_BODY_REQUESTS, instance.body
    )


def can_withdraw(instance, user) -> bool:
    """The requester withdraws; an officer records a withdrawal received on paper."""
    if user is None or not user.is_authenticated:
        return False
    if instance.requester_id is not None and instance.requester_id == user.pk:
        return True
    return can_handle(instance, user)
