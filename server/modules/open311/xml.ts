/**
 * A tiny XML writer for GeoReport v2 answers. Lists are wrapped in their plural element with one
 * child per item (`<services><service>…</service></services>`); null is an empty element.
 */

/** A value the writer can render. */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

/** The element name of one item inside each plural element the spec defines. */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

// Characters XML 1.0 forbids even when escaped; a resident's text may carry them from a paste.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Escapes text for an element body or an attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM[name] ?? 'item';
    const body = value.map((v) => element(item, v)).join('');
    return body ? `<${name}>${body}</${name}>` : `<${name}/>`;
  }
  if (typeof value === 'object') {
    const body = Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('');
    return `<${name}>${body}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document with its declaration: `toXml('services', [...])`. */
export function toXml(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`;
}
