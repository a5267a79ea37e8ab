/**
 * Code lists: the fixed choices of a form as `{ value, label, hint? }` items, in the order pages show
 * them. A list is the array of its items (pages and templates iterate it), carrying what schemas and
 * pages need besides: its values as the tuple a schema's enum takes, the label of a value, and
 * whether something is one of its values.
 */

export interface Code {
  readonly value: string;
  readonly label: string;
  readonly hint?: string;
}

export type CodeList<C extends Code> = readonly C[] & {
  /** The values, in order, as a non-empty tuple (`field.code(LIST.values, …)`). */
  readonly values: readonly [C['value'], ...C['value'][]];
  /** The label of a value; the value itself when the list does not hold it; '' for none. */
  labelOf(value: string | null | undefined): string;
  isValue(value: unknown): value is C['value'];
};

/** The type of a list's values. */
export type CodeOf<L extends readonly Code[]> = L[number]['value'];

export function codeList<const L extends readonly [Code, ...Code[]]>(items: L): CodeList<L[number]> {
  type C = L[number];
  const labels = new Map<string, string>(items.map((c) => [c.value, c.label]));
  return Object.assign([...items], {
    values: items.map((c) => c.value) as [C['value'], ...C['value'][]],
    labelOf: (value: string | null | undefined) => (value ? (labels.get(value) ?? value) : ''),
    isValue: (value: unknown): value is C['value'] => typeof value === 'string' && labels.has(value),
  });
}

/**
 * The values of a record of labels by value (`{ police: 'Police', … }`), in the record's order, as the
 * tuple a schema's enum takes: each value is written once, beside its label.
 */
export const valuesOf = <const R extends Record<string, string>>(labels: R) =>
  Object.keys(labels) as [keyof R & string, ...(keyof R & string)[]];
