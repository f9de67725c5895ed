/**
 * Ports `npm run dev` needs, checked before anything starts: a port in use is named with the
 * process that holds it (its pid and command line), so a second `npm run dev`, or a Studio left
 * over from an earlier run, is found at once instead of failing somewhere inside `sanity dev`.
 */
import {execFileSync} from 'node:child_process'
import {readdirSync, readFileSync, readlinkSync} from 'node:fs'
import {createServer} from 'node:net'

/** A port `npm run dev` listens on, and the option that changes it. */
export interface DevPort {
  port: number
  /** What listens there, e.g. `the Studio`. */
  name: string
  /** The option that moves it, e.g. `--studio-port`. */
  option: string
}

/** A process listening on a port. */
export interface PortHolder {
  pid: number
  command: string
}

/** Loopback addresses a browser may reach for `localhost`: a port held on either is taken. */
const LOOPBACK = ['127.0.0.1', '::1']

/** Whether something already listens on `port` on a loopback address. */
export async function isPortTaken(port: number): Promise<boolean> {
  for (const host of LOOPBACK) {
    const taken = await new Promise<boolean>((done) => {
      const server = createServer()
      server.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'EADDRINUSE'))
      server.listen({port, host, exclusive: true}, () => server.close(() => done(false)))
    })
    if (taken) return true
  }
  return false
}

/** The process listening on TCP `port`, when this user may see it (Linux /proc, else lsof). */
export function portHolder(port: number): PortHolder | undefined {
  return process.platform === 'linux' ? holderFromProc(port) : holderFromLsof(port)
}

/** Inodes of the sockets listening on `port`, from /proc/net/tcp and tcp6. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>()
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string
    try {
      text = readFileSync(table, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/)
      const local = fields[1]
      // State 0A is LISTEN; the port is the hex after the colon.
      if (!local || fields[3] !== '0A') continue
      if (Number.parseInt(local.split(':')[1] ?? '', 16) === port && fields[9]) {
        inodes.add(fields[9])
      }
    }
  }
  return inodes
}

function holderFromProc(port: number): PortHolder | undefined {
  const inodes = listeningInodes(port)
  if (inodes.size === 0) return undefined
  const sockets = new Set([...inodes].map((inode) => `socket:[${inode}]`))
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let fds: string[]
    try {
      fds = readdirSync(`/proc/${entry}/fd`)
    } catch {
      continue // another user's process, or gone
    }
    for (const fd of fds) {
      let target: string
      try {
        target = readlinkSync(`/proc/${entry}/fd/${fd}`)
      } catch {
        continue
      }
      if (sockets.has(target)) {
        const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim()
        return {pid: Number(entry), command}
      }
    }
  }
  return undefined
}

function holderFromLsof(port: number): PortHolder | undefined {
  try {
    const output = execFileSync('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    const pid = /^p(\d+)$/m.exec(output)?.[1]
    const command = /^c(.+)$/m.exec(output)?.[1] ?? ''
    return pid ? {pid: Number(pid), command} : undefined
  } catch {
    return undefined
  }
}

/** One line per taken port, naming its holder; empty when every port is free. */
export async function describeTakenPorts(ports: DevPort[]): Promise<string[]> {
  const lines: string[] = []
  for (const {port, name, option} of ports) {
    if (!(await isPortTaken(port))) continue
    const holder = portHolder(port)
    const who = holder
      ? `process ${holder.pid} (${shorten(holder.command)}); stop it with "kill ${holder.pid}"`
      : `another program (find it with "lsof -i :${port}")`
    lines.push(`port ${port} for ${name} is in use by ${who}, or choose another with ${option}`)
  }
  return lines
}

/** The command line without the executable's directory or `--import` preloads, at most 160 characters. */
function shorten(command: string): string {
  const [executable = '', ...args] = command.split(' ')
  const short = [executable.split('/').at(-1), ...args].join(' ').replace(/ --import \S+/g, '')
  return short.length > 160 ? `${short.slice(0, 157)}...` : short
}
