import {createSchema, type ObjectSchemaType} from 'sanity'
import {describe, expect, it} from 'vitest'

import {schemaTypes} from '../../../schemas/index.ts'
import {isPostRoot} from './isPostRoot.ts'

const schema = createSchema({name: 'test', types: schemaTypes})
const typeOf = (name: string) => schema.get(name) as ObjectSchemaType

describe('isPostRoot', () => {
  it('is true for the root input of a post', () => {
    expect(isPostRoot({path: [], schemaType: typeOf('post')})).toBe(true)
  })

  it('is false for a field of a post, another document and a post nested in an array', () => {
    expect(isPostRoot({path: ['body'], schemaType: typeOf('blockContent')})).toBe(false)
    expect(isPostRoot({path: [], schemaType: typeOf('tag')})).toBe(false)
    expect(isPostRoot({path: ['posts', 0], schemaType: typeOf('post')})).toBe(false)
  })

  it('takes another document type', () => {
    expect(isPostRoot({path: [], schemaType: typeOf('tag')}, 'tag')).toBe(true)
    expect(isPostRoot({path: [], schemaType: typeOf('post')}, 'tag')).toBe(false)
  })
})
