"""Which rules each engine's boards take (boards/engines.py names them)."""

from __future__ import annotations

from server.rules.base import BoardContext, Rules
from server.rules.board import BoardRules
from server.rules.charter import CharterRules


def make_rules(board: BoardContext) -> Rules:
    """Return the rules the board's engine asks for."""
    if board.engine.rules == "charter":
        return CharterRules(board)
    return BoardRules(board)
