// Clients only lazily loaded pages use, apart from the main entry: every module that entry reaches ends
// up in the console's initial bundle, while these stay in the lazy chunks of the pages that use them.
export * from './lib/api/audit-api';
export * from './lib/api/batches-api';
export * from './lib/api/webhooks-api';
