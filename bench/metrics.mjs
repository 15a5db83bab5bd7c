/**
 * What a run measures: latency samples, deliveries against what was expected, a server
 * process's CPU and peak memory, and the harness's own CPU and event-loop lag.
 *
 * @module metrics
 */

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'

/** A harness busier than this (% of one core, or loop lag) may be the bottleneck. */
export const HARNESS_CPU_LIMIT_PCT = 85
export const LOOP_LAG_LIMIT_MS = 50
/** Other processes using more than this (% of one core) during a window disturbed the run. */
export const OTHER_CPU_LIMIT_PCT = 10

/**
 * The harness's clock: epoch milliseconds with sub-millisecond precision
 * (`performance.timeOrigin + performance.now()`). Every send time stamped into an edit or
 * a cursor state, and every arrival time it is compared with, comes from here. It is the
 * same clock in every process on one machine (the monotonic clock from a wall-clock
 * origin), so a writer in one harness process and a receiver in another (`--procs`) can
 * be compared; `performance.now()` alone counts from each process's own start.
 *
 * @returns {number}
 */
export function clockMs () {
  return performance.timeOrigin + performance.now()
}

/** A growable list of numbers (milliseconds) with percentiles. */
export class Samples {
  constructor () {
    this.values = new Float64Array(1024)
    this.length = 0
  }

  /** @param {number} value */
  push (value) {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = value
  }

  /**
   * Add many values at once (another process's samples).
   *
   * @param {ArrayLike<number>} values
   */
  pushAll (values) {
    if (this.length + values.length > this.values.length) {
      let size = this.values.length
      while (size < this.length + values.length) size *= 2
      const grown = new Float64Array(size)
      grown.set(this.values.subarray(0, this.length))
      this.values = grown
    }
    this.values.set(values, this.length)
    this.length += values.length
  }

  /** @returns {Float64Array} a copy of the values, to hand to another process */
  data () {
    return this.values.slice(0, this.length)
  }

  /**
   * Return p50/p95/p99/max (rounded to 0.1 ms), or nulls when there are no samples.
   *
   * @returns {{ p50: number|null, p95: number|null, p99: number|null, max: number|null, count: number }}
   */
  summary () {
    if (this.length === 0) return { p50: null, p95: null, p99: null, max: null, count: 0 }
    const sorted = this.values.slice(0, this.length).sort()
    const at = (/** @type {number} */ q) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))])
    return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted[sorted.length - 1]), count: this.length }
  }
}

/**
 * A tally of deliveries as plain data (`Deliveries.data`).
 *
 * @typedef {{ sent: number, expected: number, seen: number, latency: Float64Array, perBoard: Float64Array[] | null }} DeliveriesData
 */

/**
 * Deliveries of one kind (edits or cursor moves) on one or more boards: how many were
 * expected from what was sent in the measured window, how many arrived, and how late.
 */
export class Deliveries {
  /** @param {number} boards */
  constructor (boards) {
    this.windowStart = Infinity
    this.windowEnd = -Infinity
    this.counting = false
    this.sent = 0
    this.expected = 0
    this.seen = 0
    this.latency = new Samples()
    /** Per-board latency, kept only when there is more than one board. */
    this.perBoard = boards > 1 ? Array.from({ length: boards }, () => new Samples()) : null
  }

  /**
   * Count what is sent from now until `end` and what arrives from it until `close()`.
   *
   * @param {number} start
   * @param {number} end
   */
  open (start, end) {
    this.windowStart = start
    this.windowEnd = end
    this.counting = true
  }

  /** Stop counting arrivals (after the drain). */
  close () {
    this.counting = false
  }

  /**
   * @param {number} stamp
   * @returns {boolean}
   */
  inWindow (stamp) {
    return stamp >= this.windowStart && stamp < this.windowEnd
  }

  /**
   * Note one thing sent at `stamp` that `receivers` other clients should see.
   *
   * @param {number} stamp
   * @param {number} receivers
   */
  noteSent (stamp, receivers) {
    if (this.inWindow(stamp)) {
      this.sent++
      this.expected += receivers
    }
  }

