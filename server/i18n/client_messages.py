"""Strings the browser client shows, in English, by key and by feature group.

The keys are the contract with `client/src`: the client calls `t(key, params)`, or
`plural(key, count, params)` for an entry marked with `plural()`. `{name}` placeholders are
filled in by the client and must survive translation. Their Danish lives only in
`locale/da/LC_MESSAGES/messages.po`.

A page gets the groups its code uses (see `PAGE_GROUPS` in server/i18n/client.py), as one
cacheable script per language, instead of every string on every page.
"""

from typing import TypeAlias

from server.i18n.markers import InContext, Plural, _, in_context, plural

ClientMessage: TypeAlias = str | Plural | InContext
Messages: TypeAlias = dict[str, ClientMessage]

COPY: Messages = {
    # Copy buttons (`data-copy`).
    "copy.done": _("Copied"),
    "copy.failed": _("Could not copy. Select the text and copy it yourself."),
}

HOME: Messages = {
    # "My boards" on the home page.
    "home.joinCode": _("Code {code}"),
    "home.created": _("Created {date}"),
    "home.forget": _("Forget"),
    "home.forgotten": _("Removed from this browser"),
}

JOIN_SCREEN: Messages = {
    # The projector's join screen.
    "join_screen.joined": plural("1 has joined", "{count} have joined"),
    "join_screen.online": _("{count} here now"),
}

SHARED: Messages = {
    # The session banner on every board screen (client/src/facilitation/).
    "session.region": _("Session"),
    "session.phase.write": _("Write"),
    "session.phase.private": _("Private writing"),
    "session.phase.vote": _("Vote"),
    "session.phase.discuss": _("Discussion"),
    "session.phaseLabel": _("Phase"),
    "session.phaseAnnounce": _("Now: {phase}"),
    "session.locked": _("The facilitator has locked the board"),
    "session.lockedForOthers": _("Locked for participants"),
    "session.unlocked": _("The board is open again."),
    "session.anonymous": _("Anonymous board"),
    "session.anonymousParticipant": _("Anonymous participant"),
    "session.focus": _("Look at: {target}"),
    "session.focus.zone": _("a zone"),
    "session.focus.cluster": _("a cluster"),
    "session.focus.section": _("a section"),
    "session.refused.title": _("Your text was not saved — copy it"),
    "session.refused.copy": _("Copy text"),
    "session.refused.close": _("Close"),
    # Showing a snapshot read-only.
    "snapshot.banner": _("Snapshot: {label}, {time} — read-only"),
    "snapshot.loadFailed": _("The snapshot could not be loaded. Reload the page to try again."),
    "snapshot.readOnly": _("A snapshot cannot be changed."),
    "snapshot.backToBoard": _("Back to the live board"),
    # The facilitator's snapshots.
    "snapshot.heading": _("Snapshots"),
    "snapshot.label": _("Name (optional)"),
    "snapshot.take": _("Take snapshot"),
    "snapshot.autoLabel": _("Snapshot {time}"),
    "snapshot.taken": _("Snapshot taken"),
    "snapshot.none": _("No snapshots yet. One is taken at every change of phase."),
    "snapshot.phase": _("Phase: {phase}"),
    "snapshot.beforeRestore": _("Before restoring #{id}"),
    "snapshot.untitled": _("Snapshot #{id}"),
    "snapshot.open": _("View"),
    "snapshot.openLabel": _("Open {label} read-only in a new tab"),
    "snapshot.restore": _("Restore"),
    "snapshot.restoreLabel": _("Restore {label}"),
    "snapshot.restoreTitle": _("Restore “{label}”?"),
    "snapshot.restoreBody": _(
        "Everyone's screen returns to this point. The board as it is now is kept as a snapshot"
        " first, so nothing is lost."
    ),
    "snapshot.restoring": _("Restoring the snapshot…"),
    "snapshot.fork": _("New board"),
    "snapshot.forkLabel": _("Start a new board from {label}"),
    "snapshot.forked": _("New board: {title}"),
    "snapshot.forkOpen": _("Open the new board"),
    "snapshot.forkCopy": _("Copy its facilitator link"),
    "snapshot.count.notes": plural("1 note", "{count} notes"),
    "snapshot.count.clusters": plural("1 cluster", "{count} clusters"),
    "snapshot.count.sections": plural("1 section", "{count} sections"),
    "snapshot.count.proposals": plural("1 proposal", "{count} proposals"),
    "snapshot.count.comments": plural("1 comment", "{count} comments"),
    "snapshot.count.examples": plural("1 example", "{count} examples"),
    # The confirm dialog (client/src/facilitation/dialog.js), also on the library page.
    "facilitation.cancel": _("Cancel"),
}

