// How a screen is declared: its id, name, function key, the roles that may open it and its
// component. Each domain declares its screens in <domain>/screens.ts; navigation/screens.ts joins
// them into groups.
import type { UserRoleName } from '../../../src-preload/contract/roles.ts';

/** The domains whose screens form a group on the nav bar, each opened with its Alt key. */
export type GroupId = 'stock' | 'logistics' | 'maintenance';
export type GroupKey = 'Alt+1' | 'Alt+2' | 'Alt+3';

export type FunctionKey = 'F2' | 'F3' | 'F4' | 'F5' | 'F6' | 'F7' | 'F8' | 'F9' | 'F10';

/** The shell's screens use F2 and F3 everywhere; a domain's screens use F4 to F10 within it. */
export type DomainKey = Exclude<FunctionKey, 'F2' | 'F3'>;

export interface ScreenSpec {
  id: string;
  label: string;
  /** Opens the screen from anywhere in its group (no key: opened from the shell, e.g. Scanner). */
  key: FunctionKey | null;
  roles: readonly UserRoleName[];
  component: () => React.JSX.Element;
}

export interface DomainScreenSpec extends ScreenSpec {
  key: DomainKey;
}
