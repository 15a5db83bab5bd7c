"""Secrets and tokens: facilitator secrets, participant tokens and join codes."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

# No 0/O, 1/I/L: a code read off a projector across a hall must not be mistyped.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
PARTICIPANT_TOKEN_PREFIX = "p1"  # noqa: S105 - a format marker, not a secret
_SEPARATORS = re.compile(r"[\s\-_.]")


def new_join_code() -> str:
    """Return a random join code."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalize_join_code(text: str) -> str | None:
    """Return a typed code in canonical form, or None when it cannot be a join code."""
    code = _SEPARATORS.sub("", text).upper()
    if len(code) != JOIN_CODE_LENGTH or any(c not in JOIN_CODE_ALPHABET for c in code):
        return None
    return code


def new_board_id() -> str:
    """Return a random, URL-safe board id that begins with a letter or a digit.

    One in 32 of URL-safe ids begins with '-' or '_'; a command line reads one that
    begins with '-' as an option (`tavle export -4FD…`).
    """
    while True:
        board_id = secrets.token_urlsafe(9)
        if board_id[0].isalnum():
            return board_id


def new_participant_id() -> str:
    """Return a random participant id."""
    return secrets.token_urlsafe(12)


def new_facilitator_secret() -> str:
    """Return a new facilitator secret (shown once, stored only as its hash)."""
    return "f1_" + secrets.token_urlsafe(24)


def new_team_secret() -> str:
    """Return a new team link secret for an event (stored only as its hash)."""
    return "t1_" + secrets.token_urlsafe(24)


def new_viewer_secret() -> str:
    """Return a new read-only link secret for a board (stored only as its hash)."""
    return "r1_" + secrets.token_urlsafe(24)


def hash_secret(secret: str) -> str:
    """Return the stored form of a secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def secret_matches(secret: str, stored_hash: str) -> bool:
    """Compare a presented secret with a stored hash in constant time."""
    return hmac.compare_digest(hash_secret(secret), stored_hash)


def load_or_create_key(path: Path) -> bytes:
    """Return the server's signing key, creating it in the data folder on first start."""
    if path.exists():
        return bytes.fromhex(path.read_text().strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    path.write_text(key.hex())
    path.chmod(0o600)
    return key


def organiser_password(settings_password: str | None, path: Path, *, required: bool) -> str | None:
    """Return the password for creating boards: the configured one, or one made up once."""
    if settings_password:
        return settings_password
    if not required:
        return None
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(12)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password


@dataclass(frozen=True)
class ParticipantToken:
    """What a participant token says: which participant of which board."""

    board_id: str
    participant_id: str


class Signer:
    """Sign and check participant tokens with the server's key."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def _mac(self, board_id: str, participant_id: str) -> str:
        message = f"{PARTICIPANT_TOKEN_PREFIX}|{board_id}|{participant_id}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()[:32]

    def participant_token(self, board_id: str, participant_id: str) -> str:
        """Return the token a participant connects with."""
        return f"{PARTICIPANT_TOKEN_PREFIX}.{participant_id}.{self._mac(board_id, participant_id)}"

    def read_participant_token(self, board_id: str, token: str) -> ParticipantToken | None:
        """Return what a participant token says, or None if it is not valid for the board."""
        parts = token.split(".")
        if len(parts) != 3 or parts[0] != PARTICIPANT_TOKEN_PREFIX:
            return None
        _, participant_id, mac = parts
        if not hmac.compare_digest(mac, self._mac(board_id, participant_id)):
            return None
        return ParticipantToken(board_id, participant_id)
