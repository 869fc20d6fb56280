// ValidateObjectMeta (k8s.io/apimachinery/pkg/api/validation/objectmeta.go) with the apiserver's text.
import type { KObject } from '../model/types';
import { invalid, required, tooLong, type FieldError } from './field-errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** IsDNS1123Subdomain: error strings, empty when valid. */
export function dns1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(v)) errs.push(DNS1123_SUBDOMAIN_MSG);
  return errs;
}

/** IsDNS1123Label: error strings, empty when valid. */
export function dns1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(v)) errs.push(DNS1123_LABEL_MSG);
  return errs;
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUALIFIED_NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** IsQualifiedName (label and annotation keys): `prefix/name` with a DNS-subdomain prefix. */
export function qualifiedName(v: string): string[] {
  const parts = v.split('/');
  let name = v;
  const errs: string[] = [];
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const e of dns1123Subdomain(prefix)) errs.push(`prefix part ${e}`);
  } else if (parts.length > 2) {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !QUALIFIED_NAME.test(name)) errs.push(QUALIFIED_NAME_MSG);
  return errs;
}

export function labelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(v)) errs.push(LABEL_VALUE_MSG);
  return errs;
}

export function validateLabels(labels: Record<string, unknown> | undefined, path: string): FieldError[] {
  const out: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const e of qualifiedName(k)) out.push(invalid(path, k, e));
    if (typeof v !== 'string') continue;
    for (const e of labelValue(v)) out.push(invalid(`${path}[${k}]`, v, e));
  }
  return out;
}

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

export function validateAnnotations(ann: Record<string, unknown> | undefined, path: string): FieldError[] {
  const out: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(ann ?? {})) {
    for (const e of qualifiedName(k.toLowerCase())) out.push(invalid(path, k, e));
    size += k.length + String(v ?? '').length;
  }
  if (size > TOTAL_ANNOTATION_SIZE) out.push(tooLong(path, TOTAL_ANNOTATION_SIZE));
  return out;
}

/** The generic metadata checks every object gets; `nameIsLabel` for kinds whose names are DNS labels (Namespace). */
export function validateObjectMeta(obj: KObject, namespaced: boolean, nameIsLabel = false): FieldError[] {
  const md = obj.metadata;
  const out: FieldError[] = [];
  if (!md.name && !md.generateName) out.push(required('metadata.name', 'name or generateName is required'));
  else if (md.name) {
    const errs = nameIsLabel ? dns1123Label(md.name) : dns1123Subdomain(md.name);
    for (const e of errs) out.push(invalid('metadata.name', md.name, e));
  }
  if (namespaced) {
    if (!md.namespace) out.push(required('metadata.namespace'));
    else for (const e of dns1123Label(md.namespace)) out.push(invalid('metadata.namespace', md.namespace, e));
  }
  out.push(...validateLabels(md.labels, 'metadata.labels'));
  out.push(...validateAnnotations(md.annotations, 'metadata.annotations'));
  return out;
}
