"""Demo entries of the art. 10 register: the demo body publishes under several
categories (one of them overdue for its update), and a few other bodies publish a
little, so the national compliance page has something to compare."""

from __future__ import annotations

from datetime import date

from accounts.models import PublicBody

from ..models import Art10Category, RegisterEntry
from . import services

# (body code or None for the demo body, category number, language, title, translation,
#  description, url, formats, frequency, published on)
ENTRIES = [
    (None, 6, "ar", "ميزانية جماعة الرباط لسنة 2026", "Budget de la commune de Rabat pour 2026",
     "الميزانية المصادق عليها من طرف المجلس الجماعي، حسب الأبواب والفصول.",
     "https://www.rabat.ma/budget-2026", "PDF, CSV", RegisterEntry.Frequency.YEARLY, date(2026, 1, 20)),
    (None, 6, "fr", "Compte administratif 2025", "الحساب الإداري لسنة 2025",
     "Le compte administratif de l'exercice 2025, tel qu'arrêté par le conseil.",
     "https://www.rabat.ma/compte-administratif-2025", "PDF", RegisterEntry.Frequency.YEARLY,
     date(2026, 3, 2)),
    (None, 7, "ar", "مهام الجماعة وهياكلها الإدارية وسبل الاتصال بها",
     "Missions, structures et contacts de la commune", "",
     "https://www.rabat.ma/organisation", "HTML", RegisterEntry.Frequency.WHEN_CHANGED, date(2025, 9, 1)),
    (None, 13, "fr", "Marchés publics attribués", "الصفقات العمومية المبرمة",
     "La liste des marchés attribués par la commune, avec leurs titulaires et leurs montants.",
     "https://www.rabat.ma/marches", "CSV, XLSX", RegisterEntry.Frequency.QUARTERLY, date(2025, 12, 15)),
    (None, 10, "ar", "مباريات التوظيف ونتائجها", "Concours de recrutement et résultats", "",
     "https://www.rabat.ma/concours", "PDF", RegisterEntry.Frequency.WHEN_CHANGED, date(2026, 5, 4)),
    ("sgg", 2, "fr", "Bulletin officiel", "الجريدة الرسمية", "Les textes législatifs et réglementaires.",
     "https://www.sgg.gov.ma/BulletinOfficiel.aspx", "PDF", RegisterEntry.Frequency.WEEKLY,
     date(2026, 11, 23)),
]


def seed(*, people: dict, body) -> None:
    if RegisterEntry.objects.exists():
        return  # seeded already
    officer = next(user for user in people.values() if services.may_keep_register(user, body))
    for code, number, language, title, translation, description, url, formats, frequency, on in ENTRIES:
        target = body if code is None else PublicBody.objects.filter(code=code).first()
        if target is None:
            continue
        entry = RegisterEntry(body=target, category=Art10Category.objects.get(number=number),
                              language=language, title=title, title_translation=translation,
                              description=description, url=url, formats=formats,
                              licence="Licence ouverte / Open Licence", published_on=on,
                              update_frequency=frequency, created_by=officer, updated_by=officer)
        entry._change_reason = "demo"
        entry.save()
