/**
 * Binds the contract to one WebSocket: each frame is parsed and validated before it reaches core,
 * every reply is a Result, and a malformed frame gets a clear error instead of closing or crashing.
 */
import type { WebSocket } from 'ws';
import type { Dispatch } from '../shared/rpc';
import { RequestFrame } from '../shared/wire';
import type { ReplyFrame } from '../shared/wire';
import { describeIssues } from '../shared/errors';

function reply(ws: WebSocket, frame: ReplyFrame): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

function malformed(ws: WebSocket, id: number, message: string, details?: string[]): void {
  reply(ws, {
    type: 'reply',
    id,
    result: { ok: false, error: { code: 'invalid_input', message, ...(details ? { details } : {}) } },
  });
}

export function bindSocket(ws: WebSocket, dispatch: Dispatch): void {
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      malformed(ws, -1, 'Binary frames are not accepted: send JSON text.');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(String(data));
    } catch {
      malformed(ws, -1, 'Frame is not valid JSON.');
      return;
    }
    const frame = RequestFrame.safeParse(raw);
    if (!frame.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      const issues = describeIssues(frame.error, 'frame');
      malformed(
        ws,
        Number.isInteger(id) && id >= 0 ? id : -1,
        `Malformed request frame: ${issues.join('; ')}`,
        issues,
      );
      return;
    }
    const { id, channel, input } = frame.data;
    void dispatch(channel, input).then((result) => reply(ws, { type: 'reply', id, result }));
  });
}
