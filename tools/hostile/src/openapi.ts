/**
 * The endpoints of a running service, read from its OpenAPI document (`/docs/openapi.json`) at run
 * time, so the corpus and the authorisation matrix grow with the services instead of with a list
 * someone must remember to update.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The part of JSON Schema (OpenAPI 3.0 flavour) that @nestjs/swagger writes. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  description?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<Lowercase<HttpMethod>, Operation>>>;
  components?: { schemas?: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
}

export interface Endpoint {
  readonly service: string;
  readonly method: HttpMethod;
  /** As OpenAPI writes it: `/units/{unitId}/history`. */
  readonly path: string;
  readonly operationId: string | null;
  readonly parameters: readonly Parameter[];
  /** The request body, with every `$ref` resolved; null when the operation takes none. */
  readonly body: { readonly contentType: string; readonly schema: Schema; readonly required: boolean } | null;
  /** True when the document says a bearer token is needed (AllowRoles adds it; @Public() does not). */
  readonly secured: boolean;
}

/** `unit-directory POST /units/{unitId}/rename`: how the policy table and the report name an endpoint. */
export function endpointKey(endpoint: Pick<Endpoint, 'service' | 'method' | 'path'>): string {
  return `${endpoint.service} ${endpoint.method} ${endpoint.path}`;
}

export async function fetchOpenApi(baseUrl: string): Promise<OpenApiDocument> {
  const response = await fetch(`${baseUrl}/docs/openapi.json`);
  if (response.status !== 200) throw new Error(`${baseUrl}/docs/openapi.json answered ${response.status}`);
  const document = (await response.json()) as OpenApiDocument;
  if (!document.paths || typeof document.paths !== 'object') throw new Error(`${baseUrl}/docs/openapi.json has no paths`);
  return document;
}

/** Every operation of the document, sorted so runs are repeatable. */
export function endpointsOf(service: string, document: OpenApiDocument): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method.toLowerCase() as Lowercase<HttpMethod>];
      if (!operation) continue;
      const content = operation.requestBody?.content ?? {};
      const contentType = Object.keys(content)[0];
      endpoints.push({
        service,
        method,
        path,
        operationId: operation.operationId ?? null,
        parameters: (operation.parameters ?? []).map((p) => ({ ...p, schema: p.schema && resolveSchema(document, p.schema) })),
        body: contentType
          ? {
              contentType,
              schema: resolveSchema(document, content[contentType].schema ?? {}),
              required: operation.requestBody?.required ?? false,
            }
          : null,
        secured: (operation.security ?? []).length > 0,
      });
    }
  }
  return endpoints.sort((a, b) => endpointKey(a).localeCompare(endpointKey(b)));
}

/**
 * The schema with `$ref` replaced by its target and `allOf` merged, recursively. A reference cycle
 * stops at a depth where the corpus no longer needs detail.
 */
export function resolveSchema(document: OpenApiDocument, schema: Schema, depth = 0): Schema {
  if (depth > 8) return {};
  let resolved: Schema = schema;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`OpenAPI reference ${schema.$ref} points nowhere`);
    resolved = { ...target, ...schema };
    delete resolved.$ref;
  }
  if (resolved.allOf) {
    const { allOf, ...rest } = resolved;
    resolved = allOf.reduce<Schema>((merged, part) => mergeSchemas(merged, resolveSchema(document, part, depth + 1)), rest);
    // `Object` is what swagger writes for a property typed `number | null` or `string | null`.
    if (resolved.type === 'object' && Object.keys(resolved.properties ?? {}).length === 0) {
      delete resolved.type;
      delete resolved.properties;
    }
  }
  const out: Schema = { ...resolved };
  if (resolved.items) out.items = resolveSchema(document, resolved.items, depth + 1);
  if (resolved.properties)
    out.properties = Object.fromEntries(Object.entries(resolved.properties).map(([k, v]) => [k, resolveSchema(document, v, depth + 1)]));
  return out;
}

function mergeSchemas(a: Schema, b: Schema): Schema {
  return {
    ...a,
    ...b,
    properties: a.properties || b.properties ? { ...a.properties, ...b.properties } : undefined,
    required: a.required || b.required ? [...new Set([...(a.required ?? []), ...(b.required ?? [])])] : undefined,
  };
}

/** Does this schema take text a person types (a name, a reason), rather than a code, an id or a choice? */
export function isFreeText(schema: Schema, name = ''): boolean {
  if (schema.format === 'password') return true;
  if (kindOf(schema) !== 'string' || schema.enum || schema.format || schema.pattern) return false;
  if (typeof schema.example === 'string' && /^\d{4}-\d{2}-\d{2}/.test(schema.example)) return false;
  return !/(Id|Ids|Date|^on|code|Code|key|Key|username)$/.test(name);
}

/**
 * What a value of the schema is. @nestjs/swagger writes `type: object` for properties typed
 * `string | null` or `number | null`; the format or the bounds say what they really are.
 */
export function kindOf(schema: Schema): 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'unknown' {
  if (schema.enum) return typeof schema.enum[0] === 'number' ? 'number' : 'string';
  if (schema.format === 'uuid' || schema.format === 'date' || schema.format === 'date-time' || schema.format === 'password')
    return 'string';
  const bounded = schema.minimum !== undefined || schema.maximum !== undefined;
  if ((schema.type === 'object' || schema.type === undefined) && !schema.properties && bounded) return 'number';
  if (schema.type === 'object' && schema.nullable && !schema.properties && !schema.example) return 'unknown';
  switch (schema.type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
    case 'array':
    case 'object':
      return schema.type;
    default:
      if (schema.properties) return 'object';
      if (schema.items) return 'array';
      return 'unknown';
  }
}
