"""Loading the register of public bodies (art. 2b) from the shipped data file."""

import json
from pathlib import Path

from django.db import transaction

from .models import PublicBody

DATA_FILE = Path(__file__).resolve().parent / "data" / "public_bodies.json"
FIELDS = ("acronym", "kind", "name_ar", "name_fr", "name_en", "address", "email", "website")


@transaction.atomic
def load_public_bodies(path: Path = DATA_FILE) -> tuple[int, int]:
    """Create or update every body of the file by its code; returns (created, updated).

    Parents and regions are listed before the bodies that refer to them."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    by_code = {body.code: body for body in PublicBody.objects.all()}
    created = updated = 0
    for row in rows:
        values = {field: row.get(field) or "" for field in FIELDS}
        values["parent"] = by_code[row["parent"]] if row.get("parent") else None
        values["region"] = by_code[row["region"]] if row.get("region") else None
        body = by_code.get(row["code"])
        if body is None:
            body = PublicBody(code=row["code"], **values)
            created += 1
        else:
            for field, value in values.items():
                setattr(body, field, value)
            updated += 1
        body.full_clean()
        body.save()
        by_code[body.code] = body
    return created, updated
