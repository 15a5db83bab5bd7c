"""Read a Yjs update's structs without applying it, and refuse what an honest client never sends.

Yjs holds an item whose origin, right origin or parent it has not seen, and integrates it
later inside whatever transaction brings the missing piece. An update that references the
facilitator's or the server's *next* clock would thereby be applied inside their
transaction, past every guard that judges by origin (DESIGN.md, "Pitfall"). Everything an
honest client knows came from the room, so an honest update references only what the room
holds or what the same update carries; anything else is refused before it touches the
document, and so is a root outside the layout, content no Tavle client writes, and values
nested deep enough to exhaust a parser's stack.

The format is Yjs's update encoding v1 (yjs 13.6 `encoding.js`, lib0 `decoding.js`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from server.sync.wire import Decoder, MalformedMessage, check_json_depth

# Content refs of an item (yjs `readItemContent`); GC and Skip are structs of their own.
GC, DELETED, JSON, BINARY, STRING, EMBED, FORMAT, TYPE, ANY, DOC, SKIP = range(11)
# Type refs of a ContentType (yjs `typeRefs`).
Y_ARRAY, Y_MAP, Y_TEXT, Y_XML_ELEMENT, Y_XML_FRAGMENT, Y_XML_HOOK, Y_XML_TEXT = range(7)
# What Tavle's layouts are made of (docs/formats.md): maps of plain values, and
# y-prosemirror's XML for a charter's wording. No Tavle client writes the rest.
ALLOWED_CONTENT = frozenset({DELETED, STRING, FORMAT, TYPE, ANY})
ALLOWED_TYPES = frozenset({Y_MAP, Y_XML_ELEMENT, Y_XML_FRAGMENT, Y_XML_TEXT})
# A plain value in a board is a string, number or flag; a little nesting is harmless,
# a thousand levels would exhaust the stack of whoever reads it next.
MAX_VALUE_DEPTH = 16

# Stands for a deleted item among a root's types (it has no type of its own).
DELETED_ITEM = -1
_TYPE_NAMES = {Y_MAP: "map", Y_XML_FRAGMENT: "XML fragment"}

BIT_ORIGIN = 0x80
BIT_RIGHT_ORIGIN = 0x40
BIT_PARENT_SUB = 0x20
CONTENT_BITS = 0x1F


class UpdateRefused(MalformedMessage):
    """An update the room will not apply: the sender is closed with 1008."""


class UpdateAhead(UpdateRefused):
    """An update that continues a client's clocks from beyond what the room holds.

    An honest client sends one when the room lost its earlier updates in flight (the
    process that owned the board died, server/cluster): the room applies nothing of it
    and asks the client for everything it lacks instead of closing it.
    """


@dataclass
class UpdateScan:
    """What an update holds, as far as can be known before applying it."""

    # client id -> [start, end) of the clocks the update carries for it (GC included)
    ranges: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    # every (client, clock) an item of the update points at: origins and parents
    references: list[tuple[int, int]] = field(default_factory=list)
    # root name -> the types of the items placed directly in it (None: a plain value)
    roots: dict[str, set[int | None]] = field(default_factory=dict)
    # items placed directly in a root with no key: the root used as an array or text
    unkeyed_roots: set[str] = field(default_factory=set)
    # client id -> [start, end) of the clocks the delete set removes
    deletions: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    structs: int = 0

    @property
    def empty(self) -> bool:
        """Say whether the update carries nothing (no structs, no deletions)."""
        return not self.structs and not self.deletions


def scan(update: bytes) -> UpdateScan:
    """Read an update's structs and delete set; raise UpdateRefused if it is not valid."""
    decoder = Decoder(update)
    result = UpdateScan()
    try:
        for _ in range(decoder.read_var_uint()):
            count = decoder.read_var_uint()
            client = decoder.read_var_uint()
            clock = decoder.read_var_uint()
            spans = result.ranges.setdefault(client, [])
            for _ in range(count):
                length = _read_struct(decoder, result)
                if length is None:  # a Skip: a gap the update does not fill
                    clock += decoder.read_var_uint()
                    continue
                if length <= 0:
                    raise UpdateRefused("a struct of no length")
                spans.append((clock, clock + length))
                result.structs += 1
                clock += length
        for _ in range(decoder.read_var_uint()):
            client = decoder.read_var_uint()
            spans = result.deletions.setdefault(client, [])
            for _ in range(decoder.read_var_uint()):
                start = decoder.read_var_uint()
                spans.append((start, start + decoder.read_var_uint()))
        decoder.expect_end()
    except UpdateRefused:
        raise
    except MalformedMessage as exc:
        raise UpdateRefused(f"update is not valid: {exc}") from exc
    return result


