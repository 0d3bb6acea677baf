import { HttpException } from '@nestjs/common';
import { versionFromIfMatch } from './etag';

const statusOf = (header: string | undefined) => {
  try {
    versionFromIfMatch(header);
  } catch (error) {
    return (error as HttpException).getStatus();
  }
  return null;
};

describe('If-Match', () => {
  it('reads the version from a strong or weak ETag', () => {
    expect(versionFromIfMatch('"3"')).toBe(3);
    expect(versionFromIfMatch(' W/"12" ')).toBe(12);
  });

  it('answers 428 when it is missing or blank: a change must say which version it is based on', () => {
    expect(statusOf(undefined)).toBe(428);
    expect(statusOf('  ')).toBe(428);
  });

  it('answers 400 for anything that is not one ETag of this API, "*" and lists included', () => {
    expect(statusOf('3')).toBe(400);
    expect(statusOf('*')).toBe(400);
    expect(statusOf('"1", "2"')).toBe(400);
    expect(statusOf('"abc"')).toBe(400);
  });
});
