"""The SQLite schema, as numbered migrations applied in order.

PostgreSQL's has the same names and makes the same tables (postgres_migrations.py).
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("tavle")


@migrations(name="0001_boards_and_updates")
def m0001_boards_and_updates(db: Database) -> None:
    """Create events, boards, participants, authorship, the update log and states."""
    db.table("events").create(
        {"id": str, "name": str, "date": str, "created": str},
        pk="id",
    )
    db.table("events").create_index(["name", "date"], unique=True)
    db.table("boards").create(
        {
            "id": str,
            "event_id": str,
            "kind": str,
            "title": str,
            "locale": str,
            "created": str,
            "updated": str,
            "join_code": str,
            "facilitator_hash": str,
        },
        pk="id",
        not_null={"kind", "title", "locale", "created", "join_code", "facilitator_hash"},
        foreign_keys=[("event_id", "events", "id")],
    )
    db.table("boards").create_index(["join_code"], unique=True)
    db.table("boards").create_index(["event_id"])
    db.table("participants").create(
        {"id": str, "board_id": str, "name": str, "created": str, "removed": int},
        pk="id",
        not_null={"board_id", "name", "created"},
        defaults={"removed": 0},
        foreign_keys=[("board_id", "boards", "id")],
    )
    db.table("participants").create_index(["board_id"])
    # Who created which item of a board; never part of the shared document.
    db.table("items").create(
        {"board_id": str, "item_id": str, "participant_id": str, "role": str, "created": str},
        pk=("board_id", "item_id"),
        not_null={"role", "created"},
        foreign_keys=[("board_id", "boards", "id")],
    )
    db.table("items").create_index(["board_id", "participant_id"])
    # The append-only update log: one row per board per flush window. AUTOINCREMENT keeps
    # ids rising after compaction deletes the oldest rows, so "newer than the state" holds.
    db.execute(
        """
        CREATE TABLE updates (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            board_id TEXT NOT NULL REFERENCES boards(id),
            data BLOB NOT NULL,
            created TEXT NOT NULL
        )
        """
    )
    db.table("updates").create_index(["board_id", "id"])
    # The compacted state: every update up to and including last_update_id.
    db.table("states").create(
        {"board_id": str, "data": bytes, "last_update_id": int, "updated": str},
        pk="board_id",
        not_null={"data", "last_update_id", "updated"},
        foreign_keys=[("board_id", "boards", "id")],
    )


@migrations(name="0002_votes")
def m0002_votes(db: Database) -> None:
    """Create dot-vote sessions and the dots placed in them (never in the shared document)."""
    db.execute(
        """
        CREATE TABLE vote_sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            board_id TEXT NOT NULL REFERENCES boards(id),
            budget INTEGER NOT NULL,
            per_note INTEGER NOT NULL,
            zone TEXT,
            show_live INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL,
            results_visible INTEGER NOT NULL DEFAULT 0,
            opened TEXT NOT NULL,
            closed TEXT
        )
        """
    )
    db.table("vote_sessions").create_index(["board_id", "id"])
    db.table("votes").create(
        {"session_id": int, "board_id": str, "participant_id": str, "note_id": str, "dots": int},
        pk=("session_id", "participant_id", "note_id"),
        not_null={"board_id", "dots"},
        foreign_keys=[("session_id", "vote_sessions", "id"), ("board_id", "boards", "id")],
    )
    db.table("votes").create_index(["board_id"])


@migrations(name="0003_charter")
def m0003_charter(db: Database) -> None:
    """Create reactions (votes on proposals, likes of examples) and wording versions."""
    # One reaction per participant per target; none of it is in the shared document.
    db.table("reactions").create(
        {
            "board_id": str,
            "target": str,  # "proposal" or "example"
            "target_id": str,
            "participant_id": str,
            "value": str,  # "for", "against" or "like"
            "updated": str,
        },
        pk=("board_id", "target", "target_id", "participant_id"),
        not_null={"value", "updated"},
        foreign_keys=[("board_id", "boards", "id")],
    )
    db.execute(
        """
        CREATE TABLE charter_versions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            board_id TEXT NOT NULL REFERENCES boards(id),
            section_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            wording TEXT NOT NULL,
            text TEXT NOT NULL,
            proposal_id TEXT,
            proposer TEXT,
            reason TEXT,
            votes_for INTEGER,
            votes_against INTEGER,
            created TEXT NOT NULL
        )
        """
    )
    db.table("charter_versions").create_index(["board_id", "section_id", "id"])


@migrations(name="0004_facilitation")
def m0004_facilitation(db: Database) -> None:
    """Create the facilitator's session state and co-facilitator keys."""
    db.table("board_sessions").create(
        {"board_id": str, "state": str, "updated": str},
        pk="board_id",
        not_null={"state", "updated"},
        foreign_keys=[("board_id", "boards", "id")],
    )
    db.table("facilitator_keys").create(
        {"board_id": str, "key_hash": str, "created": str},
        pk="key_hash",
        not_null={"board_id", "created"},
        foreign_keys=[("board_id", "boards", "id")],
    )
    db.table("facilitator_keys").create_index(["board_id"])


