import {studioTheme, ThemeProvider} from '@sanity/ui'
import {cleanup, render, screen} from '@testing-library/react'
import type {ObjectInputProps} from 'sanity'
import {afterEach, describe, expect, it, vi} from 'vitest'

// The form's current document, and one stable client (as Sanity's useClient gives).
const {state, fetch, client} = vi.hoisted(() => {
  const fetch = vi.fn()
  return {state: {document: {} as Record<string, unknown>}, fetch, client: {fetch}}
})
vi.mock('sanity', () => ({
  useClient: () => client,
  useFormValue: () => state.document,
}))

afterEach(() => {
  cleanup()
  fetch.mockReset()
})

const {SearchSocialInput, searchSocialPreview} = await import('./SearchSocialInput.tsx')

const HERO = {asset: {_ref: 'image-abc-1200x675-png'}, alt: 'A frigate.', hotspot: {x: 0.5, y: 0.4}}
const ASSET_URL = 'https://lake.example/images/local/production/abc-1200x675.png'

function renderInput(document: Record<string, unknown>) {
  state.document = document
  const renderDefault = vi.fn(() => <div>the fields</div>)
  render(
    <ThemeProvider theme={studioTheme}>
      <SearchSocialInput {...({renderDefault} as unknown as ObjectInputProps)} />
    </ThemeProvider>,
  )
  return renderDefault
}

describe('searchSocialPreview', () => {
  it('falls back to the title, the excerpt and the hero, cropped around the hotspot', () => {
    const seo = searchSocialPreview(
      {title: 'T', slug: {current: 'a-b'}, excerpt: 'E.', heroImage: HERO},
      {'image-abc-1200x675-png': ASSET_URL},
    )
    expect(seo).toMatchObject({
      title: 'T',
      description: 'E.',
      url: 'https://your-site.example/posts/a-b',
      image: {
        url: `${ASSET_URL}?w=1200&h=630&fit=crop&crop=focalpoint&fp-x=0.5&fp-y=0.4`,
        alt: 'A frigate.',
      },
    })
  })

  it('takes the first paragraph when there is no excerpt, and no image until its URL is known', () => {
    const seo = searchSocialPreview(
      {
        title: 'T',
        body: [{_type: 'block', style: 'normal', children: [{text: 'First paragraph.'}]}],
        heroImage: HERO,
      },
      {},
    )
    expect(seo.description).toBe('First paragraph.')
    expect(seo.image).toBeUndefined()
    expect(seo.url).toBe('https://your-site.example/posts/untitled')
  })
})

describe('SearchSocialInput', () => {
  it('renders the fields, then the search result and the social card with the SEO fields', async () => {
    fetch.mockResolvedValue([{_id: 'image-abc-1200x675-png', url: ASSET_URL}])
    const renderDefault = renderInput({
      title: 'Mistral AI Powers France’s New Defense Era',
      slug: {current: 'mistral'},
      heroImage: HERO,
      seo: {title: 'Mistral and the army', description: 'A deal.'},
    })
    expect(renderDefault).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('seo-preview-title').textContent).toBe('Mistral and the army')
    expect(screen.getByTestId('seo-preview-card-title').textContent).toBe('Mistral and the army')
    expect(screen.getByTestId('seo-preview-description').textContent).toBe('A deal.')
    expect(screen.getByText('your-site.example › posts › mistral')).toBeTruthy()
    const image = await screen.findByRole('img', {name: 'A frigate.'})
    expect(image.getAttribute('src')).toMatch(/^https:\/\/lake\.example\/images\/.*w=1200&h=630/)
    expect(fetch).toHaveBeenCalledWith(
      '*[_id in $ids]{_id, url}',
      {ids: ['image-abc-1200x675-png']},
      {tag: 'newsroom.seo-preview'},
    )
    expect(fetch).toHaveBeenCalledTimes(1)
    // The first render of @sanity/ui takes seconds on a busy machine.
  }, 30_000)
})
