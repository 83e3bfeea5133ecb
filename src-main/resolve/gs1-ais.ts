// The GS1 Application Identifiers the station understands: format of each AI's data field (as in
// the GS1 General Specifications' AI table), whether it has a predefined length (no FNC1 needed
// after it), and how to show the value. AIs outside this table are refused with a clear error:
// without its definition the parser cannot know where an unknown AI's value ends.

/** One part of a data field: N digits or X (GS1 character set 82), `min`..`max` characters. */
export interface Gs1Component {
  type: 'N' | 'X';
  min: number;
  max: number;
  optional: boolean;
  /** Extra check: GS1 mod-10 check digit, YYMMDD date (day 00 allowed or not), HHMM time. */
  check: 'csum' | 'yymmd0' | 'yymmdd' | 'hhmm' | null;
}

export type Gs1ValueKind =
  | 'text'
  | 'date'
  | 'datetime'
  | 'measure' // 31nn-36nn: six digits, last AI digit = implied decimals
  | 'amount' // 390n/392n: up to 15 digits, last AI digit = implied decimals
  | 'currency-amount'; // 391n/393n: ISO 4217 numeric currency + amount

export interface Gs1Ai {
  ai: string;
  /** GS1 data title, e.g. 'GTIN', 'BATCH/LOT'. */
  title: string;
  /** What a storekeeper calls it. */
  label: string;
  components: Gs1Component[];
  /** Predefined length: the AI is never followed by FNC1 (first two digits in the GS1 table). */
  predefined: boolean;
  kind: Gs1ValueKind;
  unit: string | null;
}

/** First two digits of the AIs whose data has a predefined length (GS1 Gen Specs, fig. 7.8.4-2). */
const PREDEFINED = new Set([
  '00',
  '01',
  '02',
  '03',
  '04',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '41',
]);

function component(spec: string): Gs1Component {
  const optional = spec.startsWith('[');
  const [format = '', check = null] = spec.replace(/[[\]]/g, '').split(',');
  const match = /^([NX])(\.\.)?(\d+)$/.exec(format);
  if (!match) throw new Error(`gs1-ais: bad component '${spec}'`);
  const length = Number(match[3]);
  return {
    type: match[1] === 'N' ? 'N' : 'X',
    min: match[2] ? 1 : length,
    max: length,
    optional,
    check: check as Gs1Component['check'],
  };
}

const table = new Map<string, Gs1Ai>();

function define(
  ais: string | string[],
  spec: string,
  title: string,
  label: string,
  kind: Gs1ValueKind = 'text',
  unit: string | null = null,
): void {
  for (const ai of Array.isArray(ais) ? ais : [ais]) {
    table.set(ai, {
      ai,
      title,
      label,
      components: spec.split(' ').map(component),
      predefined: PREDEFINED.has(ai.slice(0, 2)),
      kind,
      unit,
    });
  }
}

/** '3100'..'3105' style ranges: the AI prefix followed by each decimal-places digit. */
function decimals(prefix: string, last = 5): string[] {
  return Array.from({ length: last + 1 }, (_, n) => `${prefix}${n}`);
}

// Keys and their qualifiers.
define('00', 'N18,csum', 'SSCC', 'Serial shipping container code');
define('01', 'N14,csum', 'GTIN', 'Trade item (GTIN)');
define('02', 'N14,csum', 'CONTENT', 'Trade items contained (GTIN)');
define('03', 'N14,csum', 'MTO GTIN', 'Made-to-order GTIN');
define('10', 'X..20', 'BATCH/LOT', 'Batch or lot');
define('11', 'N6,yymmd0', 'PROD DATE', 'Production date', 'date');
define('12', 'N6,yymmd0', 'DUE DATE', 'Due date', 'date');
define('13', 'N6,yymmd0', 'PACK DATE', 'Packaging date', 'date');
define('15', 'N6,yymmd0', 'BEST BEFORE', 'Best before', 'date');
define('16', 'N6,yymmd0', 'SELL BY', 'Sell by', 'date');
define('17', 'N6,yymmd0', 'USE BY OR EXPIRY', 'Expiry', 'date');
define('20', 'N2', 'VARIANT', 'Variant');
define('21', 'X..20', 'SERIAL', 'Serial number');
define('22', 'X..20', 'CPV', 'Consumer product variant');
define('235', 'X..28', 'TPX', 'Third-party serial extension');
define('240', 'X..30', 'ADDITIONAL ID', "Manufacturer's additional ID");
define('241', 'X..30', 'CUST. PART No.', 'Customer part number');
define('242', 'N..6', 'MTO VARIANT', 'Made-to-order variant');
define('243', 'X..20', 'PCN', 'Packaging component number');
define('250', 'X..30', 'SECONDARY SERIAL', 'Secondary serial number');
define('251', 'X..30', 'REF. TO SOURCE', 'Reference to source entity');
define('253', 'N13,csum [X..17]', 'GDTI', 'Document type identifier (GDTI)');
define('254', 'X..20', 'GLN EXTENSION COMPONENT', 'GLN extension');
define('255', 'N13,csum [N..12]', 'GCN', 'Coupon number (GCN)');
define('30', 'N..8', 'VAR. COUNT', 'Count');
define('37', 'N..8', 'COUNT', 'Count of trade items');

