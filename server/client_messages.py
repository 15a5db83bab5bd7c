"""Strings the browser client shows, translated by the server into the page language.

The keys are the contract with `client/src`: the client calls `t(key, params)`, and the
server puts every entry, translated, into the page's `#tavle-config` as `messages`.
`{name}` placeholders are filled in by the client and must survive translation. The
comment under each entry is its Danish translation, for the Danish catalog.
"""

from .messages import _

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
    # A command for the server (type 20) while the connection is down.
    "command.offline": _("This needs a connection. Try again when you are back online."),
    # da: Det kræver forbindelse. Prøv igen, når du er online igen.
    # Map boards (value for citizens and the other zone templates).
    "map.zones": _("Zones"),
    # da: Zoner
    "map.zone": _("Zone"),
    # da: Zone
    "map.color": _("Colour"),
    # da: Farve
    "map.color.yellow": _("Yellow"),
    # da: Gul
    "map.color.green": _("Green"),
    # da: Grøn
    "map.color.blue": _("Blue"),
    # da: Blå
    "map.color.pink": _("Pink"),
    # da: Lyserød
    "map.color.orange": _("Orange"),
    # da: Orange
    "map.color.purple": _("Purple"),
    # da: Lilla
    "map.added": _("Added to “{zone}”"),
    # da: Tilføjet til »{zone}«
    "map.moved": _("Moved to “{zone}”"),
    # da: Flyttet til »{zone}«
    "map.noZones": _("This board has no zones yet."),
    # da: Tavlen har ingen zoner endnu.
    "map.noteCount.one": _("1 note"),
    # da: 1 note
    "map.noteCount.other": _("{count} notes"),
    # da: {count} noter
    "map.note.zone": _("The note's zone"),
    # da: Notens zone
    "map.select": _("Select note"),
    # da: Vælg note
    "map.moveTo": _("Move to zone"),
    # da: Flyt til zone
    "map.moveUp": _("Move up"),
    # da: Flyt op
    "map.moveDown": _("Move down"),
    # da: Flyt ned
    "map.drag": _("Drag to move"),
    # da: Træk for at flytte
    "map.zone.empty": _("No notes here yet."),
    # da: Ingen noter her endnu.
    "map.zone.untitled": _("Untitled zone"),
    # da: Zone uden navn
    "map.zone.edit": _("Edit zone"),
    # da: Rediger zone
    "map.zone.title": _("Zone title"),
    # da: Zonens titel
    "map.zone.question": _("Guiding question"),
    # da: Spørgsmål til zonen
    "map.zone.left": _("Move zone left"),
    # da: Flyt zonen til venstre
    "map.zone.right": _("Move zone right"),
    # da: Flyt zonen til højre
    "map.zone.remove": _("Remove zone"),
    # da: Fjern zone
    "map.zone.removeTitle": _("Remove the zone “{zone}”?"),
    # da: Vil du fjerne zonen »{zone}«?
    "map.zone.removeBody.one": _("Its note moves to “{target}”."),
    # da: Zonens note flyttes til »{target}«.
    "map.zone.removeBody.other": _("Its {count} notes move to “{target}”."),
    # da: Zonens {count} noter flyttes til »{target}«.
    "map.zone.removeEmpty": _("It has no notes."),
    # da: Zonen har ingen noter.
    "map.zone.removed": _("Zone removed"),
    # da: Zonen er fjernet
    "map.zone.add": _("Add zone"),
    # da: Tilføj zone
    "map.zone.newTitle": _("New zone"),
    # da: Ny zone
    "map.cluster.groupLegend": _("Group into cluster"),
    # da: Saml i en klynge
    "map.cluster.name": _("Cluster name"),
    # da: Klyngens navn
    "map.cluster.group": _("Group"),
    # da: Saml
    "map.cluster.clear": _("Clear selection"),
    # da: Ryd valg
    "map.cluster.selected.one": _("1 note selected"),
    # da: 1 note valgt
    "map.cluster.selected.other": _("{count} notes selected"),
    # da: {count} noter valgt
    "map.cluster.needNotes": _("Select notes first."),
    # da: Vælg noter først.
    "map.cluster.needName": _("Give the cluster a name."),
    # da: Giv klyngen et navn.
    "map.cluster.grouped": _("Cluster “{name}” made"),
    # da: Klyngen »{name}« er lavet
    "map.cluster.untitled": _("Untitled cluster"),
    # da: Klynge uden navn
    "map.cluster.size.one": _("1 note"),
    # da: 1 note
    "map.cluster.size.other": _("{count} notes"),
    # da: {count} noter
    "map.cluster.rename": _("Rename cluster"),
    # da: Omdøb klynge
    "map.cluster.newName": _("New name for the cluster"),
    # da: Nyt navn til klyngen
    "map.cluster.addSelected": _("Add selected notes"),
    # da: Tilføj valgte noter
    "map.cluster.dissolve": _("Dissolve cluster"),
    # da: Opløs klynge
    "map.cluster.dissolved": _("Cluster dissolved"),
    # da: Klyngen er opløst
    "map.cluster.label": _("Cluster"),
    # da: Klynge
    "map.count.notes": _("Notes"),
    # da: Noter
    "map.count.participants": _("Participants"),
    # da: Deltagere
    "map.zoom": _("Zoom"),
    # da: Zoom
    "map.zoomFit": _("Zoom to fit"),
    # da: Tilpas til skærmen
    "map.zoom100": _("100%"),
    # da: 100 %
    "map.present": _("Presentation view"),
    # da: Præsentationsvisning
    # Dot voting on map boards.
    "map.vote.heading": _("Dot voting"),
    # da: Prikafstemning
    "map.vote.budget": _("Dots per person"),
    # da: Prikker pr. person
    "map.vote.perNote": _("Dots per note"),
    # da: Prikker pr. note
    "map.vote.scope": _("Vote on"),
    # da: Stem om
    "map.vote.wholeBoard": _("The whole board"),
    # da: Hele tavlen
    "map.vote.showLive": _("Show results live"),
    # da: Vis resultater undervejs
    "map.vote.start": _("Start vote"),
    # da: Start afstemning
    "map.vote.end": _("End vote"),
    # da: Afslut afstemning
    "map.vote.showResults": _("Show results"),
    # da: Vis resultater
    "map.vote.hideResults": _("Hide results"),
    # da: Skjul resultater
    "map.vote.none": _("No vote yet."),
    # da: Ingen afstemning endnu.
    "map.vote.progressOpen": _("Voting is open: {voters}, {dots}."),
    # da: Afstemningen er åben: {voters}, {dots}.
    "map.vote.progressClosed": _("Voting has ended: {voters}, {dots}."),
    # da: Afstemningen er slut: {voters}, {dots}.
    "map.vote.voters.one": _("1 person has voted"),
    # da: 1 person har stemt
    "map.vote.voters.other": _("{count} people have voted"),
    # da: {count} personer har stemt
    "map.vote.dots.one": _("1 dot"),
    # da: 1 prik
    "map.vote.dots.other": _("{count} dots"),
    # da: {count} prikker
    "map.vote.left.one": _("1 dot left"),
    # da: 1 prik tilbage
    "map.vote.left.other": _("{count} dots left"),
    # da: {count} prikker tilbage
    "map.vote.inZone": _("in “{zone}”"),
    # da: i »{zone}«
    "map.vote.ended": _("Voting has ended. Thank you!"),
    # da: Afstemningen er slut. Tak!
    "map.vote.add": _("Add dot"),
    # da: Sæt prik
    "map.vote.remove": _("Remove dot"),
    # da: Fjern prik
    "map.vote.mine": _("Your dots: {count}"),
    # da: Dine prikker: {count}
    "map.results.heading": _("Results"),
    # da: Resultater
    "map.results.empty": _("No dots yet."),
    # da: Ingen prikker endnu.
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
