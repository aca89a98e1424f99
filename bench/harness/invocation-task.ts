import type { APIGatewayProxyEvent, Context } from 'aws-lambda'
import type { HttpHandler } from '../stacks.js'
import type { TimedTask } from './interleave.js'

/**
 * A task that invokes a handler with fresh events, cycling through
 * `templates`.
 *
 * Fresh, because in Lambda every invocation gets a new event object, parsed
 * by the runtime from JSON. Reusing one object would let a middleware that
 * remembers work per event object (a WeakMap keyed on the event) look faster
 * than it can be in production. The events for a sample are parsed before
 * the sample's clock starts.
 */
export function invocationTask(
  id: string,
  handler: HttpHandler,
  templates: readonly APIGatewayProxyEvent[],
  context: Context,
  batch: number,
): TimedTask {
  if (templates.length === 0) throw new Error(`${id}: no events`)
  const payloads = templates.map((event) => JSON.stringify(event))
  const ready: APIGatewayProxyEvent[] = []
  let next = 0
  return {
    id,
    batch,
    kind: 'async',
    prepare: () => {
      ready.length = 0
      for (let i = 0; i < batch; i++) ready.push(JSON.parse(payloads[next++ % payloads.length]!) as APIGatewayProxyEvent)
    },
    run: () => handler(ready.pop()!, context),
  }
}
