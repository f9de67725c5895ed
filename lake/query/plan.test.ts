import {evaluate, parse} from 'groq-js'
import {describe, expect, it} from 'vitest'
import type {LakeDocument} from '../types.ts'
import {evaluateOnView, parseQuery} from './evaluate.ts'
import {planQuery, type DocumentRead} from './plan.ts'
import {DatasetCopy} from './views.ts'

function doc(fields: Record<string, unknown> & {_id: string; _type: string}): LakeDocument {
  return {
    _rev: 'r',
    _createdAt: '2026-01-01T00:00:00Z',
    _updatedAt: '2026-01-01T00:00:00Z',
    ...fields,
  }
}

function dataset(): DatasetCopy {
  const copy = new DatasetCopy()
  const docs: LakeDocument[] = []
  for (let i = 0; i < 5; i++) docs.push(doc({_id: `tag-${i}`, _type: 'tag', title: `Tag ${i}`}))
  for (let i = 0; i < 30; i++) {
    docs.push(
      doc({
        _id: `post-${i}`,
        _type: 'post',
        title: `Post ${i}`,
        rank: i % 3,
        featured: i % 2 === 0,
        slug: {_type: 'slug', current: `post-${i}`},
        tags: [{_type: 'reference', _ref: `tag-${i % 5}`, _key: 'k'}],
        next: {_type: 'reference', _ref: `post-${i + 1}`},
      }),
    )
    docs.push(doc({_id: `reaction-${i}`, _type: 'reaction', post: {_ref: `post-${i}`}, n: i}))
  }
  docs.push(doc({_id: 'drafts.post-3', _type: 'post', title: 'Draft 3', slug: {current: 'post-3'}}))
  docs.push(doc({_id: 'versions.r1.post-3', _type: 'post', title: 'Release 3'}))
  docs.push(doc({_id: 'drafts.only-draft', _type: 'post', title: 'Never published'}))
  // Insert in a scrambled order: index answers must keep dataset order.
  for (const d of docs.reverse()) copy.set(d._id, d)
  return copy
}

const scan: DocumentRead = {kind: 'scan'}
const index = (path: string): DocumentRead => ({kind: 'index', path})
const join = (path: string): DocumentRead => ({kind: 'join', path})

/**
 * Queries, their parameters, and how the planner must read the documents of each `*` in them:
 * from an index where a conjunct pins `_id`, `_type` or a path to a known value (the cheapest
 * such conjunct wins), as a join where it pins a path to the enclosing document, else a scan.
 */
const cases: Array<[string, Record<string, unknown>, DocumentRead[]]> = [
  ['*[_id == "post-4"]', {}, [index('_id')]],
  ['*[_id == $id]{title}', {id: 'post-7'}, [index('_id')]],
  ['*["post-7" == _id]._id', {}, [index('_id')]],
  ['*[_id in ["post-9", "post-2", "missing"]]._id', {}, [index('_id')]],
  ['*[_id in $ids]._id', {ids: ['reaction-3', 'post-2']}, [index('_id')]],
  ['*[_type == "tag"]._id', {}, [index('_type')]],
  ['*[_type in ["tag", "reaction"]]._id', {}, [index('_type')]],
  // An attribute index narrows further than a list of types.
  ['*[_type in $types && rank == 1]._id', {types: ['post']}, [index('rank')]],
  ['*[slug.current == $slug][0]', {slug: 'post-12'}, [index('slug.current')]],
  ['*[rank == 2 && featured == true]._id', {}, [index('rank')]],
  ['*[featured == false]._id', {}, [index('featured')]],
  ['*[_type == "reaction" && n == 4.0]._id', {}, [index('n')]],
  ['*[slug.current == 12]', {}, [index('slug.current')]],
  ['*[_id == 3]', {}, [index('_id')]],
  [
    '*[_type == "post" && rank == 0]{_id, "reaction": *[_type == "reaction" && post._ref == ^._id][0].n, "tags": tags[]->title, "next": next->title}',
    {},
    [index('rank'), join('post._ref')],
  ],
  ['*[_type == "post"][0...3]{"same": *[_id == ^._id][0]._id}', {}, [index('_type'), join('_id')]],
  ['*[_type == "reaction" && post._ref == ^.missing]', {}, [join('post._ref')]],
  ['count(*[_type == "post" && !(_id in path("drafts.**"))])', {}, [index('_type')]],
  // A filter inside a filter: the inner one is planned first.
  ['*[_type == "tag" && count(*[references(^._id)]) > 5]._id', {}, [scan, index('_type')]],
  ['*[_type == "post" || _id == "tag-1"]._id', {}, [scan]],
  ['*[references("tag-2")]._id', {}, [{kind: 'references'}]],
  ['*[_id == $missing]._id', {missing: null}, [scan]],
  ['*[title match "Post*"]._id', {}, [{kind: 'text'}]],
  ['count(*)', {}, [scan]],
  // The Studio's list asks which versions of each row exist.
  [
    '[*[sanity::versionOf("post-3")]._id, *[sanity::versionOf($id)]._id]',
    {id: 'only-draft'},
    [index('_id'), index('_id')],
  ],
  ['*[sanity::versionOf("r1.post-3") && _type == "post"]._id', {}, [index('_id')]],
  ['*[sanity::versionOf(3)]._id', {}, [index('_id')]],
  ['*[sanity::versionOf(_type)]._id', {}, [scan]],
  [
    '*[_type == "post"] | order(rank desc, _id asc)[0...5]._id',
    {},
    [{kind: 'order', path: 'rank', direction: 'desc'}],
  ],
]