  /**
   * Note one arrival on `board` of something sent at `stamp`.
   *
   * @param {number} board
   * @param {number} stamp
   * @param {number} now
   */
  noteSeen (board, stamp, now) {
    if (!this.counting || !this.inWindow(stamp)) return
    this.seen++
    this.latency.push(now - stamp)
    if (this.perBoard !== null) this.perBoard[board].push(now - stamp)
  }

  /**
   * What this tally holds, as plain data another process can merge (`absorb`).
   *
   * @returns {DeliveriesData}
   */
  data () {
    return {
      sent: this.sent,
      expected: this.expected,
      seen: this.seen,
      latency: this.latency.data(),
      perBoard: this.perBoard === null ? null : this.perBoard.map((samples) => samples.data())
    }
  }

  /**
   * Add another tally's counts and samples to this one (a harness process's share).
   *
   * @param {DeliveriesData} data
   */
  absorb (data) {
    this.sent += data.sent
    this.expected += data.expected
    this.seen += data.seen
    this.latency.pushAll(data.latency)
    if (this.perBoard !== null && data.perBoard !== null) {
      data.perBoard.forEach((values, board) => /** @type {Samples[]} */ (this.perBoard)[board].pushAll(values))
    }
  }

  /** @returns {Record<string, unknown>} */
  summary () {
    const latency = this.latency.summary()
    /** @type {Record<string, unknown>} */
    const result = {
      sent: this.sent,
      expected: this.expected,
      seen: this.seen,
      delivery_ratio: this.expected === 0 ? null : round(this.seen / this.expected, 4),
      latency_p50_ms: latency.p50,
      latency_p95_ms: latency.p95,
      latency_p99_ms: latency.p99,
      latency_max_ms: latency.max
    }
    if (this.perBoard !== null) {
      const p99s = this.perBoard.map((samples) => samples.summary().p99)
      result.board_p99_ms = p99s
      result.worst_board_p99_ms = p99s.some((p) => p === null) ? null : Math.max(.../** @type {number[]} */ (p99s))
    }
    return result
  }
}

let clockTicks = 0

/** Return the kernel's clock ticks per second (`getconf CLK_TCK`, usually 100). */
function ticksPerSecond () {
  if (clockTicks === 0) {
    clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  }
  return clockTicks
}

/**
 * Return the CPU seconds (user + system) a process has used so far, from /proc.
 *
 * @param {number} pid
 * @returns {number}
 */
export function processCpuSeconds (pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name, which may hold spaces, closed by the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return (utime + stime) / ticksPerSecond()
}

/**
 * Return a process's peak resident memory in MiB (`VmHWM`), or null when it is gone.
 *
 * @param {number} pid
 * @returns {number | null}
 */
export function processPeakMemoryMiB (pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status)
    return match === null ? null : round(Number(match[1]) / 1024, 1)
  } catch {
    return null
  }
}

/**
 * Return the CPU seconds the whole machine has been busy so far, all cores (/proc/stat:
 * user, nice, system, irq, softirq; not idle, I/O wait or time stolen by a hypervisor).
 *
 * @returns {number}
 */
export function machineBusyCpuSeconds () {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number)
  const [user, nice, system, , , irq, softirq] = fields
  return (user + nice + system + irq + softirq) / ticksPerSecond()
}

const IDLE_SAMPLE_MS = 5_000

/**
 * Wait until the machine has been idle (busy below `limitPct` of one core) for one
 * sample of a few seconds; return false if it was not within `timeoutMs`.
 *
 * @param {number} limitPct
 * @param {number} timeoutMs
 * @returns {Promise<boolean>}
 */
export async function waitForIdle (limitPct, timeoutMs) {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    const before = machineBusyCpuSeconds()
    await sleep(IDLE_SAMPLE_MS)
    if (((machineBusyCpuSeconds() - before) / (IDLE_SAMPLE_MS / 1000)) * 100 < limitPct) return true
  }
  return false
}

/** How often the event loop is sampled; each sample includes this interval. */
const LOOP_RESOLUTION_MS = 10

/**
 * One harness process's own load over a window: its CPU seconds, how long the window was
 * for it, and its event-loop delay.
 *
 * @typedef {{ cpu_s: number, elapsed_ms: number, loop_lag_p99_ms: number, loop_lag_max_ms: number }} ProcessLoad
 */

/**
 * The harness's own CPU and event-loop lag over a window, and what everything else on the
 * machine used meanwhile (the harness and the server share two cores with it).
 */
