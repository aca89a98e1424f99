import type { CorsOptions, CorsRefusal } from '../../src/index.js'
import { noteRefusal } from '../gateway/request-log.js'

/** Hands each refusal to the request log, so the page and the suite can say why. */
function logRefusal(refusal: CorsRefusal): void {
  noteRefusal({ reason: refusal.reason, origin: refusal.origin, record: JSON.stringify(refusal) })
}

const shared = {
  // PATCH is left out on purpose: scenario 9 asks for it and must be refused.
  methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
  allowedHeaders: ['Content-Type', 'Authorization', 'X-Custom'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
  logger: logRefusal,
} satisfies Partial<CorsOptions>

/**
 * The policies behind the demo API, one per mount. `credentials` is what an
 * app with a session cookie would use; `no-credentials` is the same without
 * cookies, and it lists the apex domain so scenario 3 can show "only when listed".
 */
export const demoPolicies = {
  credentials: {
    ...shared,
    origins: ['https://app.example.test', 'https://*.example.test', 'http://localhost:*'],
    credentials: true,
  },
  'no-credentials': {
    ...shared,
    origins: ['https://example.test', 'https://*.example.test', 'http://localhost:*'],
    credentials: false,
  },
} satisfies Record<string, CorsOptions>

export type PolicyName = keyof typeof demoPolicies
export const policyNames = Object.keys(demoPolicies) as PolicyName[]
