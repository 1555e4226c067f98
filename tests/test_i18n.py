"""Arabic (default, right to left), French and English; catalogues complete."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_catalogue_is_complete(language):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed (Debian package gettext)"
    result = subprocess.run([msgfmt, "--check", "--statistics", "-o", "/dev/null", str(po)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_messages_are_translated_at_run_time():
    with translation.override("ar"):
        assert translation.gettext("The deadline has already been extended once (art. 16).") != (
            "The deadline has already been extended once (art. 16).")
    with translation.override("fr"):
        assert "art. 16" in translation.gettext(
            "The deadline has already been extended once (art. 16).")


@pytest.mark.django_db
def test_home_is_arabic_and_right_to_left_by_default(client):
    response = client.get("/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/ar/"
    assert 'lang="ar" dir="rtl"' in page
    assert "نافذة" in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_home_in_french_and_english_is_left_to_right(client, language):
    page = client.get(f"/{language}/").content.decode()
    assert f'lang="{language}" dir="ltr"' in page


@pytest.mark.django_db
def test_language_switch_is_remembered(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/fr/")
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/fr/"


def _english_msgids() -> set[str]:
    """Every msgid of the project (the English catalogue lists them all), long enough
    not to be a word French or a name might share."""
    import re

    text = (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    ids = set()
    for block in text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not match or "#, fuzzy" in block:
            continue
        msgid = "".join(re.findall(r'"(.*)"', match.group(1))).replace('\\"', '"')
        if len(msgid) >= 14 and " " in msgid and "%(" not in msgid and "{" not in msgid:
            ids.add(msgid)
    return ids


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_portal_pages_show_no_english(client, language):
    """Each page of the portal, rendered in Arabic and French, shows none of the
    project's English source strings: every piece of it went through the catalogue."""
    import html
    from datetime import date

    from django.utils.html import strip_tags

    from tests.factories import BodyFactory, UserFactory, decide_request, make_request

    body = BodyFactory()
    requester = UserFactory()
    request = make_request(body=body, requester=requester, received_on=date(2026, 9, 1))
    decide_request(request, "refused")
    msgids = _english_msgids()
    assert len(msgids) > 100
    pages = [f"/{language}/", f"/{language}/accounts/signup/", f"/{language}/accounts/login/",
             f"/{language}/accounts/password/reset/", f"/{language}/requests/new/",
             f"/{language}/register/", f"/{language}/register/{request.reference}/",
             f"/{language}/bodies/", f"/{language}/bodies/{body.code}/"]
    private = [f"/{language}/requests/new/{body.code}/", f"/{language}/requests/mine/",
               f"/{language}/requests/{request.reference}/",
               f"/{language}/requests/{request.reference}/withdraw/",
               f"/{language}/accounts/profile/", f"/{language}/accounts/password/change/"]
    for url in pages + private:
        if url in private:
            client.force_login(requester)
        response = client.get(url)
        assert response.status_code == 200, url
        text = html.unescape(strip_tags(response.content.decode()))
        english = sorted(msgid for msgid in msgids if msgid in text)
        assert not english, f"{url} shows untranslated text: {english}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_workspace_pages_show_no_english(client, language):
    import html
    from datetime import date

    from django.utils.html import strip_tags

    from tests.factories import BodyFactory, decide_request, head_of, make_request
    from tests.helpers import verified

    body = BodyFactory()
    head = head_of(body)
    open_request = make_request(body=body)
    decided = make_request(body=body, received_on=date(2026, 9, 1))
    decide_request(decided, "partially_granted")
    msgids = _english_msgids()
    from tests.factories import officer_of

    verified(client, officer_of(body))
    base = f"/{language}/workspace/"
    urls = [base, f"{base}intake/", f"{base}templates/", f"{base}templates/{body.code}/new/",
            f"{base}requests/{open_request.reference}/", f"{base}requests/{decided.reference}/"]
    urls += [f"{base}requests/{open_request.reference}/{suffix}/"
             for suffix in ("extend", "consult", "decide/granted", "decide/partially_granted",
                            "decide/refused")]
    pages = [(url, client.get(url)) for url in urls]
    verified(client, head)
    pages.append(("designations", client.get(f"{base}bodies/{body.code}/designations/")))
    for url, response in pages:
        assert response.status_code == 200, url
        text = html.unescape(strip_tags(response.content.decode()))
        english = sorted(msgid for msgid in msgids if msgid in text)
        assert not english, f"{url} shows untranslated text: {english}"
