/**
 * Progress of a long script (an import, a backfill): a bar redrawn in place on a terminal, plain
 * lines at an interval otherwise (CI logs, pipes), so a log never fills with carriage returns.
 *
 * ```ts
 * const progress = createProgress({label: 'import', unit: 'items', total: 5000,
 *   counters: ['images', 'transactions']})
 * progress.advance()                  // one more item
 * progress.count('transactions')      // one more transaction
 * progress.log('warning: …')          // a line that does not break the bar
 * progress.done()
 * ```
 */

/** Where progress goes: `process.stderr` by default. A terminal gets the bar. */
export interface ProgressOutput {
  write(text: string): unknown
  isTTY?: boolean
  /** Terminal width; the bar shrinks to fit. Unknown (or 0, as some terminals say): 80. */
  columns?: number
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** What is being done, first on each line: `import`, `backfill`. */
  label: string
  /** Name of the main counter: `items`, `posts`, `MB`. */
  unit: string
  /** Total of the main counter when known: draws a bar and a percentage. */
  total?: number
  /** Further counters shown after the main one, in this order. */
  counters?: readonly string[]
  /** @defaultValue `process.stderr` */
  output?: ProgressOutput
  /**
   * Draw the bar (true) or print plain lines (false).
   * @defaultValue `output.isTTY`
   */
  tty?: boolean
  /**
   * Least time between two redraws of the bar, in ms.
   * @defaultValue 100
   */
  redrawMs?: number
  /**
   * Time between two plain lines, in ms. The first comes after this long too, so a short run
   * prints only its final line.
   * @defaultValue 5000
   */
  lineMs?: number
  /** Formats the main counter (and its total), e.g. bytes as MB. */
  format?: (value: number) => string
  /** The clock, in ms. @defaultValue `performance.now` */
  now?: () => number
}

/** A running progress display. */
export interface Progress {
  /** Adds to the main counter. */
  advance(by?: number): void
  /** Adds to a named counter (created on first use, shown after the listed ones). */
  count(counter: string, by?: number): void
  /** Current value of a counter, or of the main counter when called without a name. */
  value(counter?: string): number
  /** Prints a line above the bar (or between plain lines). */
  log(line: string): void
  /** Draws the final state and ends the line. Further calls do nothing. */
  done(): void
  /** Ends without a final state, for a failure: the bar is cleared, no plain line is printed. */
  stop(): void
}

const BAR_WIDTH = 24
const MIN_BAR_WIDTH = 8

/** `75_000` ms → `1:15`; an hour or more → `1:02:03`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const seconds = String(total % 60).padStart(2, '0')
  const minutes = Math.floor(total / 60) % 60
  const hours = Math.floor(total / 3600)
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`
}

/** `[#####-----]` for `fraction` of `width` cells. */
export function renderBar(fraction: number, width: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0))
  const filled = Math.round(clamped * width)
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`
}

/** Starts a progress display; nothing is printed until the first change or `done()`. */
export function createProgress(options: ProgressOptions): Progress {
  const output = options.output ?? process.stderr
  const tty = options.tty ?? Boolean(output.isTTY)
  const now = options.now ?? (() => performance.now())
  const format = options.format ?? ((value: number) => String(value))
  const redrawMs = options.redrawMs ?? 100
  const lineMs = options.lineMs ?? 5000
  const started = now()
  const counters = new Map<string, number>((options.counters ?? []).map((name) => [name, 0]))
  let main = 0
  // A terminal shows the bar at once; plain lines start after the first interval.
  let lastDraw = tty ? Number.NEGATIVE_INFINITY : started
  let drawnWidth = 0
  let finished = false

  const describe = (): {bar: string; text: string} => {
    const total = options.total
    const mainText =
      total === undefined
        ? `${format(main)} ${options.unit}`
        : `${format(main)}/${format(total)} ${options.unit}`
    const percent =
      total === undefined ? '' : ` ${total > 0 ? Math.floor((main / total) * 100) : 100}%`
    const rest = [...counters].map(([name, value]) => `${name} ${value}`)
    const text = [`${mainText}${percent}`, ...rest, formatElapsed(now() - started)].join(' · ')
    const fraction = total === undefined ? Number.NaN : total > 0 ? main / total : 1
    return {bar: Number.isNaN(fraction) ? '' : barFor(fraction, text), text}
  }

  const barFor = (fraction: number, text: string): string => {
    const room = (output.columns || 80) - options.label.length - text.length - 4
    const width = Math.min(BAR_WIDTH, room)
    return width >= MIN_BAR_WIDTH ? `${renderBar(fraction, width)} ` : ''
  }

  const clearLine = () => {
    if (drawnWidth > 0) output.write(`\r${' '.repeat(drawnWidth)}\r`)
    drawnWidth = 0
  }

  const draw = (force: boolean) => {
    const time = now()
    if (!force && time - lastDraw < (tty ? redrawMs : lineMs)) return
    lastDraw = time
    const {bar, text} = describe()
    if (tty) {
      const line = `${options.label} ${bar}${text}`
      clearLine()
      output.write(line)
      drawnWidth = line.length
    } else {
      output.write(`${options.label}: ${text}\n`)
    }
  }

  return {
    advance(by = 1) {
      if (finished) return
      main += by
      draw(false)
    },
    count(counter, by = 1) {
      if (finished) return
      counters.set(counter, (counters.get(counter) ?? 0) + by)
      draw(false)
    },
    value(counter) {
      return counter === undefined ? main : (counters.get(counter) ?? 0)
    },
    log(line) {
      if (tty) clearLine()
      output.write(`${line}\n`)
      if (tty && !finished && lastDraw > Number.NEGATIVE_INFINITY) draw(true)
    },
    stop() {
      if (finished) return
      if (tty) clearLine()
      finished = true
    },
    done() {
      if (finished) return
      draw(true)
      if (tty) output.write('\n')
      drawnWidth = 0
      finished = true
    },
  }
}
