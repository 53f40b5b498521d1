"""Browser tests: Playwright (Python) driving Debian's Chromium against pytest-django's live server.

No browser is ever downloaded: we launch /usr/bin/chromium (installed by `make test`). A failing
test leaves a full-page screenshot under test-artifacts/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls our fixtures make there
# are ordinary synchronous calls, so Django's async-safety guard does not apply to them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PRAMOEN_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request) -> Iterator[object]:
    context = browser.new_context(
        locale="th-TH", timezone_id="Asia/Bangkok", base_url=live_server.url
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    # Every journey also checks that the Content-Security-Policy refused nothing the page needs
    # (inline handlers, eval in htmx or pdf.js, a style without the nonce).
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()
    if failed is not None and failed.passed:
        assert violations == [], violations


@pytest.fixture
def demo_data(transactional_db) -> None:
    from pramoen.core import demo

    demo.load(lambda line: None)


def totp_code_for(username: str, key_hex: str | None = None) -> str:
    """The code an authenticator app holding the account's key would show, for a time step the
    device will accept: django-otp refuses a step twice (journeys sign in often), accepts one step
    either side of now *plus the drift it learned* (OTP_TOTP_SYNC), and checks the code a moment
    after we compute it — so never hand it a step at the edge of what it accepts."""
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    key = bytes.fromhex(key_hex or device.key)
    last_t = device.last_t if device is not None else -1
    drift = device.drift if device is not None else 0
    totp = TOTP(key, step=30, t0=0, digits=6)
    while True:
        if 30 - time.time() % 30 < 3:  # too close to a step boundary: the server may roll over
            time.sleep(30 - time.time() % 30 + 0.5)
        centre = totp.t() + drift
        # The centre of the window, else one step ahead; one behind only when nothing else is
        # free (it leaves no margin for the step rolling over between here and the server).
        for step in (centre, centre + 1):
            if step > last_t:
                totp.time = step * 30 + 1
                return f"{totp.token():06d}"
        time.sleep(30 - time.time() % 30 + 0.5)


def complete_second_factor(page, username: str) -> None:
    """Pass the second-factor page if the sign-in led to one: the code from the account's device,
    or — for an account without one — enrol from the secret the setup page shows."""
    from base64 import b32decode

    page.wait_for_load_state()
    if "/accounts/2fa/verify/" in page.url:
        page.get_by_label("รหัสจากแอปยืนยันตัวตน หรือรหัสกู้คืน").fill(totp_code_for(username))
        with page.expect_navigation():
            page.get_by_role("button", name="ยืนยัน", exact=True).click()
    elif "/accounts/2fa/setup/" in page.url:
        secret = page.get_by_test_id("two-factor-secret").inner_text().replace(" ", "")
        key_hex = b32decode(secret).hex()
        page.get_by_label("รหัส 6 หลักจากแอป").fill(totp_code_for(username, key_hex))
        page.get_by_role("button", name="ยืนยันและเปิดใช้").click()
        with page.expect_navigation():
            page.get_by_role("link", name="เก็บรหัสแล้ว ไปต่อ").click()
    page.wait_for_load_state()


def login(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้หรืออีเมล").fill(username)
    page.get_by_label("รหัสผ่าน").fill(password)
    # The form always navigates (to the next page, or back with an error): wait for it, so the
    # second-factor step sees where the sign-in led and not the login page still showing.
    with page.expect_navigation():
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
    complete_second_factor(page, username)


TEACHER_INNOVATION_TH = "ประเภทครูผู้สอน · ด้านนวัตกรรมและเทคโนโลยีเพื่อการเรียนการสอน"


def pick_group(page, section: str, group: str) -> None:
    """Tick a group in the applicant's picker: its category → domain heading, then its label."""
    picker = page.get_by_test_id("picker")
    picker.get_by_role("group", name=section, exact=True).get_by_role("radio", name=group).check()


def picker_sections(page) -> list[str]:
    """The category → domain headings the picker offers."""
    return [
        text.strip()
        for text in page.get_by_test_id("picker-section").locator("> legend").all_inner_texts()
    ]
