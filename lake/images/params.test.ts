import {describe, expect, it} from 'vitest'
import {
  chooseFormat,
  ImageParamError,
  MAX_DIMENSION,
  parseImageParams,
  planSize,
  wantsTransform,
} from './params.ts'

const parse = (query: string) => parseImageParams(new URLSearchParams(query))

describe('parseImageParams', () => {
  it('reads what @sanity/image-url writes', () => {
    const t = parse(
      'rect=10,20,300,200&bg=f0f&fp-x=0.25&fp-y=0.75&flip=hv&w=320&h=180&fm=webp&q=60&fit=crop&crop=focalpoint&dpr=2&or=90&blur=40',
    )
    expect(t).toMatchObject({
      rect: {left: 10, top: 20, width: 300, height: 200},
      background: '#ff00ff',
      crop: {kind: 'focal', x: 0.25, y: 0.75},
      flipH: true,
      flipV: true,
      width: 640,
      height: 360,
      format: 'webp',
      quality: 60,
      fit: 'crop',
      rotate: 90,
      blurSigma: 10,
    })
  })

  it('has Sanity defaults: fit clip, quality 75, centre crop, no format change', () => {
    expect(parse('w=10')).toMatchObject({
      fit: 'clip',
      quality: 75,
      crop: {kind: 'edges', x: 'center', y: 'center'},
      format: undefined,
      autoFormat: false,
      rotate: 0,
    })
    expect(parse('crop=top,left').crop).toEqual({kind: 'edges', x: 'left', y: 'top'})
    expect(parse('auto=format').autoFormat).toBe(true)
    expect(parse('fm=pjpg')).toMatchObject({format: 'jpg', progressive: true})
    expect(parse('orient=180').rotate).toBe(180)
    expect(parse('bg=80ff0000').background).toBe('#ff000080')
  })

  it('caps absurd sizes instead of failing', () => {
    expect(parse('w=100000000&h=5').width).toBe(MAX_DIMENSION)
    expect(parse('w=5000&dpr=3').width).toBe(MAX_DIMENSION)
    expect(parse('w=0.2').width).toBe(1)
  })

  it.each([
    ['w=abc', 'Invalid w="abc"'],
    ['w=-5', 'Invalid w="-5"'],
    ['h=Infinity', 'Invalid h="Infinity"'],
    ['fit=cover', 'Invalid fit="cover": use one of clip, crop, fill, fillmax, max, min, scale'],
    ['fm=bmp', 'Invalid fm="bmp"'],
    ['q=101', 'Invalid q="101"'],
    ['dpr=4', 'Invalid dpr="4"'],
    ['rect=1,2,3', 'Invalid rect="1,2,3"'],
    ['rect=0,0,0,10', 'width and height must be at least 1'],
    ['crop=middle', 'Invalid crop="middle"'],
    ['fp-x=1.5', 'Invalid fp-x="1.5"'],
    ['bg=zzz', 'Invalid bg="zzz"'],
    ['flip=x', 'Invalid flip="x"'],
    ['or=45', 'Invalid or="45"'],
    ['auto=compress', 'Invalid auto="compress"'],
    ['blur=5000', 'Invalid blur="5000"'],
  ])('%s is refused with a clear message', (query, message) => {
    expect(() => parse(query)).toThrow(ImageParamError)
    expect(() => parse(query)).toThrow(message)
  })

  it('knows when nothing is asked', () => {
    expect(wantsTransform(new URLSearchParams(''))).toBe(false)
    expect(wantsTransform(new URLSearchParams('utm_source=x'))).toBe(false)
    expect(wantsTransform(new URLSearchParams('w=1'))).toBe(true)
  })
})

describe('chooseFormat', () => {
  const chrome = 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8'
  it('prefers fm, then what auto=format finds in Accept, then the original', () => {
    expect(chooseFormat({format: 'png', autoFormat: true}, 'jpg', chrome)).toBe('png')
    expect(chooseFormat({autoFormat: true}, 'jpg', chrome)).toBe('avif')
    expect(chooseFormat({autoFormat: true}, 'jpg', 'image/webp,*/*')).toBe('webp')
    expect(chooseFormat({autoFormat: true}, 'png', '*/*')).toBe('png')
    expect(chooseFormat({autoFormat: false}, 'png', chrome)).toBe('png')
  })
})

describe('planSize (a 1200×600 source)', () => {
  const plan = (query: string) => planSize(parse(query), 1200, 600)
  it.each([
    ['w=300', 300, 150, 'fill', undefined],
    ['h=300', 600, 300, 'fill', undefined],
    ['w=2400', 2400, 1200, 'fill', undefined],
    ['w=2400&fit=max', 1200, 600, 'fill', undefined],
    ['w=300&h=300', 300, 150, 'fill', undefined],
    ['w=300&h=300&fit=clip', 300, 150, 'fill', undefined],
    ['w=300&h=300&fit=crop', 300, 300, 'cover', undefined],
    ['w=300&h=300&fit=scale', 300, 300, 'fill', undefined],
    ['w=300&h=300&fit=fill', 300, 150, 'fill', {width: 300, height: 300}],
    ['w=3000&h=3000&fit=fillmax', 1200, 600, 'fill', {width: 3000, height: 3000}],
    ['w=3000&h=3000&fit=max', 1200, 600, 'fill', undefined],
    ['w=3000&h=1000&fit=min', 1200, 400, 'cover', undefined],
    ['w=400&h=400&fit=min', 400, 400, 'cover', undefined],
    ['max-w=600', 600, 300, 'fill', undefined],
    ['max-w=6000', 1200, 600, 'fill', undefined],
    ['w=900&max-w=600', 600, 300, 'fill', undefined],
    ['w=8192&h=8192&fit=scale', 8192, 8192, 'fill', undefined],
  ])('%s → %i×%i (%s)', (query, width, height, mode, canvas) => {
    expect(plan(query)).toEqual({
      resizeWidth: width,
      resizeHeight: height,
      mode,
      ...(canvas ? {canvas} : {}),
    })
  })

  it('keeps an aspect-preserving size within the cap on both sides', () => {
    const tall = planSize(parse('w=8192'), 100, 10_000)
    expect(Math.max(tall.resizeWidth, tall.resizeHeight)).toBe(MAX_DIMENSION)
  })
})
