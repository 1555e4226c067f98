"""The proactive app's parts each tell the lower apps of themselves through their
registries, in their own ``hooks`` module; this calls each one once, at start-up."""

from __future__ import annotations

from importlib import import_module

PARTS = ("register", "portal", "dcat", "links", "suggestions", "asks", "prompts", "reuses")


def register() -> None:
    for part in PARTS:
        import_module(f"proactive.{part}.hooks").register()
