"""Issue 13, point 8: link health. A local HTTP server answers 200, 301 → 200, 404, 405
to HEAD, a redirect loop and a timeout; the checker records what it found on the
record, tells the body's officers once when a link turns broken, keeps to its budget
per host and minute, and never follows an address into the internal network unless
the setting allows it (as here, for the test's own 127.0.0.1 server)."""

import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from proactive.links import checker, services
from proactive.models import Art10Category, PortalDataset, RegisterEntry
from proactive.register import services as register_services
from requests_app.outbox.models import Notification
from requests_app.workspace import registry
from tests.factories import BodyFactory, officer_of
from tests.helpers import verified

pytestmark = pytest.mark.django_db

HITS: list[tuple[str, str]] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self):
        HITS.append((self.command, self.path))
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/missing":
            self.send_response(404)
        elif self.path == "/get-only":
            self.send_response(405 if self.command == "HEAD" else 200)
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
        elif self.path == "/to-inside":
            self.send_response(301)
            self.send_header("Location", self.server.inside)
        elif self.path == "/slow":
            time.sleep(1.5)
            self.send_response(200)
        else:
            self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.inside = "http://10.0.0.1/admin"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def checker_settings(settings):
    settings.NAFIDA_ALLOW_PRIVATE_ADDRESSES = True
    settings.NAFIDA_LINK_CHECK_TIMEOUT_SECONDS = 0.5
    settings.NAFIDA_LINK_CHECK_MAX_REDIRECTS = 3
    settings.NAFIDA_LINK_CHECK_PER_HOST_PER_MINUTE = 100
    settings.NAFIDA_LINK_CHECK_INTERVAL_HOURS = 24
    cache.clear()
    HITS.clear()
    yield


@pytest.fixture
def officer(body):
    return officer_of(body, user__email="officer@rabat.ma")


def entry_at(officer, body, url, title="Rapport"):
    # Added while private addresses are allowed (the form refuses them otherwise).
    return register_services.add_entry(actor=officer, body=body, title=title, url=url,
                                       category=Art10Category.objects.get(number=16),
                                       published_on=date(2026, 1, 15))


# -- one address ------------------------------------------------------------------------


def test_200_answers(server):
    result = checker.check_url(f"{server}/ok")
    assert result.ok and result.status_code == 200
    assert HITS == [("HEAD", "/ok")]


def test_301_is_followed_to_its_200(server):
    result = checker.check_url(f"{server}/moved")
    assert result.ok and result.status_code == 200 and result.final_url == f"{server}/ok"
    assert HITS == [("HEAD", "/moved"), ("HEAD", "/ok")]


def test_404_is_broken(server):
    result = checker.check_url(f"{server}/missing")
    assert not result.ok and result.status_code == 404 and result.detail == checker.ERROR_STATUS


def test_head_not_served_is_asked_again_with_get(server):
    result = checker.check_url(f"{server}/get-only")
    assert result.ok and HITS == [("HEAD", "/get-only"), ("GET", "/get-only")]


def test_a_timeout_is_broken(server):
    started = time.monotonic()
    result = checker.check_url(f"{server}/slow")
    assert not result.ok and result.detail == checker.TIMEOUT and result.status_code is None
    assert time.monotonic() - started < 1.4


def test_redirects_are_followed_up_to_the_limit(server):
    result = checker.check_url(f"{server}/loop")
    assert not result.ok and result.detail == checker.TOO_MANY_REDIRECTS
    assert len(HITS) == 4  # the first request and three redirects


def test_https_to_a_server_without_tls_is_unreachable_not_an_error(server):
    result = checker.check_url(server.replace("http://", "https://") + "/ok")
    assert not result.ok and result.detail == checker.UNREACHABLE


