"""A deal among several parties with a secret half, in headless Chromium against `parley host --headless`: the
UN (bot) proposes the grain initiative; Russia's page shows every party's terms and the secret half, Egypt's page
never shows the secret half, and Russia's answer is sent from its page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.net.realhost import Host, start_host
from tests.net.test_browser import browser as browser

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]
SECRET = "the UN will press for Russian ammonia exports through Odesa"


@pytest.fixture
def host() -> Iterator[Host]:
    started = start_host("tests/scenarios/deals/grain_deal.yaml", "--bots",
                         "un=heuristic,ukraine=heuristic,turkiye=heuristic")  # fmt: skip
    yield started
    started.stop()


def test_a_party_reads_every_partys_terms_and_an_outsider_never_the_secret_half(
    browser: object,
    host: Host,
) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    pages, errors = {}, []
    for name in ("Russia", "Egypt"):
        page = browser.new_context().new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(host.url)
        page.fill("#code", host.codes[name])
        page.click("#claim")
        expect(page.locator("#me-name")).to_contain_text(name)
        pages[name] = page
    russia, egypt = pages["Russia"], pages["Egypt"]
    russia.locator("#pass").click()
    egypt.locator("#pass").click()
    offer = russia.locator("#offers .offer")
    expect(offer).to_contain_text("UN proposes: Propose the grain initiative")
    for words in ("Ukraine gives: Ukraine grain in silos", "You give: your export access", "Türkiye gets:",
                  SECRET, "Ukraine, Russia and Türkiye must all accept"):  # fmt: skip
        expect(offer).to_contain_text(words)
    russia.locator("#offers button.accept").click()
    expect(russia.locator("#when")).to_contain_text("turn 2")
    expect(egypt.locator("#when")).to_contain_text("turn 2")
    assert "Black Sea Grain Initiative" in egypt.content()
    assert SECRET not in egypt.content()
    assert SECRET in russia.content()
    assert errors == []
