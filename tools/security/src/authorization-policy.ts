import { ALL_ROLES, Role, Roles } from '@hailong/contracts';

/**
 * Who may call what: the intended access policy of every HTTP endpoint, in one place, as data.
 *
 * The authorisation matrix (apps/platform-e2e/src/authorization.e2e.spec.ts) reads every service's
 * OpenAPI document at run time and checks each endpoint against this table with a token of each
 * role of DESIGN: an allowed role must get past the guard, a denied one gets 403, no token gets
 * 401, a public endpoint is open to all. An endpoint the documents list and this table does not
 * fails the matrix: a new endpoint must be classified here, on purpose, by whoever adds it.
 *
 * The table says what DESIGN intends ("People, roles and privacy"), not what the code happens to
 * do; where the two differ the matrix fails and one of them is wrong.
 */

export type ServiceName = 'unit-directory' | 'survey-intake' | 'scoring' | 'audit';
export const SERVICES: readonly ServiceName[] = ['unit-directory', 'survey-intake', 'scoring', 'audit'];

export interface EndpointPolicy {
  /** The services that serve it: the platform's own endpoints (health, directory view) are in several. */
  readonly services: readonly ServiceName[];
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As the OpenAPI document writes it: `/units/{unitId}/history`. */
  readonly path: string;
  /** `public`: anyone, no token (the endpoint is `@Public()`); otherwise the roles admitted. */
  readonly allow: 'public' | readonly Role[];
  readonly why: string;
  /**
   * Classified ahead of its arrival (the open issue that brings it): absent from the OpenAPI
   * documents is not a failure yet. Remove the mark once it is served.
   */
  readonly arriving?: string;
}

/** Anyone signed in, whatever the role: reference data every screen and channel needs. */
const SIGNED_IN: readonly Role[] = ALL_ROLES;
const DIRECTORY_WRITERS: readonly Role[] = [Roles.directoryEditor, Roles.admin];
const CAMPAIGN_WRITERS: readonly Role[] = [Roles.campaignManager, Roles.admin];
/** Who reads a campaign and its progress: those who run it, collect for it, lead, audit or re-inspect it. */
const CAMPAIGN_READERS: readonly Role[] = [
  Roles.campaignManager,
  Roles.surveyor,
  Roles.viewer,
  Roles.auditor,
  Roles.reinspector,
  Roles.admin,
];
/** Who reads published figures: leadership, the campaign's managers, the audit and the re-inspection team. */
const FIGURE_READERS: readonly Role[] = [Roles.viewer, Roles.campaignManager, Roles.auditor, Roles.reinspector, Roles.admin];
const AUDITORS: readonly Role[] = [Roles.auditor, Roles.admin];
/** The audit and the re-inspectors who re-contact respondents. */
const REINSPECTION_TEAM: readonly Role[] = [Roles.auditor, Roles.reinspector, Roles.admin];

