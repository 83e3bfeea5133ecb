// Keyboard helpers for scan fields.

/** A printable key press (what a scanner or a person types), without a command modifier. */
export function isTypedCharacter(event: KeyboardEvent): boolean {
  return event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
}

/** True when the key press belongs to a control (field, button, link) rather than the page. */
export function isOnControl(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest('input, textarea, select, button, a[href], [contenteditable], [tabindex]') !== null
  );
}
