import { randomBytes, randomUUID } from 'node:crypto'

/** Identifiers API Gateway stamps on every request it forwards to Lambda. */
export interface InvocationIds {
  requestId: string
  extendedRequestId: string
  traceId: string
  epochMillis: number
}

export function newInvocationIds(now = Date.now()): InvocationIds {
  return {
    requestId: randomUUID(),
    extendedRequestId: randomBytes(8).toString('base64url').slice(0, 11) + '=',
    traceId: `Root=1-${Math.floor(now / 1000).toString(16)}-${randomBytes(12).toString('hex')}`,
    epochMillis: now,
  }
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The CLF-like timestamp API Gateway uses: `21/Nov/2026:09:47:00 +0000`. */
export function gatewayTime(epochMillis: number): string {
  const date = new Date(epochMillis)
  const pad = (value: number): string => String(value).padStart(2, '0')
  return (
    `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  )
}
