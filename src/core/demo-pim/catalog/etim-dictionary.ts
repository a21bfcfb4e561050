/**
 * A small ETIM-like dictionary for the demo catalog: classes, groups, features and value codes.
 * Codes look like ETIM's (EC…, EG…, EF…, EV…); the ones the 004_… seed shows (EC000722, EG000006,
 * EF002169 Material / EV000179 Steel, EF000025, EF001742, EF001438, EF000116, EF006007) carry the
 * seed's meaning so its examples read back the same; the others are demo codes, not ETIM's.
 */
import { COLOURS, MATERIALS, SIZES, type Lang, type Texts } from './vocab';

const t = (en: string, de: string, pl: string, sk: string): Texts => ({ en, de, pl, sk });

export type FeatureType = 'A' | 'L' | 'N' | 'R';

export interface EtimFeature {
  id: string;
  type: FeatureType;
  name: Texts;
  unit?: string;
  /** For alphanumeric features: value code → name. */
  values?: Record<string, Texts>;
  /** For numeric and range features: the range values are drawn from. */
  min?: number;
  max?: number;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const capitalAll = (x: Texts): Texts => ({
  en: capital(x.en),
  de: capital(x.de),
  pl: capital(x.pl),
  sk: capital(x.sk),
});

export const ETIM_FEATURES: Record<string, EtimFeature> = {
  EF002169: {
    id: 'EF002169',
    type: 'A',
    name: t('Material', 'Material', 'Materiał', 'Materiál'),
    values: Object.fromEntries(MATERIALS.map((m) => [m.etimValue, capitalAll(m.name)])),
  },
  EF000007: {
    id: 'EF000007',
    type: 'A',
    name: t('Colour', 'Farbe', 'Kolor', 'Farba'),
    values: Object.fromEntries(COLOURS.map((c) => [c.etimValue, capitalAll(c.name)])),
  },
  EF004283: {
    id: 'EF004283',
    type: 'A',
    name: t('Clothing size', 'Konfektionsgröße', 'Rozmiar odzieży', 'Veľkosť oblečenia'),
    values: Object.fromEntries(
      SIZES.map((s, i) => [`EV0100${String(i + 1).padStart(2, '0')}`, t(s, s, s, s)]),
    ),
  },
  EF000025: {
    id: 'EF000025',
    type: 'L',
    name: t('Halogen free', 'Halogenfrei', 'Bezhalogenowy', 'Bezhalogénový'),
  },
  EF006007: {
    id: 'EF006007',
    type: 'L',
    name: t(
      'With anti-slip layer',
      'Mit Antirutschschicht',
      'Z warstwą antypoślizgową',
      'S protišmykovou vrstvou',
    ),
  },
  EF001742: {
    id: 'EF001742',
    type: 'R',
    name: t('Operating temperature', 'Betriebstemperatur', 'Temperatura pracy', 'Prevádzková teplota'),
    unit: '°C',
    min: -30,
    max: 60,
  },
  EF001438: {
    id: 'EF001438',
    type: 'N',
    name: t('Length', 'Länge', 'Długość', 'Dĺžka'),
    unit: 'mm',
    min: 10,
    max: 5000,
  },
  EF000008: {
    id: 'EF000008',
    type: 'N',
    name: t('Width', 'Breite', 'Szerokość', 'Šírka'),
    unit: 'mm',
    min: 10,
    max: 800,
  },
  EF000049: {
    id: 'EF000049',
    type: 'N',
    name: t('Height', 'Höhe', 'Wysokość', 'Výška'),
    unit: 'mm',
    min: 10,
    max: 900,
  },
  EF000167: {
    id: 'EF000167',
    type: 'N',
    name: t('Weight', 'Gewicht', 'Waga', 'Hmotnosť'),
    unit: 'g',
    min: 20,
    max: 6000,
  },
  EF000116: {
    id: 'EF000116',
    type: 'N',
    name: t('RAL-number', 'RAL-Nummer', 'Numer RAL', 'Číslo RAL'),
    min: 1000,
    max: 9023,
  },
  EF000133: {
    id: 'EF000133',
    type: 'N',
    name: t('Rated voltage', 'Bemessungsspannung', 'Napięcie znamionowe', 'Menovité napätie'),
    unit: 'V',
    min: 12,
    max: 400,
  },
  EF000280: {
    id: 'EF000280',
    type: 'N',
    name: t('Power', 'Leistung', 'Moc', 'Výkon'),
    unit: 'W',
    min: 3,
    max: 2000,
  },
};

export interface EtimClass {
  id: string;
  groupId: string;
  name: Texts;
  features: string[];
}

export const ETIM_GROUPS: Record<string, Texts> = {
  EG000001: t('Cables', 'Kabel', 'Kable', 'Káble'),
  EG000002: t('Switching devices', 'Schaltgeräte', 'Łączniki', 'Spínacie prístroje'),
  EG000006: t(
    'Installation ducts for wall and ceiling',
    'Installationskanäle für Wand und Decke',
    'Kanały instalacyjne ścienne i sufitowe',
    'Inštalačné kanály na stenu a strop',
  ),
  EG000018: t('Hand tools', 'Handwerkzeuge', 'Narzędzia ręczne', 'Ručné náradie'),
  EG000019: t('Power tools', 'Elektrowerkzeuge', 'Elektronarzędzia', 'Elektrické náradie'),
  EG000027: t('Lamps', 'Lampen', 'Lampy', 'Lampy'),
  EG000044: t('Garden', 'Garten', 'Ogród', 'Záhrada'),
  EG000049: t('Home textiles', 'Heimtextilien', 'Tekstylia domowe', 'Bytový textil'),
  EG000050: t('Sports equipment', 'Sportausrüstung', 'Sprzęt sportowy', 'Športové vybavenie'),
  EG000051: t('Clothing', 'Bekleidung', 'Odzież', 'Oblečenie'),
  EG000060: t('Office supplies', 'Bürobedarf', 'Artykuły biurowe', 'Kancelárske potreby'),
  EG000061: t('Software', 'Software', 'Oprogramowanie', 'Softvér'),
};

/** Indexed by `Group.etimClass`; the last one is the seed's example class. */
export const ETIM_CLASSES: EtimClass[] = [
  {
    id: 'EC000057',
    groupId: 'EG000001',
    name: t(
      'Low-voltage power cable',
      'Niederspannungskabel',
      'Kabel niskiego napięcia',
      'Nízkonapäťový kábel',
    ),
    features: ['EF002169', 'EF000007', 'EF001438', 'EF000133', 'EF000025'],
  },
  {
    id: 'EC000029',
    groupId: 'EG000002',
    name: t('Switch', 'Schalter', 'Łącznik', 'Spínač'),
    features: ['EF000007', 'EF000133', 'EF002169', 'EF000116'],
  },
  {
    id: 'EC001959',
    groupId: 'EG000027',
    name: t('LED lamp', 'LED-Lampe', 'Lampa LED', 'LED lampa'),
    features: ['EF000280', 'EF000133', 'EF000007', 'EF001438'],
  },
  {
    id: 'EC000199',
    groupId: 'EG000019',
    name: t(
      'Drill (electric)',
      'Bohrmaschine (elektrisch)',
      'Wiertarka (elektryczna)',
      'Vŕtačka (elektrická)',
    ),
    features: ['EF000280', 'EF000167', 'EF000133'],
  },
  {
    id: 'EC000235',
    groupId: 'EG000018',
    name: t('Screwdriver', 'Schraubendreher', 'Wkrętak', 'Skrutkovač'),
    features: ['EF001438', 'EF002169', 'EF006007'],
  },
  {
    id: 'EC000213',
    groupId: 'EG000018',
    name: t('Saw', 'Säge', 'Piła', 'Píla'),
    features: ['EF001438', 'EF000167', 'EF002169'],
  },
  {
    id: 'EC011394',
    groupId: 'EG000044',
    name: t('Planter', 'Pflanzkübel', 'Donica', 'Kvetináč'),
    features: ['EF002169', 'EF000007', 'EF000049', 'EF000008'],
  },
  {
    id: 'EC010942',
    groupId: 'EG000044',
    name: t('Garden hose', 'Gartenschlauch', 'Wąż ogrodowy', 'Záhradná hadica'),
    features: ['EF001438', 'EF002169', 'EF001742'],
  },
  {
    id: 'EC011505',
    groupId: 'EG000049',
    name: t('Cushion', 'Kissen', 'Poduszka', 'Vankúš'),
    features: ['EF002169', 'EF000007', 'EF000008'],
  },
  {
    id: 'EC011607',
    groupId: 'EG000050',
    name: t('Tennis racket', 'Tennisschläger', 'Rakieta tenisowa', 'Tenisová raketa'),
    features: ['EF000167', 'EF002169', 'EF001438'],
  },
  {
    id: 'EC011608',
    groupId: 'EG000050',
    name: t('Ball', 'Ball', 'Piłka', 'Lopta'),
    features: ['EF002169', 'EF000007'],
  },
  {
    id: 'EC011609',
    groupId: 'EG000050',
    name: t('Drinking bottle', 'Trinkflasche', 'Bidon', 'Fľaša na pitie'),
    features: ['EF002169', 'EF000007', 'EF000049'],
  },
  {
    id: 'EC011700',
    groupId: 'EG000051',
    name: t('T-shirt', 'T-Shirt', 'Koszulka', 'Tričko'),
    features: ['EF002169', 'EF000007', 'EF004283'],
  },
  {
    id: 'EC011701',
    groupId: 'EG000051',
    name: t('Jacket', 'Jacke', 'Kurtka', 'Bunda'),
    features: ['EF002169', 'EF000007', 'EF004283', 'EF001742'],
  },
  {
    id: 'EC011702',
    groupId: 'EG000051',
    name: t('Work gloves', 'Arbeitshandschuhe', 'Rękawice robocze', 'Pracovné rukavice'),
    features: ['EF002169', 'EF004283', 'EF006007'],
  },
  {
    id: 'EC011800',
    groupId: 'EG000060',
    name: t('Notebook (paper)', 'Notizbuch (Papier)', 'Notes (papierowy)', 'Zápisník (papierový)'),
    features: ['EF000008', 'EF000049', 'EF000007'],
  },
  {
    id: 'EC011801',
    groupId: 'EG000060',
    name: t('Ballpoint pen', 'Kugelschreiber', 'Długopis', 'Guľôčkové pero'),
    features: ['EF000007', 'EF001438'],
  },
  {
    id: 'EC011900',
    groupId: 'EG000061',
    name: t('Software licence', 'Softwarelizenz', 'Licencja oprogramowania', 'Softvérová licencia'),
    features: [],
  },
  {
    id: 'EC000722',
    groupId: 'EG000006',
    name: t('On-floor installation duct', 'Fußbodenkanal', 'Kanał podłogowy', 'Podlahový inštalačný kanál'),
    features: ['EF002169', 'EF000025', 'EF001742', 'EF001438', 'EF000116', 'EF006007'],
  },
];

export const ETIM_CLASS_BY_ID = new Map(ETIM_CLASSES.map((c) => [c.id, c]));

const YES_NO: Record<Lang, [string, string]> = {
  en: ['Yes', 'No'],
  de: ['Ja', 'Nein'],
  pl: ['Tak', 'Nie'],
  sk: ['Áno', 'Nie'],
};
export const NOT_APPLICABLE: Texts = t('Not applicable', 'Nicht anwendbar', 'Nie dotyczy', 'Neaplikovateľné');
const UNKNOWN: Texts = t('Unknown', 'Unbekannt', 'Nieznany', 'Neznáme');

function pickLang(x: Record<string, string> | undefined, lang: string): string | undefined {
  if (!x) return undefined;
  return x[lang] ?? x.en ?? Object.values(x)[0];
}

/** "On-floor installation duct (EC000722)" style text for a class or group code. */
export function describeCode(code: string, lang: string): string {
  const named = ETIM_CLASS_BY_ID.get(code)?.name ?? ETIM_GROUPS[code];
  const name = pickLang(named, lang);
  return name ? `${name} (${code})` : code;
}

/** A feature and its value as the `lang=` form of the seed shows it: `["Length", "80 mm"]`. */
export function describeFeature(id: string, value: unknown, lang: string): [string, string] {
  const f = ETIM_FEATURES[id];
  const name = pickLang(f?.name, lang) ?? id;
  const l = (lang in YES_NO ? lang : 'en') as Lang;
  const unit = f?.unit ? ` ${f.unit}` : '';
  if (value === 'NA') return [name, NOT_APPLICABLE[l]];
  if (value === 'UN') return [name, UNKNOWN[l]];
  if (Array.isArray(value)) return [name, `${value.map(String).join('..')}${unit}`];
  const v = String(value);
  if (f?.type === 'L') return [name, v === 'true' ? YES_NO[l][0] : YES_NO[l][1]];
  if (f?.type === 'A') return [name, pickLang(f.values?.[v], lang) ?? v];
  return [name, `${v}${unit}`];
}
