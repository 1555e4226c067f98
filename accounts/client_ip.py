"""The address a request comes from, as every throttle sees it (django-axes's lockouts,
allauth's rate limits).

Behind ``NAFIDA_TRUSTED_PROXY_COUNT`` reverse proxies, each appending the address it
received the request from to ``X-Forwarded-For``, the client is the entry the outermost
trusted proxy appended: the N-th from the right. Entries to its left were written by the
client and are never believed. With no trusted proxy (the default) the header is ignored
and the address is the socket's (``REMOTE_ADDR``).

django-ipware was weighed: its ``proxy_count`` counts proxies listed inside the header
(and returns no address for the usual single proxy that appends the client's address),
so the rule is written here once, in the terms of allauth's ``ALLAUTH_TRUSTED_PROXY_COUNT``.
"""

import ipaddress

from django.conf import settings


def _clean(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.1:443"
        value = value.split(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address under the trusted-proxy rule above."""
    count = settings.NAFIDA_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if count > 0 else ""
    entries = [entry for entry in forwarded.split(",") if entry.strip()]
    if count > 0 and len(entries) >= count:
        return _clean(entries[-count])
    return _clean(request.META.get("REMOTE_ADDR", "") or "")
