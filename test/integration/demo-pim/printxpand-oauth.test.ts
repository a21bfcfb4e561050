/**
 * Magento 2 OAuth 1.0a as the PrintXpand simulator verifies it (seeds/003_f9a1ab627ff386f6.txt
 * points to Magento's OAuth-based authentication): requests signed by the oauth-1.0a package,
 * then each way Magento refuses one, with its status and error JSON.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRINTXPAND_CREDENTIALS, createPrintXpandSystem } from '../../../src/core/demo-pim/printxpand';
import { call, signer } from './printxpand-client';
import type { SignatureMethod } from './printxpand-client';
import { startSystem } from './system-harness';
import type { SystemHarness } from './system-harness';

const C = DEMO_PRINTXPAND_CREDENTIALS;
const PAYLOAD = { customer: { a: { id: '1', first_name: 'Ann' } } };
const OK_BODY = [
  { response: [{ id: '1', code: '200', status: 'success', message: 'Customer created successfully!' }] },
];

let h: SystemHarness;

beforeEach(async () => {
  h = await startSystem(createPrintXpandSystem(C));
});
afterEach(async () => {
  await h.close();
});

/** A correctly signed header's parameters, to be tampered with. */
function signedParams(method: SignatureMethod = 'HMAC-SHA256'): Record<string, string> {
  const oauth = signer(h, method, C);
  const auth = oauth.authorize(
    { url: `${h.url}/rest/V1/customer/create`, method: 'POST' },
    { key: C.accessToken, secret: C.accessSecret },
  );
  return Object.fromEntries(Object.entries(auth).map(([k, v]) => [k, String(v)]));
}

function header(params: Record<string, string>): string {
  return `OAuth ${Object.entries(params)
    .map(([k, v]) => `${k}="${encodeURIComponent(v)}"`)
    .join(', ')}`;
}

async function expectRefusal(authorization: string, status: number, body: unknown): Promise<void> {
  const res = await call(h, 'customer/create', PAYLOAD, { authorization });
  expect(res.status).toBe(status);
  expect(await res.json()).toEqual(body);
}

