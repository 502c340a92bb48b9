// File-system events: one inotify watch (fs.watch) per directory holding followed files, so renames and
// new files are seen as well as writes. Injectable so tests can make watching fail.
import { watch } from 'node:fs';

export interface DirectoryWatch {
  close(): void;
}

/** Watches one directory; `onEvent` gets the name of the entry that changed (undefined when the
 * platform does not say), `onError` is called when the watch breaks. Throws when it cannot start. */
export type WatchDirectory = (
  dir: string,
  onEvent: (name: string | undefined) => void,
  onError: (error: Error) => void,
) => DirectoryWatch;

export const watchDirectory: WatchDirectory = (dir, onEvent, onError) => {
  const watcher = watch(dir, { persistent: true }, (_event, name) => {
    onEvent(name ?? undefined);
  });
  watcher.on('error', onError);
  return watcher;
};
