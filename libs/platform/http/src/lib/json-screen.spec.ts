import { jsonDepthExceeds, unsafeJsonField } from './json-screen';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('JSON nesting depth', () => {
  it('accepts a body as deep as the limit and refuses one level more', () => {
    expect(jsonDepthExceeds(nested(32), 32)).toBe(false);
    expect(jsonDepthExceeds(nested(33), 32)).toBe(true);
    expect(unsafeJsonField(nested(32), 32)).toBeNull();
    expect(unsafeJsonField(nested(33), 32)?.field).toBe('body');
  });

  it('walks 200,000 levels without overflowing the stack', () => {
    expect(jsonDepthExceeds(nested(200_000), 32)).toBe(true);
    expect(unsafeJsonField(nested(200_000))?.reason).toBe('nests deeper than 32 levels');
  });

  it('treats scalars and empty containers as shallow', () => {
    expect(jsonDepthExceeds('x', 1)).toBe(false);
    expect(jsonDepthExceeds(undefined, 1)).toBe(false);
    expect(jsonDepthExceeds({ a: [], b: {} }, 2)).toBe(false);
  });
});

describe('unsafe JSON bodies', () => {
  it('names a prototype key wherever it is, parsed as JSON.parse makes it (an own key)', () => {
    expect(unsafeJsonField(JSON.parse('{"name":"x","__proto__":{"admin":true}}'))?.field).toBe('__proto__');
    expect(unsafeJsonField(JSON.parse('{"scope":{"constructor":{"prototype":{}}}}'))?.field).toBe('scope.constructor');
    expect(unsafeJsonField(JSON.parse('{"items":[{"a":1},{"prototype":1}]}'))?.field).toBe('items[1].prototype');
  });

  it('names a string holding a NUL or an unpaired surrogate, in values and in keys', () => {
    expect(unsafeJsonField(JSON.parse('{"nameVi":"Công an\\u0000"}'))).toMatchObject({ field: 'nameVi' });
    expect(unsafeJsonField(JSON.parse('{"label":"a\\ud800b"}'))).toMatchObject({ field: 'label' });
    expect(unsafeJsonField(JSON.parse('{"label":"\\udc00"}'))).toMatchObject({ field: 'label' });
    expect(unsafeJsonField(JSON.parse('{"a\\u0000":1}'))).toMatchObject({ field: 'a\u0000' });
    expect(unsafeJsonField(JSON.parse('["ok","\\ud83d"]'))).toMatchObject({ field: 'body[1]' });
  });

  it('accepts Vietnamese in both normal forms, emoji (a surrogate pair) and ordinary keys', () => {
    const body = { nameVi: 'Công an xã Đại Đồng', decomposed: 'Cong\u0302 an', note: 'tốt 👍', answers: { q1: 5 }, list: [1, 'x', null] };
    expect(unsafeJsonField(body)).toBeNull();
    expect(unsafeJsonField('plain')).toBeNull();
    expect(unsafeJsonField(undefined)).toBeNull();
  });
});
