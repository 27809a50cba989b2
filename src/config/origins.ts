import { ConfigError } from './errors.js';

/**
 * CORS_ORIGINS: comma-separated origins, trailing slash dropped. Unset: any origin outside
 * production (front-end dev servers on other ports), none in production, where `*` is refused.
 */
export function parseOrigins(raw: string | undefined, production: boolean): string[] {
  if (raw === undefined || raw.trim() === '') return production ? [] : ['*'];
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') {
      if (production) throw new ConfigError('CORS_ORIGINS=* is not allowed in production: list the origins, e.g. https://shop.example.com');
      continue;
    }
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(`CORS_ORIGINS: "${origin}" is not an origin (expected e.g. https://shop.example.com)`);
    }
    if (url.origin !== origin.replace(/\/$/, '')) throw new ConfigError(`CORS_ORIGINS: "${origin}" is not an origin: give scheme, host and port only, e.g. ${url.origin}`);
  }
  return origins.map((o) => o.replace(/\/$/, ''));
}
