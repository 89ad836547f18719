"""The three users' pages in a real browser (Debian's Chromium driven by Playwright).

Screenshots of each page are saved to out/screenshots/ (look at them after a run)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samples.degrade import degrade
from tests.servers import free_port, stop, wait_port

pytestmark = [pytest.mark.slow, pytest.mark.browser]
REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "out" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
DOG = REPO / "samples" / "cases" / "dog_registration"
TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: the README's test command installs it")
    home = tmp_path_factory.mktemp("webhome")
    env = {**os.environ, "YICHUANG_HOME": str(home)}
    for var in ("YICHUANG_BROKER_URL", "YICHUANG_STORAGE_URL", "YICHUANG_DATABASE_URL"):
        env.pop(var, None)
    for name, role in (("li.clerk", "clerk"), ("wang.review", "reviewer")):
        subprocess.run([sys.executable, "-m", "service.cli", "user", "add", name, "--role", role, "--password-stdin"],
                       input="correct-horse-1\n", text=True, env=env, cwd=REPO, check=True, capture_output=True)
    port = free_port()
    with open(home / "serve.log", "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--port", str(port)], env=env,
                                cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    wait_port(port, 60, proc)
    yield f"http://127.0.0.1:{port}"
    stop(proc)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
            # a fake camera stands in for the 高拍仪 (document camera)
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"])
        yield b
        b.close()


def login(page, server, name):
    page.goto(f"{server}/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", "correct-horse-1")
    page.click("button.primary")


def test_clerk_uploads_a_case_and_sees_the_verdict_and_the_notice(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    login(page, server, "li.clerk")
    page.wait_for_url(f"{server}/clerk")
    page.fill("#matter-search", "养犬")
    assert page.locator(".matters li:visible").count() == 1  # search by Chinese name
    page.screenshot(path=SHOTS / "clerk-1-pick-matter.png", full_page=True)
    page.click("button[value=dog_registration]")
    page.wait_for_url("**/clerk/cases/*")
    start = time.perf_counter()
    page.set_input_files("#file-input", sorted(str(p) for p in DOG.glob("*.jpg")))
    page.wait_for_selector("#verdict.complete", timeout=180_000)
    TIMINGS["clerk_5_pages_upload_to_verdict_s"] = time.perf_counter() - start
    assert "材料齐全" in page.inner_text("#verdict")
    assert page.locator("#checklist tbody tr").count() == 4
    assert page.locator("#pages li .material", has_text="居民身份证").count() == 2
    page.screenshot(path=SHOTS / "clerk-2-case-verdict.png", full_page=True)
    with page.expect_popup() as popup:
        page.click("#print-notice")
    notice = popup.value
    notice.wait_for_load_state()
    assert "一次性告知书" in notice.inner_text("h1") and "材料齐全" in notice.inner_text("body")
    notice.screenshot(path=SHOTS / "clerk-3-notice.png", full_page=True)
    print(f"\nclerk: 5 pages, upload → verdict on screen {TIMINGS['clerk_5_pages_upload_to_verdict_s']:.1f} s")


def test_clerk_takes_a_page_with_the_document_camera(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, permissions=["camera"])
    page = context.new_page()
    login(page, server, "li.clerk")
    page.wait_for_url(f"{server}/clerk")
    page.click("button[value=dog_registration]")
    page.wait_for_url("**/clerk/cases/*")
    page.click("#camera-open")
    for _ in range(150):  # (wait_for_function evaluates a string in the page, which the strict CSP forbids)
        if page.evaluate("document.getElementById('camera-video').videoWidth") > 0:
            break
        page.wait_for_timeout(200)
    assert page.evaluate("document.getElementById('camera-video').videoWidth") > 0
    page.click("#camera-shoot")
    page.wait_for_selector("#pages li", timeout=60_000)
    assert "gaopaiyi-" in page.inner_text("#pages")  # the snapshot was uploaded as a page of the case
    page.screenshot(path=SHOTS / "clerk-4-document-camera.png", full_page=True)
    context.close()


def test_citizen_is_told_to_retake_a_blurred_photo_then_sends_a_good_one(server, browser, tmp_path):
    from PIL import Image

    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.goto(f"{server}/citizen")
    phone.fill("#matter-search", "养犬")
    phone.click("button[value=dog_registration]")
    phone.wait_for_url("**/c/*?t=*")
    good = DOG / "03-vaccination.jpg"
    blurred = tmp_path / "blurred.jpg"
    degrade(Image.open(good).convert("RGB"), "blurred", 1).save(blurred, quality=85)
    phone.set_input_files("#camera-input", str(blurred))
    phone.wait_for_selector("#uploads li.retake", timeout=60_000)
    assert "照片模糊" in phone.inner_text("#uploads")
    phone.screenshot(path=SHOTS / "citizen-1-retake.png", full_page=True)
    phone.set_input_files("#camera-input", str(good))
    phone.wait_for_selector("#uploads li.good", timeout=60_000)
    phone.wait_for_selector("#missing li .badge", timeout=120_000)
    missing = phone.inner_text("#missing")
    assert "养犬登记申请表" in missing and "犬主身份证" in missing  # what is still missing, live
    assert "犬只狂犬病免疫证明" not in missing
    phone.screenshot(path=SHOTS / "citizen-2-missing-list.png", full_page=True)


def test_reviewer_opens_the_form_and_clicks_a_field_to_see_its_source(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    login(page, server, "wang.review")
    page.wait_for_url(f"{server}/review")
    page.select_option("select[name=verdict]", "complete")
    page.click("form.filters button")
    page.screenshot(path=SHOTS / "review-1-list.png", full_page=True)
    page.click(".cases tbody a")
    page.wait_for_selector(".form-table")
    page.click(".form-table button.value >> nth=0")
    page.wait_for_selector("#viewer img")
    page.wait_for_selector("#viewer .box")
    box = page.locator("#viewer .box").bounding_box()
    assert box and box["width"] > 5 and box["height"] > 3
    page.screenshot(path=SHOTS / "review-2-source-highlighted.png", full_page=True)
    page.fill("textarea[name=comment]", "材料齐全，同意受理")
    page.click("button[value=approved]")
    page.wait_for_selector("text=通过 材料齐全，同意受理")


def test_a_citizen_token_cannot_open_another_case(server, browser):
    import httpx

    a = httpx.post(f"{server}/api/cases", json={"matters": ["dog_registration"]}).json()
    b = httpx.post(f"{server}/api/cases", json={"matters": ["dog_registration"]}).json()
    page = browser.new_page()
    response = page.goto(f"{server}/c/{a['id']}?t={b['upload_token']}")
    assert response.status == 403 and "无法打开" in page.inner_text("h1")
    page.screenshot(path=SHOTS / "citizen-3-forbidden.png")
    ok = page.goto(f"{server}/c/{a['id']}?t={a['upload_token']}")
    assert ok.status == 200
    r = httpx.get(f"{server}/api/cases/{a['id']}/result", headers={"Authorization": f"Bearer {b['upload_token']}"})
    assert r.status_code == 403
