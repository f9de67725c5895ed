/**
 * The Studio's own check of the local lake, run by the demo Studio's config as it loads in a
 * browser. Without it a browser that does not trust the lake's certificate shows the Studio's
 * "Couldn't reach the Sanity servers", which names neither the cause nor the fix. With it, the
 * browser goes to the lake's certificate guide (which brings it back once it trusts the lake),
 * or, when the lake does not answer at all, the page says how to start it.
 */
import {lakeGuideUrl, studioLakeOrigins} from './guide.ts'

/** What the browser makes of the lake. */
export type LakeReach = 'trusted' | 'untrusted' | 'down'

/** Resolves true when `url` answers at all (no-cors: a rejected certificate is a failure). */
export type Probe = (url: string) => Promise<boolean>

const browserProbe: Probe = (url) =>
  fetch(url, {mode: 'no-cors', cache: 'no-store'}).then(
    () => true,
    () => false,
  )

/**
 * Asks each origin the Studio calls (`/v1/ping`) and, when one fails, the guide over plain HTTP
 * on the same port: answering there means the lake runs and only the certificate is refused.
 */
export async function checkLakeReach(
  apiHost: string,
  projectId: string,
  probe: Probe = browserProbe,
): Promise<LakeReach> {
  const answers = await Promise.all(
    studioLakeOrigins(apiHost, projectId).map((origin) => probe(`${origin}/v1/ping`)),
  )
  if (answers.every(Boolean)) return 'trusted'
  return (await probe(lakeGuideUrl(apiHost))) ? 'untrusted' : 'down'
}

/** Whether this is a real browser (not the CLI's jsdom, nor Node, which load the config too). */
function inBrowser(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof document !== 'undefined' &&
    typeof navigator !== 'undefined' &&
    !/\bjsdom\b|Node\.js/.test(navigator.userAgent)
  )
}

/**
 * In a browser: sends it to the lake's certificate guide when it does not trust the lake
 * (returning here afterwards), or shows a notice above the Studio when the lake is down.
 * Elsewhere (the CLI loading the config) does nothing.
 */
export function checkLakeFromStudio(options: {apiHost: string; projectId: string}): void {
  if (!inBrowser()) return
  void checkLakeReach(options.apiHost, options.projectId).then((reach) => {
    if (reach === 'untrusted') {
      window.location.replace(lakeGuideUrl(options.apiHost, window.location.href))
    } else if (reach === 'down') {
      showNotice(
        `The local content lake at ${options.apiHost} does not answer. Start it with ` +
          '"npm run dev" (or "npm run lake"), then reload this page.',
      )
    }
  })
}

function showNotice(text: string): void {
  const notice = document.createElement('div')
  notice.setAttribute('role', 'alert')
  notice.dataset.lakeNotice = ''
  notice.textContent = text
  Object.assign(notice.style, {
    position: 'fixed',
    inset: '0 0 auto 0',
    zIndex: '2147483647',
    padding: '12px 16px',
    background: '#fff4e5',
    color: '#4a2c00',
    borderBottom: '1px solid #e8b36b',
    font: '15px/1.4 system-ui, sans-serif',
  })
  document.body.append(notice)
}
