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
 * A client over the fixture dataset's published documents, or over `documents` (what an
 * anonymous reader sees of them) when a test needs other content.
 */
export function createFixtureClient(
  config: ClientConfig = {},
  documents?: FixtureDocument[],
): FixtureClient {
  const visible = documents ? publishedDocuments(documents) : undefined
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
        return queryFixture(query, params, visible)
      },
    }) as unknown as SanityClient
  return {
    client: make({
      projectId: 'fixture',
      dataset: 'production',
      apiHost: 'https://api.sanity.io',
      apiVersion: API_VERSION,
      useCdn: true,
      ...config,
    }),
    fetches,
    fail(error) {
      failure = error
    },
  }
}
