/**
 * Test helpers for Open311: validators built from the official GeoReport v2 schemas (kept in
 * shared/open311-schemas beside the checkout, or OPEN311_SCHEMAS), and an XML reader.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';

/** The copy kept in the repository, so a checkout anywhere can run the conformance tests. */
export const VENDORED = path.resolve(import.meta.dirname, 'official-schemas');
/** The project's shared folder beside the checkout, when it is there. */
export const BESIDE = path.resolve(import.meta.dirname, '../../../../shared/open311-schemas');

/** Where the official schema files are: OPEN311_SCHEMAS, shared/ beside the checkout, or the copy. */
export function schemasDir(): string {
  const fromEnv = process.env.OPEN311_SCHEMAS;
  if (fromEnv && fs.existsSync(path.join(fromEnv, 'request.json'))) return fromEnv;
  if (fs.existsSync(path.join(BESIDE, 'request.json'))) return BESIDE;
  return VENDORED;
}

/** Discovery and errors have no schema file; these follow the GeoReport v2 specification's text. */
const DISCOVERY = {
  type: 'object',
  required: ['changeset', 'contact', 'key_service', 'endpoints'],
  properties: {
    changeset: { type: 'string', format: 'date-time' },
    contact: { type: 'string', minLength: 1 },
    key_service: { type: 'string', minLength: 1 },
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['specification', 'url', 'changeset', 'type', 'formats'],
        properties: {
          specification: { type: 'string', format: 'uri' },
          url: { type: 'string', format: 'uri' },
          changeset: { type: 'string', format: 'date-time' },
          type: { enum: ['production', 'test'] },
          formats: { type: 'array', minItems: 1, items: { enum: ['application/json', 'text/xml'] } },
        },
      },
    },
  },
};
const ERRORS = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    additionalProperties: false,
    properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
  },
};

export type Kind =
  'services' | 'service' | 'serviceDefinition' | 'requests' | 'request' | 'created' | 'tokens' | 'errors' | 'discovery';

/** One validator per answer kind, from the official files (and swagger.json's definitions). */
export function open311Validators(): Record<Kind, ValidateFunction> {
  const dir = schemasDir();
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Formats swagger.json names that JSON Schema does not define.
  for (const name of ['uid', 'uint', 'double']) ajv.addFormat(name, true);
  const load = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as object;
  for (const file of ['request.json', 'requests.json', 'service.json', 'services.json', 'service-definition.json'])
    ajv.addSchema(load(file), file);
  ajv.addSchema(load('swagger.json'), 'swagger.json');
  const get = (key: string) => {
    const v = ajv.getSchema(key);
    if (!v) throw new Error(`schema ${key} missing`);
    return v;
  };
  const listOf = (definition: string) =>
    ajv.compile({ type: 'array', minItems: 1, items: { $ref: `swagger.json#/definitions/${definition}` } });
  return {
    services: get('services.json'),
    service: get('service.json'),
    serviceDefinition: get('service-definition.json'),
    requests: get('requests.json'),
    request: get('request.json'),
    created: listOf('RequestResponse'),
    tokens: listOf('TokenResponse'),
    errors: ajv.compile(ERRORS),
    discovery: ajv.compile(DISCOVERY),
  };
}

let validators: Record<Kind, ValidateFunction> | null = null;

/** Asserts that a JSON answer is valid against its schema, and returns it. */
export function expectValid<T = unknown>(kind: Kind, body: string): T {
  validators ??= open311Validators();
  const value = JSON.parse(body) as T;
  const validate = validators[kind];
  expect(validate(value), `${kind}: ${JSON.stringify(validate.errors)} in ${body.slice(0, 300)}`).toBe(true);
  return value;
}

/** Elements that are lists in GeoReport XML, by path. */
const LISTS = new Set([
  'services.service',
  'service_requests.request',
  'errors.error',
  'discovery.endpoints.endpoint',
  'discovery.endpoints.endpoint.formats.format',
  'service_definition.attributes.attribute',
]);
const parser = new XMLParser({
  ignoreDeclaration: true,
  parseTagValue: false,
  isArray: (_name, jpath) => LISTS.has(String(jpath)),
});

/** Parses an XML answer (text values stay strings; an empty element is ''). */
export function parseXml(body: string): Record<string, unknown> {
  expect(body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return parser.parse(body) as Record<string, unknown>;
}

/** A JSON value as the XML carries it: text everywhere, null as ''. */
export function asXmlText(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(asXmlText);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, asXmlText(v)]));
  return String(value);
}
