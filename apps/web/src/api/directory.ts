import type { UnitType } from '@hailong/contracts';
import { API, apiGet, query } from './http';

// The unit directory's answers as its controllers build them (apps/unit-directory/src/app/units/queries).
// They are HTTP shapes, not events, so they are not in @hailong/contracts; they are restated here.

export type UnitStatus = 'active' | 'merged' | 'split' | 'dissolved';

export interface TreeNode {
  readonly unitId: string;
  readonly code: string;
  readonly unitType: UnitType;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly areaCode: string | null;
  readonly children: readonly TreeNode[];
}

export interface UnitTree {
  readonly on: string;
  readonly roots: readonly TreeNode[];
}

export interface Unit {
  readonly unitId: string;
  readonly code: string;
  readonly unitType: UnitType;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly parentId: string | null;
  readonly areaCode: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly version: number;
  readonly status?: UnitStatus;
  readonly successorIds?: readonly string[];
  readonly successorUnknown?: boolean;
}

export interface FoundUnit extends Unit {
  /** The name that matched: the current one, or a former one. */
  readonly matchedName: string;
}

export interface UnitSearch {
  readonly q: string;
  readonly on: string | null;
  readonly total: number;
  readonly units: readonly FoundUnit[];
}

export interface HistoryActor {
  readonly id: string;
  readonly kind?: string;
  readonly roles?: readonly string[];
  readonly name?: string;
}

export interface HistoryEvent {
  readonly eventId: string;
  readonly version: number;
  readonly type: string;
  readonly effectiveDate: string;
  readonly recordedAt: string;
  readonly actor: HistoryActor | null;
  readonly data: Record<string, unknown>;
}

export interface UnitHistory {
  readonly unitId: string;
  readonly events: readonly HistoryEvent[];
}

export interface LinkedUnit {
  readonly unitId: string;
  readonly code: string;
  readonly nameVi: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly status: UnitStatus;
}

export interface Predecessor extends LinkedUnit {
  readonly predecessors: readonly Predecessor[];
}

export interface UnitLineage {
  readonly unit: LinkedUnit;
  readonly predecessors: readonly Predecessor[];
  readonly successors: readonly LinkedUnit[];
  readonly successorUnknown: boolean;
  readonly carriedOnBy: { readonly on: string; readonly unknown: boolean; readonly units: readonly LinkedUnit[] };
}

type Token = string | null;

export const directoryApi = {
  tree: (token: Token, on: string, signal?: AbortSignal) =>
    apiGet<UnitTree>(`${API.directory}/units/tree${query({ on })}`, { token, signal }),
  search: (token: Token, q: string, on: string | null, signal?: AbortSignal) =>
    apiGet<UnitSearch>(`${API.directory}/units${query({ q, on, limit: 50 })}`, { token, signal }),
  unit: (token: Token, unitId: string, on: string | null, signal?: AbortSignal) =>
    apiGet<Unit>(`${API.directory}/units/${encodeURIComponent(unitId)}${query({ on })}`, { token, signal }),
  history: (token: Token, unitId: string, signal?: AbortSignal) =>
    apiGet<UnitHistory>(`${API.directory}/units/${encodeURIComponent(unitId)}/history`, { token, signal }),
  lineage: (token: Token, unitId: string, on: string, signal?: AbortSignal) =>
    apiGet<UnitLineage>(`${API.directory}/units/${encodeURIComponent(unitId)}/lineage${query({ on })}`, { token, signal }),
};
