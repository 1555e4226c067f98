"""Demo reuses: twenty approved (the issue's target, so the public list counts them),
each citing the demo register entries, and one awaiting moderation."""

from __future__ import annotations

from ..models import RegisterEntry, Reuse
from . import services

KINDS = [Reuse.Kind.APPLICATION, Reuse.Kind.ARTICLE, Reuse.Kind.VISUALISATION, Reuse.Kind.OTHER]
TITLES = [
    ("Budget de Rabat en un coup d'œil", "Une visualisation des dépenses par chapitre.", "Rabat Open Data"),
    ("أين تذهب ميزانية الجماعة؟", "مقال يشرح أبواب الميزانية المصادق عليها.", "جمعية الشفافية المحلية"),
    (
        "Carte des marchés publics attribués",
        "Les marchés de la commune sur une carte, par quartier.",
        "DataMaroc",
    ),
    (
        "Suivi des concours de recrutement",
        "Une application qui alerte à chaque nouveau concours.",
        "Emploi Public",
    ),
    ("Compte administratif 2025 commenté", "Les grandes masses du compte administratif, expliquées.", ""),
]


def seed(*, people: dict, body) -> None:
    if Reuse.objects.exists():
        return  # seeded already
    users = list(people.values())
    submitter = users[0]
    moderator = next((user for user in users if user.commission_role), None)
    entries = list(RegisterEntry.objects.current().filter(body=body))
    if not entries or moderator is None:
        return
    for number in range(21):
        title, description, credit = TITLES[number % len(TITLES)]
        reuse = services.submit(
            actor=submitter,
            title=f"{title} ({number + 1})",
            kind=KINDS[number % len(KINDS)],
            url=f"https://reuses.example.org/rabat/{number + 1}",
            description=description,
            credited_to=credit,
            entries=[entries[number % len(entries)], entries[(number + 1) % len(entries)]],
        )
        if number < 20:  # the last one awaits moderation
            services.moderate(actor=moderator, reuse=reuse, approve=True)
