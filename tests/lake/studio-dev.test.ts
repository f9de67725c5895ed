import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {createClient} from '@sanity/client'
import {afterAll, describe, expect, it} from 'vitest'

import {trustCertificate} from '../../lake/tls.ts'
import {SEED_IDS} from '../../scripts/seed-content.ts'
import {TEST_API_VERSION} from '../support/lake.ts'
import {freePort} from '../support/studio.ts'

const ROOT = resolve(import.meta.dirname, '../..')

/** Resolves with the output so far once `pattern` shows up in it. */
function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp, ms: number) {
  return new Promise<string>((done, fail) => {
    let output = ''
    const timer = setTimeout(() => fail(new Error(`no ${pattern} within ${ms} ms:\n${output}`)), ms)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (pattern.test(output)) {
        clearTimeout(timer)
        done(output)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
  })
}

/** Starts `npm run dev` (scripts/dev.ts) on the given ports in its own process group. */
function startDev(
  dataDir: string,
  ports: {lake: number; studio: number; web: number},
  extra: {args?: string[]; env?: Record<string, string>} = {},
) {
  return spawn(
    process.execPath,
    [
      'scripts/dev.ts',
      ...['--data', dataDir, '--port', String(ports.lake)],
      ...['--studio-port', String(ports.studio), '--web-port', String(ports.web)],
      ...(extra.args ?? []),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
        ...extra.env,
      },
      // Its own process group, which afterAll can stop as a whole.
      detached: true,
    },
  )
}

/** Free ports for the lake, the Studio and the site. */
async function freePorts() {
  return {lake: await freePort(), studio: await freePort(), web: await freePort()}
}

/** The line `npm run dev` ends with once the Studio and the site answer: the URL to open. */
const readyLine = (lakePort: number) => new RegExp(`\n {4}http://localhost:${lakePort}/\n`)

/** Resolves once nothing answers on `url` any more; rejects if something still does after `ms`. */
async function eventuallyGone(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    try {
      await (await fetch(url, {signal: AbortSignal.timeout(2_000)})).body?.cancel()
    } catch {
      return
    }
    await new Promise((done) => setTimeout(done, 250))
  }
  throw new Error(`${url} still answers ${ms} ms later`)
}

