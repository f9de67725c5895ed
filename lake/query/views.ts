/**
 * A query worker's copy of one dataset, and the perspective views queries run against.
 *
 * groq-js has no perspective option, so each perspective is a separate document list: `raw` is
 * everything, `published` drops every dotted `_id` (also what anonymous callers always get), and
 * `drafts` overlays each `drafts.X` on `X` (reported as `_id: 'X'`, `_originalId: 'drafts.X'`) and
 * drops `versions.*`. Views are built lazily and thrown away on the next change to the dataset;
 * each view also builds its indexes (by id, type, attribute path, text) lazily.
 */
import type {LakeDocument, Perspective} from '../types.ts'
import {
  dateTimeKey,
  matchTokens,
  OrderIndex,
  ReferenceIndex,
  TextIndex,
  valueAt,
  type OrderKey,
} from './indexes.ts'
import {
  EQ_MARKER,
  SEP,
  TEXT_MARKER,
  TOKENS_MARKER,
  type IndexKey,
  type PlanIndexes,
} from './plan.ts'

/** The view a caller gets: anonymous callers only ever see published, undotted documents. */
export type ViewKind = Perspective

export class DatasetCopy {
  readonly docs = new Map<string, LakeDocument>()
  private views = new Map<ViewKind, View>()
  private text: TextIndex | undefined
  /** Documents changed since the text index last saw them (it catches up on use, or `warm`). */
  private textPending = new Set<string>()

  set(id: string, doc: LakeDocument | null): void {
    if (doc) this.docs.set(id, doc)
    else this.docs.delete(id)
    // Applying a commit stays cheap, however large: the index catches up when next needed.
    if (this.text) this.textPending.add(id)
    this.views.clear()
  }

  /**
   * Does up to `budgetMs` of the work the next searches would otherwise pay: the text index catches
   * up with the changes, then the drafts view (the Studio's lists) is built, its text tokenized and
   * its type and reference indexes built.
   * True while work remains. The query workers call it while idle.
   */
  warm(budgetMs: number): boolean {
    const end = performance.now() + budgetMs
    if (!this.text) {
      this.textIndex()
      return true
    }
    for (const id of this.textPending) {
      this.text.set(id, this.docs.get(id) ?? null)
      this.textPending.delete(id)
      if (performance.now() > end) return true
    }
    const drafts = this.view('drafts')
    if (!drafts.tokenize(end)) return true
    // The type and reference indexes every Studio list and search asks for.
    drafts.byTypes([])
    drafts.referenceCandidates([])
    return false
  }

  view(kind: ViewKind): View {
    let view = this.views.get(kind)
    if (!view) {
      view = new View(buildDocuments(this.docs, kind), {kind, text: () => this.textIndex()})
      this.views.set(kind, view)
    }
    return view
  }

  /**
   * The dataset's text index, shared by its views and kept up to date by `set` once built (the
   * query workers build it before taking queries).
   */
  textIndex(): TextIndex {
    if (!this.text) this.text = new TextIndex(this.docs.values())
    for (const id of this.textPending) this.text.set(id, this.docs.get(id) ?? null)
    this.textPending.clear()
    return this.text
  }
}

/** Where a view's text index comes from: its dataset's, over raw ids, or one of its own. */
interface TextSource {
  kind: ViewKind
  text: () => TextIndex
}

/** The id a raw document has in a view of `kind`, if it is in that view. */
function viewId(rawId: string, kind: ViewKind): string | undefined {
  if (kind === 'raw') return rawId
  if (kind === 'published') return rawId.includes('.') ? undefined : rawId
  if (rawId.startsWith('versions.')) return undefined
  return rawId.startsWith('drafts.') ? rawId.slice('drafts.'.length) : rawId
}

