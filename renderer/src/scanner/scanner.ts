/**
 * A USB/Bluetooth barcode scanner is a keyboard that types very fast and presses Enter (or Tab).
 * This listener sits on the document in the capture phase, outside React, so a scan is caught on
 * every screen without focusing a field and never stays in whichever text field has focus.
 *
 * Telling a scanner from a person is done by timing alone, and the timing is noisy: a scanner sends
 * a key every 0–35 ms, but a loaded machine delivers them 10–90 ms apart with now and then a longer
 * hold-up, while a fast typist's two keys can come 30 ms apart. So no single gap decides. The keys
 * since the last real pause form a *run*; a run whose typical (median) gap is scanner-fast is a
 * *burst*, and a burst stays one while the run stays fast overall, even across a slow gap or two.
 *
 * Keys flow into the focused field as usual until the run becomes a burst. Then the run's keys are
 * taken back out of the field and the rest of the burst is held. A burst that ends in Enter/Tab with
 * at least `minLength` characters is a scan: the field is left as it was and the code delivered.
 * A burst that turns out to be a person (the run slows down) or never gets its Enter is *given back*:
 * its characters are put into the field as if typed. With no field focused there is nothing to give
 * back to, so a complete-looking burst without Enter is reported instead of vanishing.
 *
 * Scanners sometimes lag on their first characters (a Bluetooth link waking up, a loaded machine):
 * when nothing is focused, letters and digits typed just before a burst went nowhere, so they are
 * taken into the scan — otherwise "7310865000361" would arrive as "10865000361".
 *
 * A focused field makes that lag worse by itself: each key that lands in the field is rendered
 * (the search field looks the text up and draws its results) before the next key is handled, so on a
 * loaded machine a scan's first keys come 50–200 ms apart and look like a person, and only the keys
 * after them, held and not rendered, are fast. Those first keys stay in the field as typed, and the
 * burst alone is not the code ("7350990000287" became "0990000287" and "73509" in the search field).
 * So the keys just before a burst are kept as its *head*, and at Enter the head's last digits are
 * taken into the scan when that makes the code one the till knows (`isKnownCode`), or, when it knows
 * neither, a valid GTIN where the burst alone is not one: a check digit does not match by accident
 * often enough to glue a person's digits onto a scan.
 */

import { isValidGtin } from '../../../shared/domain/gtin';

export type ScanRejection =
  /** More characters than any barcode has: a key flood, or a stuck key on a scanner. */
  | { reason: 'too-long' }
  /** A scanner-fast burst that never got its Enter, with nowhere to give it back to. */
  | { reason: 'incomplete'; code: string };

export type ScannerOptions = {
  /** Usually `document`. */
  target: EventTarget;
  onScan: (code: string) => void;
  onReject: (rejection: ScanRejection) => void;
  /**
   * Whether a code is in the catalog; decides whether a burst's head belongs to it (see the header).
   * Without it, or while the catalog is loading, the GTIN check digit decides alone.
   */
  isKnownCode?: (code: string) => boolean;
  /**
   * A clock for tests. By default the key's own `timeStamp` is used: when the input arrived, not
   * when a busy main thread got round to the handler, which would bunch keys up or spread them out.
   */
  now?: () => number;
  /** A run is a burst when its median gap is at most this. */
  maxInterKeyMs?: number;
  /** A gap longer than this always ends a run (and a burst); also how long a burst waits for its Enter. */
  maxBurstGapMs?: number;
  minLength?: number;
  maxLength?: number;
  /** Unfocused letters/digits this close before a burst belong to it (a lagging first key). */
  leadInMs?: number;
  /** For tests: how a held burst's end is noticed when no key follows (default: `setTimeout`). */
  setTimer?: (run: () => void, ms: number) => () => void;
};

export type ScannerListener = { dispose: () => void };

type TextField = HTMLInputElement | HTMLTextAreaElement;

type Key = { char: string; at: number };

/** The keys since the last pause, and the field they were typed into as it was before them. */
type Run = {
  keys: Key[];
  field: TextField | null;
  valueBefore: string;
  selectionStart: number | null;
  selectionEnd: number | null;
  /** Unfocused characters just before the run that a lagging scanner sent (see the header). */
  lead: string;
  /**
   * The keys trimmed off the run's front as a person's, most recent last (at most a GTIN's worth):
   * typed into `field` (they end at the run's caret) or gone nowhere. A scan may claim its last digits.
   */
  head: string;
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
function writeValue(field: TextField, value: string, caret: number | null): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the native setter is called with .call(field) below
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field) as object, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  if (caret !== null) {
    try {
      field.setSelectionRange(caret, caret);
    } catch {
      // Selection is not settable on every input type; the value is what matters.
    }
  }
}

