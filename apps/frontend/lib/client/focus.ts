/**
 * Whether the focused element was reached with the keyboard (what `:focus-visible` tells): moving the focus on
 * for a keyboard user keeps their place; doing it after a tap would open a phone's on-screen keyboard unasked.
 */
export function focusedByKeyboard(): boolean {
  return document.activeElement?.matches(':focus-visible') ?? false;
}
