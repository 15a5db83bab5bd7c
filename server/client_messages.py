"""Strings the browser client shows, translated by the server into the page language.

The keys are the contract with `client/src`: the client calls `t(key, params)`, and the
server puts every entry, translated, into the page's `#tavle-config` as `messages`.
`{name}` placeholders are filled in by the client and must survive translation. The
comment under each entry is its Danish translation, for the Danish catalog.
"""

from server.messages import _

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
    # Inside the board views during a session (client/src/views/facilitation/).
    "phase.reason.private": _(
        "Private writing: only you see what you write now. The rest cannot be changed meanwhile."
    ),
    # da: Skriv hver for sig: kun du ser det, du skriver nu. Resten kan ikke ændres imens.
    "phase.reason.vote": _("Voting: you can vote, but nothing can be written or changed now."),
    # da: Afstemning: du kan stemme, men intet kan skrives eller ændres nu.
    "phase.reason.discuss": _("Discussion: the board is read-only now."),
    # da: Drøftelse: tavlen kan kun læses nu.
    "phase.reason.locked": _("The facilitator has locked the board: it is read-only now."),
    # da: Facilitatoren har låst tavlen: den kan kun læses nu.
    "private.label": _("Only you can see this until the facilitator shows everyone's"),
    # da: Kun du kan se denne, indtil facilitatoren viser alle
    "private.hint": _("Your notes stay private until the facilitator shows them all."),
    # da: Dine noter er private, indtil facilitatoren viser dem alle.
    "private.saved": _("Saved privately: only you can see it."),
    # da: Gemt privat: kun du kan se den.
    "private.queued": _("Saved on this device. It is sent when you are back online."),
    # da: Gemt på denne enhed. Den sendes, når du er online igen.
    "private.pending": _("Not sent yet"),
    # da: Ikke sendt endnu
    "private.anonymous": _("Anonymous"),
    # da: Anonym
    "focus.here": _("Bring everyone here"),
    # da: Saml alle her
    "focus.sent": _("Everyone is being brought here."),
    # da: Alle bliver bragt hertil.
    "focus.toast": _("The facilitator has gathered everyone here"),
    # da: Facilitatoren har samlet alle her
    "focus.dismiss": _("Close"),
    # da: Luk
    "moderation.hide": _("Hide"),
    # da: Skjul
    "moderation.delete": _("Delete"),
    # da: Slet
    "moderation.hidden": _("Hidden — can be undone in the facilitator panel"),
    # da: Skjult — kan fortrydes i facilitatorpanelet
    "moderation.deleted": _("Deleted — can be undone in the facilitator panel"),
    # da: Slettet — kan fortrydes i facilitatorpanelet
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
    "map.arrivals.one": _("1 new note from others"),
    # da: 1 ny note fra de andre
    "map.arrivals.other": _("{count} new notes from others"),
    # da: {count} nye noter fra de andre
    "map.added": _("Added to “{zone}”"),
    # da: Tilføjet til »{zone}«
    # "Your notes" under a phone's write form.
    "map.own.heading": _("Your notes"),
    # da: Dine noter
    "map.own.board": _("See the whole board"),
    # da: Se hele tavlen
    "map.own.empty": _("The notes you add show here."),
    # da: De noter, du tilføjer, vises her.
    "map.own.new": _("Just added"),
    # da: Lige tilføjet
    "map.own.private": _("Only you can see it"),
    # da: Kun du kan se den
    "map.own.more.one": _("And 1 more on the board"),
    # da: Og 1 mere på tavlen
    "map.own.more.other": _("And {count} more on the board"),
    # da: Og {count} flere på tavlen
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
    # The facilitator's one menu per note: edit, move, hide, delete.
    "map.note.actions": _("Actions"),
    # da: Handlinger
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
    # The wall's toolbar: the note form and the vote settings open over the wall.
    "map.drawer.write": _("Write note"),
    # da: Skriv note
    "map.drawer.vote": _("Voting"),
    # da: Afstemning
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
    "map.voteList.heading": _("Place your dots"),
    # da: Sæt dine prikker
    "map.results.heading": _("Results"),
    # da: Resultater
    "map.results.empty": _("No dots yet."),
    # da: Ingen prikker endnu.
    "map.results.all": _("See the whole ranking ({count})"),
    # da: Se hele rækkefølgen ({count})
    "map.results.previous": _("Previous"),
    # da: Forrige
    "map.results.next": _("Next"),
    # da: Næste
    "map.results.page": _("Page {page} of {pages}"),
    # da: Side {page} af {pages}
    "map.vote.top": _("Results shown"),
    # da: Antal i resultaterne
    # Charter boards (the leadership charter).
    "charter.noSections": _("This charter has no sections yet."),
    # da: Ledelsesgrundlaget har ingen afsnit endnu.
    "charter.state.open": _("Open for writing"),
    # da: Åben for skrivning
    "charter.state.agreed": _("Agreed"),
    # da: Vedtaget
    "charter.section.preamble": _("Preamble"),
    # da: Indledning
    "charter.section.principle": _("Principle {number}"),
    # da: Princip {number}
    "charter.section.untitled": _("Untitled section"),
    # da: Afsnit uden titel
    "charter.section.back": _("All sections"),
    # da: Alle afsnit
    "charter.section.openLabel": _("Open “{section}”"),
    # da: Åbn »{section}«
    "charter.section.wordingLabel": _("Wording of “{section}”"),
    # da: Ordlyden i »{section}«
    "charter.section.agree": _("Mark as agreed"),
    # da: Markér som vedtaget
    "charter.section.reopen": _("Reopen for writing"),
    # da: Åbn for skrivning igen
    "charter.section.edit": _("Edit section"),
    # da: Rediger afsnit
    "charter.section.up": _("Move section up"),
    # da: Flyt afsnittet op
    "charter.section.down": _("Move section down"),
    # da: Flyt afsnittet ned
    "charter.section.remove": _("Remove section"),
    # da: Fjern afsnit
    "charter.section.removeTitle": _("Remove the section “{section}”?"),
    # da: Vil du fjerne afsnittet »{section}«?
    "charter.section.removeBody": _("Its wording and everyday examples go with it."),
    # da: Ordlyden og hverdagseksemplerne forsvinder sammen med det.
    "charter.section.removed": _("Section removed"),
    # da: Afsnittet er fjernet
    "charter.section.add": _("Add section"),
    # da: Tilføj afsnit
    "charter.section.newTitle": _("New principle"),
    # da: Nyt princip
    "charter.section.title": _("Title"),
    # da: Titel
    "charter.section.question": _("Guiding question"),
    # da: Spørgsmål til afsnittet
    "charter.section.proposals.one": _("1 open proposal"),
    # da: 1 åbent forslag
    "charter.section.proposals.other": _("{count} open proposals"),
    # da: {count} åbne forslag
    "charter.section.examples.one": _("1 example"),
    # da: 1 eksempel
    "charter.section.examples.other": _("{count} examples"),
    # da: {count} eksempler
    "charter.format.toolbar": _("Formatting"),
    # da: Formatering
    "charter.format.toolbarFor": _("Formatting of “{section}”"),
    # da: Formatering af »{section}«
    "charter.format.bold": _("Bold"),
    # da: Fed
    "charter.format.italic": _("Italic"),
    # da: Kursiv
    "charter.format.bullets": _("Bulleted list"),
    # da: Punktopstilling
    "charter.format.numbers": _("Numbered list"),
    # da: Nummereret liste
    "charter.format.undo": _("Undo"),
    # da: Fortryd
    "charter.format.redo": _("Redo"),
    # da: Gentag
    "charter.diff.added": _("added:"),
    # da: tilføjet:
    "charter.diff.removed": _("removed:"),
    # da: fjernet:
    "charter.diff.same": _("No change in the text."),
    # da: Ingen ændring i teksten.
    "charter.proposal.heading": _("Proposals"),
    # da: Ændringsforslag
    "charter.proposal.new": _("Propose new wording"),
    # da: Foreslå ny ordlyd
    "charter.proposal.help": _(
        "Change the text below. The others see the changes marked and can vote."
    ),
    # da: Ret teksten herunder. De andre ser ændringerne markeret og kan stemme.
    "charter.proposal.wordingLabel": _("Proposed wording"),
    # da: Foreslået ordlyd
    "charter.proposal.reasonLabel": _("Why? (one line)"),
    # da: Hvorfor? (én linje)
    "charter.proposal.reasonCount": _("{count} of {max} characters"),
    # da: {count} af {max} tegn
    "charter.proposal.submit": _("Send proposal"),
    # da: Send forslag
    "charter.proposal.sent": _("Your proposal has been sent"),
    # da: Dit forslag er sendt
    "charter.proposal.unchanged": _(
        "The proposal is the same as the current wording. Change the text first."
    ),
    # da: Forslaget er det samme som den nuværende ordlyd. Ret teksten først.
    "charter.proposal.needReason": _("Write briefly why."),
    # da: Skriv kort hvorfor.
    "charter.proposal.label": _("Proposal"),
    # da: Forslag
    "charter.proposal.yours": _("Yours"),
    # da: Dit
    "charter.proposal.reason": _("Why"),
    # da: Hvorfor
    "charter.proposal.stale": _(
        "Written against an earlier wording; the changes are shown against the current one."
    ),
    # da: Skrevet til en tidligere ordlyd; ændringerne vises i forhold til den nuværende.
    "charter.proposal.for": _("{count} for"),
    # da: {count} for
    "charter.proposal.against": _("{count} against"),
    # da: {count} imod
    "charter.proposal.tally": _("{for} for, {against} against"),
    # da: {for} for, {against} imod
    "charter.proposal.vote.for": _("Vote for"),
    # da: Stem for
    "charter.proposal.vote.against": _("Vote against"),
    # da: Stem imod
    "charter.proposal.withdraw": _("Withdraw proposal"),
    # da: Træk forslaget tilbage
    "charter.proposal.withdrawTitle": _("Withdraw your proposal?"),
    # da: Vil du trække dit forslag tilbage?
    "charter.proposal.withdrawBody": _(
        "The votes and comments stay, but nobody can vote on it any more."
    ),
    # da: Stemmer og kommentarer bliver, men ingen kan stemme om det længere.
    "charter.proposal.accept": _("Accept"),
    # da: Vedtag
    "charter.proposal.reject": _("Reject"),
    # da: Afvis
    "charter.proposal.status.open": _("Open"),
    # da: Åbent
    "charter.proposal.status.accepted": _("Accepted"),
    # da: Vedtaget
    "charter.proposal.status.rejected": _("Rejected"),
    # da: Afvist
    "charter.proposal.status.withdrawn": _("Withdrawn"),
    # da: Trukket tilbage
    "charter.comment.summary": _("Comments ({count})"),
    # da: Kommentarer ({count})
    "charter.comment.label": _("Write a comment"),
    # da: Skriv en kommentar
    "charter.comment.add": _("Comment"),
    # da: Kommentér
    "charter.comment.delete": _("Delete comment"),
    # da: Slet kommentar
    "charter.example.heading": _("Everyday examples"),
    # da: Hverdagseksempler
    "charter.example.empty": _("No examples yet. What does this look like on an ordinary day?"),
    # da: Ingen eksempler endnu. Hvordan ser det ud på en helt almindelig dag?
    "charter.example.new": _("Add an everyday example"),
    # da: Tilføj et hverdagseksempel
    "charter.example.label": _("Your example"),
    # da: Dit eksempel
    "charter.example.scope": _("Where is it from?"),
    # da: Hvor er det fra?
    "charter.example.scope.own": _("My own unit"),
    # da: Min egen enhed
    "charter.example.scope.across": _("Across the organisation"),
    # da: På tværs af organisationen
    "charter.example.unit": _("Unit (optional)"),
    # da: Enhed (valgfrit)
    "charter.example.add": _("Add example"),
    # da: Tilføj eksempel
    "charter.example.added": _("Example added"),
    # da: Eksemplet er tilføjet
    "charter.example.like": _("Like"),
    # da: Synes godt om
    "charter.example.likes.one": _("1 like"),
    # da: 1 synes godt om
    "charter.example.likes.other": _("{count} likes"),
    # da: {count} synes godt om
    "charter.example.edit": _("Edit"),
    # da: Rediger
    "charter.example.delete": _("Delete example"),
    # da: Slet eksempel
    "charter.example.deleteTitle": _("Delete this example?"),
    # da: Vil du slette eksemplet?
    "charter.example.deleted": _("Example deleted"),
    # da: Eksemplet er slettet
    "charter.history.open": _("History"),
    # da: Historik
    "charter.history.heading": _("History of “{section}”"),
    # da: Historik for »{section}«
    "charter.history.loading": _("Loading versions…"),
    # da: Henter versioner…
    "charter.history.failed": _("The history could not be loaded. Try again."),
    # da: Historikken kunne ikke hentes. Prøv igen.
    "charter.history.none": _(
        "No versions yet. One is kept when the section or an amendment is agreed."
    ),
    # da: Ingen versioner endnu. Der gemmes én, når afsnittet eller et forslag vedtages.
    "charter.history.position": _("Version {number} of {total}"),
    # da: Version {number} af {total}
    "charter.history.agreed": _("Agreed {when}"),
    # da: Vedtaget {when}
    "charter.history.amendment": _("Amendment by {name}, accepted {when}"),
    # da: Ændringsforslag fra {name}, vedtaget {when}
    "charter.history.someone": _("a participant"),
    # da: en deltager
    "charter.history.previous": _("Previous"),
    # da: Forrige
    "charter.history.next": _("Next"),
    # da: Næste
    "charter.history.compareWith": _("Compare with"),
    # da: Sammenlign med
    "charter.history.withPrevious": _("the version before"),
    # da: versionen før
    "charter.history.withLive": _("the current wording"),
    # da: den nuværende ordlyd
    "charter.history.between": _("Changes from version {from} to version {to}:"),
    # da: Ændringer fra version {from} til version {to}:
    "charter.history.snapshot": _("Snapshot {when}"),
    # da: Øjebliksbillede {when}
    "charter.history.vsPrevious": _("Changes from the version before:"),
    # da: Ændringer i forhold til versionen før:
    "charter.history.vsLive": _("Changes from this version to the current wording:"),
    # da: Ændringer fra denne version til den nuværende ordlyd:
    "charter.history.first": _("The first version:"),
    # da: Den første version:
    "charter.history.close": _("Close history"),
    # da: Luk historik
    "charter.export.heading": _("Export"),
    # da: Eksportér
    "charter.export.markdown": _("Markdown"),
    # da: Markdown
    "charter.export.word": _("Word"),
    # da: Word
    "charter.export.appendix": _("Include amendments appendix"),
    # da: Medtag bilag med ændringsforslag
    "charter.export.print": _("Print"),
    # da: Udskriv
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
    # The projector's join screen.
    "join_screen.joined.one": _("1 has joined"),
    # da: 1 har tilmeldt sig
    "join_screen.joined.other": _("{count} have joined"),
    # da: {count} har tilmeldt sig
    "join_screen.online": _("{count} here now"),
    # da: {count} er her nu
    # The session banner on every board screen (client/src/facilitation/).
    "session.region": _("Session"),
    # da: Forløb
    "session.phase.write": _("Write"),
    # da: Skriv
    "session.phase.private": _("Private writing"),
    # da: Skriv hver for sig
    "session.phase.vote": _("Vote"),
    # da: Afstemning
    "session.phase.discuss": _("Discussion"),
    # da: Drøftelse
    "session.phaseLabel": _("Phase"),
    # da: Fase
    "session.phaseAnnounce": _("Now: {phase}"),
    # da: Nu: {phase}
    "session.locked": _("The facilitator has locked the board"),
    # da: Facilitatoren har låst tavlen
    "session.lockedForOthers": _("Locked for participants"),
    # da: Låst for deltagerne
    "session.unlocked": _("The board is open again."),
    # da: Tavlen er åben igen.
    "session.anonymous": _("Anonymous board"),
    # da: Anonym tavle
    "session.anonymousParticipant": _("Anonymous participant"),
    # da: Anonym deltager
    "session.focus": _("Look at: {target}"),
    # da: Se på: {target}
    "session.focus.zone": _("a zone"),
    # da: en zone
    "session.focus.cluster": _("a cluster"),
    # da: en klynge
    "session.focus.section": _("a section"),
    # da: et afsnit
    "session.refused.title": _("Your text was not saved — copy it"),
    # da: Din tekst blev ikke gemt — kopiér den
    "session.refused.copy": _("Copy text"),
    # da: Kopiér teksten
    "session.refused.close": _("Close"),
    # da: Luk
    # The countdown on every screen.
    "timer.label": _("Time left"),
    # da: Tid tilbage
    "timer.paused": _("Paused"),
    # da: Sat på pause
    "timer.ended": _("Time is up"),
    # da: Tiden er gået
    "timer.started": _("The countdown has started: {time}"),
    # da: Nedtællingen er startet: {time}
    # Showing a snapshot read-only.
    "snapshot.banner": _("Snapshot: {label}, {time} — read-only"),
    # da: Øjebliksbillede: {label}, {time} — skrivebeskyttet
    "snapshot.loadFailed": _("The snapshot could not be loaded. Reload the page to try again."),
    # da: Øjebliksbilledet kunne ikke hentes. Genindlæs siden for at prøve igen.
    "snapshot.readOnly": _("A snapshot cannot be changed."),
    # da: Et øjebliksbillede kan ikke ændres.
    "snapshot.backToBoard": _("Back to the live board"),
    # da: Tilbage til den levende tavle
    # The facilitator's snapshots.
    "snapshot.heading": _("Snapshots"),
    # da: Øjebliksbilleder
    "snapshot.label": _("Name (optional)"),
    # da: Navn (valgfrit)
    "snapshot.take": _("Take snapshot"),
    # da: Tag øjebliksbillede
    "snapshot.autoLabel": _("Snapshot {time}"),
    # da: Øjebliksbillede {time}
    "snapshot.taken": _("Snapshot taken"),
    # da: Øjebliksbillede taget
    "snapshot.none": _("No snapshots yet. One is taken at every change of phase."),
    # da: Ingen øjebliksbilleder endnu. Der tages et ved hvert faseskift.
    "snapshot.phase": _("Phase: {phase}"),
    # da: Fase: {phase}
    "snapshot.beforeRestore": _("Before restoring #{id}"),
    # da: Før gendannelse af #{id}
    "snapshot.untitled": _("Snapshot #{id}"),
    # da: Øjebliksbillede #{id}
    "snapshot.open": _("View"),
    # da: Vis
    "snapshot.openLabel": _("Open {label} read-only in a new tab"),
    # da: Åbn {label} skrivebeskyttet i en ny fane
    "snapshot.restore": _("Restore"),
    # da: Gendan
    "snapshot.restoreLabel": _("Restore {label}"),
    # da: Gendan {label}
    "snapshot.restoreTitle": _("Restore “{label}”?"),
    # da: Gendan »{label}«?
    "snapshot.restoreBody": _(
        "Everyone's screen returns to this point. The board as it is now is kept as a"
        " snapshot first, so nothing is lost."
    ),
    # da: Alles skærme vender tilbage til dette tidspunkt. Tavlen, som den er nu, gemmes
    #     først som et øjebliksbillede, så intet går tabt.
    "snapshot.restoring": _("Restoring the snapshot…"),
    # da: Gendanner øjebliksbilledet…
    "snapshot.fork": _("New board"),
    # da: Ny tavle
    "snapshot.forkLabel": _("Start a new board from {label}"),
    # da: Start en ny tavle fra {label}
    "snapshot.forked": _("New board: {title}"),
    # da: Ny tavle: {title}
    "snapshot.forkOpen": _("Open the new board"),
    # da: Åbn den nye tavle
    "snapshot.forkCopy": _("Copy its facilitator link"),
    # da: Kopiér dens facilitatorlink
    "snapshot.count.notes.one": _("1 note"),
    # da: 1 note
    "snapshot.count.notes.other": _("{count} notes"),
    # da: {count} noter
    "snapshot.count.clusters.one": _("1 cluster"),
    # da: 1 klynge
    "snapshot.count.clusters.other": _("{count} clusters"),
    # da: {count} klynger
    "snapshot.count.sections.one": _("1 section"),
    # da: 1 afsnit
    "snapshot.count.sections.other": _("{count} sections"),
    # da: {count} afsnit
    "snapshot.count.proposals.one": _("1 proposal"),
    # da: 1 forslag
    "snapshot.count.proposals.other": _("{count} proposals"),
    # da: {count} forslag
    "snapshot.count.comments.one": _("1 comment"),
    # da: 1 kommentar
    "snapshot.count.comments.other": _("{count} comments"),
    # da: {count} kommentarer
    "snapshot.count.examples.one": _("1 example"),
    # da: 1 eksempel
    "snapshot.count.examples.other": _("{count} examples"),
    # da: {count} eksempler
    # The facilitator's panel.
    "facilitation.panel": _("Facilitation"),
    # da: Facilitering
    "facilitation.panelToggle": _("Facilitator panel"),
    # da: Facilitatorpanel
    "facilitation.requestFailed": _("That did not work. Check the connection and try again."),
    # da: Det lykkedes ikke. Tjek forbindelsen, og prøv igen.
    "facilitation.cancel": _("Cancel"),
    # da: Annuller
    "facilitation.phase.heading": _("Phase"),
    # da: Fase
    "facilitation.phase.next": _("Next phase"),
    # da: Næste fase
    "facilitation.reveal": _("Show all notes"),
    # da: Vis alle noter
    "facilitation.private.notes.one": _("1 note"),
    # da: 1 note
    "facilitation.private.notes.other": _("{count} notes"),
    # da: {count} noter
    "facilitation.private.writers.one": _("from 1 participant"),
    # da: fra 1 deltager
    "facilitation.private.writers.other": _("from {count} participants"),
    # da: fra {count} deltagere
    "facilitation.lock": _("Lock the board for participants"),
    # da: Lås tavlen for deltagerne
    "facilitation.timer.heading": _("Timer"),
    # da: Nedtælling
    "facilitation.timer.preset": _("{count} min"),
    # da: {count} min
    "facilitation.timer.presetLabel": _("{count} min: start the timer"),
    # da: {count} min: start nedtællingen
    "facilitation.timer.custom": _("Other number of minutes"),
    # da: Andet antal minutter
    "facilitation.timer.start": _("Start"),
    # da: Start
    "facilitation.timer.lockAtEnd": _("Lock the board when time is up"),
    # da: Lås tavlen, når tiden er gået
    "facilitation.timer.pause": _("Pause"),
    # da: Pause
    "facilitation.timer.resume": _("Resume"),
    # da: Fortsæt
    "facilitation.timer.stop": _("Stop"),
    # da: Stop
    "facilitation.focus.heading": _("Focus"),
    # da: Fokus
    "facilitation.focus.none": _("No focus: everyone moves freely."),
    # da: Intet fokus: alle bevæger sig frit.
    "facilitation.focus.current": _("Everyone is brought to: {target}"),
    # da: Alle er hentet til: {target}
    "facilitation.focus.clear": _("Release focus"),
    # da: Ophæv fokus
    "facilitation.joining.heading": _("Joining"),
    # da: Tilmelding
    "facilitation.joining.open": _("Open to new participants"),
    # da: Åben for nye deltagere
    "facilitation.joinScreen": _("Show join screen"),
    # da: Vis tilmeldingsskærm
    "facilitation.anonymous": _("Anonymous board"),
    # da: Anonym tavle
    "facilitation.anonymous.help": _(
        "Hides every name. It can be turned on only before anyone has written."
    ),
    # da: Skjuler alle navne. Det kan kun slås til, før nogen har skrevet.
    "facilitation.people.heading": _("Participants"),
    # da: Deltagere
    "facilitation.people.summary": _("{joined} joined · {online} here now"),
    # da: {joined} tilmeldt · {online} her nu
    "facilitation.people.none": _("No one has joined yet."),
    # da: Ingen har tilmeldt sig endnu.
    "facilitation.people.online": _("here now"),
    # da: her nu
    "facilitation.people.removed": _("removed"),
    # da: fjernet
    "facilitation.people.remove": _("Remove"),
    # da: Fjern
    "facilitation.people.removeLabel": _("Remove {name}"),
    # da: Fjern {name}
    "facilitation.people.removeTitle": _("Remove {name}?"),
    # da: Fjern {name}?
    "facilitation.people.removeBody": _(
        "{name} is taken off the board at once and cannot come back with the same link."
        " What they wrote stays."
    ),
    # da: {name} bliver taget af tavlen med det samme og kan ikke komme tilbage med det
    #     samme link. Det skrevne bliver stående.
    "facilitation.people.failed": _("The list of participants could not be loaded."),
    # da: Listen over deltagere kunne ikke hentes.
    "facilitation.cofacilitator.heading": _("Co-facilitators"),
    # da: Medfacilitatorer
    "facilitation.cofacilitator.create": _("Co-facilitator link"),
    # da: Link til medfacilitator
    "facilitation.cofacilitator.help": _(
        "The link gives the same powers as yours. It is shown only once: copy it now."
    ),
    # da: Linket giver de samme rettigheder som dit. Det vises kun én gang: kopiér det nu.
    "facilitation.cofacilitator.copy": _("Copy link"),
    # da: Kopiér link
    "facilitation.cofacilitator.revoke": _("Revoke all"),
    # da: Tilbagekald alle
    "facilitation.cofacilitator.revokeTitle": _("Revoke every co-facilitator link?"),
    # da: Tilbagekald alle links til medfacilitatorer?
    "facilitation.cofacilitator.revokeBody": _(
        "The links stop working at once. Screens already open stay until they are closed."
    ),
    # da: Linkene holder op med at virke med det samme. Skærme, der allerede er åbne, bliver
    #     ved, indtil de lukkes.
    "facilitation.cofacilitator.revoked": _("Co-facilitator links revoked"),
    # da: Links til medfacilitatorer er tilbagekaldt
    "facilitation.moderation.heading": _("Hidden and deleted"),
    # da: Skjult og slettet
    "facilitation.moderation.none": _("Nothing is hidden or deleted."),
    # da: Intet er skjult eller slettet.
    "facilitation.moderation.hide": _("Hidden"),
    # da: Skjult
    "facilitation.moderation.delete": _("Deleted"),
    # da: Slettet
    "facilitation.moderation.restore": _("Restore"),
    # da: Gendan
    "facilitation.moderation.restoreLabel": _("Restore “{text}”"),
    # da: Gendan »{text}«
    "facilitation.moderation.untitled": _("(no text)"),
    # da: (ingen tekst)
    "facilitation.shortcuts.heading": _("Keyboard shortcuts"),
    # da: Tastaturgenveje
    "facilitation.shortcuts.nextPhase": _("Next phase"),
    # da: Næste fase
    "facilitation.shortcuts.timer": _("Start or pause the timer"),
    # da: Start nedtællingen, eller sæt den på pause
    "facilitation.shortcuts.snapshot": _("Take a snapshot"),
    # da: Tag et øjebliksbillede
    "facilitation.shortcuts.lock": _("Lock or unlock the board"),
    # da: Lås tavlen, eller lås den op
    "facilitation.shortcuts.panel": _("Show or hide this panel"),
    # da: Vis eller skjul panelet
    # The library (/library): boards by event, search, links, deletion.
    "library.loading": _("Loading your boards…"),
    # da: Henter dine tavler…
    "library.failed": _("That did not work. Check the connection and try again."),
    # da: Det lykkedes ikke. Tjek forbindelsen, og prøv igen.
    "library.empty": _(
        "No boards here yet. Open a board with its facilitator link, or a team link, and it"
        " appears here."
    ),
    # da: Her er ingen tavler endnu. Åbn en tavle med dens facilitatorlink eller et teamlink,
    #     så dukker den op her.
    "library.noHits": _("No boards match “{query}”."),
    # da: Ingen tavler matcher »{query}«.
    "library.hits.one": _("1 board matches “{query}”."),
    # da: 1 tavle matcher »{query}«.
    "library.hits.other": _("{count} boards match “{query}”."),
    # da: {count} tavler matcher »{query}«.
    "library.noEvent": _("Boards without an event"),
    # da: Tavler uden arrangement
    "library.kind.value-map": _("Value for citizens"),
    # da: Værdi for borgerne
    "library.kind.charter": _("Leadership charter"),
    # da: Ledelsesgrundlag
    "library.kind.leadership-chain": _("The leadership chain"),
    # da: Ledelseskæden
    "library.kind.dual-role": _("The dual role"),
    # da: Dobbeltrollen
    "library.kind.pre-ject": _("Pre-ject"),
    # da: Pre-jekt
    "library.kind.notes": _("Note list"),
    # da: Noteliste
    "library.created": _("created {date}"),
    # da: oprettet {date}
    "library.activity": _("last changed"),
    # da: sidst ændret
    "library.open": _("Open board"),
    # da: Åbn tavlen
    "library.history": _("History"),
    # da: Historik
    "history.exportPoint": _("Export this point:"),
    # da: Eksportér dette punkt:
    "library.exports": _("Export"),
    # da: Eksportér
    "library.export.md": _("Markdown (text)"),
    # da: Markdown (tekst)
    "library.export.docx": _("Word document"),
    # da: Word-dokument
    "library.export.csv": _("CSV (spreadsheet)"),
    # da: CSV (regneark)
    "library.export.png": _("Image of the map (PNG)"),
    # da: Billede af kortet (PNG)
    "library.export.json": _("Complete copy (JSON, can be imported)"),
    # da: Fuld kopi (JSON, kan importeres)
    "library.archive": _("Archive"),
    # da: Arkivér
    "library.unarchive": _("Take out of the archive"),
    # da: Tag ud af arkivet
    "library.archived": _("“{title}” is archived"),
    # da: »{title}« er arkiveret
    "library.unarchived": _("“{title}” is back among the boards"),
    # da: »{title}« er tilbage blandt tavlerne
    "library.archivedGroup": _("Archived ({count})"),
    # da: Arkiveret ({count})
    "library.readOnlyLink": _("Read-only link"),
    # da: Link til at se med
    "library.readOnlyHelp": _(
        "Anyone with this link can look at the board but not change it. It is shown only"
        " once: copy it now."
    ),
    # da: Alle med linket kan se tavlen, men ikke ændre den. Det vises kun én gang: kopiér
    #     det nu.
    "library.teamLink": _("Team link"),
    # da: Teamlink
    "library.teamHelp": _(
        "With this link a team opens the event's boards, carries the work on and takes"
        " snapshots, without your facilitator controls. It is shown only once: copy it now."
    ),
    # da: Med linket kan et team åbne arrangementets tavler, arbejde videre og tage
    #     øjebliksbilleder, uden dine facilitatorværktøjer. Det vises kun én gang: kopiér det nu.
    "library.link": _("Link"),
    # da: Link
    "library.copyLink": _("Copy link"),
    # da: Kopiér link
    "library.delete": _("Delete board"),
    # da: Slet tavlen
    "library.deleteTitle": _("Delete “{title}”?"),
    # da: Slet »{title}«?
    "library.deleteBody": _(
        "Every note, snapshot, vote and participant name is deleted. This cannot be undone."
    ),
    # da: Alle noter, øjebliksbilleder, stemmer og deltagernavne slettes. Det kan ikke
    #     fortrydes.
    "library.deleteConfirm": _("Delete for good"),
    # da: Slet for altid
    "library.deleted": _("“{title}” is deleted"),
    # da: »{title}« er slettet
    "library.deleteEvent": _("Delete event"),
    # da: Slet arrangementet
    "library.deleteEventTitle": _("Delete “{name}” and its {count} boards?"),
    # da: Slet »{name}« og dets {count} tavler?
    "library.deleteEventBody": _(
        "Every board of the event is deleted, with every note, snapshot, vote and participant"
        " name. Team links stop working. This cannot be undone."
    ),
    # da: Alle arrangementets tavler slettes med alle noter, øjebliksbilleder, stemmer og
    #     deltagernavne. Teamlinks holder op med at virke. Det kan ikke fortrydes.
    "library.deleteEventConfirm": _("Delete the event for good"),
    # da: Slet arrangementet for altid
    "library.eventDeleted": _("“{name}” is deleted"),
    # da: »{name}« er slettet
    "library.retention": _(
        "Will be deleted automatically on {date}, because no one has touched it in {days} days"
    ),
    # da: Slettes automatisk {date}, fordi ingen har rørt den i {days} dage
    # Importing a JSON export on the library page.
    "import.choose": _("Choose a JSON file exported from Tavle first."),
    # da: Vælg først en JSON-fil, der er eksporteret fra Tavle.
    "import.working": _("Importing…"),
    # da: Importerer…
    "import.done": _("New board: {title}"),
    # da: Ny tavle: {title}
    "import.open": _("Open the new board"),
    # da: Åbn den nye tavle
    "import.failed": _("The file could not be imported. Check the connection and try again."),
    # da: Filen kunne ikke importeres. Tjek forbindelsen, og prøv igen.
    # A board's history (/b/{id}/history).
    "history.timeline": _("Timeline"),
    # da: Tidslinje
    "history.previous": _("Previous"),
    # da: Forrige
    "history.next": _("Next"),
    # da: Næste
    "history.now": _("Now"),
    # da: Nu
    "history.nowDetail": _("the board as it is"),
    # da: tavlen, som den er
    "history.amendment": _("Amendment: {section}"),
    # da: Ændringsforslag: {section}
    "history.amendmentVotes": _("proposed by {name} · {for} for, {against} against"),
    # da: foreslået af {name} · {for} for, {against} imod
    "history.someone": _("a participant"),
    # da: en deltager
    "history.reason": _("Reason: {reason}"),
    # da: Begrundelse: {reason}
    "history.showing": _("Showing the snapshot “{label}”, read-only"),
    # da: Viser øjebliksbilledet »{label}«, skrivebeskyttet
    "history.showingNow": _("Showing the board as it is now, read-only"),
    # da: Viser tavlen, som den er nu, skrivebeskyttet
    "history.empty": _(
        "No snapshots yet. One is taken at every change of phase, and the facilitator or a"
        " team can take one at any time."
    ),
    # da: Ingen øjebliksbilleder endnu. Der tages et ved hvert faseskift, og facilitatoren
    #     eller et team kan tage et når som helst.
    "history.loadFailed": _("The history could not be loaded. Reload the page to try again."),
    # da: Historikken kunne ikke hentes. Genindlæs siden for at prøve igen.
    "history.documentFailed": _("This point could not be loaded. Try again."),
    # da: Dette punkt kunne ikke hentes. Prøv igen.
    "history.readOnly": _("The history cannot be changed. Open the board to work on it."),
    # da: Historikken kan ikke ændres. Åbn tavlen for at arbejde videre.
    # Comparing two points of a board's history.
    "compare.heading": _("Compare"),
    # da: Sammenlign
    "compare.from": _("From"),
    # da: Fra
    "compare.to": _("To"),
    # da: Til
    "compare.submit": _("Compare"),
    # da: Sammenlign
    "compare.needTwo": _("Comparing needs a snapshot: there is only the board as it is now."),
    # da: Sammenligning kræver et øjebliksbillede: der er kun tavlen, som den er nu.
    "compare.same": _("Choose two different points."),
    # da: Vælg to forskellige punkter.
    "compare.failed": _("The comparison could not be loaded. Try again."),
    # da: Sammenligningen kunne ikke hentes. Prøv igen.
    "compare.between": _("From “{from}” to “{to}”"),
    # da: Fra »{from}« til »{to}«
    "compare.onBoard": _("The board at “{label}”, with the changes marked"),
    # da: Tavlen ved »{label}« med ændringerne markeret
    "compare.none": _("Nothing changed between these two points."),
    # da: Intet er ændret mellem de to punkter.
    "compare.added": _("Added"),
    # da: Tilføjet
    "compare.removed": _("Removed"),
    # da: Fjernet
    "compare.moved": _("Moved"),
    # da: Flyttet
    "compare.reclustered": _("New cluster"),
    # da: Ny klynge
    "compare.edited": _("Changed text"),
    # da: Ændret tekst
    "compare.votes": _("Votes"),
    # da: Stemmer
    "compare.inZone": _("in {zone}"),
    # da: i {zone}
    "compare.inSection": _("under {section}"),
    # da: under {section}
    "compare.fromTo": _("from {from} to {to}"),
    # da: fra {from} til {to}
    "compare.noCluster": _("no cluster"),
    # da: ingen klynge
    "compare.votesChange": _("{before} → {after} dots"),
    # da: {before} → {after} prikker
    "compare.sectionNew": _("New section."),
    # da: Nyt afsnit.
    "compare.sectionGone": _("Section removed."),
    # da: Afsnittet er fjernet.
    "compare.unchanged.one": _("1 section unchanged."),
    # da: 1 afsnit uændret.
    "compare.unchanged.other": _("{count} sections unchanged."),
    # da: {count} afsnit uændrede.
    "compare.examplesAdded": _("Everyday examples added"),
    # da: Nye hverdagseksempler
    "compare.examplesRemoved": _("Everyday examples removed"),
    # da: Fjernede hverdagseksempler
    "compare.badge.added": _("New"),
    # da: Ny
    "compare.badge.moved": _("Moved"),
    # da: Flyttet
    "compare.badge.reclustered": _("New cluster"),
    # da: Ny klynge
    "compare.badge.edited": _("Changed"),
    # da: Ændret
    # A board deleted while open (close code 4410).
    "deleted.title": _("This board has been deleted"),
    # da: Tavlen er slettet
    "deleted.body": _(
        "The facilitator deleted the board. Its copy on this device has been deleted too."
    ),
    # da: Facilitatoren har slettet tavlen. Kopien på denne enhed er også slettet.
}
