"""axe-core in real Chromium: the serious and critical WCAG violations of a page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

# Installed by `npm ci` in client/ (a dev dependency, pinned in client/package.json).
AXE_JS = Path(__file__).parents[2] / "client" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, the level Danish public bodies must meet (webtilgængelighedsloven).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = ("serious", "critical")


def violations(page: Page) -> list[dict[str, Any]]:
    """Return the page's serious and critical violations as it is now.

    The page's context must be made with `bypass_csp=True`: Tavle's pages allow only
    their own scripts, and axe is injected.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    found: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await window.axe.run(document, {
              runOnly: { type: 'tag', values: tags }, resultTypes: ['violations']
            })
            return result.violations.map((v) => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.slice(0, 5).map(
                (n) => `${n.target.join(' ')} :: ${n.html.slice(0, 90)}`
              )
            }))
        }""",
        TAGS,
    )
    return [violation for violation in found if violation["impact"] in SERIOUS]


def report(where: str, found: list[dict[str, Any]]) -> list[str]:
    """Return one readable line per violation, naming where it was found."""
    return [f"{where}: {v['id']} ({v['impact']}): {v['help']} — {v['nodes']}" for v in found]
