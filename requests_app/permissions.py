"""Who may act on a request: checked through the request's body, never per request."""

from accounts.permissions import DECIDE_COMPLAINTS, HANDLE_REQUESTS, has_body_permission


def can_handle(instance, user) -> bool:
    """An active information officer of the request's body (art. 12)."""
    return has_body_permission(user, HANDLE_REQUESTS, instance.body)


def can_reopen(instance, user) -> bool:
    """The head of the request's body, deciding a complaint (art. 19)."""
    return has_body_permission(user, DECIDE_COMPLAINTS, instance.body)


def is_requester(instance, user) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and instance.requester_id is not None
        and instance.requester_id == user.pk
    )


def can_submit(instance, user) -> bool:
    """The requester sends their draft; an officer registers a paper, post or e-mail one."""
    return is_requester(instance, user) or can_handle(instance, user)


# The requester withdraws; an officer records a withdrawal received on paper.
can_withdraw = can_submit