describe('PrintXpand OAuth 1.0a', () => {
  it('accepts HMAC-SHA256 and HMAC-SHA1 signatures', async () => {
    for (const signature of ['HMAC-SHA256', 'HMAC-SHA1'] as const) {
      const res = await call(h, 'customer/create', PAYLOAD, { signature });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await res.json()).toEqual(
        signature === 'HMAC-SHA256'
          ? OK_BODY
          : [{ response: [{ ...OK_BODY[0]!.response[0]!, message: 'Customer Updated successfully!' }] }],
      );
    }
  });

  it('refuses an anonymous request as Magento refuses a guest', async () => {
    const res = await call(h, 'customer/create', PAYLOAD, { authorization: null });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      message: "The consumer isn't authorized to access %resources.",
      parameters: { resources: 'Magento_Customer::manage' },
    });
  });

  it('refuses a wrong signature, a tampered query string and a tampered form body', async () => {
    const wrongSecret = await call(h, 'customer/create', PAYLOAD, {
      creds: { ...C, consumerSecret: 'x'.repeat(32) },
    });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toEqual({ message: 'The signature is invalid. Verify and try again.' });

    const signedQuery = await call(h, 'customer/create?store=default', PAYLOAD);
    expect(signedQuery.status).toBe(200);
    const tamperedQuery = await call(h, 'customer/create', PAYLOAD, { tamperQuery: '?store=admin' });
    expect(tamperedQuery.status).toBe(401);

    // A form body is part of the signature (Magento then refuses its media type for the data).
    const form = { customer: 'x', note: 'a b' };
    const formOpts = { contentType: 'application/x-www-form-urlencoded', signedData: form };
    const signedForm = await call(h, 'customer/create', null, {
      ...formOpts,
      rawBody: 'customer=x&note=a+b',
    });
    expect(signedForm.status).toBe(400);
    expect(await signedForm.json()).toEqual({
      message: 'Server cannot understand Content-Type HTTP header media type %1',
      parameters: ['application/x-www-form-urlencoded'],
    });
    const tamperedForm = await call(h, 'customer/create', null, {
      ...formOpts,
      rawBody: 'customer=y&note=a+b',
    });
    expect(tamperedForm.status).toBe(401);
    expect(await tamperedForm.json()).toEqual({ message: 'The signature is invalid. Verify and try again.' });
  });

  it('refuses a replayed nonce', async () => {
    const authorization = header(signedParams());
    const first = await call(h, 'customer/create', PAYLOAD, { authorization });
    expect(first.status).toBe(200);
    await expectRefusal(authorization, 401, {
      message: 'The nonce is already being used by the consumer with ID %1',
      parameters: ['1'],
    });
  });

  it('refuses timestamps more than ten minutes ahead, but not old ones', async () => {
    const now = Math.floor(h.clock.now / 1000);
    const ahead = { ...signedParams(), oauth_timestamp: String(now + 601) };
    await expectRefusal(header(ahead), 401, { message: 'An error occurred validating the nonce' });
    const garbage = { ...signedParams(), oauth_timestamp: 'soon' };
    await expectRefusal(header(garbage), 401, { message: 'An error occurred validating the nonce' });
    // Magento only bounds the future; a day-old signed request still passes.
    h.clock.advance(-24 * 3600 * 1000);
    const old = signedParams();
    h.clock.advance(24 * 3600 * 1000);
    const res = await call(h, 'customer/create', PAYLOAD, { authorization: header(old) });
    expect(res.status).toBe(200);
  });

  it('refuses unsupported methods, versions and missing parameters with 400', async () => {
    await expectRefusal(header({ ...signedParams(), oauth_signature_method: 'PLAINTEXT' }), 400, {
      message: 'Signature method %1 is not supported',
      parameters: ['PLAINTEXT'],
    });
    await expectRefusal(header({ ...signedParams(), oauth_version: '2.0' }), 400, {
      message: 'The "%1" Oauth version isn\'t supported.',
      parameters: ['2.0'],
    });
    const { oauth_nonce: _n, ...noNonce } = signedParams();
    await expectRefusal(header(noNonce), 400, {
      message: '"%fieldName" is required. Enter and try again.',
      parameters: { fieldName: 'oauth_nonce' },
    });
    const { oauth_nonce: _m, oauth_timestamp: _t, ...noTwo } = signedParams();
    await expectRefusal(header(noTwo), 400, {
      message: 'One or more input exceptions have occurred.',
      errors: [
        {
          message: '"%fieldName" is required. Enter and try again.',
          parameters: { fieldName: 'oauth_nonce' },
        },
        {
          message: '"%fieldName" is required. Enter and try again.',
          parameters: { fieldName: 'oauth_timestamp' },
        },
      ],
    });
  });

  it('refuses unknown or malformed consumer keys and tokens', async () => {
    await expectRefusal(header({ ...signedParams(), oauth_consumer_key: 'short' }), 401, {
      message: 'Consumer key is not the correct length',
    });
    await expectRefusal(header({ ...signedParams(), oauth_consumer_key: 'k'.repeat(32) }), 401, {
      message: 'A consumer having the specified key does not exist',
    });
    await expectRefusal(header({ ...signedParams(), oauth_token: 'short' }), 400, {
      message: 'The token length is invalid. Check the length and try again.',
    });
    await expectRefusal(header({ ...signedParams(), oauth_token: 't'.repeat(32) }), 401, {
      message: 'Specified token does not exist',
    });
  });

  it('also runs with shorter made-up credentials, checking lengths against them', async () => {
    const short = {
      consumerKey: 'demo-px-consumer-key',
      consumerSecret: 'demo-px-consumer-secret',
      accessToken: 'demo-px-access-token',
      accessSecret: 'demo-px-access-secret',
    };
    const other = await startSystem(createPrintXpandSystem(short));
    try {
      const ok = await call(other, 'customer/create', PAYLOAD, { creds: short });
      expect(ok.status).toBe(200);
      const longKey = await call(other, 'customer/create', PAYLOAD, {
        creds: { ...short, consumerKey: C.consumerKey },
      });
      expect(await longKey.json()).toEqual({ message: 'Consumer key is not the correct length' });
    } finally {
      await other.close();
    }
  });
});
