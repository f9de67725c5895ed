import {ThemeProvider} from '@sanity/ui'
import {buildTheme} from '@sanity/ui/theme'
import {act, cleanup, render, screen} from '@testing-library/react'
import {set, type InputProps, type ObjectInputProps} from 'sanity'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'

import {estimateReadTime} from '../../../../core/read-time/estimate.ts'
import {toReadTimeValue} from '../../../../core/read-time/value.ts'
import {DEFAULT_READ_TIME_OPTIONS} from '../../options.ts'
import {createReadTimeInput} from './ReadTimeInput.tsx'
import {READ_TIME_DEBOUNCE_MS, READ_TIME_MAX_WAIT_MS} from '../estimatePostReadTime.ts'
import {ReadTimeBodyInput, ReadTimeDocumentInput} from './ReadTimeDocumentInput.tsx'

const theme = buildTheme()

function paragraph(key: string, text: string) {
  return {
    _type: 'block',
    _key: key,
    style: 'normal',
    markDefs: [],
    children: [{_type: 'span', _key: `${key}0`, text, marks: []}],
  }
}

const words = (count: number) => Array.from({length: count}, () => 'word').join(' ')
const hero = {
  _type: 'imageWithAlt',
  asset: {_type: 'reference', _ref: 'image-abc-800x450-png'},
  alt: 'A newsroom',
}

/** A draft post of 400 words and a hero image: 2:12 at 200 words a minute. */
function draftPost(overrides: Record<string, unknown> = {}) {
  const body = [paragraph('a', words(400))]
  return {
    _id: 'drafts.post-1',
    _type: 'post',
    title: 'A post',
    heroImage: hero,
    body,
    readTime: toReadTimeValue(estimateReadTime(body, {heroImage: hero})),
    ...overrides,
  }
}

/** The real form nests the body input inside the document input; so does this stand-in. */
function renderDefaultForm(props: InputProps) {
  const bodyProps = {
    path: ['body'],
    renderDefault: () => <div data-testid="body-editor" />,
  } as unknown as InputProps
  return (
    <div data-testid="form" data-id={String((props.value as {_id?: string})?._id)}>
      <ReadTimeBodyInput {...bodyProps} />
    </div>
  )
}

function renderInput(value: Record<string, unknown>, {readOnly = false} = {}) {
  const onChange = vi.fn()
  const propsFor = (next: Record<string, unknown>) =>
    ({
      id: 'root',
      path: [],
      value: next,
      readOnly,
      onChange,
      renderDefault: renderDefaultForm,
      readTimeOptions: DEFAULT_READ_TIME_OPTIONS,
    }) as unknown as ObjectInputProps & {readTimeOptions: typeof DEFAULT_READ_TIME_OPTIONS}
  const view = render(
    <ThemeProvider theme={theme}>
      <ReadTimeDocumentInput {...propsFor(value)} />
    </ThemeProvider>,
  )
  const rerender = (next: Record<string, unknown>) =>
    view.rerender(
      <ThemeProvider theme={theme}>
        <ReadTimeDocumentInput {...propsFor(next)} />
      </ThemeProvider>,
    )
  return {onChange, rerender}
}