describe('npm run dev', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'newsroom-dev-'))
  const children: ChildProcessWithoutNullStreams[] = []

  afterAll(() => {
    // After a failure: each whole group (even when its leader is gone), so neither `sanity dev`
    // nor the site outlives the test.
    for (const child of children) {
      if (!child.pid) continue
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // The group is gone.
      }
    }
    rmSync(dataDir, {recursive: true, force: true})
  })

  it('starts the lake with the seed article, the Studio and the reader site, opens the guide; Ctrl-C stops all three', async () => {
    const ports = await freePorts()
    // --open runs $BROWSER with the URL: here a script that writes it down.
    const opened = join(tmpdir(), `newsroom-dev-opened-${process.pid}`)
    const browser = join(tmpdir(), `newsroom-dev-browser-${process.pid}.sh`)
    writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, {mode: 0o755})
    const child = startDev(dataDir, ports, {args: ['--open'], env: {BROWSER: browser}})
    children.push(child)
    const output = await waitForOutput(child, readyLine(ports.lake), 90_000)
    expect(output).toContain(
      `dev: the Studio is on http://localhost:${ports.studio} (log in with "Local lake login")`,
    )
    expect(output).toContain(`dev: the reader site is on http://localhost:${ports.web}`)
    expect(output).toContain('demo content created')
    // No mkcert here: the certificate is self-signed, so the last line is the certificate guide.
    expect(output.trimEnd().endsWith(`http://localhost:${ports.lake}/`)).toBe(true)
    await expect
      .poll(() => existsSync(opened) && readFileSync(opened, 'utf8'))
      .toBe(`http://localhost:${ports.lake}/`)
    rmSync(opened)
    rmSync(browser)

    const studio = await fetch(`http://localhost:${ports.studio}/`)
    expect(studio.status).toBe(200)
    const guide = await fetch(`http://localhost:${ports.lake}/`)
    expect(await guide.text()).toContain(`data-forward="http://localhost:${ports.studio}/"`)

    const site = `http://localhost:${ports.web}`
    const postPage = await fetch(`${site}/posts/mistral-ai-powers-frances-new-defense-era`)
    expect(postPage.status).toBe(200)
    const html = await postPage.text()
    expect(html).toContain('<h1>Mistral AI Powers France’s New Defense Era</h1>')
    // The hero comes from the site's own origin, which no browser needs to be told to trust.
    const hero = /<img[^>]* src="(\/images\/local\/production\/[^"]+)"/.exec(html)?.[1]
    expect(hero).toBeDefined()
    const image = await fetch(`${site}${hero?.replaceAll('&amp;', '&')}`)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    // Reactions are on: the site found the lake's admin token in the data dir, and keeps it.
    expect(html).toContain('<form method="post" action="/api/reactions" data-reactions="">')
    const vote = await fetch(`${site}/api/reactions`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({postId: SEED_IDS.post, reaction: 'happy'}),
    })
    expect(vote.status).toBe(200)
    expect(await vote.json()).toMatchObject({counts: {happy: 1}, total: 1, reaction: 'happy'})
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()
    expect(html).not.toContain(token)

    trustCertificate(readFileSync(join(dataDir, 'ca.pem'), 'utf8'))
    const reader = createClient({
      projectId: 'local',
      dataset: 'production',
      apiHost: `https://localhost:${ports.lake}`,
      useProjectHostname: false,
      apiVersion: TEST_API_VERSION,
      useCdn: true,
    })
    expect((await reader.getDocument(SEED_IDS.post))?.title).toBe(
      'Mistral AI Powers France’s New Defense Era',
    )

    // A second `npm run dev` on the same ports names who holds each one, and starts nothing.
    const second = startDev(join(dataDir, 'second'), ports)
    children.push(second)
    let refusal = ''
    second.stderr.on('data', (chunk: Buffer) => (refusal += chunk.toString()))
    expect(await new Promise((done) => second.once('exit', done))).toBe(1)
    expect(refusal).toContain(
      `dev: port ${ports.lake} for the lake is in use by process ${child.pid} (node scripts/dev.ts --data ${dataDir}`,
    )
    expect(refusal).toMatch(
      new RegExp(
        `dev: port ${ports.studio} for the Studio is in use by process \\d+ \\(node \\S+/sanity dev --port ${ports.studio}\\); stop it with "kill \\d+", or choose another with --studio-port`,
      ),
    )
    expect(refusal).toMatch(
      new RegExp(
        `dev: port ${ports.web} for the reader site is in use by process \\d+ \\(node \\S+/web/server.ts --port ${ports.web} `,
      ),
    )

    const exited = new Promise<number | null>((done) => child.once('exit', done))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    await expect(fetch(`http://localhost:${ports.studio}/`)).rejects.toThrow()
    await expect(fetch(site)).rejects.toThrow()
    await expect(reader.getDocument(SEED_IDS.post)).rejects.toThrow()
  }, 180_000)

  it('kill -9 of npm run dev takes the Studio and the reader site with it', async () => {
    const ports = await freePorts()
    const child = startDev(dataDir, ports)
    children.push(child)
    await waitForOutput(child, readyLine(ports.lake), 90_000)
    expect((await fetch(`http://localhost:${ports.studio}/`)).status).toBe(200)

    // SIGKILL to the dev process alone (not its group): nothing of it can clean up.
    const exited = new Promise((done) => child.once('exit', done))
    process.kill(child.pid as number, 'SIGKILL')
    await exited
    await eventuallyGone(`http://localhost:${ports.studio}/`, 15_000)
    await eventuallyGone(`http://localhost:${ports.web}/`, 15_000)
  }, 180_000)
})
