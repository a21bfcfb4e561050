/**
 * Files dropped on the window. Only the preload can learn a dropped file's path
 * (`webUtils.getPathForFile`); it sends the paths to main on their own IPC message and gives the page
 * nothing. Main checks the sender and every path, registers file tokens and tells the page through
 * the `files:dropped` event: `{ files: [{ token, name, size }], rejected }`.
 *
 * Only trusted (user-made) drop events count, and a File a script built itself has no path, so a
 * page cannot make main register a path of its choosing.
 */
import { DROP_CHANNEL } from '../main/ipc-channels';

export interface DropEventLike {
  isTrusted?: boolean;
  dataTransfer?: {
    types?: ArrayLike<string> | null;
    files?: ArrayLike<unknown> | null;
  } | null;
  preventDefault(): void;
}

export interface DropTarget {
  addEventListener(type: string, listener: (event: DropEventLike) => void, capture?: boolean): void;
}

export interface WebUtilsLike {
  getPathForFile(file: never): string;
}

export interface IpcSendLike {
  send(channel: string, ...args: unknown[]): void;
}

/** At most this many paths go to main per drop; main refuses more than 20 anyway. */
const MAX_PATHS = 100;

function carriesFiles(event: DropEventLike): boolean {
  const types = event.dataTransfer?.types;
  return !!types && Array.from(types).includes('Files');
}

/** The disk paths of a trusted drop's files; files without one (made by a script) are skipped. */
export function pathsFromDrop(event: DropEventLike, webUtils: WebUtilsLike): string[] {
  if (event.isTrusted !== true) return [];
  const files = event.dataTransfer?.files;
  if (!files) return [];
  const paths: string[] = [];
  for (let i = 0; i < files.length && paths.length < MAX_PATHS; i += 1) {
    try {
      const path = webUtils.getPathForFile(files[i] as never);
      if (typeof path === 'string' && path !== '') paths.push(path);
    } catch {
      // Not a File: nothing to send.
    }
  }
  return paths;
}

export function installDropBridge(target: DropTarget, webUtils: WebUtilsLike, ipc: IpcSendLike): void {
  // Capture phase, without stopping propagation: the page's own drop zone still sees the event.
  // Allowing the drop (preventDefault on dragover) is what lets files be dropped anywhere.
  target.addEventListener(
    'dragover',
    (event) => {
      if (carriesFiles(event)) event.preventDefault();
    },
    true,
  );
  target.addEventListener(
    'drop',
    (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      const paths = pathsFromDrop(event, webUtils);
      if (paths.length > 0) ipc.send(DROP_CHANNEL, paths);
    },
    true,
  );
}
