import {describe, expect, it} from 'vitest'

import {formatRedirects, permalinkPath, postPath, type Redirect} from './redirects.ts'

const redirects: Redirect[] = [
  {from: '/2026/11/25/mistral-ai/', to: postPath('mistral-ai')},
  {from: '/2026/11/24/%e6%9d%b1%e4%ba%ac/', to: postPath('東京')},
  {from: '/?p=12', to: postPath('oil')},
]

describe('permalinkPath and postPath', () => {
  it.each([
    ['https://site.test/2026/11/25/mistral-ai/', '/2026/11/25/mistral-ai/'],
    ['https://site.test/blog/mistral-ai', '/blog/mistral-ai'],
    ['https://site.test/?p=12', '/?p=12'],
    ['https://site.test/', undefined],
    ['https://site.test', undefined],
    ['not a url', undefined],
  ])('%j → %j', (permalink, path) => {
    expect(permalinkPath(permalink)).toBe(path)
  })

  it('encodes the slug', () => {
    expect(postPath('東京 news')).toBe('/posts/%E6%9D%B1%E4%BA%AC%20news')
  })
})

describe('formatRedirects', () => {
  it('writes JSON by default, sorted by old path', () => {
    expect(JSON.parse(formatRedirects(redirects, 'json'))).toEqual([
      {from: '/2026/11/24/%e6%9d%b1%e4%ba%ac/', to: '/posts/%E6%9D%B1%E4%BA%AC', status: 301},
      {from: '/2026/11/25/mistral-ai/', to: '/posts/mistral-ai', status: 301},
      {from: '/?p=12', to: '/posts/oil', status: 301},
    ])
  })

  it('writes a Netlify _redirects file, query parameters as Netlify matches them', () => {
    expect(formatRedirects(redirects, 'netlify')).toBe(
      [
        '/2026/11/24/%e6%9d%b1%e4%ba%ac/  /posts/%E6%9D%B1%E4%BA%AC  301',
        '/2026/11/25/mistral-ai/          /posts/mistral-ai  301',
        '/ p=12                           /posts/oil  301',
        '',
      ].join('\n'),
    )
  })

  it('writes Vercel redirects, escaping path-to-regexp characters and matching queries with has', () => {
    const vercel = JSON.parse(
      formatRedirects([...redirects, {from: '/a:b/(c)*/', to: '/posts/c'}], 'vercel'),
    ) as {redirects: unknown[]}
    expect(vercel.redirects).toEqual([
      {
        source: '/2026/11/24/%e6%9d%b1%e4%ba%ac/',
        destination: '/posts/%E6%9D%B1%E4%BA%AC',
        permanent: true,
      },
      {source: '/2026/11/25/mistral-ai/', destination: '/posts/mistral-ai', permanent: true},
      {
        source: '/',
        has: [{type: 'query', key: 'p', value: '12'}],
        destination: '/posts/oil',
        permanent: true,
      },
      {source: '/a\\:b/\\(c\\)\\*/', destination: '/posts/c', permanent: true},
    ])
  })

  it('writes an empty list for no redirects', () => {
    expect(formatRedirects([], 'json')).toBe('[]\n')
    expect(formatRedirects([], 'netlify')).toBe('')
    expect(JSON.parse(formatRedirects([], 'vercel'))).toEqual({redirects: []})
  })
})
