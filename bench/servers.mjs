/**
 * The servers under test, each started fresh per run as its own process on a free port:
 * Tavle (`python -m server serve`, with a temporary data folder), the reference Node
 * server (`@y/websocket-server` 0.1.1, in memory), and `tavle-2p`: two Tavle processes on
 * one data folder with a Redis between them (issue 14), clients spread over both.
 *
 * @module servers
 */

import { spawn } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'

import { processCpuSeconds, processPeakMemoryMiB } from './metrics.mjs'

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url))
export const REPO_DIR = dirname(BENCH_DIR)

const READY_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 15_000
const LOG_TAIL_LINES = 40
const JOIN_CONCURRENCY = 8
/**
 * Notes one participant may add to a board on the bench's Tavle (`TAVLE_MAX_ITEMS_PER_PERSON`;
 * 200 by default). A writer adds `rate × (warm-up + window)` notes, about 46 in a default run
 * and 126 with `--duration 60`, the cold load 1,000 of its own: each run checks its writers
 * stay below this (`checkItemsPerPerson`), since notes past it are removed and not delivered.
 */
export const BENCH_MAX_ITEMS_PER_PERSON = 2000

/**
 * The CPUs the servers (Tavle, Redis, the reference) run on, as `taskset -c` takes them
 * (`run.mjs --pin`); null: wherever the kernel puts them.
 * @type {string | null}
 */
let serverCpus = null

/** @param {string | null} cpus */
export function pinServers (cpus) {
  serverCpus = cpus
}

/**
 * Spawn a server process, on the pinned CPUs if there are any. taskset execs the command,
 * so the pid (whose CPU the run measures) is the server's own.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} options
 */
function spawnServer (command, args, options) {
  return serverCpus === null
    ? spawn(command, args, options)
    : spawn('taskset', ['-c', serverCpus, command, ...args], options)
}

