// The equipment the demo fleets are drawn from: kinds of unit with makes and models, meters, usage,
// technical specs (asset_specs JSONB) and the components fitted inside each unit (assets.parent_id).
import type { Rng } from './prng.ts';

export type Specs = Record<string, string | number | boolean>;

export interface AssetModel {
  make: string;
  model: string;
  /** GS1 company prefix (7 digits) for the manufacturer's barcode plate. */
  gs1: string;
  specs: Specs;
}

export interface ComponentKind {
  name: string;
  /** Appended to the unit's client code: EX-101/ENG. */
  suffix: string;
  make?: string;
  model?: string;
  /** Has its own hour meter (engines, refrigeration units). */
  hours: boolean;
  specs?: Specs;
}

export interface AssetKind {
  prefix: string;
  kind: string;
  category: string;
  weight: number;
  models: readonly AssetModel[];
  /** Run-hour meter, odometer (km), both or neither. */
  meter: 'hours' | 'km' | 'hours+km' | 'none';
  hoursPerDay: readonly [number, number];
  /** Litres of diesel per run hour (0 for electric or unpowered). */
  fuelPerHour: readonly [number, number];
  /** Has the 250 h / 500 h service pair. */
  hourService: boolean;
  components: readonly ComponentKind[];
}

const m = (make: string, model: string, gs1: string, specs: Specs): AssetModel => ({
  make,
  model,
  gs1,
  specs,
});
const c = (name: string, suffix: string, hours = false, make?: string, model?: string): ComponentKind => ({
  name,
  suffix,
  hours,
  ...(make === undefined ? {} : { make }),
  ...(model === undefined ? {} : { model }),
});

const ENGINE = c('Diesel engine', 'ENG', true);

