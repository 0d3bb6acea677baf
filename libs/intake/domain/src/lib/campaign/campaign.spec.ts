import { CAMPAIGN, closed, COMMUNE, created, definition, opened, PROVINCE } from '../spec-fixtures';
import { targetSampleOf } from './campaign';
import { isInScope } from './scope';
import { CampaignSpecification } from './specification';

const { given } = CampaignSpecification;

describe('CreateCampaign', () => {
  it('given nothing, when created, then CampaignCreated with the whole definition, as a draft', () => {
    given().when({ type: 'CreateCampaign', definition }).then([created]);
    expect(given().when({ type: 'CreateCampaign', definition }).thenState()).toEqual({ definition, status: 'draft' });
  });

  it('refuses a second campaign with the same id', () => {
    given(created).when({ type: 'CreateCampaign', definition }).thenRefuses('campaign-exists@campaignId');
  });

  it('refuses a period that ends before it starts', () => {
    given()
      .when({ type: 'CreateCampaign', definition: { ...definition, period: { from: '2022-06-01', to: '2022-05-31' } } })
      .thenRefuses('period-reversed@period.to');
  });

  it('refuses an empty scope', () => {
    given()
      .when({ type: 'CreateCampaign', definition: { ...definition, scope: { unitIds: [], unitTypes: [], withinUnitId: null } } })
      .thenRefuses('scope-empty@scope');
  });

  it('refuses units the directory does not know, naming each one’s place', () => {
    const scope = { unitIds: [COMMUNE, PROVINCE], unitTypes: [], withinUnitId: null };
    given()
      .when(
        { type: 'CreateCampaign', definition: { ...definition, scope, targetSample: { perUnit: 10, byUnit: [] } } },
        { unitValidity: (id) => (id === COMMUNE ? { validFrom: '2020-01-01', validTo: null } : null) },
      )
      .thenRefuses('unit-unknown@scope.unitIds.1');
  });

  it('refuses a unit valid on no day of the period (gone before it starts, or founded after it ends), naming each one’s place', () => {
    // definition.period is 2022-04-01 … 2022-05-31; validity is half-open.
    const validity: Record<string, { validFrom: string; validTo: string | null }> = {
      [COMMUNE]: { validFrom: '2020-01-01', validTo: '2022-04-01' },
      [PROVINCE]: { validFrom: '2022-06-01', validTo: null },
    };
    const scope = { unitIds: [COMMUNE, PROVINCE], unitTypes: [], withinUnitId: null };
    given()
      .when(
        { type: 'CreateCampaign', definition: { ...definition, scope, targetSample: { perUnit: 10, byUnit: [] } } },
        { unitValidity: (id) => validity[id] ?? null },
      )
      .thenRefuses('unit-not-valid-in-period@scope.unitIds.0', 'unit-not-valid-in-period@scope.unitIds.1');
  });

  it('accepts a unit valid on only the first or only the last day of the period', () => {
    const validity: Record<string, { validFrom: string; validTo: string | null }> = {
      [COMMUNE]: { validFrom: '2020-01-01', validTo: '2022-04-02' },
      [PROVINCE]: { validFrom: '2022-05-31', validTo: null },
    };
    const scope = { unitIds: [COMMUNE, PROVINCE], unitTypes: [], withinUnitId: null };
    const accepted = { ...definition, scope, targetSample: { perUnit: 10, byUnit: [] } };
    given()
      .when({ type: 'CreateCampaign', definition: accepted }, { unitValidity: (id) => validity[id] ?? null })
      .then([{ type: 'CampaignCreated', data: accepted }]);
  });

  it('refuses withinUnitId without unit types to narrow', () => {
    given()
      .when({ type: 'CreateCampaign', definition: { ...definition, scope: { unitIds: [COMMUNE], unitTypes: [], withinUnitId: PROVINCE } } })
      .thenRefuses('within-without-types@scope.withinUnitId');
  });

  it('refuses a questionnaire version that was never published', () => {
    given()
      .when({ type: 'CreateCampaign', definition }, { questionnaireExists: () => false })
      .thenRefuses('questionnaire-unknown@questionnaire');
  });

  it('refuses a method, a unit type or a target unit listed twice, all at once', () => {
    given()
      .when({
        type: 'CreateCampaign',
        definition: {
          ...definition,
          methods: ['paper', 'paper'],
          scope: { ...definition.scope, unitTypes: ['commune-police', 'commune-police'] },
          targetSample: {
            perUnit: 5,
            byUnit: [
              { unitId: COMMUNE, target: 1 },
              { unitId: COMMUNE, target: 2 },
            ],
          },
        },
      })
      .thenRefuses('unit-type-listed-twice@scope.unitTypes', 'method-listed-twice@methods', 'unit-listed-twice@targetSample.byUnit');
  });
});

