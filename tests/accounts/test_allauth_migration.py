"""The data migration to django-allauth: every existing account gets its EmailAddress
(verified when the old sign-up had activated it), a sign-up never confirmed can still be
confirmed, and the django-otp authenticator apps keep working as allauth authenticators."""

import base64
import importlib
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.db import connection

from accounts.two_factor import current_totp_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("accounts.migrations.0004_allauth_email_addresses")
KEY = "3132333435363738393031323334353637383930"


def test_existing_accounts_get_their_addresses_and_authenticators():
    citizen = UserFactory(email="citizen@example.ma")
    never_confirmed = UserFactory(email="pending@example.ma", is_active=False)
    disabled_staff = UserFactory(email="gone@example.ma", is_active=False, is_staff=True)
    officer = UserFactory(email="officer@example.ma", is_staff=True)
    EmailAddress.objects.all().delete()  # as before allauth
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE otp_totp_totpdevice (id integer PRIMARY KEY, user_id integer, "
                       "key varchar(80), confirmed boolean, step smallint, digits smallint, "
                       "t0 bigint)")
        cursor.execute("INSERT INTO otp_totp_totpdevice VALUES (1, %s, %s, %s, 30, 6, 0), "
                       "(2, %s, %s, %s, 30, 6, 0)",
                       [officer.pk, KEY, True, citizen.pk, KEY, False])
    migration.forwards(apps, SimpleNamespace(connection=connection))

    def address(user):
        return EmailAddress.objects.get(user=user)

    assert address(citizen).verified and address(citizen).primary
    assert address(disabled_staff).verified
    disabled_staff.refresh_from_db()
    assert not disabled_staff.is_active  # an account switched off stays off
    never_confirmed.refresh_from_db()
    assert never_confirmed.is_active and not address(never_confirmed).verified
    # The officer's app shows the same codes as before; an unconfirmed device is not taken.
    (totp,) = Authenticator.objects.filter(type=Authenticator.Type.TOTP)
    assert totp.user == officer
    assert totp.data["secret"] == base64.b32encode(bytes.fromhex(KEY)).decode()
    assert current_totp_code(totp.data["secret"]) == current_totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    # Run twice, nothing doubles.
    migration.forwards(apps, SimpleNamespace(connection=connection))
    assert EmailAddress.objects.count() == 4 and Authenticator.objects.count() == 1
