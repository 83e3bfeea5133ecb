// Texts for the maintenance engine: PM checklists, corrective jobs, operator fault reports and
// triage rejection reasons.
import { list } from './names.ts';
import type { Rng } from './prng.ts';

export interface TaskTemplate {
  description: string;
  mandatory: boolean;
  /** For 'input' tasks: produces the recorded value. */
  input?: (rng: Rng) => string;
}

const t = (description: string, mandatory = true, input?: (rng: Rng) => string): TaskTemplate => ({
  description,
  mandatory,
  ...(input === undefined ? {} : { input }),
});

const oilPressure = (rng: Rng): string => `${rng.decimal(2.8, 5.6, 1)} bar at idle`;
const coolant = (rng: Rng): string => `${rng.int(-38, -30)} °C freeze point`;
const lining = (rng: Rng): string => `${rng.int(6, 18)} mm`;
const tread = (rng: Rng): string => `${rng.decimal(4, 16, 1)} mm`;
const insulation = (rng: Rng): string => `${rng.int(50, 900)} MΩ`;

export const HOUR_SERVICE_TASKS: Record<number, readonly TaskTemplate[]> = {
  250: [
    t('Drain engine oil and refill to the dipstick mark'),
    t('Replace engine oil filter'),
    t('Record engine oil pressure', true, oilPressure),
    t('Grease all pivot points and slew ring'),
    t('Check fan and alternator belt tension', false),
    t('Inspect for oil, fuel and coolant leaks'),
  ],
  500: [
    t('Drain engine oil and replace oil filter'),
    t('Replace primary and secondary fuel filters'),
    t('Replace fuel water separator element'),
    t('Replace hydraulic return filter'),
    t('Clean air filter primary element', false),
    t('Test coolant strength', true, coolant),
    t('Take engine oil sample for analysis', false),
  ],
  1000: [
    t('Carry out all 500 h service items'),
    t('Replace air filter primary and safety elements'),
    t('Change transmission oil and filter'),
    t('Check and adjust valve clearances'),
    t('Take hydraulic oil sample for analysis'),
    t('Record engine oil pressure', true, oilPressure),
  ],
};

export const INSPECTION_TASKS: readonly TaskTemplate[] = [
  t('Walk-around check for damage and leaks'),
  t('Test horn, lights, beacon and reverse alarm'),
  t('Check fire extinguisher is charged and tagged'),
  t('Check seat belt and ROPS mountings'),
  t('Measure tyre tread depth', false, tread),
  t('Measure brake lining thickness', false, lining),
  t('Check guards and emergency stops', true),
];

export const ELECTRICAL_TASKS: readonly TaskTemplate[] = [
  t('Isolate and lock out the supply'),
  t('Thermal scan of terminals and busbars'),
  t('Measure motor insulation resistance', true, insulation),
  t('Check earth bonding and cable glands'),
  t('Test emergency stop circuit'),
];

export const REPAIR_TASKS: readonly TaskTemplate[] = [
  t('Isolate, lock out and tag the machine'),
  t('Diagnose the fault and record the cause'),
  t('Replace failed parts'),
  t('Function test under load'),
  t('Clean up and return machine to operations', false),
];

/** Corrective jobs and operator fault reports that fit a kind of machine. */
export interface WorkTexts {
  jobs: readonly string[];
  faults: readonly string[];
}

const VEHICLE: WorkTexts = {
  jobs: list(`
    Repair air leak on service brake line, Replace alternator, Repair cab door latch,
    Re-gas air conditioning, Replace starter battery, Repair exhaust manifold leak,
    Replace cracked windscreen, Rewire faulty work lights, Replace split radiator hose,
    Repair fuel tank sender unit
  `),
  faults: list(`
    Engine overheating under load, Air conditioning not cooling in cab, Reverse alarm not working,
    Cracked windscreen, Fuel gauge reads empty with a full tank, Black smoke on start-up,
    Steering feels heavy, Low brake air pressure warning light on
  `),
};

const EARTHMOVING: WorkTexts = {
  jobs: [
    ...VEHICLE.jobs,
    ...list('Replace leaking hydraulic hose on boom, Replace worn cutting edge, Replace worn bucket teeth'),
  ],
  faults: [
    ...VEHICLE.faults,
    ...list('Hydraulic oil leaking at boom cylinder, Knocking noise from final drive'),
  ],
};