BOARD: Messages = {
    # Connection pill on the board page.
    "status.connected": _("Connected"),
    "status.connecting": _("Connecting…"),
    "status.offline": _("Offline"),
    "status.closed": _("Disconnected"),
    "status.pending": plural("1 change waiting", "{count} changes waiting"),
    # Presence list.
    "presence.you": _("(you)"),
    "presence.facilitator": _("Facilitator"),
    "presence.guest": _("Guest"),
    # Notes board.
    "notes.label": _("Write a note"),
    "notes.add": _("Add note"),
    "notes.empty": _("No notes yet. Write the first one."),
    "notes.listLabel": _("Notes"),
    "notes.own": _("Yours"),
    "notes.edit": _("Edit note"),
    "notes.delete": _("Delete note"),
    "notes.editLabel": _("Note text"),
    "notes.save": _("Save"),
    "notes.cancel": _("Cancel"),
    "notes.deletedWhileEditing": _("Someone else deleted this note. Save to keep it."),
    "notes.deleted": _("Note deleted"),
    "board.unsupported": _("This kind of board cannot be shown in this version of Tavle."),
    # The link to the projector's view, in the tools of map and charter boards alike.
    "map.present": _("Presentation view"),
    # A command for the server (type 20) while the connection is down.
    "command.offline": _("This needs a connection. Try again when you are back online."),
    # Inside the board views during a session (client/src/views/facilitation/).
    "phase.reason.private": _(
        "Private writing: only you see what you write now. The rest cannot be changed meanwhile."
    ),
    "phase.reason.vote": _("Voting: you can vote, but nothing can be written or changed now."),
    "phase.reason.discuss": _("Discussion: the board is read-only now."),
    "phase.reason.locked": _("The facilitator has locked the board: it is read-only now."),
    "private.label": _("Only you can see this until the facilitator shows everyone's"),
    "private.hint": _("Your notes stay private until the facilitator shows them all."),
    "private.saved": _("Saved privately: only you can see it."),
    "private.queued": _("Saved on this device. It is sent when you are back online."),
    "private.pending": _("Not sent yet"),
    "private.anonymous": _("Anonymous"),
    "focus.here": _("Bring everyone here"),
    "focus.sent": _("Everyone is being brought here."),
    "focus.toast": _("The facilitator has gathered everyone here"),
    "focus.dismiss": _("Close"),
    "moderation.hide": _("Hide"),
    "moderation.delete": _("Delete"),
    "moderation.hidden": _("Hidden — can be undone in the facilitator panel"),
    "moderation.deleted": _("Deleted — can be undone in the facilitator panel"),
    # Why the connection ended for good (close codes, see docs/protocol.md).
    "fatal.title": _("The connection to the board has ended"),
    "fatal.4401": _(
        "Your link to this board is no longer valid. Join again with the board's code."
    ),
    "fatal.4403": _("You have been removed from this board."),
    "fatal.4404": _("This board does not exist. Check the code and try again."),
    "fatal.4410": _("This board has been deleted."),
    "fatal.1008": _(
        "The server could not read a message from this page. Reload the page to try again."
    ),
    "fatal.1009": _(
        "Your latest change is too large to send. Reload, or discard this device's changes."
    ),
    "fatal.other": _("The server closed the connection. Reload the page to try again."),
    "fatal.rejoin": _("Join again"),
    "fatal.join": _("Enter a code"),
    "fatal.home": _("Go to the front page"),
    "fatal.reload": _("Reload page"),
    "fatal.reset": _("Discard changes on this device"),
    # The countdown on every screen.
    "timer.label": _("Time left"),
    "timer.paused": _("Paused"),
    "timer.ended": _("Time is up"),
    "timer.started": _("The countdown has started: {time}"),
    # The facilitator's panel.
    "facilitation.panel": _("Facilitation"),
    "facilitation.panelToggle": _("Facilitator panel"),
    "facilitation.requestFailed": _("That did not work. Check the connection and try again."),
    "facilitation.phase.heading": _("Phase"),
    "facilitation.phase.next": _("Next phase"),
    "facilitation.reveal": _("Show all notes"),
    "facilitation.private.notes": plural("1 note", "{count} notes"),
    "facilitation.private.writers": plural("from 1 participant", "from {count} participants"),
    "facilitation.lock": _("Lock the board for participants"),
    "facilitation.timer.heading": _("Timer"),
    "facilitation.timer.preset": _("{count} min"),
    "facilitation.timer.presetLabel": _("{count} min: start the timer"),
    "facilitation.timer.custom": _("Other number of minutes"),
    "facilitation.timer.start": _("Start"),
    "facilitation.timer.lockAtEnd": _("Lock the board when time is up"),
    "facilitation.timer.pause": _("Pause"),
    "facilitation.timer.resume": _("Resume"),
    "facilitation.timer.stop": _("Stop"),
    "facilitation.focus.heading": _("Focus"),
    "facilitation.focus.none": _("No focus: everyone moves freely."),
    "facilitation.focus.current": _("Everyone is brought to: {target}"),
    "facilitation.focus.clear": _("Release focus"),
    "facilitation.joining.heading": _("Joining"),
    "facilitation.joining.open": _("Open to new participants"),
    "facilitation.joinScreen": _("Show join screen"),
    "facilitation.anonymous": _("Anonymous board"),
    "facilitation.anonymous.help": _(
        "Hides every name. It can be turned on only before anyone has written."
    ),
    "facilitation.people.heading": _("Participants"),
    "facilitation.people.summary": _("{joined} joined · {online} here now"),
    "facilitation.people.none": _("No one has joined yet."),
    "facilitation.people.online": _("here now"),
    "facilitation.people.removed": _("removed"),
    "facilitation.people.remove": _("Remove"),
    "facilitation.people.removeLabel": _("Remove {name}"),
    "facilitation.people.removeTitle": _("Remove {name}?"),
    "facilitation.people.removeBody": _(
        "{name} is taken off the board at once and cannot come back with the same link. What they"
        " wrote stays."
    ),
    "facilitation.people.failed": _("The list of participants could not be loaded."),
    "facilitation.cofacilitator.heading": _("Co-facilitators"),
    "facilitation.cofacilitator.create": _("Co-facilitator link"),
    "facilitation.cofacilitator.help": _(
        "The link gives the same powers as yours. It is shown only once: copy it now."
    ),
    "facilitation.cofacilitator.copy": _("Copy link"),
    "facilitation.cofacilitator.revoke": _("Revoke all"),
    "facilitation.cofacilitator.revokeTitle": _("Revoke every co-facilitator link?"),
    "facilitation.cofacilitator.revokeBody": _(
        "The links stop working at once. Screens already open stay until they are closed."
    ),
    "facilitation.cofacilitator.revoked": _("Co-facilitator links revoked"),
    "facilitation.moderation.heading": _("Hidden and deleted"),
    "facilitation.moderation.none": _("Nothing is hidden or deleted."),
    "facilitation.moderation.hide": _("Hidden"),
    "facilitation.moderation.delete": _("Deleted"),
    "facilitation.moderation.restore": _("Restore"),
    "facilitation.moderation.restoreLabel": _("Restore “{text}”"),
    "facilitation.moderation.untitled": _("(no text)"),
    "facilitation.shortcuts.heading": _("Keyboard shortcuts"),
    "facilitation.shortcuts.nextPhase": _("Next phase"),
    "facilitation.shortcuts.timer": _("Start or pause the timer"),
    "facilitation.shortcuts.snapshot": _("Take a snapshot"),
    "facilitation.shortcuts.lock": _("Lock or unlock the board"),
    "facilitation.shortcuts.panel": _("Show or hide this panel"),
    # A board deleted while open (close code 4410).
    "deleted.title": _("This board has been deleted"),
    "deleted.body": _(
        "The facilitator deleted the board. Its copy on this device has been deleted too."
    ),
}