export const AUTHORIZATION_POLICY: readonly EndpointPolicy[] = [
  // --- every service -------------------------------------------------------------------------
  { services: SERVICES, method: 'GET', path: '/health/live', allow: 'public', why: 'probes of the orchestrator carry no token' },
  { services: SERVICES, method: 'GET', path: '/health/ready', allow: 'public', why: 'probes of the orchestrator carry no token' },
  {
    services: ['survey-intake', 'scoring'],
    method: 'GET',
    path: '/directory/tree',
    allow: SIGNED_IN,
    why: "a service's copy of the unit directory: reference data, same audience as the directory itself",
  },
  {
    services: ['survey-intake', 'scoring'],
    method: 'GET',
    path: '/directory/units/{unitId}',
    allow: SIGNED_IN,
    why: "a service's copy of the unit directory: reference data, same audience as the directory itself",
  },

  // --- unit-directory: sign-in --------------------------------------------------------------
  { services: ['unit-directory'], method: 'POST', path: '/auth/token', allow: 'public', why: 'signing in is how a token is obtained' },
  {
    services: ['unit-directory'],
    method: 'GET',
    path: '/.well-known/jwks.json',
    allow: 'public',
    why: 'public keys every verifier fetches',
  },
  {
    services: ['unit-directory'],
    method: 'POST',
    path: '/auth/accounts',
    allow: [Roles.admin],
    why: 'only an admin creates staff accounts and grants roles',
  },
  { services: ['unit-directory'], method: 'GET', path: '/auth/me', allow: SIGNED_IN, why: 'anyone signed in may see who they are' },

  // --- unit-directory: the directory ----------------------------------------------------------
  {
    services: ['unit-directory'],
    method: 'GET',
    path: '/units',
    allow: SIGNED_IN,
    why: 'reference data: the citizen form and every screen pick units',
  },
  { services: ['unit-directory'], method: 'GET', path: '/units/tree', allow: SIGNED_IN, why: 'reference data' },
  { services: ['unit-directory'], method: 'GET', path: '/units/{unitId}', allow: SIGNED_IN, why: 'reference data' },
  {
    services: ['unit-directory'],
    method: 'GET',
    path: '/units/{unitId}/history',
    allow: SIGNED_IN,
    why: 'reference data; every change names its author',
  },
  { services: ['unit-directory'], method: 'GET', path: '/units/{unitId}/lineage', allow: SIGNED_IN, why: 'reference data' },
  ...['', '/merge'].map(
    (suffix): EndpointPolicy => ({
      services: ['unit-directory'],
      method: 'POST',
      path: `/units${suffix}`,
      allow: DIRECTORY_WRITERS,
      why: 'directory editors keep the directory',
    }),
  ),
  ...['rename', 'change-type', 'move', 'split', 'dissolve', 'corrections'].map(
    (action): EndpointPolicy => ({
      services: ['unit-directory'],
      method: 'POST',
      path: `/units/{unitId}/${action}`,
      allow: DIRECTORY_WRITERS,
      why: 'directory editors keep the directory',
    }),
  ),
  ...['admin-units', 'commune-mergers', 'district-dissolution', 'province-reorganization'].map(
    (file): EndpointPolicy => ({
      services: ['unit-directory'],
      method: 'POST',
      path: `/imports/${file}`,
      allow: DIRECTORY_WRITERS,
      why: 'reference-data imports are directory edits',
    }),
  ),

  // --- survey-intake ---------------------------------------------------------------------------
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/responses',
    allow: [Roles.surveyor, Roles.admin],
    why: 'staff key in paper forms; the portal, tablets and the counter form get their own endpoints (issue 5)',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/responses/{responseId}/corrections',
    allow: CAMPAIGN_WRITERS,
    why: 'a correction names who made it and why',
    arriving: 'issue 4',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/responses/{responseId}/void',
    allow: CAMPAIGN_WRITERS,
    why: 'a void names who made it and why',
    arriving: 'issue 4',
  },
  {
    services: ['survey-intake'],
    method: 'GET',
    path: '/responses/{responseId}',
    allow: [Roles.campaignManager, Roles.auditor, Roles.reinspector, Roles.admin],
    why: 'one response, for those who correct, audit or re-inspect it; unit scope and contact details: see DATA_DEPENDENT_ACCESS_RULES',
    arriving: 'issue 4',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/campaigns',
    allow: CAMPAIGN_WRITERS,
    why: 'intake owns draft/open/closed',
    arriving: 'issue 4',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/campaigns/{campaignId}/open',
    allow: CAMPAIGN_WRITERS,
    why: 'intake owns draft/open/closed',
    arriving: 'issue 4',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/campaigns/{campaignId}/close',
    allow: CAMPAIGN_WRITERS,
    why: 'intake owns draft/open/closed',
    arriving: 'issue 4',
  },
  {
    services: ['survey-intake'],
    method: 'GET',
    path: '/campaigns',
    allow: CAMPAIGN_READERS,
    why: 'campaigns are read by those who run, collect for, lead, audit or re-inspect them',
    arriving: 'issue 4',
  },
  {
    services: ['survey-intake'],
    method: 'GET',
    path: '/campaigns/{campaignId}',
    allow: CAMPAIGN_READERS,
    why: 'a campaign is read by those who run, collect for, lead, audit or re-inspect it',
    arriving: 'issue 4',
  },
  {
    services: ['survey-intake'],
    method: 'GET',
    path: '/campaigns/{campaignId}/progress',
    allow: CAMPAIGN_READERS,
    why: 'progress against target samples',
    arriving: 'issue 4',
  },
  {
    services: ['survey-intake'],
    method: 'GET',
    path: '/questionnaires',
    allow: SIGNED_IN,
    why: 'the questionnaire is what every channel shows',
    arriving: 'issue 4',
  },
  {
    services: ['survey-intake'],
    method: 'GET',
    path: '/questionnaires/{questionnaireId}/versions/{version}',
    allow: SIGNED_IN,
    why: 'the questionnaire is what every channel shows',
    arriving: 'issue 4',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/questionnaires/{questionnaireId}/versions',
    allow: CAMPAIGN_WRITERS,
    why: 'a new questionnaire version is part of preparing a campaign',
    arriving: 'issue 4',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/respondent-keys/{keyId}/destroy',
    allow: [Roles.admin],
    why: 'crypto-shredding a respondent (right to be forgotten) is an admin act, recorded with its actor',
    arriving: 'issue 4',
  },

  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/counter/visit-tokens',
    allow: [Roles.surveyor, Roles.campaignManager, Roles.device, Roles.admin],
    why: 'the counter (staff, or its kiosk tablet) hands a citizen a one-time visit token',
  },
  {
    services: ['survey-intake'],
    method: 'GET',
    path: '/counter/visit',
    allow: 'public',
    why: 'the citizen opens the form from the QR code: the one-time visit token is the credential (rate-limited)',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/counter/ratings',
    allow: 'public',
    why: 'the citizen rates once with the visit token, which is the credential (rate-limited)',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/portal/ratings',
    allow: 'public',
    why: 'server to server: the portal authenticates by signing the request, not with a bearer token',
  },
  {
    services: ['survey-intake'],
    method: 'GET',
    path: '/portal/signing-keys',
    allow: [Roles.admin],
    why: 'the portal channel’s credentials are an admin matter',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/portal/signing-keys',
    allow: [Roles.admin],
    why: 'the portal channel’s credentials are an admin matter',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/portal/signing-keys/{keyId}/retire',
    allow: [Roles.admin],
    why: 'the portal channel’s credentials are an admin matter',
  },

  {
    services: ['survey-intake'],
    method: 'GET',
    path: '/tablets',
    allow: [Roles.admin],
    why: 'enrolled tablets and their credentials are an admin matter',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/tablets',
    allow: [Roles.admin],
    why: 'an admin enrolls a tablet; its credential is shown once',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/tablets/{deviceId}/revoke',
    allow: [Roles.admin],
    why: 'an admin revokes a lost or retired tablet',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/tablets/sync',
    allow: [Roles.surveyor],
    why: 'the signed-in surveyor syncs an enrolled tablet’s offline batch (the device credential travels with it)',
  },
  {
    services: ['survey-intake'],
    method: 'POST',
    path: '/campaigns/{campaignId}/imports',
    allow: [Roles.surveyor, Roles.admin],
    why: 'a bulk file of keyed-in paper forms is staff entry of paper forms, as POST /responses: the same roles',
  },
  {
    services: ['survey-intake'],
    method: 'GET',
    path: '/campaigns/{campaignId}/import-template',
    allow: [Roles.surveyor, Roles.campaignManager, Roles.admin],
    why: 'the file layout of a campaign, for whoever keys in its paper forms or prepares the survey',
  },

  // --- scoring -----------------------------------------------------------------------------------
  {
    services: ['scoring'],
    method: 'GET',
    path: '/units/{unitId}/satisfaction',
    allow: [Roles.viewer, Roles.campaignManager, Roles.auditor, Roles.admin],
    why: 'figures for leadership, managers and the audit (question for the lead: the campaign figures also admit the re-inspector, this one does not)',
  },
  { services: ['scoring'], method: 'GET', path: '/campaigns', allow: FIGURE_READERS, why: 'published figures', arriving: 'issue 6' },
  {
    services: ['scoring'],
    method: 'GET',
    path: '/campaigns/{campaignId}/figures',
    allow: FIGURE_READERS,
    why: 'published figures',
    arriving: 'issue 6',
  },
  {
    services: ['scoring'],
    method: 'GET',
    path: '/campaigns/{campaignId}/figures/export',
    allow: FIGURE_READERS,
    why: 'published figures',
    arriving: 'issue 6',
  },
  {
    services: ['scoring'],
    method: 'GET',
    path: '/campaigns/{campaignId}/series',
    allow: FIGURE_READERS,
    why: 'published figures',
    arriving: 'issue 6',
  },
  {
    services: ['scoring'],
    method: 'GET',
    path: '/campaigns/{campaignId}/publication',
    allow: FIGURE_READERS,
    why: 'what was published, at which log positions',
    arriving: 'issue 6',
  },
  {
    services: ['scoring'],
    method: 'POST',
    path: '/campaigns/{campaignId}/publication',
    allow: CAMPAIGN_WRITERS,
    why: 'scoring owns "published"',
    arriving: 'issue 6',
  },

  {
    services: ['scoring'],
    method: 'PUT',
    path: '/campaigns/{campaignId}/services-delivered',
    allow: CAMPAIGN_WRITERS,
    why: 'the services each unit delivered (N) set the sample sizes a campaign plans for',
  },
  {
    services: ['scoring'],
    method: 'GET',
    path: '/campaigns/{campaignId}/sample-progress',
    allow: FIGURE_READERS,
    why: 'progress against the planned sample sizes',
  },

  // --- audit -------------------------------------------------------------------------------------
  {
    services: ['audit'],
    method: 'POST',
    path: '/replay/campaigns/{campaignId}',
    allow: AUDITORS,
    why: 'replaying a campaign is the audit’s act',
  },
  {
    services: ['audit'],
    method: 'GET',
    path: '/replay/campaigns/{campaignId}',
    allow: [Roles.auditor, Roles.reinspector, Roles.admin],
    why: 'a campaign’s replayed figures, for the audit and the re-inspection team',
  },
  {
    services: ['audit'],
    method: 'POST',
    path: '/replay/campaigns/{campaignId}/comparisons',
    allow: [Roles.auditor, Roles.reinspector, Roles.admin],
    why: 'comparing replayed figures with a publication only reads; the re-inspection team needs the diff',
  },
  { services: ['audit'], method: 'POST', path: '/replay', allow: AUDITORS, why: 'a replay is the audit’s act' },
  {
    services: ['audit'],
    method: 'GET',
    path: '/replay/units/{unitId}/satisfaction',
    allow: [Roles.auditor, Roles.reinspector, Roles.admin],
    why: 'replayed figures for the audit and the re-inspection team',
  },
  {
    services: ['audit'],
    method: 'POST',
    path: '/ledger/verifications',
    allow: AUDITORS,
    why: 'verifying the ledger is the audit’s act',
    arriving: 'issue 7',
  },
  {
    services: ['audit'],
    method: 'POST',
    path: '/checkpoints',
    allow: AUDITORS,
    why: 'signing a ledger head is the audit’s act',
    arriving: 'issue 7',
  },
  {
    services: ['audit'],
    method: 'GET',
    path: '/checkpoints',
    allow: 'public',
    why: 'signed heads are what anyone checks a receipt against',
    arriving: 'issue 7',
  },
  {
    services: ['audit'],
    method: 'GET',
    path: '/checkpoints/keys',
    allow: 'public',
    why: 'the keys that verify the signed heads',
    arriving: 'issue 7',
  },
  {
    services: ['audit'],
    method: 'GET',
    path: '/receipts/{responseId}',
    allow: 'public',
    why: 'any respondent proves their response is in the log (DESIGN, re-inspection); the id is an unguessable UUID',
    arriving: 'issue 7',
  },
  // re-inspection (issue 8): the audit draws and assigns, re-inspectors re-contact and record verdicts
  {
    services: ['audit'],
    method: 'POST',
    path: '/reinspection/campaigns/{campaignId}/samples',
    allow: AUDITORS,
    why: 'drawing a back-check sample is the audit’s act (an event)',
  },
  {
    services: ['audit'],
    method: 'GET',
    path: '/reinspection/campaigns/{campaignId}/samples',
    allow: REINSPECTION_TEAM,
    why: 'the samples of a campaign, for the re-inspection team',
  },
  { services: ['audit'], method: 'GET', path: '/reinspection/samples/{sampleId}', allow: REINSPECTION_TEAM, why: 'one drawn sample' },
  {
    services: ['audit'],
    method: 'GET',
    path: '/reinspection/samples/{sampleId}/redraw',
    allow: REINSPECTION_TEAM,
    why: 'anyone of the team redraws a sample from its seed to check it',
  },
  {
    services: ['audit'],
    method: 'POST',
    path: '/reinspection/samples/{sampleId}/assignments',
    allow: AUDITORS,
    why: 'the audit assigns sampled responses to re-inspectors',
  },
  {
    services: ['audit'],
    method: 'GET',
    path: '/reinspection/assignments',
    allow: REINSPECTION_TEAM,
    why: 'a re-inspector’s work list (their own; the auditor and admin see all)',
  },
  {
    services: ['audit'],
    method: 'POST',
    path: '/reinspection/responses/{responseId}/verdicts',
    allow: [Roles.reinspector],
    why: 'only the re-inspector assigned to the response records its verdict (another re-inspector: 403, audit-backcheck e2e)',
  },
  {
    services: ['audit'],
    method: 'GET',
    path: '/reinspection/campaigns/{campaignId}/figures',
    allow: [Roles.viewer, Roles.auditor, Roles.reinspector, Roles.admin],
    why: 'published and re-inspected figures side by side, for leadership and the re-inspection team',
  },
  {
    services: ['audit'],
    method: 'POST',
    path: '/reinspection/campaigns/{campaignId}/closure',
    allow: AUDITORS,
    why: 'closing a re-inspection is the audit’s act',
  },
  {
    services: ['audit'],
    method: 'GET',
    path: '/reinspection/campaigns/{campaignId}/signals',
    allow: REINSPECTION_TEAM,
    why: 'fabrication signals name surveyors: the re-inspection team only',
  },
  {
    services: ['audit'],
    method: 'GET',
    path: '/reinspection/campaigns/{campaignId}/report',
    allow: [Roles.viewer, Roles.auditor, Roles.reinspector, Roles.admin],
    why: 'the re-inspection report (XLSX, PDF), for leadership and the re-inspection team',
  },
  {
    services: ['survey-intake'],
    method: 'GET',
    path: '/responses/{responseId}/contact',
    allow: [Roles.reinspector],
    why:
      'a respondent’s contact details, decrypted only for the re-inspector the audit assigned the response to (another re-inspector: 403), ' +
      'each reading a ContactDetailsAccessed event (DESIGN, personal data)',
  },
];

