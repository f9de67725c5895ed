import {mkdir} from 'node:fs/promises'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {isLocalUrl, launchChromium, type TestBrowser} from '../support/chromium.ts'

describe('test Chromium', () => {
  let browser: TestBrowser

  beforeAll(async () => {
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('renders a page and takes a screenshot', async () => {
    const page = await browser.newPage()
    await page.goto('data:text/html,<h1 id="greeting">Hello newsroom</h1>')
    await expect(page.locator('#greeting').textContent()).resolves.toBe('Hello newsroom')
    await mkdir('artifacts/e2e', {recursive: true})
    const png = await page.screenshot({path: 'artifacts/e2e/chromium-smoke.png'})
    // A PNG signature and more than a blank header's worth of bytes.
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(png.length).toBeGreaterThan(1000)
    await page.close()
  })

  it('blocks requests that would leave the machine', async () => {
    const page = await browser.newPage()
    await page.goto('data:text/html,<p>offline</p>')
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/')
        return 'reached'
      } catch {
        return 'blocked'
      }
    })
    expect(outcome).toBe('blocked')
    expect(browser.blocked).toContain('https://example.com/')
    await page.close()
  })

  it('tells local and remote hosts apart', () => {
    expect(isLocalUrl('https://local.localhost:3334/v1/ping')).toBe(true)
    expect(isLocalUrl('http://127.0.0.1:3333/')).toBe(true)
    expect(isLocalUrl('https://localhost/')).toBe(true)
    expect(isLocalUrl('https://api.sanity.io/v1/ping')).toBe(false)
    expect(isLocalUrl('https://localhost.evil.com/')).toBe(false)
    expect(isLocalUrl('not a url')).toBe(false)
  })
})
