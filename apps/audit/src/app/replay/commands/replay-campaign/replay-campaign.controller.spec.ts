import { BadRequestException } from '@nestjs/common';
import { cutOf } from './replay-campaign.controller';

describe('cutOf (how far a replay request reads)', () => {
  it('is the publication when the request names nothing', () => {
    expect(cutOf({})).toEqual({ kind: 'publication' });
  });

  it('takes an instant, offsets per partition or the end of the topics', () => {
    expect(cutOf({ at: '2026-11-27T10:00:00Z' })).toEqual({ kind: 'time', at: '2026-11-27T10:00:00Z' });
    expect(cutOf({ offsets: [{ partition: 1, nextOffset: '12' }] })).toEqual({ kind: 'offsets', offsets: { 1: '12' } });
    expect(cutOf({ until: 'end' })).toEqual({ kind: 'end' });
  });

  it('refuses two ways of naming the cut, and a partition named twice, with the field named', () => {
    const refused = (body: Parameters<typeof cutOf>[0]) => {
      try {
        cutOf(body);
      } catch (error) {
        expect(error).toBeInstanceOf(BadRequestException);
        return ((error as BadRequestException).getResponse() as { errors: { field: string }[] }).errors.map((e) => e.field);
      }
      throw new Error('not refused');
    };
    expect(refused({ until: 'end', at: '2026-11-27T10:00:00Z' })).toEqual(['at']);
    expect(
      refused({
        offsets: [
          { partition: 0, nextOffset: '1' },
          { partition: 0, nextOffset: '2' },
        ],
      }),
    ).toEqual(['offsets']);
  });
});
