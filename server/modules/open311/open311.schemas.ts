/**
 * Request schemas of the GeoReport v2 endpoints (`/open311/v2/`) and of the API-key admin routes.
 * Parameter names are the spec's (snake_case); answers are built by the presenter, not zod.
 */
import { z } from 'zod';
import { ApiKey } from '../../../common/requests/schemas.ts';
import { Version, text } from '../../../common/shared/schemas.ts';

/** The extension of every GeoReport path: `.json` or `.xml` (others answer 404). */
export const Format = z.enum(['json', 'xml']).describe('Response format: json or xml');

const jurisdiction = z
  .string()
  .trim()
  .max(32)
  .optional()
  .describe("The town's code; optional while the deployment holds one town");

export const JurisdictionQuery = z.object({ jurisdiction_id: jurisdiction });
export const FormatParams = z.object({ format: Format });
export const ServiceParams = z.object({ service_code: z.string().max(64), format: Format });
export const RequestParams = z.object({
  service_request_id: z.string().max(64).describe('The tracking code, e.g. YL-20261124-0001'),
  format: Format,
});
export const TokenParams = z.object({
  token: z.string().max(64).describe('Requests are created at once: the token is the service_request_id'),
  format: Format,
});

export const RequestsQuery = z.object({
  jurisdiction_id: jurisdiction,
  service_request_id: z
    .string()
    .trim()
    .max(20000)
    .optional()
    .describe('Tracking codes separated by commas; overrides every other filter'),
  service_code: z.string().trim().max(2000).optional().describe('One service code or several separated by commas'),
  status: z
    .string()
    .trim()
    .regex(/^(open|closed)(,(open|closed))*$/, { message: 'validation.invalidOption' })
    .optional()
    .describe('open, closed, or both separated by a comma'),
  start_date: z.string().trim().max(40).optional().describe('ISO 8601; default: 90 days before end_date or now'),
  end_date: z.string().trim().max(40).optional().describe('ISO 8601; at most 90 days after start_date'),
});
export type RequestsQuery = z.infer<typeof RequestsQuery>;

/** A form field or JSON number: '' and null count as absent, text must be a number. */
const coordinate = (limit: number) =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : typeof v === 'string' ? Number(v.trim()) : v),
    z
      .number({ message: 'validation.invalidType' })
      .min(-limit, { message: 'validation.invalid' })
      .max(limit, { message: 'validation.invalid' })
      .optional(),
  );

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `validation.tooLong:${max}` })
    .optional();

/** `POST requests.{format}`: form-urlencoded or JSON. Personal fields beyond a name are not kept. */
export const Open311Intake = z.object({
  jurisdiction_id: jurisdiction,
  /** Also accepted in the query string. */
  api_key: z.string().max(200).optional(),
  service_code: text(64),
  lat: coordinate(90),
  long: coordinate(180),
  address_string: optional(200),
  /** A village or hamlet id of the town. */
  address_id: optional(64),
  description: text(1000),
  /** Kept together as the reporter's name (never shown by Open311). */
  first_name: optional(30),
  last_name: optional(30),
  /** Accepted and not stored. */
  phone: optional(40),
  email: optional(200),
  device_id: optional(200),
  account_id: optional(200),
  media_url: optional(2000),
});
export type Open311Intake = z.output<typeof Open311Intake>;

export const PostQuery = z.object({ jurisdiction_id: jurisdiction, api_key: z.string().max(200).optional() });

// The admin page sends the version back when it disables a key, so the record carries it.
/** An API key as the admin list shows it (never the secret). */
export const ApiKeyRecord = ApiKey.extend({ version: z.number().int() });
export const ApiKeyCreatedRecord = z.object({ key: ApiKeyRecord, secret: z.string() });
/** `PATCH /api/open311-keys/:id`. */
export const ApiKeyUpdate = z.object({ disabled: z.boolean({ message: 'validation.required' }), version: Version });
