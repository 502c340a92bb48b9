// The control stage: the service's Unix socket, its line protocol and the client the CLI uses.
export * from './control-handler.js';
export * from './control-protocol.js';
export * from './control-server.js';
export * from './control-client.js';
export { canonicalAddress } from './canonical-address.js';
export { parseControlRequest, type ParsedRequest, type RequestRefusal } from './parse-control-request.js';
