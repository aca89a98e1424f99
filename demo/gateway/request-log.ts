import { AsyncLocalStorage } from 'node:async_hooks'

/** Which Lambda handler a request was given to. */
export type HandlerKind = 'middy' | 'preflightHandler' | 'none'

/** A refusal the library reported through its `logger` option. */
export interface RefusalNote {
  reason: string
  origin: string
  /** The whole record, as JSON, for people reading the demo page. */
  record: string
}

/** Everything the server side knows about one request, for the page and the suite. */
export interface SeenRequest {
  seq: number
  /** The `tag` query parameter scenarios add so their requests can be told apart. */
  tag: string | null
  mount: string
  handler: HandlerKind
  method: string
  path: string
  origin: string | null
  requestHeaders: Array<[string, string]>
  /** True when a business route ran, i.e. the request got past the CORS layer. */
  businessRan: boolean
  /** What the business route saw (route, cookie, authorization...). */
  businessSaw: Record<string, string>
  refusals: RefusalNote[]
  status: number
  responseHeaders: Array<[string, string]>
  /** Why the front answered 502, when it did. */
  gatewayError: string | null
}

/** Facts gathered while one Lambda invocation runs. */
export interface InvocationFacts {
  businessRan: boolean
  businessSaw: Record<string, string>
  refusals: RefusalNote[]
}

const invocationStore = new AsyncLocalStorage<InvocationFacts>()

/**
 * Runs a Lambda invocation with a fresh fact sheet. The business routes and the
 * CORS logger write to it through AsyncLocalStorage, because neither can see
 * the HTTP request the front is handling.
 */
export async function observeInvocation<T>(run: () => Promise<T>): Promise<{ outcome: PromiseSettledResult<T>; facts: InvocationFacts }> {
  const facts: InvocationFacts = { businessRan: false, businessSaw: {}, refusals: [] }
  const outcome = await invocationStore.run(facts, async (): Promise<PromiseSettledResult<T>> => {
    try {
      return { status: 'fulfilled', value: await run() }
    } catch (reason) {
      return { status: 'rejected', reason }
    }
  })
  return { outcome, facts }
}

/** Called by business routes: the request reached the business code. */
export function noteBusinessRun(saw: Record<string, string>): void {
  const facts = invocationStore.getStore()
  if (!facts) return
  facts.businessRan = true
  Object.assign(facts.businessSaw, saw)
}

/** Called by the CORS policy's logger. */
export function noteRefusal(note: RefusalNote): void {
  invocationStore.getStore()?.refusals.push(note)
}

/** The list of requests the API front has answered, newest last. */
export class RequestLog {
  readonly #entries: SeenRequest[] = []
  readonly #listeners = new Set<(entry: SeenRequest) => void>()
  #nextSeq = 1

  record(entry: Omit<SeenRequest, 'seq'>): SeenRequest {
    const seen = { ...entry, seq: this.#nextSeq++ }
    this.#entries.push(seen)
    for (const listener of this.#listeners) listener(seen)
    return seen
  }

  all(): readonly SeenRequest[] {
    return this.#entries
  }

  withTag(tag: string): SeenRequest[] {
    return this.#entries.filter((entry) => entry.tag === tag)
  }

  onRecord(listener: (entry: SeenRequest) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
