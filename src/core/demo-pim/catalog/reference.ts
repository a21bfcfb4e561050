/**
 * Reference data of the demo catalog: the three-level category tree, labels, suppliers, buyers,
 * and the ETIM mapper's attributes, attribute groups and category tree documents (shapes of 004_…).
 * All values are strings where ETIM wants strings.
 */
import { withCheckDigit } from './gtin';
import { COLOURS, DEPARTMENTS, LANGS, MATERIALS, SEGMENTS, SIZES, type Group, type Texts } from './vocab';

const t = (en: string, de: string, pl: string, sk: string): Texts => ({ en, de, pl, sk });
const pad2 = (n: number): string => String(n).padStart(2, '0');

export interface Category {
  id: string;
  parent: string | null;
  level: 1 | 2 | 3;
  name: Texts;
}

export interface Leaf {
  id: string;
  group: Group;
  segment: number;
}

function joinTexts(a: Texts, b: Texts, sep: string): Texts {
  return Object.fromEntries(LANGS.map((l) => [l, `${a[l]}${sep}${b[l]}`])) as Texts;
}

/** The category tree in display order, and its leaves (where products live). */
export function buildCategories(): { categories: Category[]; leaves: Leaf[] } {
  const categories: Category[] = [];
  const leaves: Leaf[] = [];
  DEPARTMENTS.forEach((dep, d) => {
    const depId = `C${pad2(d + 1)}`;
    categories.push({ id: depId, parent: null, level: 1, name: dep.name });
    dep.groups.forEach((group, g) => {
      const groupId = `${depId}-${pad2(g + 1)}`;
      categories.push({ id: groupId, parent: depId, level: 2, name: group.name });
      SEGMENTS.forEach((segment, s) => {
        const leafId = `${groupId}-${pad2(s + 1)}`;
        categories.push({
          id: leafId,
          parent: groupId,
          level: 3,
          name: joinTexts(group.name, segment, ' – '),
        });
        leaves.push({ id: leafId, group, segment: s });
      });
    });
  });
  return { categories, leaves };
}

export const LABELS = [
  {
    identifier: 'Public',
    permanent: 'true',
    letter: 'P',
    color: 'grey',
    description: 'Products having this label are visible for external users',
  },
  { identifier: 'Sale', permanent: 'false', letter: 'S', color: 'red', description: 'Products for sale' },
  { identifier: 'New', permanent: 'false', letter: 'N', color: 'green', description: 'New in the catalog' },
  {
    identifier: 'Eco',
    permanent: 'false',
    letter: 'E',
    color: 'green',
    description: 'Environmentally friendly products',
  },
  {
    identifier: 'Bestseller',
    permanent: 'false',
    letter: 'B',
    color: 'yellow',
    description: 'Best selling products',
  },
  { identifier: 'Outlet', permanent: 'false', letter: 'O', color: 'grey', description: 'Old products' },
];

const SUPPLIER_ROWS: [string, string, string, string, string, string][] = [
  ['sup1', 'Danubia Trade s.r.o.', 'Mlynské nivy 16', '821 09', 'Bratislava', 'SK'],
  ['sup2', 'Karpaty Hurt Sp. z o.o.', 'Mlynarska 16', '91-823', 'Lodz', 'PL'],
  ['sup3', 'Nordvik Handels GmbH', 'Hafenstraße 7', '20457', 'Hamburg', 'DE'],
  ['sup4', 'Tatra Distribution a.s.', 'Štúrova 27', '040 01', 'Košice', 'SK'],
  ['sup5', 'Vistula Import S.A.', 'ul. Wiślana 3', '00-001', 'Warszawa', 'PL'],
  ['sup6', 'Alpen Werkzeug AG', 'Bahnhofstraße 21', '80335', 'München', 'DE'],
  ['sup7', 'Morava Supply s.r.o.', 'Palackého 12', '602 00', 'Brno', 'CZ'],
  ['sup8', 'Baltic Goods Ltd', '14 Harbour Road', 'BT1 3NQ', 'Belfast', 'GB'],
];

