import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {exportDataset} from '@sanity/export'
import {sanityImport} from '@sanity/import'
import type {SanityDocument} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../support/lake.ts'
import {tinyPng} from './core-fixtures.ts'

const run = promisify(execFile)
const NODE = process.execPath

let source: TestLake
let target: TestLake
let work: string

beforeAll(async () => {
  ;[source, target] = await Promise.all([startTestLake(), startTestLake()])
  work = mkdtempSync(join(tmpdir(), 'lake-io-'))
  const admin = source.client({token: 'admin'})
  const image = await admin.assets.upload('image', tinyPng(12, 6, 3), {filename: 'hero.png'})
  await admin
    .transaction()
    .create({_id: 'tag-news', _type: 'tag', title: 'News'})
    .create({
      _id: 'post-io',
      _type: 'post',
      title: 'Round trip – ünïcödé ✓',
      tags: [{_key: 'k1', _type: 'reference', _ref: 'tag-news'}],
      heroImage: {_type: 'image', alt: 'Hero', asset: {_type: 'reference', _ref: image._id}},
    })
    .create({_id: 'drafts.post-io', _type: 'post', title: 'Draft of round trip'})
    .commit()
})
afterAll(async () => {
  await Promise.all([source?.close(), target?.close()])
  if (work) rmSync(work, {recursive: true, force: true})
})

/** Documents without the fields a transaction rewrites. */
function content(docs: SanityDocument[]) {
  return docs
    .filter((doc) => !doc._type.startsWith('sanity.'))
    .map(({_rev: _r, _updatedAt: _u, _createdAt: _c, ...rest}) => rest)
    .sort((a, b) => a._id.localeCompare(b._id))
}

describe('@sanity/export and @sanity/import against the lake', () => {
  it('exports documents and assets, and imports them into another lake', async () => {
    const archive = join(work, 'production.tar.gz')
    const result = await exportDataset({
      client: source.client({token: 'admin'}),
      dataset: 'production',
      outputPath: archive,
      assets: true,
    })
    expect(result.documentCount).toBeGreaterThanOrEqual(3)
    expect(result.assetCount).toBe(1)

    const {createReadStream} = await import('node:fs')
    const imported = await sanityImport(createReadStream(archive), {
      client: target.client({token: 'admin'}),
      operation: 'create',
    })
    expect(imported.numDocs).toBeGreaterThanOrEqual(3)

    const all = '*[!(_id in path("_.**"))]'
    const from = await source.client({token: 'admin'}).fetch(all, {}, {perspective: 'raw'})
    const to = await target.client({token: 'admin'}).fetch(all, {}, {perspective: 'raw'})
    expect(content(to)).toEqual(content(from))

    // The image came across as bytes: same asset id, served by the target lake.
    const assetId: string = await target
      .client({token: 'admin'})
      .fetch('*[_id == "post-io"][0].heroImage.asset._ref')
    const asset = await target.client({token: 'admin'}).getDocument(assetId)
    expect(asset?.url).toContain(target.url)
    const bytes = Buffer.from(await (await fetch(asset!.url as string)).arrayBuffer())
    expect(bytes.equals(tinyPng(12, 6, 3))).toBe(true)
  })
})

describe('npm run lake -- export|import', () => {
  const cli = (...args: string[]) => run(NODE, ['lake/cli.ts', ...args], {cwd: process.cwd()})

  it('round-trips NDJSON through a running lake', async () => {
    const file = join(work, 'export.ndjson')
    const exported = await cli('export', file, '--data', source.dataDir, '--url', source.url)
    expect(exported.stdout).toMatch(/Exported \d+ documents/)
    const lines = readFileSync(file, 'utf8').trim().split('\n')
    const docs = lines.map((line) => JSON.parse(line) as SanityDocument)
    expect(docs.map((d) => d._id)).toEqual(expect.arrayContaining(['post-io', 'drafts.post-io']))

    const plain = join(work, 'documents.ndjson')
    const {writeFileSync} = await import('node:fs')
    writeFileSync(
      plain,
      docs
        .filter((d) => !d._type.startsWith('sanity.'))
        .map((d) =>
          JSON.stringify({...d, _id: `copy-${d._id.replace('.', '-')}`, heroImage: undefined}),
        )
        .join('\n') + '\n',
    )
    const imported = await cli('import', plain, '--data', target.dataDir, '--url', target.url)
    expect(imported.stdout).toMatch(/Imported 3 documents/)
    const copy = await target.client({token: 'admin'}).getDocument('copy-post-io')
    expect(copy?.title).toBe('Round trip – ünïcödé ✓')

    // Importing again fails on existing ids unless told to replace or skip them.
    await expect(
      cli('import', plain, '--data', target.dataDir, '--url', target.url),
    ).rejects.toThrow()
    const replaced = await cli(
      'import',
      plain,
      '--replace',
      '--data',
      target.dataDir,
      '--url',
      target.url,
    )
    expect(replaced.stdout).toMatch(/Imported 3 documents/)
    const missing = await cli(
      'import',
      plain,
      '--missing',
      '--data',
      target.dataDir,
      '--url',
      target.url,
    )
    expect(missing.stdout).toMatch(/Imported \d+ documents/)
  })

  it('finds a running lake from its data dir and rejects bad usage', async () => {
    await expect(
      cli('export', join(work, 'x.ndjson'), '--data', join(work, 'nothing')),
    ).rejects.toMatchObject({stderr: expect.stringMatching(/start the lake first/)})
    await expect(cli('import')).rejects.toMatchObject({code: 2})
    await expect(cli('--no-such-flag')).rejects.toMatchObject({code: 2})
    const help = await cli('--help')
    for (const flag of [
      '--port',
      '--data',
      '--project',
      '--dataset',
      '--cors-origin',
      '--host',
      '--query-timeout',
      '--max-result-bytes',
      '--workers',
      '--quiet',
      '--replace',
      '--missing',
    ]) {
      expect(help.stdout).toContain(flag)
    }
  })
})
