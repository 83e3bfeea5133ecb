// Attaches the wedge reader to the window: every keydown is seen first (capture phase), keys of a
// scan are kept from the page once the run is certainly a scan, characters that reached a field
// before that are taken back out (the field gets its value from before the run), and the scan goes
// to the active screen's callback. Password fields and IME composition are left alone.
import { useEffect, useRef } from 'react';
import { WedgeReader, type TargetKind, type WedgeScan, type WedgeSettings } from './wedge-reader.ts';

type Field = HTMLInputElement | HTMLTextAreaElement;

interface Snapshot {
  value: string;
  start: number | null;
  end: number | null;
}

function targetKind(target: EventTarget | null): TargetKind {
  if (target instanceof HTMLInputElement) return target.type === 'password' ? 'password' : 'input';
  if (target instanceof HTMLTextAreaElement) return 'input';
  if (target === null || target === document.body || target === document.documentElement) return 'none';
  return 'other';
}

function asField(target: EventTarget | null): Field | null {
  if (target instanceof HTMLInputElement && target.type !== 'password') return target;
  return target instanceof HTMLTextAreaElement ? target : null;
}

/** Sets a field's value the way typing would, so that React's onChange sees it. */
function restoreField(field: Field, snapshot: Snapshot): void {
  if (field.value === snapshot.value) return;
  const prototype =
    field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  // The prototype's setter, not the instance's: React tracks the instance's own value property.
  if (!Reflect.set(prototype, 'value', snapshot.value, field)) field.value = snapshot.value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  try {
    field.setSelectionRange(snapshot.start, snapshot.end);
  } catch {
    // Inputs such as type=number have no selection.
  }
}

/**
 * Listens for keyboard-wedge scans while `enabled`, and calls `onScan` with each (the latest
 * callback; it need not be stable). The reader restarts when the settings' values change.
 */
export function useWedgeScanner(
  onScan: (scan: WedgeScan) => void,
  settings: Partial<WedgeSettings> = {},
  enabled = true,
): void {
  const callback = useRef(onScan);
  useEffect(() => {
    callback.current = onScan;
  }, [onScan]);

  const settingsKey = JSON.stringify(settings);
  useEffect(() => {
    if (!enabled) return;
    const reader = new WedgeReader(JSON.parse(settingsKey) as Partial<WedgeSettings>);
    const snapshots = new Map<Field, Snapshot>();
    let timer: number | undefined;

    const deliver = (scan: WedgeScan | null): void => {
      if (scan !== null && scan.code !== '') callback.current(scan);
    };
    const onBeforeInput = (event: Event): void => {
      const field = asField(event.target);
      if (!reader.pending || field === null || snapshots.has(field)) return;
      snapshots.set(field, { value: field.value, start: field.selectionStart, end: field.selectionEnd });
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      const decision = reader.feed({
        key: event.key,
        code: event.code,
        timeStamp: event.timeStamp,
        isComposing: event.isComposing,
        shiftKey: event.shiftKey,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        capsLock: event.getModifierState('CapsLock'),
        target: targetKind(event.target),
      });
      if (decision.started) snapshots.clear();
      if (decision.reclaim > 0) {
        for (const [field, snapshot] of snapshots) restoreField(field, snapshot);
        snapshots.clear();
      }
      if (decision.consume) {
        event.preventDefault();
        event.stopPropagation();
      }
      deliver(decision.scan);
      window.clearTimeout(timer);
      if (reader.pending) {
        timer = window.setTimeout(() => {
          deliver(reader.pause(performance.now()));
        }, reader.settings.endGapMs);
      }
    };

    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('beforeinput', onBeforeInput, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('beforeinput', onBeforeInput, true);
      window.clearTimeout(timer);
    };
  }, [enabled, settingsKey]);
}
