"""User-facing error and notice texts, by code, in English; the catalogs translate them."""

from __future__ import annotations

from server.i18n.markers import _

ERROR_MESSAGES: dict[str, str] = {
    "not_found": _("There is nothing at this address."),
    "method_not_allowed": _("This address does not accept that kind of request."),
    "bad_request": _("The request could not be read."),
    "internal": _("Something went wrong on the server. Please try again."),
    "board_unknown": _("This board does not exist, or it has been deleted."),
    "code_unknown": _("No board has that code. Check the code on the screen and try again."),
    "too_many_guesses": _(
        "Too many wrong codes were tried on this server just now. Wait {retry_after} seconds"
        " and try again."
    ),
    "name_missing": _("Please write the name others will see."),
    "name_too_long": _("Names can be at most {limit} characters."),
    "table_too_long": _("A table number can be at most {limit} characters."),
    "title_missing": _("Please give the board a title."),
    "title_too_long": _("Titles can be at most {limit} characters."),
    "event_too_long": _("Event names can be at most {limit} characters."),
    "event_date_invalid": _("The event date must be a date like 2027-03-14."),
    "kind_unknown": _("There is no board kind called {kind}."),
    "locale_unknown": _("Boards can be in Danish (da) or English (en), not {locale}."),
    "organiser_password": _("Creating boards on this server needs the organiser password."),
    "token_invalid": _("This link is not valid for this board. Join again with the board's code."),
    "participant_removed": _("The facilitator has removed you from this board."),
    "json_expected": _("Send a JSON object in the request body."),
    "too_large": _("The request is too large: at most {limit} KB."),
    "joining_closed": _(
        "The facilitator has closed this board to new participants. Ask them to open it"
        " again if you should be on it."
    ),
    "facilitator_only": _("Only the board's facilitator can open this page."),
    "snapshot_unknown": _("This board has no such snapshot."),
    "export_format": _("Tavle cannot export this board in that format."),
    "import_not_tavle": _("This file is not a board exported from Tavle (a .json export)."),
    "import_newer": _(
        "This file comes from a newer version of Tavle; this server reads format"
        " version {version} and older. Update Tavle and try again."
    ),
    "import_invalid": _("This Tavle file is damaged or incomplete, so it cannot be imported."),
    "import_name_too_long": _(
        "A participant's name in this file is longer than {limit} characters, so it cannot"
        " be imported."
    ),
    "import_text_too_long": _(
        "A text in this file ({field}) is longer than {limit} characters, so it cannot be imported."
    ),
    "json_too_deep": _(
        "The JSON in the request nests more than {limit} levels deep; Tavle never sends"
        " that much nesting."
    ),
    "note_unknown": _("This board has no such note."),
    "amend_zone": _("Only a note in the zone for rewording can be sent to the guide."),
    "guide_unknown": _("There is no such conversation guide here."),
    "guide_elsewhere": _(
        "That guide belongs to another event: send a pilot's notes to a guide of its own event."
    ),
    "guide_kind": _("That board is not a conversation guide."),
    "amendment_invalid": _(
        "The amendment could not be made: choose a section of the guide and write its new wording."
    ),
    "guide_busy": _("The guide did not answer in time. Please try again."),
    "cross_site": _(
        "This request came from another website, so Tavle refused it. Open Tavle's own"
        " page and try again."
    ),
    # Programmes and rounds (issue 15, docs/programme.md).
    "programme_unknown": _("This programme does not exist, or you have no event in it."),
    "programme_name_missing": _("Please give the programme a name."),
    "event_unknown": _("This event does not exist, or it has been deleted."),
    "event_name_missing": _("Please give the new event a name."),
    "event_in_programme": _(
        "That event belongs to another programme. Choose an event of this programme, or a"
        " new event."
    ),
    "meeting_kind_unknown": _(
        "The kind of meeting must be one of seminar-12-12, theme-day, storledermoede or"
        " leader-network."
    ),
    "carry_target": _(
        "Say which event the board goes on in: either event_id (an event you facilitate) or"
        " event (a new one, with a name)."
    ),
    "carry_same_event": _("Choose a later event than the board's own."),
    "carry_needs_event": _(
        "Only a board of an event can be carried into the next one. This board has no event."
    ),
    "carry_notes": _('Say which notes go on: "all", or "top" with a number "top" of 1 to {limit}.'),
    "carry_no_votes": _(
        "This board has had no dot vote, so it has no top-voted notes. Carry all notes instead."
    ),
    "carry_vote_open": _(
        "The dot vote on this board is still open. End it first, or carry all notes instead."
    ),
    "round_unknown": _(
        "That board is not a round of this one, or you cannot open it. Compare rounds of one"
        " board that you facilitate or have a team link for."
    ),
}


NOTICE_MESSAGES: dict[str, str] = {
    "reverted": _("That change is not yours to make, so it was undone."),
    "vote_closed": _("The vote is not open."),
    "vote_budget": _("You have no dots left."),
    "vote_per_note": _("You have put as many dots on this note as you may."),
    "vote_scope": _("This vote is about another zone."),
    "not_allowed": _("Only the facilitator can do that."),
    "invalid": _("That request could not be carried out."),
    "section_agreed": _(
        "This section's wording is agreed. It changes only through an accepted proposal,"
        " so your edit was undone."
    ),
    "read_only_locked": _(
        "The facilitator has locked the board, so it is read-only for now. Your change was"
        " not kept."
    ),
    "read_only_phase": _(
        "In this part of the session the board is read-only for participants. Your change"
        " was not kept."
    ),
    "private_phase": _(
        "Everyone is writing privately now: add your notes with the form, and they stay"
        " yours until the facilitator reveals them."
    ),
    "anonymous_too_late": _(
        "The board can become anonymous only before anyone has written: names already shown"
        " with notes cannot be taken back."
    ),
    "read_only_viewer": _("This is a read-only link: you can look at the board, not change it."),
    "proposal_closed": _("This proposal has already been decided or withdrawn."),
    "proposal_invalid": _(
        "The proposal could not be made: it needs a section, a reason of one line and a"
        " wording of reasonable length."
    ),
    "item_limit": _(
        "You have added as many items to this board as one person may, so the newest was"
        " not kept. Ask the facilitator if you need more."
    ),
    "groups_active": _(
        "The room is already working in table groups. Bring the groups back to plenum"
        " before you split the room again."
    ),
    "groups_nobody": _("Nobody is on the board yet, so there is no one to split into groups."),
    "groups_no_tables": _(
        "Nobody here has typed a table number. Split the room at random instead, or ask"
        " people to join again with their table number."
    ),
    "slow_down": _(
        "Your device is sending changes faster than the board takes them. Slow down, or the"
        " connection will be closed."
    ),
}
