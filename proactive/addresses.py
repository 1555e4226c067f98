"""Web addresses the proactive app keeps and follows (register entries, datasets, asks,
reuses): only http(s), and never one that leads into the internal network. The link
checker follows them from the server, so an address resolving to a private, loopback,
link-local or reserved address would turn it against the machines behind it; such an
address is refused at input and skipped by the checker. ``NAFIDA_ALLOW_PRIVATE_ADDRESSES``
lets the test suite reach its own servers on 127.0.0.1."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


def private_addresses_allowed() -> bool:
    return bool(getattr(settings, "NAFIDA_ALLOW_PRIVATE_ADDRESSES", False))


# IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64, RFC 6052 and 8215):
# a gateway translating them would reach that IPv4 address.
NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: mapped, 6to4, NAT64, IPv4-compatible."""
    found = [ip.ipv4_mapped, ip.sixtofour]
    low = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if any(ip in network for network in NAT64) or int(ip) >> 32 == 0:
        found.append(low)
    return [item for item in found if item is not None]


def is_internal(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if any(not item.is_global or item.is_multicast for item in embedded):
            return True
    return not ip.is_global or ip.is_multicast


def resolved_addresses(host: str, port: int | None = None) -> list[str]:
    """The IP addresses ``host`` resolves to now; none when it does not resolve."""
    try:
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        return []
    return sorted({info[4][0] for info in infos})


def leads_inside(url: str) -> bool:
    """True when ``url``'s host is, or resolves to, an internal address (and that is not
    allowed here). A host that does not resolve leads nowhere: the checker reports it."""
    if private_addresses_allowed():
        return False
    host = urlsplit(url).hostname or ""
    try:
        return is_internal(host)
    except ValueError:
        pass
    if host == "localhost" or host.endswith(".localhost") or host.endswith(".internal"):
        return True
    return any(is_internal(address) for address in resolved_addresses(host))


@deconstructible
class PublicWebAddress:
    """Refuses an address that is not http(s) or that leads into the internal network."""

    message = _("Enter a web address that starts with http:// or https://.")
    inside = _("This address leads to a private or internal network; give the public address.")

    def __call__(self, value: str) -> None:
        parts = urlsplit(value or "")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValidationError(self.message, code="scheme")
        if leads_inside(value):
            raise ValidationError(self.inside, code="internal")

    def __eq__(self, other) -> bool:
        return isinstance(other, PublicWebAddress)


PUBLIC_WEB_ADDRESS = PublicWebAddress()
