"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's
live server (a thread of this process, on the test database).

Playwright's sync API keeps an event loop running in the test thread, so Django would
refuse the ORM calls the tests make to set up data and check results; the tests are
synchronous, and the live server runs in its own thread, so allowing them is safe."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.artifacts import artifact_path

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIMEOUT_MS = 15_000
DESKTOP = {"width": 1280, "height": 900}

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="module")
def browser():
    # CI installs Chromium: its absence is a failure, never a skip.
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context, request):
    page = context.new_page()
    yield page
    # A failed test leaves a picture of the page it was on.
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and not page.is_closed():
        try:
            page.screenshot(path=artifact_path(f"failure-{request.node.name}.png"), full_page=True)
        except Exception:  # never hide the test's own failure behind this one
            pass
