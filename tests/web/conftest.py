from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser import HAVE_CHROMIUM, open_browser


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    if not HAVE_CHROMIUM:
        pytest.skip("Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
    driver = open_browser(tmp_path / "profile")
    try:
        yield driver
    finally:
        driver.quit()
