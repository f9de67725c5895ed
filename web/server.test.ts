/** The reader site's runner: what it refuses before it starts. */
import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

const SERVER = join(import.meta.dirname, 'server.ts')

describe('web/server.ts', () => {
  it('refuses to start in production without the site’s public address', () => {
    const env: NodeJS.ProcessEnv = {...process.env, NODE_ENV: 'production'}
    delete env.SITE_URL
    const run = spawnSync(
      process.execPath,
      [SERVER, '--project', 'p', '--api-host', 'https://127.0.0.1:9', '--port', '0'],
      {env, encoding: 'utf8', timeout: 30_000},
    )
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('set SITE_URL or --site-url')
  }, 60_000)
})
