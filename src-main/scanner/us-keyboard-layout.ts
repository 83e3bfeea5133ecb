// The US keyboard layout, as HID usage IDs of the Keyboard/Keypad page (0x07) to characters. Scanners
// in keyboard mode default to it ("USA" keyboard country); a site whose scanners are set to another
// country layout must set them back to USA for the HID keyboard reader (the wedge reader in the
// renderer goes through the OS layout instead).

/** [unshifted, shifted] for each usage that types a character. Letters are handled separately. */
const KEYS: Record<number, readonly [string, string]> = {
  0x1e: ['1', '!'],
  0x1f: ['2', '@'],
  0x20: ['3', '#'],
  0x21: ['4', '$'],
  0x22: ['5', '%'],
  0x23: ['6', '^'],
  0x24: ['7', '&'],
  0x25: ['8', '*'],
  0x26: ['9', '('],
  0x27: ['0', ')'],
  0x2c: [' ', ' '],
  0x2d: ['-', '_'],
  0x2e: ['=', '+'],
  0x2f: ['[', '{'],
  0x30: [']', '}'],
  0x31: ['\\', '|'],
  0x32: ['\\', '|'], // Non-US # and ~: the same key as backslash on a US layout (as Linux maps it)
  0x33: [';', ':'],
  0x34: ["'", '"'],
  0x35: ['`', '~'],
  0x36: [',', '<'],
  0x37: ['.', '>'],
  0x38: ['/', '?'],
};

/** Keypad usages (Num Lock assumed on, as scanners that use the keypad expect). Shift does not apply. */
const KEYPAD: Record<number, string> = {
  0x54: '/',
  0x55: '*',
  0x56: '-',
  0x57: '+',
  0x59: '1',
  0x5a: '2',
  0x5b: '3',
  0x5c: '4',
  0x5d: '5',
  0x5e: '6',
  0x5f: '7',
  0x60: '8',
  0x61: '9',
  0x62: '0',
  0x63: '.',
  0x67: '=',
};

export const KEY_ENTER = 0x28;
export const KEY_TAB = 0x2b;
export const KEY_CAPS_LOCK = 0x39;
export const KEY_KEYPAD_ENTER = 0x58;
/** The keyboard reports this in every slot when too many keys are down at once ("phantom state"). */
export const KEY_ERROR_ROLLOVER = 0x01;

export const MOD_CTRL = 0x01 | 0x10;
export const MOD_SHIFT = 0x02 | 0x20;
export const MOD_ALT = 0x04 | 0x40;

export function isKeypadDigit(usage: number): boolean {
  return usage >= 0x59 && usage <= 0x62;
}

export function keypadDigit(usage: number): string | null {
  return isKeypadDigit(usage) ? (KEYPAD[usage] ?? null) : null;
}

/** The character a usage types on a US layout, or null for keys that type none (F-keys, arrows, ...). */
export function usCharacter(usage: number, shift: boolean, capsLock: boolean): string | null {
  if (usage >= 0x04 && usage <= 0x1d) {
    const letter = String.fromCharCode(0x61 + usage - 0x04);
    return shift !== capsLock ? letter.toUpperCase() : letter;
  }
  const pair = KEYS[usage];
  if (pair) return shift ? pair[1] : pair[0];
  return KEYPAD[usage] ?? null;
}

/**
 * Ctrl + key as an ASCII control character, the way scanners send GS in keyboard mode (Ctrl+] = 0x1D).
 * Null for combinations that produce no control character.
 */
export function controlCharacter(char: string): string | null {
  const upper = char.toUpperCase();
  const code = upper.charCodeAt(0);
  if (upper.length === 1 && code >= 0x40 && code <= 0x5f) return String.fromCharCode(code - 0x40);
  return null;
}
