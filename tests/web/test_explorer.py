"""The web explorer as people use it, in headless Chromium against a served store holding the sample
report, with every host but loopback unresolvable: search in Chinese and English from the search box,
open a paper, read its evidence, expand its graph with a click, open an entity, the trends and the
leaderboard. On every page no request leaves the app's origin or fails and the console shows no error.
Screenshots of the main pages are written to tests/web/artifacts/."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.service import PapergraphService
from api.settings import Settings
from tests.web.browser import (
    CHROMIUM,
    OFFLINE_RULES,
    assert_offline_and_clean,
    needs_chromium,
    screenshot,
    served,
    wait_for,
)

pytestmark = needs_chromium

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "data" / "reports"
SPECULATIVE_VERIFICATION = "Speculative Verification: Exploiting Information Gain to Refine Speculative Decoding"
HITS = "return document.querySelectorAll('li.hit').length"
GRAPH_NODES = "const g = document.getElementById('graph'); return g && Number(g.dataset.nodes || 0)"


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over the sample report (88 papers) on a real loopback port."""
    assert SAMPLE.is_dir(), f"the sample report lives in {SAMPLE}"
    service = PapergraphService(Settings(data_dir=tmp_path_factory.mktemp("explorer") / "data"))
    results = service.import_paths([SAMPLE], progress=False)
    assert all(r.ok for r in results), [r.error for r in results]
    with served(service) as base:
        yield base
    service.close()


def search_from_the_box(browser: Any, text: str) -> list[str]:
    """Type `text` into the search box, submit, and return the hits' titles."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = browser.find_element(By.ID, "q")
    box.clear()
    box.send_keys(text, Keys.ENTER)
    wait_for(browser, f"return document.title.startsWith({text!r}) && document.readyState === 'complete'")
    assert wait_for(browser, HITS) > 0, f"no hits for {text!r}"
    return [a.text for a in browser.find_elements(By.CSS_SELECTOR, "li.hit .hit-title")]


def click_node(browser: Any, node_id: str) -> None:
    """A real mouse click on a node of the graph view, where cytoscape.js drew it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    box = browser.find_element(By.ID, "graph")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    x, y = browser.execute_script(
        "const p = window.papergraphGraph.getElementById(arguments[0]).renderedPosition();"
        "return [p.x, p.y];", node_id)
    size = box.size
    ActionChains(browser).move_to_element_with_offset(box, int(x - size["width"] / 2),
                                                      int(y - size["height"] / 2)).click().perform()


