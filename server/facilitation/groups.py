"""Table groups: the facilitator splits the room, and each group writes in its own space.

A room of 200 leaders works at tables of four to six before it meets in plenum. The facilitator
splits a map's participants into groups, by the table number they typed at join or at
random into groups of N; the groups are items of the document's `groups` root, so every
screen can show them, and a note's `group` field says whose space it is in. Who is in
which group is server state (the participants' rows), never in the document: the guard
holds a participant's notes to their own group's space (server/rules/guard.py), and a
phone hears its own group in a `group` message.

"Back to plenum" turns each group's notes, zone by zone, into a cluster titled with the
group's name, so the plenum sees (and votes on) each group's result as one unit.
"""

from __future__ import annotations

import math
import random
import secrets
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pycrdt import Map, XmlFragment

from boards.engines import zone_order_key
from boards.limits import MAX_REASON_CHARS
from boards.wording import plain_text, read_fragment, write_fragment
from server.i18n import gettext
from server.i18n.markers import _
from server.rules.charter import CharterRules
from server.rules.commands import Refused
from server.rules.guard import SERVER_ORIGIN
from server.sync import wire
from server.sync.capabilities import Capability

if TYPE_CHECKING:
    from server.facilitation.port import RoomPort
    from server.facilitation.session import Session
    from server.store.people import Participant
    from server.sync.connection import Connection

MIN_GROUP_SIZE = 2
MAX_GROUP_SIZE = 12
MAX_GROUPS = 60  # zone_order_key gives 62 keys; 300 people in groups of 5 is 60
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
TABLE_TITLE = _("Table {table}")
# Why a table group's draft is proposed as an amendment (its reason, one line).
DRAFT_REASON = _("The draft of {group}, from the table groups")
GROUP_TITLE = _("Group {number}")


