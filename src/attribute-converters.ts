/**
 * How the element reads its Boolean attributes (today `include-query`). Lit's own Boolean converter treats any
 * attribute that is present as true, so `include-query="false"`, which Vue, Svelte and Angular write when a
 * binding is `false`, would turn the option on. Here the attribute means what it says.
 */
import type { ComplexAttributeConverter } from 'lit';

/**
 * A Boolean attribute: absent is false, `"false"` in any letter case is false, anything else (also `""`, as in
 * `<csat-survey include-query>`) is true. Written back as a bare attribute when true, removed when false.
 */
export const booleanAttribute: ComplexAttributeConverter<boolean> = {
  fromAttribute: (value: string | null) => value !== null && value.toLowerCase() !== 'false',
  toAttribute: (value: boolean) => (value ? '' : null),
};
