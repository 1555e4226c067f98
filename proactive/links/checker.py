"""Whether a web address still answers: HEAD, then GET when HEAD is not served or
fails; redirects followed one hop at a time up to a limit; a timeout on each request.

The checker runs on the server, so an address must never turn it against the machines
behind it (proactive.addresses): every hop (the first address and each ``Location``)
is checked for its scheme and resolved, and a hop whose host is, or resolves to, an
internal address is refused. The request then connects to the very address that was
checked, not to a second resolution of the name, so a name that answers a public
address to the check and an internal one to the connection (DNS rebinding) gains
nothing; HTTPS still verifies the certificate for the name.

``NAFIDA_ALLOW_PRIVATE_ADDRESSES`` lets the test suite reach its own 127.0.0.1 server.
At most ``NAFIDA_LINK_CHECK_PER_HOST_PER_MINUTE`` requests go to one host in a minute
(counted in the cache, shared by the workers); a check that would exceed it is put
off, and the address stays due."""

from __future__ import annotations

import ipaddress
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_noop

from ..addresses import is_internal, private_addresses_allowed, resolved_addresses

USER_AGENT = "Nafida link checker (proactive publication registers, Law 31.13)"
# HEAD that these answer is tried again with GET: not served, or refused to HEAD only.
HEAD_NOT_SERVED = {400, 403, 405, 501}


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    status_code: int | None = None
    # What was found, in English for the record (translated when shown: ``DETAILS``).
    detail: str = ""
    final_url: str = ""
    # Put off: a host's budget for the minute is spent; nothing is recorded.
    deferred: bool = False


# The details the checker records, marked for translation where they are shown.
NOT_WEB = gettext_noop("Not a web address (only http and https are checked).")
INTERNAL = gettext_noop("Leads into a private or internal network: not followed.")
NO_HOST = gettext_noop("The host name does not resolve.")
TIMEOUT = gettext_noop("No answer within the time allowed.")
UNREACHABLE = gettext_noop("The server could not be reached.")
TOO_MANY_REDIRECTS = gettext_noop("Too many redirects.")
REDIRECT_WITHOUT_LOCATION = gettext_noop("A redirect without an address.")
ANSWERS = gettext_noop("Answers.")
ERROR_STATUS = gettext_noop("The server answers with an error.")
DETAILS = (NOT_WEB, INTERNAL, NO_HOST, TIMEOUT, UNREACHABLE, TOO_MANY_REDIRECTS, REDIRECT_WITHOUT_LOCATION,
           ANSWERS, ERROR_STATUS)


def _setting(name: str, default):
    return getattr(settings, name, default)


# -- the per-host budget ----------------------------------------------------------------------


def _budget_key(host: str, minute: int) -> str:
    return f"nafida:linkcheck:{host.lower()}:{minute}"


def take_budget(host: str) -> bool:
    """One request to ``host`` this minute, if the minute's budget allows it."""
    limit = int(_setting("NAFIDA_LINK_CHECK_PER_HOST_PER_MINUTE", 6))
    key = _budget_key(host, int(time.time() // 60))
    cache.add(key, 0, timeout=120)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        used = 1
    return used <= limit


# -- one hop ----------------------------------------------------------------------------------


class Refused(Exception):
    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def public_address(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, the IP address to connect to) for ``url``, or ``Refused``:
    not http(s), no host, a host that does not resolve, or one that leads inside."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(NOT_WEB)
    try:  # a name in Arabic or with accents travels in its ASCII form (IDNA)
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise Refused(NOT_WEB) from None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Refused(NOT_WEB) from None
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        named_inside = host == "localhost" or host.endswith((".localhost", ".internal"))
        if named_inside and not private_addresses_allowed():
            raise Refused(INTERNAL) from None
        addresses = resolved_addresses(host, port)
    if not addresses:
        raise Refused(NO_HOST)
    if not private_addresses_allowed() and any(is_internal(address) for address in addresses):
        raise Refused(INTERNAL)
    return parts.scheme, host, port, addresses[0]


def _pool(scheme: str, host: str, port: int, address: str, timeout: float):
    named = f"[{host}]" if ":" in host else host  # an IPv6 address, bracketed as in the address
    default_port = 443 if scheme == "https" else 80
    kwargs = {"timeout": urllib3.Timeout(connect=timeout, read=timeout), "retries": False, "maxsize": 1,
              "headers": {"Host": named if port == default_port else f"{named}:{port}",
                          "User-Agent": USER_AGENT}}
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(address, port, server_hostname=host, assert_hostname=host,
                                           cert_reqs=ssl.CERT_REQUIRED, ca_certs=_ca_bundle(), **kwargs)
    return urllib3.HTTPConnectionPool(address, port, **kwargs)


def _ca_bundle() -> str | None:
    try:
        import certifi
    except ImportError:  # the system's store
        return None
    return certifi.where()


def _request(pool, method: str, url: str):
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    response = pool.urlopen(method, target, redirect=False, preload_content=False, retries=False,
                            assert_same_host=False)
    status, location = response.status, response.headers.get("Location")
    response.release_conn()
    response.close()
    return status, location


def _hop(url: str, timeout: float) -> tuple[int, str | None]:
    """(status, Location) for one address: HEAD, then GET if HEAD is refused or fails."""
    scheme, host, port, address = public_address(url)
    if not take_budget(host):
        raise Deferred
    pool = _pool(scheme, host, port, address, timeout)
    try:
        try:
            status, location = _request(pool, "HEAD", url)
            if status not in HEAD_NOT_SERVED:
                return status, location
        except urllib3.exceptions.TimeoutError:
            raise
        except urllib3.exceptions.HTTPError:
            pass  # some servers drop HEAD: GET decides
        if not take_budget(host):
            raise Deferred
        return _request(pool, "GET", url)
    finally:
        pool.close()


class Deferred(Exception):
    """The host's budget for this minute is spent."""


def check_url(url: str) -> CheckResult:
    """Follow ``url`` to its end (or the redirect limit) and say whether it answers."""
    timeout = float(_setting("NAFIDA_LINK_CHECK_TIMEOUT_SECONDS", 10))
    limit = int(_setting("NAFIDA_LINK_CHECK_MAX_REDIRECTS", 5))
    current = url
    for _hop_number in range(limit + 1):
        try:
            status, location = _hop(current, timeout)
        except Deferred:
            return CheckResult(ok=False, deferred=True, final_url=current)
        except Refused as refused:
            return CheckResult(ok=False, detail=refused.detail, final_url=current)
        except urllib3.exceptions.TimeoutError:
            return CheckResult(ok=False, detail=TIMEOUT, final_url=current)
        except (urllib3.exceptions.HTTPError, OSError, ssl.SSLError, ValueError, UnicodeError):
            return CheckResult(ok=False, detail=UNREACHABLE, final_url=current)
        if 300 <= status < 400 and status != 304:
            if not location:
                return CheckResult(ok=False, status_code=status, detail=REDIRECT_WITHOUT_LOCATION,
                                   final_url=current)
            current = urljoin(current, location)
            continue
        if 200 <= status < 300 or status == 304:
            return CheckResult(ok=True, status_code=status, detail=ANSWERS, final_url=current)
        return CheckResult(ok=False, status_code=status, detail=ERROR_STATUS, final_url=current)
    return CheckResult(ok=False, detail=TOO_MANY_REDIRECTS, final_url=current)
