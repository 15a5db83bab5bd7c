"""Real Chromium for every test here: Playwright and the browser, one of each per module."""

from __future__ import annotations

from tests.support.browser import browser, playwright

__all__ = ["browser", "playwright"]  # fixtures, found by name
