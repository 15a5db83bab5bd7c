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


def _inject(page: Page) -> None:
    """Put axe on the page once (its context needs `bypass_csp=True`: Tavle's pages allow
    only their own scripts)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))


def violations(page: Page, tags: list[str] | None = TAGS) -> list[dict[str, Any]]:
    """Return the page's serious and critical violations as it is now.

    `tags`: the rules to run by their tags (WCAG 2.1 A and AA); None runs every rule.
    """
    _inject(page)
    found: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const only = tags === null ? {} : { runOnly: { type: 'tag', values: tags } }
            const result = await window.axe.run(document, { ...only, resultTypes: ['violations'] })
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


def rule_violations(page: Page, rule: str, selector: str) -> list[str]:
    """Return the HTML of the elements inside `selector` that break one axe rule."""
    _inject(page)
    found: list[str] = page.evaluate(
        """async ([rule, selector]) => {
          const result = await window.axe.run(document.querySelector(selector), {
            runOnly: { type: 'rule', values: [rule] }
          })
          return result.violations.flatMap((v) => v.nodes.map((n) => n.html))
        }""",
        [rule, selector],
    )
    return found


def report(where: str, found: list[dict[str, Any]]) -> list[str]:
    """Return one readable line per violation, naming where it was found."""
    return [f"{where}: {v['id']} ({v['impact']}): {v['help']} — {v['nodes']}" for v in found]
