from django.utils.functional import SimpleLazyObject

from .permissions import is_workspace_user


def workspace(request):
    """Whether to show the workspace link (evaluated only by pages that ask)."""
    return {"is_workspace_user": SimpleLazyObject(lambda: is_workspace_user(request.user))}
