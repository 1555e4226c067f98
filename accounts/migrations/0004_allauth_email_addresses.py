"""Accounts move to django-allauth: every user gets an EmailAddress row, verified for the
active ones (the old sign-up activated an account only once its link was opened) and for
accounts an administrator made or switched off (they stay off); unverified only for the
sign-ups never confirmed, which allauth keeps active and asks to confirm. And
the confirmed django-otp TOTP devices become allauth.mfa authenticators with the same key,
so staff keep their authenticator app."""

import base64

from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Designation = apps.get_model("accounts", "Designation")
    EmailAddress = apps.get_model("account", "EmailAddress")
    Authenticator = apps.get_model("mfa", "Authenticator")
    for user in User.objects.all().iterator(chunk_size=500):
        # A sign-up never confirmed (the old flow kept it inactive): allauth keeps such an
        # account active with its address unverified, and asks for the link at login.
        never_confirmed = (not user.is_active and user.last_login is None and not user.is_staff
                           and not Designation.objects.filter(user=user).exists())
        if never_confirmed:
            User.objects.filter(pk=user.pk).update(is_active=True)
        if not EmailAddress.objects.filter(user=user).exists():
            EmailAddress.objects.create(user=user, email=user.email.lower(), primary=True,
                                        verified=not never_confirmed)
    table = "otp_totp_totpdevice"
    connection = schema_editor.connection
    if table not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT user_id, key FROM {table} "  # noqa: S608
                       "WHERE confirmed AND step = 30 AND digits = 6 AND t0 = 0")
        rows = cursor.fetchall()
    for user_id, key in rows:
        if not Authenticator.objects.filter(user_id=user_id, type="totp").exists():
            secret = base64.b32encode(bytes.fromhex(key)).decode()
            Authenticator.objects.create(user_id=user_id, type="totp", data={"secret": secret})


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_notice_frequency"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
