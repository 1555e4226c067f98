"""Where tests leave files for a person to look at (rendered pages, PDFs)."""

import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def artifact_path(name: str) -> pathlib.Path:
    """``name`` in $NAFIDA_TEST_ARTIFACTS, or else in <repo>/var/test-artifacts/,
    the directory being created if missing."""
    directory = pathlib.Path(os.environ.get("NAFIDA_TEST_ARTIFACTS") or ROOT / "var" / "test-artifacts")
    directory.mkdir(parents=True, exist_ok=True)
    return directory / name
