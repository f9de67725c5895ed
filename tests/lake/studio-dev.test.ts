import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
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

describe('npm run dev', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'newsroom-dev-'))
  let child: ChildProcessWithoutNullStreams | undefined

  afterAll(() => {
    // After a failure: the whole group, so neither `sanity dev` nor the site outlives the test.
    if (child?.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }
    rmSync(dataDir, {recursive: true, force: true})
  })

  it('starts the lake with the seed article, the Studio and the reader site; Ctrl-C stops all three', async () => {
    const [lakePort, studioPort, webPort] = [await freePort(), await freePort(), await freePort()]
    child = spawn(
      process.execPath,
      [
        'scripts/dev.ts',
        '--data',
        dataDir,
        '--port',
        String(lakePort),
        '--studio-port',
        String(studioPort),
        '--web-port',
        String(webPort),
      ],
      {
        cwd: ROOT,
        env: {...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`},
        // Its own process group, which afterAll can stop as a whole.
        detached: true,
      },
    )
    const output = await waitForOutput(
      child,
      new RegExp(
        `(running at http://localhost:${studioPort}[^]*reader site on http://localhost:${webPort})|(reader site on http://localhost:${webPort}[^]*running at http://localhost:${studioPort})`,
      ),
      50_000,
    )
    expect(output).toContain(`open http://localhost:${studioPort}`)
    expect(output).toContain(`dev: the reader site is on http://localhost:${webPort}`)
    expect(output).toContain('demo content created')

    const studio = await fetch(`http://localhost:${studioPort}/`)
    expect(studio.status).toBe(200)

    const site = `http://localhost:${webPort}`
    const postPage = await fetch(`${site}/posts/mistral-ai-powers-frances-new-defense-era`)
    expect(postPage.status).toBe(200)
    const html = await postPage.text()
    expect(html).toContain('<h1>Mistral AI Powers France’s New Defense Era</h1>')
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
      apiHost: `https://localhost:${lakePort}`,
      useProjectHostname: false,
      apiVersion: TEST_API_VERSION,
      useCdn: true,
    })
    expect((await reader.getDocument(SEED_IDS.post))?.title).toBe(
      'Mistral AI Powers France’s New Defense Era',
    )

    const exited = new Promise<number | null>((done) => child?.once('exit', done))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    await expect(fetch(`http://localhost:${studioPort}/`)).rejects.toThrow()
    await expect(fetch(site)).rejects.toThrow()
    await expect(reader.getDocument(SEED_IDS.post)).rejects.toThrow()
  })
})
