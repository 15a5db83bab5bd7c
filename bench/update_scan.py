"""Time the check every client update passes before it is applied (server/update_scan.py).

Prints, for three kinds of update, the time to read the update's structs and compare them
with the room's state vector, beside the time pycrdt takes to apply the same update:
a keystroke in a charter section, a new note on a 1,000-note map, and the sync step 2 of
a phone that comes back with the whole 1,000-note board. Run:

    .venv/bin/python bench/update_scan.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from pycrdt import Doc, Map, XmlElement, XmlFragment, XmlText

from server.sync.update_scan import (
    Y_MAP,
    Y_XML_FRAGMENT,
    check_known,
    check_roots,
    scan,
    state_vector,
)

LAYOUT = {"notes": Y_MAP, "zones": Y_MAP, "wording": Y_XML_FRAGMENT}
REPEATS = 7


def note(index: int) -> Map[Any]:
    """Return a note as the map client writes it."""
    return Map(
        {
            "text": f"Note {index}: borgeren i centrum, hver dag",
            "zone": "value",
            "order": f"a{index}",
            "color": "yellow",
            "created": 1.7e12,
        }
    )


def board_of(notes: int) -> Doc[Any]:
    """Return a map document holding `notes` notes, each written in its own transaction."""
    doc: Doc[Any] = Doc()
    for index in range(notes):
        with doc.transaction():
            doc.get("notes", type=Map)[f"note-{index:05}"] = note(index)
    return doc


def update_of(doc: Doc[Any], change: Callable[[Doc[Any]], None]) -> bytes:
    """Return the update one change makes, made on a copy so `doc` stays as it was."""
    copy: Doc[Any] = Doc()
    copy.apply_update(doc.get_update())
    before = copy.get_state()
    with copy.transaction():
        change(copy)
    return copy.get_update(before)


def check(state: dict[int, int], update: bytes) -> None:
    """Do what the room does before it applies a client's update.

    The room keeps its state vector decoded between client updates (server/room.py), so
    reading it is not part of the check.
    """
    scanned = scan(update)
    check_known(scanned, state)
    check_roots(scanned, LAYOUT)


def apply(room: Doc[Any], update: bytes) -> None:
    """Apply an update to a fresh copy of the room (what the check is compared with)."""
    copy: Doc[Any] = Doc()
    copy.apply_update(room.get_update())
    started = time.perf_counter()
    copy.apply_update(update)
    apply.last_s = time.perf_counter() - started  # type: ignore[attr-defined]


def per_call_us(action: Callable[[], None], calls: int) -> float:
    """Return the median over REPEATS of the time per call, in microseconds."""
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        for _ in range(calls):
            action()
        samples.append((time.perf_counter() - started) / calls * 1e6)
    return statistics.median(samples)


def apply_us(room: Doc[Any], update: bytes) -> float:
    """Return the median time pycrdt takes to apply the update, in microseconds."""
    samples = []
    for _ in range(REPEATS):
        apply(room, update)
        samples.append(apply.last_s * 1e6)  # type: ignore[attr-defined]
    return statistics.median(samples)


def main() -> None:
    """Print the table."""
    charter: Doc[Any] = Doc()
    with charter.transaction():
        wording = charter.get("wording", type=Map)
        wording["preamble"] = XmlFragment([XmlElement("paragraph", None, [XmlText("Vi leder")])])

    def keystroke(doc: Doc[Any]) -> None:
        paragraph = doc.get("wording", type=Map)["preamble"].children[0]
        paragraph.children[0].insert(3, "x")

    board = board_of(1000)
    cases = [
        ("keystroke in a charter section", charter, update_of(charter, keystroke), 2000),
        (
            "new note on a 1,000-note map",
            board,
            update_of(board, lambda doc: doc.get("notes", type=Map).__setitem__("n", note(0))),
            2000,
        ),
        ("step 2 of a returning phone, 1,000 notes", Doc(), board.get_update(), 5),
    ]
    print(f"{'update':44} {'bytes':>8} {'check µs':>10} {'apply µs':>10}")
    for label, room, update, calls in cases:
        state = state_vector(room.get_state())
        checked = per_call_us(lambda s=state, u=update: check(s, u), calls)
        applied = apply_us(room, update)
        print(f"{label:44} {len(update):>8} {checked:>10.1f} {applied:>10.1f}")


if __name__ == "__main__":
    main()
