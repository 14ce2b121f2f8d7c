/**
 * House rules for the schemas that JSON Schema itself cannot state: every property explains itself.
 */

/** JSON Pointers (into the schema) of every property definition that has no description. */
export function undescribedProperties(schema: unknown, pointer = ''): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, index) => undescribedProperties(item, `${pointer}/${index}`));
  if (typeof schema !== 'object' || schema === null) return [];
  const missing: string[] = [];
  for (const [keyword, value] of Object.entries(schema as Record<string, unknown>)) {
    const at = `${pointer}/${keyword}`;
    if (keyword === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, property] of Object.entries(value as Record<string, unknown>)) {
        const propertyAt = `${at}/${name}`;
        const described = typeof property === 'object' && property !== null && 'description' in property;
        if (!described) missing.push(propertyAt);
        missing.push(...undescribedProperties(property, propertyAt));
      }
    } else if (!['const', 'enum', 'examples', 'default'].includes(keyword)) {
      missing.push(...undescribedProperties(value, at));
    }
  }
  return missing;
}