COMPARE: Messages = {
    # Comparing two points of a board's history.
    "compare.heading": _("Compare"),
    "compare.from": _("From"),
    "compare.to": _("To"),
    "compare.submit": _("Compare"),
    "compare.needTwo": _("Comparing needs a snapshot: there is only the board as it is now."),
    "compare.same": _("Choose two different points."),
    "compare.failed": _("The comparison could not be loaded. Try again."),
    "compare.between": _("From “{from}” to “{to}”"),
    "compare.onBoard": _("The board at “{label}”, with the changes marked"),
    "compare.none": _("Nothing changed between these two points."),
    "compare.added": _("Added"),
    "compare.removed": _("Removed"),
    "compare.moved": _("Moved"),
    "compare.reclustered": _("New cluster"),
    "compare.edited": _("Changed text"),
    "compare.votes": _("Votes"),
    "compare.inZone": _("in {zone}"),
    "compare.inSection": _("under {section}"),
    "compare.fromTo": _("from {from} to {to}"),
    "compare.noCluster": _("no cluster"),
    "compare.votesChange": _("{before} → {after} dots"),
    "compare.sectionNew": _("New section."),
    "compare.sectionGone": _("Section removed."),
    "compare.unchanged": plural("1 section unchanged.", "{count} sections unchanged."),
    "compare.examplesAdded": _("Everyday examples added"),
    "compare.examplesRemoved": _("Everyday examples removed"),
    "compare.badge.added": _("New"),
    "compare.badge.moved": _("Moved"),
    "compare.badge.reclustered": _("New cluster"),
    "compare.badge.edited": _("Changed"),
}

