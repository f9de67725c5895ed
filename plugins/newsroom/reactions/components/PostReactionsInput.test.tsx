import {ThemeProvider} from '@sanity/ui'
import {buildTheme} from '@sanity/ui/theme'
import {cleanup, render, screen} from '@testing-library/react'
import type {InputProps} from 'sanity'
import {afterEach, describe, expect, it, vi} from 'vitest'

const {client} = vi.hoisted(() => {
  const client: Record<string, unknown> = {
    fetch: () => new Promise(() => {}),
    listen: () => ({subscribe: () => ({unsubscribe: () => {}})}),
  }
  client.withConfig = () => client
  return {client}
})
vi.mock('sanity', () => ({useClient: () => client}))

const {createPostReactionsInput} = await import('./PostReactionsInput.tsx')

afterEach(cleanup)

const PostReactionsInput = createPostReactionsInput({
  kinds: [{name: 'love', title: 'Love', emoji: '❤️'}],
  dataset: undefined,
})

function renderInput(props: {path: string[]; schemaType: string; value: unknown}) {
  const renderDefault = vi.fn(() => <div data-testid="default-input" />)
  const inputProps = {
    path: props.path,
    schemaType: {name: props.schemaType},
    value: props.value,
    renderDefault,
  } as unknown as InputProps
  render(
    <ThemeProvider theme={buildTheme()}>
      <PostReactionsInput {...inputProps} />
    </ThemeProvider>,
  )
  return renderDefault
}

describe('PostReactionsInput', () => {
  it('puts the Reactions panel above the fields of a post', () => {
    const renderDefault = renderInput({
      path: [],
      schemaType: 'post',
      value: {_id: 'drafts.post-1', _type: 'post'},
    })
    expect(screen.getByTestId('reactions-panel')).toBeTruthy()
    expect(screen.getByText('❤️ Love')).toBeTruthy()
    expect(screen.getByTestId('default-input')).toBeTruthy()
    expect(renderDefault).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['a field of a post', {path: ['title'], schemaType: 'post', value: 'A title'}],
    ['a tag', {path: [], schemaType: 'tag', value: {_id: 'tag-1'}}],
    ['a post without an id yet', {path: [], schemaType: 'post', value: undefined}],
  ])('leaves %s alone', (_label, props) => {
    const renderDefault = renderInput(props)
    expect(screen.queryByTestId('reactions-panel')).toBeNull()
    expect(renderDefault).toHaveBeenCalledTimes(1)
  })
})
