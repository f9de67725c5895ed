/**
 * The WordPress import against a real lake: the test export (the seed article and its two
 * neighbours, drafts, a trashed post, a page, attachments, one without alt text, one that 404s)
 * imported through `importWordPress` and through the command, its images served by a stand-in
 * for the old site on 127.0.0.1.
 */
import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {importWordPress, type ImportResult} from '../../import-wordpress/index.ts'
import {imageAssetId} from '../../import-wordpress/images.ts'
import {resolveTarget} from '../../import-wordpress/target.ts'
import {loadSeedArticle} from '../../scripts/seed-content.ts'
import {
  fixtureExportFor,
  MEDIA_UPLOADS,
  SITE_ONLY_UPLOADS,
  startFixtureSite,
  uploadBytes,
  writeUploads,
  type FixtureSite,
} from '../fixtures/wordpress/media.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'

const run = promisify(execFile)
const seed = loadSeedArticle()
const KEY = expect.stringMatching(/^[0-9a-f]{12}$/)
const SYSTEM = {
  _rev: expect.any(String),
  _createdAt: expect.any(String),
  _updatedAt: expect.any(String),
}

/** The asset id of a fixture upload, by file name. */
function assetOf(name: string): string {
  const upload = [...MEDIA_UPLOADS, ...SITE_ONLY_UPLOADS].find((u) => u.path.endsWith(name))
  return imageAssetId(uploadBytes(upload as (typeof MEDIA_UPLOADS)[number])) as string
}

function ref(id: string) {
  return {_type: 'reference', _ref: id}
}

/** A text block's style and spans, marks named by their link's href. */
function readable(body: Array<Record<string, unknown>>) {
  return body.map((block) => {
    if (block._type !== 'block') {
      const {_key, ...image} = block
      return image
    }
    const defs = block.markDefs as Array<{_key: string; href: string}>
    const spans = (block.children as Array<{text: string; marks: string[]}>).map((span) => {
      const marks = span.marks.map((mark) => defs.find((def) => def._key === mark)?.href ?? mark)
      return marks.length > 0 ? [span.text, ...marks] : span.text
    })
    return {style: block.style, ...(block.listItem ? {list: block.listItem} : {}), spans}
  })
}

