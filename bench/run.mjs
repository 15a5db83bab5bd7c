#!/usr/bin/env node
/**
 * Run the load benchmark: the same scenarios against Tavle and the reference y-websocket
 * server, interleaved, several repetitions; report medians and Tavle/reference ratios.
 *
 * Usage: node bench/run.mjs [--scenarios a,b,c] [--servers tavle,reference] [--reps N]
 *          [--duration S] [--quick] [--out FILE.json] [--update] [--wait-idle]
 *          [--no-awareness-echo] [--no-deflate] [--procs N] [--pin SERVER:HARNESS]
 *
 * @module run
 */

import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

import { OTHER_CPU_LIMIT_PCT, waitForIdle } from './metrics.mjs'
import { summarise, toMarkdown } from './report.mjs'
import { QUICK, SUITE, notInProcsBecause, notRunBecause, parseScenario, runScenario } from './scenarios.mjs'
import { BENCH_DIR, REPO_DIR, SERVER_KINDS, makeServer, pinServers } from './servers.mjs'

/** `--wait-idle`: how often a disturbed run is tried, and how long to wait for quiet. */
const NOISY_ATTEMPTS = 3
const IDLE_TIMEOUT_MS = 10 * 60_000

const USAGE = `Usage: node bench/run.mjs [options]

  --scenarios a,b,c      scenarios to run (default: the full suite:
                         ${SUITE.join(', ')})
  --servers a,b          tavle, reference, tavle-2p (two processes and Redis) (default: tavle,reference; --quick: tavle)
  --reps N               repetitions, interleaved (default 3; --quick: 1)
  --duration S           measured window in seconds (default 20; --quick: 3)
  --quick                a tiny run of every kind of scenario (${QUICK.join(', ')})
  --out FILE.json        raw results (default bench/results/latest.json, --quick:
                         bench/results/quick.json); the markdown goes next to it
  --update               keep the other scenarios' runs already in the --out file and
                         replace only those of the scenarios run now
  --wait-idle            before each run, wait until the machine is idle; rerun a steady
                         run that other processes disturbed (up to ${NOISY_ATTEMPTS} attempts)
  --no-awareness-echo    light clients do not re-send awareness they receive
  --no-deflate           clients do not offer permessage-deflate
  --procs N              run a steady run's clients in N harness processes (default 1);
                         edits, cursors and boards scenarios only
  --pin S:H              run the servers (Tavle, Redis) on CPUs S and the harness on CPUs H,
                         as taskset -c takes them (e.g. 0:1): on a small machine, keeps
                         the two from taking each other's time slices
  --help                 this text
`

const FULL_TIMING = { warmupS: 3, durationS: 20, drainS: 2 }
const QUICK_TIMING = { warmupS: 1, durationS: 3, drainS: 1 }

/**
 * @param {string | undefined} text
 * @param {string} option
 * @returns {number | undefined}
 */
function positive (text, option) {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!(value > 0)) throw new Error(`${option} needs a positive number, not "${text}"`)
  return value
}

/**
 * @param {string | undefined} text
 * @param {string} option
 * @returns {number | undefined}
 */
function positiveInteger (text, option) {
  const value = positive(text, option)
  if (value !== undefined && !Number.isInteger(value)) throw new Error(`${option} needs a whole number, not "${text}"`)
  return value
}

