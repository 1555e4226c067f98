"""The lunar holidays that are still estimates, for the administrators to confirm.

The dates of the Eids, of 1 Muharram and of the Mawlid depend on the moon sighting the
Ministry of Habous announces. Until a Holiday row records the announcement, the
calendar counts the ``holidays`` package's estimate (or a row marked as an estimate) as
a day off: the feast will be one, only its exact day is uncertain, and counting it
keeps a deadline from ending before the law's end (``calendar``). What counts on an
estimate must be confirmed: the admin's dashboard lists every estimated lunar holiday
of the past and the next twelve months, each with a link that confirms it, and the
confirmation recomputes the due dates, the overdue requests' too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .calendar import feast_of, package_holidays
from .models import Holiday

WINDOW = timedelta(days=365)  # twelve months before and after today

# The names the shipped rows give each feast (data/observed_holidays.json), and the
# second day's mark: a confirmation starts from them.
FEAST_NAMES = {
    Holiday.Feast.ISLAMIC_NEW_YEAR: ("فاتح محرم (رأس السنة الهجرية)",
                                     "1er Moharram (Nouvel An de l'Hégire)",
                                     "Islamic New Year (1 Muharram)"),
    Holiday.Feast.MAWLID: ("عيد المولد النبوي", "Aïd Al Mawlid Annabaoui", "Mawlid (Prophet's Birthday)"),
    Holiday.Feast.EID_AL_FITR: ("عيد الفطر", "Aïd Al Fitr", "Eid al-Fitr"),
    Holiday.Feast.EID_AL_ADHA: ("عيد الأضحى", "Aïd Al Adha", "Eid al-Adha"),
}
NEXT_DAY = ("(اليوم الثاني)", "(2e jour)", "(day 2)")


@dataclass(frozen=True)
class Estimate:
    """One estimated day of a lunar feast: the package's (``row`` None) or a row of the
    Holiday table marked as an estimate."""

    feast: str
    day: date
    number: int  # the feast's first or second day
    row: Holiday | None = None
    # A day the package expects after the confirmed days of a feast, not recorded: a
    # confirmed day replaces the package's estimate of the whole feast that year, so
    # this day is not counted at all until it is recorded.
    missing: bool = False

    @property
    def name(self) -> str:
        if self.row is not None:
            return self.row.name
        feast = Holiday.Feast(self.feast).label
        if self.number == 1:
            return str(feast)
        return _("%(feast)s, day %(number)s") % {"feast": feast, "number": self.number}

    def initial(self) -> dict[str, str]:
        """The confirmation's starting point: the Holiday row this estimate would be."""
        names = FEAST_NAMES[self.feast]
        if self.number > 1:
            names = [f"{name} {mark}" for name, mark in zip(names, NEXT_DAY, strict=True)]
        return {"date": f"{self.day:%d/%m/%Y}", "kind": Holiday.Kind.LUNAR, "feast": self.feast,
                "day_off": "on", "name_ar": names[0], "name_fr": names[1], "name_en": names[2]}


def unconfirmed_lunar_holidays(today: date | None = None) -> list[Estimate]:
    """Every lunar holiday from twelve months ago to twelve months ahead that the
    calendar counts on an estimate, by date."""
    today = today or timezone.localdate()
    first, last = today - WINDOW, today + WINDOW
    rows = list(Holiday.objects.filter(date__year__gte=first.year, date__year__lte=last.year))
    # As in ``calendar``: any row of a feast replaces the package's estimate of it that year.
    recorded = {(row.date.year, row.feast) for row in rows if row.feast and row.day_off}
    removed = {row.date for row in rows if not row.day_off}
    estimates = [Estimate(row.feast, row.date, 1, row) for row in rows
                 if row.estimated and row.day_off and row.kind == Holiday.Kind.LUNAR
                 and first <= row.date <= last]
    package = package_holidays(first.year, last.year)
    numbers: dict[tuple[int, str], int] = {}
    for day in sorted(package):
        for name in package.get_list(day):
            feast = feast_of(name)
            if feast is None:
                continue
            number = numbers[day.year, feast] = numbers.get((day.year, feast), 0) + 1
            if (day.year, feast) not in recorded and first <= day <= last and day not in removed:
                estimates.append(Estimate(feast, day, number))
    # A feast recorded with fewer days than the package gives it: the next day is missing.
    days_of: dict[tuple[int, str], list[date]] = {}
    for row in rows:
        if row.feast and row.day_off and row.kind == Holiday.Kind.LUNAR:
            days_of.setdefault((row.date.year, row.feast), []).append(row.date)
    for (year, feast), days in days_of.items():
        expected = numbers.get((year, feast), 0)
        following = max(days) + timedelta(days=1)
        if len(days) < expected and first <= following <= last:
            estimates.append(Estimate(feast, following, len(days) + 1, missing=True))
    return sorted(estimates, key=lambda estimate: (estimate.day, estimate.feast))
