/**
 * A USB/Bluetooth barcode scanner is a keyboard that types very fast and presses Enter (or Tab).
 * This listener sits on the document in the capture phase, outside React, so a scan is caught on
 * every screen without focusing a field and never lands in whichever text field has focus.
 *
 * Telling a scanner from a person is done by timing alone: keys less than `maxInterKeyMs` apart are
 * a burst. The first key of a burst cannot be recognised in time, so it may already have been typed
 * into the focused field; when the second fast key arrives we take that character back out. From
 * then on the burst's keys are swallowed, and a terminator after at least `minLength` characters
 * delivers the code. Slow (human) typing is never touched.
 *
 * Scanners sometimes lag on their first characters (a Bluetooth link waking up, a loaded machine):
 * when nothing is focused, letters and digits typed just before a burst went nowhere, so they are
 * taken into the scan — otherwise "7310865000361" would arrive as "10865000361".
 */

export type ScannerOptions = {
  /** Usually `document`. */
  target: EventTarget;
  onScan: (code: string) => void;
  onReject: (reason: string) => void;
  /**
   * A clock for tests. By default the key's own `timeStamp` is used: when the input arrived, not
   * when a busy main thread got round to the handler, which would bunch keys up or spread them out.
   */
  now?: () => number;
  maxInterKeyMs?: number;
  minLength?: number;
  maxLength?: number;
  /** Unfocused letters/digits this close before a burst belong to it (a lagging first key). */
  leadInMs?: number;
};

export type ScannerListener = { dispose: () => void };

type TextField = HTMLInputElement | HTMLTextAreaElement;

/** What the focused field looked like before the key that may turn out to start a scan. */
type FirstKey = {
  char: string;
  field: TextField | null;
  valueBefore: string;
  selectionStart: number | null;
  selectionEnd: number | null;
};

function asTextField(target: EventTarget | null): TextField | null {
  if (target === null || typeof target !== 'object' || !('tagName' in target)) return null;
  const tag = String(target.tagName).toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' ? (target as TextField) : null;
}

function selectionOf(field: TextField): [number | null, number | null] {
  try {
    return [field.selectionStart, field.selectionEnd];
  } catch {
    // Some input types (email, number) refuse selection access.
    return [null, null];
  }
}

/**
 * Writes a value the way a user edit would arrive, so a React-controlled field updates its state too:
 * React tracks the value through its own setter, so we call the prototype's and fire `input`.
 */
function restoreValue(field: TextField, value: string, selection: [number | null, number | null]): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the native setter is called with .call(field) below
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field) as object, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  const [start, end] = selection;
  if (start !== null && end !== null) {
    try {
      field.setSelectionRange(start, end);
    } catch {
      // Selection is not settable on every input type; the value is what matters.
    }
  }
}

/** Takes the burst's first character back out of the field it was typed into, if it got there. */
function undoFirstKey(first: FirstKey): void {
  const { field, valueBefore, selectionStart, selectionEnd, char } = first;
  if (!field) return;
  const start = selectionStart ?? valueBefore.length;
  const end = selectionEnd ?? start;
  const expected = valueBefore.slice(0, start) + char + valueBefore.slice(end);
  // Only undo exactly what the key would have done; anything else was not us.
  if (field.value === expected) restoreValue(field, valueBefore, [selectionStart, selectionEnd]);
}

/** Keys the till's shortcuts use on the cart; see where they are let through below. */
const cartKeys = new Set(['+', '-', '*']);

// eslint-disable-next-line no-control-regex -- recognising control characters is the point
const controlChar = /[\u0000-\u001f\u007f-\u009f]/;

export function createScannerListener(options: ScannerOptions): ScannerListener {
  const { target, onScan, onReject } = options;
  const now = options.now ? () => options.now!() : null;
  const maxInterKeyMs = options.maxInterKeyMs ?? 50;
  const minLength = options.minLength ?? 6;
  const maxLength = options.maxLength ?? 64;
  const leadInMs = options.leadInMs ?? 300;

  let buffer = '';
  let lastAt = Number.NEGATIVE_INFINITY;
  let burst = false;
  let overflow = false;
  let first: FirstKey | null = null;
  /** Slow, unfocused letters and digits just before the current sequence (see the header). */
  let leadIn = '';

  const reset = (): void => {
    buffer = '';
    burst = false;
    overflow = false;
    first = null;
    lastAt = Number.NEGATIVE_INFINITY;
  };

  const swallow = (event: KeyboardEvent): void => {
    event.preventDefault();
    event.stopPropagation();
  };

  const onKeyDown = (event: Event): void => {
    if (!('key' in event) || typeof event.key !== 'string') return;
    const key = event as KeyboardEvent;
    // A held-down key repeats at machine speed, and IME composition is a person typing: neither is a scan.
    if (key.repeat || key.isComposing) return reset();
    const t = now ? now() : key.timeStamp || performance.now();
    const fast = t - lastAt < maxInterKeyMs;

    if (key.key === 'Enter' || key.key === 'Tab') {
      const scanned = burst && fast && !overflow && buffer.length >= minLength;
      // The terminator of a scan (or of a flood we already refused) must not submit a form or move focus;
      // after a short burst it is left alone, as it may be a fast typist's Enter.
      if (scanned || (burst && fast && overflow)) swallow(key);
      const code = buffer;
      reset();
      if (scanned) onScan(code);
      return;
    }
    // Shift, Alt, arrows …: not characters, and they do not interrupt a scanner's burst either.
    if (key.key.length !== 1) return;
    if (controlChar.test(key.key)) return;
    // Shortcuts belong to the app (AltGr arrives as Ctrl+Alt and still types a character).
    if (key.metaKey || (key.ctrlKey && !key.altKey)) return reset();
    // The cart's own keys (+, −, ×) pressed quickly are a clerk, never the start of a scan: each one
    // is left to the shortcuts. Inside a burst they are still a scan's characters (Code 39 has them).
    if (!burst && cartKeys.has(key.key)) return reset();

    if (!fast) {
      // A new sequence. If the previous one was a burst without a terminator, it is dropped here.
      const field = asTextField(key.target);
      const carried = leadInCandidate(field, t) ? leadIn + buffer : '';
      reset();
      leadIn = carried.slice(-maxLength);
      const [selectionStart, selectionEnd] = field ? selectionOf(field) : [null, null];
      first = { char: key.key, field, valueBefore: field?.value ?? '', selectionStart, selectionEnd };
      buffer = key.key;
      lastAt = t;
      return;
    }

    if (!burst) {
      burst = true;
      if (first) undoFirstKey(first);
      if (first && !first.field) buffer = leadIn + buffer;
      leadIn = '';
    }
    swallow(key);
    lastAt = t;
    if (overflow) return;
    if (buffer.length >= maxLength) {
      overflow = true;
      buffer = '';
      onReject('too long');
      return;
    }
    buffer += key.key;
  };

  /** The previous sequence was one unfocused letter or digit, and this key follows it closely. */
  function leadInCandidate(field: TextField | null, t: number): boolean {
    return (
      field === null &&
      !burst &&
      first !== null &&
      first.field === null &&
      buffer.length === 1 &&
      /^[A-Za-z0-9]$/.test(buffer) &&
      t - lastAt < leadInMs
    );
  }

  target.addEventListener('keydown', onKeyDown, { capture: true });
  return {
    dispose: () => {
      target.removeEventListener('keydown', onKeyDown, { capture: true });
      reset();
      leadIn = '';
    },
  };
}