MAP: Messages = {
    # Map boards (value for citizens and the other zone templates).
    "map.zones": _("Zones"),
    "map.zone": _("Zone"),
    "map.color": _("Colour"),
    "map.color.yellow": _("Yellow"),
    "map.color.green": _("Green"),
    "map.color.blue": _("Blue"),
    "map.color.pink": _("Pink"),
    "map.color.orange": _("Orange"),
    "map.color.purple": _("Purple"),
    "map.arrivals": plural("1 new note from others", "{count} new notes from others"),
    "map.added": _("Added to “{zone}”"),
    # "Your notes" under a phone's write form.
    "map.own.heading": _("Your notes"),
    "map.own.board": _("See the whole board"),
    "map.own.empty": _("The notes you add show here."),
    "map.own.new": _("Just added"),
    "map.own.private": _("Only you can see it"),
    "map.own.more": plural("And 1 more on the board", "And {count} more on the board"),
    "map.moved": _("Moved to “{zone}”"),
    "map.noZones": _("This board has no zones yet."),
    "map.noteCount": plural("1 note", "{count} notes"),
    "map.note.zone": _("The note's zone"),
    "map.select": _("Select note"),
    "map.moveTo": _("Move to zone"),
    # The facilitator's one menu per note: edit, move, hide, delete.
    # "More", not "Actions": a pre-jekt's notes are made actions ("handlinger", issue 15).
    "map.note.actions": _("More"),
    "map.moveUp": _("Move up"),
    "map.moveDown": _("Move down"),
    "map.drag": _("Drag to move"),
    "map.zone.empty": _("No notes here yet."),
    "map.zone.untitled": _("Untitled zone"),
    "map.zone.edit": _("Edit zone"),
    "map.zone.title": _("Zone title"),
    "map.zone.question": _("Guiding question"),
    "map.zone.left": _("Move zone left"),
    "map.zone.right": _("Move zone right"),
    "map.zone.remove": _("Remove zone"),
    "map.zone.removeTitle": _("Remove the zone “{zone}”?"),
    "map.zone.removeBody": plural(
        "Its note moves to “{target}”.", "Its {count} notes move to “{target}”."
    ),
    "map.zone.removeEmpty": _("It has no notes."),
    "map.zone.removed": _("Zone removed"),
    "map.zone.add": _("Add zone"),
    "map.zone.newTitle": _("New zone"),
    "map.cluster.groupLegend": _("Group into cluster"),
    "map.cluster.name": _("Cluster name"),
    "map.cluster.group": _("Group"),
    "map.cluster.clear": _("Clear selection"),
    "map.cluster.selected": plural("1 note selected", "{count} notes selected"),
    "map.cluster.needNotes": _("Select notes first."),
    "map.cluster.needName": _("Give the cluster a name."),
    "map.cluster.grouped": _("Cluster “{name}” made"),
    "map.cluster.untitled": _("Untitled cluster"),
    "map.cluster.size": plural("1 note", "{count} notes"),
    "map.cluster.rename": _("Rename cluster"),
    "map.cluster.newName": _("New name for the cluster"),
    "map.cluster.addSelected": _("Add selected notes"),
    "map.cluster.dissolve": _("Dissolve cluster"),
    "map.cluster.dissolved": _("Cluster dissolved"),
    "map.cluster.label": _("Cluster"),
    "map.count.notes": _("Notes"),
    "map.count.participants": _("Participants"),
    "map.zoom": _("Zoom"),
    # The wall's toolbar: the note form and the vote settings open over the wall.
    "map.drawer.write": _("Write note"),
    "map.drawer.vote": _("Voting"),
    "map.zoomFit": _("Zoom to fit"),
    "map.zoom100": _("100%"),
    # Dot voting on map boards.
    "map.vote.heading": _("Dot voting"),
    "map.vote.budget": _("Dots per person"),
    "map.vote.perNote": _("Dots per note"),
    "map.vote.scope": _("Vote on"),
    "map.vote.wholeBoard": _("The whole board"),
    "map.vote.showLive": _("Show results live"),
    "map.vote.start": _("Start vote"),
    "map.vote.end": _("End vote"),
    "map.vote.showResults": _("Show results"),
    "map.vote.hideResults": _("Hide results"),
    "map.vote.none": _("No vote yet."),
    "map.vote.progressOpen": _("Voting is open: {voters}, {dots}."),
    "map.vote.progressClosed": _("Voting has ended: {voters}, {dots}."),
    "map.vote.voters": plural("1 person has voted", "{count} people have voted"),
    "map.vote.dots": plural("1 dot", "{count} dots"),
    "map.vote.left": plural("1 dot left", "{count} dots left"),
    "map.vote.inZone": _("in “{zone}”"),
    "map.vote.ended": _("Voting has ended. Thank you!"),
    "map.vote.add": _("Add dot"),
    "map.vote.remove": _("Remove dot"),
    "map.vote.mine": _("Your dots: {count}"),
    "map.voteList.heading": _("Place your dots"),
    "map.results.heading": _("Results"),
    "map.results.empty": _("No dots yet."),
    "map.results.all": _("See the whole ranking ({count})"),
    "map.results.previous": _("Previous"),
    "map.results.next": _("Next"),
    "map.results.page": _("Page {page} of {pages}"),
    "map.vote.top": _("Results shown"),
}