def check_known(result: UpdateScan, state: Mapping[int, int]) -> dict[int, int]:
    """Refuse an update that needs anything the room does not hold.

    `state` is the room's state vector (client id -> next clock). Every struct must
    continue what the room holds of its client (no gap), and every reference and
    deletion must fall inside what the room holds or the update carries. Returns the
    next clock of each client the update carries, as the room's state vector will have
    it once the update is applied.
    """
    ends: dict[int, int] = {}
    for client, spans in result.ranges.items():
        end = state.get(client, 0)
        for start, stop in spans:
            if start > end:
                raise UpdateAhead(f"update skips clocks of client {client}")
            end = max(end, stop)
        ends[client] = end

    def known(client: int) -> int:
        return ends[client] if client in ends else state.get(client, 0)

    for client, clock in result.references:
        if clock >= known(client):
            raise UpdateRefused(f"update references {client}:{clock}, which the room has not seen")
    for client, spans in result.deletions.items():
        for start, stop in spans:
            if stop > known(client) or stop <= start:
                raise UpdateRefused(
                    f"update deletes clocks of client {client} the room has not seen"
                )
    return ends


def check_roots(result: UpdateScan, layout: Mapping[str, int]) -> None:
    """Refuse an update that places anything in a root outside the layout.

    `layout` maps each root to the type its items must have (Y_MAP or Y_XML_FRAGMENT).
    An item may also be deleted content (a key set and removed in one update).
    """
    if result.unkeyed_roots:
        raise UpdateRefused(f"root {min(result.unkeyed_roots)!r} used as a list")
    for root, types in result.roots.items():
        expected = layout.get(root)
        if expected is None:
            raise UpdateRefused(f"root {root!r} is not in the board's layout")
        if not types <= {expected, DELETED_ITEM}:
            raise UpdateRefused(f"root {root!r} holds only {_TYPE_NAMES.get(expected)}s")


def state_vector(encoded: bytes) -> dict[int, int]:
    """Decode a state vector (what `Doc.get_state()` returns)."""
    decoder = Decoder(encoded)
    state = {}
    for _ in range(decoder.read_var_uint()):
        client = decoder.read_var_uint()
        state[client] = decoder.read_var_uint()
    decoder.expect_end()
    return state


def _read_struct(decoder: Decoder, result: UpdateScan) -> int | None:
    """Read one struct; return its length (None for a Skip, whose length follows)."""
    info = decoder.read_byte()
    content = info & CONTENT_BITS
    if content == GC:
        return decoder.read_var_uint()
    if content == SKIP:
        return None
    if info & BIT_ORIGIN:
        result.references.append((decoder.read_var_uint(), decoder.read_var_uint()))
    if info & BIT_RIGHT_ORIGIN:
        result.references.append((decoder.read_var_uint(), decoder.read_var_uint()))
    root: str | None = None
    keyed = False
    if not info & (BIT_ORIGIN | BIT_RIGHT_ORIGIN):
        # No origin to copy the parent from: the parent is written out.
        if decoder.read_var_uint() == 1:
            root = decoder.read_var_string()
        else:
            result.references.append((decoder.read_var_uint(), decoder.read_var_uint()))
        if info & BIT_PARENT_SUB:
            decoder.read_var_string()
            keyed = True
    if content not in ALLOWED_CONTENT:
        raise UpdateRefused(f"content of kind {content} is not used by any board")
    length, type_ref = _read_content(decoder, content)
    if root is not None:
        if not keyed:
            result.unkeyed_roots.add(root)
        kind = DELETED_ITEM if content == DELETED else type_ref
        result.roots.setdefault(root, set()).add(kind)
    return length


def _read_content(decoder: Decoder, content: int) -> tuple[int, int | None]:
    """Read an item's content; return its length in clocks and its type ref (or None)."""
    if content == DELETED:
        return decoder.read_var_uint(), None
    if content == STRING:
        # Yjs counts a string's length in UTF-16 code units.
        return len(decoder.read_var_string().encode("utf-16-le")) // 2, None
    if content == FORMAT:
        decoder.read_var_string()
        check_json_depth(decoder.read_var_string(), MAX_VALUE_DEPTH)
        return 1, None
    if content == TYPE:
        type_ref = decoder.read_var_uint()
        if type_ref not in ALLOWED_TYPES:
            raise UpdateRefused(f"a shared type of kind {type_ref} is not used by any board")
        if type_ref == Y_XML_ELEMENT:
            decoder.read_var_string()  # the element's name
        return 1, type_ref
    count = decoder.read_var_uint()  # ANY: that many values
    for _ in range(count):
        _skip_any(decoder)
    return count, None


def _skip_any(decoder: Decoder, depth: int = 1) -> None:
    """Read one lib0 `any` value, refusing nesting deeper than MAX_VALUE_DEPTH."""
    if depth > MAX_VALUE_DEPTH:
        raise UpdateRefused("a value nested too deep")
    tag = decoder.read_byte()
    if tag in (127, 126, 121, 120):  # undefined, null, false, true
        return
    if tag == 125:
        decoder.read_var_int()
    elif tag == 124:
        decoder.read_exact(4)  # float32
    elif tag in (123, 122):
        decoder.read_exact(8)  # float64, bigint64
    elif tag == 119:
        decoder.read_var_string()
    elif tag == 116:
        decoder.read_var_bytes()
    elif tag == 118:  # an object: that many keys, each followed by its value
        for _ in range(decoder.read_var_uint()):
            decoder.read_var_string()
            _skip_any(decoder, depth + 1)
    elif tag == 117:  # an array
        for _ in range(decoder.read_var_uint()):
            _skip_any(decoder, depth + 1)
    else:
        raise UpdateRefused(f"unknown value tag {tag}")
