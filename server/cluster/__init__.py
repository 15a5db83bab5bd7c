"""Several processes serving the same boards, coordinated through Redis (issue 14).

One process *owns* a live board: it holds the board's lease in Redis, applies updates,
runs the rules and writes the board's log. Every other process with clients on that
board is an *edge* for it: it relays its clients' messages to the owner and sends its
clients what the owner produced. docs/architecture.md ("Several processes") has the
whole picture and the failure cases.

- `lease.py`: the lease and its fencing epoch (Redis scripts).
- `bus.py`: messages between processes (Redis pub/sub, batched), the heartbeat, and the
  board's live log (a Redis Stream per board).
- `seat.py`: one board on one process: owner or edge, and the switch between them.
- `node.py`: the process's boards, in front of `sync.rooms.Rooms` with its interface.
"""
