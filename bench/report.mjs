/**
 * From raw runs to medians per scenario and server, Tavle/reference ratios, and a
 * markdown table.
 *
 * @module report
 */

import { OTHER_CPU_LIMIT_PCT } from './metrics.mjs'

/** The numbers a summary shows for each kind of scenario, in order. */
const SUMMARY_METRICS = {
  steady: [
    'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms', 'latency_max_ms', 'worst_board_p99_ms',
    'delivery_ratio', 'cursor_latency_p50_ms', 'cursor_latency_p99_ms', 'cursor_delivery_ratio',
    'disconnects', 'unsynced', 'connect_p50_ms', 'synced_p99_ms', 'synced_max_ms',
    // Table groups (edits-NgG) only: the split's time, and notes undone (a run with any fails).
    'groups_ready_ms', 'reverted_notices',
    'server_cpu_pct', 'server_cpu_s_per_1k', 'server_mem_mib',
    'sync_in_per_client_s', 'awareness_in_per_client_s',
    'harness_cpu_pct', 'loop_lag_p99_ms', 'harness_saturated', 'other_cpu_pct'
  ],
  'join-storm': [
    'all_synced_ms', 'synced_p50_ms', 'synced_p99_ms', 'synced_max_ms', 'hung', 'disconnects',
    'content_ok', 'board_loads', 'server_cpu_s', 'server_mem_mib',
    'harness_cpu_pct', 'loop_lag_p99_ms', 'harness_saturated'
  ],
  'cold-load': [
    'write_s', 'kill_synced_ms', 'kill_load_ms', 'kill_content_ok',
    'term_synced_ms', 'term_load_ms', 'term_content_ok', 'server_mem_mib'
  ]
}

/**
 * One run's record as the JSON holds it.
 *
 * @typedef {{ scenario: string, kind: string, server: string, rep: number, error?: string } & Record<string, unknown>} RunRecord
 */

/**
 * One line of the summary.
 *
 * @typedef {{ scenario: string, metric: string, tavle_median: number | null, reference_median: number | null, two_process_median: number | null, ratio: number | null, runs: Record<string, number> }} SummaryRow
 */

/**
 * Return the median of the numbers (true counts as 1, false as 0), or null if none.
 *
 * @param {unknown[]} values
 * @returns {number | null}
 */
function median (values) {
  const numbers = values
    .map((value) => (typeof value === 'boolean' ? Number(value) : value))
    .filter((value) => typeof value === 'number' && Number.isFinite(value))
    .sort((a, b) => /** @type {number} */ (a) - /** @type {number} */ (b))
  if (numbers.length === 0) return null
  const middle = Math.floor(numbers.length / 2)
  const value = numbers.length % 2 === 1
    ? /** @type {number} */ (numbers[middle])
    : (/** @type {number} */ (numbers[middle - 1]) + /** @type {number} */ (numbers[middle])) / 2
  return Math.round(value * 10000) / 10000
}

/**
 * Summarise runs: per scenario and metric, the median of each server's runs and the
 * Tavle/reference ratio (above 1: Tavle's number is higher).
 *
 * @param {RunRecord[]} runs
 * @param {string[]} scenarios in the order to report them
 * @returns {SummaryRow[]}
 */
export function summarise (runs, scenarios) {
  /** @type {SummaryRow[]} */
  const rows = []
  for (const scenario of scenarios) {
    const ofScenario = runs.filter((run) => run.scenario === scenario)
    if (ofScenario.length === 0) continue
    const ok = ofScenario.filter((run) => run.error === undefined)
    /** @type {Record<string, number>} */
    const counts = {}
    for (const run of ok) counts[run.server] = (counts[run.server] ?? 0) + 1
    const kind = /** @type {keyof SUMMARY_METRICS} */ (ofScenario[0].kind)
    for (const metric of SUMMARY_METRICS[kind]) {
      const of = (/** @type {string} */ server) => median(ok.filter((run) => run.server === server).map((run) => run[metric]))
      const tavle = of('tavle')
      const reference = of('reference')
      const twoProcesses = of('tavle-2p')
      if (tavle === null && reference === null && twoProcesses === null) continue
      const ratio = tavle === null || reference === null || reference === 0
        ? null
        : Math.round((tavle / reference) * 100) / 100
      rows.push({ scenario, metric, tavle_median: tavle, reference_median: reference, two_process_median: twoProcesses, ratio, runs: counts })
    }
  }
  return rows
}

/**
 * @param {number | null} value
 * @returns {string}
 */
function cell (value) {
  return value === null ? '–' : String(value)
}

/**
 * Say how many processes held the clients (`--procs`; results from before it had one).
 *
 * @param {unknown} procs
 * @returns {string}
 */
function harnessProcesses (procs) {
  const count = typeof procs === 'number' ? procs : 1
  return count === 1 ? 'clients in 1 harness process' : `clients of the steady runs in ${count} harness processes`
}

/**
 * Name the TAVLE_* settings the run's Tavle processes were started with, if any.
 *
 * @param {unknown} environment
 * @returns {string}
 */
function tavleEnvironment (environment) {
  if (environment === null || typeof environment !== 'object') return ''
  const settings = Object.entries(environment).map(([name, value]) => `${name}=${value}`)
  return settings.length > 0 ? `; Tavle run with ${settings.join(', ')}` : ''
}

