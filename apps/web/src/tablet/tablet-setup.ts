import type { Labelled, RatingQuestions } from '../citizen/rating-form-model';

/** The enrolled device: its id and credential, typed in once by whoever set the tablet up. */
export interface TabletDevice {
  readonly deviceId: string;
  readonly credential: string;
}

export interface Procedure extends Labelled {
  readonly id: string;
}

/**
 * What a working group takes into the field, saved while online: the campaign, the unit, and the
 * questions and procedures to ask about — everything a form needs without a connection.
 */
export interface Assignment {
  readonly campaign: { readonly campaignId: string; readonly nameVi: string; readonly nameEn: string };
  readonly unit: { readonly unitId: string; readonly nameVi: string; readonly nameEn: string };
  readonly questions: RatingQuestions;
  readonly procedures: readonly Procedure[];
}

const DEVICE_KEY = 'hailong.tablet.device';
const ASSIGNMENT_KEY = 'hailong.tablet.assignment';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CREDENTIAL = /^[A-Za-z0-9_-]{43}$/;

export const isDevice = (d: TabletDevice) => UUID.test(d.deviceId.trim()) && CREDENTIAL.test(d.credential.trim());

function read<T>(storage: Storage | undefined, key: string, valid: (value: T) => boolean): T | null {
  try {
    const raw = storage?.getItem(key);
    const value = raw ? (JSON.parse(raw) as T) : null;
    return value && valid(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Both live in localStorage: unlike the sign-in they must outlast the tab, since the tablet works
 * offline for hours. The device credential only lets an enrolled tablet sync beside a surveyor's sign-in.
 */
export const tabletStorage = {
  device: (storage: Storage | undefined = globalThis.localStorage) => read<TabletDevice>(storage, DEVICE_KEY, isDevice),
  saveDevice(device: TabletDevice, storage: Storage | undefined = globalThis.localStorage) {
    storage?.setItem(DEVICE_KEY, JSON.stringify({ deviceId: device.deviceId.trim().toLowerCase(), credential: device.credential.trim() }));
  },
  forgetDevice: (storage: Storage | undefined = globalThis.localStorage) => storage?.removeItem(DEVICE_KEY),
  assignment: (storage: Storage | undefined = globalThis.localStorage) =>
    read<Assignment>(storage, ASSIGNMENT_KEY, (a) => Boolean(a.campaign?.campaignId && a.unit?.unitId && a.questions?.factors?.length)),
  saveAssignment(assignment: Assignment, storage: Storage | undefined = globalThis.localStorage) {
    storage?.setItem(ASSIGNMENT_KEY, JSON.stringify(assignment));
  },
  forgetAssignment: (storage: Storage | undefined = globalThis.localStorage) => storage?.removeItem(ASSIGNMENT_KEY),
};

/** The procedures the questionnaire lists for a unit of this type (or of any type when none names it). */
export function proceduresFor(
  procedures: readonly (Procedure & { readonly unitTypes: readonly string[] })[],
  unitType: string,
): Procedure[] {
  const forType = procedures.filter((p) => p.unitTypes.includes(unitType));
  return (forType.length > 0 ? forType : procedures).map(({ id, vi, en }) => ({ id, vi, en }));
}
