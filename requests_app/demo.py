"""Demo data: people in every role and requests in every state, made through the
services, plus a fast bulk generator for benchmarks."""

from __future__ import annotations

import base64
import io
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.base import ContentFile
from django.db import reset_queries, transaction
from django.utils import timezone
from reportlab.pdfgen import canvas

from accounts.bodies import load_public_bodies
from accounts.models import Designation, PublicBody, User
from accounts.two_factor import current_totp_code

from . import deadlines, preparation, services
from .clock import calendar
from .models import DECIDED_STATES, Decision, Exemption, InformationRequest, RefusalGround

DEMO_PASSWORD = "nafida-demo-2026"
# The demo staff's second factor (TOTP): one shared, published key, for the demo only.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"  # hex of "12345678901234567890"
DEMO_BODY_CODE = "commune-rabat"
_STAFF = {"is_staff": True}
DEMO_USERS = [
    # (e-mail, first name, last name, role shown to the person who starts the demo, fields)
    ("citoyen@demo.nafida.ma", "Salma", "Idrissi", "citizen",
     dict(address="14 avenue Mohammed V, Rabat", id_type="cin", id_number="A123456",
          phone="+212 6 00 00 00 00", preferred_language="ar")),
    ("agent@demo.nafida.ma", "Karim", "Tazi", "information officer", _STAFF),
    ("president@demo.nafida.ma", "Nadia", "Berrada", "head of body", _STAFF),
    ("rapporteur@demo.nafida.ma", "Omar", "Fassi", "Commission reviewer",
     dict(_STAFF, commission_role=User.CommissionRole.REVIEWER)),
    ("admin@demo.nafida.ma", "Admin", "Nafida", "administrator (Commission president)",
     dict(_STAFF, is_superuser=True, commission_role=User.CommissionRole.PRESIDENT)),
    ("presidence@demo.nafida.ma", "Amina", "Alaoui", "Commission president",
     dict(_STAFF, commission_role=User.CommissionRole.PRESIDENT)),
]
SUBJECTS = [
    ("Budget 2025 de la commune", "Le budget voté et le compte administratif de l'exercice 2025."),
    ("ميزانية الجماعة لسنة 2025", "الميزانية المصادق عليها والحساب الإداري لسنة 2025."),
    ("Marchés publics de voirie", "La liste des marchés de voirie attribués en 2025 et leurs montants."),
    ("برنامج الصفقات التوقعي", "البرنامج التوقعي للصفقات العمومية لسنة 2026."),
    ("Plan d'aménagement", "Le plan d'aménagement en vigueur et son règlement."),
    ("Qualité de l'eau potable", "Les résultats des analyses de l'eau potable du quartier Agdal."),
    ("مباريات التوظيف", "نتائج مباراة توظيف المتصرفين لسنة 2025."),
    ("Subventions aux associations", "La liste des associations subventionnées en 2025."),
]
IDENTITY = dict(first_name="Salma", family_name="Idrissi",
                address="14 avenue Mohammed V, Rabat", id_type="cin", id_number="A123456",
                email="citoyen@demo.nafida.ma", phone="+212 6 00 00 00 00")