def test_search_open_a_paper_read_its_evidence_and_expand_its_graph(sample_url: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(sample_url + "/")
    assert "Categories" in browser.find_element(By.TAG_NAME, "main").text
    screenshot(browser, "overview")
    assert_offline_and_clean(browser, sample_url)

    titles = search_from_the_box(browser, "推测解码")
    assert SPECULATIVE_VERIFICATION in titles
    assert browser.find_elements(By.CSS_SELECTOR, "li.hit .match mark"), "the matched sentence is not marked"
    screenshot(browser, "search-zh")
    assert_offline_and_clean(browser, sample_url)

    titles = search_from_the_box(browser, "KV cache compression")
    assert any("KV" in t or "Cache" in t or "cache" in t for t in titles[:3]), titles
    screenshot(browser, "search")
    assert_offline_and_clean(browser, sample_url)

    search_from_the_box(browser, "推测解码")
    browser.find_element(By.LINK_TEXT, SPECULATIVE_VERIFICATION).click()
    wait_for(browser, "return location.pathname.startsWith('/paper/')")
    assert browser.find_element(By.TAG_NAME, "h1").text == SPECULATIVE_VERIFICATION
    evidence = browser.find_element(By.CSS_SELECTOR, "table.evidence").text
    assert "speedup" in evidence and "It improves SD performance by up to 2×" in evidence

    before = wait_for(browser, GRAPH_NODES)
    assert before > 1, "the paper's graph has a single node"
    report = browser.execute_script("return window.papergraphGraph.nodes('.Report').id()")
    click_node(browser, report)
    after = wait_for(browser, "const n = Number(document.getElementById('graph').dataset.nodes);"
                              f"return n > {before} ? n : 0")
    assert after > before
    screenshot(browser, "paper")
    assert_offline_and_clean(browser, sample_url)

    browser.find_element(By.CSS_SELECTOR, "#graph-selected a").click()  # the clicked node's page
    wait_for(browser, "return location.pathname.startsWith('/entity/report:')")
    assert wait_for(browser, GRAPH_NODES) > 1
    assert "Papers" in browser.find_element(By.TAG_NAME, "main").text
    assert_offline_and_clean(browser, sample_url)


def test_entity_trends_and_leaderboard_pages(sample_url: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(sample_url + "/entity/tech:speculative-decoding")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "speculative decoding" in main and "Narrower" in main and "draft model" in main
    assert len(browser.find_elements(By.CSS_SELECTOR, "ol.papers li")) > 1
    assert wait_for(browser, GRAPH_NODES) > 1
    screenshot(browser, "entity")
    assert_offline_and_clean(browser, sample_url)

    browser.get(sample_url + "/trends?by=institution")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.trends tbody tr")) > 2
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect")
    screenshot(browser, "trends")
    assert_offline_and_clean(browser, sample_url)

    browser.get(sample_url + "/leaderboard?metric=speedup")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.leaderboard tbody tr")
    assert len(rows) > 5 and "x" in rows[0].text
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect")
    screenshot(browser, "leaderboard")
    assert_offline_and_clean(browser, sample_url)


def test_the_leaderboard_and_trends_forms_submit_as_left(sample_url: str, browser: Any) -> None:
    """Pressing "Show" with "any" and "largest group" chosen sends empty fields: they filter nothing."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.get(sample_url + "/leaderboard?metric=speedup")
    Select(browser.find_element(By.NAME, "metric")).select_by_visible_text("throughput")
    browser.find_element(By.CSS_SELECTOR, "form.controls button[type=submit]").click()
    WebDriverWait(browser, 20).until(lambda b: "metric=throughput" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Leaderboard: throughput"
    assert "direction=&" in browser.current_url or browser.current_url.endswith("direction=")
    assert browser.find_elements(By.CSS_SELECTOR, "table.leaderboard tbody tr")
    assert_offline_and_clean(browser, sample_url)

    browser.get(sample_url + "/trends")
    Select(browser.find_element(By.NAME, "by")).select_by_visible_text("institution")
    browser.find_element(By.CSS_SELECTOR, "form.controls button[type=submit]").click()
    WebDriverWait(browser, 20).until(lambda b: "by=institution" in b.current_url)
    assert "by institution" in browser.find_element(By.TAG_NAME, "h1").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.trends tbody tr")) > 2
    assert_offline_and_clean(browser, sample_url)


def dump_dom(url: str, tmp_path: Path) -> str:
    """What `chromium --headless --dump-dom URL` prints, offline (no host but loopback resolves)."""
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", OFFLINE_RULES,
                           f"--user-data-dir={tmp_path / 'dump-profile'}", "--dump-dom", url],
                          capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def test_pages_are_rendered_by_the_server(sample_url: str, tmp_path: Path) -> None:
    top = httpx.get(f"{sample_url}/api/search", params={"q": "speculative decoding", "k": 3}).json()["hits"]
    search = dump_dom(f"{sample_url}/?q=speculative%20decoding", tmp_path)
    for hit in top:
        assert escape(hit["paper"]["title"], quote=False) in search
    assert "<mark>" in search
    paper = dump_dom(f"{sample_url}/paper/paper:2b427a6a41f2dbd9", tmp_path)
    assert SPECULATIVE_VERIFICATION in paper
    assert "with an average speedup of 1.4× in large-batch settings" in paper