CHARTER: Messages = {
    # Charter boards (the leadership charter).
    "charter.noSections": _("This charter has no sections yet."),
    "charter.state.open": _("Open for writing"),
    "charter.state.agreed": _("Agreed"),
    "charter.section.preamble": _("Preamble"),
    "charter.section.principle": _("Principle {number}"),
    "charter.section.untitled": _("Untitled section"),
    "charter.section.back": _("All sections"),
    "charter.section.openLabel": _("Open “{section}”"),
    "charter.section.wordingLabel": _("Wording of “{section}”"),
    "charter.section.agree": _("Mark as agreed"),
    "charter.section.reopen": _("Reopen for writing"),
    "charter.section.edit": _("Edit section"),
    "charter.section.up": _("Move section up"),
    "charter.section.down": _("Move section down"),
    "charter.section.remove": _("Remove section"),
    "charter.section.removeTitle": _("Remove the section “{section}”?"),
    "charter.section.removeBody": _("Its wording and everyday examples go with it."),
    "charter.section.removed": _("Section removed"),
    "charter.section.add": _("Add section"),
    "charter.section.newTitle": _("New principle"),
    "charter.section.title": _("Title"),
    "charter.section.question": in_context("section", "Guiding question"),
    "charter.section.proposals": plural("1 open proposal", "{count} open proposals"),
    "charter.section.examples": plural("1 example", "{count} examples"),
    "charter.format.toolbar": _("Formatting"),
    "charter.format.toolbarFor": _("Formatting of “{section}”"),
    "charter.format.bold": _("Bold"),
    "charter.format.italic": _("Italic"),
    "charter.format.bullets": _("Bulleted list"),
    "charter.format.numbers": _("Numbered list"),
    "charter.format.undo": _("Undo"),
    "charter.format.redo": _("Redo"),
    "charter.diff.added": _("added:"),
    "charter.diff.removed": _("removed:"),
    "charter.diff.same": _("No change in the text."),
    "charter.proposal.heading": _("Proposals"),
    "charter.proposal.new": _("Propose new wording"),
    "charter.proposal.help": _(
        "Change the text below. The others see the changes marked and can vote."
    ),
    "charter.proposal.wordingLabel": _("Proposed wording"),
    "charter.proposal.reasonLabel": _("Why? (one line)"),
    "charter.proposal.reasonCount": _("{count} of {max} characters"),
    "charter.proposal.submit": _("Send proposal"),
    "charter.proposal.sent": _("Your proposal has been sent"),
    "charter.proposal.unchanged": _(
        "The proposal is the same as the current wording. Change the text first."
    ),
    "charter.proposal.needReason": _("Write briefly why."),
    "charter.proposal.label": _("Proposal"),
    "charter.proposal.yours": in_context("proposal", "Yours"),
    "charter.proposal.reason": _("Why"),
    "charter.proposal.stale": _(
        "Written against an earlier wording; the changes are shown against the current one."
    ),
    "charter.proposal.for": _("{count} for"),
    "charter.proposal.against": _("{count} against"),
    "charter.proposal.tally": _("{for} for, {against} against"),
    "charter.proposal.vote.for": _("Vote for"),
    "charter.proposal.vote.against": _("Vote against"),
    "charter.proposal.withdraw": _("Withdraw proposal"),
    "charter.proposal.withdrawTitle": _("Withdraw your proposal?"),
    "charter.proposal.withdrawBody": _(
        "The votes and comments stay, but nobody can vote on it any more."
    ),
    "charter.proposal.accept": _("Accept"),
    "charter.proposal.reject": _("Reject"),
    "charter.proposal.status.open": _("Open"),
    "charter.proposal.status.accepted": _("Accepted"),
    "charter.proposal.status.rejected": _("Rejected"),
    "charter.proposal.status.withdrawn": _("Withdrawn"),
    "charter.comment.summary": _("Comments ({count})"),
    "charter.comment.label": _("Write a comment"),
    "charter.comment.add": _("Comment"),
    "charter.comment.delete": _("Delete comment"),
    "charter.example.heading": _("Everyday examples"),
    "charter.example.empty": _("No examples yet. What does this look like on an ordinary day?"),
    "charter.example.new": _("Add an everyday example"),
    "charter.example.label": _("Your example"),
    "charter.example.scope": _("Where is it from?"),
    "charter.example.scope.own": _("My own unit"),
    "charter.example.scope.across": _("Across the organisation"),
    "charter.example.unit": _("Unit (optional)"),
    # An example carried from an earlier round (docs/programme.md): the event it was written at.
    "charter.example.event": _("from the event {event}"),
    "charter.example.add": _("Add example"),
    "charter.example.added": _("Example added"),
    "charter.example.like": _("Like"),
    "charter.example.likes": plural("1 like", "{count} likes"),
    "charter.example.edit": _("Edit"),
    "charter.example.delete": _("Delete example"),
    "charter.example.deleteTitle": _("Delete this example?"),
    "charter.example.deleted": _("Example deleted"),
    "charter.history.open": _("History"),
    "charter.history.heading": _("History of “{section}”"),
    "charter.history.loading": _("Loading versions…"),
    "charter.history.failed": _("The history could not be loaded. Try again."),
    "charter.history.none": _(
        "No versions yet. One is kept when the section or an amendment is agreed."
    ),
    "charter.history.position": _("Version {number} of {total}"),
    "charter.history.agreed": _("Agreed {when}"),
    "charter.history.amendment": _("Amendment by {name}, accepted {when}"),
    "charter.history.someone": _("a participant"),
    "charter.history.previous": _("Previous"),
    "charter.history.next": _("Next"),
    "charter.history.compareWith": _("Compare with"),
    "charter.history.withPrevious": _("the version before"),
    "charter.history.withLive": _("the current wording"),
    "charter.history.between": _("Changes from version {from} to version {to}:"),
    "charter.history.snapshot": _("Snapshot {when}"),
    "charter.history.vsPrevious": _("Changes from the version before:"),
    "charter.history.vsLive": _("Changes from this version to the current wording:"),
    "charter.history.first": _("The first version:"),
    "charter.history.close": _("Close history"),
    "charter.export.heading": _("Export"),
    "charter.export.markdown": _("Markdown"),
    "charter.export.word": _("Word"),
    "charter.export.appendix": _("Include amendments appendix"),
    "charter.export.print": _("Print"),
}

