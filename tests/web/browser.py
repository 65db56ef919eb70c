"""Headless Chromium for the browser tests (Debian's chromium and chromium-driver; .ci/run installs them)
with every host but loopback unresolvable, a served app on a loopback port, and the checks every page
must pass: no request left the app's origin or failed, and the console shows no error."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from api.app import create_app
from api.service import PapergraphService
from tests.loopback import free_port

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
HAVE_CHROMIUM = Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()
needs_chromium = pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium and chromium-driver are not "
                                                              "installed (.ci/run installs them)")
# Offline: no host but loopback resolves, so any request elsewhere fails (and is seen).
OFFLINE_RULES = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"  # screenshots; git-ignored


@contextmanager
def served(service: PapergraphService) -> Iterator[str]:
    """The app over `service` on a real loopback port (uvicorn in a thread); yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(service=service), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


def open_browser(profile: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1000", f"--user-data-dir={profile}", OFFLINE_RULES):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    # The browser's own start-up requests (its new-tab page) are not the pages' and are left out.
    driver.get("about:blank")
    time.sleep(0.5)
    driver.get_log("performance")
    driver.get_log("browser")
    return driver


def wait_for(driver: Any, script: str, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for: {script}")


def _network_events(driver: Any) -> list[dict[str, Any]]:
    return [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]


def assert_offline_and_clean(driver: Any, base: str) -> None:
    """Since the last call: every request went to the app's origin and none failed (no network error,
    no HTTP error status), and the console logged no error."""
    events = _network_events(driver)
    urls = [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]
    assert urls, "the performance log recorded no requests"
    # chrome:// pages are the browser's own (its new-tab page before the first navigation)
    foreign = [u for u in urls if not u.startswith((base, "data:", "blob:", "chrome://"))]
    assert not foreign, f"requests left the app's origin: {foreign}"
    url_of = {e["params"]["requestId"]: e["params"]["request"]["url"] for e in events
              if e.get("method") == "Network.requestWillBeSent"}
    failed = [(url_of.get(e["params"]["requestId"]), e["params"].get("errorText")) for e in events
              if e.get("method") == "Network.loadingFailed" and not e["params"].get("canceled")]
    assert not failed, f"requests failed: {failed}"
    statuses = [(e["params"]["response"]["url"], e["params"]["response"]["status"]) for e in events
                if e.get("method") == "Network.responseReceived" and e["params"]["response"]["status"] >= 400]
    assert not statuses, f"requests answered with an error status: {statuses}"
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def screenshot(driver: Any, name: str, full_page: bool = True) -> Path:
    """Write tests/web/artifacts/<name>.png: the whole page (up to 3,000 px tall) at 1280 px wide."""
    ARTIFACTS.mkdir(exist_ok=True)
    driver.execute_script("window.scrollTo(0, 0)")
    path = ARTIFACTS / f"{name}.png"
    size = driver.get_window_size()
    if full_page:
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1280, min(max(height, 600), 3000))
    try:
        driver.save_screenshot(str(path))
    finally:
        driver.set_window_size(size["width"], size["height"])
    return path
