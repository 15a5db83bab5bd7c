"""Characters a user may type into each kind of text, the same for server and client.

Every limit is at least what the client's input fields allow (`maxlength` in `client/src`
and the server's templates), so an honest phone is never refused; only a modified client
or a hand-made import can pass them. Names and titles keep the limits `/api/join` and
board creation have always enforced (40 and 120, the forms' `maxlength`), so an import
cannot hold a name or title the forms would refuse.
"""

from __future__ import annotations

MAX_NAME_CHARS = 40  # join.html's maxlength; a participant's display name
MAX_TABLE_CHARS = 16  # join.html's maxlength; the table number typed at join
MAX_TITLE_CHARS = 120  # board, zone, section and cluster titles (client TITLE_MAX_CHARS)
MAX_EVENT_CHARS = 120  # an event's name on the home form
MAX_QUESTION_CHARS = 300  # a zone's or section's guiding question (client QUESTION_MAX_CHARS)
MAX_NOTE_CHARS = 2000  # a note, public or private (client allows 1,000)
MAX_EXAMPLE_CHARS = 2000  # an everyday example on a charter (client allows 600)
MAX_COMMENT_CHARS = 2000  # a comment on a charter section (client allows 500)
MAX_UNIT_CHARS = 80  # the unit an example comes from (client UNIT_MAX_CHARS)
MAX_ACTION_CHARS = 300  # what a pre-jekt's action is (client ACTION_MAX_CHARS)
MAX_REASON_CHARS = 280  # why an amendment is proposed (client REASON_MAX_CHARS)