/**
 * Access rules that depend on data, not on the role alone, so the role × endpoint matrix cannot show
 * them. Each names the end-to-end test that shows it (a file and a test title in it, checked to exist
 * by the matrix suite, so the claim cannot rot), or none yet: then the matrix shows it as a todo,
 * never as a pass.
 */
export interface DataDependentAccessRule {
  readonly id: string;
  readonly rule: string;
  /** The spec file (relative to the repository) and a title of one of its tests; null while untested. */
  readonly testedBy: { readonly file: string; readonly test: string } | null;
  /** While untested: what it waits for and how to test it. */
  readonly pending?: { readonly waitsFor: string; readonly howToTest: string };
}

export const DATA_DEPENDENT_ACCESS_RULES: readonly DataDependentAccessRule[] = [
  {
    id: 'unit-scoped-reads',
    rule: "Staff see only their own unit and the units below it unless their role is province-wide (admin, auditor, re-inspector): a commune's staff cannot read another commune's responses, progress or figures",
    testedBy: {
      file: 'apps/platform-e2e/src/unit-scope.e2e.spec.ts',
      test: "a commune's campaign manager reads a response of their commune, not one of the other commune",
    },
  },
  {
    id: 'contact-details-assigned-reinspector-only',
    rule: "A respondent's contact details (the phone number for re-contact) are readable only by the re-inspector assigned to that response's back-check sample, and never after the respondent's key is destroyed",
    testedBy: {
      file: 'apps/platform-e2e/src/audit-backcheck.e2e.spec.ts',
      test: 'assigns a sample by surveyor stratum; intake shows contact details only to the assigned re-inspector, and each reading is an event',
    },
  },
  {
    id: 'citizen-one-time-token',
    rule: 'The anonymous citizen reaches only the counter form, with a one-time visit token, rate-limited; one rating per token',
    testedBy: {
      file: 'apps/platform-e2e/src/intake-channels.e2e.spec.ts',
      test: 'opens the short form for a token, and rates once',
    },
  },
  {
    id: 'channel-credentials',
    rule: 'The portal (signed server-to-server) and enrolled tablets (device credential + surveyor sign-in) submit only through their channel endpoints',
    testedBy: {
      file: 'apps/platform-e2e/src/intake-channels-portal.e2e.spec.ts',
      test: 'refuses a forged or altered request, an unknown key, missing headers and a body not sent raw',
    },
  },
];

export function policyKey(service: string, method: string, path: string): string {
  return `${service} ${method} ${path}`;
}

/** The table flattened to one row per service and endpoint. */
export function policyByEndpoint(): Map<string, EndpointPolicy> {
  const map = new Map<string, EndpointPolicy>();
  for (const row of AUTHORIZATION_POLICY) {
    for (const service of row.services) {
      const key = policyKey(service, row.method, row.path);
      if (map.has(key)) throw new Error(`the authorisation policy lists ${key} twice`);
      map.set(key, row);
    }
  }
  return map;
}

/** Does the policy let this role call the endpoint? */
export function allows(row: EndpointPolicy, role: Role): boolean {
  return row.allow === 'public' || row.allow.includes(role);
}
