"""The access matrix: every URL pattern of the project, for every role, GET and POST.

One table (``MATRIX``) says, for each URL name and method, what each role gets:

    A  allowed: not denied (2xx, a 3xx that is not to the login or the second factor,
       or 400 for a POST whose empty form is refused: the door opened)
    D  denied: 403, 404, or a redirect to the login or to the second factor
    M  405: the method is not served, to anyone who reaches the view

A new view joins by adding its rows, one for GET and one for POST:

    Row("<namespace:url name>", <kwargs: None, a builder of World below such as OPEN, or a
        lambda w: {...}>, "GET" | "POST", "<11 letters, one per role, in ROLES' order>")

``test_every_url_pattern_is_in_the_matrix`` walks the resolver (the i18n patterns,
allauth's included) and names any URL name that has no row, or one method missing; the
admin's own pages are covered by the rows named ``admin:…`` below, as one prefix rule.
A request (or file, template, consultation) a new row needs is added to ``_build``.

Roles, as columns, in this order (``ROLES``):

    anon   anonymous visitor
    own    the requester (owner) of the requests below (a citizen, password only)
    cit    another citizen
    off    information officer of body A, with the second factor
    no2f   the same kind of officer of body A, logged in without the second factor
    oth    information officer of body B
    exo    ex-officer: designation at A ended yesterday (no save, no sync), active at B
    head   head of body A
    ohd    head of body B
    com    Commission member (reviewer)
    pres   Commission president, a superuser (no designation)

The data (body A's requests in several states, their files, a template, a
consultation) is built once for the module; each request is made in a savepoint rolled
back at once, so that a POST changes nothing for the next role.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from accounts import enrolment
from accounts import services as accounts_services
from accounts.models import Designation, SecondFactorEnrolment, User
from proactive.models import Art10Category, PortalDataset
from proactive.portal import services as portal_services
from proactive.register import services as proactive_services
from requests_app import services
from tests.factories import (
    PDF_BYTES,
    BodyFactory,
    DesignationFactory,
    UserFactory,
    add_document,
    decide_request,
    head_of,
    make_request,
    officer_of,
    pdf_file,
)
from tests.helpers import authenticator, verified

ROLES = ("anon", "own", "cit", "off", "no2f", "oth", "exo", "head", "ohd", "com", "pres")

# Where a denied person is sent instead of the page.
DENIAL_REDIRECTS = ("/accounts/login/", "/accounts/2fa/authenticate/", "/accounts/2fa/reauthenticate/",
                    "/accounts/2fa/enrol/", "/accounts/reauthenticate/", "/admin/login/")


@dataclass(frozen=True)
class Row:
    name: str
    kwargs: object  # a function of the module's data (``World``) giving the URL's kwargs, or None
    method: str
    expect: str  # one letter per role, in the order of ROLES, separated by spaces

    def outcomes(self) -> dict[str, str]:
        letters = self.expect.split()
        assert len(letters) == len(ROLES), f"{self.name} {self.method}: {len(letters)} columns"
        assert set(letters) <= {"A", "D", "M"}, f"{self.name} {self.method}: {letters}"
        return dict(zip(ROLES, letters, strict=True))


def _ref(name):
    return lambda world: {"reference": getattr(world, name).reference}


OPEN = _ref("open")  # submitted, with a message's attachment and a pending consultation
DECIDED = _ref("decided")  # granted, a released document, published with consent
POSTED = _ref("posted")  # refused, its receipt recorded by post with an acknowledgement
WITHDRAWN = _ref("withdrawn")  # withdrawn on paper, the written withdrawal kept
BODY_A = lambda world: {"code": world.body_a.code}  # noqa: E731
INVITATION = lambda world: {"token": world.invitation_token}  # noqa: E731
ENROLMENT = lambda world: {"token": world.enrolment_token}  # noqa: E731
PREPARED = lambda world: {**OPEN(world), "pk": world.prepared.pk}  # noqa: E731
REGISTER_ENTRY = lambda world: {**BODY_A(world), "pk": world.register_entry.pk}  # noqa: E731
DATASET = lambda world: {**DECIDED(world), "pk": world.dataset.pk}  # noqa: E731
HEAD_COMPLAINT = lambda world: {"number": world.head_complaint.number}  # noqa: E731
COMPLAINT = lambda world: {"number": world.commission_complaint.number}  # noqa: E731
SESSION = lambda world: {"pk": world.session.pk}  # noqa: E731
ITEM = lambda world: {"pk": world.session.pk, "item_pk": world.agenda_item.pk}  # noqa: E731
OBSERVATION = lambda world: {"pk": world.observation.pk}  # noqa: E731
COURT_APPEAL = lambda world: {"pk": world.court_appeal.pk}  # noqa: E731
ASK = lambda world: {"pk": world.ask.pk}  # noqa: E731
PROMPT = lambda world: {"pk": world.prompt.pk}  # noqa: E731
APPROVED_REUSE = lambda world: {"pk": world.approved_reuse.pk}  # noqa: E731
PENDING_REUSE = lambda world: {"pk": world.pending_reuse.pk}  # noqa: E731
NONE = None

# One row per URL name and method. To add a view: copy a row of a view with the same
# rights and say, per role, A, D or M.
# Columns (ROLES): anon own cit off no2f oth exo head ohd com pres
MATRIX = [
    # -- public pages ---------------------------------------------------------------------------
    Row("home", NONE, "GET",                                            "A A A A A A A A A A A"),
    Row("home", NONE, "POST",                                           "M M M M M M M M M M M"),
    Row("set_language", NONE, "GET",                                    "A A A A A A A A A A A"),
    Row("set_language", NONE, "POST",                                   "A A A A A A A A A A A"),
    Row("register:list", NONE, "GET",                                   "A A A A A A A A A A A"),
    Row("register:list", NONE, "POST",                                  "A A A A A A A A A A A"),
    Row("register:feed", NONE, "GET",                                   "A A A A A A A A A A A"),
    Row("register:feed", NONE, "POST",                                  "A A A A A A A A A A A"),
    Row("register:csv", NONE, "GET",                                    "A A A A A A A A A A A"),
    Row("register:csv", NONE, "POST",                                   "A A A A A A A A A A A"),
    Row("register:entry", DECIDED, "GET",                               "A A A A A A A A A A A"),
    Row("register:entry", DECIDED, "POST",                              "A A A A A A A A A A A"),
    Row("register:entry", OPEN, "GET",                                  "D D D D D D D D D D D"),
    Row("register:document", lambda w: {**DECIDED(w), "pk": w.document.pk}, "GET",
                                                                        "A A A A A A A A A A A"),
    Row("register:document", lambda w: {**DECIDED(w), "pk": w.document.pk}, "POST",
                                                                        "A A A A A A A A A A A"),
    Row("register:bodies", NONE, "GET",                                 "A A A A A A A A A A A"),
    Row("register:bodies", NONE, "POST",                                "A A A A A A A A A A A"),
    Row("register:body", BODY_A, "GET",                                 "A A A A A A A A A A A"),
    Row("register:body", BODY_A, "POST",                                "A A A A A A A A A A A"),
    # -- filing and the requester's own requests --------------------------------------------------
    Row("requests:choose_body", NONE, "GET",                            "A A A A A A A A A A A"),
    Row("requests:choose_body", NONE, "POST",                           "A A A A A A A A A A A"),
    Row("requests:file", BODY_A, "GET",                                 "D A A A A A A A A A A"),
    Row("requests:file", BODY_A, "POST",                                "D A A A A A A A A A A"),
    # What is already published, for the filing page's script (issue 13): public fields only.
    Row("requests:suggestions", BODY_A, "GET",                          "A A A A A A A A A A A"),
    Row("requests:suggestions", BODY_A, "POST",                         "M M M M M M M M M M M"),
    Row("requests:mine", NONE, "GET",                                   "D A A A A A A A A A A"),
    Row("requests:mine", NONE, "POST",                                  "D A A A A A A A A A A"),
    Row("requests:claim", NONE, "GET",                                  "D A A A A A A A A A A"),
    Row("requests:claim", NONE, "POST",                                 "D A A A A A A A A A A"),
    Row("requests:detail", OPEN, "GET",                                 "D A D D D D D D D D D"),
    Row("requests:detail", OPEN, "POST",                                "D A D D D D D D D D D"),
    Row("requests:receipt", OPEN, "GET",                                "D A D D D D D D D D D"),
    Row("requests:receipt", OPEN, "POST",                               "D A D D D D D D D D D"),
    Row("requests:letter", lambda w: {**DECIDED(w), "kind": "decision"}, "GET",
                                                                        "D A D D D D D D D D D"),
    Row("requests:letter", lambda w: {**DECIDED(w), "kind": "decision"}, "POST",
                                                                        "D A D D D D D D D D D"),
    Row("requests:withdraw", OPEN, "GET",                               "D A D D D D D D D D D"),
    Row("requests:withdraw", OPEN, "POST",                              "D A D D D D D D D D D"),
    Row("requests:message", OPEN, "GET",                                "D M M M M M M M M M M"),
    Row("requests:message", OPEN, "POST",                               "D A D D D D D D D D D"),
    Row("requests:consent", DECIDED, "GET",                             "D M M M M M M M M M M"),
    Row("requests:consent", DECIDED, "POST",                            "D A D D D D D D D D D"),
    Row("requests:attachment", lambda w: {**OPEN(w), "pk": w.attachment.pk}, "GET",
                                                                        "D A D D D D D D D D D"),
    Row("requests:attachment", lambda w: {**OPEN(w), "pk": w.attachment.pk}, "POST",
                                                                        "D A D D D D D D D D D"),
    Row("requests:document", lambda w: {**DECIDED(w), "pk": w.document.pk}, "GET",
                                                                        "D A D D D D D D D D D"),
    Row("requests:document", lambda w: {**DECIDED(w), "pk": w.document.pk}, "POST",
                                                                        "D A D D D D D D D D D"),
    # -- the workspace: body A's officers act; its head reads -------------------------------------
    Row("workspace:dashboard", NONE, "GET",                             "D D D A D A A A A A A"),
    Row("workspace:dashboard", NONE, "POST",                            "D D D A D A A A A A A"),
    Row("workspace:intake", NONE, "GET",                                "D D D A D A A D D D D"),
    Row("workspace:intake", NONE, "POST",                               "D D D A D A A D D D D"),
    Row("workspace:templates", NONE, "GET",                             "D D D A D A A D D D D"),
    Row("workspace:templates", NONE, "POST",                            "D D D A D A A D D D D"),
    Row("workspace:notices", NONE, "GET",                               "D D D A D A A A A D D"),
    Row("workspace:notices", NONE, "POST",                              "D D D A D A A A A D D"),
    Row("workspace:template_new", lambda w: {"code": w.body_a.code}, "GET",
                                                                        "D D D A D D D D D D D"),
    Row("workspace:template_new", lambda w: {"code": w.body_a.code}, "POST",
                                                                        "D D D A D D D D D D D"),
    Row("workspace:template_edit", lambda w: {"code": w.body_a.code, "pk": w.template.pk}, "GET",
                                                                        "D D D A D D D D D D D"),
    Row("workspace:template_edit", lambda w: {"code": w.body_a.code, "pk": w.template.pk}, "POST",
                                                                        "D D D A D D D D D D D"),
    Row("workspace:designations", BODY_A, "GET",                        "D D D D D D D A D D D"),
    Row("workspace:designations", BODY_A, "POST",                       "D D D D D D D A D D D"),
    Row("workspace:request", OPEN, "GET",                               "D D D A D D D A D D D"),
    Row("workspace:request", OPEN, "POST",                              "D D D A D D D A D D D"),
    Row("workspace:assign", OPEN, "GET",                                "D D D M D M M M M M M"),
    Row("workspace:assign", OPEN, "POST",                               "D D D A D D D D D D D"),
    Row("workspace:note", OPEN, "GET",                                  "D D D M D M M M M M M"),
    Row("workspace:note", OPEN, "POST",                                 "D D D A D D D D D D D"),
    Row("workspace:message", OPEN, "GET",                               "D D D M D M M M M M M"),
    Row("workspace:message", OPEN, "POST",                              "D D D A D D D D D D D"),
    Row("workspace:extend", OPEN, "GET",                                "D D D A D D D D D D D"),
    Row("workspace:extend", OPEN, "POST",                               "D D D A D D D D D D D"),
    Row("workspace:consult", OPEN, "GET",                               "D D D A D D D D D D D"),
    Row("workspace:consult", OPEN, "POST",                              "D D D A D D D D D D D"),
    Row("workspace:consultation_answer", lambda w: {**OPEN(w), "pk": w.consultation.pk}, "GET",
                                                                        "D D D M D M M M M M M"),
    Row("workspace:consultation_answer", lambda w: {**OPEN(w), "pk": w.consultation.pk}, "POST",
                                                                        "D D D A D D D D D D D"),
    Row("workspace:consultation_determination", lambda w: {**OPEN(w), "pk": w.consultation.pk},
        "GET",                                                          "D D D M D M M M M M M"),
    Row("workspace:consultation_determination", lambda w: {**OPEN(w), "pk": w.consultation.pk},
        "POST",                                                         "D D D A D D D D D D D"),
    Row("workspace:reclassify", OPEN, "GET",                            "D D D A D D D D D D D"),
    Row("workspace:reclassify", OPEN, "POST",                           "D D D A D D D D D D D"),
    Row("workspace:withdraw", OPEN, "GET",                              "D D D A D D D D D D D"),
    Row("workspace:withdraw", OPEN, "POST",                             "D D D A D D D D D D D"),
    Row("workspace:written_withdrawal", WITHDRAWN, "GET",               "D D D A D D D A D D D"),
    Row("workspace:written_withdrawal", WITHDRAWN, "POST",              "D D D A D D D A D D D"),
    Row("workspace:decide", lambda w: {**OPEN(w), "outcome": "refused"}, "GET",
                                                                        "D D D A D D D D D D D"),
    Row("workspace:decide", lambda w: {**OPEN(w), "outcome": "refused"}, "POST",
                                                                        "D D D A D D D D D D D"),
    Row("workspace:receipt", POSTED, "GET",                             "D D D A D D D D D D D"),
    Row("workspace:receipt", POSTED, "POST",                            "D D D A D D D D D D D"),
    Row("workspace:receipt_proof", POSTED, "GET",                       "D D D A D D D A D D D"),
    Row("workspace:receipt_proof", POSTED, "POST",                      "D D D A D D D A D D D"),
    Row("workspace:mask", DECIDED, "GET",                               "D D D A D D D D D D D"),
    Row("workspace:mask", DECIDED, "POST",                              "D D D A D D D D D D D"),
    Row("workspace:document", lambda w: {**DECIDED(w), "pk": w.document.pk}, "GET",
                                                                        "D D D A D D D A D D D"),
    Row("workspace:document", lambda w: {**DECIDED(w), "pk": w.document.pk}, "POST",
                                                                        "D D D A D D D A D D D"),
    Row("workspace:attachment", lambda w: {**OPEN(w), "pk": w.attachment.pk}, "GET",
                                                                        "D D D A D D D A D D D"),
    Row("workspace:attachment", lambda w: {**OPEN(w), "pk": w.attachment.pk}, "POST",
                                                                        "D D D A D D D A D D D"),
    Row("workspace:letter", lambda w: {**OPEN(w), "kind": "receipt"}, "GET",
                                                                        "D D D A D D D A D D D"),
    Row("workspace:letter", lambda w: {**OPEN(w), "kind": "receipt"}, "POST",
                                                                        "D D D A D D D A D D D"),
    # -- accounts (ours, then django-allauth's) -------------------------------------------------
    Row("accounts:profile", NONE, "GET",                                "D A A A A A A A A A A"),
    Row("accounts:profile", NONE, "POST",                               "D A A A A A A A A A A"),
    Row("account_login", NONE, "GET",                                   "A A A A A A A A A A A"),
    Row("account_login", NONE, "POST",                                  "A A A A A A A A A A A"),
    Row("account_logout", NONE, "GET",                                  "A A A A A A A A A A A"),
    Row("account_logout", NONE, "POST",                                 "A A A A A A A A A A A"),
    Row("account_inactive", NONE, "GET",                                "A A A A A A A A A A A"),
    Row("account_inactive", NONE, "POST",                               "M M M M M M M M M M M"),
    Row("account_signup", NONE, "GET",                                  "A A A A A A A A A A A"),
    Row("account_signup", NONE, "POST",                                 "A A A A A A A A A A A"),
    Row("account_reauthenticate", NONE, "GET",                          "D A A A A A A A A A A"),
    Row("account_reauthenticate", NONE, "POST",                         "D A A A A A A A A A A"),
    Row("account_request_reauthentication_code", NONE, "GET",           "D A A A A A A A A A A"),
    Row("account_request_reauthentication_code", NONE, "POST",          "D A A A A A A A A A A"),
    Row("account_confirm_reauthentication_code", NONE, "GET",           "D D D D D D D D D D D"),
    Row("account_confirm_reauthentication_code", NONE, "POST",          "D D D D D D D D D D D"),
    Row("account_email", NONE, "GET",                                   "D A A A A A A A A A A"),
    Row("account_email", NONE, "POST",                                  "D A A A A A A A A A A"),
    Row("account_email_verification_sent", NONE, "GET",                 "A A A A A A A A A A A"),
    Row("account_email_verification_sent", NONE, "POST",                "M M M M M M M M M M M"),
    Row("account_change_password", NONE, "GET",                         "D A A A A A A A A A A"),
    Row("account_change_password", NONE, "POST",                        "D A A A A A A A A A A"),
    Row("account_set_password", NONE, "GET",                            "D A A A A A A A A A A"),
    Row("account_set_password", NONE, "POST",                           "D A A A A A A A A A A"),
    Row("account_reset_password", NONE, "GET",                          "A A A A A A A A A A A"),
    Row("account_reset_password", NONE, "POST",                         "A A A A A A A A A A A"),
    Row("account_confirm_login_code", NONE, "GET",                      "D A A A A A A A A A A"),
    Row("account_confirm_login_code", NONE, "POST",                     "D A A A A A A A A A A"),
    Row("account_confirm_email", lambda w: {"key": "not-a-key"}, "GET", "A A A A A A A A A A A"),
    Row("account_confirm_email", lambda w: {"key": "not-a-key"}, "POST",
                                                                        "D D D D D D D D D D D"),
    Row("account_reset_password_from_key_done", NONE, "GET",            "A A A A A A A A A A A"),
    Row("account_reset_password_from_key_done", NONE, "POST",           "M M M M M M M M M M M"),
    Row("account_reset_password_from_key", lambda w: {"uidb36": "1", "key": "not-a-key"}, "GET",
                                                                        "A A A A A A A A A A A"),
    Row("account_reset_password_from_key", lambda w: {"uidb36": "1", "key": "not-a-key"}, "POST",
                                                                        "A A A A A A A A A A A"),
    Row("account_reset_password_done", NONE, "GET",                     "A A A A A A A A A A A"),
    Row("account_reset_password_done", NONE, "POST",                    "M M M M M M M M M M M"),
    Row("mfa_index", NONE, "GET",                                       "D A A A A A A A A A A"),
    Row("mfa_index", NONE, "POST",                                      "D M M M M M M M M M M"),
    Row("mfa_authenticate", NONE, "GET",                                "D A A A A A A A A A A"),
    Row("mfa_authenticate", NONE, "POST",                               "D A A A A A A A A A A"),
    Row("mfa_reauthenticate", NONE, "GET",                              "D D D A A A A A A A A"),
    Row("mfa_reauthenticate", NONE, "POST",                             "D D D A A A A A A A A"),
    Row("mfa_activate_totp", NONE, "GET",                               "D D D A D A A A A A A"),
    Row("mfa_activate_totp", NONE, "POST",                              "D D D A D A A A A A A"),
    Row("mfa_deactivate_totp", NONE, "GET",                             "D D D A D A A A A A A"),
    Row("mfa_deactivate_totp", NONE, "POST",                            "D D D A D A A A A A A"),
    Row("mfa_view_recovery_codes", NONE, "GET",                         "D D D D D D D D D D D"),
    Row("mfa_view_recovery_codes", NONE, "POST",                        "D M M M M M M M M M M"),
    Row("mfa_generate_recovery_codes", NONE, "GET",                     "D D D A D A A A A A A"),
    Row("mfa_generate_recovery_codes", NONE, "POST",                    "D D D A D A A A A A A"),
    Row("mfa_download_recovery_codes", NONE, "GET",                     "D D D D D D D D D D D"),
    Row("mfa_download_recovery_codes", NONE, "POST",                    "D D D D D D D D D D D"),
    Row("mfa_list_webauthn", NONE, "GET",                               "D A A A A A A A A A A"),
    Row("mfa_list_webauthn", NONE, "POST",                              "D M M M M M M M M M M"),
    Row("mfa_add_webauthn", NONE, "GET",                                "D D D A D A A A A A A"),
    Row("mfa_add_webauthn", NONE, "POST",                               "D D D A D A A A A A A"),
    Row("mfa_reauthenticate_webauthn", NONE, "GET",                     "D D D D D D D D D D D"),
    Row("mfa_reauthenticate_webauthn", NONE, "POST",                    "D D D D D D D D D D D"),
    Row("mfa_remove_webauthn", lambda w: {"pk": w.someone_elses_passkey}, "GET",
                                                                        "D D D D D D D D D D D"),
    Row("mfa_remove_webauthn", lambda w: {"pk": w.someone_elses_passkey}, "POST",
                                                                        "D D D D D D D D D D D"),
    Row("mfa_edit_webauthn", lambda w: {"pk": w.someone_elses_passkey}, "GET",
                                                                        "D D D D D D D D D D D"),
    Row("mfa_edit_webauthn", lambda w: {"pk": w.someone_elses_passkey}, "POST",
                                                                        "D D D D D D D D D D D"),
    Row("mfa_login_webauthn", NONE, "GET",                              "D A A A A A A A A A A"),
    Row("mfa_login_webauthn", NONE, "POST",                             "D A A A A A A A A A A"),
    # -- the administration (its own pages: the rows named admin:…) ------------------------------
    Row("admin:index", NONE, "GET",                                     "D D D D D D D D D A A"),
    Row("admin:requests_app_informationrequest_changelist", NONE, "GET",
                                                                        "D D D D D D D D D D A"),
    Row("admin:requests_app_informationrequest_change", lambda w: {"object_id": w.open.pk}, "GET",
                                                                        "D D D D D D D D D D A"),
    Row("admin:accounts_designation_add", NONE, "POST",                 "D D D D D D D D D D A"),
    # -- invitations to serve as an officer (the citizen "cit" is invited to body A) ----------
    Row("accounts:invitation", INVITATION, "GET",                       "D D A D D D D D D D D"),
    Row("accounts:invitation", INVITATION, "POST",                      "D D A D D D D D D D D"),
    Row("accounts:invitation_accept", INVITATION, "GET",                "D M M M M M M M M M M"),
    Row("accounts:invitation_accept", INVITATION, "POST",               "D D A D D D D D D D D"),
    Row("accounts:invitation_decline", INVITATION, "GET",               "D M M M M M M M M M M"),
    Row("accounts:invitation_decline", INVITATION, "POST",              "D D A D D D D D D D D"),
    Row("workspace:invitation_cancel", lambda w: {**BODY_A(w), "pk": w.invitation.pk}, "GET",
                                                                        "D D D M D M M M M M M"),
    Row("workspace:invitation_cancel", lambda w: {**BODY_A(w), "pk": w.invitation.pk}, "POST",
                                                                        "D D D D D D D A D D D"),
    # -- documents prepared for a decision (body A's officer only) -------------------------------
    Row("workspace:prepared_documents", OPEN, "GET",                    "D D D A D D D D D D D"),
    Row("workspace:prepared_documents", OPEN, "POST",                   "D D D A D D D D D D D"),
    Row("workspace:prepared_document", PREPARED, "GET",                 "D D D A D D D D D D D"),
    Row("workspace:prepared_document", PREPARED, "POST",                "D D D A D D D D D D D"),
    Row("workspace:prepared_document_remove", PREPARED, "GET",          "D D D M D M M M M M M"),
    Row("workspace:prepared_document_remove", PREPARED, "POST",         "D D D A D D D D D D D"),
    # -- setting up a second factor through a one-time link (the citizen "cit"'s link) ----------
    Row("accounts:second_factor_enrolment", NONE, "GET",                "D A A D D D D D D D D"),
    Row("accounts:second_factor_enrolment", NONE, "POST",               "D M M M M M M M M M M"),
    Row("accounts:second_factor_enrolment_open", ENROLMENT, "GET",      "D D A D D D D D D D D"),
    Row("accounts:second_factor_enrolment_open", ENROLMENT, "POST",     "D D A D D D D D D D D"),
    # -- proactive publication (art. 10): public registers; body A's officers keep A's --------
    Row("proactive:compliance", NONE, "GET",                            "A A A A A A A A A A A"),
    Row("proactive:compliance", NONE, "POST",                           "M M M M M M M M M M M"),
    Row("proactive:body", BODY_A, "GET",                                "A A A A A A A A A A A"),
    Row("proactive:body", BODY_A, "POST",                               "M M M M M M M M M M M"),
    Row("proactive:workspace_register", BODY_A, "GET",                  "D D D A D D D D D D D"),
    Row("proactive:workspace_register", BODY_A, "POST",                 "D D D M D M M M M M M"),
    Row("proactive:entry_new", BODY_A, "GET",                           "D D D A D D D D D D D"),
    Row("proactive:entry_new", BODY_A, "POST",                          "D D D A D D D D D D D"),
    Row("proactive:entry_edit", REGISTER_ENTRY, "GET",                  "D D D A D D D D D D D"),
    Row("proactive:entry_edit", REGISTER_ENTRY, "POST",                 "D D D A D D D D D D D"),
    Row("proactive:entry_retire", REGISTER_ENTRY, "GET",                "D D D M D M M M M M M"),
    Row("proactive:entry_retire", REGISTER_ENTRY, "POST",               "D D D A D D D D D D D"),
    # -- proactive: asks for a dataset (body A's officers answer; its head states the period) ----
    Row("proactive:asks", NONE, "GET",                                  "A A A A A A A A A A A"),
    Row("proactive:asks", NONE, "POST",                                 "M M M M M M M M M M M"),
    Row("proactive:ask_new", NONE, "GET",                               "D A A A A A A A A A A"),
    Row("proactive:ask_new", NONE, "POST",                              "D A A A A A A A A A A"),
    Row("proactive:ask", ASK, "GET",                                    "A A A A A A A A A A A"),
    Row("proactive:ask", ASK, "POST",                                   "M M M M M M M M M M M"),
    Row("proactive:ask_support", ASK, "GET",                            "D M M M M M M M M M M"),
    Row("proactive:ask_support", ASK, "POST",                           "D A A A A A A A A A A"),
    Row("proactive:body_asks", BODY_A, "GET",                           "A A A A A A A A A A A"),
    Row("proactive:body_asks", BODY_A, "POST",                          "M M M M M M M M M M M"),
    Row("proactive:workspace_asks", NONE, "GET",                        "D D D A D A A A A D D"),
    Row("proactive:workspace_asks", NONE, "POST",                       "D D D M D M M M M M M"),
    Row("proactive:workspace_ask_answer", ASK, "GET",                   "D D D A D D D D D D D"),
    Row("proactive:workspace_ask_answer", ASK, "POST",                  "D D D A D D D D D D D"),
    Row("proactive:workspace_ask_period", BODY_A, "GET",                "D D D A D D D A D D D"),
    Row("proactive:workspace_ask_period", BODY_A, "POST",               "D D D A D D D A D D D"),
    # -- proactive: prompts to publish (body A's officers) ---------------------------------------
    Row("proactive:prompts", NONE, "GET",                               "D D D A D A A D D D D"),
    Row("proactive:prompts", NONE, "POST",                              "D D D M D M M M M M M"),
    Row("proactive:prompt", PROMPT, "GET",                              "D D D A D D D D D D D"),
    Row("proactive:prompt", PROMPT, "POST",                             "D D D M D M M M M M M"),
    Row("proactive:prompt_publish", PROMPT, "GET",                      "D D D A D D D D D D D"),
    Row("proactive:prompt_publish", PROMPT, "POST",                     "D D D A D D D D D D D"),
    Row("proactive:prompt_link", PROMPT, "GET",                         "D D D M D M M M M M M"),
    Row("proactive:prompt_link", PROMPT, "POST",                        "D D D A D D D D D D D"),
    Row("proactive:prompt_dismiss", PROMPT, "GET",                      "D D D M D M M M M M M"),
    Row("proactive:prompt_dismiss", PROMPT, "POST",                     "D D D A D D D D D D D"),
    # -- proactive: reuses (public once approved; the Commission or a cited body moderates) ------
    Row("proactive:reuses", NONE, "GET",                                "A A A A A A A A A A A"),
    Row("proactive:reuses", NONE, "POST",                               "M M M M M M M M M M M"),
    Row("proactive:reuse_new", NONE, "GET",                             "D A A A A A A A A A A"),
    Row("proactive:reuse_new", NONE, "POST",                            "D A A A A A A A A A A"),
    Row("proactive:reuse", APPROVED_REUSE, "GET",                       "A A A A A A A A A A A"),
    Row("proactive:reuse", APPROVED_REUSE, "POST",                      "M M M M M M M M M M M"),
    Row("proactive:reuse", PENDING_REUSE, "GET",                        "D A D D D D D D D D D"),
    Row("proactive:reuse", PENDING_REUSE, "POST",                       "M M M M M M M M M M M"),
    Row("proactive:reuse_moderation", NONE, "GET",                      "D D D A D A A D D A A"),
    Row("proactive:reuse_moderation", NONE, "POST",                     "D D D M D M M M M M M"),
    Row("proactive:reuse_moderate", PENDING_REUSE, "GET",               "D D D M D M M M M M M"),
    Row("proactive:reuse_moderate", PENDING_REUSE, "POST",              "D D D A D D D D D A A"),
    # -- the DCAT catalogue (public, read only) and the officers' broken links ---------------------
    Row("proactive:dcat_catalog", NONE, "GET",                          "A A A A A A A A A A A"),
    Row("proactive:dcat_catalog", NONE, "POST",                         "M M M M M M M M M M M"),
    Row("proactive:dcat_catalog_file", lambda w: {"fmt": "ttl"}, "GET", "A A A A A A A A A A A"),
    Row("proactive:dcat_catalog_file", lambda w: {"fmt": "ttl"}, "POST",
                                                                        "M M M M M M M M M M M"),
    Row("proactive:dcat_entry", lambda w: {"pk": w.register_entry.pk}, "GET",
                                                                        "A A A A A A A A A A A"),
    Row("proactive:dcat_entry", lambda w: {"pk": w.register_entry.pk}, "POST",
                                                                        "M M M M M M M M M M M"),
    Row("proactive:dcat_dataset", lambda w: {"pk": w.portal_dataset.pk}, "GET",
                                                                        "A A A A A A A A A A A"),
    Row("proactive:dcat_dataset", lambda w: {"pk": w.portal_dataset.pk}, "POST",
                                                                        "M M M M M M M M M M M"),
    Row("proactive:dcat_body", BODY_A, "GET",                           "A A A A A A A A A A A"),
    Row("proactive:dcat_body", BODY_A, "POST",                          "M M M M M M M M M M M"),
    Row("proactive:dcat_reuse_conditions", NONE, "GET",                 "A A A A A A A A A A A"),
    Row("proactive:dcat_reuse_conditions", NONE, "POST",                "M M M M M M M M M M M"),
    Row("proactive:links_broken", BODY_A, "GET",                        "D D D A D D D D D D D"),
    Row("proactive:links_broken", BODY_A, "POST",                       "D D D M D M M M M M M"),
    # -- portal datasets: body A's officers link and publish its granted requests ------------------
    Row("proactive:portal_link", DECIDED, "GET",                        "D D D A D D D D D D D"),
    Row("proactive:portal_link", DECIDED, "POST",                       "D D D A D D D D D D D"),
    Row("proactive:portal_publish", DECIDED, "GET",                     "D D D A D D D D D D D"),
    Row("proactive:portal_publish", DECIDED, "POST",                    "D D D A D D D D D D D"),
    Row("proactive:portal_dataset", DATASET, "GET",                     "D D D A D D D D D D D"),
    Row("proactive:portal_dataset", DATASET, "POST",                    "D D D A D D D D D D D"),
    # -- appeals: the Commission, its sessions, the court record, the public decisions ----------
    Row("appeals:commission_file", POSTED, "GET",                   "D A D D D D D D D D D"),
    Row("appeals:commission_file", POSTED, "POST",                  "D A D D D D D D D D D"),
    Row("appeals:commission_complaint", COMPLAINT, "GET",           "D A D D D D D D D D D"),
    Row("appeals:commission_complaint", COMPLAINT, "POST",          "D M M M M M M M M M M"),
    Row("appeals:commission_requester_answer", COMPLAINT, "GET",    "D M M M M M M M M M M"),
    Row("appeals:commission_requester_answer", COMPLAINT, "POST",   "D A D D D D D D D D D"),
    Row("appeals:commission_letter", lambda w: {**COMPLAINT(w), "name": "deposit_receipt"}, "GET",
                                                                    "D A D D D D D D D D D"),
    Row("appeals:commission_letter", lambda w: {**COMPLAINT(w), "name": "deposit_receipt"}, "POST",
                                                                    "D M M M M M M M M M M"),
    Row("appeals:commission_decision_letter", COMPLAINT, "GET",     "D A D D D D D D D A A"),
    Row("appeals:commission_decision_letter", COMPLAINT, "POST",    "M M M M M M M M M M M"),
    Row("appeals:court_new", POSTED, "GET",                         "D A D D D D D D D D D"),
    Row("appeals:court_new", POSTED, "POST",                        "D A D D D D D D D D D"),
    Row("appeals:court_outcome", COURT_APPEAL, "GET",               "D A D D D D D D D D D"),
    Row("appeals:court_outcome", COURT_APPEAL, "POST",              "D A D D D D D D D D D"),
    Row("appeals:decisions", NONE, "GET",                           "A A A A A A A A A A A"),
    Row("appeals:decisions", NONE, "POST",                          "M M M M M M M M M M M"),
    Row("appeals:decision", COMPLAINT, "GET",                       "A A A A A A A A A A A"),
    Row("appeals:decision", COMPLAINT, "POST",                      "M M M M M M M M M M M"),
    Row("appeals:decisions_feed", NONE, "GET",                      "A A A A A A A A A A A"),
    Row("appeals:decisions_feed", NONE, "POST",                     "A A A A A A A A A A A"),
    Row("appeals:decisions_csv", NONE, "GET",                       "A A A A A A A A A A A"),
    Row("appeals:decisions_csv", NONE, "POST",                      "M M M M M M M M M M M"),
    Row("appeals:commission_queue", NONE, "GET",                    "D D D D D D D D D A A"),
    Row("appeals:commission_queue", NONE, "POST",                   "D D D M D M M M M M M"),
    Row("appeals:commission_register", NONE, "GET",                 "D D D D D D D D D A A"),
    Row("appeals:commission_register", NONE, "POST",                "D D D M D M M M M M M"),
    Row("appeals:commission_register_paper", NONE, "GET",           "D D D D D D D D D A A"),
    Row("appeals:commission_register_paper", NONE, "POST",          "D D D D D D D D D A A"),
    Row("appeals:commission_case_or_register", COMPLAINT, "GET",    "D D D D D D D D D A A"),
    Row("appeals:commission_case_or_register", COMPLAINT, "POST",   "D D D M D M M M M M M"),
    Row("appeals:commission_case", COMPLAINT, "GET",                "D D D D D D D D D A A"),
    Row("appeals:commission_case", COMPLAINT, "POST",               "D D D M D M M M M M M"),
    Row("appeals:commission_refer", COMPLAINT, "GET",               "D D D M D M M M M M M"),
    Row("appeals:commission_refer", COMPLAINT, "POST",              "D D D D D D D D D D A"),
    Row("appeals:commission_check", COMPLAINT, "GET",               "D D D M D M M M M M M"),
    Row("appeals:commission_check", COMPLAINT, "POST",              "D D D D D D D D D A A"),
    Row("appeals:commission_note", COMPLAINT, "GET",                "D D D M D M M M M M M"),
    Row("appeals:commission_note", COMPLAINT, "POST",               "D D D D D D D D D A A"),
    Row("appeals:commission_receipt", COMPLAINT, "GET",             "D D D M D M M M M M M"),
    Row("appeals:commission_receipt", COMPLAINT, "POST",            "D D D D D D D D D A A"),
    Row("appeals:commission_ask_observations", COMPLAINT, "GET",    "D D D M D M M M M M M"),
    Row("appeals:commission_ask_observations", COMPLAINT, "POST",   "D D D D D D D D D A A"),
    Row("appeals:commission_compliance", COMPLAINT, "GET",          "D D D M D M M M M M M"),
    Row("appeals:commission_compliance", COMPLAINT, "POST",         "D D D D D D D D D A A"),
    Row("appeals:commission_body_letter", COMPLAINT, "GET",         "D D D M D M M M M M M"),
    Row("appeals:commission_body_letter", COMPLAINT, "POST",        "D D D D D D D D D D A"),
    Row("appeals:commission_case_letter", lambda w: {**COMPLAINT(w), "name": "body_letter"}, "GET",
                                                                    "D D D D D D D D D D D"),
    Row("appeals:commission_case_letter", lambda w: {**COMPLAINT(w), "name": "body_letter"}, "POST",
                                                                    "D D D M D M M M M M M"),
    Row("appeals:commission_observation_document", lambda w: {**COMPLAINT(w), "pk": 1}, "GET",
                                                                    "D D D D D D D D D D D"),
    Row("appeals:commission_observation_document", lambda w: {**COMPLAINT(w), "pk": 1}, "POST",
                                                                    "D D D M D M M M M M M"),
    Row("appeals:observations_answer", OBSERVATION, "GET",          "D D D A D D D D D D D"),
    Row("appeals:observations_answer", OBSERVATION, "POST",         "D D D A D D D D D D D"),
    Row("appeals:commission_report", COMPLAINT, "GET",              "D D D A D D D D D D D"),
    Row("appeals:commission_report", COMPLAINT, "POST",             "D D D A D D D D D D D"),
    Row("appeals:publish_queue", NONE, "GET",                       "D D D D D D D D D D A"),
    Row("appeals:publish_queue", NONE, "POST",                      "D D D M D M M M M M M"),
    Row("appeals:publish", COMPLAINT, "GET",                        "D D D D D D D D D D A"),
    Row("appeals:publish", COMPLAINT, "POST",                       "D D D D D D D D D D A"),
    Row("appeals:unpublish", COMPLAINT, "GET",                      "D D D M D M M M M M M"),
    Row("appeals:unpublish", COMPLAINT, "POST",                     "D D D D D D D D D D A"),
    Row("appeals:sessions", NONE, "GET",                            "D D D D D D D D D A A"),
    Row("appeals:sessions", NONE, "POST",                           "D D D D D D D D D M M"),
    Row("appeals:session_call", NONE, "GET",                        "D D D D D D D D D M M"),
    Row("appeals:session_call", NONE, "POST",                       "D D D D D D D D D D A"),
    Row("appeals:session", SESSION, "GET",                          "D D D D D D D D D A A"),
    Row("appeals:session", SESSION, "POST",                         "D D D D D D D D D M M"),
    Row("appeals:session_agenda_add", SESSION, "GET",               "D D D D D D D D D M M"),
    Row("appeals:session_agenda_add", SESSION, "POST",              "D D D D D D D D D D A"),
    Row("appeals:session_attendance", SESSION, "GET",               "D D D D D D D D D M M"),
    Row("appeals:session_attendance", SESSION, "POST",              "D D D D D D D D D D A"),
    Row("appeals:session_decide", ITEM, "GET",                      "D D D D D D D D D M M"),
    Row("appeals:session_decide", ITEM, "POST",                     "D D D D D D D D D D A"),
    # -- appeals: the complaint to the head of the body (art. 19) -------------------------------
    Row("appeals:head_file", DECIDED, "GET",                        "D A D D D D D D D D D"),
    Row("appeals:head_file", DECIDED, "POST",                       "D A D D D D D D D D D"),
    Row("appeals:head_complaint", HEAD_COMPLAINT, "GET",            "D A D D D D D D D D D"),
    Row("appeals:head_complaint", HEAD_COMPLAINT, "POST",           "D M M M M M M M M M M"),
    Row("appeals:head_letter", lambda w: {**HEAD_COMPLAINT(w), "name": "receipt"}, "GET",
                                                                    "D A D D D D D D D D D"),
    Row("appeals:head_letter", lambda w: {**HEAD_COMPLAINT(w), "name": "receipt"}, "POST",
                                                                    "D M M M M M M M M M M"),
    Row("appeals:head_queue", NONE, "GET",                          "D D D D D D D A A D D"),
    Row("appeals:head_queue", NONE, "POST",                         "D D D M D M M M M M M"),
    Row("appeals:head_register_paper", DECIDED, "GET",              "D D D A D D D D D D D"),
    Row("appeals:head_register_paper", DECIDED, "POST",             "D D D A D D D D D D D"),
    Row("appeals:head_decide", HEAD_COMPLAINT, "GET",               "D D D A D D D A D D D"),
    Row("appeals:head_decide", HEAD_COMPLAINT, "POST",              "D D D D D D D D D D D"),
    Row("appeals:head_staff_letter", lambda w: {**HEAD_COMPLAINT(w), "name": "receipt"}, "GET",
                                                                    "D D D A D D D A D D D"),
    Row("appeals:head_staff_letter", lambda w: {**HEAD_COMPLAINT(w), "name": "receipt"}, "POST",
                                                                    "D D D M D M M M M M M"),
]


class World:
    """The module's data: people in every role, body A's requests and their files."""


def _upload(name="piece.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _build_appeals(world, people, today) -> None:
    """A complaint to the head of body A about the refused request, rejected; a complaint
    to the Commission after it, referred to the member ``com``, decided in a session and
    published; observations asked of body A; a court appeal."""
    from appeals.models import AgendaItem, Attendance, CommissionSession, CourtAppeal, Observation
    from tests.appeals.factories import commission_complaint, head_complaint

    world.head_complaint = head_complaint(world.posted, filed_on=today, state="rejected",
                                          decided_at=timezone.now(), decision_reasons="Motifs.")
    world.pending_head_complaint = head_complaint(world.decided, filed_on=today,
                                                  contested="unsatisfied")
    session = CommissionSession.objects.create(held_on=today, called_on=today - timedelta(days=9),
                                               members_in_office=2, state="held")
    for member in (people["com"], people["pres"]):
        Attendance.objects.create(session=session, member=member, present=True)
    world.commission_complaint = commission_complaint(
        world.posted, filed_on=today, head=world.head_complaint, state="decided", rapporteur=people["com"],
        outcome="disclose_fully", decision_reasons="Motifs.", articles_cited="art. 18", session=session,
        decided_at=timezone.now(), public_summary="Résumé public.", published_at=timezone.now())
    world.agenda_item = AgendaItem.objects.create(session=session, complaint=world.commission_complaint,
                                                  vote="consensus", outcome="disclose_fully")
    world.session = session
    world.observation = Observation.objects.create(
        complaint=world.commission_complaint, questions="Pourquoi ?", reply_by=today + timedelta(days=5),
        asked_by=people["pres"])
    world.court_appeal = CourtAppeal.objects.create(
        request=world.posted, commission_complaint=world.commission_complaint, court="Tribunal administratif",
        filed_on=today, court_reference="1/7110/2026", recorded_by=people["own"])


def _build_asks_prompts_reuses(world, people, officer) -> None:
    """An ask by the requester to body A; a prompt to publish on body A (the decided
    request among its similar requests); a reuse citing body A's register entry,
    approved, and another awaiting moderation, both submitted by the requester."""
    from proactive.asks import services as asks
    from proactive.models import PublicationPrompt
    from proactive.reuses import services as reuses

    world.ask = asks.ask(actor=people["own"], body=world.body_a, title="Horaires des guichets")
    world.prompt = PublicationPrompt.objects.create(body=world.body_a, subject="Marchés de voirie")
    world.prompt.requests.set([world.decided])
    world.approved_reuse = reuses.submit(actor=people["own"], title="Carte", kind="visualisation",
                                         url="https://viz.example.org/a", entries=[world.register_entry])
    reuses.moderate(actor=people["com"], reuse=world.approved_reuse, approve=True)
    world.pending_reuse = reuses.submit(actor=people["own"], title="Article", kind="article",
                                        url="https://viz.example.org/b", entries=[world.register_entry])


def _build() -> World:
    world = World()
    world.body_a = BodyFactory(code="commune-rabat", name_fr="Commune de Rabat")
    world.body_b = BodyFactory(code="commune-sale", name_fr="Commune de Salé")
    owner = UserFactory()
    officer = officer_of(world.body_a)
    no_second_factor = officer_of(world.body_a)
    authenticator(no_second_factor)  # set up, but not used in this session
    ex_officer = officer_of(world.body_a)
    DesignationFactory(user=ex_officer, body=world.body_b)
    people = {
        "own": owner, "cit": UserFactory(), "off": officer, "no2f": no_second_factor,
        "oth": officer_of(world.body_b), "exo": ex_officer,
        "head": head_of(world.body_a), "ohd": head_of(world.body_b),
        "com": UserFactory(is_staff=True, commission_role=User.CommissionRole.REVIEWER),
        "pres": UserFactory(is_staff=True, is_superuser=True,
                            commission_role=User.CommissionRole.PRESIDENT),
    }
    today = timezone.localdate()
    world.open = make_request(body=world.body_a, requester=owner, subject="Budget de Rabat")
    message = services.send_message(actor=officer, information_request=world.open, text="Voici la pièce.",
                                    files=[_upload()])
    world.attachment = message.attachments.get()
    world.consultation = services.consult_third_party(actor=officer, information_request=world.open,
                                                      third_party="Société X", asked_on=today)
    world.decided = make_request(body=world.body_a, requester=owner, subject="Marchés de voirie")
    decide_request(world.decided, "granted", officer=officer)
    services.set_publication_consent(actor=owner, information_request=world.decided, consent=True)
    world.document = world.decided.decision.documents.get()
    world.posted = make_request(body=world.body_a, requester=owner, subject="Plan d'aménagement",
                                email="", delivery_preference="other")
    decide_request(world.posted, "refused", officer=officer)
    services.record_answer_receipt(actor=officer, information_request=world.posted, received_on=today,
                                   via="post", proof=_upload("accuse.pdf"))
    world.withdrawn = make_request(body=world.body_a, requester=owner, subject="Eau potable")
    services.withdraw(actor=officer, information_request=world.withdrawn, note="Lettre du requérant",
                      written_withdrawal=pdf_file("retrait.pdf"))
    world.template = services.save_response_template(
        actor=officer, body=world.body_a, use="message", title="Accusé", text_ar="شكرا", text_fr="Merci")
    from allauth.mfa.models import Authenticator
    world.someone_elses_passkey = Authenticator.objects.create(
        user=UserFactory(), type=Authenticator.Type.WEBAUTHN, data={"name": "clé"}).pk
    # The ex-officer's designation at A ended yesterday: nothing saved, nothing synced.
    Designation.objects.filter(user=ex_officer, body=world.body_a).update(ends_on=today - timedelta(days=1))
    world.invitation = accounts_services.invite(
        actor=people["head"], user=people["cit"], body=world.body_a,
        decision_reference="DEC-1/2026", decision_date=today)
    world.invitation_token = accounts_services.invitation_token(world.invitation)
    world.enrolment_token = "matrix-enrolment-link"
    SecondFactorEnrolment.objects.create(
        user=people["cit"], token_digest=enrolment._digest(world.enrolment_token),
        expires_at=timezone.now() + timedelta(hours=1))
    world.prepared = add_document(world.open, "Budget", pdf_file("budget.pdf"), officer=officer)
    world.register_entry = proactive_services.add_entry(
        actor=officer, body=world.body_a, category=Art10Category.objects.get(number=6),
        title="Budget 2026", url="https://rabat.ma/budget-2026.pdf", published_on=today)
    world.portal_dataset = PortalDataset.objects.create(
        body=world.body_a, title="Budget ouvert", url="https://data.gov.ma/dataset/budget-rabat",
        state=PortalDataset.State.LINKED, created_by=officer)
    world.dataset = portal_services.link_existing_dataset(
        actor=officer, information_request=world.decided, title="Marchés de voirie",
        url="https://data.gov.ma/data/fr/dataset/marches-de-voirie")
    _build_appeals(world, people, today)
    _build_asks_prompts_reuses(world, people, officer)
    world.people = people
    world.sessions = {}
    for role, person in people.items():
        client = Client()
        if role in ("own", "cit", "no2f"):
            client.force_login(person)
        else:
            verified(client, person)
        world.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    world.ex_officer = ex_officer
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once, inside a transaction rolled back when the module ends; each test's
    own savepoint (``db``) is nested in it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with translation.override("en"):
            built = _build()
        yield built
        transaction.set_rollback(True)


def client_of(world, role) -> Client:
    client = Client()
    if role != "anon":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def outcome(response) -> str:
    status = response.status_code
    assert status < 500, f"server error {status}"
    if status == 405:
        return "M"
    if status in (401, 403, 404):
        return "D"
    if 300 <= status < 400:
        path = urlsplit(response["Location"]).path
        return "D" if any(step in path for step in DENIAL_REDIRECTS) else "A"
    return "A"


def _id(row: Row) -> str:
    return f"{row.name}-{row.method}-{MATRIX.index(row)}"


@pytest.mark.parametrize("row", MATRIX, ids=_id)
def test_access_matrix(row, world, db):
    expected = row.outcomes()
    url = reverse(row.name, kwargs=row.kwargs(world) if row.kwargs else None)
    found = {}
    for role in ROLES:
        client = client_of(world, role)
        with transaction.atomic():
            response = client.get(url) if row.method == "GET" else client.post(url, {})
            found[role] = outcome(response)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            transaction.set_rollback(True)
    wrong = {role: f"expected {expected[role]}, got {found[role]}" for role in ROLES
             if expected[role] != found[role]}
    assert not wrong, f"{row.method} {url}: {wrong}"


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            yield from _url_names(pattern.url_patterns,
                                  f"{namespace}:{inner}" if namespace and inner else namespace or inner)
        elif isinstance(pattern, URLPattern):
            full = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield full, pattern, namespace


def test_every_url_pattern_is_in_the_matrix():
    listed = {row.name for row in MATRIX}
    missing, unnamed = set(), set()
    for name, pattern, namespace in _url_names(get_resolver().url_patterns):
        if namespace == "admin":
            continue  # the administration: its rows above stand for all its pages
        if name is None:
            unnamed.add(str(pattern.pattern))
        elif name not in listed:
            missing.add(name)
    assert not missing, f"URL names with no row in MATRIX: {sorted(missing)}"
    # Only the admin has pages without a name (its model pages' redirects); elsewhere a
    # page without a name could not be listed.
    assert not unnamed, f"URL patterns without a name, outside the admin: {sorted(unnamed)}"
    # Every row is of a real URL name and both methods are listed.
    names = {name for name, _pattern, _namespace in _url_names(get_resolver().url_patterns)}
    for row in MATRIX:
        assert row.name in names, f"{row.name} is not a URL name"
        row.outcomes()
    for name in listed - {n for n in listed if n.startswith("admin:")}:
        assert {row.method for row in MATRIX if row.name == name} >= {"GET", "POST"}, name
