/**
 * The related-post picker in jsdom. The mocked client answers every query by running it with
 * groq-js over a small fixture dataset (raw or published view, as the request asks), so the
 * suggestions come from the real GROQ and the real ranking; writes are recorded, not applied.
 */
import {ThemeProvider} from '@sanity/ui'
import {buildTheme} from '@sanity/ui/theme'
import {cleanup, render, screen, waitFor, within} from '@testing-library/react'
import {userEvent} from '@testing-library/user-event'
import {evaluate, parse} from 'groq-js'
import {useState} from 'react'
import {set, unset, type InputProps} from 'sanity'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'

import type {ReciprocalLinkMode, StoredReference} from '../../../core/related/types.ts'

const ref = (id: string) => ({_type: 'reference', _ref: id})
const tags = (...ids: string[]) => ids.map((id, i) => ({_key: `k${i}`, ...ref(id)}))

/** Post A (being edited, 3 March) and its neighbours; p-new was never published. */
const DATASET = [
  {_id: 'tag-ai', _type: 'tag', title: 'AI'},
  {_id: 'tag-eu', _type: 'tag', title: 'Europe'},
  {_id: 'image-hero-10x10-png', _type: 'sanity.imageAsset', url: 'https://lake/hero.png'},
  {_id: 'post-a', _type: 'post', title: 'Post A', publishedAt: '2026-03-03T09:00:00.000Z'},
  {
    _id: 'p-old',
    _type: 'post',
    title: 'Old, one tag',
    publishedAt: '2026-03-01T09:00:00.000Z',
    tags: tags('tag-eu'),
  },
  {
    _id: 'p-near',
    _type: 'post',
    title: 'Near, no tags',
    publishedAt: '2026-03-02T21:00:00.000Z',
  },
  {
    _id: 'p-best',
    _type: 'post',
    title: 'First light, two tags',
    publishedAt: '2026-02-20T09:00:00.000Z',
    tags: tags('tag-ai', 'tag-eu'),
    heroImage: {asset: ref('image-hero-10x10-png')},
    next: ref('p-other'),
  },
  {
    _id: 'drafts.p-new',
    _type: 'post',
    title: 'Draft, one tag',
    publishedAt: '2026-02-28T09:00:00.000Z',
    tags: tags('tag-ai'),
  },
  {_id: 'p-other', _type: 'post', title: 'The other post', publishedAt: '2026-02-21T09:00:00.000Z'},
  {_id: 'p-later', _type: 'post', title: 'Later', publishedAt: '2026-03-05T09:00:00.000Z'},
]

// useClient hands out one stable client, as Sanity's does.
const {client, formValues} = vi.hoisted(() => ({
  client: {fetch: vi.fn(), mutate: vi.fn()},
  formValues: new Map<string, unknown>(),
}))
vi.mock('sanity', async (importOriginal) => ({
  ...(await importOriginal<typeof import('sanity')>()),
  useClient: () => client,
  useFormValue: (path: string[]) => formValues.get(path.join('.')),
}))
vi.mock('sanity/router', () => ({
  IntentLink: ({params, ...rest}: {params: {id: string}} & Record<string, unknown>) => (
    <a href={`/intent/edit/id=${params.id}`} {...rest} />
  ),
}))

const {RelatedPostInput} = await import('./RelatedPostInput.tsx')
const {createRelatedPostsInput} = await import('../related-input.tsx')

async function runQuery(
  query: string,
  params: Record<string, unknown>,
  options: {perspective?: string} = {},
) {
  const dataset =
    options.perspective === 'published' ? DATASET.filter((doc) => !doc._id.includes('.')) : DATASET
  return (await evaluate(parse(query), {dataset, params})).get()
}

beforeEach(() => {
  client.fetch.mockImplementation(runQuery)
  client.mutate.mockResolvedValue({transactionId: 'tx'})
  formValues.clear()
  formValues.set('_id', 'drafts.post-a')
  formValues.set('_type', 'post')
  formValues.set('publishedAt', '2026-03-03T09:00:00.000Z')
  formValues.set('tags', tags('tag-ai', 'tag-eu'))
})

afterEach(() => {
  cleanup()
  client.fetch.mockReset()
  client.mutate.mockReset()
})

/** The input inside a form that applies its patches to the field value, as the Studio does. */
function FieldHarness(props: {
  field: 'previous' | 'next'
  initial?: StoredReference
  reciprocal: ReciprocalLinkMode
  onChange: (patch: unknown) => void
}) {
  const [value, setValue] = useState(props.initial)
  return (
    <RelatedPostInput
      field={props.field}
      value={value}
      reciprocal={props.reciprocal}
      onChange={(patch) => {
        props.onChange(patch)
        const single = Array.isArray(patch) ? patch[0] : patch
        if (single && 'type' in single) {
          setValue(single.type === 'set' ? (single.value as StoredReference) : undefined)
        }
      }}
    />
  )
}

