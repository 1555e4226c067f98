"""Demo asks for datasets to the demo body: one awaiting its answer, one overdue, and
one of each answer (planned, published with its register entry, declined), supported
by several demo accounts."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ..models import DatasetAsk, RegisterEntry
from . import services

# (title, description, days ago, answer)
ASKS = [
    ("Horaires et affluence des arrondissements", "Pour éviter les files d'attente aux guichets.", 2, None),
    ("مواقف السيارات العمومية وأسعارها", "لمعرفة أماكن الوقوف المتاحة في وسط المدينة.", 90, None),
    (
        "Collecte des déchets : tournées et tonnages",
        "Les tournées par quartier et les tonnages mensuels.",
        20,
        "planned",
    ),
    ("ميزانية الجماعة بصيغة مفتوحة", "الميزانية بصيغة CSV لإعادة استعمالها.", 30, "published"),
    ("Liste nominative des agents de la commune", "", 40, "declined"),
]


def seed(*, people: dict, body) -> None:
    if DatasetAsk.objects.filter(body=body).exists():
        return  # seeded already
    users = list(people.values())
    asker = users[0]
    officer = next(user for user in users if services.may_answer(user, body))
    today = timezone.localdate()
    entry = RegisterEntry.objects.current().filter(body=body).first()
    for number, (title, description, days_ago, answer) in enumerate(ASKS):
        item = services.ask(
            actor=asker,
            body=body,
            title=title,
            description=description,
            today=today - timedelta(days=days_ago),
        )
        for supporter in users[1 : 2 + number]:
            services.support(actor=supporter, ask=item)
        if answer == "planned":
            services.answer(actor=officer, ask=item, state=answer, planned_for=today + timedelta(days=45))
        elif answer == "published":
            services.answer(
                actor=officer,
                ask=item,
                state=answer,
                register_entry=entry,
                published_url="" if entry else "https://www.rabat.ma/budget-2026",
            )
        elif answer == "declined":
            services.answer(
                actor=officer,
                ask=item,
                state=answer,
                reason="Ces données sont personnelles (art. 7) : la commune publie les effectifs "
                "par service dans son bilan social.",
            )
