/**
 * The ETIM mapper seed's own request and response examples (seeds/004_48b37cfc1a1923fe.txt),
 * replayed against the demo PIM and compared field by field. Where an example shows the state
 * of an account we do not have (its counts), the test builds that state first, so the printed
 * answer comes out exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from './etim-seed-examples';
import { etim, startPim, type Harness } from './pim-harness';

let h: Harness;
beforeAll(async () => {
  h = await startPim({ products: 300 });
});
afterAll(() => h.close());

type Json = Record<string, unknown>;
const call = async (method: string, path: string, body?: unknown) => {
  const res = await etim(h.pim, method, path, body);
  return { res, body: (res.text ? res.json() : undefined) as Json };
};
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const DETAIL_QUERY =
  'etim-version=9&completeness=true&dates-by-type=true&na-values=true&country-of-origin-multiple=true&categories-format-short=true&www-image-url-lang=false';
const SERVER_FIELDS = [
  'descriptionCompleteness',
  'lastModifiedDateByType',
  'lastModifiedDate',
  'modifiedBy',
  'creationDate',
  'createdBy',
];

describe('status codes and bodies of the seed curl examples', () => {
  it('answers JSON as text/html; charset=UTF-8, as the 200 example', async () => {
    const { res } = await call('GET', '/labels');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=UTF-8');
  });

  it('gives the 400 example body for a bad limit and page', async () => {
    const { res, body } = await call('GET', '/products/filter?limit=0&page=-1', {});
    expect(res.status).toBe(400);
    expect(body).toEqual(SEED.badRequest);
  });

  it('gives the 404 example: no body at all', async () => {
    const { res } = await call('GET', '/synchronizations/check/nope');
    expect(res.status).toBe(404);
    expect(res.headers['content-length']).toBe('0');
    expect(res.text).toBe('');
  });
});

describe('products', () => {
  const product = () => ({ ...clone(SEED.putProducts[0]!), mime: clone(SEED.details.products[0]!.mime) });

  it('PUT: reproduces the seed report of one modified product (1 related product replaced by 2)', async () => {
    const first = {
      ...product(),
      relatedProducts: [{ relatedProductId: 'OLD1', relationType: 'ACCESSORY', quantity: '1' }],
    };
    expect((await call('PUT', '/products', [first])).body).toMatchObject({
      all: '1',
      new: '1',
      classified: '1',
    });
    const second = {
      ...product(),
      relatedProducts: [
        { relatedProductId: 'ABC123', relationType: 'ACCESSORY', quantity: '1' },
        { relatedProductId: 'ABC124', relationType: 'ACCESSORY', quantity: '2' },
      ],
    };
    const { res, body } = await call('PUT', '/products', [second]);
    expect(res.status).toBe(200);
    expect(body).toEqual(SEED.putReportOne);
  });

  it('GET details: gives back what was PUT, field by field, with the seed parameters', async () => {
    await call('PUT', '/products', [product()]);
    const { body } = await call('GET', `/products?${DETAIL_QUERY}`, SEED.detailsIds);
    expect(body.parameters).toEqual(SEED.details.parameters);
    const products = body.products as Json[];
    expect(products).toHaveLength(1); // XYZ124 does not exist
    const got = products[0]!;
    const want = clone(SEED.details.products[0]!) as Json;
    for (const key of Object.keys(want).filter((k) => !SERVER_FIELDS.includes(k))) {
      expect({ [key]: got[key] }).toEqual({ [key]: want[key] });
    }
    // What the server fills in itself has the seed's shape.
    expect(got.lastModifiedDate).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(got.creationDate).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(got.modifiedBy).toBe('etim-api');
    expect(got.lastModifiedDateByType).toEqual({
      general: { date: got.lastModifiedDate, modifiedBy: 'etim-api' },
      etim: { date: got.lastModifiedDate, modifiedBy: 'etim-api' },
    });
    const completeness = got.descriptionCompleteness as Record<string, string>;
    for (const [k, v] of Object.entries(completeness)) {
      expect(Object.keys(want.descriptionCompleteness as object)).toContain(k);
      expect(v).toMatch(/^\d{1,3}$/);
    }
  });

  it('GET details in a language: the seed lang example', async () => {
    const query =
      'lang=en&etim-version=9&completeness=false&dates-by-type=false&na-values=true&country-of-origin-multiple=true&categories-format-short=true';
    const { body } = await call('GET', `/products?${query}`, ['XYZ123']);
    expect(body.parameters).toEqual(SEED.detailsLang.parameters);
    expect((body.products as Json[])[0]).toMatchObject(clone(SEED.detailsLang.products[0]!));
  });

  it('the change feed lists it, in the seed feed shape', async () => {
    const { body } = await call('GET', '/products?date-from=2025-06-02');
    expect(Object.keys(body)).toEqual(Object.keys(SEED.feed));
    expect(body.productIds).toEqual(['XYZ123']);
    expect(body.total).toBe('1');
    expect(body.parameters).toEqual({ 'date-from': '2025-06-02' });
  });

  it('PUT: reproduces the seed report of ten products (rejected, duplicate, new, modified, classes, relations)', async () => {
    const related = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        relatedProductId: `R${i}`,
        relationType: 'ACCESSORY',
        quantity: '1',
      }));
    const cls = (classId: string) => ({ version: '9', classId, groupId: 'EG000006', features: {} });
    const name = (en: string) => ({ overallInformation: { productName: { en } } });
    await call('PUT', '/products', [
      { productId: 'A1', ...name('A'), etimDescription: cls('EC000722'), relatedProducts: related(4) },
      { productId: 'B1', ...name('B'), relatedProducts: related(5) },
      { productId: 'C1', ...name('C') },
    ]);
    const { body } = await call('PUT', '/products', [
      { productId: 'N1', ...name('N1'), etimDescription: cls('EC000722') },
      { productId: 'N2', ...name('N2'), etimDescription: cls('EC000057') },
      { productId: 'N3', ...name('N3') },
      { productId: 'N4', ...name('N4') },
      { productId: 'N5', ...name('N5') },
      { productId: 'A1', etimDescription: cls('EC000057'), relatedProducts: related(3) },
      { productId: 'B1', relatedProducts: related(4) },
      { productId: 'C1', ...name('C, renamed') },
      { productId: 'C1', overallInformation: { gtin: '4006381333931' } },
      { productId: 'JHJJFF76742345-fsgdfhgddskjhf34581', ...name('too long') },
    ]);
    expect(body).toEqual(SEED.putReport);
  });

  it('DELETE: the seed report', async () => {
    const { body } = await call('DELETE', '/products', ['N4', 'N5', 'nope']);
    expect(body).toEqual(SEED.deleteProducts);
  });

  it('products/filter: the seed filter is understood, and its error example comes out word for word', async () => {
    await call('PUT', '/attributes', clone(SEED.attributesData));
    await call('PUT', '/attributes', [
      { identifier: 'L2', type: 'L', name: { en: 'L2' } },
      { identifier: 'N4', type: 'N', name: { en: 'N4' } },
      { identifier: 'R5', type: 'R', name: { en: 'R5' } },
      {
        identifier: 'MS6',
        type: 'MS',
        name: { en: 'MS6' },
        values: [{ identifier: 'ms_v1', value: { en: 'v' } }],
      },
    ]);
    const ok = await call('GET', '/products/filter', SEED.filterData);
    expect(ok.res.status).toBe(200);
    expect(Object.keys(ok.body)).toEqual(Object.keys(SEED.filterResponse));
    expect(ok.body.parameters).toEqual([]);
    const labelled = await call('GET', '/products/filter', {
      labels: { withType: 'all', with: ['label1', 'label2'] },
    });
    expect(labelled.body).toEqual({ productIds: ['XYZ123'], total: '1', parameters: [] });
    const bad = await call('GET', '/products/filter', {
      labels: { withType: 'some', with: ['Sold'] },
      totalDescriptionCompleteness: 'high',
    });
    expect(bad.res.status).toBe(400);
    expect(bad.body).toEqual(SEED.filterErrors);
  });

  it('products/lca gives the LCA data of products that have it', async () => {
    const { body } = await call('GET', '/products/lca', ['XYZ123', 'N1']);
    expect(body).toEqual({
      products: [{ productId: 'XYZ123', ...clone(SEED.details.products[0]!.lca) }],
      parameters: [],
    });
  });
});

describe('labels', () => {
  it('lists identifiers in the seed shape', async () => {
    const { body } = await call('GET', '/labels');
    expect(Object.keys(body)).toEqual(Object.keys(SEED.labelIds));
    expect(body.labelIdentifiers).toContain('Public');
  });

  it('details: the seed example', async () => {
    await call('PUT', '/labels', [{ identifier: 'label1', letter: 'E', color: 'green' }]);
    expect((await call('GET', '/labels', SEED.labelsDetailsIds)).body).toEqual(SEED.labelsDetails);
  });

  it('PUT: the seed report (one rejected, one replaced, two new)', async () => {
    const data = [
      ...clone(SEED.labelsData).map((l) => ({ ...l, identifier: `${l.identifier}-x` })),
      clone(SEED.labelsDetails.labels[0]!),
      { identifier: 'bad', letter: 'XY', color: 'red' },
    ];
    expect((await call('PUT', '/labels', data)).body).toEqual(SEED.labelsPutReport);
  });

  it('DELETE: the seed report', async () => {
    await call('PUT', '/labels', clone(SEED.labelsData));
    expect((await call('DELETE', '/labels', SEED.labelsDeleteIds)).body).toEqual(SEED.labelsDeleteReport);
  });
});

describe('attributes', () => {
  it('details: the seed example, defaults filled in', async () => {
    const details = clone(SEED.attributesDetails.attributes) as unknown as Json[];
    const asPut = details.map(({ questionInAttributeGroup: _q, permanent: _p, ...rest }) => rest);
    await call('PUT', '/attributes', asPut);
    expect((await call('GET', '/attributes', SEED.attributesDetailsIds)).body).toEqual(
      SEED.attributesDetails,
    );
  });

  it('PUT: the seed report (six sent: one rejected, four replaced, one new)', async () => {
    const data = [
      ...clone(SEED.attributesData), // M1, S3, REF8: replaced
      { identifier: 'L2', type: 'L', name: { en: 'Attribute 2' } }, // replaced
      { identifier: 'T7', type: 'T', name: { en: 'Attribute 7' } }, // new
      { identifier: 'BAD', type: 'X', name: { en: 'bad type' } },
    ];
    expect(data).toHaveLength(6);
    expect((await call('PUT', '/attributes', data)).body).toEqual(SEED.attributesPutReport);
  });

  it('lists identifiers, and DELETE gives the seed report', async () => {
    const ids = (await call('GET', '/attributes')).body.attributeIdentifiers as string[];
    expect(ids).toEqual(expect.arrayContaining(['M1', 'L2', 'S3', 'N4', 'R5', 'MS6', 'T7', 'REF8']));
    expect((await call('DELETE', '/attributes', SEED.attributesDeleteIds)).body).toEqual(
      SEED.attributesDeleteReport,
    );
  });

  it('does not delete an attribute in the completeness mask', async () => {
    await call('PUT', '/attributes', [
      { identifier: 'MASKED', type: 'L', name: { en: 'm' }, inCompletenessMask: 'true' },
    ]);
    expect((await call('DELETE', '/attributes', ['MASKED'])).body).toEqual({
      deletedAttributes: '0',
      parameters: [],
    });
  });
});

describe('attribute groups', () => {
  it('PUT, details, list and DELETE: the seed examples', async () => {
    await call('PUT', '/attributes', [
      { identifier: 'M1', type: 'M', name: { en: 'M1' } },
      { identifier: 'L2', type: 'L', name: { en: 'L2' } },
    ]);
    const data = clone(SEED.attributeGroupsData);
    const put = await call('PUT', '/attribute-groups', [
      ...data,
      { identifier: 'G2', name: { en: 'G2' }, attributes: ['SIZE'] },
      { identifier: 'Q2', name: { en: 'Q2' }, question: 'L2', answersYes: ['M1'] },
    ]);
    expect(put.body).toEqual(SEED.attributeGroupsPutReport);
    await call('PUT', '/attribute-groups', [{ identifier: 'Q3', name: { en: 'Q3' }, attributes: ['M1'] }]);
    expect((await call('GET', '/attribute-groups')).body).toEqual(SEED.attributeGroupIds);
    expect((await call('GET', '/attribute-groups', SEED.attributeGroupsDetailsIds)).body).toEqual(
      SEED.attributeGroupsDetails,
    );
    // L2 is now the question of Q1 and Q2.
    const l2 = ((await call('GET', '/attributes', ['L2'])).body.attributes as Json[])[0]!;
    expect(l2.questionInAttributeGroup).toBe('true');
    expect((await call('DELETE', '/attribute-groups', ['Q2', 'Q3'])).body).toEqual(
      SEED.attributeGroupsDeleteReport,
    );
  });
});

describe('relations by attribute', () => {
  it('PUT, details (plain and in a language), list and DELETE: the seed examples', async () => {
    const data = clone(SEED.relationsData);
    await call('PUT', '/relations-by-attribute', [
      ...data,
      { identifier: 'R3', attribute: 'SIZE', name: { en: 'R3' }, products: [] },
    ]);
    const put = await call('PUT', '/relations-by-attribute', [
      ...data,
      { identifier: 'R3', attribute: 'SIZE', name: { en: 'R3' }, products: [] },
      { identifier: 'R4', attribute: 'SIZE', name: { en: 'R4' }, products: [] },
      { identifier: 'R5', name: { en: 'no attribute' }, products: [] },
    ]);
    expect(put.body).toEqual(SEED.relationsPutReport);
    const ids = (await call('GET', '/relations-by-attribute')).body;
    expect(Object.keys(ids)).toEqual(Object.keys(SEED.relationIds));
    expect(ids.relationByAttributeIdentifiers).toEqual(expect.arrayContaining(['ST', 'EF1', 'R3', 'R4']));
    // productValues are the members' values of the attribute, so only the stored part is compared.
    const plain = (await call('GET', '/relations-by-attribute', SEED.relationsDetailsIds)).body;
    const stored = ({ productValues: _v, virtualProducts: _p, products: _x, ...rest }: Json) => rest;
    expect((plain.relationsByAttribute as Json[]).map(stored)).toEqual(
      SEED.relationsDetails.relationsByAttribute.map((r) => stored(clone(r) as Json)),
    );
    const lang = (await call('GET', '/relations-by-attribute?lang=en', SEED.relationsDetailsIds)).body;
    expect(lang.parameters).toEqual(SEED.relationsDetailsLang.parameters);
    expect((lang.relationsByAttribute as Json[]).map(stored)).toEqual(
      SEED.relationsDetailsLang.relationsByAttribute.map((r) => stored(clone(r) as Json)),
    );
    expect((await call('DELETE', '/relations-by-attribute', ['R3', 'R4'])).body).toEqual(
      SEED.relationsDeleteReport,
    );
  });

  it('gives the generated variant relations with each variant value', async () => {
    const ids = (await call('GET', '/relations-by-attribute')).body
      .relationByAttributeIdentifiers as string[];
    const id = ids.find((i) => i.startsWith('VAR-'))!;
    const rel = (
      (await call('GET', '/relations-by-attribute?lang=de', [id])).body.relationsByAttribute as Json[]
    )[0]!;
    expect(rel.attribute).toBe('SIZE');
    expect(Object.keys(rel.productValues as object)).toEqual(rel.products);
    for (const v of Object.values(rel.productValues as object))
      expect(['XS', 'S', 'M', 'L', 'XL', 'XXL']).toContain(v);
  });
});

describe('suppliers and buyers', () => {
  it('suppliers: PUT report, details and DELETE as in the seed', async () => {
    const sup = clone(SEED.suppliersData[0]!);
    const put = await call('PUT', '/suppliers', [
      sup,
      { ...sup, identifier: 'sup9' },
      { ...sup, identifier: 'bad', gln: 'GLN-1' },
    ]);
    expect(put.body).toEqual(SEED.suppliersPutReport);
    const details = (await call('GET', '/suppliers', ['sup1'])).body;
    expect(details).toEqual({ ...SEED.suppliersDetails, suppliers: [SEED.suppliersDetails.suppliers[0]] });
    expect(Object.keys((await call('GET', '/suppliers')).body)).toEqual(Object.keys(SEED.supplierIds));
    expect((await call('DELETE', '/suppliers?delete-products=false', ['sup9', 'sup8'])).body).toEqual(
      SEED.suppliersDeleteReport,
    );
  });

  it('buyers: details and DELETE as in the seed', async () => {
    await call('PUT', '/buyers', clone(SEED.buyersData));
    expect((await call('GET', '/buyers', ['buy1'])).body).toEqual(SEED.buyersDetails);
    expect(Object.keys((await call('GET', '/buyers')).body)).toEqual(Object.keys(SEED.buyerIds));
    expect((await call('DELETE', '/buyers', ['buy1', 'buy2'])).body).toEqual(SEED.buyersDeleteReport);
  });
});

describe('category trees', () => {
  it('PUT, details, list, DELETE of categories and of trees: the seed examples', async () => {
    const tc1 = clone(SEED.categoryTreesData[0]!);
    await call('PUT', '/categories', [tc1, { ...tc1, categoryTreeIdentifier: 'TC2' }]);
    expect(((await call('GET', '/categories')).body.categoryTreeIdentifiers as string[]).slice(-2)).toEqual(
      SEED.categoryTreeIds.categoryTreeIdentifiers,
    );
    const details = (await call('GET', '/categories?www-image-url-lang=false', ['TC1'])).body;
    expect(details).toEqual(SEED.categoryTreesDetails);
    expect(
      (await call('DELETE', '/categories?category-tree-identifier=TC1', SEED.categoriesDeleteIds)).body,
    ).toEqual(SEED.categoriesDeleteReport);
    const left = ((await call('GET', '/categories', ['TC1'])).body.categoryTrees as Json[])[0]!;
    // SC1 goes with its parent C1.
    expect((left.categories as Json[]).map((c) => c.identifier)).toEqual(['C2']);
    expect((await call('DELETE', '/categories', ['TC1', 'TC2'])).body).toEqual(
      SEED.categoryTreesDeleteReport,
    );
  });
});

describe('synchronizations', () => {
  const infoKeys = (info: string) => info.split(' | ').map((part) => part.split(':')[0]);

  it('run, check with progress, already-running error, done report: the seed examples', async () => {
    h.clock.set('2021-04-15T08:20:03Z');
    const run = (await call('GET', '/synchronizations/run/tr67')).body;
    expect(Object.keys(run)).toEqual(Object.keys(SEED.syncRunInProgress));
    expect(run).toMatchObject({
      status: 'in progress',
      'trigger-identifier': 'tr67',
      'starting-time': '2021-04-15 10:20:03',
      info: '0.00%',
    });
    const id = run['progress-id'] as string;
    expect(id).toMatch(/^[A-Za-z0-9]{32}$/);

    h.clock.advance(31_590);
    // The seed's run example reads 52.65%, its check example 87.10%: 31.59 s and 52.26 s into 60 s.
    expect((await call('GET', `/synchronizations/check/${id}`)).body).toEqual({
      ...SEED.syncRunInProgress,
      'progress-id': id,
    });
    const busy = (await call('GET', '/synchronizations/run/tr67')).body;
    expect(Object.keys(busy)).toEqual(Object.keys(SEED.syncRunError));
    expect(busy).toEqual({
      status: 'error',
      'trigger-identifier': 'tr67',
      'starting-time': '2021-04-15 10:20:03',
      info: 'This operation is already in progress (started by demo).',
    });
    h.clock.advance(52_260 - 31_590);
    expect((await call('GET', `/synchronizations/check/${id}`)).body).toEqual({
      ...SEED.syncCheckInProgress,
      'progress-id': id,
    });

    h.clock.advance(60_000);
    const done = (await call('GET', `/synchronizations/check/${id}`)).body as Record<string, string>;
    expect(Object.keys(done)).toEqual(Object.keys(SEED.syncCheckDone));
    expect(done).toMatchObject({
      status: 'done',
      'trigger-identifier': 'tr67',
      'starting-time': '2021-04-15 10:20:03',
    });
    expect(infoKeys(done.info!)).toEqual(infoKeys(SEED.syncCheckDone.info));
    expect(done.info).toContain('Selected products: ');
  });

  it('a failing trigger ends with the seed error example', async () => {
    h.clock.set('2021-04-15T08:20:03Z');
    const run = (await call('GET', '/synchronizations/run/tr-fail')).body;
    h.clock.advance(10_000);
    const end = (await call('GET', `/synchronizations/check/${run['progress-id'] as string}`)).body;
    expect(end).toEqual({ ...SEED.syncCheckError, 'trigger-identifier': 'tr-fail' });
  });

  it('an unknown trigger is a 404', async () => {
    expect((await call('GET', '/synchronizations/run/nope')).res.status).toBe(404);
  });
});

describe('push notifications', () => {
  it('POSTs the seed notification shape', async () => {
    h.pim.admin.editProduct('tenrak01', { price: 9.99 });
    await h.pim.admin.flushNotifications();
    const last = h.pim.admin.notifications().at(-1)!;
    expect(Object.keys(last.payload)).toEqual(Object.keys(SEED.notification));
    expect(last.payload).toEqual({ new: [], modified: ['tenrak01'], deleted: [] });
  });
});
