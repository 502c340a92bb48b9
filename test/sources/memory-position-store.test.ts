// MemoryPositionStore passes the PositionStore contract.
import { MemoryPositionStore } from '../../src/sources/memory-position-store.js';
import { runPositionStoreContract } from './log-source-contract.js';

runPositionStoreContract({
  name: 'MemoryPositionStore',
  create: () => Promise.resolve(new MemoryPositionStore()),
});
