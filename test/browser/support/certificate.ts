import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const openssl = '/usr/bin/openssl'

export interface ThrowawayCertificate {
  cert: string
  key: string
}

/**
 * A self-signed certificate for *.example.test and friends, made fresh for
 * each run and never written into the repository. Chromium runs with
 * --ignore-certificate-errors, so only its existence matters; the names are
 * there so the certificate is not misleading when inspected.
 */
export function makeThrowawayCertificate(): ThrowawayCertificate {
  if (!existsSync(openssl)) throw new Error(`${openssl} is missing; install it with: apt-get install -y openssl`)
  const dir = mkdtempSync(join(tmpdir(), 'lambda-cors-e2e-cert-'))
  try {
    const keyPath = join(dir, 'key.pem')
    const certPath = join(dir, 'cert.pem')
    execFileSync(
      openssl,
      [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '1',
        '-keyout', keyPath, '-out', certPath,
        '-subj', '/CN=example.test',
        '-addext', 'subjectAltName=DNS:example.test,DNS:*.example.test,DNS:*.b.example.test,DNS:evil.test,DNS:*.evil.test,DNS:evilexample.test',
      ],
      { stdio: 'pipe' },
    )
    return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
