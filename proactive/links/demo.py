"""Demo link checks: the demo body's register entries as if the checker had passed,
all answering but one (its officers are told, as they would be), so the public
register shows each link's last check and the workspace lists a broken link. Nothing
is fetched from the network here; the beat's task checks the addresses for real."""

from __future__ import annotations

from ..models import RegisterEntry
from . import checker, services


def seed(*, people: dict, body) -> None:
    if RegisterEntry.objects.filter(link_checked_at__isnull=False).exists():
        return  # seeded (or checked) already
    entries = list(RegisterEntry.objects.current().filter(body=body).order_by("pk"))
    for number, entry in enumerate(entries):
        if number == len(entries) - 1:
            result = checker.CheckResult(ok=False, status_code=404, detail=checker.ERROR_STATUS)
        else:
            result = checker.CheckResult(ok=True, status_code=200, detail=checker.ANSWERS)
        services.record_result(entry, result)