def host_headers_sent(server, monkeypatch, name: str) -> tuple[bool, list[str]]:
    """Check ``http://<name>:<port>/ok``, the name resolving to the test server: whether
    it answered, and the Host headers (name and port) the server received."""
    seen = []
    original = Handler._answer

    def recording(handler):
        seen.append(handler.headers["Host"])
        original(handler)

    monkeypatch.setattr(Handler, "do_HEAD", recording)
    monkeypatch.setattr(checker, "resolved_addresses", lambda host, port=None: ["127.0.0.1"])
    port = int(server.rsplit(":", 1)[1])
    return checker.check_url(f"http://{name}:{port}/ok").ok, seen


def test_the_host_header_names_the_site_not_the_address(server, monkeypatch):
    port = server.rsplit(":", 1)[1]
    assert host_headers_sent(server, monkeypatch, "data.example.org") == (True, [f"data.example.org:{port}"])


def test_a_host_name_in_arabic_travels_in_its_ascii_form(server, monkeypatch):
    port = server.rsplit(":", 1)[1]
    ascii_name = "وزارة".encode("idna").decode() + ".ma"
    assert host_headers_sent(server, monkeypatch, "وزارة.ma") == (True, [f"{ascii_name}:{port}"])


def test_one_address_the_checker_cannot_handle_never_stops_the_round(server, body, officer, monkeypatch):
    odd = entry_at(officer, body, f"{server}/odd", title="Odd")
    fine = entry_at(officer, body, f"{server}/ok", title="Fine")
    original = checker.check_url

    def failing_on_odd(url):
        if url.endswith("/odd"):
            raise RuntimeError("unexpected")
        return original(url)

    monkeypatch.setattr(checker, "check_url", failing_on_odd)
    services.check_due_links()
    odd.refresh_from_db()
    fine.refresh_from_db()
    assert odd.link_status == "broken" and fine.link_status == "ok"


@pytest.mark.parametrize("address", ["64:ff9b::10.0.0.1", "2002:a00:1::1", "::10.0.0.1",
                                     "::ffff:127.0.0.1"])
def test_ipv6_addresses_carrying_an_internal_ipv4_address_are_internal(address):
    from proactive.addresses import is_internal

    assert is_internal(address)
    assert not is_internal("64:ff9b::808:808")  # NAT64 of 8.8.8.8, a public address


@pytest.mark.parametrize("url", ["ftp://example.org/file", "javascript:alert(1)", "file:///etc/passwd",
                                 "http:///nohost"])
def test_not_a_web_address_is_not_followed(url):
    result = checker.check_url(url)
    assert not result.ok and result.detail == checker.NOT_WEB


# -- the internal network ------------------------------------------------------------------


def test_an_internal_address_is_refused_without_the_setting(server, settings):
    settings.NAFIDA_ALLOW_PRIVATE_ADDRESSES = False
    for url in (f"{server}/ok", "http://localhost/", "http://[::1]/", "http://169.254.169.254/latest/",
                "http://10.1.2.3/"):
        result = checker.check_url(url)
        assert not result.ok and result.detail == checker.INTERNAL, url
    assert HITS == []


def test_a_name_that_resolves_inside_is_refused(monkeypatch, settings):
    settings.NAFIDA_ALLOW_PRIVATE_ADDRESSES = False
    monkeypatch.setattr(checker, "resolved_addresses", lambda host, port=None: ["192.168.1.10"])
    result = checker.check_url("https://intranet.example.org/")
    assert not result.ok and result.detail == checker.INTERNAL


def test_a_redirect_into_the_internal_network_is_refused_at_its_hop(server, monkeypatch, settings):
    """The first address is allowed (here: the test's server, as if public); the
    redirect it answers leads to 10.0.0.1, which is checked and refused before any
    connection."""
    settings.NAFIDA_ALLOW_PRIVATE_ADDRESSES = False
    real = checker.public_address

    def allowing_the_test_server(url):
        if url.startswith(server):
            from urllib.parse import urlsplit
            parts = urlsplit(url)
            return parts.scheme, parts.hostname, parts.port, "127.0.0.1"
        return real(url)

    monkeypatch.setattr(checker, "public_address", allowing_the_test_server)
    connected = []
    original_pool = checker._pool
    monkeypatch.setattr(checker, "_pool", lambda *args: connected.append(args) or original_pool(*args))
    result = checker.check_url(f"{server}/to-inside")
    assert not result.ok and result.detail == checker.INTERNAL and result.final_url == "http://10.0.0.1/admin"
    assert [args[3] for args in connected] == ["127.0.0.1"]


