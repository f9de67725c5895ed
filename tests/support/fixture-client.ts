/**
 * A stand-in for `@sanity/client` in the site's in-process tests: `fetch` runs the real query
 * with groq-js over the published fixture dataset (tests/fixtures/queries/dataset.ts), or fails the way
 * `fail` says. Only what the site calls is there: `config`, `withConfig`, `fetch`.
 */
import type {ClientConfig, SanityClient} from '@sanity/client'

import {API_VERSION} from 'sanity-plugin-newsroom/queries'
import {
  publishedDocuments,
  queryFixture,
  type FixtureDocument,
} from '../fixtures/queries/dataset.ts'

/** One fetch the site made. */
export interface RecordedFetch {
  query: string
  params: Record<string, unknown>
  tag: string | undefined
  /** The client config it was made with. */
  config: ClientConfig
}

export interface FixtureClient {
  client: SanityClient
  fetches: RecordedFetch[]
  /** From now on every fetch rejects with `error`; `undefined` answers again. */
  fail(error: unknown): void
}

/**
 * A client whose every fetch runs the query over `view(config)` (undefined: the fixture
 * dataset's published documents) and is recorded.
 */
function recordingClient(
  config: ClientConfig,
  view: (config: ClientConfig) => FixtureDocument[] | undefined,
): FixtureClient {
  const fetches: RecordedFetch[] = []
  let failure: unknown
  const make = (current: ClientConfig): SanityClient =>
    ({
      config: () => current,
      withConfig: (more: ClientConfig) => make({...current, ...more}),
      fetch: async (
        query: string,
        params: Record<string, unknown> = {},
        options: {tag?: string} = {},
      ) => {
        fetches.push({query, params, tag: options.tag, config: current})
        if (failure !== undefined) throw failure
        return queryFixture(query, params, view(current))
      },
    }) as unknown as SanityClient
  return {
    client: make({
      projectId: 'fixture',
      dataset: 'production',
      apiHost: 'https://api.sanity.io',
      apiVersion: API_VERSION,
      ...config,
    }),
    fetches,
    fail(error) {
      failure = error
    },
  }
}

/**
 * A client over the fixture dataset's published documents, or over `documents` (what an
 * anonymous reader sees of them) when a test needs other content.
 */
export function createFixtureClient(
  config: ClientConfig = {},
  documents?: FixtureDocument[],
): FixtureClient {
  const visible = documents ? publishedDocuments(documents) : undefined
  return recordingClient({useCdn: true, ...config}, () => visible)
}

/**
 * What a client WITH a token sees of `documents` in `perspective`: `raw` every document, drafts
 * and private ones included; `drafts` each `drafts.X` over `X` (reported as `X`), as Sanity and
 * the local lake do; `published` what an anonymous reader sees.
 */
export function perspectiveView(
  documents: FixtureDocument[],
  perspective: unknown,
): FixtureDocument[] {
  if (perspective === 'raw') return documents
  if (perspective !== 'drafts') return publishedDocuments(documents)
  const byId = new Map<string, FixtureDocument>()
  for (const document of publishedDocuments(documents)) byId.set(document._id, document)
  for (const document of documents) {
    if (!document._id.startsWith('drafts.')) continue
    const id = document._id.slice('drafts.'.length)
    if (!id.includes('.')) byId.set(id, {...document, _id: id})
  }
  return [...byId.values()]
}

/**
 * A stand-in for a client with a read token over `documents` (drafts and private documents
 * included): each fetch sees what its `perspective` shows (`perspectiveView`).
 */
export function createFixtureTokenClient(
  documents: FixtureDocument[],
  config: ClientConfig = {},
): FixtureClient {
  return recordingClient(
    {useCdn: false, token: 'sk-fixture-viewer', perspective: 'drafts', ...config},
    (current) => perspectiveView(documents, current.perspective),
  )
}
