"""The e-mail verification link: like a password-reset token (signed, dated, valid for
PASSWORD_RESET_TIMEOUT), and void once the account is active or its password changed."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        # The password hash too: signing up again (new password) voids the older link.
        return f"{user.pk}{user.email}{user.password}{user.is_active}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()
