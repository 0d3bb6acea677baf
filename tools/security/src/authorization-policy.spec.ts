import { ALL_ROLES } from '@hailong/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTHORIZATION_POLICY, DATA_DEPENDENT_ACCESS_RULES, policyByEndpoint } from './authorization-policy';

describe('the authorisation policy table', () => {
  it('lists each endpoint of each service once', () => {
    expect(() => policyByEndpoint()).not.toThrow();
    expect(policyByEndpoint().size).toBeGreaterThan(AUTHORIZATION_POLICY.length);
  });

  it('names only roles of DESIGN, never an empty list, and says why for every row', () => {
    for (const row of AUTHORIZATION_POLICY) {
      expect({ path: row.path, why: row.why.length > 10 }).toEqual({ path: row.path, why: true });
      if (row.allow !== 'public') {
        expect(row.allow.length).toBeGreaterThan(0);
        for (const role of row.allow) expect(ALL_ROLES).toContain(role);
      }
    }
  });

  it('keeps writes away from the anonymous citizen except through the counter form', () => {
    const citizenWrites = AUTHORIZATION_POLICY.filter((r) => r.method !== 'GET' && r.allow !== 'public' && r.allow.includes('citizen'));
    expect(citizenWrites.map((r) => r.path)).toEqual([]);
  });

  it('names for each data-dependent rule a test that exists, or says what it waits for and how it will be tested', () => {
    expect(DATA_DEPENDENT_ACCESS_RULES.map((r) => r.id)).toEqual(
      expect.arrayContaining(['unit-scoped-reads', 'contact-details-assigned-reinspector-only']),
    );
    const root = join(__dirname, '..', '..', '..');
    for (const rule of DATA_DEPENDENT_ACCESS_RULES) {
      if (rule.testedBy) {
        expect({ id: rule.id, found: readFileSync(join(root, rule.testedBy.file), 'utf8').includes(rule.testedBy.test) }).toEqual({
          id: rule.id,
          found: true,
        });
      } else {
        expect(rule.pending?.waitsFor.length).toBeGreaterThan(5);
        expect(rule.pending?.howToTest.length).toBeGreaterThan(5);
      }
    }
  });
});
