import {cleanup, render, screen} from '@testing-library/react'
import type {InputProps} from 'sanity'
import {afterEach, describe, expect, it} from 'vitest'

import {chainInputs} from './chainInputs.tsx'

afterEach(cleanup)

/** An input that wraps the fields at `path` in a labelled box, and passes everything else on. */
function boxAt(name: string, label: string) {
  return function Box(props: InputProps) {
    if (props.path[0] !== name) return props.renderDefault(props)
    return <section aria-label={label}>{props.renderDefault(props)}</section>
  }
}

function renderField(path: string[]) {
  const Input = chainInputs([
    boxAt('body', 'read time'),
    boxAt('body', 'reactions'),
    boxAt('next', 'related'),
  ])
  const props = {
    path,
    renderDefault: (next: InputProps) => <input aria-label={`default ${next.path.join('.')}`} />,
  } as unknown as InputProps
  render(<Input {...props} />)
}

describe('chainInputs', () => {
  it('nests every input that applies, first outermost, around Sanity’s own input', () => {
    renderField(['body'])
    const readTime = screen.getByRole('region', {name: 'read time'})
    const reactions = screen.getByRole('region', {name: 'reactions'})
    expect(readTime.contains(reactions)).toBe(true)
    expect(reactions.contains(screen.getByRole('textbox', {name: 'default body'}))).toBe(true)
    expect(screen.queryByRole('region', {name: 'related'})).toBeNull()
  })

  it('renders only Sanity’s input where no feature applies', () => {
    renderField(['title'])
    expect(screen.getByRole('textbox', {name: 'default title'})).toBeTruthy()
    expect(screen.queryAllByRole('region')).toHaveLength(0)
  })
})
