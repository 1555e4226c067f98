"""The shipped register of Moroccan bodies (art. 2b) loads, in Arabic and French."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from accounts.bodies import DATA_FILE, load_public_bodies
from accounts.models import PublicBody

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    load_public_bodies()
    return PublicBody.objects.all()


def test_every_kind_of_art2b_body_is_present(loaded):
    kinds = set(loaded.values_list("kind", flat=True))
    assert kinds >= {"parliament_chamber", "administration", "court", "region",
                     "prefecture_province", "commune", "public_establishment",
                     "constitutional_body"}


def test_both_chambers_and_the_twelve_regions(loaded):
    assert loaded.filter(kind="parliament_chamber").count() == 2
    assert loaded.filter(kind="region").count() == 12
    assert loaded.filter(name_ar="مجلس النواب").exists()


def test_some_named_establishments_and_constitutional_bodies(loaded):
    acronyms = set(loaded.values_list("acronym", flat=True))
    assert {"CNSS", "ONEE", "ANCFCC", "CNDH"} <= acronyms


def test_names_in_arabic_and_french_and_hierarchy(loaded):
    for body in loaded:
        assert body.name_ar and body.name_fr, body.code
        assert any("\u0600" <= ch <= "\u06ff" for ch in body.name_ar), body.code
    commune = loaded.filter(kind="commune").select_related("parent").first()
    assert commune.parent.kind == "prefecture_province"
    assert commune.region.kind == "region"


def test_name_follows_the_language(loaded):
    body = loaded.get(name_ar="مجلس النواب")
    with translation.override("ar"):
        assert body.name == "مجلس النواب"
    with translation.override("fr"):
        assert body.name == body.name_fr


def test_loading_twice_updates_instead_of_duplicating(loaded):
    count = loaded.count()
    created, updated = load_public_bodies()
    assert (created, updated) == (0, count)
    assert PublicBody.objects.count() == count


def test_command_reports_counts(capsys):
    call_command("load_public_bodies")
    rows = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert f"{len(rows)} created" in capsys.readouterr().out


def test_bad_file_changes_nothing(tmp_path):
    path = tmp_path / "bodies.json"
    path.write_text(json.dumps([
        {"code": "ok-body", "kind": "administration", "name_ar": "إدارة", "name_fr": "Admin"},
        {"code": "bad-body", "kind": "planet", "name_ar": "كوكب", "name_fr": "Planète"},
    ]), encoding="utf-8")
    with pytest.raises(ValidationError):
        load_public_bodies(path)
    assert not PublicBody.objects.filter(code="ok-body").exists()
