import { startDemoPim, type DemoPim } from '../../core/demo-pim';

/**
 * `steward demo-pim [--port N] [--products N] [--seed S] [--data FILE]`: starts the demo PIM and
 * prints one JSON line with each system's base URL and demo credentials once it listens.
 * The caller keeps the process alive and closes the returned server on exit.
 */
export async function demoPimCommand(
  opts: { port?: number; products?: number; seed?: number; data?: string },
  print: (line: string) => void,
): Promise<DemoPim> {
  const pim = await startDemoPim({
    port: opts.port,
    products: opts.products,
    seed: opts.seed,
    dataFile: opts.data,
  });
  const c = pim.credentials;
  print(
    JSON.stringify({
      origin: pim.origin,
      dataFile: opts.data ?? null,
      generated: pim.generated,
      systems: {
        wexbo: { url: pim.urls.wexbo, ...c.wexbo },
        etim: { url: pim.urls.etim, ...c.etim },
        wizart: { url: pim.urls.wizart, ...c.wizart },
        broadleaf: { url: pim.urls.broadleaf, ...c.broadleaf },
        printxpand: { url: pim.urls.printxpand, ...c.printxpand },
        admin: { url: pim.urls.admin, ...c.admin },
      },
    }),
  );
  return pim;
}
