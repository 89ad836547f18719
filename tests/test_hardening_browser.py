"""Row 12 in a real browser (Debian's Chromium): the strict CSP breaks none of the pages' scripts,
and another site cannot frame the review pages (clickjacking approve/return)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.server import served

pytestmark = [pytest.mark.slow, pytest.mark.browser]
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def page_and_server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: the README's test command installs it")
    from playwright.sync_api import sync_playwright

    with served(tmp_path_factory.mktemp("csp") / "home") as (url, _proc), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        violations: list[str] = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        yield page, url, violations
        browser.close()


def test_pages_run_their_scripts_under_the_csp(page_and_server):
    page, url, violations = page_and_server
    page.goto(f"{url}/citizen")
    page.fill("#matter-search", "养犬")  # matterSearch() ran from app.js, started by the JSON block
    assert page.locator("button[value=dog_registration]").is_visible()
    page.click("button[value=dog_registration]")
    page.wait_for_url("**/c/*")
    for _ in range(100):  # app.js started the page (it marks the document when its start-up ran)
        if page.evaluate("document.documentElement.dataset.ready") == "1":
            break
        page.wait_for_timeout(100)
    assert page.evaluate("document.documentElement.dataset.ready") == "1"
    page.goto(f"{url}/login")
    assert violations == []


def test_another_site_cannot_frame_the_pages(page_and_server):
    page, url, violations = page_and_server
    page.set_content(f'<iframe id="f" src="{url}/login" width="600" height="400"></iframe>')
    page.wait_for_timeout(1500)
    frame = next(f for f in page.frames if f != page.main_frame)
    try:
        text = frame.evaluate("document.body ? document.body.innerText : ''")
    except Exception:  # noqa: BLE001 - a blocked frame may not be scriptable at all
        text = ""
    assert "工作人员登录" not in text and "登录" not in text
