// The parts catalogue the demo item masters are drawn from: categories with their unit of measure,
// typical items, brands, unit costs and stock levels. Prices are in the tenant's reporting currency.
import { list } from './names.ts';

export type PartUnit = 'piece' | 'litre' | 'metre' | 'kilogram';

export interface PartCategory {
  code: string;
  name: string;
  unit: PartUnit;
  items: readonly string[];
  brands: readonly string[];
  /** Unit cost range. */
  cost: readonly [number, number];
  /** Quantity on hand in one bin. */
  qty: readonly [number, number];
  /** Reorder point range. */
  minLevel: readonly [number, number];
}

function category(
  code: string,
  name: string,
  unit: PartUnit,
  items: string,
  brands: string,
  cost: [number, number],
  qty: [number, number],
  minLevel: [number, number],
): PartCategory {
  return { code, name, unit, items: list(items), brands: list(brands), cost, qty, minLevel };
}

// prettier-ignore
export const PART_CATEGORIES: readonly PartCategory[] = [
  category('FLT', 'Filters', 'piece', `
    Engine oil filter, Fuel filter, Fuel water separator, Air filter primary element,
    Air filter safety element, Hydraulic return filter, Transmission filter, Cabin air filter,
    Coolant filter, Breather filter`,
    'Fleetguard, Donaldson, Baldwin, MANN-FILTER, Caterpillar, Komatsu', [8, 180], [2, 60], [2, 20]),
  category('LUB', 'Lubricants', 'litre', `
    Engine oil 15W-40, Hydraulic oil ISO VG 46, Hydraulic oil ISO VG 68, Gear oil 80W-90,
    Transmission fluid TO-4 SAE 30, ATF Dexron VI, Coolant extended life 50/50, Compressor oil ISO VG 46`,
    'Shell, TotalEnergies, Castrol, Mobil, Caltex', [3, 15], [20, 1040], [60, 400]),
  category('GRS', 'Grease', 'kilogram', `
    Lithium EP2 grease, Moly EP2 grease, Calcium sulfonate grease, High-temperature bearing grease`,
    'Shell, TotalEnergies, Castrol, Mobil', [6, 25], [5, 180], [15, 60]),
  category('BRG', 'Bearings', 'piece', `
    Deep groove ball bearing 6205-2RS, Deep groove ball bearing 6308-ZZ, Tapered roller bearing 32210,
    Spherical roller bearing 22216 E, Pillow block bearing UCP210, Needle roller bearing NK 25/20`,
    'SKF, FAG, NSK, Timken, NTN', [6, 420], [1, 40], [1, 8]),
  category('BLT', 'Belts', 'piece', `
    V-belt SPA 1250, V-belt B-68, Poly-V belt 8PK1795, Fan belt 13x1100, Timing belt HTD 1120-8M`,
    'Gates, Optibelt, Continental, Dayco', [9, 90], [1, 30], [2, 6]),
  category('HOS', 'Hose', 'metre', `
    Hydraulic hose 1/2 in 2-wire, Hydraulic hose 3/4 in 4-spiral, Air hose 10 mm, Fuel hose 8 mm,
    Suction hose 2 in`,
    'Parker, Gates, Manuli, Eaton', [4, 60], [10, 200], [20, 50]),
  category('FIT', 'Hydraulic fittings', 'piece', `
    JIC fitting 1/2 in, Hose ferrule 3/4 in, Quick coupler 1/2 in ISO-A, Grease nipple M8 straight,
    Banjo bolt M14, Tee adapter 3/4 in ORFS`,
    'Parker, Eaton, Stauff, Manuli', [1, 45], [5, 150], [5, 30]),
  category('ELE', 'Electrical', 'piece', `
    Alternator 24V 80A, Starter motor 24V 5.5 kW, Relay 24V 40A, Blade fuse 20A, LED work light 24W,
    Battery 12V 105Ah, Proximity sensor M18, Reverse alarm 24V`,
    'Bosch, Hella, Prestolite, Narva, Exide', [1, 650], [1, 50], [1, 10]),
  category('CBL', 'Cable', 'metre', `
    Cable 2.5 mm2 3-core, Armoured cable 4 mm2 SWA, Battery cable 35 mm2, Control cable 12-core`,
    'Aberdare, Nexans, Prysmian', [1, 25], [25, 500], [50, 100]),
  category('FST', 'Fasteners', 'piece', `
    Hex bolt M12x40 8.8, Hex bolt M16x60 10.9, Nylock nut M12, Flat washer M16, Track bolt 5/8 in UNF,
    Plough bolt 3/4 in`,
    'Unbrako, Fastenal, Bossard', [0.2, 8], [20, 2000], [50, 200]),
  category('WLD', 'Welding consumables', 'kilogram', `
    Welding electrode E7018 3.2 mm, Welding electrode E6013 2.5 mm, MIG wire ER70S-6 1.2 mm,
    Hardfacing wire 1.6 mm`,
    'ESAB, Lincoln Electric, Afrox', [4, 30], [5, 100], [10, 25]),
  category('TYR', 'Tyres', 'piece', `
    Tyre 295/80R22.5, Tyre 315/80R22.5, Tyre 385/65R22.5, Tyre 23.5R25 loader, Tyre 17.5-25 grader,
    Solid forklift tyre 28x9-15`,
    'Michelin, Bridgestone, Goodyear, Dunlop, Continental', [250, 3500], [1, 24], [2, 8]),
  category('GET', 'Ground engaging tools', 'piece', `
    Bucket tooth J350, Tooth adapter J350, Cutting edge 8-hole, Dozer end bit, Ripper shank tip,
    Bucket side cutter`,
    'Caterpillar, ESCO, Hensley, Komatsu', [25, 900], [2, 60], [4, 12]),
  category('BRK', 'Brakes', 'piece', `
    Brake pad set front, Brake shoe lining kit, Brake chamber type 30/30, Automatic slack adjuster,
    Brake disc 430 mm`,
    'Knorr-Bremse, WABCO, Haldex, Meritor', [20, 480], [1, 30], [2, 8]),
  category('PPE', 'Safety and PPE', 'piece', `
    Safety helmet class E, Safety glasses clear, Nitrile gloves pair, Reflective hi-vis vest,
    Ear plugs box of 200, Dust mask FFP2`,
    '3M, Dromex, MSA, Ansell', [1, 45], [10, 400], [20, 100]),
  category('SEA', 'Seals and gaskets', 'piece', `
    O-ring kit metric, Hydraulic cylinder seal kit, Crankshaft rear oil seal, Water pump seal kit,
    Valve cover gasket`,
    'Parker, Freudenberg, Victor Reinz, Hallite', [3, 260], [1, 40], [2, 10]),
  category('PKG', 'Packaging and load securing', 'piece', `
    Pallet stretch wrap 500 mm roll, Polyester strapping 16 mm coil, Strapping seals 16 mm box,
    Ratchet cargo strap 5 t, Corner board 50x50 mm`,
    'Signode, Mosca, Cyklop', [2, 120], [10, 300], [20, 80]),
];

