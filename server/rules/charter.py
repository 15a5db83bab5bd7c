"""The rules of a charter board: section states, amendments, votes on them, likes, and
the dot vote over sections where the kind declares one (server/rules/section_vote.py).

What the server decides lives where no participant can forge it: proposals are written
into the document by the server alone (the root `proposals` is facilitator-only to
clients), votes and likes are kept in SQLite (server/rules/reactions.py), and each section's
wording is held to its state by server/rules/wording.py. Commands are listed in
docs/protocol.md ("Charter").
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pycrdt import Map, XmlFragment

from boards.wording import Node, WordingError, parse_document, plain_text, read_fragment
from server.rules.base import BoardContext, Refusal, RulesBase
from server.rules.commands import Command, Refused
from server.rules.guard import SERVER_ORIGIN
from server.rules.reactions import VOTES, Reactions
from server.rules.section_vote import SectionVote, declared_budget
from server.rules.wording import AGREED, DraftGuard, WordingGuard
from server.store import utc_now
from server.sync.broadcast import Throttled
from server.sync.capabilities import Capability
from server.sync.wire import encode_tavle

if TYPE_CHECKING:
    from server.sync.connection import Connection

log = logging.getLogger(__name__)

REACTIONS_BROADCAST_INTERVAL_S = 0.5
MAX_REASON_CHARS = 280
# A participant may have this many open proposals at once: enough for any real session,
# and a ceiling for a client that loops.
MAX_OPEN_PROPOSALS_PER_PERSON = 20
ITEM_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
OPEN, ACCEPTED, REJECTED, WITHDRAWN = "open", "accepted", "rejected", "withdrawn"
SECTION_STATES = ("open", AGREED)


class CharterRules(RulesBase):
    """Permissions, amendments and reactions of one charter's room."""

    def __init__(self, board: BoardContext) -> None:
        super().__init__(board)
        self.anonymous = board.anonymous
        self.wording = WordingGuard(board.doc)
        self.drafts = DraftGuard(board.doc)
        self.reactions = Reactions(board.id, board.store)
        self.sections = board.doc.get("sections", type=Map)
        self.proposals = board.doc.get("proposals", type=Map)
        self.examples = board.doc.get("examples", type=Map)
        self._broadcast = Throttled(
            REACTIONS_BROADCAST_INTERVAL_S, lambda: self._send_reactions(self.connections())
        )
        self.section_vote: SectionVote | None = None

    async def load(self) -> None:
        """Read authors, reactions and the section vote, and start guarding the document."""
        await self.start_guard()
        self.wording.attach()
        self.drafts.attach()
        await self.reactions.load()
        if self.section_vote is None:
            budget = await declared_budget(self.store, self.board_id)
            if budget:
                # Kept across reloads: the room's command registry holds its handlers.
                self.section_vote = SectionVote(
                    self.board_id, self.store, self.sections, self.connections, budget
                )
        if self.section_vote is not None:
            await self.section_vote.load()

    def close(self) -> None:
        """Stop guarding and cancel pending broadcasts."""
        self.stop_guard()
        self.wording.detach()
        self.drafts.detach()
        self._broadcast.cancel()
        if self.section_vote is not None:
            self.section_vote.close()

    def review(self, connection: Connection, read_only: str | None) -> Refusal | None:
        """Undo what the connection's last update may not change, and say why."""
        identity = connection.identity
        frozen = read_only is not None
        undone = self.review_items(connection, frozen)
        code, texts = self.wording.review(
            identity.edits_all, frozen, checked=not identity.is_facilitator
        )
        # A table group's draft is its own people's (server/facilitation/groups.py).
        draft_code, draft_texts = self.drafts.review(
            identity.edits_all,
            frozen,
            checked=not identity.is_facilitator,
            space=self.space_of(identity.participant_id),
        )
        code, texts = code or draft_code, texts + draft_texts
        if undone is not None and undone.count:
            code = code or ("item_limit" if undone.limit_reached else "reverted")
            texts = undone.texts + texts
        if code is None:
            return None
        return Refusal(read_only or code, texts)

    async def snapshot_taken(self, label: str) -> None:
        """Keep a version of each section whose wording changed since its last version."""
        latest: dict[str, str] = {}
        for row in await self.store.charter.versions_of(self.board_id):
            latest[row["section_id"]] = row["text"]
        for section_id in self.sections.keys():  # noqa: SIM118
            document = self._current_wording(section_id)
            text = plain_text(document)
            if text.strip() and latest.get(section_id) != text:
                await self._record_version(section_id, "snapshot", document, reason=label)

    async def reload(self) -> None:
        """Read the authors, the wording and the reactions again."""
        self.close()
        self.wording = WordingGuard(self.doc)
        self.drafts = DraftGuard(self.doc)
        self.reactions = Reactions(self.board_id, self.store)
        await self.load()

    def greeting(self, connection: Connection) -> list[dict[str, Any]]:
        """Return the newcomer's view of the reactions, and of the section vote if any."""
        messages = [self.reactions.view(connection.identity.participant_id)]
        if self.section_vote is not None:
            messages.append(self.section_vote.view(connection))
        return messages

    def commands(self) -> list[Command]:
        """Section states, amendments, votes on them, likes, and the section vote if any."""
        vote = self.section_vote.commands() if self.section_vote is not None else []
        return [
            *vote,
            Command("section.state", Capability.EDIT_ALL, self._section_state),
            Command("proposal.create", Capability.WRITE, self._propose),
            Command("proposal.withdraw", Capability.WRITE, self._withdraw),
            Command("proposal.vote", Capability.VOTE, self._vote),
            Command("proposal.decide", Capability.EDIT_ALL, self._decide),
            Command("example.like", Capability.VOTE, self._like),
        ]

    # -- the facilitator's section states ---------------------------------------------

    async def _section_state(self, connection: Connection, payload: dict[str, Any]) -> None:
        section_id, state = payload.get("section"), payload.get("state")
        section = self.sections.get(section_id) if isinstance(section_id, str) else None
        if not isinstance(section, Map) or state not in SECTION_STATES:
            raise Refused("invalid")
        assert isinstance(section_id, str)
        if section.get("state") == state:
            return
        with self.doc.transaction(origin=SERVER_ORIGIN):
            section["state"] = state
        self.after_server_write()
        if state == AGREED:
            self.wording.refresh(section_id)
            document = self.wording.mirror.get(section_id) or {"type": "doc", "content": []}
            await self._record_version(section_id, "agreed", document)

    # -- amendments -------------------------------------------------------------------

    async def _propose(self, connection: Connection, payload: dict[str, Any]) -> None:
        proposal_id, section_id = payload.get("id"), payload.get("section")
        if not isinstance(proposal_id, str) or not ITEM_ID.match(proposal_id):
            raise Refused("proposal_invalid")
        if proposal_id in self.proposals:
            return  # sent twice (a retry): the first one stands
        if not isinstance(section_id, str) or not isinstance(self.sections.get(section_id), Map):
            raise Refused("proposal_invalid")
        reason = payload.get("reason")
        if not isinstance(reason, str):
            raise Refused("proposal_invalid")
        reason = " ".join(reason.split())
        if not reason or len(reason) > MAX_REASON_CHARS:
            raise Refused("proposal_invalid")
        try:
            document = parse_document(payload.get("wording"))
        except WordingError as exc:
            raise Refused("proposal_invalid") from exc
        author = connection.identity.key
        if self._open_proposals_of(author) >= MAX_OPEN_PROPOSALS_PER_PERSON:
            raise Refused("proposal_invalid")
        identity = connection.identity
        await self.add_proposal(
            proposal_id,
            section_id,
            reason,
            document,
            author,
            identity.participant_id,
            identity.role,
        )

    async def add_proposal(
        self,
        proposal_id: str,
        section_id: str,
        reason: str,
        document: Node,
        author: str,
        participant_id: str | None,
        role: str,
    ) -> None:
        """Write an open proposal as the server, and record who made it (checked already)."""
        current = self._current_wording(section_id)
        with self.doc.transaction(origin=SERVER_ORIGIN):
            self.proposals[proposal_id] = Map(
                {
                    "section": section_id,
                    "reason": reason,
                    "wording": json.dumps(document, ensure_ascii=False),
                    "base": plain_text(current),
                    "status": OPEN,
                    "created": utc_now(),
                }
            )
        self.after_server_write()
        assert self.guard is not None
        self.guard.authors[proposal_id] = author
        await self.store.people.record_authors(self.board_id, [proposal_id], participant_id, role)
        own = encode_tavle({"type": "own", "items": [proposal_id], "replace": False})
        for other in self.connections():
            if other.identity.key == author:
                other.send(own)

    def after_server_write(self) -> None:
        """Copy what the server itself just wrote (items, and the groups' drafts)."""
        super().after_server_write()
        self.drafts.absorb()

    async def _withdraw(self, connection: Connection, payload: dict[str, Any]) -> None:
        proposal_id, proposal = self._open_proposal(payload)
        assert self.guard is not None
        if self.guard.authors.get(proposal_id) != connection.identity.key:
            raise Refused("not_allowed")
        self._close_proposal(proposal_id, proposal, WITHDRAWN)

    async def _vote(self, connection: Connection, payload: dict[str, Any]) -> None:
        participant_id = connection.identity.participant_id
        if participant_id is None:
            raise Refused("not_allowed")
        proposal_id, _ = self._open_proposal(payload)
        vote = payload.get("vote")
        if vote is not None and vote not in VOTES:
            raise Refused("invalid")
        if self.reactions.vote(participant_id, proposal_id, vote):
            await self.store.charter.set_reaction(
                self.board_id, "proposal", proposal_id, participant_id, vote
            )
        self._answer(participant_id)

    async def _decide(self, connection: Connection, payload: dict[str, Any]) -> None:
        decision = payload.get("decision")
        if decision not in ("accept", "reject"):
            raise Refused("invalid")
        proposal_id, proposal = self._open_proposal(payload)
        if decision == "reject":
            self._close_proposal(proposal_id, proposal, REJECTED)
            return
        section_id = proposal.get("section")
        if not isinstance(section_id, str) or not isinstance(self.sections.get(section_id), Map):
            raise Refused("proposal_invalid")
        try:
            document = parse_document(json.loads(str(proposal.get("wording"))))
        except (ValueError, WordingError) as exc:
            raise Refused("proposal_invalid") from exc
        self.wording.write(section_id, document)
        votes_for, votes_against = self._close_proposal(proposal_id, proposal, ACCEPTED)
        assert self.guard is not None
        proposer = self.guard.authors.get(proposal_id, "")
        names = await self.store.people.participant_names(self.board_id)
        if self.anonymous():
            names = {}  # an anonymous board's versions name no one, ever
        await self._record_version(
            section_id,
            "amendment",
            document,
            proposal_id=proposal_id,
            proposer=names.get(proposer),
            reason=proposal.get("reason"),
            votes_for=votes_for,
            votes_against=votes_against,
        )

    def _open_proposal(self, payload: dict[str, Any]) -> tuple[str, Map[Any]]:
        proposal_id = payload.get("proposal")
        proposal = self.proposals.get(proposal_id) if isinstance(proposal_id, str) else None
        if not isinstance(proposal, Map):
            raise Refused("invalid")
        if proposal.get("status") != OPEN:
            raise Refused("proposal_closed")
        assert isinstance(proposal_id, str)
        return proposal_id, proposal

    def _close_proposal(self, proposal_id: str, proposal: Map[Any], status: str) -> tuple[int, int]:
        votes_for, votes_against = self.reactions.tally(proposal_id)
        with self.doc.transaction(origin=SERVER_ORIGIN):
            proposal["status"] = status
            proposal["decided"] = utc_now()
            proposal["votes_for"] = votes_for
            proposal["votes_against"] = votes_against
        self.after_server_write()
        return votes_for, votes_against

    def _open_proposals_of(self, author: str) -> int:
        assert self.guard is not None
        return sum(
            1
            for proposal_id, proposal in self.proposals.items()
            if isinstance(proposal, Map)
            and proposal.get("status") == OPEN
            and self.guard.authors.get(proposal_id) == author
        )

    # -- examples ---------------------------------------------------------------------

    async def _like(self, connection: Connection, payload: dict[str, Any]) -> None:
        participant_id = connection.identity.participant_id
        if participant_id is None:
            raise Refused("not_allowed")
        example_id, like = payload.get("example"), payload.get("like")
        if not isinstance(example_id, str) or not isinstance(like, bool):
            raise Refused("invalid")
        if not isinstance(self.examples.get(example_id), Map):
            raise Refused("invalid")
        if self.reactions.like(participant_id, example_id, like):
            await self.store.charter.set_reaction(
                self.board_id, "example", example_id, participant_id, "like" if like else None
            )
        self._answer(participant_id)

    # -- helpers ----------------------------------------------------------------------

    def _current_wording(self, section_id: str) -> Node:
        fragment = self.doc.get("wording", type=Map).get(section_id)
        if isinstance(fragment, XmlFragment):
            return read_fragment(fragment)
        return {"type": "doc", "content": []}

    async def _record_version(
        self, section_id: str, kind: str, document: Node, **details: Any
    ) -> None:
        await self.store.charter.add_version(
            {
                "board_id": self.board_id,
                "section_id": section_id,
                "kind": kind,
                "wording": json.dumps(document, ensure_ascii=False),
                "text": plain_text(document),
                **details,
            }
        )

    def _answer(self, participant_id: str) -> None:
        """Tell the reacting participant's screens at once, and everyone else soon."""
        self._send_reactions(
            c for c in self.connections() if c.identity.participant_id == participant_id
        )
        self._broadcast.request()

    def _send_reactions(self, receivers: Iterable[Connection]) -> None:
        for connection in receivers:
            view = self.reactions.view(connection.identity.participant_id)
            connection.send(encode_tavle(view))