@migrations(name="0005_private_moderation_snapshots")
def m0005_private_moderation_snapshots(db: Database) -> None:
    """Create private notes before reveal, moderated items, and snapshots."""
    # Written in the private phase: only the author (and, as a count, the facilitator)
    # hears of them until the reveal moves them into the document.
    db.table("private_items").create(
        {
            "board_id": str,
            "item_id": str,
            "participant_id": str,
            "root": str,
            "fields": str,
            "created": str,
        },
        pk=("board_id", "item_id"),
        not_null={"participant_id", "root", "fields", "created"},
        foreign_keys=[("board_id", "boards", "id")],
    )
    # Hidden or deleted by the facilitator: out of the document, kept here for undo.
    db.table("moderated_items").create(
        {
            "board_id": str,
            "root": str,
            "item_id": str,
            "fields": str,
            "action": str,
            "created": str,
        },
        pk=("board_id", "root", "item_id"),
        not_null={"fields", "action", "created"},
        foreign_keys=[("board_id", "boards", "id")],
    )
    db.execute(
        """
        CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            board_id TEXT NOT NULL REFERENCES boards(id),
            label TEXT NOT NULL,
            kind TEXT NOT NULL,
            created TEXT NOT NULL,
            document BLOB NOT NULL,
            extras TEXT NOT NULL,
            counts TEXT NOT NULL
        )
        """
    )
    db.table("snapshots").create_index(["board_id", "id"])


@migrations(name="0006_library")
def m0006_library(db: Database) -> None:
    """Create archiving, read-only and team links, and full-text search over boards."""
    db.table("boards").add_column("archived", int, not_null_default=0)
    # A read-only link per board, and a team link per event (hashes of their secrets).
    db.table("board_keys").create(
        {"board_id": str, "key_hash": str, "role": str, "created": str},
        pk="key_hash",
        not_null={"board_id", "role", "created"},
        foreign_keys=[("board_id", "boards", "id")],
    )
    db.table("board_keys").create_index(["board_id"])
    db.table("event_keys").create(
        {"event_id": str, "key_hash": str, "created": str},
        pk="key_hash",
        not_null={"event_id", "created"},
        foreign_keys=[("event_id", "events", "id")],
    )
    db.table("event_keys").create_index(["event_id"])
    # What a search finds: each board's title and text, kept when its room compacts.
    db.table("board_search").create(
        {"board_id": str, "title": str, "content": str, "counts": str},
        pk="board_id",
        foreign_keys=[("board_id", "boards", "id")],
    )
    db.table("board_search").enable_fts(
        ["title", "content"], create_triggers=True, tokenize="unicode61 remove_diacritics 0"
    )


@migrations(name="0007_events_not_by_name")
def m0007_events_not_by_name(db: Database) -> None:
    """Let two events share a name and date: a board joins an event only with proof.

    Review found that matching by name let anyone who may create a board join, and then
    reach, someone else's event.
    """
    for index in db.table("events").indexes:
        if index.unique and set(index.columns) == {"name", "date"}:
            db.execute(f"DROP INDEX [{index.name}]")
    db.table("events").create_index(["name", "date"], index_name="idx_events_name_date_lookup")


@migrations(name="0008_written_while_anonymous")
def m0008_written_while_anonymous(db: Database) -> None:
    """Mark what people wrote, voted and liked while their board was anonymous.

    Turning anonymity off must not name them afterwards (issue 11): exports, versions
    and the timeline leave these rows' authors out for good. Rows of boards anonymous
    now are marked; a board that was anonymous once but is not now cannot be told apart.
    """
    for table in ("items", "votes", "reactions", "private_items"):
        db.table(table).add_column("anonymous", int, not_null_default=0)
        db.execute(
            f"UPDATE [{table}] SET anonymous = 1 WHERE board_id IN"  # noqa: S608
            " (SELECT board_id FROM board_sessions WHERE json_extract(state, '$.anonymous'))"
        )


@migrations(name="0009_results_top")
def m0009_results_top(db: Database) -> None:
    """Keep how many of the best a vote's results chart shows (issue 12)."""
    db.table("vote_sessions").add_column("results_top", int, not_null_default=10)


@migrations(name="0010_board_owners")
def m0010_board_owners(db: Database) -> None:
    """Keep the fencing epoch of each board's owner (issue 14: several processes).

    A process writes a board's log only under the newest epoch its lease gave: an owner
    that was paused past its lease finds a newer epoch here and writes nothing more.
    """
    db.table("board_owners").create(
        {"board_id": str, "epoch": int, "node": str, "since": str},
        pk="board_id",
        not_null={"epoch", "node", "since"},
        foreign_keys=[("board_id", "boards", "id")],
    )


@migrations(name="0011_programmes")
def m0011_programmes(db: Database) -> None:
    """Create programmes of events, each event's meeting kind, and rounds (issue 15).

    A board's `previous_board_id` is the round it continues. It names no foreign key:
    deleting an earlier round must leave the later ones, which then lose the link
    (server/store/boards.py clears it).
    """
    db.table("programmes").create(
        {"id": str, "name": str, "created": str},
        pk="id",
        not_null={"name", "created"},
    )
    db.execute("ALTER TABLE events ADD COLUMN programme_id TEXT REFERENCES programmes(id)")
    db.execute("ALTER TABLE events ADD COLUMN meeting_kind TEXT")
    db.table("events").create_index(["programme_id"])
    db.execute("ALTER TABLE boards ADD COLUMN previous_board_id TEXT")
    db.table("boards").create_index(["previous_board_id"])


@migrations(name="0012_table_groups")
def m0012_table_groups(db: Database) -> None:
    """Keep the table number each participant typed at join, and the table group the
    facilitator put them in (issue 15: table groups)."""
    db.table("participants").add_column("table_label", str)
    db.table("participants").add_column("group_id", str)
