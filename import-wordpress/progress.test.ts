import {describe, expect, it} from 'vitest'

import {createProgress, formatElapsed, renderBar, type ProgressOutput} from './progress.ts'

/** An output that records what was written, and a clock the test moves by hand. */
function recorder(tty: boolean, columns = 100) {
  const writes: string[] = []
  const output: ProgressOutput = {write: (text) => writes.push(text), isTTY: tty, columns}
  let time = 0
  return {
    writes,
    output,
    now: () => time,
    tick: (ms: number) => {
      time += ms
    },
    /** What a terminal would show: carriage returns rewind to the start of the line. */
    screen: () =>
      writes
        .join('')
        .split('\n')
        .map((line) => line.split('\r').reduce((shown, part) => part + shown.slice(part.length)))
        .map((line) => line.trimEnd()),
  }
}

describe('formatElapsed', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [75_000, '1:15'],
    [3_723_000, '1:02:03'],
    [-5, '0:00'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text)
  })
})

describe('renderBar', () => {
  it.each([
    [0, 10, '[----------]'],
    [0.5, 10, '[#####-----]'],
    [1, 4, '[####]'],
    [2, 4, '[####]'],
    [-1, 4, '[----]'],
    [Number.NaN, 4, '[----]'],
  ])('%d of %i cells → %s', (fraction, width, bar) => {
    expect(renderBar(fraction, width)).toBe(bar)
  })
})

describe('createProgress on a terminal', () => {
  it('redraws one line in place with the bar, the counters and the time', () => {
    const out = recorder(true)
    const progress = createProgress({
      label: 'import',
      unit: 'items',
      total: 4,
      counters: ['images', 'transactions'],
      output: out.output,
      now: out.now,
    })
    progress.advance()
    out.tick(150)
    progress.count('images', 2)
    out.tick(150)
    progress.advance()
    progress.count('transactions')
    out.tick(1000)
    progress.done()
    expect(out.screen()).toEqual([
      'import [############------------] 2/4 items 50% · images 2 · transactions 1 · 0:01',
      '',
    ])
    expect(out.writes.filter((text) => text.includes('\n'))).toEqual(['\n'])
  })

  it('skips redraws closer together than redrawMs, but always draws the final state', () => {
    const out = recorder(true)
    const progress = createProgress({label: 'x', unit: 'posts', output: out.output, now: out.now})
    for (let i = 0; i < 100; i++) progress.advance()
    // The first change draws; the 99 in the same instant do not.
    expect(out.writes.filter((text) => text.startsWith('x '))).toEqual(['x 1 posts · 0:00'])
    progress.done()
    expect(out.screen()[0]).toBe('x 100 posts · 0:00')
  })

  it('prints a log line above the bar and draws the bar again below it', () => {
    const out = recorder(true)
    const progress = createProgress({
      label: 'import',
      unit: 'items',
      total: 2,
      output: out.output,
      now: out.now,
    })
    progress.advance()
    progress.log('warning: image missing')
    progress.done()
    expect(out.screen()).toEqual([
      'warning: image missing',
      'import [############------------] 1/2 items 50% · 0:00',
      '',
    ])
  })

  it('takes a terminal that reports no width as 80 columns wide', () => {
    const out = recorder(true, 0)
    const progress = createProgress({
      label: 'import',
      unit: 'items',
      total: 4,
      output: out.output,
      now: out.now,
    })
    progress.advance()
    progress.done()
    expect(out.screen()[0]).toBe('import [######------------------] 1/4 items 25% · 0:00')
  })

  it('leaves the bar out when the terminal is too narrow, and counts a zero total as done', () => {
    const out = recorder(true, 30)
    const progress = createProgress({
      label: 'import',
      unit: 'items',
      total: 0,
      output: out.output,
      now: out.now,
    })
    progress.done()
    expect(out.screen()[0]).toBe('import 0/0 items 100% · 0:00')
  })
})

describe('createProgress without a terminal', () => {
  it('prints plain lines at most every lineMs (the first after one interval), and the final state', () => {
    const out = recorder(false)
    const progress = createProgress({
      label: 'backfill',
      unit: 'MB',
      total: 2048,
      format: (bytes) => (bytes / 1024).toFixed(1),
      counters: ['patched'],
      output: out.output,
      now: out.now,
      lineMs: 1000,
    })
    progress.advance(512)
    out.tick(500)
    progress.advance(512)
    out.tick(600)
    progress.count('patched', 3)
    progress.done()
    progress.advance(1024)
    progress.done()
    expect(out.writes).toEqual([
      'backfill: 1.0/2.0 MB 50% · patched 3 · 0:01\n',
      'backfill: 1.0/2.0 MB 50% · patched 3 · 0:01\n',
    ])
    expect(out.writes.join('')).not.toContain('\r')
  })

  it('keeps log lines plain and counts named counters it was not told about', () => {
    const out = recorder(false)
    const progress = createProgress({label: 'import', unit: 'items', output: out.output})
    progress.log('warning: 東京 📷 missing alt')
    progress.count('retries')
    expect(progress.value('retries')).toBe(1)
    expect(progress.value()).toBe(0)
    progress.done()
    expect(out.writes).toEqual([
      'warning: 東京 📷 missing alt\n',
      'import: 0 items · retries 1 · 0:00\n',
    ])
  })

  it('stops without a last line on failure, and clears a bar', () => {
    const plain = recorder(false)
    const failing = createProgress({
      label: 'scan',
      unit: 'MB',
      output: plain.output,
      now: plain.now,
    })
    failing.advance()
    failing.stop()
    failing.done()
    expect(plain.writes).toEqual([])

    const terminal = recorder(true)
    const bar = createProgress({
      label: 'scan',
      unit: 'MB',
      output: terminal.output,
      now: terminal.now,
    })
    bar.advance()
    bar.stop()
    expect(terminal.screen()).toEqual([''])
  })
})