const figure = () => screen.getByTestId('read-time-figure').textContent
const details = () => screen.getByTestId('read-time-details').textContent
const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms))
/** A frame and then some: the patch goes out once the new figure has been painted. */
const FRAME_MS = 20

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('ReadTimeDocumentInput', () => {
  it('shows the figure under the body on open and writes nothing, even when it is stale', async () => {
    const stale = draftPost({readTime: {_type: 'readTime', seconds: 459, words: 1500}})
    const {onChange} = renderInput(stale)
    expect(figure()).toBe('2 Minute, 12 Second')
    expect(details()).toBe('400 words · 1 image')
    await wait(READ_TIME_MAX_WAIT_MS * 2)
    expect(onChange).not.toHaveBeenCalled()
  })

  it('follows an edit of the body after the debounce and patches exactly the new figures', async () => {
    const post = draftPost()
    const {onChange, rerender} = renderInput(post)
    const body = [...post.body, paragraph('b', words(200))]
    rerender({...post, body})
    await wait(READ_TIME_DEBOUNCE_MS - 1)
    expect(figure()).toBe('2 Minute, 12 Second')
    expect(onChange).not.toHaveBeenCalled()

    await wait(1)
    expect(figure()).toBe('3 Minute, 12 Second')
    expect(details()).toBe('600 words · 1 image')
    // The figure first; the patch, which sets the whole form working, after the next frame.
    expect(onChange).not.toHaveBeenCalled()
    await wait(FRAME_MS)
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(onChange).toHaveBeenCalledWith([
      set(
        {
          _type: 'readTime',
          seconds: 192,
          words: 600,
          characters: 0,
          images: 1,
          wordsPerMinute: 200,
        },
        ['readTime'],
      ),
    ])
  })

  it('follows the body back to empty when every block is deleted', async () => {
    const empty = draftPost({heroImage: undefined, body: undefined, readTime: undefined})
    const {onChange, rerender} = renderInput(empty)
    expect(figure()).toBe('0 Second')
    rerender({...empty, body: [paragraph('a', words(100))]})
    await wait(READ_TIME_DEBOUNCE_MS + FRAME_MS)
    expect(figure()).toBe('30 Second')
    // The editor unsets the body: the same value as on mount, but an edit all the same.
    rerender({...empty, body: undefined, readTime: onChange.mock.calls[0]?.[0]?.[0]?.value})
    await wait(READ_TIME_DEBOUNCE_MS + FRAME_MS)
    expect(figure()).toBe('0 Second')
    expect(onChange.mock.calls.map(([patches]) => patches)).toEqual([
      [
        set(
          {
            _type: 'readTime',
            seconds: 30,
            words: 100,
            characters: 0,
            images: 0,
            wordsPerMinute: 200,
          },
          ['readTime'],
        ),
      ],
      [
        set(
          {_type: 'readTime', seconds: 0, words: 0, characters: 0, images: 0, wordsPerMinute: 200},
          ['readTime'],
        ),
      ],
    ])
  })

  it('writes nothing when an edit leaves the figure as stored', async () => {
    const post = draftPost()
    const {onChange, rerender} = renderInput(post)
    // Same number of words, different words.
    rerender({...post, body: [paragraph('a', words(399) + ' other')]})
    await wait(READ_TIME_DEBOUNCE_MS + FRAME_MS)
    expect(figure()).toBe('2 Minute, 12 Second')
    expect(onChange).not.toHaveBeenCalled()
  })

  it('writes nothing when the content comes back unchanged, even over a stale figure', async () => {
    const post = draftPost()
    const {onChange, rerender} = renderInput(post)
    // A collaborator's patch to readTime: new objects, same body, stale stored figure.
    rerender({...structuredClone(post), readTime: {_type: 'readTime', seconds: 1}})
    await wait(READ_TIME_MAX_WAIT_MS)
    expect(figure()).toBe('2 Minute, 12 Second')
    expect(onChange).not.toHaveBeenCalled()
  })

  it('counts a new hero image as an edit', async () => {
    const post = draftPost({heroImage: undefined, readTime: undefined})
    const {onChange, rerender} = renderInput(post)
    expect(details()).toBe('400 words · 0 images')
    rerender({...post, heroImage: hero})
    await wait(READ_TIME_DEBOUNCE_MS + FRAME_MS)
    expect(details()).toBe('400 words · 1 image')
    expect(onChange.mock.calls).toEqual([[[set(draftPost().readTime, ['readTime'])]]])
  })

  it('updates at least every two seconds while the editor types without a pause', async () => {
    const post = draftPost()
    const {onChange, rerender} = renderInput(post)
    const gap = READ_TIME_DEBOUNCE_MS / 2
    let body = post.body
    for (let elapsed = 0; elapsed < READ_TIME_MAX_WAIT_MS; elapsed += gap) {
      body = [...body, paragraph(`k${elapsed}`, 'more')]
      rerender({...post, body})
      await wait(gap)
    }
    await wait(FRAME_MS)
    expect(onChange).toHaveBeenCalledTimes(1)
    // A change every half debounce never pauses long enough; the figure caught up at 2 s anyway.
    expect(details()).toBe(`${400 + READ_TIME_MAX_WAIT_MS / gap} words · 1 image`)
  })

  it('never writes to a published document or a read-only form', async () => {
    const published = draftPost({_id: 'post-1'})
    const first = renderInput(published)
    first.rerender({...published, body: [paragraph('x', words(10))]})
    await wait(READ_TIME_DEBOUNCE_MS + FRAME_MS)
    expect(figure()).toBe('15 Second')
    expect(first.onChange).not.toHaveBeenCalled()
    cleanup()

    const draft = draftPost()
    const readOnly = renderInput(draft, {readOnly: true})
    readOnly.rerender({...draft, body: [paragraph('x', words(10))]})
    await wait(READ_TIME_DEBOUNCE_MS + FRAME_MS)
    expect(readOnly.onChange).not.toHaveBeenCalled()
  })

  it('drops a write still waiting for its frame when the form closes', async () => {
    const post = draftPost()
    const {onChange, rerender} = renderInput(post)
    rerender({...post, body: [paragraph('x', words(10))]})
    await wait(READ_TIME_DEBOUNCE_MS)
    expect(figure()).toBe('15 Second')
    cleanup()
    await wait(FRAME_MS)
    expect(onChange).not.toHaveBeenCalled()
  })
})

