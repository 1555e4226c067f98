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
