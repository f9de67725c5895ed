/**
 * The certificate guide: the page a person opens first when the lake's certificate is
 * self-signed. The lake serves it over plain HTTP on its own port (`http://localhost:3334/`),
 * where every browser opens it without a warning, and over HTTPS at `/` on each host name the
 * Studio uses, where the person lands after accepting the certificate for that host. It says why
 * in two sentences, links each host name in turn, shows which ones the browser trusts (its script
 * asks each host's `/v1/ping`), and forwards to the Studio once the browser trusts them all.
 */
import type {LakeConfig} from './types.ts'

/** The guide's script, served at `GUIDE_SCRIPT_PATH` (no inline script: the page's CSP allows none). */
export const GUIDE_SCRIPT_PATH = '/lake-guide.js'

/**
 * The origins the Studio calls for `apiHost`: `@sanity/client` puts the project id in front of the
 * host name (`https://<projectId>.localhost:3334`), and asset and login URLs use the host itself.
 * The project host comes first, as the Studio's first request goes there.
 */
export function studioLakeOrigins(apiHost: string, projectId: string): string[] {
  const {origin, protocol, host} = new URL(apiHost)
  return [`${protocol}//${projectId}.${host}`, origin]
}

/** The guide's plain-HTTP address for the lake at `apiHost` (same host and port, `http:`). */
export function lakeGuideUrl(apiHost: string, returnTo?: string): string {
  const url = new URL(apiHost)
  url.protocol = 'http:'
  url.pathname = '/'
  if (returnTo) url.searchParams.set('return', returnTo)
  return url.href
}

/**
 * Where the guide forwards once the browser trusts the lake: `returnTo` when it is on an origin
 * the lake allows (a Studio that sent the person here), else the configured Studio URL. Never an
 * arbitrary address: the guide is no open redirect.
 */
export function guideForwardUrl(
  config: Pick<LakeConfig, 'corsOrigins' | 'studioUrl'>,
  returnTo: string | null,
): string | undefined {
  if (returnTo) {
    try {
      const url = new URL(returnTo)
      if (config.corsOrigins.includes(url.origin)) return url.href
    } catch {
      // Not a URL: fall back to the Studio.
    }
  }
  return config.studioUrl || undefined
}

/** A page's response: status, headers and body. */
export interface GuideResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * The guide (at `/`) or its script (at `GUIDE_SCRIPT_PATH`) for a request to `path` with
 * `query`; undefined for any other path. `lakeUrl` is the lake's HTTPS base URL.
 */
export function guideResponse(
  config: Pick<LakeConfig, 'corsOrigins' | 'studioUrl' | 'projectId'>,
  lakeUrl: string,
  path: string,
  query: URLSearchParams,
): GuideResponse | undefined {
  if (path === GUIDE_SCRIPT_PATH) {
    return {
      status: 200,
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-cache',
      },
      body: GUIDE_SCRIPT,
    }
  }
  if (path !== '/') return undefined
  const origins = studioLakeOrigins(lakeUrl, config.projectId)
  const forward = guideForwardUrl(config, query.get('return'))
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'unsafe-inline'",
        `connect-src ${origins.join(' ')}`,
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    body: renderGuide(origins, forward, query.get('return')),
  }
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[char] ?? char,
  )

function renderGuide(origins: string[], forward: string | undefined, returnTo: string | null) {
  const steps = origins
    .map((origin) => {
      const link = new URL(origin)
      if (returnTo) link.searchParams.set('return', returnTo)
      const host = new URL(origin).host
      return `<li data-probe="${escapeHtml(origin)}" data-state="checking">
  <a href="${escapeHtml(link.href)}">Open ${escapeHtml(origin)}</a>
  <span data-status>Checking…</span>
  <p>Your browser warns that the connection is not private: choose <b>Advanced</b>, then
  <b>Proceed to ${escapeHtml(host)}</b> (Firefox: <b>Accept the Risk and Continue</b>; Safari:
  <b>Show Details</b>, <b>visit this website</b>). You come back to this page.</p>
</li>`
    })
    .join('\n')
  const then = forward
    ? `Once your browser trusts both, this page opens the Studio at <a href="${escapeHtml(forward)}">${escapeHtml(forward)}</a> by itself.`
    : 'Once your browser trusts both, the Studio can reach the lake.'
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trust the local content lake</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b1d21}
h1{font-size:1.5rem}li{margin:1rem 0}a{color:#1e61cd}p{margin:.25rem 0;color:#4b4f58}
[data-status]{margin-left:.5rem;font-weight:600}
[data-state=trusted] [data-status]{color:#157a3c}[data-state=untrusted] [data-status]{color:#b3261e}
code{background:#f1f2f4;padding:0 .25rem;border-radius:3px}
</style>
<script src="${GUIDE_SCRIPT_PATH}" defer></script>
</head>
<body>
<main data-lake-guide data-state="checking"${forward ? ` data-forward="${escapeHtml(forward)}"` : ''}>
<h1>One step before the Studio: trust the local content lake</h1>
<p>The Studio reads and writes through the local content lake over HTTPS, because only HTTP/2
(which browsers speak over HTTPS alone) carries its many live updates at once. The lake made its
own certificate on this computer, so your browser asks you once to accept it for each of the two
addresses below.</p>
<ol>
${steps}
</ol>
<p data-summary>${then}</p>
<p>To skip this step in every browser: install <a href="https://github.com/FiloSottile/mkcert">mkcert</a>,
run <code>mkcert -install</code>, delete <code>.lake/cert.pem</code> and restart
<code>npm run dev</code>.</p>
</main>
</body>
</html>
`
}

/**
 * Asks each host's `/v1/ping` (no-cors: the answer is opaque, but the request fails while the
 * browser rejects the certificate), marks each step, and forwards once all are trusted.
 */
const GUIDE_SCRIPT = `'use strict'
const guide = document.querySelector('[data-lake-guide]')
const steps = [...document.querySelectorAll('[data-probe]')]
const trusted = (origin) =>
  fetch(origin + '/v1/ping', {mode: 'no-cors', cache: 'no-store'}).then(() => true, () => false)
async function check() {
  const states = await Promise.all(
    steps.map(async (step) => {
      const ok = await trusted(step.dataset.probe)
      step.dataset.state = ok ? 'trusted' : 'untrusted'
      step.querySelector('[data-status]').textContent = ok ? 'Trusted' : 'Not trusted yet'
      return ok
    }),
  )
  if (states.every(Boolean)) {
    guide.dataset.state = 'trusted'
    if (guide.dataset.forward) {
      location.replace(guide.dataset.forward)
      return
    }
  }
  setTimeout(check, 1500)
}
check()
`
