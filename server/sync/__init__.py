"""Syncing one board's document: rooms, their connections, the wire, fan-out and presence.

Knows nothing of Starlette, the rules or the store's tables; what a room needs from
above it comes in through `RoomParts` (sync/room.py).
"""
