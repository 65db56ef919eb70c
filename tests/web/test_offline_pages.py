"""GraphiQL (/graphql) and Swagger UI (/docs) as people see them: in headless Chromium (Debian's
chromium and chromium-driver; .ci/run installs them), with every host but loopback unresolvable. Each
page renders and works, no request leaves the app's origin, and the console shows no error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.api.conftest import make_service
from tests.contract.batches import batch_a
from tests.web.browser import assert_offline_and_clean, needs_chromium, served, wait_for

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over reports A on a real loopback port."""
    service = make_service(tmp_path_factory.mktemp("web") / "data", [batch_a()])
    with served(service) as base:
        yield base
    service.close()


def test_graphiql_renders_and_runs_a_query_offline(app_url: str, browser: Any) -> None:
    browser.get(f"{app_url}/graphql")
    editor = "document.querySelector('.graphiql-query-editor .CodeMirror')"
    wait_for(browser, f"return {editor} !== null")
    browser.execute_script(f"{editor}.CodeMirror.setValue('{{ stats {{ nodes {{ name count }} }} }}')")
    wait_for(browser, "return document.querySelector('.graphiql-execute-button')").click()
    result = wait_for(browser, "const r = document.querySelector('.graphiql-response');"
                               "return r && r.innerText.includes('\"count\"') ? r.innerText : null")
    assert '"Paper"' in result and '"count": 4' in result
    assert_offline_and_clean(browser, app_url)


def test_swagger_ui_renders_offline(app_url: str, browser: Any) -> None:
    browser.get(f"{app_url}/docs")
    title = wait_for(browser, "const t = document.querySelector('.swagger-ui .info .title');"
                              "return t && t.innerText")
    assert title.startswith("papergraph")
    wait_for(browser, "return document.querySelectorAll('.opblock').length > 5")
    assert wait_for(browser, "return document.querySelector('.btn.authorize') !== null")  # X-API-Key scheme
    assert_offline_and_clean(browser, app_url)
