/** Module boundaries, checked by `npm run lint:deps` (dependency-cruiser). */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules depend on each other in one direction only (TypeORM relations between entities excepted).',
      from: { pathNot: '[.]entity[.]ts$' },
      to: { circular: true },
    },
    {
      name: 'channels-know-no-callers',
      severity: 'error',
      comment: 'Delivery channels know nothing of handoffs, delivery, conversations, tenants or the queue: they deliver what they are given.',
      from: { path: '^src/channels/' },
      to: { path: '^src/(handoff|delivery|conversations|tenants|rate-limit|metrics|inbound)/' },
    },
    {
      name: 'delivery-knows-only-the-handoff-entity',
      severity: 'error',
      comment: 'The handoff module asks delivery to schedule; delivery reads a handoff row to build its payload, and nothing else of the handoff module.',
      from: { path: '^src/delivery/' },
      to: { path: '^src/handoff/', pathNot: '^src/handoff/entities/' },
    },
    {
      name: 'inbound-addresses-stand-alone',
      severity: 'error',
      comment: 'The channels API (delivery) shows inbound addresses; what answers at them (handoffs, delivery) is the inbound module proper, which the addresses never use.',
      from: { path: '^src/inbound/(inbound-addresses[.]|entities/inbound-address[.])' },
      to: { path: '^src/(handoff|delivery|conversations)/|^src/inbound/(?!inbound-addresses[.]|entities/inbound-address[.])' },
    },
    {
      name: 'controllers-stay-in-their-module',
      severity: 'error',
      comment: 'A controller is used by its own module file only.',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/.*[.]controller[.]ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'queue-is-infrastructure',
      severity: 'error',
      comment: 'The delivery queue carries ids; it knows no domain code.',
      from: { path: '^src/delivery/queue/' },
      to: { path: '^src/(handoff|conversations|tenants|channels)/|^src/delivery/(?!queue/)' },
    },
    {
      name: 'browser-code-stays-in-the-browser',
      severity: 'error',
      comment: 'The console and the widget share no code with the server; they know the API only through HTTP (the console through its generated client).',
      from: { path: '^(console|widget)/' },
      to: { path: '^(src|test|bench)/' },
    },
    {
      name: 'server-knows-no-browser-code',
      severity: 'error',
      comment: 'The server serves the built console and widget as files; it never imports their source.',
      from: { path: '^src/' },
      to: { path: '^(console|widget)/' },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      comment: 'Test helpers and fixtures are for specs only.',
      from: { path: '^src/', pathNot: '[.]spec[.]ts$|/testing/' },
      to: { path: '^test/|/testing/|/__fixtures__/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|node_modules)/' },
  },
};
