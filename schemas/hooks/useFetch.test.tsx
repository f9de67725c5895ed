import {act, cleanup, render, screen} from '@testing-library/react'
import {useCallback, useState} from 'react'
import {afterEach, describe, expect, it} from 'vitest'

import {fetchedData, useFetch, type FetchState} from './useFetch.ts'

afterEach(cleanup)

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return {promise, resolve, reject}
}

function label(state: FetchState<string>): string {
  if (state.status === 'ready') return `ready:${state.data}`
  if (state.status === 'error') return `error:${state.message}`
  if (state.status === 'loading') return `loading:${state.previous ?? ''}`
  return 'idle'
}

function Probe(props: {loads: Map<string, Promise<string>>; initial: string | undefined}) {
  const [key, setKey] = useState(props.initial)
  const load = useCallback(() => props.loads.get(key as string) as Promise<string>, [key, props])
  const state = useFetch(key === undefined ? undefined : load)
  return (
    <>
      <span data-testid="state">{label(state)}</span>
      <span data-testid="data">{fetchedData(state) ?? ''}</span>
      <button onClick={() => setKey('b')}>b</button>
    </>
  )
}

const twoLoads = (a: Promise<string>, b: Promise<string>) =>
  new Map([
    ['a', a],
    ['b', b],
  ])

const stateText = () => screen.getByTestId('state').textContent

describe('useFetch', () => {
  it('is loading, then ready with the data', async () => {
    const a = deferred<string>()
    render(<Probe loads={new Map([['a', a.promise]])} initial="a" />)
    expect(stateText()).toBe('loading:')
    await act(async () => a.resolve('A'))
    expect(stateText()).toBe('ready:A')
  })

  it('shows a failed load as an error with its message, not as loading forever', async () => {
    const a = deferred<string>()
    render(<Probe loads={new Map([['a', a.promise]])} initial="a" />)
    await act(async () => a.reject(new Error('Request error while attempting to reach the lake')))
    expect(stateText()).toBe('error:Request error while attempting to reach the lake')
  })

  it('keeps the previous data while a new load runs', async () => {
    const a = deferred<string>()
    const b = deferred<string>()
    render(<Probe loads={twoLoads(a.promise, b.promise)} initial="a" />)
    await act(async () => a.resolve('A'))
    await act(async () => screen.getByText('b').click())
    expect(stateText()).toBe('loading:A')
    expect(screen.getByTestId('data').textContent).toBe('A')
    await act(async () => b.resolve('B'))
    expect(stateText()).toBe('ready:B')
  })

  it('drops the answer of a load that a newer one replaced', async () => {
    const a = deferred<string>()
    const b = deferred<string>()
    render(<Probe loads={twoLoads(a.promise, b.promise)} initial="a" />)
    await act(async () => screen.getByText('b').click())
    await act(async () => a.resolve('A'))
    expect(stateText()).toBe('loading:')
    await act(async () => b.resolve('B'))
    expect(stateText()).toBe('ready:B')
  })

  it('is idle without a loader', () => {
    render(<Probe loads={new Map()} initial={undefined} />)
    expect(stateText()).toBe('idle')
  })
})