function buildDocuments(docs: Map<string, LakeDocument>, kind: ViewKind): LakeDocument[] {
  if (kind === 'raw') return [...docs.values()]
  if (kind === 'published') return [...docs.values()].filter((doc) => !doc._id.includes('.'))
  const result: LakeDocument[] = []
  for (const doc of docs.values()) {
    const id = doc._id
    if (id.startsWith('versions.')) continue
    if (id.startsWith('drafts.')) {
      const publishedId = id.slice('drafts.'.length)
      // Overlaid at the published document's position when there is one.
      if (!docs.has(publishedId)) result.push(overlay(doc, publishedId))
      continue
    }
    const draft = docs.get(`drafts.${id}`)
    result.push(draft ? overlay(draft, id) : doc)
  }
  return result
}

function overlay(draft: LakeDocument, publishedId: string): LakeDocument {
  return {...draft, _id: publishedId, _originalId: draft._id}
}

/** Equality candidate lists kept per view (each is one byte per document). */
const MAX_CACHED_MARKS = 64

/** One perspective's documents plus the indexes the planner and dereferencing use. */
export class View implements PlanIndexes {
  readonly docs: LakeDocument[]
  private position = new Map<string, number>()
  private types: Map<string, LakeDocument[]> | undefined
  private versions: Map<string, number[]> | undefined
  private paths = new Map<string, Map<IndexKey, LakeDocument[]>>()
  private texts = new Map<string, string[]>()
  private tokens = new Map<string, string[]>()
  private orders = new Map<string, OrderIndex>()
  private readonly textSource: TextSource
  private ordinalPositions: Int32Array | undefined
  private referenceIndex: ReferenceIndex | undefined
  private equalities = new Map<string, Uint8Array>()
  private noScores: boolean | undefined

  /** `source`: the dataset's text index and this view's kind; by default one of its own. */
  constructor(docs: LakeDocument[], source?: TextSource) {
    this.docs = docs
    docs.forEach((doc, index) => this.position.set(doc._id, index))
    if (source) this.textSource = source
    else {
      let own: TextIndex | undefined
      this.textSource = {kind: 'raw', text: () => (own ??= new TextIndex(docs))}
    }
  }

  get(id: string): LakeDocument | undefined {
    const index = this.position.get(id)
    return index === undefined ? undefined : this.docs[index]
  }

  byIds(ids: string[]): LakeDocument[] {
    const indexes = new Set<number>()
    for (const id of ids) {
      const index = this.position.get(id)
      if (index !== undefined) indexes.add(index)
    }
    return [...indexes].sort((a, b) => a - b).map((index) => this.docs[index] as LakeDocument)
  }

  byTypes(types: string[]): LakeDocument[] {
    if (!this.types) {
      this.types = new Map()
      for (const doc of this.docs) {
        const list = this.types.get(doc._type)
        if (list) list.push(doc)
        else this.types.set(doc._type, [doc])
      }
    }
    const unique = [...new Set(types)]
    if (unique.length === 1) return this.types.get(unique[0] as string) ?? []
    const wanted = new Set(unique)
    return this.docs.filter((doc) => wanted.has(doc._type))
  }

  /**
   * The documents `sanity::versionOf(id)` is true for (`id`, `drafts.id`, `versions.<release>.id`),
   * in dataset order. The Studio's document lists ask this for every row they show.
   */
  versionsOf(id: string): LakeDocument[] {
    if (!this.versions) {
      this.versions = new Map()
      this.docs.forEach((doc, position) => {
        for (const base of versionBases(doc._id)) {
          const list = this.versions?.get(base)
          if (list) list.push(position)
          else this.versions?.set(base, [position])
        }
      })
    }
    return (this.versions.get(id) ?? []).map((position) => this.docs[position] as LakeDocument)
  }

