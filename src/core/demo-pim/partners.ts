/**
 * The systems written alongside WEXBO and ETIM (Wizart, Broadleaf, PrintXpand). They keep their
 * own tables (wizart_, bl_, px_) in the demo PIM's SQLite file; this is the one place that
 * imports them.
 */
import { createBroadleafSystem } from './broadleaf';
import { createPrintXpandSystem } from './printxpand';
import type { DemoSystem } from './types';
import { createWizartSystem } from './wizart';

export interface PartnerCredentials {
  wizart: { token: string };
  broadleaf: { user: string; password: string };
  printxpand: { consumerKey: string; consumerSecret: string; accessToken: string; accessSecret: string };
}

export function createPartnerSystems(
  c: PartnerCredentials,
): Record<'wizart' | 'broadleaf' | 'printxpand', DemoSystem> {
  return {
    wizart: createWizartSystem({ token: c.wizart.token }),
    broadleaf: createBroadleafSystem({ user: c.broadleaf.user, password: c.broadleaf.password }),
    printxpand: createPrintXpandSystem(c.printxpand),
  };
}