def _user(email, first, last, **extra):
    user, created = User.objects.get_or_create(
        email=email, defaults=dict(first_name=first, last_name=last, **extra)
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def demo_totp_secret() -> str:
    """The demo key as an authenticator app asks for it (base 32)."""
    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


def demo_totp_code() -> str:
    """The code the demo key gives now (what the authenticator app would show)."""
    return current_totp_code(demo_totp_secret())


def _demo_pdf(name: str) -> ContentFile:
    """A one-page PDF standing for a released document."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 760, f"Nafida demo document: {name}")
    page.save()
    return ContentFile(buffer.getvalue(), name=name)


def _received_on(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 30)))


def _received(days_ago: int) -> datetime:
    return min(timezone.now(), _received_on(timezone.localdate() - timedelta(days=days_ago)))


@dataclass(frozen=True)
class DemoLogin:
    """A demo person as ``make demo`` prints them: the role, and where they serve."""

    email: str
    role: str
    serves: str = ""

    def line(self) -> str:
        return f"  {self.email:28} {self.role}" + (f" — {self.serves}" if self.serves else "")


# What other apps add to the demo (the appeals' complaints in every state), as a registry:
# each is called with the demo people by e-mail and the demo body, after the requests,
# and adds nothing on a second run.
DEMO_SEEDERS: list[Callable[..., None]] = []


def register_demo_seeder(seeder: Callable[..., None]) -> Callable[..., None]:
    if seeder not in DEMO_SEEDERS:
        DEMO_SEEDERS.append(seeder)
    return seeder


@transaction.atomic
def seed_demo() -> list[DemoLogin]:
    """Idempotent: a second run adds nothing if the demo people exist. The demo
    requests are filed with the body where the officer and the head of body are
    designated, so both find them in their workspace."""
    if not PublicBody.objects.exists():
        load_public_bodies()
    body = PublicBody.objects.get(code=DEMO_BODY_CODE)
    citizen, officer, head, *_commission = (
        _user(email, first, last, **fields) for email, first, last, _role, fields in DEMO_USERS
    )
    for user, role, ref in ((head, Designation.Role.HEAD_OF_BODY, "ARR-2025-001"),
                            (officer, Designation.Role.INFORMATION_OFFICER, "DEC-2025-014")):
        if not Designation.objects.active().filter(user=user, body=body, role=role).exists():
            Designation.objects.create(
                user=user, body=body, role=role, decision_reference=ref,
                decision_date=date(2025, 1, 6), starts_on=date(2025, 1, 6),
                work_email=f"{role}@rabat.ma",
            )
    for user in User.objects.filter(email__in=[row[0] for row in DEMO_USERS]):
        EmailAddress.objects.update_or_create(user=user, email=user.email,
                                              defaults={"verified": True, "primary": True})
    # The second factor is the staff's (the workspace and the admin); the citizen signs in
    # with the password alone.
    for user in User.objects.filter(email__in=[row[0] for row in DEMO_USERS], is_staff=True):
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, demo_totp_secret())
    if not InformationRequest.objects.filter(requester=citizen).exists():
        _demo_requests(citizen, officer, body)
    people = {email: User.objects.get(email=email) for email, *_rest in DEMO_USERS}
    for seeder in DEMO_SEEDERS:
        seeder(people=people, body=body)
    return [DemoLogin(email, role, _serves(User.objects.get(email=email), body))
            for email, _first, _last, role, _fields in DEMO_USERS]


def _serves(user, body) -> str:
    """Where a demo login works, said as it is today: the body of its designations, the
    Commission (whose complaints arrive with the appeals app), or the administration."""
    bodies = sorted({f"{item.body.name_fr} / {item.body.name_ar} ({item.body.code})"
                     for item in Designation.objects.active().filter(user=user).select_related("body")})
    if bodies:
        return ", ".join(bodies)
    if user.is_superuser:
        # Like everyone, a superuser acts on a body's requests only with a designation.
        return ("the administration site, and the Commission as its president; no body's requests without a "
                "designation")
    if user.commission_role == User.CommissionRole.PRESIDENT:
        return ("the Commission (CDAI), as its president: every complaint (refer, check, decide), "
                "the sessions and the publication of decisions; no body's requests")
    if user.commission_role:
        return ("the Commission (CDAI): the complaints referred to them, the complaints register "
                "and the sessions they are invited to; no body's requests")
    return f"files requests; the demo's are with {body.name_fr} ({body.code})"


def _demo_requests(citizen, officer, body):
    def new(index, days_ago, **extra):
        subject, sought = SUBJECTS[index % len(SUBJECTS)]
        return services.create_request(
            actor=citizen, requester=citizen, body=body, channel="portal", subject=subject,
            information_sought=sought, received_at=_received(days_ago),
            language="ar" if index % 2 else "fr", **IDENTITY, **extra,
        )

    services.create_request(actor=citizen, requester=citizen, body=body, channel="portal",
                            subject="Brouillon : horaires des services",
                            information_sought="Les horaires d'ouverture des arrondissements.",
                            submit=False, **IDENTITY)
    new(0, 1)  # submitted
    examined = new(1, 5)
    services.start_examination(actor=officer, information_request=examined)
    extended = new(2, 15)
    services.extend_deadline(actor=officer, information_request=extended, ground="large_volume",
                             reasons="Plus de 400 pièces à réunir et à copier.")
    consulted = new(3, 8)
    services.consult_third_party(actor=officer, information_request=consulted,
                                 third_party="Société Eau et Électricité de Rabat")
    granted = new(4, 12)
    # The documents are prepared here at once (a web request hands them to the task).
    preparation.add_and_prepare(actor=officer, information_request=granted, kind="full",
                                public_title="Plan d'aménagement 2024",
                                upload=_demo_pdf("plan-amenagement-2024.pdf"))
    services.decide(actor=officer, information_request=granted, outcome=Decision.Outcome.GRANTED,
                    delivery_method="email", copying_cost=Decimal("0"))
    partial = new(5, 18)
    preparation.add_and_prepare(actor=officer, information_request=partial, kind="redacted",
                                public_title="Résultats (version occultée)",
                                upload=_demo_pdf("resultats-occultes.pdf"))
    services.decide(
        actor=officer, information_request=partial, outcome=Decision.Outcome.PARTIALLY_GRANTED,
        citations=[services.Citation(Exemption.objects.get(code="private_life"),
                                     "Les noms et notes des candidats non admis sont retirés.",
                                     "Annexe 2")],
        delivery_method="email",
    )
    refused = new(6, 20)
    services.decide(
        actor=officer, information_request=refused, outcome=Decision.Outcome.REFUSED,
        refusal_grounds=[services.Ground(
            RefusalGround.objects.get(code="already_published"),
            "Le budget 2025 a été publié au Bulletin officiel des collectivités et sur le site "
            "de la commune, où il peut être consulté et téléchargé librement.")],
        publication_reference="Bulletin officiel des collectivités, n° 112",
        publication_location="https://www.rabat.ma/budget",
    )
    services.set_publication_consent(actor=citizen, information_request=granted, consent=True)
    services.set_publication_consent(actor=citizen, information_request=partial, consent=True)
    services.send_message(actor=officer, information_request=examined,
                          text="Pouvez-vous préciser l'exercice budgétaire concerné ?")
    services.send_message(actor=citizen, information_request=examined, text="L'exercice 2025, merci.")
    overdue = new(7, 45)
    services.mark_overdue(information_request=overdue)
    late = new(0, 50)
    services.mark_overdue(information_request=late)
    services.decide(actor=officer, information_request=late, outcome=Decision.Outcome.GRANTED,
                    delivery_method="consultation")
    withdrawn = new(1, 3)
    services.withdraw(actor=citizen, information_request=withdrawn, note="Information trouvée ailleurs.")
    urgent = new(2, 0, is_urgent=True, urgency_reason="safety",
                 urgency_explanation="Risque d'effondrement d'un immeuble voisin.")
    services.start_examination(actor=officer, information_request=urgent)


# -------------------------------------------------------------------------------------
# bulk data for benchmarks
# -------------------------------------------------------------------------------------

FIRST_NAMES = ["Amina", "Youssef", "Fatima", "Mehdi", "Khadija", "Hamza", "Sara", "Anas"]
FAMILY_NAMES = ["Alaoui", "Bennani", "Tazi", "Idrissi", "Berrada", "Fassi", "Chraibi"]
# One third open, as in the sweep benchmark of the clock issue.
BULK_STATES = (
    [InformationRequest.State.SUBMITTED] * 2 + [InformationRequest.State.IN_PROGRESS] * 2
    + [InformationRequest.State.GRANTED] * 3 + [InformationRequest.State.PARTIALLY_GRANTED]
    + [InformationRequest.State.REFUSED] + [InformationRequest.State.OVERDUE]
    + [InformationRequest.State.WITHDRAWN] + [InformationRequest.State.GRANTED]
)


def bulk_requests(count: int, *, batch_size: int = 5000, seed: int = 31, progress=None) -> int:
    """Insert ``count`` requests (with decisions for the decided ones) in batches,
    without per-row history: for benchmarks, not for real records."""
    if not PublicBody.objects.exists():
        load_public_bodies()
    rng = random.Random(seed)
    kinds = dict(PublicBody.objects.active().values_list("pk", "kind"))
    body_ids = list(kinds)
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    days_back = 3 * 365
    due_cache: dict[tuple[date, str], date] = {}  # by day received and kind of body (its closures)
    made = 0
    while made < count:
        # Batch by batch, so that memory stays flat whatever the count.
        days = [today - timedelta(days=rng.randrange(days_back))
                for _ in range(min(batch_size, count - made))]
        references = {year: iter(services.reserve_references(year, n))
                      for year, n in Counter(day.year for day in days).items()}
        requests = []
        for day in days:
            reference, body_id = next(references[day.year]), rng.choice(body_ids)
            if (day, kinds[body_id]) not in due_cache:  # an ordinary request received that day
                due_cache[day, kinds[body_id]] = deadlines.due_date(InformationRequest(
                    received_at=_received_on(day), body=PublicBody(pk=body_id, kind=kinds[body_id])))
            due = due_cache[day, kinds[body_id]]
            subject = SUBJECTS[rng.randrange(len(SUBJECTS))][0]
            requests.append(InformationRequest(
                reference=reference, body_id=body_id,
                first_name=rng.choice(FIRST_NAMES), family_name=rng.choice(FAMILY_NAMES),
                address="Rabat", id_type="cin", id_number=f"X{rng.randrange(10**6):06d}",
                subject=subject, public_subject=subject,
                information_sought=SUBJECTS[rng.randrange(len(SUBJECTS))][1],
                channel="portal", delivery_preference="consultation", language="ar",
                state=rng.choice(BULK_STATES),
                received_at=datetime.combine(day, time(9 + rng.randrange(8)), tzinfo=tz),
                due_date=due,
            ))
        with transaction.atomic():
            InformationRequest.objects.bulk_create(requests, batch_size=batch_size)
            decisions = []
            for r in requests:
                if r.state in DECIDED_STATES:
                    decided_on = min(r.due_date, today)
                    decisions.append(Decision(
                        request=r, outcome=r.state,
                        decided_at=datetime.combine(decided_on, time(12), tzinfo=tz),
                        working_days_taken=calendar.working_days_between(
                            timezone.localdate(r.received_at), decided_on, kinds[r.body_id])))
            Decision.objects.bulk_create(decisions, batch_size=batch_size)
            for decision in decisions:  # the decision in force (bulk_create returns the ids)
                decision.request.decision = decision
            InformationRequest.objects.bulk_update([d.request for d in decisions], ["decision"],
                                                   batch_size=batch_size)
        made += len(requests)
        reset_queries()  # with DEBUG on, Django would keep every batch's SQL in memory
        if progress:
            progress(made, count)
    return made
