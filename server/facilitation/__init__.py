"""The facilitator's live session: phase, lock, timer, private writing, moderation and
snapshots, as parts of a room."""