describe('import:wordpress into the lake', () => {
  let lake: TestLake
  let site: FixtureSite
  let dir = ''
  let file = ''
  let media = ''
  let admin: SanityClient
  let first: ImportResult

  const target = (dataset = 'production') =>
    resolveTarget({data: lake.dataDir, url: lake.url, dataset}, {})
  const importInto = (
    dataset: string,
    options: Partial<Parameters<typeof importWordPress>[0]> = {},
  ) =>
    importWordPress({file, target: target(dataset), mediaDir: media, progress: false, ...options})
  const dump = async (client: SanityClient) =>
    client.fetch<Array<Record<string, unknown>>>('*[!(_id in path("_.**"))] | order(_id)')

  beforeAll(async () => {
    lake = await startTestLake({datasets: ['production', 'dryrun', 'batched', 'cli']})
    site = await startFixtureSite()
    dir = mkdtempSync(join(tmpdir(), 'import-wordpress-'))
    file = join(dir, 'export.xml')
    writeFileSync(file, fixtureExportFor(site.origin))
    media = join(dir, 'uploads')
    writeUploads(media, MEDIA_UPLOADS)
    admin = lake.client({token: 'admin', perspective: 'raw'})
    first = await importInto('production', {
      redirects: {file: join(dir, 'redirects.json')},
      reportFile: join(dir, 'report.txt'),
    })
  })

  afterAll(async () => {
    await site?.close()
    await lake?.close()
    if (dir) rmSync(dir, {recursive: true, force: true})
  })

  it('imports the seed article exactly: body, hero image with its alt text, tags, links, read time', async () => {
    const post = await admin.getDocument('wp-post-11')
    expect(post).toEqual({
      _id: 'wp-post-11',
      _type: 'post',
      ...SYSTEM,
      title: seed.title,
      slug: {_type: 'slug', current: 'mistral-ai-powers-frances-new-defense-era'},
      excerpt:
        'France’s Ministry of the Armed Forces has signed a landmark multiyear deal to embed Mistral AI models across intelligence, logistics, and operational planning.',
      heroImage: {
        _type: 'imageWithAlt',
        asset: ref(assetOf('mistral-ai-defense.png')),
        alt: seed.heroImage.alt,
      },
      body: seed.body.map((block) => ({
        _type: 'block',
        _key: KEY,
        style: block.style,
        markDefs: [],
        children: [{_type: 'span', _key: KEY, text: block.text, marks: []}],
      })),
      publishedAt: '2026-11-25T09:00:00.000Z',
      tags: ['wp-tag-ai', 'wp-tag-defense', 'wp-tag-europe'].map((id) => ({...ref(id), _key: KEY})),
      // dc:creator `newsdesk`, named by its wp:author.
      authors: [{...ref('wp-author-newsdesk'), _key: KEY}],
      previous: ref('wp-post-10'),
      next: ref('wp-post-12'),
      readTime: {
        _type: 'readTime',
        seconds: 462,
        words: 1501,
        characters: 0,
        images: 1,
        wordsPerMinute: 200,
      },
      wordpress: {
        id: 11,
        permalink: `${site.origin}/2026/11/25/mistral-ai-powers-frances-new-defense-era/`,
        site: site.origin,
        guid: `${site.origin}/?p=11`,
        sourceHash: expect.stringMatching(/^[0-9a-f]{40}$/),
        importHash: expect.stringMatching(/^[0-9a-f]{40}$/),
        importRevision: post?._rev,
      },
    })
    // The page showed "Read Time: 7 Minute, 39 Second".
    expect(
      Math.abs((post?.readTime as {seconds: number}).seconds - seed.displayedReadTimeSeconds),
    ).toBeLessThanOrEqual(15)
    const hero = await admin.fetch<string>('*[_id == "wp-post-11"][0].heroImage.asset->url')
    expect((await fetch(hero)).status).toBe(200)
  })

  it('imports the neighbours: a classic body with a caption shortcode, a Gutenberg body, chained in time', async () => {
    const [previous, next] = await admin.getDocuments(['wp-post-10', 'wp-post-12'])
    expect(previous).toMatchObject({
      title: 'Powell, Trump, DOJ: The High-Stakes Content Context',
      excerpt:
        'The Justice Department’s inquiry puts the Fed chair and the president on a collision course.',
      heroImage: {asset: ref(assetOf('powell-trump-doj.png')), alt: seed.previous.heroImage.alt},
      next: ref('wp-post-11'),
      tags: [{_ref: 'wp-tag-politics'}, {_ref: 'wp-tag-economy'}],
    })
    expect(previous?.previous).toBeUndefined()
    expect(readable(previous?.body as Array<Record<string, unknown>>)).toEqual([
      {
        style: 'normal',
        spans: [
          "The Justice Department's inquiry into the Federal Reserve chair has put ",
          ['Jerome Powell', 'strong'],
          ' and ',
          ['Donald Trump', 'em'],
          ' on a collision course. Markets are watching ',
          ['the Fed', 'https://www.federalreserve.gov/'],
          ' closely.\nOfficials declined to comment.',
        ],
      },
      {
        _type: 'imageWithAlt',
        asset: ref(assetOf('fed-desk.png')),
        alt: 'Federal Reserve trading desk',
        caption: 'The Federal Reserve’s trading desk in New York.',
      },
      {
        style: 'normal',
        spans: [
          [
            'https://www.youtube.com/watch?v=powell-hearing',
            'https://www.youtube.com/watch?v=powell-hearing',
          ],
        ],
      },
      // [gallery ids="104,102" columns="2"]: its two images, in order, with their alt text.
      {
        _type: 'imageWithAlt',
        asset: ref(assetOf('fed-desk.png')),
        alt: 'Federal Reserve trading desk',
      },
      {
        _type: 'imageWithAlt',
        asset: ref(assetOf('powell-trump-doj.png')),
        alt: seed.previous.heroImage.alt,
      },
      {style: 'normal', spans: ['What happens next:']},
      {style: 'normal', list: 'bullet', spans: ['The inquiry reports in January.']},
      {style: 'normal', list: 'bullet', spans: ['The Senate banking committee holds hearings.']},
    ])

    expect(next).toMatchObject({
      title: 'Trump, Powell, Oil: Context Behind Calm Markets',
      // The attachment has no alt text: its caption stands in, and the report says so.
      heroImage: {asset: ref(assetOf('trump-powell-oil.png')), alt: seed.next.heroImage.alt},
      previous: ref('wp-post-11'),
      readTime: {words: 33, images: 1},
    })
    expect(next?.next).toBeUndefined()
    expect(readable(next?.body as Array<Record<string, unknown>>)).toEqual([
      {
        style: 'normal',
        spans: [
          'Oil prices barely moved as ',
          ['Trump', 'strong'],
          ' and ',
          ['Powell', 'em'],
          ' traded words, a calm that ',
          ['energy analysts', 'https://www.eia.gov/'],
          ' call deceptive.',
        ],
      },
      // The chart 404s: left out, and reported.
      {style: 'h3', spans: ['What traders watch']},
      {style: 'normal', list: 'bullet', spans: ['Inventories']},
      {style: 'normal', list: 'bullet', spans: ['The Fed’s next meeting']},
      {style: 'blockquote', spans: ['Calm is not the same as stability.']},
      {_type: 'mediaEmbed', kind: 'embed', url: 'https://www.youtube.com/watch?v=oil-briefing'},
    ])
  })

  it('creates each tag once, makes drafts of drafts, and leaves pages, trash, revisions and menus out', async () => {
    expect(
      await admin.fetch('*[_type == "author"] | order(_id){_id, name, "slug": slug.current}'),
    ).toEqual([{_id: 'wp-author-newsdesk', name: 'News desk', slug: 'news-desk'}])
    expect(
      await admin.fetch(
        '*[_type == "tag"] | order(_id){_id, title, "slug": slug.current, description}',
      ),
    ).toEqual([
      {
        _id: 'wp-tag-ai',
        title: 'AI',
        slug: 'ai',
        description: 'Artificial intelligence: models, labs & policy.',
      },
      {_id: 'wp-tag-defense', title: 'Defense', slug: 'defense', description: null},
      {_id: 'wp-tag-economy', title: 'Economy', slug: 'economy', description: null},
      {_id: 'wp-tag-europe', title: 'Europe', slug: 'europe', description: null},
      {_id: 'wp-tag-markets', title: 'Markets', slug: 'markets', description: null},
      {_id: 'wp-tag-politics', title: 'Politics', slug: 'politics', description: null},
    ])
    expect(
      await admin.fetch(
        '*[_type == "post"] | order(_id){_id, "slug": slug.current, publishedAt, previous, next}',
      ),
    ).toEqual([
      {
        _id: 'drafts.wp-post-13',
        slug: 'europes-chip-plans-explained',
        publishedAt: null,
        previous: null,
        next: null,
      },
      {
        _id: 'drafts.wp-post-18',
        slug: 'powell-trump-doj-high-stakes-2',
        publishedAt: null,
        previous: null,
        next: null,
      },
      {
        _id: 'wp-post-10',
        slug: 'powell-trump-doj-high-stakes',
        publishedAt: '2026-11-24T09:00:00.000Z',
        previous: null,
        next: ref('wp-post-11'),
      },
      {
        _id: 'wp-post-11',
        slug: 'mistral-ai-powers-frances-new-defense-era',
        publishedAt: '2026-11-25T09:00:00.000Z',
        previous: ref('wp-post-10'),
        next: ref('wp-post-12'),
      },
      {
        _id: 'wp-post-12',
        slug: 'trump-powell-oil-calm-markets',
        publishedAt: '2026-11-26T09:00:00.000Z',
        previous: ref('wp-post-11'),
        next: null,
      },
    ])
    // Readers see the published posts only.
    const reader = lake.client({perspective: 'published'})
    expect(await reader.fetch('*[_type == "post"] | order(_id)._id')).toEqual([
      'wp-post-10',
      'wp-post-11',
      'wp-post-12',
    ])
    expect(first.summary).toMatchObject({
      items: 14,
      posts: {created: 5, updated: 0, unchanged: 0, kept: 0, failed: 0, published: 3, drafts: 2},
      skipped: {attachment: 5, page: 1, revision: 1, nav_menu_item: 1, trash: 1},
      tags: {created: 6, existing: 0},
      images: {uploaded: 4, existing: 0, failed: 1},
      transactions: 1,
      redirects: 3,
      warnings: 6,
      dryRun: false,
    })
    // The site was asked only for what --media lacked: the desk photo and the missing chart.
    expect(site.requests).toEqual([
      '/wp-content/uploads/2026/11/fed-desk.png',
      '/wp-content/uploads/2026/11/oil-prices-chart.png',
    ])
  })

  it('writes the redirects and a report listing, per post, what was lost or approximated', () => {
    expect(JSON.parse(readFileSync(join(dir, 'redirects.json'), 'utf8'))).toEqual([
      {
        from: '/2026/11/24/powell-trump-doj-high-stakes/',
        to: '/posts/powell-trump-doj-high-stakes',
        status: 301,
      },
      {
        from: '/2026/11/25/mistral-ai-powers-frances-new-defense-era/',
        to: '/posts/mistral-ai-powers-frances-new-defense-era',
        status: 301,
      },
      {
        from: '/2026/11/26/trump-powell-oil-calm-markets/',
        to: '/posts/trump-powell-oil-calm-markets',
        status: 301,
      },
    ])
    const report = readFileSync(join(dir, 'report.txt'), 'utf8')
    const lines = report.split('\n')
    expect(lines[1]).toBe('6 warnings about 3 posts')
    const post12 = lines.indexOf(
      'post 12 “Trump, Powell, Oil: Context Behind Calm Markets” (wp-post-12): 4 warnings',
    )
    expect(lines.slice(post12 + 1, post12 + 6)).toEqual([
      "  approximated      the embed https://www.youtube.com/watch?v=oil-briefing became a media block the reader site shows as a link, not the provider's player",
      '  dropped-block     the Gutenberg block wp:latest-posts has no HTML in the export; left out',
      `  image-failed      image ${site.origin}/wp-content/uploads/2026/11/oil-prices-chart.png could not be fetched (HTTP 404); left out`,
      `  missing-alt       featured image ${site.origin}/wp-content/uploads/2026/11/trump-powell-oil.png has no alt text; imported with its caption “${seed.next.heroImage.alt}” as alt text`,
      '',
    ])
    expect(lines).toContain(
      'post 10 “Powell, Trump, DOJ: The High-Stakes Content Context” (wp-post-10): 1 warning',
    )
    expect(lines).toContain(
      '  approximated      [gallery ids="104,102" columns="2"] became 2 images in the body, in order; its columns not kept',
    )
    expect(first.warnings.map((warning) => warning.kind).sort()).toEqual([
      'approximated',
      'approximated',
      'dropped-block',
      'image-failed',
      'missing-alt',
      'slug-changed',
    ])
  })

  it('changes nothing on a second run, converting only the post whose image is still missing', async () => {
    const before = await dump(admin)
    const second = await importInto('production')
    expect(await dump(admin)).toEqual(before)
    expect(second.summary).toMatchObject({
      // Post 12 lost its chart: it keeps no source hash, so each run tries the image again.
      posts: {created: 0, updated: 0, unchanged: 5, skipped: 4, kept: 0},
      tags: {created: 0, existing: 6},
      images: {uploaded: 0, existing: 1, failed: 1},
      transactions: 0,
    })
    expect(site.requests.at(-1)).toBe('/wp-content/uploads/2026/11/oil-prices-chart.png')
  })

  it('converts a post again when its item or one of its images changed', async () => {
    const changed = join(dir, 'changed.xml')
    writeFileSync(
      changed,
      readFileSync(file, 'utf8').replace(
        'Officials declined to comment.',
        'Officials declined to comment again.',
      ),
    )
    const mediaCopy = join(dir, 'uploads-changed')
    writeUploads(mediaCopy, MEDIA_UPLOADS)
    // The seed article's hero image, replaced by other bytes under the same name.
    writeFileSync(
      join(mediaCopy, '2026/11/mistral-ai-defense.png'),
      uploadBytes({path: 'x', from: [0, 0, 0], to: [255, 255, 255]}),
    )
    const result = await importWordPress({
      file: changed,
      target: target('production'),
      mediaDir: mediaCopy,
      progress: false,
    })
    expect(result.summary.posts).toMatchObject({updated: 2, unchanged: 3, skipped: 2})
    expect(await admin.fetch('*[_id == "wp-post-11"][0].heroImage.asset._ref')).not.toBe(
      assetOf('mistral-ai-defense.png'),
    )
    // Back to the export and uploads as they were.
    expect((await importInto('production')).summary.posts).toMatchObject({updated: 2})
    expect((await importInto('production')).summary.posts).toMatchObject({skipped: 4})
  })

  it('keeps an editor’s later edit, and replaces it only with --overwrite', async () => {
    await admin.patch('wp-post-11').set({title: 'Edited in the Studio'}).commit()
    const kept = await importInto('production')
    expect(kept.summary.posts).toMatchObject({kept: 1, unchanged: 4, updated: 0})
    expect(kept.warnings.filter((warning) => warning.kind === 'kept-edited')).toEqual([
      {
        kind: 'kept-edited',
        post: {wordpressId: 11, documentId: 'wp-post-11', title: seed.title},
        message:
          'changed in the Studio since the last import; kept as it is (--overwrite replaces it)',
      },
    ])
    expect((await admin.getDocument('wp-post-11'))?.title).toBe('Edited in the Studio')

    const replaced = await importInto('production', {overwrite: true})
    expect(replaced.summary.posts).toMatchObject({kept: 0, unchanged: 4, updated: 1})
    expect((await admin.getDocument('wp-post-11'))?.title).toBe(seed.title)
    expect((await importInto('production')).summary.posts).toMatchObject({unchanged: 5})
  })

  it('writes nothing with --dry-run, and says what it would do', async () => {
    const dry = lake.client({token: 'admin', perspective: 'raw', dataset: 'dryrun'})
    const result = await importInto('dryrun', {
      dryRun: true,
      redirects: {file: join(dir, 'dry-redirects.json')},
      reportFile: join(dir, 'dry-report.json'),
    })
    expect(await dry.fetch('count(*)')).toBe(0)
    expect(result.summary).toMatchObject({
      dryRun: true,
      posts: {created: 5, published: 3, drafts: 2},
      tags: {created: 6},
      images: {uploaded: 4, failed: 1},
      transactions: 0,
    })
    expect(() => readFileSync(join(dir, 'dry-redirects.json'))).toThrow(/ENOENT/)
    const report = JSON.parse(readFileSync(join(dir, 'dry-report.json'), 'utf8'))
    expect(report.summary.dryRun).toBe(true)
    expect(report.warnings).toHaveLength(6)
    expect(
      report.posts.map((entry: {post: {wordpressId: number}}) => entry.post.wordpressId),
    ).toEqual([12, 18, 10])
  })

  it('gives the same posts when every post is its own transaction (links added as their targets land)', async () => {
    const batched = lake.client({token: 'admin', perspective: 'raw', dataset: 'batched'})
    const result = await importInto('batched', {batchSize: 1})
    expect(result.summary.transactions).toBe(5)
    // Revisions differ from dataset to dataset, and each post records the one the import wrote.
    const strip = (docs: Array<Record<string, unknown>>) =>
      docs.map(({_rev, _createdAt, _updatedAt, ...doc}) => {
        const wordpress = doc.wordpress as Record<string, unknown> | undefined
        if (!wordpress) return doc
        const {importRevision: _importRevision, ...origin} = wordpress
        return {...doc, wordpress: origin}
      })
    const posts = (client: SanityClient) =>
      client.fetch<Array<Record<string, unknown>>>('*[_type in ["post", "tag"]] | order(_id)')
    expect(strip(await posts(batched))).toEqual(strip(await posts(admin)))
    expect((await importInto('batched', {batchSize: 1})).summary.posts.unchanged).toBe(5)
  })
})

