/** Reading a value out of parsed JSON by JSON Pointer (RFC 6901), e.g. "/properties/type/const". */
export function valueAt(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let current = document;
  for (const token of pointer.slice(1).split('/')) {
    if (typeof current !== 'object' || current === null) return undefined;
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** One change to a JSON document: set the value at a pointer (adding or replacing it), or remove it. */
export type JsonChange = { readonly set: string; readonly to: unknown } | { readonly remove: string };

/** A deep copy of `document` with `change` applied; throws naming the pointer when its parent is missing. */
export function withChange(document: unknown, change: JsonChange): unknown {
  const copy = structuredClone(document);
  const pointer = 'set' in change ? change.set : change.remove;
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
  const last = tokens.pop();
  const parent = valueAt(copy, tokens.map((token) => `/${token.replaceAll('~', '~0').replaceAll('/', '~1')}`).join(''));
  if (last === undefined || typeof parent !== 'object' || parent === null)
    throw new Error(`${pointer}: no such place to change`);
  const container = parent as Record<string, unknown>;
  if ('set' in change) {
    container[last] = structuredClone(change.to);
  } else if (!(last in container)) {
    throw new Error(`${pointer}: nothing there to remove`);
  } else if (Array.isArray(parent)) {
    parent.splice(Number(last), 1);
  } else {
    Reflect.deleteProperty(container, last);
  }
  return copy;
}
