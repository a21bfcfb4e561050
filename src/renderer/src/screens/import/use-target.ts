/**
 * Where the checked file goes: the target connection (chosen, or matched from the detected
 * template) and what can happen to it there: its rows become local edits (WEXBO, ETIM, PrintXpand
 * with a template of that system), the file goes to the remote's importer (Wizart, Broadleaf), or
 * neither (a template of another system, or no connection at all).
 */
import type { Connection } from '../../../../shared/domain';
import type { TemplateInfo } from '../../../../shared/validation';
import { useQuery } from '../../api/use-query';
import { IMPORTER_KINDS } from './files-step';
import { targetConnectionId, useWizard } from './wizard-store';

export type TargetMode = 'apply' | 'upload' | 'none' | 'loading';

export interface Target {
  connection: Connection | null;
  template: TemplateInfo | null;
  /** The run's template id (also for the generic template, which the list does not carry). */
  templateId: string | null;
  mode: TargetMode;
  /** Whether the connection was matched from the file rather than chosen. */
  auto: boolean;
}

/** Wizart's product type from its template id; Broadleaf's import type in capitals. */
export function importTypeFor(templateId: string | null, kind: string): string | undefined {
  if (!templateId) return undefined;
  if (kind === 'wizart' && templateId.startsWith('wizart-')) return templateId.slice('wizart-'.length);
  if (kind === 'broadleaf' && templateId.startsWith('broadleaf-'))
    return templateId.slice('broadleaf-'.length).toUpperCase();
  return undefined;
}

export function useTarget(): Target {
  const w = useWizard();
  const id = targetConnectionId(w);
  const connections = useQuery('connections:list', {}, ['status:changed']);
  const templates = useQuery('validation:listTemplates', id ? { connectionId: id } : {});
  const connection = connections.data?.find((c) => c.id === id) ?? null;
  const templateId = w.run?.report?.template.id ?? null;
  const template = templates.data?.find((x) => x.id === templateId) ?? null;
  const auto = w.connectionId === null && w.run?.connectionId == null && connection !== null;
  if (connections.status === 'loading' || (id && templates.status === 'loading'))
    return { connection, template, templateId, mode: 'loading', auto };
  if (!connection) return { connection, template, templateId, mode: 'none', auto };
  if (IMPORTER_KINDS.includes(connection.kind))
    return { connection, template, templateId, mode: 'upload', auto };
  return { connection, template, templateId, mode: template?.appliable ? 'apply' : 'none', auto };
}
