/** The renderer's connection form asks for what core's connectors read (it cannot import core). */
import { describe, expect, it } from 'vitest';
import { connectorDefinitions } from '../../../src/core/connectors/registry';
import { ConnectionKind } from '../../../src/shared/domain';
import { CONNECTION_KINDS, KIND_ORDER } from '../../../src/renderer/src/screens/connections/kinds';

/** The settings authFor (core/connectors/registry.ts) reads for each auth kind. */
const AUTH_SETTINGS: Record<string, string[]> = {
  bearer: [],
  basic: ['user'],
  oauth1: ['consumerKey', 'accessToken'],
};

describe('connection kinds in the renderer', () => {
  it('covers every kind, in the order the form offers them', () => {
    expect([...KIND_ORDER].sort()).toEqual([...ConnectionKind.options].sort());
  });

  for (const kind of ConnectionKind.options) {
    it(`${kind}: the secret fields are the connector's, and every setting is one it knows`, () => {
      const def = connectorDefinitions[kind];
      const fields = CONNECTION_KINDS[kind].fields;
      expect(
        fields
          .filter((f) => f.secret)
          .map((f) => f.name)
          .sort(),
      ).toEqual([...def.secretFields].sort());
      const settings = fields.filter((f) => !f.secret);
      for (const f of settings) expect(Object.keys(def.defaultSettings)).toContain(f.name);
      // The credentials' non-secret halves are asked for, and required.
      for (const name of AUTH_SETTINGS[def.capabilities.auth] ?? []) {
        expect(settings.find((f) => f.name === name)).toMatchObject({ required: true });
      }
      // Secrets are always required when adding (editing keeps the stored one).
      for (const f of fields.filter((x) => x.secret)) expect(f.required).toBe(true);
    });
  }
});
