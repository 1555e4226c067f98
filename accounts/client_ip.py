"""The address a request comes from, as every throttle sees it (django-axes's lockouts,
allauth's rate limits), read by django-ipware.

Behind ``NAFIDA_TRUSTED_PROXY_COUNT`` reverse proxies, each appending the address it
received the request from to ``X-Forwarded-For``, the client is the entry the outermost
trusted proxy appended: the N-th from the right. Entries to its left were written by the
client and are never believed. With no trusted proxy (the default) the header is ignored
and the address is the socket's (``REMOTE_ADDR``).

django-ipware's ``proxy_count`` counts the proxies listed *inside* the header after the
client (the first proxy appends the client and is not listed): N trusted proxies are its
``proxy_count=N-1``. A header with fewer entries than that did not come through our
proxies; the socket's address is used then.
"""

from django.conf import settings
from ipware import get_client_ip


def client_ip(request) -> str | None:
    """The client's address under the trusted-proxy rule above."""
    count = settings.NAFIDA_TRUSTED_PROXY_COUNT
    address = None
    if count > 0:
        address, _routable = get_client_ip(request, proxy_count=count - 1, strict=False,
                                           request_header_order=["HTTP_X_FORWARDED_FOR"])
    if address is None:
        address, _routable = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    return address
