/**
 * Domains under which strangers can obtain names: public suffixes and the
 * best-known hosting platforms. A wildcard directly under one of them
 * (`https://*.github.io`, `https://*.co.uk`) would allow every tenant of the
 * platform, so it is refused at configuration time.
 *
 * This is a curated subset, not the Public Suffix List: it catches the
 * mistakes people make, it does not prove that a suffix is private.
 */
export const SHARED_SUFFIXES: ReadonlySet<string> = new Set([
  // Multi-label country-code suffixes.
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'com.au', 'net.au', 'org.au', 'co.nz', 'co.jp', 'ne.jp',
  'or.jp', 'com.br', 'com.cn', 'com.mx', 'co.in', 'co.za', 'com.tr', 'com.sg', 'co.kr', 'com.ar',
  // Hosting platforms where anyone can get a subdomain.
  'github.io', 'githubusercontent.com', 'gitlab.io', 'netlify.app', 'netlify.com', 'vercel.app',
  'now.sh', 'herokuapp.com', 'pages.dev', 'workers.dev', 'web.app', 'firebaseapp.com',
  'appspot.com', 'azurewebsites.net', 'azurestaticapps.net', 'cloudfront.net', 'amazonaws.com',
  'elasticbeanstalk.com', 'amplifyapp.com', 'onrender.com', 'fly.dev', 'glitch.me',
  'surge.sh', 'ngrok.io', 'ngrok-free.app', 'blogspot.com', 'wordpress.com', 'on.aws',
])

/** True when a wildcard directly under `suffix` would admit strangers. */
export function isSharedSuffix(suffix: string): boolean {
  if (SHARED_SUFFIXES.has(suffix)) return true
  // Every AWS service domain hands out names to all customers
  // (execute-api, lambda-url, s3, elb, ...).
  return suffix.endsWith('.amazonaws.com') || suffix.endsWith('.on.aws')
}
