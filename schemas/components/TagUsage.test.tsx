import {studioTheme, ThemeProvider} from '@sanity/ui'
import {cleanup, render, screen} from '@testing-library/react'
import type {PreviewProps} from 'sanity'
import {afterEach, describe, expect, it, vi} from 'vitest'

// useClient hands out one stable client, as Sanity's does.
const {client, fetch} = vi.hoisted(() => {
  const fetch = vi.fn()
  return {fetch, client: {fetch}}
})
vi.mock('sanity', () => ({useClient: () => client}))

afterEach(() => {
  cleanup()
  fetch.mockReset()
})

const {TAG_USAGE_QUERY, TagPreview, tagUsageLabel} = await import('./TagUsage.tsx')

function renderPreview(subtitle: string | undefined) {
  const renderDefault = vi.fn((props: PreviewProps) => (
    <div>
      <span>{props.title as string}</span>
      <span data-testid="subtitle">{props.subtitle as React.ReactNode}</span>
    </div>
  ))
  render(
    <ThemeProvider theme={studioTheme}>
      <TagPreview title="AI" subtitle={subtitle} renderDefault={renderDefault} />
    </ThemeProvider>,
  )
  return renderDefault
}

describe('TagPreview', () => {
  it('replaces the tag id with a live count of the published posts using it', async () => {
    fetch.mockResolvedValue(3)
    renderPreview('drafts.tag-ai')
    expect((await screen.findByText(/Used in/)).textContent).toBe('Used in 3 posts')
    expect(fetch).toHaveBeenCalledWith(TAG_USAGE_QUERY, {id: 'tag-ai'}, {tag: 'newsroom.tag-usage'})
  })

  it('says so when the count fails, instead of counting forever', async () => {
    fetch.mockRejectedValue(new Error('Request error while attempting to reach the lake'))
    renderPreview('tag-ai')
    expect((await screen.findByText(/Could not count/)).textContent).toBe(
      'Could not count the posts using this tag: Request error while attempting to reach the lake',
    )
  })

  it('renders the default preview without a subtitle when there is no id', () => {
    const renderDefault = renderPreview(undefined)
    expect(renderDefault.mock.calls[0]?.[0].subtitle).toBeUndefined()
    expect(fetch).not.toHaveBeenCalled()
  })
})

describe('tagUsageLabel', () => {
  it('reads naturally for every count', () => {
    expect(tagUsageLabel({status: 'loading'})).toBe('Counting posts…')
    expect(tagUsageLabel({status: 'ready', data: 0})).toBe('Not used in any post yet')
    expect(tagUsageLabel({status: 'ready', data: 1})).toBe('Used in 1 post')
    expect(tagUsageLabel({status: 'ready', data: 12})).toBe('Used in 12 posts')
    expect(tagUsageLabel({status: 'error', message: 'Forbidden'})).toBe(
      'Could not count the posts using this tag: Forbidden',
    )
  })
})
