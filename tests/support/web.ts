/**
 * The reader site as a person runs it (`npm run web`, i.e. `node web/server.ts`), in a child
 * process on a free port of 127.0.0.1, reading a test lake.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process'
import {join, resolve} from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

export interface WebServer {
  /** e.g. `http://localhost:41234` */
  url: string
  /** Everything the server printed so far. */
  output(): string
  /** SIGTERM, and resolves with the exit code once it is gone. */
  close(): Promise<number | null>
}

/**
 * Starts web/server.ts against the lake at `apiHost` whose data dir is `lakeDataDir`, as
 * `npm run dev` does: trusting the lake's `ca.pem`, recording reactions with its admin token.
 * `env` adds to the server's environment (SANITY_WRITE_TOKEN, REACTIONS_SECRET).
 */
export async function startWebServer(options: {
  apiHost: string
  lakeDataDir: string
  projectId?: string
  dataset?: string
  env?: Record<string, string>
  /** A port to listen on (a Studio built to frame the site must know it); any free one by default. */
  port?: number
  /** More command-line options, e.g. `['--studio-origin', studioUrl]`. */
  args?: string[]
}): Promise<WebServer> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [
      join(ROOT, 'web/server.ts'),
      ...['--port', String(options.port ?? 0), '--api-host', options.apiHost],
      ...['--lake-data', options.lakeDataDir],
      ...['--project', options.projectId ?? 'local', '--dataset', options.dataset ?? 'production'],
      ...(options.args ?? []),
    ],
    {cwd: ROOT, env: {...process.env, ...options.env}},
  )
  let output = ''
  const exited = new Promise<number | null>((done) => child.once('exit', done))
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`web/server.ts did not start:\n${output}`)),
      30_000,
    )
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /reader site on http:\/\/localhost:(\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        done(Number(match[1]))
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    void exited.then((code) => fail(new Error(`web/server.ts exited (${code}):\n${output}`)))
  })
  return {
    url: `http://localhost:${port}`,
    output: () => output,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}
