/**
 * The words the catalog is made of, in the four catalog languages (en, de, pl, sk).
 * Departments → groups → segments make the three-level category tree.
 */
export const LANGS = ['en', 'de', 'pl', 'sk'] as const;
export type Lang = (typeof LANGS)[number];
export type Texts = Record<Lang, string>;

const t = (en: string, de: string, pl: string, sk: string): Texts => ({ en, de, pl, sk });

export interface Group {
  /** Three lowercase letters, used in SKUs. */
  code: string;
  name: Texts;
  /** Singular noun used in product names. */
  noun: Texts;
  /** Index into ETIM_CLASSES. */
  etimClass: number;
  /** Whether products here come as configurable products with size variants. */
  sized: boolean;
}

export interface Department {
  name: Texts;
  groups: Group[];
}

export const DEPARTMENTS: Department[] = [
  {
    name: t('Electrical', 'Elektro', 'Elektryka', 'Elektro'),
    groups: [
      {
        code: 'cab',
        name: t('Cables', 'Kabel', 'Kable', 'Káble'),
        noun: t('cable', 'Kabel', 'kabel', 'kábel'),
        etimClass: 0,
        sized: false,
      },
      {
        code: 'swi',
        name: t('Switches', 'Schalter', 'Przełączniki', 'Vypínače'),
        noun: t('switch', 'Schalter', 'przełącznik', 'vypínač'),
        etimClass: 1,
        sized: false,
      },
      {
        code: 'lmp',
        name: t('Lamps', 'Lampen', 'Lampy', 'Lampy'),
        noun: t('LED lamp', 'LED-Lampe', 'lampa LED', 'LED lampa'),
        etimClass: 2,
        sized: false,
      },
    ],
  },
  {
    name: t('Tools', 'Werkzeuge', 'Narzędzia', 'Náradie'),
    groups: [
      {
        code: 'drl',
        name: t('Drills', 'Bohrmaschinen', 'Wiertarki', 'Vŕtačky'),
        noun: t('drill', 'Bohrmaschine', 'wiertarka', 'vŕtačka'),
        etimClass: 3,
        sized: false,
      },
      {
        code: 'scr',
        name: t('Screwdrivers', 'Schraubendreher', 'Wkrętaki', 'Skrutkovače'),
        noun: t('screwdriver', 'Schraubendreher', 'wkrętak', 'skrutkovač'),
        etimClass: 4,
        sized: false,
      },
      {
        code: 'saw',
        name: t('Saws', 'Sägen', 'Piły', 'Píly'),
        noun: t('saw', 'Säge', 'piła', 'píla'),
        etimClass: 5,
        sized: false,
      },
    ],
  },
  {
    name: t('Home & Garden', 'Haus & Garten', 'Dom i ogród', 'Dom a záhrada'),
    groups: [
      {
        code: 'pla',
        name: t('Planters', 'Pflanzkübel', 'Donice', 'Kvetináče'),
        noun: t('planter', 'Pflanzkübel', 'donica', 'kvetináč'),
        etimClass: 6,
        sized: false,
      },
      {
        code: 'hos',
        name: t('Garden hoses', 'Gartenschläuche', 'Węże ogrodowe', 'Záhradné hadice'),
        noun: t('garden hose', 'Gartenschlauch', 'wąż ogrodowy', 'záhradná hadica'),
        etimClass: 7,
        sized: false,
      },
      {
        code: 'cus',
        name: t('Cushions', 'Kissen', 'Poduszki', 'Vankúše'),
        noun: t('cushion', 'Kissen', 'poduszka', 'vankúš'),
        etimClass: 8,
        sized: false,
      },
    ],
  },
  {
    name: t('Sports', 'Sport', 'Sport', 'Šport'),
    groups: [
      {
        code: 'rak',
        name: t('Rackets', 'Schläger', 'Rakiety', 'Rakety'),
        noun: t('tennis racket', 'Tennisschläger', 'rakieta tenisowa', 'tenisová raketa'),
        etimClass: 9,
        sized: false,
      },
      {
        code: 'bal',
        name: t('Balls', 'Bälle', 'Piłki', 'Lopty'),
        noun: t('ball', 'Ball', 'piłka', 'lopta'),
        etimClass: 10,
        sized: false,
      },
      {
        code: 'bot',
        name: t('Bottles', 'Trinkflaschen', 'Bidony', 'Fľaše'),
        noun: t('sports bottle', 'Trinkflasche', 'bidon', 'športová fľaša'),
        etimClass: 11,
        sized: false,
      },
    ],
  },
  {
    name: t('Clothing', 'Bekleidung', 'Odzież', 'Oblečenie'),
    groups: [
      {
        code: 'tsh',
        name: t('T-shirts', 'T-Shirts', 'Koszulki', 'Tričká'),
        noun: t('T-shirt', 'T-Shirt', 'koszulka', 'tričko'),
        etimClass: 12,
        sized: true,
      },
      {
        code: 'jck',
        name: t('Jackets', 'Jacken', 'Kurtki', 'Bundy'),
        noun: t('jacket', 'Jacke', 'kurtka', 'bunda'),
        etimClass: 13,
        sized: true,
      },
      {
        code: 'glv',
        name: t('Work gloves', 'Arbeitshandschuhe', 'Rękawice robocze', 'Pracovné rukavice'),
        noun: t('work gloves', 'Arbeitshandschuhe', 'rękawice robocze', 'pracovné rukavice'),
        etimClass: 14,
        sized: true,
      },
    ],
  },
  {
    name: t('Office', 'Büro', 'Biuro', 'Kancelária'),
    groups: [
      {
        code: 'ntb',
        name: t('Notebooks', 'Notizbücher', 'Notesy', 'Zápisníky'),
        noun: t('notebook', 'Notizbuch', 'notes', 'zápisník'),
        etimClass: 15,
        sized: false,
      },
      {
        code: 'pen',
        name: t('Pens', 'Kugelschreiber', 'Długopisy', 'Perá'),
        noun: t('pen', 'Kugelschreiber', 'długopis', 'pero'),
        etimClass: 16,
        sized: false,
      },
      {
        code: 'sof',
        name: t('Software', 'Software', 'Oprogramowanie', 'Softvér'),
        noun: t('software licence', 'Softwarelizenz', 'licencja oprogramowania', 'softvérová licencia'),
        etimClass: 17,
        sized: false,
      },
    ],
  },
];

