import {renderHook} from '@testing-library/react'
import type {DocumentActionComponent, DocumentActionProps} from 'sanity'
import {afterEach, describe, expect, it, vi} from 'vitest'

import {estimateReadTime} from '../../../core/read-time/estimate.ts'
import {toReadTimeValue} from '../../../core/read-time/value.ts'
import {DEFAULT_READ_TIME_OPTIONS} from '../options.ts'

// The patch operation records into the same log as the wrapped publish, to check their order.
const {calls, execute} = vi.hoisted(() => {
  const calls: unknown[] = []
  return {calls, execute: vi.fn((patches: unknown) => calls.push(['patch', patches]))}
})
vi.mock('sanity', () => ({useDocumentOperation: () => ({patch: {execute}})}))

const {withReadTimeOnPublish} = await import('./withReadTimeOnPublish.ts')

const body = [
  {
    _type: 'block',
    _key: 'a',
    children: [{_type: 'span', _key: 'a0', text: 'Typed just before clicking Publish.'}],
  },
]
const current = toReadTimeValue(estimateReadTime(body))

const publish: DocumentActionComponent = Object.assign(
  () => ({label: 'Publish', onHandle: () => calls.push(['publish'])}),
  {action: 'publish' as const, displayName: 'PublishAction'},
)

function handle(draft: Record<string, unknown> | null) {
  const action = withReadTimeOnPublish(publish, DEFAULT_READ_TIME_OPTIONS)
  const props = {id: 'post-1', type: 'post', draft, published: null} as DocumentActionProps
  const {result} = renderHook(() => action(props))
  expect(result.current?.label).toBe('Publish')
  result.current?.onHandle?.()
}

afterEach(() => {
  calls.length = 0
  execute.mockClear()
})

describe('withReadTimeOnPublish', () => {
  it('patches a stale read time onto the draft, then publishes', () => {
    handle({_id: 'drafts.post-1', _type: 'post', body, readTime: {seconds: 459}})
    expect(calls).toEqual([['patch', [{set: {readTime: current}}]], ['publish']])
    expect(current).toMatchObject({words: 5, seconds: 2})
  })

  it('patches a missing read time', () => {
    handle({_id: 'drafts.post-1', _type: 'post', body})
    expect(calls).toEqual([['patch', [{set: {readTime: current}}]], ['publish']])
  })

  it('only publishes when the stored figure is current, or there is no draft', () => {
    handle({_id: 'drafts.post-1', _type: 'post', body, readTime: current})
    handle(null)
    expect(calls).toEqual([['publish'], ['publish']])
  })
})