class TableGroups:
    """Who sits in which table group of one board, and the commands that change it."""

    def __init__(self, room: RoomPort, session: Session) -> None:
        self.room = room
        self.session = session
        self.members: dict[str, str] = {}  # participant id -> group id
        self.tables: dict[str, str] = {}  # participant id -> table number typed at join
        self.names: dict[str, str] = {}

    @property
    def drafting(self) -> bool:
        """Whether each group drafts a section (a charter) rather than writing notes (a map)."""
        engine = self.room.engine
        return engine is not None and any(root.name == "drafts" for root in engine.layout)

    @property
    def usable(self) -> bool:
        """Whether this board's notes can have groups (a map: notes in zones)."""
        engine = self.room.engine
        return engine is not None and any(root.name == "groups" for root in engine.layout)

    async def load(self) -> None:
        """Read the participants' tables and groups."""
        self.members, self.tables, self.names = {}, {}, {}
        for row in await self.room.store.people.participants_of(self.room.board_id):
            self._remember(row)

    def _remember(self, row: dict[str, Any]) -> None:
        participant_id = row["id"]
        self.names[participant_id] = row["name"]
        if row.get("table_label"):
            self.tables[participant_id] = row["table_label"]
        if row.get("group_id"):
            self.members[participant_id] = row["group_id"]

    def space_of(self, participant_id: str | None) -> str | None:
        """Return the group whose space a participant writes in now (None: the plenum's)."""
        if participant_id is None or not self.session.state.groups:
            return None
        return self.members.get(participant_id)

    # -- what a screen hears --------------------------------------------------------

    async def arrive(self, connection: Connection) -> None:
        """Note a participant who connects (and their table); place them if they came late."""
        if self.usable and connection.identity.participant_id is not None:
            await self._arrived(connection.identity.participant_id)

    def greeting(self, connection: Connection) -> list[dict[str, Any]]:
        """One's own group; the facilitator's overview (after `arrive`)."""
        if not self.usable:
            return []
        identity = connection.identity
        participant_id = identity.participant_id
        messages = []
        if participant_id is not None:
            messages.append(self._mine(participant_id))
        if identity.can(Capability.RUN_SESSION):
            messages.append(self._overview())
        return messages

    def _mine(self, participant_id: str) -> dict[str, Any]:
        return {
            "type": "group",
            "group": self.space_of(participant_id),
            "table": self.tables.get(participant_id),
        }

    def _overview(self) -> dict[str, Any]:
        """The facilitator's view: each group's people (names hidden on an anonymous board)."""
        anonymous = self.session.state.anonymous
        people: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for participant_id, group_id in self.members.items():
            people[group_id].append(
                {
                    "id": participant_id,
                    "name": None if anonymous else self.names.get(participant_id),
                }
            )
        return {
            "type": "groups",
            "active": self.session.state.groups,
            "people": dict(people),
            "tables": len(self.tables),
        }

    def _tell_everyone(self) -> None:
        for connection in list(self.room.connections.values()):
            participant_id = connection.identity.participant_id
            if participant_id is not None:
                connection.send(wire.encode_tavle(self._mine(participant_id)))
        self._tell_facilitators()

    def _tell_facilitators(self) -> None:
        message = wire.encode_tavle(self._overview())
        for connection in list(self.room.connections.values()):
            if connection.identity.can(Capability.RUN_SESSION):
                connection.send(message)

    # -- the facilitator's commands -----------------------------------------------------

    async def split(self, payload: dict[str, Any]) -> None:
        """Split the people here into groups: by their tables, or at random into groups of N."""
        if not self.usable:
            raise Refused("invalid")
        if self.session.state.groups:
            raise Refused("groups_active")
        await self.load()  # tables typed since the room loaded
        here = sorted(
            {
                c.identity.participant_id
                for c in self.room.connections.values()
                if c.identity.participant_id is not None
            }
        )
        if not here:
            raise Refused("groups_nobody")
        by = payload.get("by")
        if by == "table":
            plan = self._by_table(here)
        elif by == "random":
            plan = self._at_random(here, payload.get("size"))
        else:
            raise Refused("invalid")
        locale = await self._locale()
        groups: dict[str, dict[str, Any]] = {}
        members: dict[str, str] = {}
        for index, (table, people) in enumerate(plan):
            group_id = secrets.token_urlsafe(9)
            title = (
                gettext(locale, TABLE_TITLE, table=table)
                if table is not None
                else gettext(locale, GROUP_TITLE, number=index + 1)
            )
            groups[group_id] = {"title": title, "order": zone_order_key(index)}
            if table is not None:
                groups[group_id]["table"] = table
            for participant_id in people:
                members[participant_id] = group_id
        doc = self.room.doc
        root = doc.get("groups", type=Map)
        drafting = self.drafting
        if drafting:
            self._give_sections(groups)
        with doc.transaction(origin=SERVER_ORIGIN):
            for old in list(root.keys()):
                del root[old]
            for group_id, fields in groups.items():
                root[group_id] = Map(fields)
            if drafting:
                self._start_drafts(groups)
        self.room.after_server_write()
        await self._save(members)
        await self.session.set_groups(True)
        self._tell_everyone()

    def _by_table(self, here: list[str]) -> list[tuple[str | None, list[str]]]:
        tables: dict[str, list[str]] = defaultdict(list)
        without: list[str] = []
        for participant_id in here:
            table = self.tables.get(participant_id)
            if table:
                tables[table].append(participant_id)
            else:
                without.append(participant_id)
        if not tables:
            raise Refused("groups_no_tables")
        if len(tables) > MAX_GROUPS:
            raise Refused("invalid")
        plan: list[tuple[str | None, list[str]]] = [
            (table, tables[table]) for table in sorted(tables, key=_table_order)
        ]
        # Those who typed no table number fill the smallest tables.
        for participant_id in without:
            min(plan, key=lambda group: len(group[1]))[1].append(participant_id)
        return plan

    def _at_random(self, here: list[str], size: Any) -> list[tuple[str | None, list[str]]]:
        if not isinstance(size, int) or isinstance(size, bool):
            raise Refused("invalid")
        if not MIN_GROUP_SIZE <= size <= MAX_GROUP_SIZE:
            raise Refused("invalid")
        count = min(max(1, math.ceil(len(here) / size)), MAX_GROUPS)
        shuffled = list(here)
        random.SystemRandom().shuffle(shuffled)
        plan: list[tuple[str | None, list[str]]] = [(None, []) for _ in range(count)]
        for index, participant_id in enumerate(shuffled):
            plan[index % count][1].append(participant_id)
        return plan

    async def move(self, payload: dict[str, Any]) -> None:
        """Move one participant to another group."""
        participant_id, group_id = payload.get("participant"), payload.get("group")
        if not self.session.state.groups:
            raise Refused("invalid")
        if not isinstance(participant_id, str) or participant_id not in self.names:
            raise Refused("invalid")
        if not isinstance(group_id, str) or group_id not in self._group_ids():
            raise Refused("invalid")
        await self._save({participant_id: group_id})
        self._tell_everyone()

    async def to_plenum(self, payload: dict[str, Any]) -> None:
        """Bring every group's result into the plenum as one unit: a map's notes, zone by
        zone, as a cluster titled with the group's name; a charter group's draft as an
        amendment of its section's wording, for the plenum to vote on."""
        if not self.session.state.groups:
            raise Refused("invalid")
        if self.drafting:
            await self._drafts_to_plenum()
        else:
            self._notes_to_plenum()
        await self._save(dict.fromkeys(self.members, None))
        await self.session.set_groups(False)
        self._tell_everyone()

    def _notes_to_plenum(self) -> None:
        doc = self.room.doc
        groups = doc.get("groups", type=Map)
        notes = doc.get("notes", type=Map)
        clusters = doc.get("clusters", type=Map)
        # zone -> group -> the group's notes in that zone; zone -> the plenum's item orders
        gathered: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        plenum_orders: dict[str, list[str]] = defaultdict(list)
        for note_id, note in notes.items():
            if not isinstance(note, Map) or not isinstance(note.get("zone"), str):
                continue
            group_id = note.get("group")
            if isinstance(group_id, str):
                gathered[note["zone"]][group_id].append(note_id)
            elif not note.get("cluster"):
                plenum_orders[note["zone"]].append(str(note.get("order") or ""))
        for cluster in clusters.values():
            if isinstance(cluster, Map) and isinstance(cluster.get("zone"), str):
                plenum_orders[cluster["zone"]].append(str(cluster.get("order") or ""))
        rank = {group_id: _field(group, "order") or "" for group_id, group in groups.items()}
        with doc.transaction(origin=SERVER_ORIGIN):
            for zone, by_group in gathered.items():
                # The groups' clusters follow what the zone holds already, in the groups' order.
                last = max(plenum_orders[zone], default="")
                in_order = sorted(by_group, key=lambda group_id: (rank.get(group_id, ""), group_id))
                for index, group_id in enumerate(in_order):
                    cluster_id = secrets.token_urlsafe(9)
                    clusters[cluster_id] = Map(
                        {
                            "title": str(_field(groups.get(group_id), "title") or "")[:120],
                            "zone": zone,
                            "order": _order_after(last, index),
                        }
                    )
                    for note_id in by_group[group_id]:
                        note = notes[note_id]
                        note["cluster"] = cluster_id
                        del note["group"]
            for group_id in list(groups.keys()):
                del groups[group_id]
        self.room.after_server_write()

    # -- a charter: each group drafts a section ----------------------------------------

    def _give_sections(self, groups: dict[str, dict[str, Any]]) -> None:
        """Give the groups the open sections in turn (every section when none is open)."""
        sections = self.room.doc.get("sections", type=Map)
        ordered = sorted(
            (str(_field(section, "order") or ""), section_id, _field(section, "state"))
            for section_id, section in sections.items()
        )
        open_ones = [section_id for _order, section_id, state in ordered if state != "agreed"]
        chosen = open_ones or [section_id for _order, section_id, _state in ordered]
        if not chosen:
            raise Refused("invalid")
        for index, fields in enumerate(groups.values()):
            fields["section"] = chosen[index % len(chosen)]

    def _start_drafts(self, groups: dict[str, dict[str, Any]]) -> None:
        """Start each group's draft from its section's wording as it is now."""
        doc = self.room.doc
        wording = doc.get("wording", type=Map)
        drafts = doc.get("drafts", type=Map)
        for old in list(drafts.keys()):
            del drafts[old]
        for group_id, fields in groups.items():
            current = wording.get(fields["section"])
            drafts[group_id] = XmlFragment()
            if isinstance(current, XmlFragment):
                write_fragment(drafts[group_id], read_fragment(current))

    async def _drafts_to_plenum(self) -> None:
        """Make each group's changed draft an open amendment, then end the drafts."""
        doc = self.room.doc
        groups = doc.get("groups", type=Map)
        drafts = doc.get("drafts", type=Map)
        wording = doc.get("wording", type=Map)
        rules = self.room.rules
        locale = await self._locale()
        ordered = sorted(groups.items(), key=lambda item: (str(_field(item[1], "order")), item[0]))
        for group_id, group in ordered:
            section_id, draft = _field(group, "section"), drafts.get(group_id)
            if not isinstance(section_id, str) or not isinstance(draft, XmlFragment):
                continue
            document = read_fragment(draft)
            current = wording.get(section_id)
            before = plain_text(read_fragment(current)) if isinstance(current, XmlFragment) else ""
            if not plain_text(document).strip() or plain_text(document) == before:
                continue  # nothing new from this table
            if isinstance(rules, CharterRules):
                reason = gettext(locale, DRAFT_REASON, group=str(_field(group, "title") or ""))
                await rules.add_proposal(
                    secrets.token_urlsafe(9),
                    section_id,
                    " ".join(reason.split())[:MAX_REASON_CHARS],
                    document,
                    "facilitator:",
                    None,
                    "facilitator",
                )
        with doc.transaction(origin=SERVER_ORIGIN):
            for key in list(drafts.keys()):
                del drafts[key]
            for key in list(groups.keys()):
                del groups[key]
        self.room.after_server_write()

    # -- helpers ---------------------------------------------------------------------------

    async def _arrived(self, participant_id: str) -> None:
        """Note who connected and their table (typed at join, perhaps just now); place a
        participant who came after the split; tell the facilitators."""
        row = await self.room.store.people.get_participant(participant_id)
        if row is None:
            return
        self.names[participant_id] = row.name
        if row.table:
            self.tables[participant_id] = row.table
        else:
            self.tables.pop(participant_id, None)
        if self.session.state.groups and participant_id not in self.members:
            await self._place_late(row)
        self._tell_facilitators()

    async def _place_late(self, row: Participant) -> None:
        """Put a participant who came after the split at their table, or in the smallest group."""
        group_ids = self._group_ids()
        if not group_ids:
            return
        groups = self.room.doc.get("groups", type=Map)
        at_table = [
            group_id
            for group_id in group_ids
            if row.table and _field(groups.get(group_id), "table") == row.table
        ]
        if at_table:
            chosen = at_table[0]
        else:
            sizes = Counter({group_id: 0 for group_id in group_ids})
            sizes.update(g for g in self.members.values() if g in sizes)
            chosen = min(group_ids, key=lambda group_id: (sizes[group_id], group_id))
        await self._save({row.id: chosen})

    def _group_ids(self) -> list[str]:
        groups = self.room.doc.get("groups", type=Map)
        return sorted(groups.keys())

    async def _save(self, members: Mapping[str, str | None]) -> None:
        await self.room.store.people.set_groups(self.room.board_id, dict(members))
        for participant_id, group_id in members.items():
            if group_id is None:
                self.members.pop(participant_id, None)
            else:
                self.members[participant_id] = group_id

    async def _locale(self) -> str:
        board = await self.room.store.boards.get(self.room.board_id)
        return board.locale if board is not None else "da"


def _field(item: Any, name: str) -> Any:
    """Return a field of a document item, or None if the item is not a map."""
    return item.get(name) if isinstance(item, Map) else None


def _order_after(last: str, index: int) -> str:
    """Return the index-th of fresh fractional-index keys after `last` (or from the start).

    A key with one more non-zero base-62 digit sorts after the key and before any key that
    sorted after it, and stays a valid key (docs/formats.md, npm fractional-indexing).
    """
    if not last:
        return zone_order_key(index)
    return last + BASE62[index + 1]


def _table_order(table: str) -> tuple[int, str]:
    """Tables 2 before 10: numbers by value, then any other label by its text."""
    return (int(table), "") if table.isdigit() else (10**9, table)