// prettier-ignore
export const MINING_FLEET: readonly AssetKind[] = [
  {
    prefix: 'EX', kind: 'Excavator', category: 'Earthmoving', weight: 12, meter: 'hours',
    hoursPerDay: [6, 20], fuelPerHour: [18, 32], hourService: true,
    models: [
      m('Caterpillar', '336', '0044102', { engine: 'Cat C9.3B', rated_power_kw: 232, operating_weight_kg: 36_000, bucket_m3: 1.9 }),
      m('Komatsu', 'PC210-11', '4957671', { engine: 'Komatsu SAA6D107E-3', rated_power_kw: 123, operating_weight_kg: 21_000, bucket_m3: 1.2 }),
      m('Volvo', 'EC480E', '7318122', { engine: 'Volvo D13J', rated_power_kw: 274, operating_weight_kg: 48_500, bucket_m3: 3.0 }),
    ],
    components: [ENGINE, c('Main hydraulic pump', 'HYD'), c('Swing drive', 'SWG'), c('Final drive, left', 'FDL'), c('Final drive, right', 'FDR')],
  },
  {
    prefix: 'DT', kind: 'Rigid dump truck', category: 'Haulage', weight: 10, meter: 'hours+km',
    hoursPerDay: [10, 22], fuelPerHour: [40, 75], hourService: true,
    models: [
      m('Caterpillar', '777G', '0044102', { engine: 'Cat C32', rated_power_kw: 758, payload_t: 98 }),
      m('Komatsu', 'HD785-7', '4957671', { engine: 'Komatsu SAA12V140E-3', rated_power_kw: 895, payload_t: 91 }),
    ],
    components: [ENGINE, c('Transmission', 'TRN'), c('Rear axle differential', 'DIF'), c('Wheel motor, left', 'WML')],
  },
  {
    prefix: 'ADT', kind: 'Articulated dump truck', category: 'Haulage', weight: 8, meter: 'hours+km',
    hoursPerDay: [8, 20], fuelPerHour: [22, 35], hourService: true,
    models: [
      m('Volvo', 'A40G', '7318122', { engine: 'Volvo D16J', rated_power_kw: 350, payload_t: 39 }),
      m('Bell', 'B45E', '6001234', { engine: 'Mercedes-Benz OM502LA', rated_power_kw: 390, payload_t: 41 }),
    ],
    components: [ENGINE, c('Transmission', 'TRN'), c('Front axle', 'FAX')],
  },
  {
    prefix: 'WL', kind: 'Wheel loader', category: 'Earthmoving', weight: 7, meter: 'hours',
    hoursPerDay: [6, 18], fuelPerHour: [16, 28], hourService: true,
    models: [
      m('Caterpillar', '966M', '0044102', { engine: 'Cat C9.3', rated_power_kw: 222, bucket_m3: 4.2 }),
      m('Komatsu', 'WA470-8', '4957671', { engine: 'Komatsu SAA6D125E-7', rated_power_kw: 205, bucket_m3: 4.0 }),
    ],
    components: [ENGINE, c('Torque converter', 'TQC'), c('Lift cylinder', 'LFC')],
  },
  {
    prefix: 'DZ', kind: 'Track-type dozer', category: 'Earthmoving', weight: 5, meter: 'hours',
    hoursPerDay: [6, 18], fuelPerHour: [30, 48], hourService: true,
    models: [
      m('Caterpillar', 'D8T', '0044102', { engine: 'Cat C15', rated_power_kw: 231, blade: 'SU', operating_weight_kg: 39_300 }),
      m('Komatsu', 'D155AX-8', '4957671', { engine: 'Komatsu SAA6D140E-7', rated_power_kw: 264, blade: 'SIGMADOZER', operating_weight_kg: 41_700 }),
    ],
    components: [ENGINE, c('Undercarriage', 'UC'), c('Ripper', 'RIP')],
  },
  {
    prefix: 'GR', kind: 'Motor grader', category: 'Earthmoving', weight: 3, meter: 'hours',
    hoursPerDay: [4, 14], fuelPerHour: [14, 22], hourService: true,
    models: [m('Caterpillar', '140M3', '0044102', { engine: 'Cat C9.3', rated_power_kw: 162, moldboard_m: 3.7 })],
    components: [ENGINE, c('Tandem drive', 'TDM')],
  },
  {
    prefix: 'GEN', kind: 'Diesel generator', category: 'Power', weight: 8, meter: 'hours',
    hoursPerDay: [8, 24], fuelPerHour: [40, 110], hourService: true,
    models: [
      m('Perkins', '2506A-E15TAG2', '5012346', { voltage: '400v', frequency_hz: 50, rating_kva: 500, rpm: 1500 }),
      m('Cummins', 'C550D5', '0075341', { voltage: '400v', frequency_hz: 50, rating_kva: 550, rpm: 1500 }),
      m('FG Wilson', 'P275-5', '5012347', { voltage: '400v', frequency_hz: 50, rating_kva: 275, rpm: 1500 }),
    ],
    components: [ENGINE, c('Alternator', 'ALT', false, 'Leroy-Somer', 'LSA 47.3'), c('Control panel', 'CP', false, 'DeepSea', 'DSE7320')],
  },
  {
    prefix: 'P', kind: 'Dewatering pump', category: 'Pumps', weight: 8, meter: 'hours',
    hoursPerDay: [10, 24], fuelPerHour: [0, 0], hourService: true,
    models: [
      m('Grundfos', 'S1.80.200.300', '5700313', { voltage: '400v', rpm: 1450, flow_m3h: 340, head_m: 45 }),
      m('Flygt', '2201 HT', '7318123', { voltage: '400v', rpm: 1460, flow_m3h: 280, head_m: 52 }),
      m('Godwin', 'CD150M', '0075342', { voltage: '220v', rpm: 1400, flow_m3h: 216, head_m: 40 }),
    ],
    components: [c('Electric motor', 'MOT', true, 'WEG', 'W22 75 kW'), c('Impeller', 'IMP'), c('Mechanical seal', 'SEL')],
  },
  {
    prefix: 'C', kind: 'Portable air compressor', category: 'Compressed air', weight: 5, meter: 'hours',
    hoursPerDay: [4, 14], fuelPerHour: [8, 16], hourService: true,
    models: [
      m('Atlas Copco', 'XAS 188', '7318124', { pressure_bar: 7, free_air_m3min: 10.9, engine: 'Kubota V3800' }),
      m('Sullair', '375H', '0075343', { pressure_bar: 10.3, free_air_m3min: 10.6, engine: 'John Deere 4045' }),
    ],
    components: [ENGINE, c('Compressor element', 'CE')],
  },
  {
    prefix: 'LT', kind: 'Lighting tower', category: 'Site services', weight: 4, meter: 'hours',
    hoursPerDay: [8, 13], fuelPerHour: [1, 2.5], hourService: false,
    models: [m('Generac', 'MLT6S', '0075344', { voltage: '240v', lamps: 4, lamp_w: 350, mast_m: 9 })],
    components: [],
  },
  {
    prefix: 'WB', kind: 'Water bowser', category: 'Site services', weight: 3, meter: 'hours+km',
    hoursPerDay: [6, 14], fuelPerHour: [10, 18], hourService: true,
    models: [m('Mercedes-Benz', 'Actros 3340 18 000 L', '4027816', { tank_l: 18_000, engine: 'OM471', axles: 3 })],
    components: [ENGINE, c('Water pump', 'WP')],
  },
];

