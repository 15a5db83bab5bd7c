/**
 * One harness process's share of a steady run's clients: it connects them, runs their
 * load, counts what they see, and answers in plain data. The main process holds the
 * board, the participants and the clock of the run; it hands each share its clients and
 * tells it when to start, when the window opens and closes, and when to stop.
 *
 * With `--procs 1` (the default) the one share lives in the main process and is called
 * directly; with `--procs N` each of N child processes holds one (share-process.mjs,
 * driven through procs.mjs), so that each has a heap and a garbage collector of its own.
 * Every method is async and takes and returns only what structured clone carries, so the
 * main process drives both the same way.
 *
 * @module share
 */

import { charterSections, sectionText } from './charter.mjs'
import { Fleet } from './fleet.mjs'
import { FullClient } from './full-client.mjs'
import { notesHeld } from './groups.mjs'
import { Deliveries, HarnessMonitor, clockMs } from './metrics.mjs'
import { KeystrokeLog } from './typing.mjs'
import { NotePlacer } from './value-map.mjs'

/** @typedef {'writer' | 'probe' | 'light'} Role */

/**
 * A board as a share needs it.
 *
 * @typedef {object} ShareBoard
 * @property {number} boardIndex
 * @property {string} boardId
 * @property {number} receivers every other client of the board, in all processes
 * @property {number} fullClients the board's full clients, in all processes (typing: who times keystrokes)
 */

/**
 * One client of a share, as the main process made it.
 *
 * @typedef {object} ClientSpec
 * @property {Role} role
 * @property {string} name `c17`: its place in the whole run's connection order
 * @property {string} token its participant's token
 * @property {number} boardIndex
 * @property {string} wsBase the server process it connects to (tavle-2p: one in turn)
 * @property {number | null} writer a writer's number in the whole run (it writes as `w{writer}`)
 * @property {string | null} table the table it typed at join (table groups), else null
 */

/**
 * What a share is given to start with.
 *
 * @typedef {object} ShareSetup
 * @property {import('./scenarios.mjs').SteadyScenario} scenario
 * @property {import('./scenarios.mjs').RunOptions} options
 * @property {ShareBoard[]} boards
 * @property {ClientSpec[]} clients
 */

/**
 * What a share says when the window closes.
 *
 * @typedef {{ load: import('./metrics.mjs').ProcessLoad, received: { sync: number, awareness: number } }} WindowEnd
 */

/**
 * What a share reports after the drain.
 *
 * @typedef {{ edits: import('./metrics.mjs').DeliveriesData, cursors: import('./metrics.mjs').DeliveriesData, fleet: import('./fleet.mjs').FleetData }} ShareReport
 */

/** The clients of one harness process. */
export class Share {
  /** @param {ShareSetup} setup */
  constructor (setup) {
    const { scenario, options } = setup
    this.scenario = scenario
    this.edits = new Deliveries(scenario.boards)
    this.cursors = new Deliveries(scenario.boards)
    this.fleet = new Fleet()
    /** @type {Array<{ client: FullClient, spec: ClientSpec }>} */
    this.writers = []
    /** @type {FullClient[]} */
    this.probes = []
    this.monitor = new HarnessMonitor()
    this.measuring = false
    this.receivedBefore = { sync: 0, awareness: 0 }
    /** @type {NodeJS.Timeout | undefined} */
    this.beginTimer = undefined
    this.closed = false
    /** @type {Map<string, import('./clients.mjs').BoardContext>} per board and server process */
    const contexts = new Map()
    /** @type {Map<number, KeystrokeLog>} typing: one keystroke log per board */
    const keystrokes = new Map()
    const boards = new Map(setup.boards.map((board) => [board.boardIndex, board]))
    const contextOf = (/** @type {ClientSpec} */ spec) => {
      const key = `${spec.boardIndex} ${spec.wsBase}`
      let context = contexts.get(key)
      if (context === undefined) {
        const board = /** @type {ShareBoard} */ (boards.get(spec.boardIndex))
        let log = keystrokes.get(spec.boardIndex) ?? null
        if (log === null && scenario.typing) {
          // Keystrokes are timed by the full clients only: all but the typist should see each.
          log = new KeystrokeLog(this.edits, board.fullClients - 1)
          keystrokes.set(spec.boardIndex, log)
        }
        context = {
          wsBase: spec.wsBase,
          boardId: board.boardId,
          boardIndex: spec.boardIndex,
          receivers: board.receivers,
          edits: this.edits,
          cursors: this.cursors,
          keystrokes: log,
          awarenessEcho: options.awarenessEcho,
          deflate: options.deflate
        }
        contexts.set(key, context)
      }
      return context
    }
    for (const spec of setup.clients) {
      const client = this.fleet.add(spec.role === 'light' ? 'light' : 'full', contextOf(spec), spec.token, spec.name)
      if (spec.role === 'writer') this.writers.push({ client: /** @type {FullClient} */ (client), spec })
      if (spec.role === 'probe') this.probes.push(/** @type {FullClient} */ (client))
    }
  }

