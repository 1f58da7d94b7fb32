"""The teacher steers a game from the facilitator page, in headless Chromium against `parley host --headless`:
an event brought in shows as news on a student's page, a private number set shows on its owner's page only,
a track set shows everywhere, and an undo (two presses) takes every page back to the turn's start, where the
students play on."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.net.realhost import Host, start_host
from tests.net.test_browser import browser as browser

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]
SHOTS = os.environ.get("PARLEY_SHOTS")
"""A folder to save screenshots of the facilitator page in (for looking at it; unset in CI)."""


@pytest.fixture
def host(tmp_path: Path) -> Iterator[Host]:
    started = start_host("scenarios/tutorial.yaml", "--journal", str(tmp_path / "room.jsonl"), "--pin", "2468")
    yield started
    started.stop()


def test_the_teacher_injects_an_event_sets_numbers_and_undoes_from_the_page(browser: object, host: Host) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    errors: list[str] = []
    pages = {}
    for name in ("Upland", "Lowland", "teacher"):
        page = browser.new_context(viewport={"width": 1100, "height": 1400}).new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(host.url)
        pages[name] = page
    upland, lowland, teacher = pages["Upland"], pages["Lowland"], pages["teacher"]
    for page, name in ((upland, "Upland"), (lowland, "Lowland")):
        page.fill("#code", host.codes[name])
        page.click("#claim")
        expect(page.locator("#me-name")).to_contain_text(name)
    teacher.click("#teacher-open summary")
    teacher.fill("#pin", "2468")
    teacher.click("#pin-go")
    expect(teacher.locator("#steer-event option")).to_have_count(3)

    # An event: chosen from the select, brought in; the students' pages show its news.
    teacher.select_option("#steer-event", "drought")
    teacher.click("#inject")
    expect(teacher.locator("#steer-said")).to_have_text("Brought in: Drought declared.")
    expect(upland.locator("#news")).to_contain_text("Drought declared")
    expect(lowland.locator("#news")).to_contain_text("Drought declared")

    # A private number: its owner sees it, the other team does not; a track: everybody sees it.
    teacher.select_option("#steer-variable", "upland.reservoir")
    expect(teacher.locator("#steer-value")).to_have_attribute("max", "100")
    teacher.fill("#steer-value", "77")
    teacher.click("#set-variable")
    expect(upland.locator("#log")).to_contain_text("Reservoir of Upland set to 77")
    expect(teacher.locator("#steer-variable")).to_contain_text("reservoir (private): 77")
    teacher.select_option("#steer-track", "relations")
    teacher.select_option("#steer-state", "friendly")
    teacher.click("#set-track")
    expect(teacher.locator("#steer-said")).to_have_text("Upland–Lowland relations set to friendly.")
    expect(lowland.locator("#tracks")).to_contain_text("friendly")
    expect(lowland.locator("#log")).to_contain_text("a number only Upland sees was set")
    assert "set to 77" not in lowland.content() and "Reservoir of Upland" not in lowland.content()
    expect(lowland.locator("#vars")).not_to_contain_text("reservoir")
    expect(upland.locator("#vars")).to_contain_text("reservoir (private)77")
    teacher.fill("#steer-value", "500")  # out of bounds: the page itself holds it back (the host would refuse it)
    teacher.click("#set-variable")
    assert teacher.locator("#steer-value").evaluate("box => box.validity.rangeOverflow")
    expect(teacher.locator("#steer-variable")).to_contain_text("reservoir (private): 77")
    if SHOTS:
        teacher.locator("#teacher").screenshot(path=str(Path(SHOTS) / "facilitator-steer.png"))

    # Undo to the start of this turn: two presses; every page goes back and the students play on.
    upland.locator("#pass").click()
    expect(upland.locator("#status")).to_contain_text("Waiting for the other teams")
    teacher.click("#undo-this")
    expect(teacher.locator("#undo-this")).to_have_text("Press again to go back to the start of turn 1")
    teacher.click("#undo-this")
    expect(teacher.locator("#steer-said")).to_have_text("Back to the start of turn 1.")
    expect(upland.locator("#status")).to_contain_text("Your move")
    expect(upland.locator("#news")).not_to_contain_text("Drought declared")
    expect(teacher.locator("#undo-last")).to_be_disabled()  # no turn before the first
    upland.locator("#pass").click()
    lowland.locator("#pass").click()
    expect(upland.locator("#when")).to_contain_text("turn 2")
    expect(lowland.locator("#when")).to_contain_text("turn 2")
    expect(teacher.locator("#undo-last")).to_be_enabled()
    assert errors == []
