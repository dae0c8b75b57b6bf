// @vitest-environment jsdom
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SecretField } from '../../../renderer/src/components/SecretField';

const render = (props: Partial<Parameters<typeof SecretField>[0]> = {}) => {
  const host = document.createElement('div');
  host.innerHTML = renderToStaticMarkup(<SecretField id="f-key" label="API key" value="" onChange={() => undefined} {...props} />);
  return host;
};

describe('SecretField, the one write-only secret field', () => {
  it('is a password field a browser will not fill in, labelled, holding only what was typed', () => {
    const input = render({ value: 'typed-now' }).querySelector('input')!;
    expect(input.getAttribute('type')).toBe('password');
    expect(input.getAttribute('autocomplete')).toBe('new-password');
    expect(input.value).toBe('typed-now');
    expect(render().querySelector('label')!.getAttribute('for')).toBe('f-key');
  });

  it('says whether a secret is stored, in words and an icon, and ties that to the field', () => {
    const set = render({ status: { set: true, text: 'A password is saved.' }, describedBy: 'shared-hint' });
    const state = set.querySelector('#f-key-state')!;
    expect(state.textContent).toBe('🔒 A password is saved.');
    expect(set.querySelector('input')!.getAttribute('aria-describedby')).toBe('f-key-state shared-hint');
    const unset = render({ status: { set: false, text: 'No password is saved.' } });
    expect(unset.querySelector('#f-key-state')!.textContent).toBe('○ No password is saved.');
    expect(unset.querySelector('.secret-state--unset')).not.toBeNull();
  });

  it('marks a refused secret invalid and points at the reason', () => {
    const host = render({ error: 'Too short.', errorId: 'e-key', describedBy: 'shared-hint' });
    const input = host.querySelector('input')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('e-key shared-hint');
    expect(host.querySelector('#e-key')!.textContent).toBe('Too short.');
  });
});