const TRACKED: WorkTexts = {
  jobs: [...EARTHMOVING.jobs, ...list('Adjust track tension, Replace seized idler bearing')],
  faults: [...EARTHMOVING.faults, 'Track keeps coming off the idler'],
};

const HAUL: WorkTexts = {
  jobs: [...VEHICLE.jobs, ...list('Replace front tyre, Repair body hoist cylinder leak')],
  faults: [...VEHICLE.faults, ...list('Cut in front left tyre sidewall, Body does not lower fully')],
};

const STATIONARY_ENGINE: WorkTexts = {
  jobs: list(
    'Replace starter battery, Repair exhaust manifold leak, Replace split radiator hose, Replace fuel lift pump',
  ),
  faults: list('Black smoke on start-up, Engine overheating under load, Will not start on first attempt'),
};

const ELECTRIC_DRIVE: WorkTexts = {
  jobs: list('Replace drive motor bearings, Tighten and re-terminate supply cable, Replace contactor'),
  faults: list('Motor running hot, Tripping the breaker on start, Unusual noise from the gearbox'),
};

const TRAILER: WorkTexts = {
  jobs: list(
    'Repair air leak at brake coupling, Replace torn curtain strap, Replace marker light, Re-align axle',
  ),
  faults: list(
    'Air leak at trailer brake coupling, Curtain strap torn, Marker lights not working, Tyre wearing on the inside',
  ),
};

// prettier-ignore
export const WORK_TEXTS: Record<string, WorkTexts> = {
  EX: TRACKED, DZ: TRACKED, WL: EARTHMOVING, GR: EARTHMOVING, DT: HAUL, ADT: HAUL, WB: HAUL, PM: HAUL,
  GEN: {
    jobs: [...STATIONARY_ENGINE.jobs, 'Replace AVR on alternator'],
    faults: [...STATIONARY_ENGINE.faults, ...list('Generator tripping on overload, Voltage fluctuating under load')],
  },
  C: { jobs: STATIONARY_ENGINE.jobs, faults: [...STATIONARY_ENGINE.faults, 'Compressor not building pressure'] },
  LT: { jobs: list('Replace lamp, Repair mast winch cable'), faults: list('Two lamps out, Mast will not raise') },
  P: {
    jobs: [...ELECTRIC_DRIVE.jobs, ...list('Replace impeller, Replace mechanical seal')],
    faults: [...ELECTRIC_DRIVE.faults, ...list('Pump vibrating with a noisy bearing, Pump losing prime')],
  },
  TR: TRAILER,
  RT: { jobs: [...TRAILER.jobs, 'Top up refrigerant on reefer unit'], faults: [...TRAILER.faults, 'Reefer unit not holding -18 °C'] },
  FL: {
    jobs: [...VEHICLE.jobs.slice(0, 6), 'Adjust mast chains', 'Replace fork'],
    faults: [...VEHICLE.faults.slice(0, 3), 'Forklift mast chain slack', 'Fork tip cracked'],
  },
  RS: { jobs: [...HAUL.jobs, 'Repair spreader twistlock'], faults: [...HAUL.faults, 'Spreader twistlock not locking'] },
  RTK: { jobs: ELECTRIC_DRIVE.jobs, faults: [...ELECTRIC_DRIVE.faults, 'Battery not holding charge for a shift'] },
  CV: { jobs: ELECTRIC_DRIVE.jobs, faults: [...ELECTRIC_DRIVE.faults, 'Conveyor belt tracking off to one side'] },
  DL: { jobs: list('Replace hydraulic cylinder seal, Repair lip hinge'), faults: list('Dock leveller lip does not extend') },
};

export function workTexts(prefix: string): WorkTexts {
  return WORK_TEXTS[prefix] ?? VEHICLE;
}

export const REJECTION_REASONS = list(`
  Duplicate of an open request for the same machine,
  Operator error: parking brake was applied,
  Normal operating noise according to the manufacturer,
  Already covered by the scheduled 500 h service,
  Could not reproduce; machine tested OK by the supervisor,
  Damage is cosmetic; logged for the next major service
`);