// Measures: six digits, the AI's last digit says how many of them are decimals.
const MEASURES: [string, string, string, string][] = [
  ['310', 'NET WEIGHT (kg)', 'Net weight', 'kg'],
  ['311', 'LENGTH (m)', 'Length', 'm'],
  ['312', 'WIDTH (m)', 'Width', 'm'],
  ['313', 'HEIGHT (m)', 'Height', 'm'],
  ['314', 'AREA (m²)', 'Area', 'm²'],
  ['315', 'NET VOLUME (l)', 'Net volume', 'l'],
  ['316', 'NET VOLUME (m³)', 'Net volume', 'm³'],
  ['320', 'NET WEIGHT (lb)', 'Net weight', 'lb'],
  ['330', 'GROSS WEIGHT (kg)', 'Gross weight', 'kg'],
  ['331', 'LENGTH (m), log', 'Length (logistic)', 'm'],
  ['332', 'WIDTH (m), log', 'Width (logistic)', 'm'],
  ['333', 'HEIGHT (m), log', 'Height (logistic)', 'm'],
  ['334', 'AREA (m²), log', 'Area (logistic)', 'm²'],
  ['335', 'VOLUME (l), log', 'Volume (logistic)', 'l'],
  ['336', 'VOLUME (m³), log', 'Volume (logistic)', 'm³'],
  ['340', 'GROSS WEIGHT (lb)', 'Gross weight', 'lb'],
];
for (const [prefix, title, label, unit] of MEASURES) {
  define(decimals(prefix), 'N6', title, label, 'measure', unit);
}
define(decimals('390', 9), 'N..15', 'AMOUNT', 'Amount payable', 'amount');
define(decimals('391', 9), 'N3 N..15', 'AMOUNT', 'Amount payable', 'currency-amount');
define(decimals('392', 9), 'N..15', 'PRICE', 'Price', 'amount');
define(decimals('393', 9), 'N3 N..15', 'PRICE', 'Price', 'currency-amount');

// Orders, parties and places.
define('400', 'X..30', 'ORDER NUMBER', "Customer's order number");
define('401', 'X..30', 'GINC', 'Consignment number (GINC)');
define('402', 'N17,csum', 'GSIN', 'Shipment number (GSIN)');
define('403', 'X..30', 'ROUTE', 'Routing code');
define('410', 'N13,csum', 'SHIP TO LOC', 'Ship to (GLN)');
define('411', 'N13,csum', 'BILL TO', 'Bill to (GLN)');
define('412', 'N13,csum', 'PURCHASE FROM', 'Purchased from (GLN)');
define('413', 'N13,csum', 'SHIP FOR LOC', 'Ship for (GLN)');
define('414', 'N13,csum', 'LOC No.', 'Location (GLN)');
define('415', 'N13,csum', 'PAY TO', 'Pay to (GLN)');
define('416', 'N13,csum', 'PROD/SERV LOC', 'Production or service location (GLN)');
define('417', 'N13,csum', 'PARTY', 'Party (GLN)');
define('420', 'X..20', 'SHIP TO POST', 'Ship-to postal code');
define('421', 'N3 X..9', 'SHIP TO POST', 'Ship-to postal code with country');
define('422', 'N3', 'ORIGIN', 'Country of origin');
define('423', 'N..15', 'COUNTRY - INITIAL PROCESS', 'Countries of initial processing');
define('424', 'N3', 'COUNTRY - PROCESS', 'Country of processing');
define('425', 'N..15', 'COUNTRY - DISASSEMBLY', 'Countries of disassembly');
define('426', 'N3', 'COUNTRY - FULL PROCESS', 'Country of full processing');
define('427', 'X..3', 'ORIGIN SUBDIVISION', 'Region of origin');

// Times, assets and internal data.
define('7003', 'N6,yymmdd N4,hhmm', 'EXPIRY TIME', 'Expiry date and time', 'datetime');
define('7020', 'X..20', 'REFURB LOT', 'Refurbishment lot');
define('7021', 'X..20', 'FUNC STAT', 'Functional status');
define('7022', 'X..20', 'REV STAT', 'Revision status');
define('7023', 'X..30', 'GIAI - ASSEMBLY', 'Assembly asset identifier (GIAI)');
define('7240', 'X..20', 'PROTOCOL', 'Protocol ID');
define('8002', 'X..20', 'CMT No.', 'Mobile phone identifier');
define('8003', 'N14,csum [X..16]', 'GRAI', 'Returnable asset identifier (GRAI)');
define('8004', 'X..30', 'GIAI', 'Individual asset identifier (GIAI)');
define('8005', 'N6', 'PRICE PER UNIT', 'Price per unit');
define('8012', 'X..20', 'VERSION', 'Software version');
define('8017', 'N18,csum', 'GSRN - PROVIDER', 'Service provider relation (GSRN)');
define('8018', 'N18,csum', 'GSRN - RECIPIENT', 'Service recipient relation (GSRN)');
define('8020', 'X..25', 'REF No.', 'Payment slip reference');
define('8200', 'X..70', 'PRODUCT URL', 'Extended packaging URL');
define('90', 'X..30', 'INTERNAL', 'Internal (agreed between partners)');
define(['91', '92', '93', '94', '95', '96', '97', '98', '99'], 'X..90', 'INTERNAL', 'Internal company data');

/** The definition of an AI, or undefined when the station does not know it. */
export function gs1Ai(ai: string): Gs1Ai | undefined {
  return table.get(ai);
}

/** The AI at the start of `text` (2, 3 or 4 digits), or undefined. */
export function matchAi(text: string): Gs1Ai | undefined {
  for (const length of [2, 3, 4]) {
    const ai = table.get(text.slice(0, length));
    if (ai) return ai;
  }
  return undefined;
}

/** Total data length when every component is fixed, else null (variable: ends at FNC1 or the end). */
export function fixedLength(ai: Gs1Ai): number | null {
  let total = 0;
  for (const c of ai.components) {
    if (c.optional || c.min !== c.max) return null;
    total += c.max;
  }
  return total;
}

/** Longest possible data field. */
export function maxLength(ai: Gs1Ai): number {
  return ai.components.reduce((sum, c) => sum + c.max, 0);
}
