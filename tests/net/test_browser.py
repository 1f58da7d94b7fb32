"""End to end in headless Chromium (Playwright): four browser contexts against `parley host --headless`.

Upland and Lowland each play from their own context, a spectator watches the public board, and the
teacher opens the seats with the PIN. A deal is proposed from one seat and answered from the other,
a seat's page is reloaded in the middle of a turn, and every page reaches the debrief.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.net.realhost import Host, free_port, start_host

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    path = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no Chromium: CI must install it (apt-get install -y chromium)")
        pytest.skip("no Chromium on this machine (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"], headless=True)
        yield launched
        launched.close()


@pytest.fixture
def host(tmp_path: Path) -> Iterator[Host]:
    started = start_host("scenarios/tutorial.yaml", "--journal", str(tmp_path / "room.jsonl"), "--pin", "2468")
    yield started
    started.stop()


def act(page: object) -> str:
    """Make one decision on a seat's page if it is that seat's turn: "" when there was nothing to do.

    The page may move on between looking and clicking (an update from the host can end the seat's turn
    and hide its buttons): a click that finds no button within a few seconds counts as nothing to do, and
    the caller looks again (a game that really stops still fails the caller's deadline)."""
    from playwright.sync_api import Page
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    assert isinstance(page, Page)
    accept = page.locator("#offers button.accept:enabled")
    passing = page.locator("#moves-box:visible #pass:enabled")
    for button, done in ((accept.first, "accept"), (passing, "pass")):
        if button.count():
            try:
                button.click(timeout=3000)
            except PlaywrightTimeout:
                return ""
            return done
    return ""


def test_a_whole_game_from_four_browsers(browser: object, host: Host) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    pages = {}
    for name in ("upland", "lowland", "spectator", "teacher"):
        context = browser.new_context(viewport={"width": 390, "height": 844} if name == "lowland" else None)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        page.on("console", lambda msg, errors=errors: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(host.url)
        pages[name] = (page, errors)
    up, low, spectator, teacher = (pages[n][0] for n in ("upland", "lowland", "spectator", "teacher"))

    # Claiming: a wrong code is refused clearly, then the right ones work.
    up.fill("#code", "WRONG9")
    up.click("#claim")
    expect(up.locator("#notice-text")).to_contain_text("claim code is not right")
    up.fill("#code", host.codes["Upland"].lower())
    up.click("#claim")
    low.fill("#code", host.codes["Lowland"])
    low.keyboard.press("Enter")
    expect(up.locator("#me-name")).to_contain_text("Upland")
    expect(low.locator("#me-name")).to_contain_text("Lowland")
    spectator.click("#watch")
    expect(spectator.locator("#me-name")).to_have_text("Public board")
    teacher.click("#teacher-open summary")
    teacher.fill("#pin", "2468")
    teacher.click("#pin-go")
    expect(teacher.locator("#seats")).to_contain_text("Upland")
    expect(teacher.locator("#seats")).to_contain_text("deciding")

    # Turn 1: Upland offers to sell water (a deal); Lowland passes, then accepts the offer.
    expect(up.locator("#status")).to_contain_text("Your move")
    up.locator('#moves .card[data-move="sell_water"]').click()
    expect(up.locator("#status")).to_contain_text("Waiting")
    low.locator("#pass").click()
    offer = low.locator("#offers .offer")
    expect(offer).to_contain_text("Upland proposes")
    low.locator("#offers button.accept").click()
    expect(up.locator("#when")).to_contain_text("turn 2")
    expect(up.locator("#fate")).to_contain_text("Turn 1")
    expect(spectator.locator("#when")).to_contain_text("turn 2")

    # Turn 2: Lowland decides, Upland's page is reloaded mid-turn and carries on from its token.
    low.locator("#pass").click()
    up.reload()
    expect(up.locator("#me-name")).to_contain_text("Upland")
    expect(up.locator("#status")).to_contain_text("Your move")
    assert up.locator("#join").is_hidden()

    # The rest of the game: every seat passes or accepts until the debrief.
    deadline = time.monotonic() + 120
    while not (up.locator("#debrief").is_visible() and low.locator("#debrief").is_visible()):
        assert time.monotonic() < deadline, "the game did not reach the debrief"
        if not (act(up) or act(low)):
            up.wait_for_timeout(100)
    for page in (up, low, spectator):
        expect(page.locator("#debrief")).to_be_visible()
        expect(page.locator("#ending")).not_to_be_empty()
    expect(up.locator("#hidden")).not_to_be_empty()
    for name, (_, errors) in pages.items():
        assert errors == [], f"{name}: {errors}"


def test_the_newest_tab_wins_in_the_browser(browser: object, host: Host) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    context = browser.new_context()
    first = context.new_page()
    first.goto(host.url)
    first.fill("#code", host.codes["Lowland"])
    first.click("#claim")
    expect(first.locator("#me-name")).to_contain_text("Lowland")
    second = context.new_page()  # same device: it shares the token
    second.goto(host.url)
    expect(second.locator("#me-name")).to_contain_text("Lowland")
    expect(first.locator("#notice-text")).to_contain_text("another tab")
    expect(first.locator("#link")).to_have_text("stopped")
    first.click("#notice-action")  # take the seat back in the first tab
    expect(second.locator("#notice-text")).to_contain_text("another tab")
    context.close()


def test_pages_reconnect_by_themselves_after_the_host_restarts(browser: object, tmp_path: Path) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    journal, port = tmp_path / "room.jsonl", free_port()
    first = start_host("scenarios/tutorial.yaml", "--journal", str(journal), port=port)
    up_context, low_context = browser.new_context(), browser.new_context()
    up, low = up_context.new_page(), low_context.new_page()
    try:
        for page, name in ((up, "Upland"), (low, "Lowland")):
            page.goto(first.url)
            page.fill("#code", first.codes[name])
            page.click("#claim")
            expect(page.locator("#status")).to_contain_text("Your move")
        low.locator('#moves .card[data-move="dig_wells"]').click()
        expect(low.locator("#orders")).to_contain_text("Dig wells")
        first.process.send_signal(signal.SIGKILL)  # the host crashes mid-turn
        first.process.wait(10)
        expect(up.locator("#link")).to_have_text("reconnecting…")
    finally:
        first.stop()
    again = start_host("scenarios/tutorial.yaml", "--resume", str(journal), port=port)
    try:
        for page in (up, low):
            expect(page.locator("#link")).to_have_text("connected", timeout=15000)
        expect(low.locator("#orders")).to_contain_text("Dig wells")
        up.locator('#moves .card[data-move="open_talks"]').click()
        expect(up.locator("#when")).to_contain_text("turn 2")
        expect(low.locator("#when")).to_contain_text("turn 2")
    finally:
        again.stop()
        up_context.close()
        low_context.close()


def test_a_student_asks_the_teacher_lets_them_in_with_the_pin_and_they_play(browser: object, tmp_path: Path) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    journal, port = tmp_path / "room.jsonl", free_port()
    first = start_host("scenarios/tutorial.yaml", "--journal", str(journal), "--pin", "2468", port=port)
    contexts = [browser.new_context() for _ in range(3)]
    student, other, teacher = (c.new_page() for c in contexts)
    errors: list[str] = []
    for page in (student, other, teacher):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        for page in (student, other, teacher):
            page.goto(first.url)
        teacher.click("#teacher-open summary")
        teacher.fill("#pin", "2468")
        teacher.click("#pin-go")
        expect(teacher.locator("#seats")).to_contain_text("Upland")

        # A student with no code picks a seat, names the team and asks; the teacher sees it and lets them in.
        student.click("#ask-open summary")
        expect(student.locator("#ask-seat option")).to_have_count(3)  # any seat, Upland, Lowland
        student.select_option("#ask-seat", "upland")
        student.fill("#ask-name", "Blue team")
        student.click("#ask")
        expect(student.locator("#notice-text")).to_contain_text("Asked the teacher to let you join Upland")
        expect(student.locator("#ask")).to_be_disabled()
        row = teacher.locator("#requests tr", has_text="Blue team")
        expect(row).to_contain_text("1")
        # Another device asks without a seat; the teacher starts choosing one for it.
        other.click("#ask-open summary")
        other.fill("#ask-name", "Pirates")
        other.click("#ask")
        pirates = teacher.locator("#requests tr", has_text="Pirates")
        expect(pirates).to_be_visible()
        pirates.locator("select").select_option("lowland")

        row.locator("button.accept").click()
        expect(student.locator("#me-name")).to_contain_text("Upland")
        expect(teacher.locator("#seats")).to_contain_text("deciding")
        token = student.evaluate("() => Object.entries(localStorage).find(([k]) => k.startsWith('parley-seat:'))[1]")
        assert len(token) >= 40 and token not in teacher.content()  # the token stays on the student's device
        expect(student.locator("#status")).to_contain_text("Your move")
        student.locator('#moves .card[data-move="open_talks"]').click()
        expect(student.locator("#orders")).to_contain_text("Propose treaty talks")
        # The teacher's table was drawn again on every update; the seat chosen for the Pirates is still chosen.
        expect(pirates.locator("select")).to_have_value("lowland")
        # Then the teacher refuses them: that device is told so, clearly, and may ask again.
        pirates.locator("button.reject").click()
        expect(other.locator("#notice-text")).to_contain_text("did not let this device join")
        expect(other.locator("#ask")).to_be_enabled()
        expect(teacher.locator("#requests-box")).to_be_hidden()

        # The host crashes and resumes from its journal: the approved device still holds its seat.
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(10)
    finally:
        first.stop()
    again = start_host("scenarios/tutorial.yaml", "--resume", str(journal), port=port)
    try:
        expect(student.locator("#link")).to_have_text("connected", timeout=15000)
        expect(student.locator("#me-name")).to_contain_text("Upland")
        expect(student.locator("#orders")).to_contain_text("Propose treaty talks")
        assert student.locator("#join").is_hidden()
        # The lesson is over: the teacher ends the game (two presses) and the student gets the debrief.
        expect(teacher.locator("#link")).to_have_text("connected", timeout=15000)
        teacher.click("#end-game")
        expect(teacher.locator("#end-game")).to_have_text("Press again to end the game now")
        assert student.locator("#debrief").is_hidden()
        teacher.click("#end-game")
        expect(student.locator("#debrief")).to_be_visible()
        expect(student.locator("#ending")).to_contain_text("Ended by the facilitator")
        assert errors == []
    finally:
        again.stop()
        for context in contexts:
            context.close()


def test_the_projectors_console_lets_a_named_team_in_and_it_plays(browser: object, tutorial: object) -> None:
    """The approval the projector window's console makes (game.net.console.perform on the room), from a browser."""
    from playwright.sync_api import Browser, expect

    from game.engine import CompiledScenario
    from game.net import console
    from game.net.room import Room
    from game.net.server import ServerThread, create_app

    assert isinstance(browser, Browser) and isinstance(tutorial, CompiledScenario)
    room = Room.new(tutorial, 1, {}, None)
    app = create_app(room, set())
    server = ServerThread(app, "127.0.0.1", 0)
    server.start()
    context = browser.new_context()
    try:
        host = f"127.0.0.1:{server.port}"
        app.state.hub.allowed_hosts.add(host)
        page = context.new_page()
        page.goto(f"http://{host}/")
        page.click("#ask-open summary")
        page.fill("#ask-name", "Greens")
        page.keyboard.press("Enter")
        expect(page.locator("#notice-text")).to_contain_text("join a seat")
        request = room.pending_requests()[0]
        assert request["name"] == "Greens" and request["actor"] is None
        said = console.perform(room, f"approve:{request['id']}:lowland")
        assert said == "Let in: that device now plays Lowland."
        expect(page.locator("#me-name")).to_contain_text("Lowland")
        page.locator("#pass").click()
        expect(page.locator("#status")).to_contain_text("Waiting")
        assert room.game.decisions and room.game.decisions[-1]["actor"] == "lowland"
    finally:
        context.close()
        server.stop()
        room.close()