/** The run's field value with `text` typed at the run's caret. */
function typedInto(run: Run, text: string): string {
  const start = run.selectionStart ?? run.valueBefore.length;
  const end = run.selectionEnd ?? start;
  return run.valueBefore.slice(0, start) + text + run.valueBefore.slice(end);
}

/** The longest a GTIN is; a head longer than this cannot complete one. */
const MAX_GTIN_LENGTH = 14;

/**
 * How many of the head's last characters belong to the scan `code` (0: none). Only a head that makes a
 * valid GTIN is considered. A code the till knows wins: the code alone, else the longest known
 * head-and-code. Knowing neither, the longest valid head-and-code wins where the code alone is not valid.
 */
export function headClaimedBy(head: string, code: string, isKnownCode?: (code: string) => boolean): number {
  const candidates: number[] = [];
  for (let k = Math.min(head.length, MAX_GTIN_LENGTH - 1); k >= 1; k--) {
    if (isValidGtin(head.slice(-k) + code)) candidates.push(k);
  }
  if (candidates.length === 0) return 0;
  if (isKnownCode) {
    if (isKnownCode(code)) return 0;
    const known = candidates.find((k) => isKnownCode(head.slice(-k) + code));
    if (known !== undefined) return known;
  }
  return isValidGtin(code) ? 0 : candidates[0]!;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function gapsOf(keys: readonly Key[]): number[] {
  return keys.slice(1).map((key, i) => key.at - keys[i]!.at);
}

/** Keys the till's shortcuts use on the cart; see where they are let through below. */
const cartKeys = new Set(['+', '-', '*']);

// eslint-disable-next-line no-control-regex -- recognising control characters is the point
const controlChar = /[\u0000-\u001f\u007f-\u009f]/;

const defaultTimer = (run: () => void, ms: number): (() => void) => {
  const id = setTimeout(run, ms);
  return () => clearTimeout(id);
};

export function createScannerListener(options: ScannerOptions): ScannerListener {
  const { target, onScan, onReject } = options;
  const now = options.now ? () => options.now!() : null;
  const maxInterKeyMs = options.maxInterKeyMs ?? 70;
  const maxBurstGapMs = options.maxBurstGapMs ?? 500;
  const minLength = options.minLength ?? 6;
  const maxLength = options.maxLength ?? 64;
  const leadInMs = options.leadInMs ?? 300;
  const setTimer = options.setTimer ?? defaultTimer;

  let run: Run | null = null;
  let burst = false;
  let overflow = false;
  let lastAt = Number.NEGATIVE_INFINITY;
  let cancelTimer: (() => void) | null = null;

  const stopTimer = (): void => {
    cancelTimer?.();
    cancelTimer = null;
  };

  const reset = (): void => {
    stopTimer();
    run = null;
    burst = false;
    overflow = false;
    lastAt = Number.NEGATIVE_INFINITY;
  };

  /**
   * A burst that was not a scan: its characters go where they would have gone without us. Answers
   * what now sits just before the caret of `field` (or went nowhere), so that a burst starting on the
   * next key can claim it as its head: a loaded machine's slow gap, not a person, may have ended this one.
   */
  const giveBack = (): { field: TextField | null; text: string } | null => {
    const held = run;
    const wasOverflow = overflow;
    reset();
    if (!held || wasOverflow) return null;
    const text = held.keys.map((key) => key.char).join('');
    const before = held.head + held.lead + text;
    const { field } = held;
    if (field) {
      // Only if the field is as we left it: the clerk may have clicked elsewhere or cleared it.
      if (!field.isConnected || field.value !== held.valueBefore) return null;
      writeValue(field, typedInto(held, text), (held.selectionStart ?? held.valueBefore.length) + text.length);
      return { field, text: before };
    }
    if (held.lead.length + text.length >= minLength) {
      onReject({ reason: 'incomplete', code: held.lead + text });
      return null;
    }
    return { field: null, text: before };
  };

  /** A burst's end is noticed even when no key follows it (a scanner that sent no Enter). */
  const armTimer = (): void => {
    stopTimer();
    cancelTimer = setTimer(() => {
      cancelTimer = null;
      if (burst) giveBack();
    }, maxBurstGapMs);
  };

  const swallow = (event: KeyboardEvent): void => {
    event.preventDefault();
    event.stopPropagation();
  };

  /** Starts a run with this key; `head` is what came just before it (see `Run`). */
  const startRun = (char: string, at: number, field: TextField | null, head: string): void => {
    const [selectionStart, selectionEnd] = field ? selectionOf(field) : [null, null];
    run = {
      keys: [{ char, at }],
      field,
      valueBefore: field?.value ?? '',
      selectionStart,
      selectionEnd,
      lead: '',
      head: head.slice(-(MAX_GTIN_LENGTH - 1)),
    };
    lastAt = at;
  };

  /**
   * Drops a person's keys from the head of the run: the run starts after the last gap that is slow,
   * much slower than the keys after it, and after keys that were slow themselves. Those keys stay typed; unfocused ones that came
   * only just before (a lagging scanner) are kept as the lead.
   */
  const trimHead = (current: Run): void => {
    const gaps = gapsOf(current.keys);
    let cut = 0;
    for (let i = gaps.length - 1; i >= 0; i--) {
      const after = gaps.slice(i + 1);
      if (after.length === 0) continue;
      const before = gaps.slice(0, i);
      // The keys before must look like a person too: a hiccup inside a burst is not a boundary.
      const personBefore = before.length === 0 || median(before) > maxInterKeyMs;
      if (gaps[i]! > maxInterKeyMs && gaps[i]! > 3 * median(after) && personBefore) {
        cut = i + 1;
        break;
      }
    }
    // A person typing on and on without a pause: only the last keys can still turn into a scan.
    if (cut === 0 && current.keys.length > maxLength) cut = current.keys.length - maxLength;
    if (cut === 0) return;
    const dropped = current.keys.slice(0, cut);
    const droppedText = dropped.map((key) => key.char).join('');
    // A lead from an earlier trim came before these keys, so it joins the head (or becomes the lead again).
    current.head = (current.head + current.lead + droppedText).slice(-(MAX_GTIN_LENGTH - 1));
    if (current.field) {
      current.valueBefore = typedInto(current, droppedText);
      const caret = (current.selectionStart ?? current.valueBefore.length - droppedText.length) + droppedText.length;
      current.selectionStart = caret;
      current.selectionEnd = caret;
      current.lead = '';
    } else {
      // One lagging letter or digit, no more: a clerk's own unfocused keys are not glued to a scan.
      current.lead = cut === 1 && gaps[0]! <= leadInMs && /^[A-Za-z0-9]$/.test(droppedText) ? droppedText : '';
      // The lead is already part of the code; the head is what came before it.
      if (current.lead) current.head = current.head.slice(0, -current.lead.length);
    }
    current.keys = current.keys.slice(cut);
  };

  const onCharacter = (key: KeyboardEvent, t: number): void => {
    const char = key.key;
    const gap = t - lastAt;
    let givenBack: ReturnType<typeof giveBack> = null;

    if (burst && run) {
      const gaps = [...gapsOf(run.keys), gap];
      // One slow gap is a hiccup of a busy machine; a person shows as slow keys one after another.
      const previousFast = gaps.length < 2 || gaps[gaps.length - 2]! <= maxInterKeyMs;
      // With nothing focused there is no field to give keys back to: only a pause ends the burst.
      const unfocused = run.field === null && asTextField(key.target) === null;
      if (gap <= maxBurstGapMs && (median(gaps) <= maxInterKeyMs || previousFast || unfocused)) {
        swallow(key);
        lastAt = t;
        armTimer();
        if (overflow) return;
        if (run.lead.length + run.keys.length >= maxLength) {
          overflow = true;
          onReject({ reason: 'too-long' });
          return;
        }
        run.keys.push({ char, at: t });
        return;
      }
      // Too slow to be a scanner after all: what was held goes back, and this key starts afresh.
      givenBack = giveBack();
    }

    // The cart's own keys (+, −, ×) outside a burst are a clerk, never the start of a scan: each one
    // is left to the shortcuts. Inside a burst they are still a scan's characters (Code 39 has them).
    if (cartKeys.has(char)) return reset();

    const field = asTextField(key.target);
    if (!run || gap > maxBurstGapMs || run.field !== field) {
      // Unfocused keys just before a pause are forgotten; a lone lagging one is handled by trimHead.
      // A burst given back on this very key is this run's head: it may still be a scan's beginning.
      const head = givenBack && givenBack.field === field && gap <= maxBurstGapMs ? givenBack.text : '';
      startRun(char, t, field, head);
      return;
    }

    run.keys.push({ char, at: t });
    lastAt = t;
    trimHead(run);
    if (run.keys.length < 2 || median(gapsOf(run.keys)) > maxInterKeyMs) return;

    // A burst: the run's keys typed so far come back out of the field, and this one is held.
    burst = true;
    swallow(key);
    armTimer();
    const typedSoFar = run.keys
      .slice(0, -1)
      .map((k) => k.char)
      .join('');
    if (run.field && run.field.value === typedInto(run, typedSoFar)) {
      writeValue(run.field, run.valueBefore, run.selectionStart);
    } else if (run.field) {
      // The field changed under us (a script, a paste): leave it, but still read the scan.
      run.valueBefore = run.field.value;
      const [selectionStart, selectionEnd] = selectionOf(run.field);
      run.selectionStart = selectionStart;
      run.selectionEnd = selectionEnd;
    }
    if (run.lead.length + run.keys.length > maxLength) {
      overflow = true;
      onReject({ reason: 'too-long' });
    }
  };

  /** The head's last `count` characters belong to the scan: out of the field they were typed into. */
  const takeHeadBack = (held: Run, count: number): void => {
    const { field } = held;
    if (!field || !field.isConnected || field.value !== held.valueBefore) return;
    const caret = held.selectionStart ?? held.valueBefore.length;
    if (held.valueBefore.slice(caret - count, caret) !== held.head.slice(-count)) return;
    writeValue(field, held.valueBefore.slice(0, caret - count) + held.valueBefore.slice(caret), caret - count);
  };

  const onTerminator = (key: KeyboardEvent, t: number): void => {
    if (!run) return reset();
    if (!burst) return slowCodeWithNothingFocused(key, t);
    const code = run.lead + run.keys.map((k) => k.char).join('');
    const inTime = t - lastAt <= maxBurstGapMs;
    if (overflow && inTime) {
      // The terminator of a flood we already refused must not submit a form or move focus.
      swallow(key);
      return reset();
    }
    // The keys before the burst may complete it (a slow start trimmed off as a person's): a short
    // burst that they make into a known code or a valid GTIN is a scan too.
    const held = run;
    const claimed = inTime ? headClaimedBy(held.head, code, options.isKnownCode) : 0;
    if (inTime && claimed + code.length >= minLength) {
      swallow(key);
      if (claimed > 0) takeHeadBack(held, claimed);
      reset();
      onScan(held.head.slice(held.head.length - claimed) + code);
      return;
    }
    // A short fast burst is a fast typist (an Enter after "ok"), and an Enter after a pause is a person's.
    giveBack();
  };

  /**
   * Keys with no text field focused go nowhere but here, so when Enter ends them they are a code,
   * however slowly they came: a scanner on a till so loaded that its keys no longer look like a
   * burst, or a clerk typing a label's digits without clicking a field first. Read (and announced if
   * unknown), never dropped. A short run stays a person's Enter; a pause before Enter is a person too.
   */
  const slowCodeWithNothingFocused = (key: KeyboardEvent, t: number): void => {
    const held = run;
    reset();
    if (!held || held.field !== null || t - held.keys[held.keys.length - 1]!.at > maxBurstGapMs) return;
    const typed = held.lead + held.keys.map((k) => k.char).join('');
    const claimed = headClaimedBy(held.head, typed, options.isKnownCode);
    const code = held.head.slice(held.head.length - claimed) + typed;
    if (code.length < minLength || code.length > maxLength || /\s/.test(code)) return;
    swallow(key);
    onScan(code);
  };

  const onKeyDown = (event: Event): void => {
    if (!('key' in event) || typeof event.key !== 'string') return;
    const key = event as KeyboardEvent;
    // A held-down key repeats at machine speed, and IME composition is a person typing: neither is a scan.
    if (key.repeat || key.isComposing) {
      giveBack();
      return;
    }
    const t = now ? now() : key.timeStamp || performance.now();

    if (key.key === 'Enter' || key.key === 'Tab') return onTerminator(key, t);
    // Shift, Alt, arrows …: not characters, and they do not interrupt a scanner's burst either.
    if (key.key.length !== 1) return;
    if (controlChar.test(key.key)) return;
    // Shortcuts belong to the app (AltGr arrives as Ctrl+Alt and still types a character).
    if (key.metaKey || (key.ctrlKey && !key.altKey)) {
      giveBack();
      return;
    }
    onCharacter(key, t);
  };

  target.addEventListener('keydown', onKeyDown, { capture: true });
  return {
    dispose: () => {
      target.removeEventListener('keydown', onKeyDown, { capture: true });
      reset();
    },
  };
}
