import {parse} from 'groq-js'
import {describe, expect, it} from 'vitest'
import {changeTags, datasetTag, queryTags, typeTag} from './sync-tags.ts'

const tags = (query: string, params: Record<string, unknown> = {}) =>
  queryTags('production', parse(query, {params}), params)
const post = typeTag('production', 'post')
const tag = typeTag('production', 'tag')
const all = datasetTag('production')

describe('queryTags', () => {
  it.each([
    ['*[_type == "post"]', [post]],
    ['*["post" == _type && defined(slug)][0]{title}', [post]],
    ['*[_type == $t]', [post], {t: 'post'}],
    ['*[_type in $types]', [post, tag], {types: ['post', 'tag']}],
    ['*[_type in ["post", "tag"]] | order(_createdAt desc)', [post, tag]],
    ['*[_type == "post" || _type == "tag"]', [post, tag]],
    ['*[(_type == "post") && title match "x"]', [post]],
    ['*[_type == "post"]{"n": count(*[_type == "tag" && references(^._id)])}', [post, tag]],
    ['*[_type == "post"][slug.current == $s]', [post], {s: 'a'}],
    ['{"a": 1}', []],
  ] as Array<[string, string[], Record<string, unknown>?]>)('%s', (query, expected, params) => {
    expect(tags(query, params)).toEqual(expected)
  })

  it.each([
    ['*'],
    ['*[defined(title)]'],
    ['*[_type == "post" || defined(title)]'],
    ['*[!(_type == "post")]'],
    ['*[_type == $t]'],
    ['*[_type == "post"]{"author": author->name}'],
    ['*[_type == "post"]{"refs": *[references(^._id)]}'],
  ])('%s reads any document: the catch-all', (query) => {
    expect(tags(query)).toEqual([all])
  })

  it('keeps datasets apart', () => {
    expect(typeTag('staging', 'post')).not.toBe(post)
    expect(datasetTag('staging')).not.toBe(all)
  })
})

describe('changeTags', () => {
  const doc = (type: string) => ({_id: 'a', _type: type, _rev: 'r', _createdAt: '', _updatedAt: ''})
  it('carries the catch-all and the types before and after', () => {
    expect(changeTags('production', null, doc('post'))).toEqual([all, post])
    expect(changeTags('production', doc('tag'), doc('post'))).toEqual([all, post, tag])
    expect(changeTags('production', doc('post'), null)).toEqual([all, post])
  })
})