export const SUPPLIERS = SUPPLIER_ROWS.map(([identifier, name, street, postalCode, city, country], i) => {
  const host = `${identifier}.example.com`;
  return {
    identifier,
    name,
    manufacturer: i % 3 === 0 ? 'true' : 'false',
    vatId: `${country}${String(5211111111 + i * 1111).slice(0, 10)}`,
    gln: withCheckDigit(`859000000${String(i + 1).padStart(3, '0')}`),
    duns: String(130692711 + i * 7),
    street,
    postalCode,
    city,
    country,
    contactPerson:
      [
        'Jana Nováková',
        'Jan Kowalski',
        'Anna Schmidt',
        'Peter Horváth',
        'Ewa Nowak',
        'Max Huber',
        'Pavel Dvořák',
        'Mary Byrne',
      ][i] ?? '',
    phone: `+42190${String(1000000 + i * 12345)}`,
    email: `office@${host}`,
    website: host,
    logo: `/files/images/${identifier}-logo.jpg`,
    description: `${name}: demo supplier`,
    mailingList: `orders@${host};support@${host}`,
  };
});

export const BUYERS = [
  { identifier: 'buy1', name: 'Mestský Obchod a.s.', gln: withCheckDigit('765432100000'), duns: '041532772' },
  { identifier: 'buy2', name: 'Hurtownia Centrum', gln: withCheckDigit('765432100001'), duns: '041532779' },
  { identifier: 'buy3', name: 'Baumarkt Süd GmbH', gln: withCheckDigit('765432100002'), duns: '041532786' },
  { identifier: 'buy4', name: 'Eshop Demo s.r.o.', gln: withCheckDigit('765432100003'), duns: '041532793' },
];

/** ETIM custom attributes: the catalog's size, colour and material as select attributes. */
export const ATTRIBUTES = [
  {
    identifier: 'SIZE',
    type: 'S',
    permanent: 'false',
    global: 'true',
    productCharacteristic: 'true',
    forSynch: 'true',
    importance: '0',
    name: t('Size', 'Größe', 'Rozmiar', 'Veľkosť'),
    description: t('Clothing size', 'Konfektionsgröße', 'Rozmiar odzieży', 'Veľkosť oblečenia'),
    values: SIZES.map((s) => ({ identifier: s, value: t(s, s, s, s) })),
    inCompletenessMask: 'false',
  },
  {
    identifier: 'COLOUR',
    type: 'S',
    permanent: 'false',
    global: 'true',
    productCharacteristic: 'true',
    forSynch: 'true',
    importance: '1',
    name: t('Colour', 'Farbe', 'Kolor', 'Farba'),
    description: t('Main colour', 'Hauptfarbe', 'Główny kolor', 'Hlavná farba'),
    values: COLOURS.map((c) => ({ identifier: c.code, value: c.name })),
    inCompletenessMask: 'true',
  },
  {
    identifier: 'MATERIAL',
    type: 'S',
    permanent: 'false',
    global: 'true',
    productCharacteristic: 'true',
    forSynch: 'false',
    importance: '2',
    name: t('Material', 'Material', 'Materiał', 'Materiál'),
    description: t('Main material', 'Hauptmaterial', 'Główny materiał', 'Hlavný materiál'),
    values: MATERIALS.map((m) => ({ identifier: m.code, value: m.name })),
    inCompletenessMask: 'false',
  },
];

export const ATTRIBUTE_GROUPS = [
  {
    identifier: 'G1',
    name: t('Variant attributes', 'Variantenmerkmale', 'Atrybuty wariantów', 'Atribúty variantov'),
    attributes: ['SIZE', 'COLOUR'],
  },
  { identifier: 'G2', name: t('Material', 'Material', 'Materiał', 'Materiál'), attributes: ['MATERIAL'] },
];

/** The ETIM category tree document of the shop tree, built from the category table. */
export function shopCategoryTree(categories: Category[]): Record<string, unknown> {
  return {
    categoryTreeIdentifier: 'SHOP',
    categoryTreeName: t('Demo shop', 'Demo-Shop', 'Sklep demo', 'Demo obchod'),
    categoryTreeAttributes: ['SIZE', 'COLOUR', 'MATERIAL'],
    categories: categories.map((c) => ({
      identifier: c.id,
      ...(c.parent ? { parent: c.parent } : {}),
      name: c.name,
      ...(c.level === 3 ? { attributes: ['SIZE', 'COLOUR', 'MATERIAL'] } : {}),
    })),
  };
}

/** The ETIM category tree that products of the demo catalog are filed in. */
export const SHOP_TREE = 'SHOP';
