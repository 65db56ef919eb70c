"""GraphiQL (/graphql) and Swagger UI (/docs) as people see them: in headless Chromium (Debian's
chromium and chromium-driver; .ci/run installs them), with every host but loopback unresolvable. Each
page renders and works, no request leaves the app's origin, and the console shows no error."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from api.app import create_app
from tests.api.conftest import make_service
from tests.contract.batches import batch_a
from tests.loopback import free_port

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
                                reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over reports A on a real loopback port (uvicorn in a thread)."""
    service = make_service(tmp_path_factory.mktemp("web") / "data", [batch_a()])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(service=service), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(30)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}",
                 # Offline: no host but loopback resolves, so any request elsewhere fails (and is seen).
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: Any, script: str, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for: {script}")


def requested_urls(driver: Any) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def assert_offline_and_clean(driver: Any, base: str) -> None:
    urls = requested_urls(driver)
    assert urls, "the performance log recorded no requests"
    # chrome:// pages are the browser's own (its new-tab page before the first navigation)
    foreign = [u for u in urls if not u.startswith((base, "data:", "blob:", "chrome://"))]
    assert not foreign, f"requests left the app's origin: {foreign}"
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_graphiql_renders_and_runs_a_query_offline(served: str, browser: Any) -> None:
    browser.get(f"{served}/graphql")
    editor = "document.querySelector('.graphiql-query-editor .CodeMirror')"
    wait_for(browser, f"return {editor} !== null")
    browser.execute_script(f"{editor}.CodeMirror.setValue('{{ stats {{ nodes {{ name count }} }} }}')")
    wait_for(browser, "return document.querySelector('.graphiql-execute-button')").click()
    result = wait_for(browser, "const r = document.querySelector('.graphiql-response');"
                               "return r && r.innerText.includes('\"count\"') ? r.innerText : null")
    assert '"Paper"' in result and '"count": 4' in result
    assert_offline_and_clean(browser, served)


def test_swagger_ui_renders_offline(served: str, browser: Any) -> None:
    browser.get(f"{served}/docs")
    title = wait_for(browser, "const t = document.querySelector('.swagger-ui .info .title');"
                              "return t && t.innerText")
    assert title.startswith("papergraph")
    wait_for(browser, "return document.querySelectorAll('.opblock').length > 5")
    assert wait_for(browser, "return document.querySelector('.btn.authorize') !== null")  # X-API-Key scheme
    assert_offline_and_clean(browser, served)