/** Return a TCP port that is free on 127.0.0.1 right now. */
export function freePort () {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/**
 * A board on a server: its id, what a client needs to join it, and the facilitator's
 * token (null where the server has no roles: the reference).
 *
 * @typedef {{ id: string, joinCode: string | null, facilitatorToken: string | null }} Board
 */

/**
 * The table number client `index` types at join (`POST /api/join`'s `table`), or null
 * for none.
 *
 * @typedef {(index: number) => string | null} TableOf
 */

/** A server process under test; subclasses know how to start and use each kind. */
class ServerProcess {
  /**
   * @param {string} name `tavle` or `reference`
   * @param {number} port
   */
  constructor (name, port) {
    this.name = name
    this.port = port
    this.httpBase = `http://127.0.0.1:${port}`
    /** The base URL y-websocket appends the room name to. */
    this.wsBase = `ws://127.0.0.1:${port}/ws`
    /** @type {import('node:child_process').ChildProcess | null} */
    this.child = null
    /** @type {string[]} */
    this.tail = []
    /** @type {string[]} lines of this run's output that match `watchPattern` */
    this.watched = []
    /** @type {RegExp | null} */
    this.watchPattern = null
    this.exited = false
  }

  /** Whether a restart keeps the boards (Tavle stores them; the reference does not). */
  get persistent () {
    return false
  }

  /** How many notes one participant may add to a board (the reference has no limit). */
  get maxItemsPerPerson () {
    return Infinity
  }

  /**
   * Refuse a run whose writers would add more notes each than one person may.
   *
   * @param {number} notes notes one writer adds, at most
   * @param {string} scenario
   */
  checkItemsPerPerson (notes, scenario) {
    if (notes > this.maxItemsPerPerson) {
      throw new Error(
        `${scenario}: a writer would add ${notes} notes, above the ${this.maxItemsPerPerson} one person may ` +
        'add on the bench\'s Tavle: raise BENCH_MAX_ITEMS_PER_PERSON (bench/servers.mjs) or shorten the run'
      )
    }
  }

  /** @returns {{ command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, readyPath: string }} */
  launch () {
    throw new Error('a server kind must say how it is launched')
  }

  /** Start the process and wait until it answers HTTP. */
  async start () {
    const { command, args, cwd, env, readyPath } = this.launch()
    this.tail = []
    this.watched = []
    this.exited = false
    const child = spawnServer(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    this.child = child
    child.once('exit', () => { this.exited = true })
    for (const stream of [child.stdout, child.stderr]) {
      let partial = ''
      stream?.setEncoding('utf8')
      stream?.on('data', (/** @type {string} */ chunk) => {
        const lines = (partial + chunk).split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) this.#remember(line)
      })
    }
    const deadline = Date.now() + READY_TIMEOUT_MS
    while (Date.now() < deadline) {
      if (this.exited) throw this.failure('exited while starting')
      try {
        const response = await fetch(this.httpBase + readyPath)
        if (response.ok) return
      } catch {
        // not listening yet
      }
      await sleep(50)
    }
    throw this.failure(`did not answer ${readyPath} within ${READY_TIMEOUT_MS} ms`)
  }

  /** @param {string} line */
  #remember (line) {
    // BENCH_LOG_DIR=folder keeps each server's whole output there, to look into a run.
    if (process.env.BENCH_LOG_DIR) appendFileSync(join(process.env.BENCH_LOG_DIR, `${this.name}.log`), line + '\n')
    this.tail.push(line)
    if (this.tail.length > LOG_TAIL_LINES) this.tail.shift()
    if (this.watchPattern?.test(line)) this.watched.push(line)
  }

  /**
   * Return an error that carries the end of the server's output.
   *
   * @param {string} what
   * @returns {Error}
   */
  failure (what) {
    return new Error(`${this.name} server ${what}; its last output:\n${this.tail.join('\n')}`)
  }

  /** @returns {number} */
  get pid () {
    if (this.child?.pid === undefined || this.exited) throw this.failure('is not running')
    return this.child.pid
  }

  /** Return the CPU seconds the server has used since it started. */
  cpuSeconds () {
    return processCpuSeconds(this.pid)
  }

  /** Return the server's peak resident memory (MiB) so far. */
  peakMemoryMiB () {
    return processPeakMemoryMiB(this.pid)
  }

  /**
   * Stop the process: SIGTERM (a clean shutdown) or SIGKILL (a crash), then wait.
   *
   * @param {'SIGTERM' | 'SIGKILL'} [signal]
   */
  async stop (signal = 'SIGTERM') {
    const child = this.child
    if (child === null || this.exited) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
    await exited
    clearTimeout(timer)
    this.child = null
  }

  /**
   * Create a board to run a scenario on. A server without board kinds (the reference)
   * gets an empty document whatever the kind; the scenario seeds it (charter.mjs,
   * value-map.mjs).
   *
   * @param {string} [_kind] a board kind's slug, e.g. `value-map` or `charter` (default: the server's own)
   * @returns {Promise<Board>}
   */
  async createBoard (_kind) {
    return { id: `bench-${randomBytes(6).toString('hex')}`, joinCode: null, facilitatorToken: null }
  }

  /**
   * Return `count` tokens for clients of a board (one per client).
   *
   * @param {Board} _board
   * @param {number} count
   * @param {TableOf} [_tableOf] the table each client types at join (a server without
   *   joining ignores it)
   * @returns {Promise<string[]>}
   */
  async tokens (_board, count, _tableOf) {
    return Array.from({ length: count }, () => 'none')
  }

  /** Remove what the server left on disk. */
  dispose () {}
}

/** Tavle: `<repo>/.venv/bin/python -m server serve`, open board creation, own data folder. */
export class TavleServer extends ServerProcess {
  /**
   * @param {number} port
   * @param {{ dataDir?: string, env?: NodeJS.ProcessEnv, name?: string }} [options]
   *   a data folder shared with other processes, and more environment
   */
  constructor (port, options = {}) {
    super(options.name ?? 'tavle', port)
    this.ownsDataDir = options.dataDir === undefined
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tavle-bench-'))
    this.extraEnv = options.env ?? {}
    // Tavle logs a line with "loaded board" each time it reads a board from its store.
    this.watchPattern = /loaded board/
  }

