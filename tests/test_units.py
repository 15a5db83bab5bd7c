"""Small pure units: wire decoding, presence ownership, tokens and codes, the collector.

Translations have their own module, tests/test_i18n.py.
"""

from __future__ import annotations

import gc
import re

import pytest

from server import auth
from server.app import GC_THRESHOLDS, tune_collector
from server.sync import wire
from server.sync.presence import MAX_RELEASED, Presence, PresenceChange
from server.sync.wire import AwarenessEntry


def test_decoder_refuses_to_read_past_the_end() -> None:
    with pytest.raises(wire.MalformedMessage):
        wire.Decoder(b"\x05ab").read_var_bytes()
    with pytest.raises(wire.MalformedMessage):
        wire.Decoder(b"\x80\x80").read_var_uint()
    with pytest.raises(wire.MalformedMessage):
        wire.Decoder(b"\xff" * 9).read_var_uint()
    assert wire.Decoder(b"\xac\x02").read_var_uint() == 300


def test_awareness_round_trip_and_bad_states() -> None:
    entries = [AwarenessEntry(7, 3, '{"user":{"name":"Åse"}}'), AwarenessEntry(9, 1, "null")]
    message = wire.encode_awareness(entries)
    decoder = wire.Decoder(message)
    assert decoder.read_var_uint() == wire.MESSAGE_AWARENESS
    assert wire.parse_awareness(decoder.read_var_bytes()) == entries
    for bad in (b"\x01\x07\x01\x03{x}", b"\x01\x07\x01\x02[]"):
        entry = wire.parse_awareness(bad)[0]  # states are read only when accepted
        with pytest.raises(wire.MalformedMessage):
            wire.check_state(entry)
    with pytest.raises(wire.MalformedMessage):
        wire.parse_awareness(b"\x01\x07\x01\x09{}")  # the state is cut short


def out(changes: list[PresenceChange]) -> list[AwarenessEntry]:
    return [change.entry for change in changes]


def test_presence_accepts_only_newer_clocks_from_the_owner() -> None:
    presence = Presence()
    first = out(presence.apply("conn-a", "alice", [AwarenessEntry(1, 0, '{"n":1}')]))
    alias = presence.alias_of(1)
    # Others know the client under a pseudonym, never the id its Yjs items carry.
    assert alias is not None
    assert alias != 1
    assert first == [AwarenessEntry(alias, 0, '{"n":1}')]
    assert presence.apply("conn-a", "alice", [AwarenessEntry(1, 0, '{"n":1}')]) == []
    renewed = out(presence.apply("conn-a", "alice", [AwarenessEntry(1, 1, '{"n":1}')]))
    assert renewed == [AwarenessEntry(alias, 1, '{"n":1}')]
    # Another connection re-sending it is ignored, even with a higher clock, under
    # either id.
    assert presence.apply("conn-b", "bob", [AwarenessEntry(1, 9, '{"n":2}')]) == []
    assert presence.apply("conn-b", "bob", [AwarenessEntry(alias, 9, '{"n":2}')]) == []
    removals = out(presence.drop("conn-a"))
    assert removals == [AwarenessEntry(alias, 2, "null")]
    # After it left, others cannot revive it; its own person can, under the same alias.
    assert presence.apply("conn-b", "bob", [AwarenessEntry(1, 9, '{"n":2}')]) == []
    back = presence.apply("conn-c", "alice", [AwarenessEntry(1, 1, '{"n":1}')])
    # It goes out with a clock above the removal's, or the others would ignore it.
    assert out(back) == [AwarenessEntry(alias, 3, '{"n":1}')]
    # ...while the owner gets its own id and clock back, so it does not adopt ours.
    assert back[0].for_owner == [AwarenessEntry(1, 1, '{"n":1}')]


def test_snapshot_for_a_joiner_has_newer_clocks_than_it_saw_before() -> None:
    presence = Presence()
    presence.apply("a", "alice", [AwarenessEntry(1, 4, "{}")])
    first = presence.snapshot()
    second = presence.snapshot()
    assert second[0].clock > first[0].clock > 4
    assert second[0].client_id == presence.alias_of(1)
    later = presence.apply("a", "alice", [AwarenessEntry(1, 5, '{"x":1}')])
    assert later[0].entry.clock > second[0].clock
    assert later[0].for_owner[0].clock == 5


def test_presence_clock_out_keeps_rising_after_a_takeover() -> None:
    presence = Presence()
    presence.apply("old", "alice", [AwarenessEntry(5, 10, "{}")])
    presence.apply("new", "alice", [AwarenessEntry(5, 10, '{"x":1}')])
    changed = out(presence.apply("new", "alice", [AwarenessEntry(5, 11, '{"x":2}')]))
    assert changed[0].clock > 10
    assert presence.drop("old") == []


def test_presence_remembers_a_bounded_number_of_departed_clients() -> None:
    presence = Presence()
    for index in range(MAX_RELEASED + 10):
        presence.apply(f"c{index}", f"p{index}", [AwarenessEntry(index, 1, "{}")])
        presence.drop(f"c{index}")
    assert len(presence._released) == MAX_RELEASED
    # The oldest were forgotten; a recent one still cannot be revived by someone else.
    assert presence.apply("x", "mallory", [AwarenessEntry(MAX_RELEASED + 5, 9, "{}")]) == []


def test_join_codes_are_unambiguous_and_normalized() -> None:
    for _ in range(200):
        code = auth.new_join_code()
        assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code)
    assert auth.normalize_join_code("k7m-2qx9") is None  # seven characters
    assert auth.normalize_join_code("k7m 2qx") == "K7M2QX"
    assert auth.normalize_join_code("IO01LL") is None


def test_participant_tokens_are_bound_to_board_and_key() -> None:
    signer = auth.Signer(b"k" * 32)
    token = signer.participant_token("board1", "p1")
    assert signer.read_participant_token("board1", token) == auth.ParticipantToken("board1", "p1")
    assert signer.read_participant_token("board2", token) is None
    assert auth.Signer(b"x" * 32).read_participant_token("board1", token) is None
    tampered = token[:-1] + ("1" if token.endswith("0") else "0")
    assert signer.read_participant_token("board1", tampered) is None
    secret = auth.new_facilitator_secret()
    assert auth.secret_matches(secret, auth.hash_secret(secret))
    assert not auth.secret_matches(secret + "x", auth.hash_secret(secret))


def test_a_serving_process_keeps_start_up_out_of_full_collections() -> None:
    before = gc.get_threshold()
    try:
        tune_collector()
        assert gc.get_threshold() == GC_THRESHOLDS
        # What start-up made (modules, templates, catalogs) is frozen: no full
        # collection walks it again.
        assert gc.get_freeze_count() > 10_000
        # A cycle made afterwards is still found.
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
