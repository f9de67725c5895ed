/**
 * The preview page's script (loaded on preview pages only, never on public ones): the
 * Presentation tool's click-to-edit overlays (`@sanity/visual-editing`, over the pages'
 * `data-sanity` attributes), the Studio's address bar following the frame, and live updates: on
 * each change the Studio reports, the page fetches itself again and swaps in the new content, so
 * an edit shows without a reload.
 */
import {enableVisualEditing} from '@sanity/visual-editing'

/** The page's own path, as the Studio's address bar shows it. */
const here = () => `${location.pathname}${location.search}`

let latest = 0

/**
 * Fetches this page again and puts its `<main>` and title in place of the current ones. Only the
 * newest of overlapping refreshes lands. A page that is no longer a preview (the session ended)
 * is loaded in full, so the editor sees why.
 */
async function refreshPage(): Promise<void> {
  const ticket = ++latest
  const response = await fetch(here(), {
    cache: 'no-store',
    credentials: 'same-origin',
    headers: {accept: 'text/html'},
  })
  const html = await response.text()
  if (ticket !== latest) return
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
  refresh: () => refreshPage().catch(() => location.reload()),
})