/** Read the command line into a run configuration. */
function configure () {
  const { values } = parseArgs({
    options: {
      scenarios: { type: 'string' },
      servers: { type: 'string' },
      reps: { type: 'string' },
      duration: { type: 'string' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      update: { type: 'boolean', default: false },
      'wait-idle': { type: 'boolean', default: false },
      'no-awareness-echo': { type: 'boolean', default: false },
      'no-deflate': { type: 'boolean', default: false },
      procs: { type: 'string' },
      pin: { type: 'string' },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) {
    process.stdout.write(USAGE)
    process.exit(0)
  }
  const quick = values.quick ?? false
  const scenarios = values.scenarios?.split(',').filter(Boolean) ?? (quick ? QUICK : SUITE)
  const servers = values.servers?.split(',').filter(Boolean) ?? (quick ? ['tavle'] : ['tavle', 'reference'])
  for (const server of servers) {
    if (!SERVER_KINDS.includes(/** @type {any} */ (server))) {
      throw new Error(`unknown server "${server}": use ${SERVER_KINDS.join(', ')}`)
    }
  }
  const procs = positiveInteger(values.procs, '--procs') ?? 1
  const parsed = scenarios.map(parseScenario)
  if (procs > 1) {
    const refused = parsed.map((scenario) => ({ scenario, reason: notInProcsBecause(scenario) })).filter(({ reason }) => reason !== null)
    if (refused.length > 0) {
      throw new Error(
        `--procs ${procs} spreads the clients of edits-N, edits-NwW, edits-NgG, cursors-N and boards-BxC runs only; ` +
        'run these without it: ' + refused.map(({ scenario, reason }) => `${scenario.name} (${reason})`).join(', ')
      )
    }
  }
  let pin = null
  if (values.pin !== undefined) {
    const match = /^([0-9,-]+):([0-9,-]+)$/.exec(values.pin)
    if (match === null) throw new Error(`--pin needs SERVER_CPUS:HARNESS_CPUS (e.g. 0:1), not "${values.pin}"`)
    pin = { server: match[1], harness: match[2] }
  }
  const timing = quick ? QUICK_TIMING : FULL_TIMING
  const out = resolve(values.out ?? join(BENCH_DIR, 'results', quick ? 'quick.json' : 'latest.json'))
  return {
    scenarios: parsed,
    servers,
    reps: positive(values.reps, '--reps') ?? (quick ? 1 : 3),
    options: {
      warmupS: timing.warmupS,
      durationS: positive(values.duration, '--duration') ?? timing.durationS,
      drainS: timing.drainS,
      awarenessEcho: !values['no-awareness-echo'],
      deflate: !values['no-deflate'],
      procs,
      pin
    },
    quick,
    out,
    update: values.update ?? false,
    waitIdle: values['wait-idle'] ?? false
  }
}

/** Describe the machine and the Tavle commit the numbers come from. */
function machine () {
  let commit = null
  try {
    commit = execFileSync('git', ['-C', REPO_DIR, 'describe', '--always', '--dirty'], { encoding: 'utf8' }).trim()
  } catch {
    // not a git checkout
  }
  return {
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model ?? null,
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    tavle_commit: commit,
    date: new Date().toISOString()
  }
}

/**
 * Write the JSON and markdown results (after every run, so a crash keeps what was done).
 *
 * @param {string} out
 * @param {any} results
 * @returns {string} the markdown
 */
function save (out, results) {
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n')
  const markdown = toMarkdown(results)
  writeFileSync(out.replace(/\.json$/, '') + '.md', markdown)
  return markdown
}

/**
 * On Ctrl-C or SIGTERM, stop the server of the run in progress before exiting.
 *
 * @param {() => import('./servers.mjs').TavleServer | import('./servers.mjs').ReferenceServer | null} current
 */
function stopOnSignal (current) {
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, async () => {
      const server = current()
      if (server !== null) {
        await server.stop()
        server.dispose()
      }
      process.exit(130)
    })
  }
}

/**
 * Return the scenario/server pairs a run leaves out, and why.
 *
 * @param {ReturnType<typeof configure>} config
 * @returns {Array<{ scenario: string, server: string, reason: string }>}
 */
function skippedRuns (config) {
  const skipped = []
  for (const scenario of config.scenarios) {
    for (const server of config.servers) {
      if (scenario.servers !== null && !scenario.servers.includes(server)) {
        skipped.push({ scenario: scenario.name, server, reason: notRunBecause(scenario) })
      }
    }
  }
  return skipped
}

/**
 * Return the TAVLE_* variables of an environment, with the values of those that may hold
 * a secret (a password, a key, a URL with credentials) left out: results are committed.
 *
 * @param {NodeJS.ProcessEnv} environment
 * @returns {Record<string, string>}
 */
function tavleSettings (environment) {
  const secret = /PASSWORD|SECRET|TOKEN|KEY|URL/
  return Object.fromEntries(
    Object.entries(environment)
      .filter(([name]) => name.startsWith('TAVLE_'))
      .map(([name, value]) => [name, secret.test(name) ? '(set)' : String(value)])
  )
}

/**
 * Return the run's settings as the results record them.
 *
 * @param {ReturnType<typeof configure>} config
 */
function recordedConfig (config) {
  return {
    scenarios: config.scenarios,
    servers: config.servers,
    reps: config.reps,
    warmup_s: config.options.warmupS,
    duration_s: config.options.durationS,
    drain_s: config.options.drainS,
    awareness_echo: config.options.awarenessEcho,
    deflate: config.options.deflate,
    harness_procs: config.options.procs,
    pinned: config.options.pin,
    // Tavle's own settings from the environment (e.g. TAVLE_FANOUT_SENDS_PER_S), which every
    // Tavle process of the run inherits: a run that changed one says so.
    tavle_env: tavleSettings(process.env),
    quick: config.quick,
    order: 'for each rep, for each scenario, every server in turn; the servers\' order alternates between reps',
    skipped: skippedRuns(config)
  }
}

/**
 * What the results file holds.
 *
 * @typedef {object} Results
 * @property {Record<string, unknown>} machine where and from which commit the runs came
 * @property {Record<string, any>} config
 * @property {Array<{ scenarios: string[], machine: Record<string, unknown>, config: Record<string, unknown> }>} updates
 *   scenarios rerun alone with `--update`, and where those runs came from
 * @property {import('./report.mjs').RunRecord[]} runs
 * @property {import('./report.mjs').RunRecord[]} noisy runs `--wait-idle` discarded and ran again
 * @property {import('./report.mjs').SummaryRow[]} summary
 */

/**
 * Start empty results for a run.
 *
 * @param {ReturnType<typeof configure>} config
 * @returns {Results}
 */
function fresh (config) {
  return { machine: machine(), config: recordedConfig(config), updates: [], runs: [], noisy: [], summary: [] }
}

/**
 * Start from the results already in `--out` (`--update`): drop the runs of the scenarios
 * about to run, keep everything else, and record when and where these ones ran.
 *
 * A full suite takes a quarter of an hour; this lets one scenario be rerun (a new one, or
 * after a change that touches only it) without losing the others' figures. The markdown
 * says which rows came from which run.
 *
 * @param {ReturnType<typeof configure>} config
 * @returns {Results}
 */
function updating (config) {
  let previous
  try {
    previous = JSON.parse(readFileSync(config.out, 'utf8'))
  } catch (error) {
    throw new Error(`--update needs the results of an earlier run in ${config.out}: ${error instanceof Error ? error.message : error}`)
  }
  const rerun = new Set(config.scenarios.map((/** @type {{ name: string }} */ scenario) => scenario.name))
  const kept = (/** @type {{ scenario: string }} */ item) => !rerun.has(item.scenario)
  const { scenarios: _, ...settings } = recordedConfig(config)
  return {
    machine: previous.machine,
    config: {
      ...previous.config,
      scenarios: [...previous.config.scenarios.filter((/** @type {{ name: string }} */ s) => !rerun.has(s.name)), ...config.scenarios],
      skipped: [...previous.config.skipped.filter(kept), ...settings.skipped]
    },
    updates: [
      ...(previous.updates ?? []).map((/** @type {any} */ earlier) => ({
        ...earlier,
        scenarios: earlier.scenarios.filter((/** @type {string} */ name) => !rerun.has(name))
      })).filter((/** @type {any} */ earlier) => earlier.scenarios.length > 0),
      { scenarios: [...rerun], machine: machine(), config: settings }
    ],
    runs: previous.runs.filter(kept),
    noisy: (previous.noisy ?? []).filter(kept),
    summary: []
  }
}

/**
 * Run one scenario once against a fresh server of a kind; return its record (with the
 * error, if it failed).
 *
 * @param {import('./scenarios.mjs').Scenario} scenario
 * @param {string} kind
 * @param {number} rep
 * @param {import('./scenarios.mjs').RunOptions} options
 * @param {(server: import('./servers.mjs').TavleServer | import('./servers.mjs').ReferenceServer | null) => void} running
 * @returns {Promise<import('./report.mjs').RunRecord>}
 */
async function runOnce (scenario, kind, rep, options, running) {
  const server = await makeServer(kind)
  running(server)
  const started = Date.now()
  process.stderr.write(`${scenario.name} / ${kind} / rep ${rep} … `)
  /** @type {import('./report.mjs').RunRecord} */
  let record
  try {
    const metrics = await runScenario(server, scenario, options)
    record = { scenario: scenario.name, kind: scenario.kind, server: kind, rep, harness_procs: options.procs, ...metrics }
  } catch (error) {
    record = { scenario: scenario.name, kind: scenario.kind, server: kind, rep, harness_procs: options.procs, error: error instanceof Error ? error.message : String(error) }
  } finally {
    server.dispose()
    running(null)
  }
  process.stderr.write(`${((Date.now() - started) / 1000).toFixed(0)} s${record.error === undefined ? '' : ' FAILED: ' + record.error}\n`)
  return record
}

/**
 * Run one scenario once; with `--wait-idle`, wait for an idle machine first, and run it
 * again when other processes took more than OTHER_CPU_LIMIT_PCT of a core during its
 * window (the disturbed records go to `results.noisy`, never into the medians). Whether
 * a run is kept depends only on that measure of other work, never on its own figures.
 *
 * @param {import('./scenarios.mjs').Scenario} scenario
 * @param {string} kind
 * @param {number} rep
 * @param {ReturnType<typeof configure>} config
 * @param {Results} results
 * @param {(server: import('./servers.mjs').TavleServer | import('./servers.mjs').ReferenceServer | null) => void} running
 * @returns {Promise<import('./report.mjs').RunRecord>}
 */
async function runAttempts (scenario, kind, rep, config, results, running) {
  for (let attempt = 1; ; attempt++) {
    if (config.waitIdle && !(await waitForIdle(OTHER_CPU_LIMIT_PCT, IDLE_TIMEOUT_MS))) {
      process.stderr.write(`(the machine was not idle within ${IDLE_TIMEOUT_MS / 60_000} min; running anyway) `)
    }
    const record = await runOnce(scenario, kind, rep, config.options, running)
    const other = record.other_cpu_pct
    const disturbed = typeof other === 'number' && other > OTHER_CPU_LIMIT_PCT
    if (!config.waitIdle || !disturbed || attempt === NOISY_ATTEMPTS) return record
    process.stderr.write(`  other work took ${other} % of a core: running it again\n`)
    results.noisy.push(record)
  }
}

async function main () {
  const config = configure()
  if (config.options.pin !== null) {
    // The harness processes forked later inherit this process's CPUs.
    execFileSync('taskset', ['-p', '-c', config.options.pin.harness, String(process.pid)], { stdio: 'ignore' })
    pinServers(config.options.pin.server)
  }
  // Every y-websocket provider listens for the process's exit; hundreds are expected.
  process.setMaxListeners(0)
  /** @type {import('./servers.mjs').TavleServer | import('./servers.mjs').ReferenceServer | null} */
  let running = null
  stopOnSignal(() => running)
  const results = config.update ? updating(config) : fresh(config)
  const names = results.config.scenarios.map((/** @type {{ name: string }} */ scenario) => scenario.name)
  for (let rep = 0; rep < config.reps; rep++) {
    const servers = rep % 2 === 0 ? config.servers : [...config.servers].reverse()
    for (const scenario of config.scenarios) {
      for (const kind of servers) {
        if (scenario.servers !== null && !scenario.servers.includes(kind)) continue
        const record = await runAttempts(scenario, kind, rep + 1, config, results, (server) => { running = server })
        results.runs.push(record)
        results.summary = summarise(results.runs, names)
        save(config.out, results)
      }
    }
  }
  const markdown = save(config.out, results)
  process.stdout.write(markdown + `\nResults: ${config.out} and ${config.out.replace(/\.json$/, '')}.md\n`)
  return results.runs.some((run) => run.error !== undefined) ? 1 : 0
}

main().then((code) => process.exit(code), (error) => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`)
  process.exit(2)
})