describe('npm run import:wordpress', () => {
  let lake: TestLake
  let dir = ''
  const cli = join(import.meta.dirname, '../../import-wordpress/cli.ts')

  /** Runs the command; resolves to its exit code and output, whatever the code. */
  const command = async (args: string[], env: Record<string, string> = {}) => {
    try {
      const {stdout, stderr} = await run(process.execPath, [cli, ...args], {
        env: {...process.env, SANITY_AUTH_TOKEN: '', ...env},
      })
      return {code: 0, stdout, stderr}
    } catch (error) {
      const failed = error as {code: number; stdout: string; stderr: string}
      return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr}
    }
  }
  const targetArgs = () => ['--data', lake.dataDir, '--url', lake.url, '--dataset', 'production']
  const count = () => lake.client({token: 'admin', perspective: 'raw'}).fetch<number>('count(*)')

  beforeAll(async () => {
    lake = await startTestLake()
    dir = mkdtempSync(join(tmpdir(), 'import-wordpress-cli-'))
    // No site: images fail (reported, never fatal), which the summary shows.
    writeFileSync(join(dir, 'export.xml'), fixtureExportFor('http://127.0.0.1:9'))
    const whole = readFileSync(join(dir, 'export.xml'), 'utf8')
    writeFileSync(join(dir, 'truncated.xml'), whole.slice(0, Math.floor(whole.length * 0.6)))
    writeFileSync(
      join(dir, 'page.xml'),
      '<!DOCTYPE html><html><body><p>Not an export</p></body></html>',
    )
    writeFileSync(
      join(dir, 'feed.xml'),
      '<rss version="2.0"><channel><title>A feed</title></channel></rss>',
    )
  })

  afterAll(async () => {
    await lake?.close()
    if (dir) rmSync(dir, {recursive: true, force: true})
  })

  it.each([
    [
      'an HTML page',
      'page.xml',
      [],
      {},
      /^import:wordpress: Not a WordPress export \(WXR\): the root element is <html> \(line 1\)$/,
    ],
    [
      'an RSS feed',
      'feed.xml',
      [],
      {},
      /^import:wordpress: Not a WordPress export \(WXR\): the channel has no wp:wxr_version \(line 1\)$/,
    ],
    [
      'a truncated export',
      'truncated.xml',
      [],
      {},
      /^import:wordpress: The export is (truncated|damaged or truncated): .+ \(line \d+\)$/,
    ],
    [
      'a missing file',
      'nope.xml',
      [],
      {},
      /^import:wordpress: Cannot read .*nope\.xml: no such file$/,
    ],
    [
      'an unknown dataset',
      'export.xml',
      ['--dataset', 'nope'],
      {},
      /^import:wordpress: Dataset "nope" does not exist in the local lake at https:\/\/.+\.$/,
    ],
    [
      'a bad token',
      'export.xml',
      [],
      {SANITY_AUTH_TOKEN: 'sk-not-the-token'},
      /^import:wordpress: the local lake at https:\/\/\S+ rejected the token \(401: Session not found\); /,
    ],
    [
      'a missing media directory',
      'export.xml',
      ['--media', '/nonexistent/uploads'],
      {},
      /^import:wordpress: The media directory \/nonexistent\/uploads does not exist$/,
    ],
    [
      'a bad option',
      'export.xml',
      ['--redirects-format', 'apache'],
      {},
      /^import:wordpress: --redirects-format must be one of json, netlify, vercel, not "apache"$/,
    ],
  ])(
    'refuses %s: one line, exit code 1, nothing written',
    async (_name, name, extra, env, message) => {
      const result = await command([join(dir, name), ...targetArgs(), ...extra], env)
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(result.stderr.trimEnd()).toMatch(message)
      expect(await count()).toBe(0)
    },
  )

  it('imports, prints the summary, and writes Netlify redirects and the report', async () => {
    const result = await command([
      join(dir, 'export.xml'),
      ...targetArgs(),
      '--categories-as-tags',
      '--redirects',
      join(dir, '_redirects'),
      '--redirects-format',
      'netlify',
      '--report',
      join(dir, 'report.txt'),
    ])
    expect(result.stderr).not.toMatch(/import:wordpress:/)
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(
      /^WordPress import into the local lake at https:\/\/\S+, dataset production, \d+\.\d s$/,
    )
    expect(lines.slice(1, 8)).toEqual([
      '  posts      3 published, 2 drafts: 5 created, 0 updated, 0 unchanged, 0 kept',
      '  skipped    5 attachments, 1 menu item, 1 page, 1 revision, 1 trashed post',
      '  tags       8 created, 0 existing',
      '  images     0 uploaded, 0 already there, 5 failed',
      '  writes     1 transaction',
      `  redirects  3 → ${join(dir, '_redirects')}`,
      `  warnings   11 → ${join(dir, 'report.txt')}`,
    ])
    expect(readFileSync(join(dir, '_redirects'), 'utf8')).toBe(
      [
        '/2026/11/24/powell-trump-doj-high-stakes/               /posts/powell-trump-doj-high-stakes  301',
        '/2026/11/25/mistral-ai-powers-frances-new-defense-era/  /posts/mistral-ai-powers-frances-new-defense-era  301',
        '/2026/11/26/trump-powell-oil-calm-markets/              /posts/trump-powell-oil-calm-markets  301',
        '',
      ].join('\n'),
    )
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toMatch(
      /^WordPress import report: .*\n11 warnings about \d posts\n/,
    )
    expect(
      await lake.client({token: 'admin'}).fetch('*[_id == "wp-post-11"][0].tags[]._ref'),
    ).toEqual([
      'wp-category-news',
      'wp-category-technology',
      'wp-tag-ai',
      'wp-tag-defense',
      'wp-tag-europe',
    ])
  })
})
