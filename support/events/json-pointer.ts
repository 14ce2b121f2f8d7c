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