describe('campaign lifecycle: draft → open → closed', () => {
  it('opens a draft', () => {
    given(created).when({ type: 'OpenCampaign', campaignId: CAMPAIGN }).then([opened]);
    expect(given(created).when({ type: 'OpenCampaign', campaignId: CAMPAIGN }).thenState()?.status).toBe('open');
  });

  it('closes an open campaign', () => {
    given(created, opened).when({ type: 'CloseCampaign', campaignId: CAMPAIGN }).then([closed]);
    expect(given(created, opened).when({ type: 'CloseCampaign', campaignId: CAMPAIGN }).thenState()?.status).toBe('closed');
  });

  it('refuses to open a campaign twice, or again once closed', () => {
    given(created, opened).when({ type: 'OpenCampaign', campaignId: CAMPAIGN }).thenRefuses('campaign-not-draft@status');
    given(created, opened, closed).when({ type: 'OpenCampaign', campaignId: CAMPAIGN }).thenRefuses('campaign-not-draft@status');
  });

  it('refuses to close a draft or a closed campaign', () => {
    given(created).when({ type: 'CloseCampaign', campaignId: CAMPAIGN }).thenRefuses('campaign-not-open@status');
    given(created, opened, closed).when({ type: 'CloseCampaign', campaignId: CAMPAIGN }).thenRefuses('campaign-not-open@status');
  });

  it('refuses to open or close a campaign that does not exist', () => {
    given().when({ type: 'OpenCampaign', campaignId: CAMPAIGN }).thenRefuses('campaign-unknown@campaignId');
    given().when({ type: 'CloseCampaign', campaignId: CAMPAIGN }).thenRefuses('campaign-unknown@campaignId');
  });
});

describe('target sample', () => {
  it('is the unit’s own target when named, else the per-unit default', () => {
    expect(targetSampleOf(definition, COMMUNE)).toBe(60);
    expect(targetSampleOf(definition, PROVINCE)).toBe(100);
  });
});

describe('scope on the service date', () => {
  const byType = { unitIds: [], unitTypes: ['commune-police' as const], withinUnitId: PROVINCE };

  it('takes a unit listed by id, whatever its type', () => {
    expect(
      isInScope(
        { unitIds: [COMMUNE.toUpperCase()], unitTypes: [], withinUnitId: null },
        { unitId: COMMUNE, unitType: 'district-police', ancestorIds: [] },
      ),
    ).toBe(true);
  });

  it('takes a unit of a listed type below the scope’s root on that date', () => {
    expect(isInScope(byType, { unitId: COMMUNE, unitType: 'commune-police', ancestorIds: ['d', PROVINCE] })).toBe(true);
  });

  it('leaves out a unit of a listed type under another root on that date', () => {
    expect(isInScope(byType, { unitId: COMMUNE, unitType: 'commune-police', ancestorIds: ['d', 'another-province'] })).toBe(false);
  });

  it('leaves out a unit of another type', () => {
    expect(isInScope(byType, { unitId: COMMUNE, unitType: 'district-police', ancestorIds: [PROVINCE] })).toBe(false);
  });
});