// prettier-ignore
export const LOGISTICS_FLEET: readonly AssetKind[] = [
  {
    prefix: 'PM', kind: 'Truck tractor', category: 'Road fleet', weight: 14, meter: 'hours+km',
    hoursPerDay: [6, 14], fuelPerHour: [18, 28], hourService: true,
    models: [
      m('Scania', 'R500 A6x4NA', '7318125', { engine: 'Scania DC13', rated_power_kw: 368, gcm_t: 56 }),
      m('Volvo', 'FH16 750', '7318122', { engine: 'Volvo D16K', rated_power_kw: 551, gcm_t: 70 }),
      m('Mercedes-Benz', 'Actros 2645LS', '4027816', { engine: 'OM471', rated_power_kw: 330, gcm_t: 56 }),
      m('MAN', 'TGX 26.540', '4031234', { engine: 'MAN D2676', rated_power_kw: 397, gcm_t: 60 }),
    ],
    components: [ENGINE, c('Gearbox', 'GBX'), c('Fifth wheel', 'FW', false, 'JOST', 'JSK 37')],
  },
  {
    prefix: 'TR', kind: 'Tri-axle trailer', category: 'Road fleet', weight: 10, meter: 'km',
    hoursPerDay: [0, 0], fuelPerHour: [0, 0], hourService: false,
    models: [
      m('Henred Fruehauf', 'Tautliner 13.6 m', '6001235', { axles: 3, deck_m: 13.6, payload_t: 34 }),
      m('SA Truck Bodies', 'Flat deck 12.5 m', '6001236', { axles: 3, deck_m: 12.5, payload_t: 32 }),
    ],
    components: [c('Axle set', 'AXL', false, 'BPW', 'ECO Plus 3'), c('Landing legs', 'LL')],
  },
  {
    prefix: 'RT', kind: 'Refrigerated trailer', category: 'Road fleet', weight: 5, meter: 'km',
    hoursPerDay: [0, 0], fuelPerHour: [0, 0], hourService: false,
    models: [m('Serco', 'Reefer 13.6 m', '6001237', { axles: 3, deck_m: 13.6, setpoint_c: -18 })],
    components: [c('Refrigeration unit', 'RU', true, 'Thermo King', 'SLXi-300'), c('Axle set', 'AXL', false, 'BPW', 'ECO Plus 3')],
  },
  {
    prefix: 'FL', kind: 'Forklift', category: 'Materials handling', weight: 12, meter: 'hours',
    hoursPerDay: [4, 16], fuelPerHour: [2, 4], hourService: true,
    models: [
      m('Toyota', '8FD25', '4901235', { capacity_kg: 2500, lift_m: 4.5, fuel: 'diesel' }),
      m('Linde', 'H30D', '4017919', { capacity_kg: 3000, lift_m: 4.7, fuel: 'diesel' }),
      m('Hyster', 'H3.0FT', '0075345', { capacity_kg: 3000, lift_m: 4.8, fuel: 'diesel' }),
    ],
    components: [ENGINE, c('Mast', 'MST')],
  },
  {
    prefix: 'RS', kind: 'Reach stacker', category: 'Materials handling', weight: 3, meter: 'hours',
    hoursPerDay: [8, 20], fuelPerHour: [14, 22], hourService: true,
    models: [m('Kalmar', 'DRG450-65S5', '6412345', { capacity_t: 45, stacking_rows: 3, engine: 'Volvo TAD1151VE' })],
    components: [ENGINE, c('Spreader', 'SPR'), c('Drive axle', 'AX')],
  },
  {
    prefix: 'RTK', kind: 'Electric reach truck', category: 'Materials handling', weight: 6, meter: 'hours',
    hoursPerDay: [4, 14], fuelPerHour: [0, 0], hourService: true,
    models: [m('Jungheinrich', 'ETV 214', '4017920', { voltage: '48v', battery_ah: 620, lift_m: 10.7, capacity_kg: 1400 })],
    components: [c('Traction battery', 'BAT', false, 'Jungheinrich', '48V 620Ah'), c('Drive motor', 'MOT', true)],
  },
  {
    prefix: 'GEN', kind: 'Standby generator', category: 'Power', weight: 3, meter: 'hours',
    hoursPerDay: [0, 6], fuelPerHour: [30, 60], hourService: true,
    models: [m('Cummins', 'C400D5', '0075341', { voltage: '400v', frequency_hz: 50, rating_kva: 400, rpm: 1500 })],
    components: [ENGINE, c('Alternator', 'ALT', false, 'Stamford', 'HCI544')],
  },
  {
    prefix: 'CV', kind: 'Sortation conveyor', category: 'Warehouse systems', weight: 3, meter: 'hours',
    hoursPerDay: [10, 20], fuelPerHour: [0, 0], hourService: false,
    models: [m('Interroll', 'Crossbelt Sorter', '4006382', { voltage: '400v', rpm: 1400, belt_width_mm: 800 })],
    components: [c('Drive motor', 'MOT', true, 'SEW-Eurodrive', 'DRN100'), c('Gearbox', 'GBX', false, 'SEW-Eurodrive', 'R97')],
  },
  {
    prefix: 'DL', kind: 'Dock leveller', category: 'Warehouse systems', weight: 4, meter: 'none',
    hoursPerDay: [0, 0], fuelPerHour: [0, 0], hourService: false,
    models: [m('Hörmann', 'HLS 2', '4012345', { voltage: '400v', capacity_kg: 6000, lip_mm: 500 })],
    components: [],
  },
];

/** A plausible manufacturer's serial number for the make. */
export function serialNumber(rng: Rng, make: string): string {
  const alnum = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
  const head = make
    .replace(/[^A-Za-z]/g, '')
    .slice(0, 3)
    .toUpperCase()
    .padEnd(3, 'X');
  return `${head}${rng.chars(alnum, 5)}${rng.digits(5)}`;
}

/** The fuel tank of a kind of unit that burns fuel (litres), or null: about a long day's fuel. */
export function fuelTankLitres(kind: AssetKind): number | null {
  if (kind.fuelPerHour[1] <= 0 || kind.meter === 'km' || kind.meter === 'none') return null;
  return Math.ceil((kind.fuelPerHour[1] * Math.max(kind.hoursPerDay[1], 8) * 1.05) / 50) * 50;
}