  get persistent () {
    return true
  }

  get maxItemsPerPerson () {
    return BENCH_MAX_ITEMS_PER_PERSON
  }

  launch () {
    return {
      command: join(REPO_DIR, '.venv', 'bin', 'python'),
      args: ['-m', 'server', 'serve', '--port', String(this.port), '--data', this.dataDir],
      cwd: REPO_DIR,
      // The cold load writes 10,000 messages at once from one client, far beyond what a
      // phone may (docs/security.md), and a steady run's writers each add a note every
      // half second for the whole run: the limits are raised for them, and still checked.
      env: {
        ...process.env,
        TAVLE_OPEN_CREATION: '1',
        TAVLE_MESSAGE_BURST: '20000',
        TAVLE_MAX_ITEMS_PER_PERSON: String(BENCH_MAX_ITEMS_PER_PERSON),
        ...this.extraEnv
      },
      readyPath: '/healthz'
    }
  }

  /**
   * @param {string} [kind]
   * @returns {Promise<Board>}
   */
  async createBoard (kind) {
    const board = await this.#post('/api/boards', kind === undefined ? { title: 'bench' } : { title: 'bench', kind })
    return { id: board.id, joinCode: board.join_code, facilitatorToken: board.facilitator_token }
  }

  /**
   * Join the board `count` times (names c0, c1, …), a few requests at a time; each with
   * the table number `tableOf` gives it, if any.
   *
   * @param {Board} board
   * @param {number} count
   * @param {TableOf} [tableOf]
   * @returns {Promise<string[]>}
   */
  async tokens (board, count, tableOf) {
    const tokens = new Array(count)
    let next = 0
    const worker = async () => {
      while (next < count) {
        const index = next++
        const table = tableOf?.(index) ?? null
        const joined = await this.#post('/api/join', { code: board.joinCode, name: `c${index}`, ...(table === null ? {} : { table }) })
        tokens[index] = joined.token
      }
    }
    await Promise.all(Array.from({ length: Math.min(JOIN_CONCURRENCY, count) }, worker))
    return tokens
  }

  /**
   * @param {string} path
   * @param {object} body
   * @returns {Promise<any>}
   */
  async #post (path, body) {
    const response = await fetch(this.httpBase + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })
    if (!response.ok) {
      throw this.failure(`answered ${path} with ${response.status}: ${await response.text()}`)
    }
    return response.json()
  }

  dispose () {
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true })
  }
}

/** Debian's redis-server on a free port, in a folder of its own, with its append-only file. */
class RedisProcess {
  /** @param {number} port */
  constructor (port) {
    this.port = port
    this.url = `redis://127.0.0.1:${port}/0`
    this.dir = mkdtempSync(join(tmpdir(), 'tavle-bench-redis-'))
    /** @type {import('node:child_process').ChildProcess | null} */
    this.child = null
  }