/** How often each category appears in a tenant's item master. */
// prettier-ignore
export const CATEGORY_WEIGHTS: Record<'mining' | 'logistics', Record<string, number>> = {
  mining: { FLT: 14, LUB: 8, GRS: 4, BRG: 8, BLT: 5, HOS: 7, FIT: 9, ELE: 8, CBL: 3, FST: 10, WLD: 4,
    TYR: 3, GET: 8, BRK: 2, PPE: 5, SEA: 6, PKG: 0 },
  logistics: { FLT: 12, LUB: 6, GRS: 3, BRG: 5, BLT: 4, HOS: 3, FIT: 4, ELE: 10, CBL: 2, FST: 7, WLD: 1,
    TYR: 10, GET: 0, BRK: 10, PPE: 6, SEA: 5, PKG: 9 },
};

/**
 * GS1 company prefixes the demo part barcodes are issued under (7 digits; real country ranges:
 * 400-440 Germany, 500-509 UK, 600-601 South Africa, 616 Kenya, 690-699 China, 30-37 France,
 * 76 Switzerland, 73 Sweden, 80-83 Italy, 87 Netherlands, 45/49 Japan).
 */
export const PART_GS1_PREFIXES: readonly string[] = list(`
  4006381, 4017918, 5012345, 5060123, 6001007, 6009612, 6164001, 6935364, 3165140, 7612345,
  7318121, 8001234, 8712345, 4901234, 4543210, 6937012
`);
