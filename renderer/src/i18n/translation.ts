import type { en } from './locales/en';

/** The shape of `en` with every leaf widened to `string`: what each language must provide, no more, no less. */
type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export type Translation = Strings<typeof en>;