/** The third level: every group is split into the same three segments. */
export const SEGMENTS: Texts[] = [
  t('Basic', 'Basis', 'Podstawowe', 'Základné'),
  t('Comfort', 'Komfort', 'Komfort', 'Komfort'),
  t('Professional', 'Profi', 'Profesjonalne', 'Profesionálne'),
];

export const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'] as const;

export interface Coded {
  code: string;
  name: Texts;
  /** The ETIM value code the demo dictionary gives this value. */
  etimValue: string;
}

export const COLOURS: Coded[] = [
  { code: 'black', name: t('black', 'schwarz', 'czarny', 'čierna'), etimValue: 'EV000080' },
  { code: 'white', name: t('white', 'weiß', 'biały', 'biela'), etimValue: 'EV000081' },
  { code: 'grey', name: t('grey', 'grau', 'szary', 'sivá'), etimValue: 'EV000082' },
  { code: 'red', name: t('red', 'rot', 'czerwony', 'červená'), etimValue: 'EV000083' },
  { code: 'blue', name: t('blue', 'blau', 'niebieski', 'modrá'), etimValue: 'EV000084' },
  { code: 'green', name: t('green', 'grün', 'zielony', 'zelená'), etimValue: 'EV000085' },
  { code: 'yellow', name: t('yellow', 'gelb', 'żółty', 'žltá'), etimValue: 'EV000086' },
  { code: 'orange', name: t('orange', 'orange', 'pomarańczowy', 'oranžová'), etimValue: 'EV000087' },
  { code: 'brown', name: t('brown', 'braun', 'brązowy', 'hnedá'), etimValue: 'EV000088' },
  { code: 'silver', name: t('silver', 'silber', 'srebrny', 'strieborná'), etimValue: 'EV000089' },
];

