import { jsonDepthExceeds } from './json-depth';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('JSON nesting depth', () => {
  it('accepts a body as deep as the limit and refuses one level more', () => {
    expect(jsonDepthExceeds(nested(32), 32)).toBe(false);
    expect(jsonDepthExceeds(nested(33), 32)).toBe(true);
  });

  it('walks 200,000 levels without overflowing the stack', () => {
    expect(jsonDepthExceeds(nested(200_000), 32)).toBe(true);
  });

  it('treats scalars and empty containers as shallow', () => {
    expect(jsonDepthExceeds('x', 1)).toBe(false);
    expect(jsonDepthExceeds(undefined, 1)).toBe(false);
    expect(jsonDepthExceeds({ a: [], b: {} }, 2)).toBe(false);
  });
});
