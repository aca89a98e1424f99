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
 * A self-signed certificate for 127.0.0.1 (and localhost), made fresh for
 * each run and never written into the repository. The CLI tests use it to
 * show that `lambda-cors check` refuses a self-signed certificate unless told
 * otherwise; the names are there so the certificate is not misleading when
 * inspected.
 */
export function makeThrowawayCertificate(): ThrowawayCertificate {
  if (!existsSync(openssl)) throw new Error(`${openssl} is missing; install it with: apt-get install -y openssl`)
  const dir = mkdtempSync(join(tmpdir(), 'lambda-cors-test-cert-'))
  try {
    const keyPath = join(dir, 'key.pem')
    const certPath = join(dir, 'cert.pem')
    execFileSync(
      openssl,
      [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '1',
        '-keyout', keyPath, '-out', certPath,
        '-subj', '/CN=127.0.0.1',
        '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'pipe' },
    )
    return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
