/** The reference's sections, in order; each variable names one. */
export const GROUPS = {
  server: { title: 'Server', intro: 'The process, its port and its logs.' },
  database: { title: 'Database', intro: 'Where the data lives, and how the service talks to it.' },
  scaling: { title: 'Read replicas and the viewer cache', intro: 'PostgreSQL only: reads spread over streaming replicas, and signed-in accounts kept per process.' },
  caching: { title: 'HTTP caching', intro: 'Public GET queries: Cache-Control, ETags and 304s, and the in-process response cache (docs/api.md, HTTP caching).' },
  accounts: { title: 'Accounts and tokens', intro: 'Password hashing and the access tokens a sign-in returns.' },
  graphql: { title: 'GraphQL', intro: 'How operations are run and what a client may see of them.' },
  limits: { title: 'Request limits', intro: 'What one operation may ask for, checked before it runs and while it runs.' },
  live: { title: 'Subscriptions', intro: 'What clients of the live transports (graphql-ws, graphql-sse on /graphql) may hold open (docs/realtime.md).' },
  metrics: { title: 'Metrics', intro: 'Prometheus metrics.' },
} as const;

export type GroupId = keyof typeof GROUPS;
