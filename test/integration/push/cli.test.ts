/**
 * steward edit | new | delete | undo | queue | push, called as src/cli/main.ts calls them, on a core
 * with the demo PIM: edits queue up, the dry run prints exactly the requests, the push sends them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deleteCommand,
  editCommand,
  newCommand,
  parseAssignments,
  undoCommand,
} from '../../../src/cli/commands/edit';
import { pushCommand, queueCommand } from '../../../src/cli/commands/push';
import type { CliIo } from '../../../src/cli/io';
import { startPushHarness } from './harness';
import type { PushHarness } from './harness';

function io(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), env: {}, isTTY: false, stdout, stderr };
}

describe('steward edit, queue and push', () => {
  let h: PushHarness;
  beforeEach(async () => {
    h = await startPushHarness({ products: 120 });
    await h.core.sync.run('demo-wexbo');
  });
  afterEach(async () => {
    await h.close();
  });

  it('types values by the field rules', () => {
    expect(
      parseAssignments(['price=12,50', 'ean=0858000000017', 'code=abc', 'active=yes'], 'wexbo', 'products'),
    ).toEqual([
      { path: 'price', value: 12.5 },
      { path: 'ean', value: '0858000000017' },
      { path: 'code', value: 'abc' },
      { path: 'active', value: true },
    ]);
    expect(parseAssignments(['translations.de={"name":"x"}', 'other=7'], 'wexbo', 'products')).toEqual([
      { path: 'translations.de', value: { name: 'x' } },
      { path: 'other', value: 7 },
    ]);
    expect(parseAssignments(['overallInformation.netWeight=12'], 'etim', 'products')).toEqual([
      { path: 'overallInformation.netWeight', value: '12' },
    ]);
  });

  it('edits, creates, deletes and undoes, then shows the queue, a dry run and the push', async () => {
    const [a, b, c] = h.recordIds('demo-wexbo', 3).map((id) => h.remoteId(id) as string) as [
      string,
      string,
      string,
    ];
    const run = async (cmd: typeof editCommand, args: string[], values: Record<string, boolean> = {}) => {
      const out = io();
      const code = await cmd(h.core, out, values, args);
      return { code, out: out.stdout.join('\n'), err: out.stderr.join('\n') };
    };
    expect(await run(editCommand, ['demo-wexbo', 'products', a, 'price=21.5', 'stock=4'])).toMatchObject({
      code: 0,
    });
    expect(await run(editCommand, ['demo-wexbo', 'products', b, 'price=abc'])).toMatchObject({ code: 1 });
    expect(await run(editCommand, ['demo-wexbo', 'products', b, 'price=7'])).toMatchObject({ code: 0 });
    expect(await run(undoCommand, ['demo-wexbo'])).toMatchObject({ code: 0 });
    const created = await run(
      newCommand,
      ['demo-wexbo', 'products', 'code=cli-new-1', 'name=Z príkazového riadku', 'price=3.5'],
      { json: true },
    );
    expect(JSON.parse(created.out)).toMatchObject({ recordId: expect.any(Number) });
    expect(await run(deleteCommand, ['demo-wexbo', 'products', c])).toMatchObject({ code: 0 });

    const queue = await run(queueCommand, ['demo-wexbo']);
    expect(queue.out).toContain('3 queued');
    expect(queue.out).toMatch(new RegExp(`queued +update demo-wexbo products ${a}`));
    expect(queue.out).toMatch(/queued +create demo-wexbo products #\d+ \(new\)/);

    h.pim.admin.resetCounters('wexbo');
    const dry = await run(pushCommand, ['demo-wexbo'], { 'dry-run': true });
    expect(h.pim.admin.counters('wexbo').total).toBe(0);
    expect(dry.out).toContain('3 request(s) for 1 update(s), 1 create(s), 1 delete(s)');
    expect(dry.out).toContain(`DELETE ${h.pim.urls.wexbo}/products/${c}`);
    expect(dry.out).toContain(`PUT ${h.pim.urls.wexbo}/products/${a}`);
    expect(dry.out).toContain('{"price":21.5,"stock":4}');
    expect(dry.out).toContain(`POST ${h.pim.urls.wexbo}/products`);

    const pushed = await run(pushCommand, [], { json: true });
    expect(pushed.code).toBe(0);
    expect(JSON.parse(pushed.out)).toMatchObject([
      { connectionId: 'demo-wexbo', status: 'succeeded', sent: 3 },
    ]);
    expect(h.pim.admin.counters('wexbo').byEndpoint).toMatchObject({
      'PUT /products/{id}': 1,
      'POST /products': 1,
      'DELETE /products/{id}': 1,
    });
    expect(h.pim.admin.getProduct(Number(a))).toMatchObject({ price: 21.5, stock: 4 });
    expect(h.pim.admin.getProduct('cli-new-1')).toMatchObject({ price: 3.5 });
    expect((await run(queueCommand, [], { json: true })).out).toContain('"state": "sent"');
    expect(await run(pushCommand, [])).toMatchObject({ code: 0, out: 'Nothing to push.' });
  });
});
