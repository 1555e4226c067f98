"""The appeals' demo (issue 12, point 7): complaints in every state, made through the
services, so that from ``make demo`` a person can walk the whole chain: to the head of
the body (received, overdue, upheld, partly upheld, rejected), to the Commission
(received, referred, investigating with observations awaiting the body, inadmissible,
decided in a session with quorum, complied with and published, not complied with) and
one appeal to the administrative court. Registered with ``requests_app.demo`` from
``AppealsConfig.ready``; a second run adds nothing.

Only the Commission's session is written directly: its date is in the past, which
``call_session`` refuses (RI 4: the notice runs from the day it is called); it is made
as the President would have called it, the notice respected, and held through the
services."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from accounts.models import User
from requests_app import receipts
from requests_app import services as request_services
from requests_app.demo import IDENTITY, _demo_pdf, _received, _user, demo_totp_secret
from requests_app.models import Decision, Exemption, RefusalGround

from . import permissions
from .commission import services as commission
from .court import services as court
from .head import services as head
from .models import (
    AgendaItem,
    Attendance,
    CommissionComplaint,
    CommissionSession,
    ComplaintChannel,
    HeadComplaint,
)
from .public import services as public
from .sessions import services as sessions
from .windows import commission_window, head_window

# Art. 23: nine members besides the president; the demo's printed member (the
# rapporteur) is one, these are the others.
MEMBERS = [(f"membre{n}@demo.nafida.ma", name, "CDAI") for n, name in enumerate(
    ["Aicha", "Driss", "Latifa", "Rachid", "Houda", "Mustapha", "Zineb", "Said"], start=1)]
PRESIDENT = "presidence@demo.nafida.ma"
RAPPORTEUR = "rapporteur@demo.nafida.ma"
CITIZEN, OFFICER, HEAD = "citoyen@demo.nafida.ma", "agent@demo.nafida.ma", "president@demo.nafida.ma"
SESSION_DAYS_AGO = 3
Q = dict(procedure_followed=True, has_standing=True, body_covered=True, is_information=True,
         in_writing=True, on_time=True)


def _members() -> list[User]:
    members = []
    for email, first, last in MEMBERS:
        user = _user(email, first, last, is_staff=True, commission_role=User.CommissionRole.REVIEWER)
        EmailAddress.objects.update_or_create(user=user, email=email,
                                              defaults={"verified": True, "primary": True})
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, demo_totp_secret())
        members.append(user)
    return members


def seed_appeals(*, people: dict, body) -> None:
    _members()
    citizen = people[CITIZEN]
    if HeadComplaint.objects.filter(request__requester=citizen).exists():
        return  # seeded already
    _Seeder(people, body).run()


class _Seeder:
    def __init__(self, people, body):
        self.citizen, self.officer, self.head = people[CITIZEN], people[OFFICER], people[HEAD]
        self.president, self.rapporteur = people[PRESIDENT], people[RAPPORTEUR]
        self.body = body
        self.today = timezone.localdate()

    # -- requests -------------------------------------------------------------------------------

    def request(self, subject, sought, days_ago, language="ar"):
        return request_services.create_request(
            actor=self.citizen, requester=self.citizen, body=self.body, channel="portal", subject=subject,
            information_sought=sought, received_at=_received(days_ago), language=language, **IDENTITY)

    def refused(self, subject, sought, days_ago=25, language="ar"):
        """A request refused today, whose refusal the requester read on the portal (art. 19
        counts from that day)."""
        information_request = self.request(subject, sought, days_ago, language)
        request_services.decide(
            actor=self.officer, information_request=information_request, outcome=Decision.Outcome.REFUSED,
            refusal_grounds=[request_services.Ground(
                RefusalGround.objects.get(code="already_published"),
                "Ces données sont publiées sur le site de la commune, rubrique « Documents ».")],
            publication_reference="Site de la commune", publication_location="https://www.rabat.ma/",
        )
        return self.seen(information_request)

    def partly_granted(self, subject, sought, days_ago=25):
        information_request = self.request(subject, sought, days_ago, "fr")
        from requests_app import preparation
        preparation.add_and_prepare(actor=self.officer, information_request=information_request,
                                    kind="redacted", public_title="Liste (version occultée)",
                                    upload=_demo_pdf("liste-occultee.pdf"))
        request_services.decide(
            actor=self.officer, information_request=information_request,
            outcome=Decision.Outcome.PARTIALLY_GRANTED,
            citations=[request_services.Citation(Exemption.objects.get(code="private_life"),
                                                 "Les adresses des bénéficiaires sont retirées.", "Annexe")],
            delivery_method="email", copying_cost=Decimal("0"))
        return self.seen(information_request)

    def seen(self, information_request):
        information_request.refresh_from_db()
        receipts.record_seen(information_request.decision, actor=self.citizen)
        information_request.refresh_from_db()
        return information_request

    # -- head of the body -----------------------------------------------------------------------

    def head_complaint(self, information_request, reasons, contested=None):
        contested = contested or head.CONTESTABLE[information_request.state][0]
        return head.file_complaint(actor=self.citizen, information_request=information_request,
                                   contested=contested, reasons=reasons)

    def rejected(self, information_request):
        complaint = self.head_complaint(
            information_request,
            "Le site de la commune ne contient pas ces données ; le lien donné est mort.")
        complaint = head.decide(actor=self.head, complaint=complaint, outcome="rejected",
                                reasons="Les données sont en ligne depuis mars, à la page « Budget ».")
        receipts.record_seen(complaint, actor=self.citizen)  # art. 20 counts from that day
        return HeadComplaint.objects.get(pk=complaint.pk)

    def overdue_head(self, subject, sought):
        """A request left unanswered long ago, a paper complaint registered by the officer
        with its real (past) date of receipt, and the head silent past the due date."""
        information_request = self.request(subject, sought, 110, "fr")
        information_request = request_services.mark_overdue(information_request=information_request)
        window = head_window(information_request)
        complaint = head.file_complaint(
            actor=self.officer, information_request=information_request, contested="no_answer",
            reasons="Lettre déposée au bureau d'ordre : aucune réponse à ma demande.",
            channel=ComplaintChannel.DEPOSIT, filed_on=window.start + timedelta(days=1))
        head.mark_overdue_batch(self.today)
        return HeadComplaint.objects.get(pk=complaint.pk)

    # -- Commission -----------------------------------------------------------------------------

    def to_commission(self, information_request, subject="Refus de communication"):
        return commission.file_complaint(
            actor=self.citizen, information_request=information_request, subject=subject,
            reasons="Le président de l'organisme a rejeté ma plainte sans examiner ma demande.")

    def referred(self, complaint):
        return commission.refer(actor=self.president, complaint=complaint, rapporteur=self.rapporteur)

    def admitted(self, complaint):
        complaint = self.referred(complaint)
        return commission.check(actor=self.rapporteur, complaint=complaint, **Q)

    def after_silence(self, subject, sought, filed_days_ago):
        """A complaint to the Commission registered by its staff, received by post after
        the head's silence, admitted: ready for a session held in the past."""
        head_complaint = self.overdue_head(subject, sought)
        window = commission_window(head_complaint)
        filed_on = min(window.end, self.today - timedelta(days=filed_days_ago))
        filed_on = max(filed_on, head_complaint.overdue_since)
        complaint = commission.file_complaint(
            actor=self.president, information_request=head_complaint.request, subject=subject,
            reasons="Aucune réponse de l'organisme ni de son président.", channel=ComplaintChannel.POST,
            filed_on=filed_on)
        return self.admitted(complaint)

    def run(self):
        # To the head of the body: received (pending), overdue, upheld, partly upheld, rejected.
        pending = self.refused("سجل الرخص التجارية", "لائحة الرخص التجارية المسلمة سنة 2025.")
        self.head_complaint(pending, "المعلومات المطلوبة غير منشورة في الموقع المشار إليه.")
        self.overdue_head("Registre des permis de construire", "Les permis de construire délivrés en 2025.")
        upheld = self.refused("Contrat de gestion déléguée", "Le contrat de gestion déléguée des déchets.",
                              language="fr")
        complaint = self.head_complaint(upheld, "Le contrat n'est publié nulle part.")
        head.decide(actor=self.head, complaint=complaint, outcome="upheld",
                    reasons="Le contrat n'est pas publié : la demande est rouverte pour communication.")
        partly = self.partly_granted("Bénéficiaires des aides", "La liste des bénéficiaires des aides 2025.")
        complaint = self.head_complaint(partly, "Les montants ont été retirés sans motif.", "partial")
        head.decide(actor=self.head, complaint=complaint, outcome="partly_upheld",
                    reasons="Les montants seront communiqués ; les adresses restent protégées (art. 7).")
        self.rejected(self.refused("Budget des arrondissements", "Les budgets 2025 des arrondissements."))

        # To the Commission: received, referred, investigating (observations pending).
        received = self.refused("محاضر لجنة التعمير", "محاضر لجنة التعمير لسنة 2025.")
        self.rejected(received)
        self.to_commission(received, "رفض الاطلاع على محاضر لجنة التعمير")
        referred = self.refused("Marché de l'éclairage public", "Le marché de l'éclairage public 2025.",
                                language="fr")
        self.rejected(referred)
        self.referred(self.to_commission(referred))
        investigating = self.refused("Rapport d'audit", "Le rapport d'audit de la régie 2024.", language="fr")
        self.rejected(investigating)
        complaint = self.admitted(self.to_commission(investigating, "Refus du rapport d'audit"))
        commission.send_body_letter(actor=self.president, complaint=complaint)
        commission.ask_observations(actor=self.rapporteur, complaint=complaint,
                                    questions="Sur quel fondement le rapport d'audit est-il refusé ?",
                                    reply_by=min(complaint.due_date, self.today + timedelta(days=10)))
        commission.add_note(actor=self.rapporteur, complaint=complaint,
                            text="Vérifier si le rapport a été transmis à la Cour des comptes.")

        # Inadmissible: registered by the Commission's staff, no prior complaint to the head.
        inadmissible = self.refused("Liste du personnel", "La liste nominative du personnel communal.",
                                    language="fr")
        complaint = commission.file_complaint(
            actor=self.president, information_request=inadmissible, subject="Liste du personnel",
            reasons="Refus de la liste du personnel.", channel=ComplaintChannel.POST, filed_on=self.today)
        complaint = self.referred(complaint)
        commission.check(actor=self.rapporteur, complaint=complaint, **dict(Q, procedure_followed=False),
                         note="Aucune plainte préalable au président de l'organisme (art. 20) : la "
                              "Commission ne peut être saisie qu'après lui (règlement intérieur, "
                              "art. 15-16).")

        # Decided in a session with quorum: decided, complied with (published), not complied with.
        decided = [self.after_silence(subject, sought, days)
                   for subject, sought, days in (
                       ("Analyses de l'eau", "Les analyses de l'eau potable 2025.", 20),
                       ("Plan de circulation", "Le plan de circulation du centre-ville.", 18),
                       ("Marchés de la piscine", "Les marchés de la piscine municipale.", 16))]
        self.session(decided)
        still_decided, complied, not_complied = (CommissionComplaint.objects.get(pk=c.pk) for c in decided)
        commission.report_compliance(actor=self.officer, complaint=complied,
                                     text="Le plan a été envoyé au demandeur par courriel.")
        commission.requester_answer(actor=self.citizen, complaint=complied, view="confirmed",
                                    comment="Reçu, merci.")
        commission.record_compliance(actor=self.president, complaint=complied, complied=True)
        public.publish(actor=self.president, complaint=complied, public_summary=(
            "Saisie après le silence d'une commune sur une demande de plan de circulation, la Commission "
            "a recommandé la communication intégrale du document (art. 2 et 20). La commune s'y est "
            "conformée."))
        commission.record_compliance(actor=self.president, complaint=not_complied, complied=False)
        for complaint in CommissionComplaint.objects.filter(pk__in=[c.pk for c in decided]):
            commission.record_seen(actor=self.citizen, complaint=complaint)
        court.record_appeal(actor=self.citizen, information_request=not_complied.request,
                            court="Tribunal administratif de Rabat", filed_on=self.today,
                            court_reference="TA-RABAT-2026-0412")

    def session(self, complaints):
        """A session called with the notice and held a few days ago, with quorum; each
        complaint decided on it to disclose fully."""
        held_on = self.today - timedelta(days=SESSION_DAYS_AGO)
        members = list(permissions.commission_members().values_list("pk", flat=True))
        notice = sessions.rule_in_force(sessions.P.SESSION_NOTICE, held_on).length
        session = CommissionSession(held_on=held_on, called_on=held_on - timedelta(days=notice + 1),
                                    called_by=self.president, members_in_office=len(members),
                                    state=CommissionSession.State.CALLED)
        session._history_user = self.president
        session.save()
        Attendance.objects.bulk_create([Attendance(session=session, member_id=pk) for pk in members])
        items = [sessions.add_to_agenda(actor=self.president, session=session, complaint=complaint)
                 for complaint in complaints]
        sessions.record_attendance(actor=self.president, session=session, present_ids=members,
                                   minutes="Séance ordinaire (procès-verbal confidentiel, RI art. 9).")
        for item in items:
            sessions.decide_item(
                actor=self.president, item=AgendaItem.objects.get(pk=item.pk),
                outcome="disclose_fully", vote="consensus", articles_cited="Art. 2, 12 et 20 de la loi 31.13",
                reasons="L'information demandée n'entre dans aucune exception de l'article 7.")
        return session