def test_the_connection_goes_to_the_address_that_was_checked(server, monkeypatch):
    """A name resolved once, to the checked address: the request does not resolve it
    again (DNS rebinding gains nothing)."""
    port = int(server.rsplit(":", 1)[1])
    resolutions = []

    def resolve(host, port=None):
        resolutions.append(host)
        return ["127.0.0.1"]

    monkeypatch.setattr(checker, "resolved_addresses", resolve)
    result = checker.check_url(f"http://catalogue.example.org:{port}/ok")
    assert result.ok and resolutions == ["catalogue.example.org"]


# -- the round ------------------------------------------------------------------------------


def test_the_round_records_results_and_tells_the_officers_once(server, body, officer,
                                                               django_capture_on_commit_callbacks):
    good = entry_at(officer, body, f"{server}/moved", "Budget")
    bad = entry_at(officer, body, f"{server}/missing", "Marchés")
    slow = entry_at(officer, body, f"{server}/slow", "Concours")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with_captured = services.check_due_links()
    assert with_captured["checked"] == 3 and with_captured["turned_broken"] == 2
    good.refresh_from_db(), bad.refresh_from_db(), slow.refresh_from_db()
    assert good.link_status == "ok" and good.link_status_code == 200 and good.link_checked_at
    assert bad.link_status == "broken" and bad.link_status_code == 404 and bad.link_broken_since
    assert slow.link_status == "broken" and slow.link_detail == checker.TIMEOUT
    # Not a change of the entry: no history, its date of change untouched.
    assert bad.history.count() == 1
    notes = Notification.objects.filter(subject_type="proactive_entry_link", kind="link_broken")
    assert sorted(notes.values_list("subject_id", flat=True)) == sorted([bad.pk, slow.pk])
    assert set(notes.values_list("recipient", flat=True)) == {"officer@rabat.ma"}
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 2 and any("Marchés" in line for line in subjects)
    assert all(message.to == ["officer@rabat.ma"] for message in mail.outbox)
    body_text = next(message.body for message in mail.outbox if "Marchés" in message.subject)
    assert f"{server}/missing" in body_text and "404" in body_text
    assert f"/workspace/proactive/{body.code}/links/" in body_text
    # Checked again later: still broken, no second notice; broken since stays.
    since = bad.link_broken_since
    later = timezone.now() + timedelta(hours=25)
    assert services.check_due_links(now=later)["turned_broken"] == 0
    bad.refresh_from_db()
    assert bad.link_broken_since == since and bad.link_checked_at == later
    assert notes.count() == 2
    # Not due yet: nothing is checked.
    HITS.clear()
    assert services.check_due_links(now=later + timedelta(hours=1))["checked"] == 0 and HITS == []


def test_a_repaired_link_answers_again_and_a_new_break_is_told_again(server, body, officer):
    entry = entry_at(officer, body, f"{server}/missing")
    services.check_due_links()
    register_services.change_entry(actor=officer, entry=entry, url=f"{server}/ok")
    services.check_due_links(now=timezone.now() + timedelta(hours=25))
    entry.refresh_from_db()
    assert entry.link_status == "ok" and entry.link_broken_since is None
    register_services.change_entry(actor=officer, entry=entry, url=f"{server}/missing")
    services.check_due_links(now=timezone.now() + timedelta(days=3))
    assert Notification.objects.filter(subject_type="proactive_entry_link", subject_id=entry.pk).count() == 2


