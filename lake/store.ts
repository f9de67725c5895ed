/**
 * The durable document store on Node's built-in `node:sqlite`. Every document lives in memory
 * (one map per dataset, loaded once at start) and in SQLite; a commit is one SQLite transaction
 * in WAL mode with `synchronous=FULL`, so when `commit` returns the transaction is fsync'd.
 *
 * Tables `documents` and `meta('seq')` are a contract with the query workers, which open the
 * file read-only and load a snapshot in one read transaction. `transactions` and
 * `document_transactions` keep each change's before/after for the history endpoints.
 */
import {randomBytes} from 'node:crypto'
import {chmodSync, closeSync, mkdirSync, openSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {DatabaseSync, type StatementSync} from 'node:sqlite'
import {LakeError} from './http.ts'
import {applyMutations, normalizeMutations} from './mutations.ts'
import type {
  CommitOptions,
  CommittedTransaction,
  DocumentChange,
  LakeDocument,
  Mutation,
  Store,
} from './types.ts'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  dataset TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (dataset, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS datasets (name TEXT PRIMARY KEY, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS transactions (
  seq INTEGER PRIMARY KEY, dataset TEXT NOT NULL, transaction_id TEXT NOT NULL,
  identity TEXT NOT NULL, timestamp TEXT NOT NULL, changes TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS transactions_by_id ON transactions (dataset, transaction_id);
CREATE TABLE IF NOT EXISTS document_transactions (
  dataset TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (dataset, id, seq)
) WITHOUT ROWID;
INSERT OR IGNORE INTO meta (key, value) VALUES ('seq', '0');
`

const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/

/** Sanity-style transaction ids: 22 random base62-ish characters. */
export function newTransactionId(): string {
  return randomBytes(16).toString('base64url').replace(/[-_]/g, 'x').slice(0, 22)
}

/**
 * The lake's one answer for a dataset that does not exist: a 404 in the shape Sanity's data API
 * uses, `{statusCode: 404, error: 'Not Found', message}`. The HTTP routes name the project too.
 */
export function datasetNotFound(dataset: string, projectId?: string): LakeError {
  const project = projectId === undefined ? '' : ` for project ID "${projectId}"`
  return LakeError.plain(404, 'Not Found', `Dataset "${dataset}" not found${project}`)
}

/** Options for `openStore`. */
export interface StoreOptions {
  /** Directory holding `lake.sqlite`; created if missing. */
  dataDir: string
}

/**
 * Open (or create) the store in `dataDir` and load every document into memory. The directory is
 * created for its owner only (0700) and the database readable by its owner only (0600): it holds
 * drafts and voter records. SQLite gives its WAL and shared-memory files the database's mode.
 */
export function openStore({dataDir}: StoreOptions): Store {
  mkdirSync(dataDir, {recursive: true, mode: 0o700})
  const dbPath = join(dataDir, 'lake.sqlite')
  closeSync(openSync(dbPath, 'a', 0o600))
  // A database created by an older lake (0644) is closed to others too.
  if ((statSync(dbPath).mode & 0o077) !== 0) chmodSync(dbPath, 0o600)
  return new SqliteStore(dbPath)
}

class SqliteStore implements Store {
  readonly dbPath: string
  #seq: number
  readonly #db: DatabaseSync
  readonly #docs = new Map<string, Map<string, LakeDocument>>()
  readonly #listeners = new Set<(tx: CommittedTransaction) => void>()
  readonly #upsert: StatementSync
  readonly #remove: StatementSync
  readonly #insertTx: StatementSync
  readonly #insertDocTx: StatementSync
  readonly #setSeq: StatementSync
  readonly #txExists: StatementSync
  readonly #lastTimestamp: {value: string}

  constructor(dbPath: string) {
    this.dbPath = dbPath
    this.#db = new DatabaseSync(dbPath)
    this.#db.exec('PRAGMA journal_mode = WAL')
    // FULL: the WAL is fsync'd at every commit, so acknowledged transactions survive kill -9
    // and power loss, not only process crashes.
    this.#db.exec('PRAGMA synchronous = FULL')
    this.#db.exec('PRAGMA busy_timeout = 5000')
    this.#db.exec(SCHEMA)
    this.#upsert = this.#db.prepare(
      'INSERT INTO documents (dataset, id, doc) VALUES (?, ?, ?) ON CONFLICT (dataset, id) DO UPDATE SET doc = excluded.doc',
    )
    this.#remove = this.#db.prepare('DELETE FROM documents WHERE dataset = ? AND id = ?')
    this.#insertTx = this.#db.prepare(
      'INSERT INTO transactions (seq, dataset, transaction_id, identity, timestamp, changes) VALUES (?, ?, ?, ?, ?, ?)',
    )
    this.#insertDocTx = this.#db.prepare(
      'INSERT OR IGNORE INTO document_transactions (dataset, id, seq) VALUES (?, ?, ?)',
    )
    this.#setSeq = this.#db.prepare("UPDATE meta SET value = ? WHERE key = 'seq'")
    this.#txExists = this.#db.prepare(
      'SELECT 1 AS found FROM transactions WHERE dataset = ? AND transaction_id = ? LIMIT 1',
    )

    const seqRow = this.#db.prepare("SELECT value FROM meta WHERE key = 'seq'").get() as {
      value: string
    }
    this.#seq = Number(seqRow.value)
    const lastTx = this.#db.prepare('SELECT max(timestamp) AS t FROM transactions').get() as {
      t: string | null
    }
    this.#lastTimestamp = {value: lastTx.t ?? ''}
    for (const row of this.#db.prepare('SELECT name FROM datasets').all() as Array<{
      name: string
    }>) {
      this.#docs.set(row.name, new Map())
    }
    const rows = this.#db.prepare('SELECT dataset, id, doc FROM documents').all() as Array<{
      dataset: string
      id: string
      doc: string
    }>
    for (const row of rows) {
      let map = this.#docs.get(row.dataset)
      if (!map) this.#docs.set(row.dataset, (map = new Map()))
      map.set(row.id, JSON.parse(row.doc) as LakeDocument)
    }
  }

  get seq(): number {
    return this.#seq
  }

  datasets(): string[] {
    return [...this.#docs.keys()].sort()
  }

  hasDataset(name: string): boolean {
    return this.#docs.has(name)
  }

  createDataset(name: string): void {
    if (this.#docs.has(name)) return
    if (!DATASET_NAME.test(name)) {
      // Worded as the plugin's `datasetNameProblem`; the lake imports nothing of the plugin.
      throw LakeError.sanity(
        400,
        'validationError',
        `"${name}" is not a dataset name: use a-z, 0-9, "_" and "-", at most 64 characters, starting with a letter or digit`,
      )
    }
    this.#db
      .prepare('INSERT OR IGNORE INTO datasets (name, created_at) VALUES (?, ?)')
      .run(name, new Date().toISOString())
    this.#docs.set(name, new Map())
  }

  getDocument(dataset: string, id: string): LakeDocument | undefined {
    return this.#dataset(dataset).get(id)
  }

  documents(dataset: string): ReadonlyMap<string, LakeDocument> {
    return this.#dataset(dataset)
  }

  commit(dataset: string, mutations: Mutation[], options: CommitOptions): CommittedTransaction {
    const docs = this.#dataset(dataset)
    // A revision must name one transaction, or history lookups by `_rev` become ambiguous.
    if (options.transactionId && this.#txExists.get(dataset, options.transactionId)) {
      throw LakeError.sanity(
        409,
        'conflictError',
        `Transaction ID "${options.transactionId}" has already been used`,
      )
    }
    const transactionId = options.transactionId || newTransactionId()
    const timestamp = this.#nextTimestamp()
    const normalized = normalizeMutations(mutations)
    const {changes} = applyMutations((id) => docs.get(id), normalized, {transactionId, timestamp})
    const seq = this.#seq + 1
    const tx: CommittedTransaction = {
      seq,
      dataset,
      transactionId,
      identity: options.identity,
      timestamp,
      changes,
    }

    this.#db.exec('BEGIN IMMEDIATE')
    try {
      for (const change of changes) {
        if (change.after) this.#upsert.run(dataset, change.id, JSON.stringify(change.after))
        else this.#remove.run(dataset, change.id)
        this.#insertDocTx.run(dataset, change.id, seq)
      }
      this.#insertTx.run(
        seq,
        dataset,
        transactionId,
        options.identity,
        timestamp,
        JSON.stringify(changes),
      )
      this.#setSeq.run(String(seq))
      this.#db.exec('COMMIT')
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK')
      throw error
    }

    // Only now, with the transaction on disk, does it become visible.
    this.#seq = seq
    for (const change of changes) {
      if (change.after) docs.set(change.id, change.after)
      else docs.delete(change.id)
    }
    for (const listener of this.#listeners) {
      try {
        listener(tx)
      } catch (error) {
        console.error('lake: commit listener failed', error)
      }
    }
    return tx
  }

  onCommit(listener: (tx: CommittedTransaction) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  transactionsFor(
    dataset: string,
    ids: string[],
    options: {fromTime?: string; toTime?: string; limit?: number; reverse?: boolean} = {},
  ): CommittedTransaction[] {
    this.#dataset(dataset)
    if (ids.length === 0) return []
    const where = [
      't.dataset = ?',
      `t.seq IN (SELECT seq FROM document_transactions WHERE dataset = ? AND id IN (${ids.map(() => '?').join(', ')}))`,
    ]
    const args: Array<string | number> = [dataset, dataset, ...ids]
    if (options.fromTime) {
      where.push('t.timestamp >= ?')
      args.push(options.fromTime)
    }
    if (options.toTime) {
      where.push('t.timestamp <= ?')
      args.push(options.toTime)
    }
    let sql = `SELECT * FROM transactions t WHERE ${where.join(' AND ')} ORDER BY t.seq ${options.reverse ? 'DESC' : 'ASC'}`
    if (options.limit !== undefined) {
      sql += ' LIMIT ?'
      args.push(options.limit)
    }
    return (this.#db.prepare(sql).all(...args) as unknown as TransactionRow[]).map(toTransaction)
  }

  documentAt(dataset: string, id: string, at: {rev?: string; time?: string}): LakeDocument | null {
    this.#dataset(dataset)
    let row: TransactionRow | undefined
    if (at.rev !== undefined) {
      row = this.#db
        .prepare(
          `SELECT t.* FROM transactions t JOIN document_transactions d ON d.seq = t.seq
           WHERE d.dataset = ? AND d.id = ? AND t.transaction_id = ? ORDER BY t.seq DESC LIMIT 1`,
        )
        .get(dataset, id, at.rev) as TransactionRow | undefined
    } else if (at.time !== undefined) {
      row = this.#db
        .prepare(
          `SELECT t.* FROM transactions t JOIN document_transactions d ON d.seq = t.seq
           WHERE d.dataset = ? AND d.id = ? AND t.timestamp <= ? ORDER BY t.seq DESC LIMIT 1`,
        )
        .get(dataset, id, at.time) as TransactionRow | undefined
    } else {
      return this.getDocument(dataset, id) ?? null
    }
    if (!row) return null
    const change = (JSON.parse(row.changes) as DocumentChange[]).find((c) => c.id === id)
    return change?.after ?? null
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close()
    this.#listeners.clear()
  }

  #dataset(name: string): Map<string, LakeDocument> {
    const docs = this.#docs.get(name)
    if (!docs) throw datasetNotFound(name)
    return docs
  }

  /** Wall-clock ISO time, nudged forward so transaction timestamps never go backwards. */
  #nextTimestamp(): string {
    let now = new Date()
    const last = this.#lastTimestamp.value
    if (last && now.toISOString() <= last) now = new Date(Date.parse(last) + 1)
    const iso = now.toISOString()
    this.#lastTimestamp.value = iso
    return iso
  }
}

interface TransactionRow {
  seq: number
  dataset: string
  transaction_id: string
  identity: string
  timestamp: string
  changes: string
}

function toTransaction(row: TransactionRow): CommittedTransaction {
  return {
    seq: row.seq,
    dataset: row.dataset,
    transactionId: row.transaction_id,
    identity: row.identity,
    timestamp: row.timestamp,
    changes: JSON.parse(row.changes) as DocumentChange[],
  }
}
