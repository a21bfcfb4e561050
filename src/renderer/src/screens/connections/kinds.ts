/**
 * What a connection of each kind asks for. The renderer cannot import core, so this mirrors
 * core/connectors/registry.ts (`connectorDefinitions`: `secretFields`, and the settings
 * `authFor` reads: `user`, `consumerKey`, `accessToken`) plus the few optional settings worth a
 * field; test/unit/renderer-connection-kinds.test.ts keeps the two in step.
 */
import type { ConnectionKind } from '../../../../shared/domain';
import type { MessageKey } from '../../i18n';

export interface KindField {
  /** The settings key, or the secret's name for `secret` fields. */
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  /** Write-only: sent to the keychain, never read back. */
  secret: boolean;
  required: boolean;
  /** Shown under "More settings". */
  advanced?: boolean;
  options?: readonly string[];
  placeholder?: string;
  autoComplete?: string;
}

export interface KindDefinition {
  label: MessageKey;
  help: MessageKey;
  urlPlaceholder: string;
  fields: readonly KindField[];
}

export const KIND_ORDER: readonly ConnectionKind[] = ['wexbo', 'etim', 'printxpand', 'wizart', 'broadleaf'];

export const CONNECTION_KINDS: Record<ConnectionKind, KindDefinition> = {
  wexbo: {
    label: 'connections.kind.wexbo',
    help: 'connections.help.wexbo',
    urlPlaceholder: 'https://shop.example.com/api',
    fields: [
      {
        name: 'token',
        label: 'connections.field.token',
        hint: 'connections.hint.wexboToken',
        secret: true,
        required: true,
      },
    ],
  },
  etim: {
    label: 'connections.kind.etim',
    help: 'connections.help.etim',
    urlPlaceholder: 'https://mapper.example.com/api',
    fields: [
      {
        name: 'user',
        label: 'connections.field.user',
        secret: false,
        required: true,
        autoComplete: 'username',
      },
      { name: 'password', label: 'connections.field.password', secret: true, required: true },
      {
        name: 'etimVersion',
        label: 'connections.field.etimVersion',
        hint: 'connections.hint.etimVersion',
        secret: false,
        required: false,
        advanced: true,
        placeholder: '9.0',
      },
    ],
  },
  printxpand: {
    label: 'connections.kind.printxpand',
    help: 'connections.help.printxpand',
    urlPlaceholder: 'https://store.example.com/rest',
    fields: [
      { name: 'consumerKey', label: 'connections.field.consumerKey', secret: false, required: true },
      { name: 'consumerSecret', label: 'connections.field.consumerSecret', secret: true, required: true },
      { name: 'accessToken', label: 'connections.field.accessToken', secret: false, required: true },
      { name: 'accessSecret', label: 'connections.field.accessSecret', secret: true, required: true },
      {
        name: 'signatureMethod',
        label: 'connections.field.signatureMethod',
        hint: 'connections.hint.signatureMethod',
        secret: false,
        required: false,
        advanced: true,
        options: ['HMAC-SHA256', 'HMAC-SHA1'],
      },
    ],
  },
  wizart: {
    label: 'connections.kind.wizart',
    help: 'connections.help.wizart',
    urlPlaceholder: 'https://pim-client.wizart.ai',
    fields: [
      {
        name: 'token',
        label: 'connections.field.token',
        hint: 'connections.hint.wizartToken',
        secret: true,
        required: true,
      },
    ],
  },
  broadleaf: {
    label: 'connections.kind.broadleaf',
    help: 'connections.help.broadleaf',
    urlPlaceholder: 'https://admin.example.com/api',
    fields: [
      {
        name: 'user',
        label: 'connections.field.adminUser',
        secret: false,
        required: true,
        autoComplete: 'username',
      },
      { name: 'password', label: 'connections.field.password', secret: true, required: true },
      {
        name: 'catalogId',
        label: 'connections.field.catalogId',
        secret: false,
        required: false,
        advanced: true,
      },
      { name: 'siteId', label: 'connections.field.siteId', secret: false, required: false, advanced: true },
      {
        name: 'sandboxId',
        label: 'connections.field.sandboxId',
        secret: false,
        required: false,
        advanced: true,
      },
      {
        name: 'timeZone',
        label: 'connections.field.timeZone',
        hint: 'connections.hint.timeZone',
        secret: false,
        required: false,
        advanced: true,
        placeholder: 'UTC',
      },
    ],
  },
};

export function secretFieldsOf(kind: ConnectionKind): string[] {
  return CONNECTION_KINDS[kind].fields.filter((f) => f.secret).map((f) => f.name);
}
