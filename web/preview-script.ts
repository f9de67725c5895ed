/**
 * The preview page's script (loaded on preview pages only, never on public ones): the
 * Presentation tool's click-to-edit overlays (`@sanity/visual-editing`, over the pages'
 * `data-sanity` attributes), the Studio's address bar following the frame, and live updates: on
 * each change in the lake (`/api/preview/live`) or reported by the Studio, the page fetches itself
 * again and swaps in the new content, so an edit shows without a reload.
 */
import {enableVisualEditing} from '@sanity/visual-editing'

/** The page's own path, as the Studio's address bar shows it. */
const here = () => `${location.pathname}${location.search}`

/**
 * Fetches this page again and puts its `<main>` and title in place of the current ones. A page
 * that is no longer a preview (the session ended) is loaded in full, so the editor sees why.
 */
async function refreshPage(): Promise<void> {
  const response = await fetch(here(), {
    cache: 'no-store',
    credentials: 'same-origin',
    headers: {accept: 'text/html'},
  })
  const html = await response.text()
  const next = new DOMParser().parseFromString(html, 'text/html')
  const main = next.querySelector('main')
  const current = document.querySelector('main')
  if (!response.ok || !next.querySelector('[data-preview-banner]') || !main || !current) {
    location.reload()
    return
  }
  current.replaceWith(document.adoptNode(main))
  document.title = next.title
}

let running: Promise<void> | undefined
let again = false

/**
 * One refresh at a time: a change that arrives during one is picked up by one more refresh
 * after it, however many arrive.
 */
function refresh(): Promise<void> {
  if (running) {
    again = true
    return running
  }
  running = (async () => {
    do {
      again = false
      await refreshPage()
    } while (again)
  })()
    .catch(() => location.reload())
    .finally(() => {
      running = undefined
    })
  return running
}

// Changes in the lake (drafts included) as the site's server sees them: the soonest sign of an
// edit. The Studio's own refresh messages below cover anything this stream misses.
new EventSource('/api/preview/live').addEventListener('change', () => void refresh())

enableVisualEditing({
  history: {
    subscribe: (navigate) => {
      navigate({type: 'replace', url: here()})
      return () => undefined
    },
    update: (update) => {
      if (update.type === 'pop') history.back()
      else if (update.url !== here()) location.assign(update.url)
    },
  },
  refresh: () => refresh(),
})
