/**
 * A stand-in for the `awslambda` global that the Lambda Node runtime gives a
 * function in response-streaming mode, as middy's streaming modes use it:
 * `streamifyResponse(handler)` turns a `(event, responseStream, context)`
 * handler into one the runtime calls, and `HttpResponseStream.from(stream,
 * prelude)` writes the prelude (status, headers, cookies) as JSON followed by
 * eight NUL bytes before the body, as the runtime does for a Function URL.
 *
 * Here the wrapped handler resolves to what the client would receive: the
 * bytes are collected and split at the delimiter.
 */
import { Writable } from 'node:stream'

const DELIMITER = Buffer.alloc(8)

/** What the client receives: the prelude (if the handler sent one) and the body. */
export interface Streamed {
  prelude: { statusCode?: number; headers?: Record<string, string>; cookies?: string[] } | undefined
  body: string
}

type StreamingHandler = (event: unknown, stream: Writable, context: unknown) => Promise<void>

const preluded = new WeakSet<Writable>()

const runtime = {
  streamifyResponse(handler: StreamingHandler) {
    return async (event: unknown, context: unknown): Promise<Streamed> => {
      const chunks: Buffer[] = []
      const sink = new Writable({
        write(chunk: Buffer | string, _encoding, done) {
          chunks.push(Buffer.from(chunk))
          done()
        },
      })
      await handler(event, sink, context)
      const bytes = Buffer.concat(chunks)
      if (!preluded.has(sink)) return { prelude: undefined, body: bytes.toString('utf8') }
      const end = bytes.indexOf(DELIMITER)
      return { prelude: JSON.parse(bytes.subarray(0, end).toString('utf8')) as Streamed['prelude'], body: bytes.subarray(end + DELIMITER.length).toString('utf8') }
    }
  },
  HttpResponseStream: {
    from(stream: Writable, prelude: unknown): Writable {
      preluded.add(stream)
      stream.write(JSON.stringify(prelude))
      stream.write(DELIMITER)
      return stream
    },
  },
}

/** Installs the stand-in as `globalThis.awslambda`; returns the function that removes it. */
export function installStreamingRuntime(): () => void {
  const global = globalThis as { awslambda?: unknown }
  global.awslambda = runtime
  return () => {
    delete global.awslambda
  }
}
