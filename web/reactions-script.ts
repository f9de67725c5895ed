/**
 * The one script of the reader site, for the browser: the reaction buttons vote without a page
 * load. It takes over the form `ReactionsBlock` renders (which works without it), sends the vote
 * to `POST /api/reactions` as JSON with the reader's cookie, and shows the new tally in place.
 * The site serves it as a module, bundled from this file, under a content-hashed URL.
 */
import {reactionTotalLabel} from 'sanity-plugin-newsroom/reactions'

/** What `POST /api/reactions` answers (the reaction handler's result). */
interface ReactionResult {
  percentages: Record<string, number>
  total: number
  reaction: string | null
}

const FAILURES: Record<number, string> = {
  429: 'That was a lot of reactions in a short time. Please try again in a minute.',
  503: 'Your reaction could not be recorded right now. Please try again in a minute.',
}
const FAILURE = 'Your reaction could not be recorded. Please reload the page and try again.'

/** Shows `result` in the block: each share, the total, and which button is the reader's own. */
export function showReactionResult(form: HTMLFormElement, result: ReactionResult): void {
  for (const button of form.querySelectorAll<HTMLButtonElement>('button[data-kind]')) {
    const kind = button.dataset.kind as string
    const pressed = result.reaction === kind
    button.setAttribute('aria-pressed', String(pressed))
    button.value = pressed ? '' : kind
    const share = button.querySelector('.reaction-share')
    if (share) share.textContent = `${result.percentages[kind] ?? 0} %`
  }
  const total = form.querySelector('[data-reaction-total]')
  if (total) total.textContent = reactionTotalLabel(result.total)
}

/**
 * Sends each vote of `form` with `fetch` instead of a form post. One vote at a time: a click while
 * one is on its way is ignored.
 */
export function enhanceReactionForm(form: HTMLFormElement, send: typeof fetch = fetch): void {
  const status = form.querySelector('[data-reaction-status]')
  const postId = form.querySelector<HTMLInputElement>('input[name="postId"]')?.value
  let sending = false
  form.addEventListener('submit', (event) => {
    const button = event.submitter
    if (!(button instanceof HTMLButtonElement) || !button.dataset.kind || !postId) return
    event.preventDefault()
    if (sending) return
    sending = true
    form.setAttribute('aria-busy', 'true')
    const reaction = button.getAttribute('aria-pressed') === 'true' ? null : button.dataset.kind
    const vote = async () => {
      try {
        const response = await send(form.action, {
          method: 'POST',
          headers: {'content-type': 'application/json', accept: 'application/json'},
          credentials: 'same-origin',
          body: JSON.stringify({postId, reaction}),
        })
        if (!response.ok) {
          if (status) status.textContent = FAILURES[response.status] ?? FAILURE
          return
        }
        showReactionResult(form, (await response.json()) as ReactionResult)
        if (status) {
          status.textContent = reaction
            ? `Thanks: you reacted ${button.dataset.title ?? reaction}.`
            : 'Your reaction was removed.'
        }
      } catch {
        if (status) status.textContent = FAILURE
      } finally {
        sending = false
        form.removeAttribute('aria-busy')
      }
    }
    void vote()
  })
}

/** The kind the reader's pressed button stands for, or null. */
function pressedKind(form: HTMLFormElement): string | null {
  const pressed = form.querySelector<HTMLButtonElement>('button[data-kind][aria-pressed="true"]')
  return pressed?.dataset.kind ?? null
}

/**
 * Keeps the tally of `form` live while the page is open: `/api/reactions/live` sends the new
 * tally whenever the lake announces a change to it. The reader's own reaction stays as this page
 * shows it: the stream reads as the reader was when it opened (a new reader has no cookie yet),
 * and the reader's own votes answer with their reaction.
 */
export function followLiveTally(
  form: HTMLFormElement,
  open: (url: string) => EventSource = (url) => new EventSource(url),
): EventSource | undefined {
  const postId = form.querySelector<HTMLInputElement>('input[name="postId"]')?.value
  if (!postId) return undefined
  const source = open(`${form.action}/live?postId=${encodeURIComponent(postId)}`)
  source.addEventListener('tally', (event) => {
    const tally = JSON.parse((event as MessageEvent<string>).data) as ReactionResult
    showReactionResult(form, {...tally, reaction: pressedKind(form)})
  })
  return source
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-reactions]')) {
  enhanceReactionForm(form)
  if (typeof EventSource !== 'undefined') followLiveTally(form)
}