function renderInput(
  options: {
    field?: 'previous' | 'next'
    value?: StoredReference
    reciprocal?: ReciprocalLinkMode
  } = {},
) {
  const onChange = vi.fn()
  render(
    <ThemeProvider theme={buildTheme()}>
      <FieldHarness
        field={options.field ?? 'previous'}
        initial={options.value}
        onChange={onChange}
        reciprocal={options.reciprocal ?? 'ask'}
      />
    </ThemeProvider>,
  )
  return onChange
}

const suggestionTitles = async () => {
  const list = await screen.findByTestId('related-suggestions')
  return within(list)
    .getAllByTestId('related-suggestion')
    .map((option) => option.querySelector('[data-testid="related-reason"]')?.parentElement)
    .map((stack) => stack?.firstElementChild?.textContent)
}

describe('RelatedPostInput', () => {
  it('lists suggestions before any typing: shared tags first, then the nearest older post', async () => {
    renderInput()
    expect(await suggestionTitles()).toEqual([
      'First light, two tags',
      'Old, one tag',
      'Draft, one tag',
      'Near, no tags',
      'The other post',
    ])
    const options = screen.getAllByTestId('related-suggestion')
    expect(
      options.map((option) => within(option).getByTestId('related-reason').textContent),
    ).toEqual([
      '2 shared tags · 11 days older',
      '1 shared tag · 2 days older',
      '1 shared tag · 3 days older',
      'No shared tags · 12 hours older',
      'No shared tags · 10 days older',
    ])
    // Date, hero thumbnail, shared tags by title, and the never-published draft marked.
    expect(options[0]?.textContent).toContain('Feb 20, 2026')
    expect(options[0]?.querySelector('img')?.getAttribute('src')).toBe(
      'https://lake/hero.png?w=80&h=80&fit=crop',
    )
    expect(within(options[0] as HTMLElement).getByText('AI')).toBeTruthy()
    expect(within(options[0] as HTMLElement).getByText('Europe')).toBeTruthy()
    expect(within(options[2] as HTMLElement).getByText('Unpublished')).toBeTruthy()
    expect(within(options[1] as HTMLElement).queryByText('Unpublished')).toBeNull()
    expect(client.fetch).toHaveBeenCalledWith(
      expect.stringContaining('"candidates"'),
      expect.anything(),
      {
        perspective: 'raw',
        tag: 'newsroom.related-suggestions',
      },
    )
  })

  it('emits exactly the reference patch on pick, then offers the link back and writes it to the other draft', async () => {
    const onChange = renderInput()
    const user = userEvent.setup()
    await user.click((await screen.findAllByTestId('related-suggestion'))[1] as HTMLElement)
    expect(onChange.mock.calls).toEqual([[set({_type: 'reference', _ref: 'p-old'})]])
    // The prompt waits for the editor: nothing written yet.
    const prompt = await screen.findByTestId('related-reciprocal')
    expect(prompt.textContent).toContain('Also make this post the next post of “Old, one tag”?')
    expect(client.mutate).not.toHaveBeenCalled()
    await user.click(within(prompt).getByTestId('related-reciprocal-accept'))
    await screen.findByTestId('related-notice')
    expect(client.mutate.mock.calls).toEqual([
      [
        [
          {
            createIfNotExists: {
              _id: 'drafts.p-old',
              _type: 'post',
              title: 'Old, one tag',
              publishedAt: '2026-03-01T09:00:00.000Z',
              tags: tags('tag-eu'),
            },
          },
          {patch: {id: 'drafts.p-old', set: {next: {_type: 'reference', _ref: 'post-a'}}}},
        ],
        {tag: 'newsroom.related-reciprocal'},
      ],
    ])
  })

  it('references a never-published draft weakly, to be strengthened when it is published', async () => {
    const onChange = renderInput({reciprocal: 'never'})
    await userEvent.click((await screen.findAllByTestId('related-suggestion'))[2] as HTMLElement)
    expect(onChange.mock.calls).toEqual([
      [
        set({
          _type: 'reference',
          _ref: 'p-new',
          _weak: true,
          _strengthenOnPublish: {type: 'post'},
        }),
      ],
    ])
    expect(client.fetch).not.toHaveBeenCalledWith(
      '*[_id in $ids]',
      expect.anything(),
      expect.anything(),
    )
  })

  it('asks before replacing a link the other post already has, even in always mode', async () => {
    const onChange = renderInput({reciprocal: 'always'})
    // Its next post is already “The other post”.
    await userEvent.click((await screen.findAllByTestId('related-suggestion'))[0] as HTMLElement)
    expect(onChange.mock.calls).toEqual([[set({_type: 'reference', _ref: 'p-best'})]])
    const prompt = await screen.findByTestId('related-reciprocal')
    expect(prompt.textContent).toContain(
      '“First light, two tags” already has “The other post” as its next post. Replace it with this post?',
    )
    expect(within(prompt).getByTestId('related-reciprocal-dismiss').textContent).toBe(
      'Keep “The other post”',
    )
    expect(client.mutate).not.toHaveBeenCalled()
    await userEvent.click(within(prompt).getByTestId('related-reciprocal-accept'))
    await screen.findByTestId('related-notice')
    expect(client.mutate.mock.calls[0]?.[0]).toEqual([
      {createIfNotExists: expect.objectContaining({_id: 'drafts.p-best', next: ref('p-other')})},
      {patch: {id: 'drafts.p-best', set: {next: {_type: 'reference', _ref: 'post-a'}}}},
    ])
  })

  it('writes the link back at once in always mode when the other post has none', async () => {
    renderInput({reciprocal: 'always'})
    await userEvent.click((await screen.findAllByTestId('related-suggestion'))[3] as HTMLElement)
    await screen.findByTestId('related-notice')
    expect(screen.queryByTestId('related-reciprocal')).toBeNull()
    expect(client.mutate.mock.calls[0]?.[0]).toEqual([
      {
        createIfNotExists: {
          _id: 'drafts.p-near',
          _type: 'post',
          title: 'Near, no tags',
          publishedAt: '2026-03-02T21:00:00.000Z',
        },
      },
      {patch: {id: 'drafts.p-near', set: {next: {_type: 'reference', _ref: 'post-a'}}}},
    ])
  })

  it('searches by title as you type and picks with the keyboard', async () => {
    const onChange = renderInput({reciprocal: 'never'})
    const user = userEvent.setup()
    await screen.findAllByTestId('related-suggestion')
    await user.type(screen.getByTestId('related-search'), 'later')
    // Debounced: the newer post appears once typing pauses, though it is on the other side.
    await waitFor(async () => expect(await suggestionTitles()).toEqual(['Later']))
    await user.keyboard('{Enter}')
    expect(onChange.mock.calls).toEqual([[set({_type: 'reference', _ref: 'p-later'})]])
  })

  it('moves through the suggestions with the arrow keys', async () => {
    const onChange = renderInput({reciprocal: 'never'})
    const user = userEvent.setup()
    await screen.findAllByTestId('related-suggestion')
    await user.click(screen.getByTestId('related-search'))
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}')
    const options = screen.getAllByTestId('related-suggestion')
    expect(options.map((option) => option.getAttribute('aria-selected'))).toEqual([
      'false',
      'true',
      'false',
      'false',
      'false',
    ])
    expect(screen.getByTestId('related-search').getAttribute('aria-activedescendant')).toBe(
      options[1]?.id,
    )
    await user.keyboard('{Enter}')
    expect(onChange.mock.calls).toEqual([[set({_type: 'reference', _ref: 'p-old'})]])
  })

  it('links the chronological neighbour in one click', async () => {
    const onChange = renderInput({reciprocal: 'never'})
    const button = await screen.findByTestId('related-neighbour')
    expect(button.textContent).toBe('Nearest older: “Near, no tags”')
    await userEvent.click(button)
    expect(onChange.mock.calls).toEqual([[set({_type: 'reference', _ref: 'p-near'})]])
  })

  it('shows the chosen post as a card that opens it, with a clear button', async () => {
    const onChange = renderInput({value: ref('p-best')})
    const card = await screen.findByTestId('related-linked-post')
    await waitFor(() => expect(card.textContent).toContain('First light, two tags'))
    expect(card.getAttribute('href')).toBe('/intent/edit/id=p-best')
    expect(screen.queryByTestId('related-suggestions')).toBeNull()
    expect(screen.queryByTestId('related-broken-link')).toBeNull()
    await userEvent.click(screen.getByTestId('related-clear'))
    expect(onChange.mock.calls).toEqual([[unset()]])
  })

  it('warns about a link to a deleted post and fixes it in one click', async () => {
    const onChange = renderInput({value: ref('p-deleted'), reciprocal: 'never'})
    const warning = await screen.findByTestId('related-broken-link')
    expect(warning.textContent).toContain('The linked post was deleted')
    const fix = await within(warning).findByText('Link “Near, no tags” instead')
    await userEvent.click(fix)
    expect(onChange.mock.calls).toEqual([[set({_type: 'reference', _ref: 'p-near'})]])
  })

  it('warns about a link to an unpublished post', async () => {
    renderInput({value: ref('p-new')})
    const warning = await screen.findByTestId('related-broken-link')
    expect(warning.textContent).toContain('“Draft, one tag” is not published')
  })
})

describe('the plugin’s form input', () => {
  const NewsroomInput = createRelatedPostsInput('ask')
  const renderField = (path: string[]) => {
    const renderDefault = vi.fn(() => <span>default input</span>)
    const props = {
      path,
      value: undefined,
      onChange: vi.fn(),
      renderDefault,
    } as unknown as InputProps
    render(
      <ThemeProvider theme={buildTheme()}>
        <NewsroomInput {...props} />
      </ThemeProvider>,
    )
    return renderDefault
  }

  it('replaces only post.previous and post.next', async () => {
    expect(renderField(['title'])).toHaveBeenCalledTimes(1)
    cleanup()
    expect(renderField(['body', 0, 'previous'] as string[])).toHaveBeenCalledTimes(1)
    cleanup()
    formValues.set('_type', 'tag')
    expect(renderField(['next'])).toHaveBeenCalledTimes(1)
    cleanup()
    formValues.set('_type', 'post')
    expect(renderField(['next'])).not.toHaveBeenCalled()
    expect(await screen.findByTestId('related-suggestions')).toBeTruthy()
  })
})
