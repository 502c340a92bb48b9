// Runs a synchronous store operation as the contract's promise: a throw becomes a rejection, so
// callers see one failure path whether the store is synchronous inside or not.

export function asPromise<T>(body: () => T): Promise<T> {
  return new Promise<T>((resolve) => {
    resolve(body());
  });
}
