"""Helpers the test modules share (fixtures are in the conftest files)."""

import html
import re
import subprocess
import time
import unicodedata
import uuid

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.http import HttpRequest

from accounts.two_factor import current_totp_code

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>')
PASSWORD = "pass-word-123"  # tests.factories.UserFactory
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def authenticator(user) -> Authenticator:
    """``user``'s authenticator app (allauth TOTP), set up with a new key if they have none
    (tests.factories.UserFactory has verified their address)."""
    found = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return found or TOTP.activate(user, generate_totp_secret()).instance


def verified(client, user):
    """Log ``user`` in with an authenticator app, as after entering its code: the session
    records the second factor the way allauth does."""
    device = authenticator(user)
    client.force_login(user)
    session = client.session
    request = HttpRequest()
    request.session = session
    record_authentication(request, user, "password", email=user.email)
    record_authentication(request, user, "mfa", id=device.pk, type=device.type)
    session.save()
    return client


def form_data(**overrides):
    data = {
        "first_name": "Youssef", "family_name": "Bennani", "address": "12 rue Oued Sebou, Rabat",
        "id_type": "cin", "id_number": "AB123456", "email": "youssef@example.ma",
        "phone": "+212600000000", "subject": "Budget 2025",
        "information_sought": "Le budget voté 2025 et le compte administratif.",
        "delivery_preference": "email", "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def pdftotext(pdf: bytes) -> str:
    """The text with its lines joined, so that a phrase may wrap."""
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(unicodedata.normalize("NFKC", result.stdout.decode()).translate(BIDI_CONTROLS).split())


def drawn_words(pdf: bytes, page: int = 1) -> list[tuple[float, float, str]]:
    """(top, left, word) of every word drawn on ``page`` (a letter's Arabic is on the
    first, its French from a new page). This mode gives the
    glyphs of a word as drawn, left to right: an Arabic word's letters come reversed
    and are put back in order here."""
    result = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"], input=pdf,
                            capture_output=True, check=True)
    words = []
    for left, top, word in WORD.findall(result.stdout.decode()):
        word = html.unescape(word)
        if all(unicodedata.bidirectional(char) in ("R", "AL") for char in word):
            word = word[::-1]
        words.append((float(top), float(left), unicodedata.normalize("NFKC", word)))
    return words


def totp_code(secret: str, margin: float = 6) -> str:
    """The code an authenticator app holding ``secret`` shows, read as a person would: not
    in the last ``margin`` seconds of its period, when it would change before the server
    checks it (allauth accepts the current period only), but after waiting for the next."""
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < margin:
        time.sleep(left + 0.05)
    return current_totp_code(secret)


def code(user) -> str:
    """The code ``user``'s authenticator app shows now (``totp_code``)."""
    device = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return totp_code(device.data["secret"])


def enrolment_link() -> str:
    """The path of the last link to set up a second factor that was mailed
    (accounts.enrolment; the mail is in the account's language)."""
    from django.core import mail

    links = [found.group(1) for found in (re.search(r"https?://[^/\s]+(/\S+/accounts/2fa/enrol/\S+/)", m.body)
                                          for m in mail.outbox) if found]
    assert links, "no enrolment link was mailed"
    return links[-1]


def follow_enrolment_link(page, base, button):
    """In the browser ``page``, open the mailed enrolment link and press its ``button``."""
    page.goto(f"{base}{enrolment_link()}")
    page.get_by_role("main").get_by_role("button", name=button).click()


def log_in(page, base, user, next_path="/en/workspace/"):
    """Log ``user`` in in the browser ``page``, with the second factor if they have one."""
    page.goto(f"{base}/en/accounts/login/?next={next_path}")
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        page.wait_for_url(re.compile(r".*/accounts/2fa/authenticate/.*"))
        page.fill("#id_code", code(user))
        page.click("main form button[type=submit]")


def slow_reservations(monkeypatch, seconds: float = 0.5) -> None:
    """Hold each reference reservation a moment, so that two sendings overlap."""
    import time

    from requests_app import services

    original = services.reserve_references

    def slow_reserve(*args, **kwargs):
        references = original(*args, **kwargs)
        time.sleep(seconds)
        return references

    monkeypatch.setattr(services, "reserve_references", slow_reserve)


def at_once(action, times: int = 2) -> list:
    """Run ``action()`` in ``times`` threads released together, each with its own database
    connection (closed after); the results, in the order they finished."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(times)
    results = []

    def run():
        barrier.wait()
        try:
            results.append(action())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