/**
 * Say which CPUs the servers and the harness were pinned to (`--pin`), if they were.
 *
 * @param {unknown} pinned
 * @returns {string}
 */
function pinning (pinned) {
  if (pinned === null || typeof pinned !== 'object') return ''
  const { server, harness } = /** @type {{ server: string, harness: string }} */ (pinned)
  return `; servers pinned to CPU ${server}, harness to CPU ${harness}`
}

/**
 * Say where rows rerun with `--update` come from, as the header does for the rest.
 *
 * @param {Array<{ scenarios: string[], machine: Record<string, unknown>, config: Record<string, unknown> }>} updates
 * @returns {string[]}
 */
function provenance (updates) {
  return updates.map(({ scenarios, machine, config }) =>
    `Rows of ${scenarios.join(', ')}: rerun alone (\`--update\`) on ${machine.date}, Tavle ${machine.tavle_commit}, ` +
    `${config.reps} rep(s), window ${config.duration_s} s after ${config.warmup_s} s warm-up, drain ${config.drain_s} s, ` +
    `${harnessProcesses(config.harness_procs)}.`)
}

/**
 * Render the summary, and what a reader must know to trust it, as markdown.
 *
 * @param {{ machine: Record<string, unknown>, config: Record<string, unknown>, updates?: any[], runs: RunRecord[], noisy?: RunRecord[], summary: SummaryRow[] }} results
 * @returns {string}
 */
export function toMarkdown ({ machine, config, updates = [], runs, noisy = [], summary }) {
  const later = provenance(updates)
  const twoProcessRuns = summary.some((row) => row.two_process_median !== null)
  const lines = [
    '# Tavle load benchmark: results',
    '',
    `Produced by \`node bench/run.mjs\` on ${machine.date}: ${machine.cpus} × ${machine.cpu_model}, ` +
      `Node ${machine.node}, Tavle ${machine.tavle_commit}. ` +
      `${config.reps} rep(s), window ${config.duration_s} s after ${config.warmup_s} s warm-up, ` +
      `drain ${config.drain_s} s; ${harnessProcesses(config.harness_procs)}${pinning(config.pinned)}${tavleEnvironment(config.tavle_env)}; awareness echo ${config.awareness_echo ? 'on' : 'off'}, ` +
      `permessage-deflate offered: ${config.deflate ? 'yes' : 'no'}. Medians over reps; ` +
      'ratio = Tavle / reference (below 1: Tavle lower).',
    ...(later.length > 0 ? ['', ...later] : []),
    '',
    // Two Tavle processes with Redis (tavle-2p), when the run had them.
    ...(twoProcessRuns
      ? ['| scenario | metric | Tavle | reference | Tavle / ref | Tavle, 2 processes |', '| --- | --- | ---: | ---: | ---: | ---: |']
      : ['| scenario | metric | Tavle | reference | Tavle / ref |', '| --- | --- | ---: | ---: | ---: |'])
  ]
  for (const row of summary) {
    const cells = [row.scenario, row.metric, cell(row.tavle_median), cell(row.reference_median), cell(row.ratio)]
    if (twoProcessRuns) cells.push(cell(row.two_process_median))
    lines.push(`| ${cells.join(' | ')} |`)
  }
  const saturated = runs.filter((run) => run.harness_saturated === true)
  const disturbed = runs.filter((run) => typeof run.other_cpu_pct === 'number' && run.other_cpu_pct > OTHER_CPU_LIMIT_PCT)
  const failed = runs.filter((run) => run.error !== undefined)
  const skipped = /** @type {Array<{ scenario: string, server: string, reason: string }>} */ (config.skipped ?? [])
  if (saturated.length + disturbed.length + failed.length + skipped.length + noisy.length > 0) lines.push('')
  for (const run of saturated) {
    lines.push(`- Harness saturated in ${run.scenario} / ${run.server} / rep ${run.rep} ` +
      `(harness CPU ${run.harness_cpu_pct} %${typeof run.harness_procs === 'number' && run.harness_procs > 1 ? ` over ${run.harness_procs} processes` : ''}, ` +
      `loop lag p99 ${run.loop_lag_p99_ms} ms): its latencies include the harness's own delay.`)
  }
  for (const run of disturbed) {
    lines.push(`- Other work on the machine in ${run.scenario} / ${run.server} / rep ${run.rep}: ` +
      `${run.other_cpu_pct} % of a core besides the server and the harness.`)
  }
  if (noisy.length > 0) {
    lines.push(`- Rerun because other work disturbed them (\`--wait-idle\`; kept under \`noisy\` in the JSON): ` +
      noisy.map((run) => `${run.scenario} / ${run.server} / rep ${run.rep} (${run.other_cpu_pct} %)`).join(', ') + '.')
  }
  for (const run of failed) {
    lines.push(`- Failed: ${run.scenario} / ${run.server} / rep ${run.rep}: ${String(run.error).trim().replace(/\s*\n\s*/g, ' / ').slice(0, 500)}`)
  }
  for (const skip of skipped) lines.push(`- Not run: ${skip.scenario} / ${skip.server}: ${skip.reason}`)
  return lines.join('\n') + '\n'
}
