from django.db import migrations

from proactive.catalogue import CATEGORIES, article_item


def load(apps, schema_editor):
    Category = apps.get_model("proactive", "Art10Category")
    for number, name_ar, name_fr, name_en in CATEGORIES:
        Category.objects.update_or_create(number=number, defaults={
            "item": article_item(number), "name_ar": name_ar, "name_fr": name_fr, "name_en": name_en})


def unload(apps, schema_editor):
    apps.get_model("proactive", "Art10Category").objects.filter(
        number__in=[row[0] for row in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("proactive", "0001_art10_categories_and_register")]
    operations = [migrations.RunPython(load, unload)]
