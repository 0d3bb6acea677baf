import { Actor as EventActor } from '@hailong/contracts';
import { Actor } from '@hailong/platform/auth';

/** The signed-in staff member as every event names its actor. */
export const staffActor = (actor: Actor): EventActor => ({ id: actor.id, kind: 'staff', roles: actor.roles });