  byPath(path: string, key: IndexKey): LakeDocument[] {
    let index = this.paths.get(path)
    if (!index) {
      index = new Map()
      const segments = path.split('.')
      for (const doc of this.docs) {
        const value = valueAt(doc, segments)
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
          continue
        }
        const list = index.get(value)
        if (list) list.push(doc)
        else index.set(value, [doc])
      }
      this.paths.set(path, index)
    }
    return index.get(key) ?? []
  }

  /** The view's position of a document of this view (dataset order). */
  positionOf(doc: LakeDocument): number {
    return this.position.get(doc._id) ?? -1
  }

  /** The documents at the marked positions, in dataset order. */
  marked(marks: Uint8Array): LakeDocument[] {
    const docs: LakeDocument[] = []
    for (let i = 0; i < marks.length; i++) if (marks[i]) docs.push(this.docs[i] as LakeDocument)
    return docs
  }

  /** Marks the positions of `docs` (documents of this view). */
  marks(docs: readonly LakeDocument[]): Uint8Array {
    const marks = new Uint8Array(this.docs.length)
    for (const doc of docs) {
      const position = this.position.get(doc._id)
      if (position !== undefined) marks[position] = 1
    }
    return marks
  }

  /** Marks the documents whose attribute `path` equals `key` (cached: the same few keys recur). */
  equalMarks(path: string, key: IndexKey): Uint8Array {
    const cacheKey = `${path}${SEP}${typeof key}${SEP}${String(key)}`
    let marks = this.equalities.get(cacheKey)
    if (!marks) {
      const docs =
        path === '_id' || path === '_type'
          ? typeof key === 'string'
            ? path === '_id'
              ? this.byIds([key])
              : this.byTypes([key])
            : []
          : this.byPath(path, key)
      marks = this.marks(docs)
      if (this.equalities.size >= MAX_CACHED_MARKS) this.equalities.clear()
      this.equalities.set(cacheKey, marks)
    }
    return marks
  }

  /** The documents sorted as `order(path)` (or `order(dateTime(path))`) sorts them, built on first use. */
  orderIndex(path: string, key: OrderKey = 'value'): OrderIndex {
    const name = `${key}${SEP}${path}`
    let index = this.orders.get(name)
    if (!index) {
      index = new OrderIndex(this.docs, path, key)
      this.orders.set(name, index)
    }
    return index
  }

  /**
   * Marks the documents that can match the `match` pattern (see `TextIndex`): a drafts view's
   * document `X` where `X` or `drafts.X` can.
   */
  textCandidates(pattern: string, any = false): Uint8Array {
    const {text} = this.textSource
    const index = text()
    const matching = index.matching(pattern, any)
    const positions = this.positionsByOrdinal(index)
    const marks = new Uint8Array(this.docs.length)
    for (let ordinal = 0; ordinal < matching.length; ordinal++) {
      if (!matching[ordinal]) continue
      const position = positions[ordinal] as number
      if (position >= 0) marks[position] = 1
    }
    return marks
  }

  /** For each ordinal of the text index, the position of its document in this view, or -1. */
  private positionsByOrdinal(index: TextIndex): Int32Array {
    if (this.ordinalPositions && this.ordinalPositions.length === index.size) {
      return this.ordinalPositions
    }
    const positions = new Int32Array(index.size)
    for (let ordinal = 0; ordinal < index.size; ordinal++) {
      const id = viewId(index.idAt(ordinal), this.textSource.kind)
      positions[ordinal] = (id === undefined ? undefined : this.position.get(id)) ?? -1
    }
    this.ordinalPositions = positions
    return positions
  }

  /** Whether no document carries a number in `_score` (where `score()` starts counting). */
  get scoreFree(): boolean {
    this.noScores ??= this.docs.every((doc) => typeof doc._score !== 'number')
    return this.noScores
  }

  /** Marks the documents `references(ids)` can be true for. */
  referenceCandidates(ids: Iterable<string>): Uint8Array {
    this.referenceIndex ??= new ReferenceIndex(this.docs)
    return this.referenceIndex.candidates(ids, this.docs.length)
  }

  /** Every string value in the document outside system (`_`-prefixed) keys. */
  textOf(id: string): string[] {
    let text = this.texts.get(id)
    if (!text) {
      text = []
      const doc = this.get(id)
      if (doc) collectStrings(doc, text)
      this.texts.set(id, text)
    }
    return text
  }

  /** Token numbers of this view (`tokenId`), for scored reads. */
  private tokenNumbers = new Map<string, number>()
  private tokenList: string[] = []
  private tokenIds = new Map<string, Int32Array>()

  /** The number of a `match` token in this view, assigned on first sight. */
  tokenId(token: string): number {
    let id = this.tokenNumbers.get(token)
    if (id === undefined) {
      id = this.tokenList.length
      this.tokenList.push(token)
      this.tokenNumbers.set(token, id)
    }
    return id
  }

  /** The token numbered `id`. */
  tokenAt(id: number): string {
    return this.tokenList[id] as string
  }

  private pathTokenIds = new Map<string, Map<string, Int32Array>>()

  /** The `match` tokens of the string at `path` (dotted) in document `id`, as token numbers. */
  pathTokenIdsOf(id: string, path: string, text: string): Int32Array {
    let byId = this.pathTokenIds.get(path)
    if (!byId) {
      byId = new Map()
      this.pathTokenIds.set(path, byId)
    }
    let ids = byId.get(id)
    if (!ids) {
      ids = Int32Array.from(matchTokens(text), (token) => this.tokenId(token))
      byId.set(id, ids)
    }
    return ids
  }

  private dateTimes = new Map<string, Map<string, number | undefined>>()

  /** `dateTimeKey(value)` for the value at `path` of document `id`, computed once. */
  dateTimeKeyOf(id: string, path: string, value: unknown): number | undefined {
    let byId = this.dateTimes.get(path)
    if (!byId) {
      byId = new Map()
      this.dateTimes.set(path, byId)
    }
    if (byId.has(id)) return byId.get(id)
    const key = dateTimeKey(value)
    byId.set(id, key)
    return key
  }

  private tokenized = 0

  /**
   * Tokenizes the text of the view's documents now rather than in a search, until `deadline`
   * (a `performance.now()` time; by default all of them). True once every document is done.
   */
  tokenize(deadline = Infinity): boolean {
    while (this.tokenized < this.docs.length) {
      const doc = this.docs[this.tokenized] as LakeDocument
      this.tokenIdsOf(doc._id)
      // What the Studio's searches match besides the whole text: the id and the title.
      this.pathTokenIdsOf(doc._id, '_id', doc._id)
      if (typeof doc.title === 'string') this.pathTokenIdsOf(doc._id, 'title', doc.title)
      this.tokenized++
      if (this.tokenized % 256 === 0 && performance.now() > deadline) break
    }
    return this.tokenized >= this.docs.length
  }

  /** `tokensOf(id)` as token numbers. */
  tokenIdsOf(id: string): Int32Array {
    let ids = this.tokenIds.get(id)
    if (!ids) {
      ids = Int32Array.from(this.tokensOf(id), (token) => this.tokenId(token))
      this.tokenIds.set(id, ids)
    }
    return ids
  }

  /** `textOf(id)` as `match` tokens, tokenized once. */
  tokensOf(id: string): string[] {
    let tokens = this.tokens.get(id)
    if (!tokens) {
      tokens = this.textOf(id).flatMap(matchTokens)
      this.tokens.set(id, tokens)
    }
    return tokens
  }

  /** groq-js' `dereference` hook: plain references plus the planner's index markers. */
  readonly dereference = ({_ref}: {_ref: string}): unknown => {
    if (_ref.startsWith(EQ_MARKER)) {
      const rest = _ref.slice(EQ_MARKER.length)
      const split = rest.indexOf(SEP)
      return this.byPath(rest.slice(0, split), rest.slice(split + 1))
    }
    if (_ref.startsWith(TEXT_MARKER)) return this.textOf(_ref.slice(TEXT_MARKER.length))
    if (_ref.startsWith(TOKENS_MARKER)) return this.tokensOf(_ref.slice(TOKENS_MARKER.length))
    return this.get(_ref) ?? null
  }
}

/** The ids `sanity::versionOf` is true for a document of: groq-js' rule, read backwards. */
function versionBases(id: string): string[] {
  const parts = id.split('.')
  if (parts[0] === 'drafts' && parts.length >= 2) return [id, parts.slice(1).join('.')]
  if (parts[0] === 'versions' && parts.length >= 3) return [id, parts.slice(2).join('.')]
  return [id]
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value)
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into)
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value))
      if (!key.startsWith('_')) collectStrings(item, into)
  }
}
