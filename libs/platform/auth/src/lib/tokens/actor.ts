import { Role } from '@hailong/contracts';

/** The authenticated staff member or channel behind a request, as the token describes them. */
export interface Actor {
  /** The token's `sub`: the account id at the local issuer. */
  id: string;
  /** Known roles only; role strings this platform does not define are dropped. */
  roles: Role[];
  /** The staff member's unit; null for accounts not tied to one (province-wide roles). */
  unitId: string | null;
  name?: string;
}
