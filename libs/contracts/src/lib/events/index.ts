import { EventRegistry } from '../registry';
import { AUDIT_EVENTS } from './audit.events';
import { DIRECTORY_EVENTS } from './directory.events';
import { INTAKE_EVENTS } from './intake.events';
import { PLATFORM_EVENTS } from './platform.events';
import { SCORING_EVENTS } from './scoring.events';

export * from './audit.events';
export * from './common';
export * from './directory.events';
export * from './intake.events';
export * from './platform.events';
export * from './scoring.events';

/** Every event type of the platform, for decoding anything found on a platform topic. */
export const platformEvents = new EventRegistry([
  ...DIRECTORY_EVENTS,
  ...INTAKE_EVENTS,
  ...PLATFORM_EVENTS,
  ...SCORING_EVENTS,
  ...AUDIT_EVENTS,
]);
