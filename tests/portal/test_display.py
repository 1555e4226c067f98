"""Found on the walk of issue 11 (display): free text keeps its own direction in every
input and textarea (a Latin address on an Arabic page), and a label joined to its message
follows the language's punctuation ("Date de début : …" in French)."""

import re

import pytest
from django.utils import translation

from accounts.templatetags.labels import labelled
from tests.factories import make_request, officer_of
from tests.helpers import form_data, verified

pytestmark = pytest.mark.django_db

TEXT_TYPES = {"text", "search", "email", "tel", "url"}


def fields(page: str) -> dict[str, str]:
    """Each visible input and textarea of ``page``, by name, as its opening tag."""
    found = {}
    for tag in re.findall(r"<(?:input|textarea)\b[^>]*>", page):
        kind = re.search(r'type="([^"]+)"', tag)
        if tag.startswith("<input") and kind and kind.group(1) in {"hidden", "submit"}:
            continue
        name = re.search(r'name="([^"]+)"', tag) or re.search(r'id="([^"]+)"', tag)
        found[name.group(1)] = tag
    return found


def assert_free_text_isolated(page: str, expected: set[str]):
    tags = fields(page)
    assert expected <= set(tags), set(tags)
    for name in expected:
        assert 'dir="auto"' in tags[name], tags[name]
    for tag in tags.values():
        kind = re.search(r'type="([^"]+)"', tag)
        if tag.startswith("<textarea") or (kind and kind.group(1) in TEXT_TYPES):
            # Every text field says its direction: auto, or ltr where only Latin is typed.
            assert len(re.findall(r'\bdir="', tag)) == 1, tag
        else:  # dates, numbers, check boxes: as they were
            assert 'dir="auto"' not in tag, tag


def test_the_filing_form_isolates_what_is_typed(logged_in, rabat):
    page = logged_in.get(f"/ar/requests/new/{rabat.code}/").content.decode()
    assert_free_text_isolated(page, {"first_name", "family_name", "address", "subject",
                                     "information_sought", "urgency_explanation"})
    assert re.search(r'<input[^>]*name="id_number"[^>]*dir="ltr"', page), "its own dir is kept"


def test_the_body_search_isolates_what_is_typed(client, rabat):
    page = client.get("/ar/requests/new/", {"q": "Rabat"}).content.decode()
    assert 'dir="auto"' in fields(page)["q"]


def test_the_workspace_forms_isolate_what_is_typed(client, rabat):
    officer = verified(client, officer_of(rabat))
    request = make_request(body=rabat)
    page = officer.get(f"/ar/workspace/requests/{request.reference}/").content.decode()
    assert_free_text_isolated(page, {"text"})  # the note and the message to the requester
    assert all('dir="auto"' in tag for tag in re.findall(r"<textarea\b[^>]*>", page))
    dashboard = officer.get("/ar/workspace/").content.decode()
    assert 'dir="auto"' in fields(dashboard)["q"]


def summary(page: str) -> str:
    return re.search(r'<div class="error-summary".*?</div>', page, re.S).group(0)


def test_the_error_summary_writes_the_colon_as_each_language_does(logged_in, rabat):
    for language, colon in (("fr", "</a> : "), ("ar", "</a>: "), ("en", "</a>: ")):
        page = logged_in.post(f"/{language}/requests/new/{rabat.code}/",
                              form_data(subject="")).content.decode()
        assert colon in summary(page), language
    french = logged_in.post(f"/fr/requests/new/{rabat.code}/", form_data(subject="")).content.decode()
    assert re.search(r'<li><a href="#id_subject">[^<]+</a> : Ce champ est obligatoire\.</li>',
                     summary(french))


def test_a_label_and_its_message_are_joined_by_one_pattern():
    with translation.override("fr"):
        assert labelled("Date de début", "invalide") == "Date de début : invalide"
        assert labelled("<b>", "x") == "<b> : x", "plain text stays plain text"
    with translation.override("ar"):
        assert labelled("البريد", "x") == "البريد: x"
    # In HTML, each part is escaped unless it is already safe.
    from django.utils.safestring import mark_safe
    with translation.override("fr"):
        assert labelled(mark_safe("<a>A</a>"), "<script>") == "<a>A</a> : &lt;script&gt;"


def test_a_label_that_ends_a_sentence_loses_its_full_stop_before_the_colon():
    from django.utils.safestring import mark_safe

    with translation.override("ar"):
        assert labelled("أؤكد: يُسجَّل هذا الإجراء باسمي.", "هذا الحقل مطلوب.") == \
            "أؤكد: يُسجَّل هذا الإجراء باسمي: هذا الحقل مطلوب."
    with translation.override("fr"):
        assert labelled(mark_safe('<a href="#id_confirm">Je confirme.</a>'), "Requis.") == \
            '<a href="#id_confirm">Je confirme</a> : Requis.'
