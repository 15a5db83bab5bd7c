"""Strings the browser client shows, translated by the server into the page language.

The keys are the contract with `client/src`: the client calls `t(key, params)`, and the
server puts every entry, translated, into the page's `#tavle-config` as `messages`.
`{name}` placeholders are filled in by the client and must survive translation. The
comment under each entry is its Danish translation, for the Danish catalog.
"""


def _(message: str) -> str:
    """Mark a string for extraction; the server translates it when it renders a page."""
    return message


CLIENT_MESSAGES: dict[str, str] = {
    # Connection pill on the board page.
    "status.connected": _("Connected"),
    # da: Forbundet
    "status.connecting": _("Connecting…"),
    # da: Forbinder…
    "status.offline": _("Offline"),
    # da: Offline
    "status.closed": _("Disconnected"),
    # da: Afbrudt
    "status.pending.one": _("1 change waiting"),
    # da: 1 ændring venter
    "status.pending.other": _("{count} changes waiting"),
    # da: {count} ændringer venter
    # Presence list.
    "presence.you": _("(you)"),
    # da: (dig)
    "presence.facilitator": _("Facilitator"),
    # da: Facilitator
    "presence.guest": _("Guest"),
    # da: Gæst
    # Notes board.
    "notes.label": _("Write a note"),
    # da: Skriv en note
    "notes.add": _("Add note"),
    # da: Tilføj note
    "notes.empty": _("No notes yet. Write the first one."),
    # da: Ingen noter endnu. Skriv den første.
    "notes.listLabel": _("Notes"),
    # da: Noter
    "notes.own": _("Yours"),
    # da: Din
    "notes.edit": _("Edit note"),
    # da: Rediger note
    "notes.delete": _("Delete note"),
    # da: Slet note
    "notes.editLabel": _("Note text"),
    # da: Notens tekst
    "notes.save": _("Save"),
    # da: Gem
    "notes.cancel": _("Cancel"),
    # da: Annuller
    "notes.deletedWhileEditing": _("Someone else deleted this note. Save to keep it."),
    # da: En anden har slettet noten. Gem for at beholde den.
    "notes.deleted": _("Note deleted"),
    # da: Noten er slettet
    "board.unsupported": _("This kind of board cannot be shown in this version of Tavle."),
    # da: Denne type tavle kan ikke vises i denne version af Tavle.
    # Why the connection ended for good (close codes, see docs/protocol.md).
    "fatal.title": _("The connection to the board has ended"),
    # da: Forbindelsen til tavlen er afsluttet
    "fatal.4401": _(
        "Your link to this board is no longer valid. Join again with the board's code."
    ),
    # da: Dit link til tavlen er ikke længere gyldigt. Deltag igen med tavlens kode.
    "fatal.4403": _("You have been removed from this board."),
    # da: Du er blevet fjernet fra tavlen.
    "fatal.4404": _("This board does not exist. Check the code and try again."),
    # da: Tavlen findes ikke. Tjek koden, og prøv igen.
    "fatal.4410": _("This board has been deleted."),
    # da: Tavlen er blevet slettet.
    "fatal.1008": _(
        "The server could not read a message from this page. Reload the page to try again."
    ),
    # da: Serveren kunne ikke læse en besked fra siden. Genindlæs siden for at prøve igen.
    "fatal.1009": _(
        "Your latest change is too large to send. Reload, or discard this device's changes."
    ),
    # da: Din seneste ændring er for stor til at sende. Genindlæs, eller kassér enhedens ændringer.
    "fatal.other": _("The server closed the connection. Reload the page to try again."),
    # da: Serveren lukkede forbindelsen. Genindlæs siden for at prøve igen.
    "fatal.rejoin": _("Join again"),
    # da: Deltag igen
    "fatal.join": _("Enter a code"),
    # da: Indtast en kode
    "fatal.home": _("Go to the front page"),
    # da: Gå til forsiden
    "fatal.reload": _("Reload page"),
    # da: Genindlæs siden
    "fatal.reset": _("Discard changes on this device"),
    # da: Kassér ændringer på denne enhed
    # Copy buttons (`data-copy`).
    "copy.done": _("Copied"),
    # da: Kopieret
    "copy.failed": _("Could not copy. Select the text and copy it yourself."),
    # da: Kunne ikke kopiere. Markér teksten, og kopiér den selv.
    # "My boards" on the home page.
    "home.joinCode": _("Code {code}"),
    # da: Kode {code}
    "home.created": _("Created {date}"),
    # da: Oprettet {date}
    "home.forget": _("Forget"),
    # da: Glem
    "home.forgotten": _("Removed from this browser"),
    # da: Fjernet fra denne browser
}
