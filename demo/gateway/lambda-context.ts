import type { Context } from 'aws-lambda'

/** API Gateway gives up on an integration after 29 seconds. */
const integrationTimeoutMillis = 29_000

/** A Lambda context like the runtime's, with a real deadline for middy's timeout handling. */
export function lambdaContext(functionName: string, awsRequestId: string, now = Date.now()): Context {
  const deadline = now + integrationTimeoutMillis
  const unsupported = (): never => {
    throw new Error('callback-style completion is not supported; return a promise')
  }
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `demo/[$LATEST]${awsRequestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  }
}