export const MATERIALS: Coded[] = [
  { code: 'steel', name: t('steel', 'Stahl', 'stal', 'oceľ'), etimValue: 'EV000179' },
  { code: 'aluminium', name: t('aluminium', 'Aluminium', 'aluminium', 'hliník'), etimValue: 'EV000180' },
  { code: 'plastic', name: t('plastic', 'Kunststoff', 'tworzywo sztuczne', 'plast'), etimValue: 'EV000181' },
  { code: 'wood', name: t('wood', 'Holz', 'drewno', 'drevo'), etimValue: 'EV000182' },
  { code: 'cotton', name: t('cotton', 'Baumwolle', 'bawełna', 'bavlna'), etimValue: 'EV000183' },
  { code: 'polyester', name: t('polyester', 'Polyester', 'poliester', 'polyester'), etimValue: 'EV000184' },
  { code: 'rubber', name: t('rubber', 'Gummi', 'guma', 'guma'), etimValue: 'EV000185' },
  { code: 'leather', name: t('leather', 'Leder', 'skóra', 'koža'), etimValue: 'EV000186' },
  { code: 'glass', name: t('glass', 'Glas', 'szkło', 'sklo'), etimValue: 'EV000187' },
  { code: 'copper', name: t('copper', 'Kupfer', 'miedź', 'meď'), etimValue: 'EV000188' },
];

export const BRANDS = [
  'Voltix',
  'Kraftmann',
  'Silvana',
  'Tatra Tools',
  'Nordvik',
  'Bellamar',
  'Orbis',
  'Pilsko',
  'Danubia',
  'Ferrox',
  'Lumenka',
  'Wexline',
  'Hortus',
  'Aerofit',
  'Carpatia',
  'Brixen',
  'Mostar',
  'Quellwerk',
  'Vistula',
  'Zeltra',
] as const;

export const TAGLINES: Texts[] = [
  t(
    'Built to last.',
    'Für lange Haltbarkeit gebaut.',
    'Zbudowany, by służyć latami.',
    'Vyrobené, aby vydržalo.',
  ),
  t(
    'Easy to use every day.',
    'Einfach im täglichen Gebrauch.',
    'Łatwy w codziennym użyciu.',
    'Jednoduché na každodenné použitie.',
  ),
  t(
    'A favourite of professionals.',
    'Ein Favorit der Profis.',
    'Ulubieniec profesjonalistów.',
    'Obľúbené u profesionálov.',
  ),
  t(
    'Great value for money.',
    'Hervorragendes Preis-Leistungs-Verhältnis.',
    'Świetny stosunek jakości do ceny.',
    'Výborný pomer ceny a výkonu.',
  ),
  t(
    'Tested in demanding conditions.',
    'In anspruchsvollen Bedingungen getestet.',
    'Testowany w wymagających warunkach.',
    'Testované v náročných podmienkach.',
  ),
  t('Light and compact.', 'Leicht und kompakt.', 'Lekki i kompaktowy.', 'Ľahké a kompaktné.'),
];

/** Labels of the description template, per language. */
export const DESCRIPTION_WORDS: Record<Lang, { material: string; colour: string; size: string }> = {
  en: { material: 'Material', colour: 'colour', size: 'size' },
  de: { material: 'Material', colour: 'Farbe', size: 'Größe' },
  pl: { material: 'Materiał', colour: 'kolor', size: 'rozmiar' },
  sk: { material: 'Materiál', colour: 'farba', size: 'veľkosť' },
};
