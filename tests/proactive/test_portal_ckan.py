"""The CKAN connector against a CKAN-shaped Action API on 127.0.0.1 (``fake_ckan``): what it
sends, and how it sorts the portal's answers into a refusal to correct and trouble that
passes."""

import json

import pytest

from proactive.portal import ckan

from .fake_ckan import FakeCKAN, not_authorized, server_error, slow, validation_error


@pytest.fixture
def connector(fake_ckan):
    return ckan.Connector.from_settings()


def test_package_create_sends_the_package_as_json_with_the_api_token(fake_ckan, connector):
    result = connector.package_create({"name": "body-1-2026-000001-1", "title": "Budget 2025",
                                       "owner_org": "commune-rabat", "license_id": "cc-by"})
    assert result["name"] == "body-1-2026-000001-1" and result["id"]
    call = fake_ckan.calls("package_create")[0]
    assert call.data == {"name": "body-1-2026-000001-1", "title": "Budget 2025", "owner_org": "commune-rabat",
                         "license_id": "cc-by"}
    assert call.headers["Authorization"] == "test-api-token"
    assert call.headers["Content-Type"] == "application/json"


def test_resource_create_uploads_the_file_as_multipart(fake_ckan, connector):
    package = connector.package_create({"name": "p-1", "title": "T", "owner_org": "org"})
    resource = connector.resource_create(package_id=package["id"], name="Budget", upload=b"%PDF-1.4 body",
                                         file_name="2026-000001-document-1.pdf",
                                         content_type="application/pdf", format="PDF")
    assert resource["url"].endswith("/download/2026-000001-document-1.pdf")
    call = fake_ckan.calls("resource_create")[0]
    assert call.data == {"package_id": package["id"], "name": "Budget", "format": "PDF"}
    assert call.files["upload"] == ("2026-000001-document-1.pdf", "application/pdf", b"%PDF-1.4 body")


def test_a_validation_error_is_a_refusal_with_the_portals_field_messages(fake_ckan, connector):
    fake_ckan.script("package_create", validation_error(name=["That URL is already in use."],
                                                        owner_org=["Organization does not exist"]))
    with pytest.raises(ckan.PortalRefused) as refused:
        connector.package_create({"name": "taken", "title": "T", "owner_org": "nowhere"})
    assert refused.value.status == 409
    assert refused.value.fields == {"name": "That URL is already in use.",
                                    "owner_org": "Organization does not exist"}
    assert "That URL is already in use." in refused.value.message
    assert "Organization does not exist" in refused.value.message


def test_not_authorized_is_a_refusal(fake_ckan, connector):
    fake_ckan.script("package_create", not_authorized())
    with pytest.raises(ckan.PortalRefused) as refused:
        connector.package_create({"name": "x", "title": "T", "owner_org": "org"})
    assert refused.value.status == 403
    assert "not authorised" in refused.value.message


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_server_error_is_trouble_that_passes(fake_ckan, connector, status):
    fake_ckan.script("package_create", server_error(status))
    with pytest.raises(ckan.PortalUnavailable) as trouble:
        connector.package_create({"name": "x", "title": "T", "owner_org": "org"})
    assert trouble.value.status == status
    assert str(status) in trouble.value.message
    # The next call is answered: nothing of the first was kept.
    assert connector.package_create({"name": "x", "title": "T", "owner_org": "org"})["name"] == "x"


def test_a_timeout_is_trouble_that_passes(fake_ckan, connector, settings):
    settings.NAFIDA_CKAN_TIMEOUT = 0.3
    fake_ckan.script("package_create", slow(1.5))
    with pytest.raises(ckan.PortalUnavailable) as trouble:
        ckan.Connector.from_settings().package_create({"name": "x", "title": "T", "owner_org": "org"})
    assert "did not answer in time" in trouble.value.message


def test_a_portal_that_is_not_there_is_trouble_that_passes(settings):
    with FakeCKAN() as gone:
        address = gone.url
    settings.NAFIDA_CKAN_URL = address  # closed: nothing listens there any more
    with pytest.raises(ckan.PortalUnavailable) as trouble:
        ckan.Connector.from_settings().package_show("anything")
    assert "could not be reached" in trouble.value.message


def test_package_show_of_an_unknown_package_is_none(fake_ckan, connector):
    assert connector.package_show("nothing-here") is None


def test_package_patch_sends_only_what_changes(fake_ckan, connector):
    package = connector.package_create({"name": "p-2", "title": "Old", "owner_org": "org"})
    connector.package_patch({"id": package["id"], "title": "New", "notes": "Text"})
    call = fake_ckan.calls("package_patch")[0]
    assert json.loads(json.dumps(call.data)) == {"id": package["id"], "title": "New", "notes": "Text"}
    assert connector.package_show("p-2")["title"] == "New"


def test_no_portal_configured(settings):
    settings.NAFIDA_CKAN_URL = ""
    assert not ckan.is_configured()
    with pytest.raises(ckan.NotConfigured):
        ckan.Connector.from_settings()


def test_the_organisation_is_the_bodys_else_the_operators_mapping_else_the_bodys_code(settings):
    class Body:
        code = "commune-rabat"
        portal_organization_id = ""

    settings.NAFIDA_CKAN_ORGANISATIONS = {}
    assert ckan.organisation_for(Body) == "commune-rabat"
    settings.NAFIDA_CKAN_ORGANISATIONS = {"commune-rabat": "commune-de-rabat"}
    assert ckan.organisation_for(Body) == "commune-de-rabat"
    Body.portal_organization_id = "rabat"
    assert ckan.organisation_for(Body) == "rabat"