LIBRARY: Messages = {
    # The library (/library): boards by event, search, links, deletion.
    "library.loading": _("Loading your boards…"),
    "library.failed": _("That did not work. Check the connection and try again."),
    "library.empty": _(
        "No boards here yet. Open a board with its facilitator link, or a team link, and it appears"
        " here."
    ),
    "library.noHits": _("No boards match “{query}”."),
    "library.hits": plural("1 board matches “{query}”.", "{count} boards match “{query}”."),
    "library.noEvent": _("Boards without an event"),
    "library.kind.value-map": _("Value for citizens"),
    "library.kind.charter": _("Leadership charter"),
    "library.kind.leadership-chain": _("The leadership chain"),
    "library.kind.dual-role": _("The dual role"),
    "library.kind.pre-ject": _("Pre-ject"),
    "library.kind.notes": _("Note list"),
    "library.created": _("created {date}"),
    "library.activity": _("last changed"),
    "library.open": _("Open board"),
    "library.history": _("History"),
    "library.exports": _("Export"),
    "library.export.md": _("Markdown (text)"),
    "library.export.docx": _("Word document"),
    "library.export.csv": _("CSV (spreadsheet)"),
    "library.export.png": _("Image of the map (PNG)"),
    "library.export.json": _("Complete copy (JSON, can be imported)"),
    "library.archive": _("Archive"),
    "library.unarchive": _("Take out of the archive"),
    "library.archived": _("“{title}” is archived"),
    "library.unarchived": _("“{title}” is back among the boards"),
    "library.archivedGroup": _("Archived ({count})"),
    "library.readOnlyLink": _("Read-only link"),
    "library.readOnlyHelp": _(
        "Anyone with this link can look at the board but not change it. It is shown only once: copy"
        " it now."
    ),
    "library.teamLink": _("Team link"),
    "library.teamHelp": _(
        "With this link a team opens the event's boards, carries the work on and takes snapshots,"
        " without your facilitator controls. It is shown only once: copy it now."
    ),
    "library.link": _("Link"),
    "library.copyLink": _("Copy link"),
    "library.delete": _("Delete board"),
    "library.deleteTitle": _("Delete “{title}”?"),
    "library.deleteBody": _(
        "Every note, snapshot, vote and participant name is deleted. This cannot be undone."
    ),
    "library.deleteConfirm": _("Delete for good"),
    "library.deleted": _("“{title}” is deleted"),
    "library.deleteEvent": _("Delete event"),
    "library.deleteEventTitle": _("Delete “{name}” and its {count} boards?"),
    "library.deleteEventBody": _(
        "Every board of the event is deleted, with every note, snapshot, vote and participant name."
        " Team links stop working. This cannot be undone."
    ),
    "library.deleteEventConfirm": _("Delete the event for good"),
    "library.eventDeleted": _("“{name}” is deleted"),
    "library.retention": _(
        "Will be deleted automatically on {date}, because no one has touched it in {days} days"
    ),
    # Importing a JSON export on the library page.
    "import.choose": _("Choose a JSON file exported from Tavle first."),
    "import.working": _("Importing…"),
    "import.done": _("New board: {title}"),
    "import.open": _("Open the new board"),
    "import.failed": _("The file could not be imported. Check the connection and try again."),
}

HISTORY: Messages = {
    "history.exportPoint": _("Export this point:"),
    # A board's history (/b/{id}/history).
    "history.timeline": _("Timeline"),
    "history.previous": _("Previous"),
    "history.next": _("Next"),
    "history.now": _("Now"),
    "history.nowDetail": _("the board as it is"),
    "history.amendment": _("Amendment: {section}"),
    "history.amendmentVotes": _("proposed by {name} · {for} for, {against} against"),
    "history.someone": _("a participant"),
    "history.reason": _("Reason: {reason}"),
    "history.showing": _("Showing the snapshot “{label}”, read-only"),
    "history.showingNow": _("Showing the board as it is now, read-only"),
    "history.empty": _(
        "No snapshots yet. One is taken at every change of phase, and the facilitator or a team can"
        " take one at any time."
    ),
    "history.loadFailed": _("The history could not be loaded. Reload the page to try again."),
    "history.documentFailed": _("This point could not be loaded. Try again."),
    "history.readOnly": _("The history cannot be changed. Open the board to work on it."),
}