describe('ReadTimeBodyInput', () => {
  it('is the plain body input outside a post form', () => {
    const props = {
      path: ['body'],
      renderDefault: () => <div data-testid="body-editor" />,
    } as unknown as InputProps
    render(
      <ThemeProvider theme={theme}>
        <ReadTimeBodyInput {...props} />
      </ThemeProvider>,
    )
    expect(screen.getByTestId('body-editor')).toBeTruthy()
    expect(screen.queryByTestId('read-time-summary')).toBeNull()
  })
})

describe('the read-time form input', () => {
  const Input = createReadTimeInput(DEFAULT_READ_TIME_OPTIONS)

  function renderWith(props: Record<string, unknown>) {
    const renderDefault = vi.fn(() => <div data-testid="default" />)
    render(
      <ThemeProvider theme={theme}>
        <Input {...({onChange: vi.fn(), renderDefault, ...props} as unknown as InputProps)} />
      </ThemeProvider>,
    )
    return renderDefault
  }

  it('wraps a post form and its body, and leaves every other input alone', () => {
    const post = draftPost()
    renderWith({id: 'root', path: [], schemaType: {name: 'post'}, value: post})
    // The post form: the default form inside the read-time provider, no figure of its own.
    expect(screen.getByTestId('default')).toBeTruthy()
    cleanup()

    const tagRenderDefault = renderWith({id: 'root', path: [], schemaType: {name: 'tag'}})
    expect(tagRenderDefault).toHaveBeenCalledTimes(1)
    cleanup()

    const titleRenderDefault = renderWith({id: 'title', path: ['title'], schemaType: {}})
    expect(titleRenderDefault).toHaveBeenCalledTimes(1)
    expect(screen.queryByTestId('read-time-summary')).toBeNull()
  })

  it('shows the figure under the body of a post', () => {
    const post = draftPost()
    const bodyInput = {path: ['body'], renderDefault: () => <div />} as unknown as InputProps
    renderWith({
      id: 'root',
      path: [],
      schemaType: {name: 'post'},
      value: post,
      renderDefault: () => <Input {...bodyInput} />,
    })
    expect(figure()).toBe('2 Minute, 12 Second')
  })
})
