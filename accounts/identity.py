"""The number of the identity document a requester gives (art. 14; art. 4 for foreigners
legally resident), checked for its format so that a typing slip is caught at once.

- The national identity card (CIN, carte nationale d'identité électronique) is numbered
  with one or two letters (the issuing region) followed by up to six digits: A123456,
  AB123456, BK12345.
- The residence documents of foreigners (law 02-03: carte d'immatriculation and carte de
  résidence, issued by the DGSN on the model of the electronic CIN since 2019) carry a
  number of the same shape, one or two letters then digits; the DGSN publishes no
  stricter rule, so four to eight digits are accepted.

Spaces, hyphens, dots and slashes typed inside the number are dropped, and letters are
put in capitals, before the check."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Keyed by the values of ``models.IdentityDocument`` (this module is imported by it).
FORMATS = {
    "cin": (re.compile(r"[A-Z]{1,2}[0-9]{1,6}"),
            _("A national identity card number (CIN) is one or two letters followed by "
              "up to six digits, for example AB123456.")),
    "residence": (re.compile(r"[A-Z]{1,2}[0-9]{4,8}"),
                  _("A residence card number is one or two letters followed by "
                    "four to eight digits, for example E1234567.")),
}
_SEPARATORS = re.compile(r"[\s\-./]+")


def normalize_id_number(value: str) -> str:
    return _SEPARATORS.sub("", value or "").upper()


def check_id_number(id_type: str, id_number: str, field: str = "id_number") -> None:
    """Raise a ValidationError on ``field`` if ``id_number`` does not have the format of
    ``id_type``; an empty number or an unknown type is left to the field's own checks."""
    if not id_number or id_type not in FORMATS:
        return
    pattern, message = FORMATS[id_type]
    if not pattern.fullmatch(id_number):
        raise ValidationError({field: message}, code="id_number_format")
