// The observability stage: metric declarations, the metrics address and the /metrics endpoint.
export * from './metric-labels.js';
export * from './metric-buckets.js';
export * from './metrics.js';
export * from './metrics-address.js';
export * from './metrics-server.js';
