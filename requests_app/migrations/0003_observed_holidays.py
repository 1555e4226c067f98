"""The Moroccan lunar holidays as officially observed since 2019, and exceptional
closures, with their sources: the ``holidays`` package only estimates them."""

import json
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "clock" / "data" / "observed_holidays.json"
FEASTS = {
    "Islamic New Year": "islamic_new_year",
    "Mawlid": "mawlid",
    "Eid al-Fitr": "eid_al_fitr",
    "Eid al-Adha": "eid_al_adha",
}


def feast_of(name_en):
    for label, feast in FEASTS.items():
        if name_en.startswith(label):
            return feast
    return ""


def load(apps, schema_editor):
    Holiday = apps.get_model("requests_app", "Holiday")
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        kind = row["kind"]
        Holiday.objects.update_or_create(
            date=date.fromisoformat(row["date"]),
            defaults=dict(
                day_off=True,
                kind=kind,
                feast=feast_of(row["name_en"]) if kind == "lunar" else "",
                name_ar=row["name_ar"],
                name_fr=row["name_fr"],
                name_en=row["name_en"],
                source=row["source"][:300],
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0002_law_catalogue")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
