"""The proactive app's demo data, part by part (each part's ``demo.seed``), run by the
lower app's demo command through its registry of seeders."""

from __future__ import annotations

from importlib import import_module, util

from .hooks import PARTS


def seed_proactive(*, people: dict, body) -> None:
    for part in PARTS:
        if util.find_spec(f"proactive.{part}.demo") is not None:
            import_module(f"proactive.{part}.demo").seed(people=people, body=body)
