"""User-facing error texts, by code, in English; the catalogs translate them."""

from __future__ import annotations


def _(message: str) -> str:
    """Mark a string for extraction; it is translated when it is shown."""
    return message


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
    # da: Facilitatoren har lukket tavlen for nye deltagere. Bed facilitatoren åbne den igen,
    #     hvis du skal være med.
    "facilitator_only": _("Only the board's facilitator can open this page."),
    # da: Kun tavlens facilitator kan åbne denne side.
    "snapshot_unknown": _("This board has no such snapshot."),
    # da: Tavlen har ikke sådan et øjebliksbillede.
    "export_format": _("Tavle cannot export this board in that format."),
    # da: Tavle kan ikke eksportere denne tavle i det format.
    "import_not_tavle": _("This file is not a board exported from Tavle (a .json export)."),
    # da: Filen er ikke en tavle eksporteret fra Tavle (en .json-eksport).
    "import_newer": _(
        "This file comes from a newer version of Tavle; this server reads format"
        " version {version} and older. Update Tavle and try again."
    ),
    # da: Filen kommer fra en nyere version af Tavle; denne server læser formatversion
    #     {version} og ældre. Opdatér Tavle, og prøv igen.
    "import_invalid": _("This Tavle file is damaged or incomplete, so it cannot be imported."),
    # da: Tavle-filen er beskadiget eller ufuldstændig, så den kan ikke importeres.
    "import_name_too_long": _(
        "A participant's name in this file is longer than {limit} characters, so it cannot"
        " be imported."
    ),
    # da: Et deltagernavn i filen er længere end {limit} tegn, så den kan ikke importeres.
    "import_text_too_long": _(
        "A text in this file ({field}) is longer than {limit} characters, so it cannot be imported."
    ),
    # da: En tekst i filen ({field}) er længere end {limit} tegn, så den kan ikke
    #     importeres.
    "json_too_deep": _(
        "The JSON in the request nests more than {limit} levels deep; Tavle never sends"
        " that much nesting."
    ),
    # da: JSON i forespørgslen ligger mere end {limit} niveauer dybt; så dybt skriver
    #     Tavle aldrig.
    "cross_site": _(
        "This request came from another website, so Tavle refused it. Open Tavle's own"
        " page and try again."
    ),
    # da: Forespørgslen kom fra et andet websted, så Tavle afviste den. Åbn Tavles egen
    #     side, og prøv igen.
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
    # da: Afsnittets ordlyd er vedtaget. Den ændres kun gennem et vedtaget ændringsforslag,
    #     så din rettelse blev fortrudt.
    "read_only_locked": _(
        "The facilitator has locked the board, so it is read-only for now. Your change was"
        " not kept."
    ),
    # da: Facilitatoren har låst tavlen, så den er skrivebeskyttet lige nu. Din ændring blev
    #     ikke gemt.
    "read_only_phase": _(
        "In this part of the session the board is read-only for participants. Your change"
        " was not kept."
    ),
    # da: I denne del af forløbet er tavlen skrivebeskyttet for deltagerne. Din ændring blev
    #     ikke gemt.
    "private_phase": _(
        "Everyone is writing privately now: add your notes with the form, and they stay"
        " yours until the facilitator reveals them."
    ),
    # da: Alle skriver hver for sig lige nu: tilføj dine noter med formularen, så forbliver de
    #     dine, indtil facilitatoren viser dem.
    "anonymous_too_late": _(
        "The board can become anonymous only before anyone has written: names already shown"
        " with notes cannot be taken back."
    ),
    # da: Tavlen kan kun gøres anonym, før nogen har skrevet: navne, der allerede er vist
    #     sammen med noter, kan ikke trækkes tilbage.
    "read_only_viewer": _("This is a read-only link: you can look at the board, not change it."),
    # da: Dette er et læselink: du kan se tavlen, men ikke ændre den.
    "proposal_closed": _("This proposal has already been decided or withdrawn."),
    # da: Der er allerede truffet beslutning om forslaget, eller det er trukket tilbage.
    "proposal_invalid": _(
        "The proposal could not be made: it needs a section, a reason of one line and a"
        " wording of reasonable length."
    ),
    # da: Forslaget kunne ikke oprettes: det skal have et afsnit, en begrundelse på én linje
    #     og en ordlyd af rimelig længde.
    "item_limit": _(
        "You have added as many items to this board as one person may, so the newest was"
        " not kept. Ask the facilitator if you need more."
    ),
    # da: Du har tilføjet så mange elementer til tavlen, som én person må, så det nyeste blev
    #     ikke gemt. Spørg facilitatoren, hvis du har brug for flere.
    "slow_down": _(
        "Your device is sending changes faster than the board takes them. Slow down, or the"
        " connection will be closed."
    ),
    # da: Din enhed sender ændringer hurtigere, end tavlen kan tage imod dem. Sæt tempoet ned,
    #     ellers bliver forbindelsen lukket.
}
