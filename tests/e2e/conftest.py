"""Real Chromium (Debian's /usr/bin/chromium) through Playwright, against a live local server."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("SMAJOB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM) or shutil.which("chromium"):
        return
    if os.environ.get("SMAJOB_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"SMAJOB_REQUIRE_BROWSER is set but {CHROMIUM} is missing")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(bypass_csp=False, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """axe_check(page): zero WCAG 2.1 A/AA violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def _check(page):
        from playwright.sync_api import Error

        for attempt in range(3):  # a click's navigation may still be under way on a busy machine
            page.wait_for_load_state("load")
            try:
                results = axe.run(page, options={"runOnly": {"type": "tag",
                                                             "values": AXE_TAGS}})
                break
            except Error as error:
                navigating = ("documentElement" in str(error)
                              or "Execution context was destroyed" in str(error))
                if not navigating or attempt == 2:
                    raise
                page.wait_for_timeout(250)
        violations = results.response["violations"]
        summary = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
                   for v in violations]
        assert not summary, f"axe on {page.url}: {summary}"

    return _check
