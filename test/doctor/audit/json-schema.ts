/**
 * A small JSON Schema (2020-12) validator covering the keywords the audit report schema
 * uses: type, const, enum, properties, required, additionalProperties, items, oneOf,
 * minimum and local $ref. Returns the list of violations (empty: valid).
 */
type Schema = Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

export function validate(root: Schema, value: unknown): string[] {
  const resolve = (ref: string): Schema => {
    let node: unknown = root;
    for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Schema)[part];
    return node as Schema;
  };
  const check = (schema: Schema, v: unknown, at: string, errors: string[]): void => {
    if (typeof schema.$ref === 'string') {
      check(resolve(schema.$ref), v, at, errors);
      return;
    }
    if ('const' in schema && v !== schema.const)
      errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
    if (Array.isArray(schema.enum) && !schema.enum.includes(v))
      errors.push(`${at}: ${JSON.stringify(v)} not in enum`);
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some((t) => matchesType(v, String(t))))
        errors.push(`${at}: expected ${types.join('|')}, got ${typeOf(v)}`);
    }
    if (typeof schema.minimum === 'number' && typeof v === 'number' && v < schema.minimum)
      errors.push(`${at}: below minimum`);
    if (Array.isArray(schema.oneOf)) {
      const passing = schema.oneOf.filter((s) => {
        const sub: string[] = [];
        check(s as Schema, v, at, sub);
        return sub.length === 0;
      });
      if (passing.length !== 1) errors.push(`${at}: matches ${passing.length} of oneOf`);
    }
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      for (const name of (schema.required ?? []) as string[])
        if (!(name in obj)) errors.push(`${at}: missing ${name}`);
      for (const [name, child] of Object.entries(obj)) {
        const sub = props[name];
        if (sub !== undefined) check(sub, child, `${at}.${name}`, errors);
        else if (schema.additionalProperties === false) errors.push(`${at}: unexpected ${name}`);
        else if (
          typeof schema.additionalProperties === 'object' &&
          schema.additionalProperties !== null
        )
          check(schema.additionalProperties as Schema, child, `${at}.${name}`, errors);
      }
    }
    if (Array.isArray(v) && typeof schema.items === 'object' && schema.items !== null) {
      v.forEach((item, i) => {
        check(schema.items as Schema, item, `${at}[${i}]`, errors);
      });
    }
  };
  const errors: string[] = [];
  check(root, value, '$', errors);
  return errors;
}