describe('query planner', () => {
  for (const perspective of ['raw', 'drafts', 'published'] as const) {
    it(`gives the same results as a full scan (${perspective})`, async () => {
      const view = dataset().view(perspective)
      for (const [query, params] of cases) {
        const planned = await evaluateOnView(view, parseQuery(query, params), params)
        const scanned = await (await evaluate(parse(query), {dataset: view.docs, params})).get()
        expect({query, result: planned}).toEqual({query, result: scanned})
      }
    })
  }

  it('reads an index where a filter pins a known value, and scans only where none does', () => {
    const view = dataset().view('raw')
    for (const [query, params, reads] of cases) {
      expect({query, reads: planQuery(parseQuery(query, params), params, view).reads}).toEqual({
        query,
        reads,
      })
    }
  })

  it('evaluates text::query terms: prefixes, exclusions and phrases', async () => {
    const view = dataset().view('raw')
    const search = async (text: string) =>
      (
        (await evaluateOnView(
          view,
          parseQuery('*[_type == "tag" && [@, _id] match text::query($q)]._id'),
          {q: text},
        )) as string[]
      ).sort()
    expect(await search('tag')).toEqual(['tag-0', 'tag-1', 'tag-2', 'tag-3', 'tag-4'])
    expect(await search('ta*')).toHaveLength(5)
    expect(await search('tag -3')).toEqual(['tag-0', 'tag-1', 'tag-2', 'tag-4'])
    expect(await search('-"tag 2" -1')).toEqual(['tag-0', 'tag-3', 'tag-4'])
    expect(await search('"tag 4"')).toEqual(['tag-4'])
    expect(await search('nothing')).toEqual([])
  })

  it('accepts a comment on the last line, as Sanity does', async () => {
    const view = dataset().view('raw')
    const query = parseQuery('*[_id == "tag-1"]._id // the Studio ends queries like this')
    expect(await evaluateOnView(view, query, {})).toEqual(['tag-1'])
  })

  it('sees changes: views are rebuilt after a write', async () => {
    const copy = dataset()
    const query = parseQuery('*[_type == "tag"]._id')
    expect(await evaluateOnView(copy.view('raw'), query, {})).toHaveLength(5)
    copy.set('tag-9', doc({_id: 'tag-9', _type: 'tag'}))
    copy.set('tag-0', null)
    const ids = (await evaluateOnView(copy.view('raw'), query, {})) as string[]
    expect(ids.sort()).toEqual(['tag-1', 'tag-2', 'tag-3', 'tag-4', 'tag-9'])
  })

  it('keeps the text index up to date through writes', async () => {
    const copy = dataset()
    copy.textIndex()
    const query = parseQuery('*[[@, _id] match text::query($q)]._id')
    const search = async (q: string) =>
      ((await evaluateOnView(copy.view('drafts'), query, {q})) as string[]).sort()
    expect(await search('Draft')).toEqual(['only-draft', 'post-3'])
    // The drafts perspective shows `drafts.only-draft` as `only-draft`: its `_id` holds "only".
    expect(await search('only')).toEqual(['only-draft'])
    copy.set('post-9', doc({_id: 'post-9', _type: 'post', title: 'Quokka sighting'}))
    copy.set('drafts.post-4', doc({_id: 'drafts.post-4', _type: 'post', title: 'Quokka draft'}))
    expect(await search('quokka')).toEqual(['post-4', 'post-9'])
    expect(await search('Draft')).toEqual(['only-draft', 'post-3', 'post-4'])
    copy.set('post-9', doc({_id: 'post-9', _type: 'post', title: 'Wombat sighting'}))
    copy.set('drafts.post-4', null)
    expect(await search('quokka')).toEqual([])
    expect(await search('wombat')).toEqual(['post-9'])
  })

  it('does not leak index internals into results', async () => {
    const view = dataset().view('raw')
    const result = await evaluateOnView(
      view,
      parseQuery('*[[@, _id] match text::query("tag*")]{...}'),
      {},
    )
    expect(JSON.stringify(result)).not.toContain('\u0000')
  })
})