def test_the_per_host_budget_defers_the_rest(server, body, officer, settings):
    settings.NAFIDA_LINK_CHECK_PER_HOST_PER_MINUTE = 2
    entries = [entry_at(officer, body, f"{server}/ok?n={n}", f"Entrée {n}") for n in range(5)]
    counts = services.check_due_links()
    assert counts["checked"] == 2 and counts["deferred"] == 3
    assert len(HITS) == 2
    checked = RegisterEntry.objects.filter(pk__in=[e.pk for e in entries], link_checked_at__isnull=False)
    assert checked.count() == 2
    # The next minute, the next two.
    cache.clear()
    assert services.check_due_links()["checked"] == 2


def test_retired_entries_and_pending_datasets_are_not_checked(server, body, officer):
    entry = entry_at(officer, body, f"{server}/ok")
    register_services.retire_entry(actor=officer, entry=entry)
    PortalDataset.objects.create(body=body, title="En attente", created_by=officer,
                                 state=PortalDataset.State.PENDING, url=f"{server}/missing?pending")
    linked = PortalDataset.objects.create(body=body, title="Eau", created_by=officer,
                                          state=PortalDataset.State.LINKED, url=f"{server}/missing")
    counts = services.check_due_links()
    assert counts["checked"] == 1 and HITS == [("HEAD", "/missing")]
    linked.refresh_from_db()
    assert linked.link_status == "broken"
    told = Notification.objects.filter(subject_type="proactive_dataset_link", subject_id=linked.pk)
    assert told.count() == 1


def test_the_task_is_in_beat_and_runs(server, body, officer, settings):
    from config.celery import app
    from proactive.links.tasks import check_links

    assert settings.CELERY_BEAT_SCHEDULE["check-links"]["task"] == check_links.name
    assert check_links.name in app.tasks
    entry_at(officer, body, f"{server}/ok")
    assert check_links.delay().get()["checked"] == 1


# -- what people see ------------------------------------------------------------------------


def test_the_public_register_shows_each_links_last_check(server, body, officer):
    good = entry_at(officer, body, f"{server}/ok", "Budget")
    bad = entry_at(officer, body, f"{server}/missing", "Marchés")
    url = "/en" + reverse("proactive:body", kwargs={"code": body.code})[3:]
    assert "Not checked yet" in Client().get(url).content.decode()
    services.check_due_links()
    page = Client().get(url).content.decode()
    good_part = page.split(f'id="entry-{good.pk}"')[1].split("</li>")[0]
    bad_part = page.split(f'id="entry-{bad.pk}"')[1].split("</li>")[0]
    assert "Checked on" in good_part and ": answers" in good_part and "broken" not in good_part
    assert "Checked on" in bad_part and ": broken" in bad_part


def test_the_officers_page_lists_the_bodys_broken_links_and_no_other_body_sees_it(server, body, officer):
    bad = entry_at(officer, body, f"{server}/missing", "Marchés")
    entry_at(officer, body, f"{server}/ok", "Budget")
    services.check_due_links()
    client = Client()
    verified(client, officer)
    url = reverse("proactive:links_broken", kwargs={"code": body.code})
    page = client.get(url).content.decode()
    assert "Marchés" in page and "Budget" not in page and f"{server}/missing" in page and "404" in page
    assert reverse("proactive:entry_edit", kwargs={"code": body.code, "pk": bad.pk}) in page
    assert (any(link == url for _label, link in registry.links(officer)))
    other = BodyFactory(code="commune-sale")
    stranger = officer_of(other)
    other_client = Client()
    verified(other_client, stranger)
    assert other_client.get(url).status_code == 404
    assert not any(link == url for _label, link in registry.links(stranger))
    assert Client().get(url).status_code == 302


def test_the_demo_marks_the_checks_once(body, officer):
    from proactive.links import demo

    entries = [entry_at(officer, body, f"https://www.rabat.ma/{n}", f"Entrée {n}") for n in range(3)]
    demo.seed(people={"officer": officer}, body=body)
    demo.seed(people={"officer": officer}, body=body)
    statuses = [RegisterEntry.objects.get(pk=entry.pk).link_status for entry in entries]
    assert statuses == ["ok", "ok", "broken"]
    assert Notification.objects.filter(subject_type="proactive_entry_link").count() == 1
