// Name pools for realistic demo people, drivers and vehicles. Acme works in Kenya, Globex in
// Southern Africa; the pools follow.
import type { Rng } from './prng.ts';

export type Region = 'kenya' | 'south_africa';

/** Splits a comma-separated list (line breaks are separators too). */
export function list(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const FIRST_NAMES: Record<Region, readonly string[]> = {
  kenya: list(`
    James, Mary, John, Grace, Peter, Faith, David, Mercy, Joseph, Esther, Daniel, Ann, Samuel,
    Caroline, Brian, Purity, Kevin, Lucy, Dennis, Janet, Collins, Nancy, Moses, Winnie, Evans,
    Sharon, Stephen, Beatrice, Geoffrey, Irene, Victor, Eunice, Kennedy, Diana, Wycliffe, Naomi,
    Felix, Gladys, Isaac, Rose
  `),
  south_africa: list(`
    Thabo, Sipho, Lerato, Naledi, Johan, Pieter, Anele, Zanele, Bongani, Karabo, Ayesha, Ruan,
    Michelle, Tshepo, Nomvula, Riaan, Precious, Mandla, Lindiwe, Sibusiso, Charlene, Werner, Palesa,
    Kagiso, Themba, Annelie, Lwazi, Busisiwe, Francois, Refilwe, Kabelo, Priya, Dineo, Hendrik,
    Nokuthula, Mpho, Yusuf, Carla
  `),
};

const LAST_NAMES: Record<Region, readonly string[]> = {
  kenya: list(`
    Wanjiru, Otieno, Mwangi, Kamau, Odhiambo, Njoroge, Kiprop, Cheruiyot, Wafula, Mutua, Kariuki,
    Ochieng, Achieng, Njeri, Kiptoo, Wekesa, Omondi, Mutiso, Chebet, Kimani, Nyambura, Barasa,
    Onyango, Koech, Mohamed, Langat, Wambui, Musyoka, Okello, Rotich, Ndungu, Atieno, Kibet, Gitau,
    Jeptoo, Makori
  `),
  south_africa: list(`
    Nkosi, Dlamini, van der Merwe, Botha, Mokoena, Naidoo, Khumalo, Pretorius, Ndlovu, Mahlangu,
    Smith, Coetzee, Mthembu, Pillay, Zulu, Venter, Sithole, Molefe, du Plessis, Govender, Nel,
    Baloyi, Maseko, Steyn, Jacobs, Mabena, Fourie, Radebe, Kruger, Moloi, Hendricks, Tau, Le Roux,
    Shabalala, Meyer, Mathebula
  `),
};

export function personName(rng: Rng, region: Region): { first: string; last: string; full: string } {
  const first = rng.pick(FIRST_NAMES[region]);
  const last = rng.pick(LAST_NAMES[region]);
  return { first, last, full: `${first} ${last}` };
}

/** The local part of an e-mail address: first.last, lower case, letters only. */
export function emailLocalPart(first: string, last: string): string {
  const clean = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');
  return `${clean(first)}.${clean(last)}`;
}

/** Hands out unique e-mail addresses for one tenant (grace.otieno, grace.otieno2, ...). */
export class EmailBook {
  private readonly used = new Map<string, number>();

  constructor(private readonly domain: string) {}

  take(first: string, last: string): string {
    const base = emailLocalPart(first, last);
    const n = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, n);
    return `${n === 1 ? base : `${base}${n}`}@${this.domain}`;
  }
}

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** A vehicle registration in the style of the region (KDA 123X; ND 123-456, CA 123-456). */
export function vehicleRegistration(rng: Rng, region: Region): string {
  if (region === 'kenya') {
    return `K${rng.chars('BCD', 1)}${rng.chars(LETTERS, 1)} ${rng.digits(3)}${rng.chars(LETTERS, 1)}`;
  }
  return `${rng.pick(['ND', 'NU', 'CA', 'CY', 'NP'])} ${rng.digits(3)}-${rng.digits(3)}`;
}
