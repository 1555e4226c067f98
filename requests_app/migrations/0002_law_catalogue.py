"""The art. 7 exemptions, art. 18 grounds and the periods of arts 16–21, as data."""

from datetime import date

from django.db import migrations


def load(apps, schema_editor):
    from requests_app.clock import catalogue

    Exemption = apps.get_model("requests_app", "Exemption")
    RefusalGround = apps.get_model("requests_app", "RefusalGround")
    LegalRule = apps.get_model("requests_app", "LegalRule")
    for code, paragraph, item, test, ar, fr, en in catalogue.EXEMPTIONS:
        Exemption.objects.update_or_create(
            code=code,
            defaults=dict(article="7", paragraph=paragraph, item=item, test=test,
                          label_ar=ar, label_fr=fr, label_en=en),
        )
    for code, item, requires, ar, fr, en in catalogue.REFUSAL_GROUNDS:
        RefusalGround.objects.update_or_create(
            code=code,
            defaults=dict(article="18", item=item, requires=requires,
                          label_ar=ar, label_fr=fr, label_en=en),
        )
    in_force = date.fromisoformat(catalogue.LAW_IN_FORCE)
    for period, length, unit, article in catalogue.LEGAL_RULES:
        LegalRule.objects.update_or_create(
            period=period, effective_from=in_force,
            defaults=dict(length=length, unit=unit, article=article),
        )


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