export class HarnessMonitor {
  constructor () {
    this.loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
    this.cpu = process.cpuUsage()
    this.machineCpuS = machineBusyCpuSeconds()
    this.start = performance.now()
  }

  /** Start measuring now. */
  begin () {
    this.loop.reset()
    this.loop.enable()
    this.cpu = process.cpuUsage()
    this.machineCpuS = machineBusyCpuSeconds()
    this.start = performance.now()
  }

  /**
   * Stop and return this process's load since `begin` (what a harness process reports).
   *
   * @returns {ProcessLoad}
   */
  stop () {
    this.loop.disable()
    const used = process.cpuUsage(this.cpu)
    const lag = (/** @type {number} */ ns) => round(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS), 1)
    return {
      cpu_s: (used.user + used.system) / 1e6,
      elapsed_ms: performance.now() - this.start,
      loop_lag_p99_ms: lag(this.loop.percentile(99)),
      loop_lag_max_ms: lag(this.loop.max)
    }
  }

  /**
   * Stop and return harness CPU (% of one core), loop lag and whether it was saturated;
   * given the server's CPU seconds over the window, also the CPU of all other processes.
   *
   * @param {number} [serverCpuS]
   * @returns {HarnessFigures}
   */
  end (serverCpuS) {
    const load = this.stop()
    const othersCpuS = serverCpuS === undefined ? undefined : machineBusyCpuSeconds() - this.machineCpuS - serverCpuS
    return harnessFigures([load], load.elapsed_ms, othersCpuS)
  }
}

/**
 * What a run reports of its harness.
 *
 * @typedef {{ harness_cpu_pct: number, loop_lag_p99_ms: number, loop_lag_max_ms: number, harness_saturated: boolean, other_cpu_pct?: number }} HarnessFigures
 */

/**
 * Put the loads of the harness's processes together: CPU as the sum over processes (% of
 * one core), loop lag as the worst process's, saturated when any one process was (over
 * HARNESS_CPU_LIMIT_PCT of its core, or loop lag p99 over LOOP_LAG_LIMIT_MS); given the
 * CPU seconds the machine was busy besides the server, also what all other processes used.
 *
 * @param {ProcessLoad[]} loads
 * @param {number} elapsedMs the window
 * @param {number} [othersCpuS] the machine's busy CPU seconds over the window minus the server's
 * @returns {HarnessFigures}
 */
export function harnessFigures (loads, elapsedMs, othersCpuS) {
  const pct = (/** @type {ProcessLoad} */ load) => (load.cpu_s * 1000 / load.elapsed_ms) * 100
  const cpuPct = round(loads.reduce((sum, load) => sum + pct(load), 0), 1)
  const lagP99 = Math.max(...loads.map((load) => load.loop_lag_p99_ms))
  const lagMax = Math.max(...loads.map((load) => load.loop_lag_max_ms))
  /** @type {HarnessFigures} */
  const result = {
    harness_cpu_pct: cpuPct,
    loop_lag_p99_ms: lagP99,
    loop_lag_max_ms: lagMax,
    harness_saturated: loads.some((load) => pct(load) > HARNESS_CPU_LIMIT_PCT || load.loop_lag_p99_ms > LOOP_LAG_LIMIT_MS)
  }
  if (othersCpuS === undefined) return result
  const otherCpuS = othersCpuS - loads.reduce((sum, load) => sum + load.cpu_s, 0)
  // Clock ticks are coarse (10 ms), so a quiet machine can come out a little below 0.
  return { ...result, other_cpu_pct: round(Math.max(0, otherCpuS * 1000 / elapsedMs) * 100, 1) }
}

/**
 * Round to `digits` decimals (one by default).
 *
 * @param {number} value
 * @param {number} [digits]
 * @returns {number}
 */
export function round (value, digits = 1) {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/**
 * Summarise a list of millisecond timings (connect, synced) as p50/p99/max.
 *
 * @param {string} name e.g. `connect`
 * @param {number[]} values
 * @returns {Record<string, number | null>}
 */
export function timings (name, values) {
  const samples = new Samples()
  for (const value of values) samples.push(value)
  const { p50, p99, max } = samples.summary()
  return { [`${name}_p50_ms`]: p50, [`${name}_p99_ms`]: p99, [`${name}_max_ms`]: max }
}