# Programmes and rounds (issue 15, docs/programme.md): carrying a board on from the library,
# and a programme's page.
PROGRAMME: Messages = {
    "programme.kind.seminar-12-12": _("12-12 seminar"),
    "programme.kind.theme-day": _("Theme day"),
    "programme.kind.storledermoede": _("Large leadership meeting"),
    "programme.kind.leader-network": _("Leader network"),
    "programme.kindNone": _("Not given"),
    "programme.carry": _("Carry into next event"),
    "programme.carryTitle": _("Carry “{title}” into the next event"),
    "programme.carryCharter": _(
        "The new round starts from each section's wording, open for work again, with its everyday"
        " examples, each marked with {event}. Proposals stay in this round's history."
    ),
    "programme.carryMap": _(
        "The new round starts from this board's zones and notes. Table groups stay with {event}."
    ),
    "programme.carryWhere": _("Which event does it go on in?"),
    "programme.carryExisting": _("An event you already have"),
    "programme.carryNew": _("A new event"),
    "programme.carryEvent": _("Event"),
    "programme.eventName": _("Name of the event"),
    "programme.eventDate": _("Date (optional)"),
    "programme.meetingKind": _("Kind of meeting"),
    "programme.notesWhich": _("Which notes go on?"),
    "programme.notesAll": _("All notes"),
    "programme.notesTop": _("Only the top-voted notes of the latest dot vote"),
    "programme.notesTopCount": _("How many"),
    "programme.newTitle": _("Title of the new board"),
    "programme.programmeName": _("Name of the programme"),
    "programme.programmeHelp": _(
        "A programme is the series of events the work goes through. This event and the next"
        " become its first two."
    ),
    "programme.carryConfirm": _("Carry into the event"),
    "programme.cancel": _("Cancel"),
    "programme.eventNameMissing": _("Please give the new event a name."),
    "programme.titleMissing": _("Please give the board a title."),
    "programme.topInvalid": _("Write a number from 1 to {limit}."),
    "programme.carried": _("“{title}” goes on in {event}"),
    "programme.carriedHelp": _(
        "The new round's facilitator link, shown only now. This browser keeps it; save it if"
        " someone else runs {event}."
    ),
    "programme.openRound": _("Open the new round"),
    "programme.openProgramme": _("See the programme"),
    "programme.laterRound": _("continues an earlier round"),
    "programme.inProgramme": _("Programme: {name}"),
    # A pre-jekt's action list in the library's export menu (kinds with actions).
    "programme.actionsExport.csv": _("Action list (CSV)"),
    "programme.actionsExport.docx": _("Action list (Word)"),
    # The programme's page.
    "programme.loading": _("Loading the programme…"),
    "programme.failed": _("The programme could not be loaded. Reload the page to try again."),
    "programme.events": _("Events in order"),
    "programme.noBoards": _("No boards in this event."),
    "programme.round": _("round {round}"),
    "programme.roundOf": _("Round {round} · {event} · {title}"),
    "programme.continues": _("continues “{title}” from {event}"),
    "programme.noAccess": _("you have no link to this board"),
    "programme.history": _("History"),
    "programme.compareHeading": _("Compare rounds"),
    "programme.compareNone": _(
        "When a board has been carried into a later event, you can compare its rounds here."
    ),
    "programme.compareFrom": _("From round"),
    "programme.compareTo": _("To round"),
    "programme.compare": _("Compare"),
    "programme.compareSame": _("Choose two different rounds."),
    "programme.comparing": _("From {from} to {to}"),
}


LUS: Messages = {
    # An LUS pilot's notes: the guide section a note concerns, and amendments to the guide.
    "lus.topic": _("Which section of the guide?"),
    "lus.topic.none": _("No section"),
    "lus.topic.chip": _("Section: {title}"),
    "lus.send": _("Send to the guide as an amendment"),
    "lus.sent": _("Sent to the guide"),
    "lus.dialog.title": _("Amendment to the guide"),
    "lus.guide": _("Conversation guide"),
    "lus.section": _("Section of the guide"),
    "lus.wording": _("Proposed wording"),
    "lus.wordingHint": _(
        "This is the section's wording now: change it into what you propose. A line per"
        " paragraph; start a line with “- ” for a bullet."
    ),
    "lus.reason": _("Reason: the note"),
    "lus.submit": _("Send the amendment"),
    "lus.noGuide": _(
        "This event has no LUS conversation guide yet. Create one in the same event first."
    ),
    "lus.noAnswer": _("the server did not answer"),
    "lus.failed": _("The amendment could not be sent: {message}"),
    "lus.done": _("Sent to “{guide}” as an amendment."),
}

ACTIONS: Messages = {
    # A pre-jekt's notes made actions, carried on after the seminar.
    "actions.make": _("Make it an action"),
    "actions.edit": _("Edit the action"),
    "actions.what": _("What will you do?"),
    "actions.who": _("Who"),
    "actions.whoHint": _("Names, as you agree them"),
    "actions.due": _("By when"),
    "actions.status": _("Progress"),
    "actions.status.idea": _("Idea"),
    "actions.status.running": _("Running"),
    "actions.status.tried": _("Tried"),
    "actions.status.scaled": _("Scaled"),
    "actions.status.stopped": _("Stopped"),
    "actions.learning": _("What did you learn? (one line)"),
    "actions.learned": _("Learned: {text}"),
    "actions.save": _("Save the action"),
    "actions.saved": _("The action is saved."),
    "actions.badge": _("Action: {status}"),
    "actions.dueOn": _("by {date}"),
    "actions.heading": _("Actions"),
    "actions.empty": _("No actions yet. Make a note an action with its button."),
    "actions.export.csv": _("Action list (CSV)"),
    "actions.export.docx": _("Action list (Word)"),
}

