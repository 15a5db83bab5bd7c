"""Which rules each engine's boards take (boards/engines.py names them)."""

from __future__ import annotations

from collections.abc import Callable

from server.rules.base import BoardContext, Rules
from server.rules.board import BoardRules
from server.rules.charter import CharterRules

# Each engine's rules, by the name its declaration gives (boards/engines.py, `rules`).
RULES: dict[str, Callable[[BoardContext], Rules]] = {
    "board": BoardRules,
    "charter": CharterRules,
}


def make_rules(board: BoardContext) -> Rules:
    """Return the rules the board's engine asks for."""
    return RULES[board.engine.rules](board)