  /**
   * Connect every client, `concurrency` at a time.
   *
   * @param {number} concurrency
   * @param {number} timeoutMs how long each client may take to sync
   */
  async connect (concurrency, timeoutMs) {
    await this.fleet.connect(concurrency, timeoutMs)
  }

  /**
   * The writers' tables and the groups they heard (table groups).
   *
   * @returns {Promise<import('./groups.mjs').WriterSeat[]>}
   */
  async seats () {
    return this.writers.map(({ client, spec }) => ({
      name: client.name,
      board: spec.boardIndex,
      table: /** @type {string} */ (spec.table),
      group: client.group,
      heardTable: client.table
    }))
  }

  /**
   * Start the load: writers write (notes, or keystrokes when typing); in a cursor
   * scenario every client moves its cursor.
   */
  async startLoad () {
    for (const { client, spec } of this.writers) this.#startWriter(client, /** @type {number} */ (spec.writer))
    if (this.scenario.cursorRatePerS > 0) {
      for (const client of this.fleet.clients) client.startCursor(this.scenario.cursorRatePerS)
    }
  }

  /**
   * Start a writer's load: notes in a note scenario, each added as a phone adds it (a zone
   * of the value map, the order after that zone's last note, a colour, and in table groups
   * its group; value-map.mjs); keystrokes into a charter section in a typing one (writer i
   * types into section i mod 6, so several share each paragraph).
   *
   * @param {FullClient} writer
   * @param {number} index its number in the whole run
   */
  #startWriter (writer, index) {
    const scenario = this.scenario
    if (!scenario.typing) {
      const placer = new NotePlacer(writer.doc, scenario.tables > 0 ? writer.group ?? null : null)
      writer.startWriting(`w${index}`, scenario.editRatePerS, (text) => placer.add(text))
      return
    }
    const sections = charterSections()
    const sectionId = sections[index % sections.length].id
    const text = sectionText(writer.doc, sectionId)
    if (text === null) throw new Error(`${writer.name} has no text in section "${sectionId}" to type into`)
    writer.startTyping(text, scenario.editRatePerS)
  }

  /**
   * Count what is sent from `start` until `end` (`clockMs()` times) and what arrives of
   * it, and measure this process from `start` on (at once when `start` has passed).
   *
   * @param {number} start
   * @param {number} end
   */
  async open (start, end) {
    this.edits.open(start, end)
    this.cursors.open(start, end)
    const begin = () => {
      this.receivedBefore = this.fleet.received()
      this.monitor.begin()
      this.measuring = true
    }
    const wait = start - clockMs()
    if (wait <= 0) begin()
    else this.beginTimer = setTimeout(begin, wait)
  }

  /**
   * The window has ended: stop measuring this process, stop the load, and say what this
   * process used and its clients received.
   *
   * @returns {Promise<WindowEnd>}
   */
  async endWindow () {
    clearTimeout(this.beginTimer)
    if (!this.measuring) throw new Error('the window ended before it began in this harness process')
    this.measuring = false
    const load = this.monitor.stop()
    const now = this.fleet.received()
    this.fleet.stopActivity()
    return { load, received: { sync: now.sync - this.receivedBefore.sync, awareness: now.awareness - this.receivedBefore.awareness } }
  }

  /** Stop counting arrivals (after the drain). */
  async closeWindow () {
    this.edits.close()
    this.cursors.close()
  }

  /**
   * What each writer wrote and was told.
   *
   * @returns {Promise<import('./groups.mjs').WriterTally[]>}
   */
  async tallies () {
    return this.writers.map(({ client, spec }) => ({
      id: `w${spec.writer}`,
      group: client.group ?? null,
      written: client.written,
      notices: { ...client.notices }
    }))
  }

  /**
   * Each probe's count of the notes it holds, given what every writer wrote (groups.mjs).
   *
   * @param {Map<string, { group: string | null, written: number }>} expected
   * @returns {Promise<import('./groups.mjs').NotesHeld[]>}
   */
  async countHeld (expected) {
    return this.probes.map((probe) => notesHeld(probe.doc, expected))
  }

  /** @returns {Promise<ShareReport>} the tallies and the clients' numbers, to merge */
  async report () {
    return { edits: this.edits.data(), cursors: this.cursors.data(), fleet: this.fleet.data() }
  }

  /** Close every client (once). */
  async close () {
    if (this.closed) return
    this.closed = true
    clearTimeout(this.beginTimer)
    this.fleet.close()
  }
}
