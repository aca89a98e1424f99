/**
 * What both bundling deployables do with their handler: send it a REST GET
 * from each origin and collect Access-Control-Allow-Origin, and catch the
 * configuration error a bad allowlist throws. Imports nothing, so a bundle
 * carries only what the deployable itself imports.
 */
type Handler = (event: never, context: never) => Promise<unknown>

const event = (origin: string) => ({
  httpMethod: 'GET',
  path: '/',
  headers: { Origin: origin },
  multiValueHeaders: { Origin: [origin] },
  requestContext: {},
})

/** Access-Control-Allow-Origin of the handler's answer to a GET from each origin (null when absent). */
export async function allowOriginAnswers(handler: Handler, origins: readonly string[]): Promise<Record<string, string | null>> {
  const answers: Record<string, string | null> = {}
  for (const origin of origins) {
    const response = (await handler(event(origin) as never, {} as never)) as { headers: Record<string, string> }
    answers[origin] = response.headers['Access-Control-Allow-Origin'] ?? null
  }
  return answers
}

/** The message of the error `configure` throws when it is `errorClass`, or '' when it throws none. */
export function refusalOf(configure: () => unknown, errorClass: new (...args: never[]) => Error): string {
  try {
    configure()
  } catch (error) {
    if (error instanceof errorClass) return error.message
  }
  return ''
}
