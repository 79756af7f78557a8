/**
 * A small JSON Schema (2020-12) validator for the keywords the report schemas under
 * docs/schemas use: `type` (one or a list), `const`, `enum`, `required`, `properties`,
 * `additionalProperties` (`false` or a schema), `items`, `prefixItems`, `minItems`,
 * `maxItems`, `minimum`, `maximum`, `oneOf`, local `$ref` (`#/$defs/…`) and
 * `format: date-time`. An unknown keyword is an error, so a schema cannot silently use
 * something this validator ignores.
 */

type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema',
  '$id',
  '$defs',
  'title',
  'description',
  'type',
  'const',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'oneOf',
  '$ref',
  'format',
]);

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

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates `value` against `root`; returns the problems (empty when valid), with JSON paths. */
export function validate(root: Schema, value: unknown): string[] {
  const resolve = (ref: string): Schema => {
    const match = /^#\/\$defs\/(.+)$/.exec(ref);
    const defs = root.$defs as Record<string, Schema> | undefined;
    const target = match?.[1] === undefined ? undefined : defs?.[match[1]];
    if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return target;
  };
  const check = (schema: Schema, v: unknown, path: string, errors: string[]): void => {
    for (const key of Object.keys(schema))
      if (!KNOWN.has(key)) throw new Error(`schema keyword ${key} at ${path} is not supported`);
    if (typeof schema.$ref === 'string') check(resolve(schema.$ref), v, path, errors);
    if (schema.type !== undefined) {
      const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).map(String);
      if (!types.some((t) => matchesType(v, t))) {
        errors.push(`${path}: expected ${types.join('|')}, got ${typeOf(v)}`);
        return;
      }
    }
    if ('const' in schema && v !== schema.const)
      errors.push(`${path}: expected ${JSON.stringify(schema.const)}, got ${JSON.stringify(v)}`);
    if (Array.isArray(schema.enum) && !schema.enum.includes(v))
      errors.push(`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(schema.enum)}`);
    if (schema.format === 'date-time' && (typeof v !== 'string' || Number.isNaN(Date.parse(v))))
      errors.push(`${path}: not a date-time`);
    if (Array.isArray(schema.oneOf)) {
      const passing = schema.oneOf.filter((sub) => {
        const subErrors: string[] = [];
        check(sub as Schema, v, path, subErrors);
        return subErrors.length === 0;
      });
      if (passing.length !== 1) errors.push(`${path}: matches ${passing.length} of oneOf`);
    }
    if (typeof v === 'number') {
      if (typeof schema.minimum === 'number' && v < schema.minimum)
        errors.push(`${path}: ${v} < ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && v > schema.maximum)
        errors.push(`${path}: ${v} > ${schema.maximum}`);
    }
    if (Array.isArray(v)) {
      if (typeof schema.minItems === 'number' && v.length < schema.minItems)
        errors.push(`${path}: fewer than ${schema.minItems} items`);
      if (typeof schema.maxItems === 'number' && v.length > schema.maxItems)
        errors.push(`${path}: more than ${schema.maxItems} items`);
      const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as Schema[]) : [];
      const items = isSchema(schema.items) ? schema.items : undefined;
      v.forEach((item, i) => {
        const itemSchema = prefix[i] ?? items;
        if (itemSchema !== undefined) check(itemSchema, item, `${path}[${i}]`, errors);
      });
    }
    if (typeOf(v) === 'object') {
      const object = v as Record<string, unknown>;
      for (const name of (schema.required as string[] | undefined) ?? [])
        if (!(name in object)) errors.push(`${path}: missing ${name}`);
      const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
      const additional = schema.additionalProperties;
      for (const [name, item] of Object.entries(object)) {
        const propertySchema = properties[name] ?? (isSchema(additional) ? additional : undefined);
        if (propertySchema !== undefined) check(propertySchema, item, `${path}.${name}`, errors);
        else if (additional === false) errors.push(`${path}: unexpected property ${name}`);
      }
    }
  };
  const errors: string[] = [];
  check(root, value, '$', errors);
  return errors;
}