SECTION_VOTE: Messages = {
    # A charter's dot vote over its sections (views/charter/section-vote.js): the LUS
    # guide's plenum picks the themes common to every conversation.
    "sectionVote.heading": _("Dot vote on the sections"),
    "sectionVote.question": _("Which sections matter most?"),
    "sectionVote.budget": _("Dots per person"),
    "sectionVote.perSection": _("Dots per section"),
    "sectionVote.start": _("Start vote"),
    "sectionVote.end": _("End vote"),
    "sectionVote.showResults": _("Show results"),
    "sectionVote.hideResults": _("Hide results"),
    "sectionVote.none": _("No vote yet."),
    "sectionVote.progressOpen": _("Voting is open: {voters}, {dots}."),
    "sectionVote.progressClosed": _("Voting has ended: {voters}, {dots}."),
    "sectionVote.voters": plural("1 person has voted", "{count} people have voted"),
    "sectionVote.dots": plural("1 dot", "{count} dots"),
    "sectionVote.left": plural("1 dot left", "{count} dots left"),
    "sectionVote.mine": _("Your dots: {count}"),
    "sectionVote.add": _("Add dot"),
    "sectionVote.remove": _("Remove dot"),
    "sectionVote.addTo": _("Add dot to “{section}”"),
    "sectionVote.removeFrom": _("Remove dot from “{section}”"),
    "sectionVote.opened": _("Voting has started: place your dots."),
    "sectionVote.ended": _("Voting has ended. Thank you!"),
    "sectionVote.results": _("Results"),
    "sectionVote.chosen": plural("The common theme", "The {count} common themes"),
    "sectionVote.others": _("The other sections"),
    "sectionVote.tie": _(
        "Places {place} and {next} have as many dots: decide together which one is in."
    ),
}

# Table groups (views/facilitation/table-groups.js, and each engine's groups.js).
GROUPS: Messages = {
    "groups.heading": _("Table groups"),
    "groups.intro": _(
        "Split the room into table groups: each group writes in its own copy of the zones."
    ),
    "groups.tables": plural(
        "1 person here has typed a table number.", "{count} people here have typed a table number."
    ),
    "groups.byTable": _("Split by table number"),
    "groups.size": _("People per group"),
    "groups.sizeInvalid": _("Choose a whole number from {min} to {max}."),
    "groups.random": _("Split at random"),
    "groups.plenum": _("Back to plenum"),
    "groups.plenumHelp": _(
        "Each group's notes become one cluster per zone, titled with the group's name."
    ),
    "groups.show": _("Show"),
    "groups.all": _("All groups side by side"),
    "groups.plenumSpace": _("Plenum"),
    "groups.people": plural("1 person", "{count} people"),
    "groups.notes": plural("1 note", "{count} notes"),
    "groups.noNotes": _("No notes yet."),
    "groups.mine": _("Your group: {title}"),
    "groups.mineHelp": _(
        "Your notes go into your group's space until the facilitator brings everyone back to"
        " plenum."
    ),
    "groups.split": plural(
        "The room is split into 1 group.", "The room is split into {count} groups."
    ),
    "groups.back": _("Everyone is back in plenum: each group's notes are a cluster now."),
    # A charter's table groups (views/charter/groups.js): each drafts one section.
    "groups.introDrafts": _(
        "Split the room into table groups: each table drafts one section's wording together."
    ),
    "groups.draftOf": _("Your table's draft of “{section}”"),
    "groups.draftSection": _("Drafts “{section}”"),
    "groups.draftHelp": _(
        "Write the wording together here. In plenum it becomes your table's amendment."
    ),
    "groups.draftLabel": _("{group}'s draft of “{section}”"),
    "groups.mineDraftHelp": _(
        "Your table drafts one section together, below. The facilitator brings every draft"
        " back to plenum as an amendment."
    ),
    "groups.plenumDraftHelp": _(
        "Each table's changed draft becomes an amendment of its section, for the plenum to vote on."
    ),
    "groups.backDrafts": _(
        "Everyone is back in plenum: each table's draft is an amendment to vote on now."
    ),
}

# The feature groups a page can ask for, by name.
CLIENT_GROUPS: dict[str, Messages] = {
    "copy": COPY,
    "home": HOME,
    "join_screen": JOIN_SCREEN,
    "shared": SHARED,
    "board": BOARD,
    "compare": COMPARE,
    "map": MAP,
    "groups": GROUPS,
    "charter": CHARTER,
    "library": LIBRARY,
    "history": HISTORY,
    "programme": PROGRAMME,
    "lus": LUS,
    "actions": ACTIONS,
    "section_vote": SECTION_VOTE,
}

CLIENT_MESSAGES: Messages = {
    key: message for group in CLIENT_GROUPS.values() for key, message in group.items()
}
