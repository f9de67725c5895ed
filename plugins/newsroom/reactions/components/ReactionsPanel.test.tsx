import {ThemeProvider} from '@sanity/ui'
import {buildTheme} from '@sanity/ui/theme'
import {act, cleanup, render, screen, within} from '@testing-library/react'
import {afterEach, describe, expect, it, vi} from 'vitest'

import {DEFAULT_REACTION_KINDS} from '../../../../core/reaction-kinds.ts'

type Observer = {next: (event: unknown) => void; error: (error: Error) => void}

// useClient hands out one stable client, as Sanity's does; `listen` is an observable the test drives.
const {client, fetch, listen, unsubscribe, stream} = vi.hoisted(() => {
  const stream: {observer?: Observer} = {}
  const unsubscribe = vi.fn()
  const listen = vi.fn(() => ({
    subscribe: (observer: Observer) => {
      stream.observer = observer
      return {unsubscribe}
    },
  }))
  const fetch = vi.fn()
  const client: Record<string, unknown> = {fetch, listen}
  client.withConfig = vi.fn(() => client)
  return {client, fetch, listen, unsubscribe, stream}
})
vi.mock('sanity', () => ({useClient: () => client}))

const {LiveReactionsPanel, ReactionsPanel, TALLY_COUNTS_QUERY, TALLY_LISTEN_QUERY} =
  await import('./ReactionsPanel.tsx')

afterEach(() => {
  cleanup()
  vi.clearAllMocks()
  stream.observer = undefined
})

const theme = buildTheme()

function row(kind: string) {
  return within(screen.getByTestId(`reactions-panel-${kind}`))
}

describe('ReactionsPanel', () => {
  it('shows each kind with its count, percentage and bar', () => {
    render(
      <ThemeProvider theme={theme}>
        <ReactionsPanel
          state={{status: 'ready', counts: {happy: 3, excited: 2, sad: 1, surprise: 1}}}
          kinds={DEFAULT_REACTION_KINDS}
        />
      </ThemeProvider>,
    )
    expect(screen.getByTestId('reactions-panel-total').textContent).toBe('7 reactions')
    expect(row('happy').getByText('😀 Happy')).toBeTruthy()
    expect(row('happy').getByText('3 · 43 %')).toBeTruthy()
    expect(row('excited').getByText('2 · 29 %')).toBeTruthy()
    expect(row('sad').getByText('1 · 14 %')).toBeTruthy()
    expect(row('surprise').getByText('1 · 14 %')).toBeTruthy()
    expect(row('angry').getByText('0 · 0 %')).toBeTruthy()
    const meters = screen.getAllByRole('meter')
    expect(meters.map((meter) => meter.getAttribute('aria-valuenow'))).toEqual([
      '43',
      '14',
      '29',
      '0',
      '0',
      '14',
    ])
    expect(screen.getByRole('meter', {name: 'Happy'}).getAttribute('aria-valuemax')).toBe('100')
  })

  it('shows zeros for a post nobody reacted to, and ignores garbage counts', () => {
    render(
      <ThemeProvider theme={theme}>
        <ReactionsPanel
          state={{status: 'ready', counts: {happy: -2, sad: 'many', excited: 1.5}}}
          kinds={DEFAULT_REACTION_KINDS}
        />
      </ThemeProvider>,
    )
    expect(screen.getByTestId('reactions-panel-total').textContent).toBe('No reactions yet')
    expect(row('happy').getByText('0 · 0 %')).toBeTruthy()
    expect(row('sad').getByText('0 · 0 %')).toBeTruthy()
  })

  it('says when the tally could not be loaded', () => {
    render(
      <ThemeProvider theme={theme}>
        <ReactionsPanel
          state={{status: 'error', message: 'offline'}}
          kinds={DEFAULT_REACTION_KINDS}
        />
      </ThemeProvider>,
    )
    expect(screen.getByTestId('reactions-panel-total').textContent).toBe(
      'Could not load reactions: offline',
    )
  })

  it('writes a large total as the site does, with a thousands separator', () => {
    render(
      <ThemeProvider theme={theme}>
        <ReactionsPanel
          state={{status: 'ready', counts: {happy: 1234}}}
          kinds={DEFAULT_REACTION_KINDS}
        />
      </ThemeProvider>,
    )
    expect(screen.getByTestId('reactions-panel-total').textContent).toBe('1,234 reactions')
    expect(row('happy').getByText('1234 · 100 %')).toBeTruthy()
  })
})

describe('LiveReactionsPanel', () => {
  const params = {id: 'reaction-post-1'}

  function renderLive(dataset?: string) {
    return render(
      <ThemeProvider theme={theme}>
        <LiveReactionsPanel postId="post-1" kinds={DEFAULT_REACTION_KINDS} dataset={dataset} />
      </ThemeProvider>,
    )
  }

  it('listens to the tally, fetches it on welcome and applies each change live', async () => {
    fetch.mockResolvedValue({happy: 1})
    const view = renderLive()
    expect(listen).toHaveBeenCalledWith(TALLY_LISTEN_QUERY, params, {
      events: ['welcome', 'mutation', 'reconnect'],
      includeResult: true,
      visibility: 'query',
      tag: 'newsroom.reactions-panel',
    })
    expect(fetch).not.toHaveBeenCalled()
    await act(async () => stream.observer?.next({type: 'welcome'}))
    expect(fetch).toHaveBeenCalledWith(TALLY_COUNTS_QUERY, params, {
      tag: 'newsroom.reactions-panel',
      perspective: 'raw',
    })
    expect(screen.getByTestId('reactions-panel-total').textContent).toBe('1 reaction')

    await act(async () =>
      stream.observer?.next({type: 'mutation', result: {counts: {happy: 1, sad: 3}}}),
    )
    expect(screen.getByTestId('reactions-panel-total').textContent).toBe('4 reactions')
    expect(row('sad').getByText('3 · 75 %')).toBeTruthy()

    // The tally deleted: back to zero.
    await act(async () => stream.observer?.next({type: 'mutation', result: undefined}))
    expect(screen.getByTestId('reactions-panel-total').textContent).toBe('No reactions yet')

    view.unmount()
    expect(unsubscribe).toHaveBeenCalledTimes(1)
  })

  it('drops a fetch that answers after a newer change', async () => {
    let answer: (value: unknown) => void = () => {}
    fetch.mockReturnValue(new Promise((resolve) => (answer = resolve)))
    renderLive()
    await act(async () => stream.observer?.next({type: 'welcome'}))
    await act(async () => stream.observer?.next({type: 'mutation', result: {counts: {angry: 2}}}))
    await act(async () => answer({angry: 1}))
    expect(screen.getByTestId('reactions-panel-total').textContent).toBe('2 reactions')
  })

  it('reads another dataset when configured, and shows listener errors', async () => {
    renderLive('reactions')
    expect(client.withConfig).toHaveBeenCalledWith({dataset: 'reactions'})
    await act(async () => stream.observer?.error(new Error('Unauthorized')))
    expect(screen.getByTestId('reactions-panel-total').textContent).toBe(
      'Could not load reactions: Unauthorized',
    )
  })
})