  async start () {
    const child = spawnServer('redis-server', [
      '--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir,
      '--appendonly', 'yes', '--save', '', '--daemonize', 'no'
    ], { stdio: ['ignore', 'pipe', 'pipe'] })
    this.child = child
    let output = ''
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), READY_TIMEOUT_MS)
      child.stdout?.setEncoding('utf8')
      child.stdout?.on('data', (/** @type {string} */ chunk) => {
        output += chunk
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer)
          resolve(undefined)
        }
      })
      child.once('exit', () => reject(new Error(`redis-server exited:\n${output}`)))
    })
  }

  get pid () {
    if (this.child?.pid === undefined) throw new Error('redis-server is not running')
    return this.child.pid
  }

  async stop () {
    const child = this.child
    if (child === null || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
    this.child = null
  }

  dispose () {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/**
 * `tavle-2p`: two Tavle processes on one data folder, coordinated by Redis. The first
 * process creates the boards and its clients connect first, so it owns them; every other
 * client goes to the processes in turn (`wsBases`), as a round-robin balancer would.
 */
export class TavleClusterServer {
  /** @param {number[]} ports two free ports, and a third for Redis */
  constructor (ports) {
    this.name = 'tavle-2p'
    this.redis = new RedisProcess(ports[2])
    this.dataDir = mkdtempSync(join(tmpdir(), 'tavle-bench-'))
    const env = { TAVLE_REDIS_URL: this.redis.url }
    this.processes = [0, 1].map((index) => new TavleServer(ports[index], {
      dataDir: this.dataDir,
      name: `tavle-${'ab'[index]}`,
      env: { ...env, TAVLE_NODE_ID: 'ab'[index] }
    }))
    this.wsBase = this.processes[0].wsBase
    this.wsBases = this.processes.map((process) => process.wsBase)
    this.httpBase = this.processes[0].httpBase
    this.watched = /** @type {string[]} */ ([])
  }

  get persistent () { return true }
  get maxItemsPerPerson () { return BENCH_MAX_ITEMS_PER_PERSON }

  /** @param {number} notes @param {string} scenario */
  checkItemsPerPerson (notes, scenario) { this.processes[0].checkItemsPerPerson(notes, scenario) }

  async start () {
    await this.redis.start()
    // One after the other: the first creates the database and its key.
    for (const process of this.processes) await process.start()
  }

  /** @param {'SIGTERM' | 'SIGKILL'} [signal] */
  async stop (signal = 'SIGTERM') {
    await Promise.all(this.processes.map((process) => process.stop(signal)))
    await this.redis.stop()
  }

  /** @param {string} [kind] */
  createBoard (kind) { return this.processes[0].createBoard(kind) }

  /** @param {Board} board @param {number} count @param {TableOf} [tableOf] */
  tokens (board, count, tableOf) { return this.processes[0].tokens(board, count, tableOf) }

  /** CPU seconds of both Tavle processes together (Redis is reported apart). */
  cpuSeconds () {
    return this.processes.reduce((sum, process) => sum + process.cpuSeconds(), 0)
  }

  /** CPU seconds of each process and of Redis, for the cost per process. */
  cpuByProcess () {
    return {
      a: this.processes[0].cpuSeconds(),
      b: this.processes[1].cpuSeconds(),
      redis: processCpuSeconds(this.redis.pid)
    }
  }

  /** The larger peak memory of the two processes (MiB). */
  peakMemoryMiB () {
    return Math.max(...this.processes.map((process) => process.peakMemoryMiB()))
  }

  dispose () {
    rmSync(this.dataDir, { recursive: true, force: true })
    this.redis.dispose()
  }
}

/** The reference: `@y/websocket-server` 0.1.1's own server.js, no persistence. */
export class ReferenceServer extends ServerProcess {
  /** @param {number} port */
  constructor (port) {
    super('reference', port)
  }

  launch () {
    const env = { ...process.env, HOST: '127.0.0.1', PORT: String(this.port) }
    // Unset, the server keeps documents in memory only (y-leveldb otherwise).
    delete env.YPERSISTENCE
    return {
      command: process.execPath,
      args: [join(BENCH_DIR, 'node_modules', '@y', 'websocket-server', 'src', 'server.js')],
      cwd: BENCH_DIR,
      env,
      readyPath: '/'
    }
  }
}

/** The server kinds by name, as `--servers` spells them (the default runs the first two). */
export const SERVER_KINDS = /** @type {const} */ (['tavle', 'reference', 'tavle-2p'])

/**
 * Make a server of a kind on a free port (not started yet).
 *
 * @param {string} kind
 * @returns {Promise<TavleServer | ReferenceServer | TavleClusterServer>}
 */
export async function makeServer (kind) {
  const port = await freePort()
  if (kind === 'tavle-2p') return new TavleClusterServer([port, await freePort(), await freePort()])
  if (kind === 'tavle') return new TavleServer(port)
  if (kind === 'reference') return new ReferenceServer(port)
  throw new Error(`unknown server "${kind}": use ${SERVER_KINDS.join(' or ')}`)
}
