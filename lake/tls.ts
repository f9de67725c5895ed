/**
 * The lake's TLS certificate. Browsers only multiplex the Studio's many EventSource streams over
 * HTTP/2, and browsers only speak HTTP/2 over TLS, so the lake needs a certificate they accept:
 * a locally trusted mkcert one when mkcert is installed, else a self-signed one plus a printed
 * one-time trust step. Created once in the data dir and reused.
 */
import {execFileSync} from 'node:child_process'
import {X509Certificate, createHash, randomBytes} from 'node:crypto'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {generate} from 'selfsigned'

export {trustCertificate} from './connection.ts'

/** The certificate the lake serves. */
export interface LakeCertificate {
  certPem: string
  keyPem: string
  /** base64 SHA-256 of the public key (SPKI), for Chromium's `--ignore-certificate-errors-spki-list`. */
  spkiSha256: string
  /** Where it came from; `self-signed` ones need the printed trust step in browsers. */
  source: 'existing' | 'mkcert' | 'self-signed'
  /**
   * What a client must trust to accept the certificate: the certificate itself when self-signed,
   * else its issuing CA (mkcert's root). Also written to `<data>/ca.pem`.
   */
  trustPem: string
}

/** Host names every lake certificate covers, besides any the caller adds. */
export const DEFAULT_HOSTNAMES = ['localhost', '*.localhost', '127.0.0.1', '::1']

/**
 * Return the certificate in `<dataDir>/cert.pem` + `key.pem`, creating it when absent, expired or
 * not covering `hostnames` (e.g. `<projectId>.localhost`).
 */
export async function ensureCertificate(
  dataDir: string,
  options: {hostnames?: string[]} = {},
): Promise<LakeCertificate> {
  const hostnames = [...new Set([...DEFAULT_HOSTNAMES, ...(options.hostnames ?? [])])]
  const certPath = join(dataDir, 'cert.pem')
  const keyPath = join(dataDir, 'key.pem')
  if (existsSync(certPath) && existsSync(keyPath)) {
    const certPem = readFileSync(certPath, 'utf8')
    const keyPem = readFileSync(keyPath, 'utf8')
    if (covers(certPem, hostnames)) {
      return withTrust(dataDir, {
        certPem,
        keyPem,
        spkiSha256: spkiSha256(certPem),
        source: 'existing',
      })
    }
  }
  if (createWithMkcert(certPath, keyPath, hostnames)) {
    const certPem = readFileSync(certPath, 'utf8')
    const keyPem = readFileSync(keyPath, 'utf8')
    return withTrust(dataDir, {certPem, keyPem, spkiSha256: spkiSha256(certPem), source: 'mkcert'})
  }
  const now = new Date()
  // Browsers reject leaf certificates valid for more than 398 days.
  const notAfter = new Date(now.getTime() + 397 * 24 * 3600 * 1000)
  // A unique subject: a trust store holding two lakes' certificates must not confuse them.
  const commonName = `Newsroom local content lake ${randomBytes(4).toString('hex')}`
  const generated = await generate([{name: 'commonName', value: commonName}], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: notAfter,
    extensions: [
      {name: 'basicConstraints', cA: false},
      {name: 'keyUsage', digitalSignature: true, keyEncipherment: true},
      {name: 'extKeyUsage', serverAuth: true},
      {
        name: 'subjectAltName',
        altNames: hostnames.map((name) =>
          /^[\d.]+$|:/.test(name) ? {type: 7 as const, ip: name} : {type: 2 as const, value: name},
        ),
      },
    ],
  })
  writeFileSync(keyPath, generated.private, {mode: 0o600})
  writeFileSync(certPath, generated.cert)
  return withTrust(dataDir, {
    certPem: generated.cert,
    keyPem: generated.private,
    spkiSha256: spkiSha256(generated.cert),
    source: 'self-signed',
  })
}

/** Add the trust anchor (and write it to `<data>/ca.pem`). */
function withTrust(dataDir: string, cert: Omit<LakeCertificate, 'trustPem'>): LakeCertificate {
  const x509 = new X509Certificate(cert.certPem)
  let trustPem = cert.certPem
  if (!x509.verify(x509.publicKey)) {
    // Not self-signed: trust its issuer, mkcert's local root CA.
    try {
      const caRoot = execFileSync('mkcert', ['-CAROOT'], {encoding: 'utf8'}).trim()
      const rootPem = readFileSync(join(caRoot, 'rootCA.pem'), 'utf8')
      if (x509.checkIssued(new X509Certificate(rootPem))) trustPem = rootPem
    } catch {
      // No mkcert: keep the certificate itself.
    }
  }
  writeFileSync(join(dataDir, 'ca.pem'), trustPem)
  return {...cert, trustPem}
}

/** base64 SHA-256 of the certificate's SubjectPublicKeyInfo. */
export function spkiSha256(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({type: 'spki', format: 'der'})
  return createHash('sha256').update(spki).digest('base64')
}

/** The one-time step that makes browsers trust a self-signed lake certificate. */
export function trustInstructions(certPath: string, pingUrls: string[] = []): string {
  const lines = [
    `The lake serves a self-signed certificate (${certPath}). Browsers need it trusted once:`,
    `  - easiest: install mkcert (apt install mkcert / brew install mkcert), run "mkcert -install",`,
    `    delete ${certPath} and restart the lake: it then uses a locally trusted certificate;`,
    `  - or import ${certPath} as a trusted authority in your browser's certificate settings;`,
  ]
  if (pingUrls.length > 0) {
    // Browsers remember certificate exceptions per host, so every host the Studio calls is listed.
    lines.push(
      `  - or, per browser profile, open ${pingUrls.join(' and ')} once each and accept the warning.`,
    )
  }
  lines.push(`Node clients: NODE_EXTRA_CA_CERTS=${join(dirname(certPath), 'ca.pem')}`)
  return lines.join('\n')
}

function covers(certPem: string, hostnames: string[]): boolean {
  try {
    const cert = new X509Certificate(certPem)
    if (new Date(cert.validTo).getTime() < Date.now() + 24 * 3600 * 1000) return false
    return hostnames.every((name) =>
      name.startsWith('*.')
        ? true
        : /^[\d.]+$|:/.test(name)
          ? cert.checkIP(name) !== undefined
          : cert.checkHost(name) !== undefined,
    )
  } catch {
    return false
  }
}

function createWithMkcert(certPath: string, keyPath: string, hostnames: string[]): boolean {
  try {
    execFileSync('mkcert', ['-cert-file', certPath, '-key-file', keyPath, ...hostnames], {
      stdio: 'ignore',
    })
    return existsSync(certPath) && existsSync(keyPath)
  } catch {
    return false
  }
}
