import { DirectoryCommand } from '../decide';

export type ImportKind = 'admin-units' | 'commune-mergers' | 'district-dissolution' | 'province-reorganization';

export type ChangeAction = 'registered' | 'renamed' | 'moved' | 'merged' | 'dissolved';

/** One line of the report per unit a command changes. */
export interface ImportChange {
  readonly action: ChangeAction;
  readonly code: string;
  readonly nameVi: string;
  /** What happens to it, for a person to read. */
  readonly detail: string;
}

/** A unit dissolved without a known successor, and what the source says about it. */
export interface UnknownSuccessor {
  readonly code: string;
  readonly nameVi: string;
  readonly basis: string;
}

export interface ImportReport {
  readonly kind: ImportKind;
  readonly effectiveDate: string;
  readonly counts: Readonly<Record<ChangeAction | 'unchanged', number>>;
  readonly changes: readonly ImportChange[];
  readonly unknownSuccessors: readonly UnknownSuccessor[];
  readonly warnings: readonly string[];
}

/** The commands that bring the directory in line with a source, in the order they must be applied. */
export interface ImportPlan {
  readonly commands: readonly DirectoryCommand[];
  readonly report: ImportReport;
}

/** Collects a plan; the counts are tallied from the change lines, so report and commands cannot disagree. */
export class PlanBuilder {
  private readonly commands: DirectoryCommand[] = [];
  private readonly changes: ImportChange[] = [];
  private readonly unknownSuccessors: UnknownSuccessor[] = [];
  private readonly warnings: string[] = [];
  private unchangedCount = 0;

  command(command: DirectoryCommand, ...changes: ImportChange[]): void {
    this.commands.push(command);
    this.changes.push(...changes);
  }

  unknownSuccessor(entry: UnknownSuccessor): void {
    this.unknownSuccessors.push(entry);
  }

  /** Something the source asks for that the directory already records. */
  unchanged(count = 1): void {
    this.unchangedCount += count;
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  build(kind: ImportKind, effectiveDate: string): ImportPlan {
    const counts = {
      registered: 0,
      renamed: 0,
      moved: 0,
      merged: 0,
      dissolved: 0,
      unchanged: this.unchangedCount,
    };
    for (const change of this.changes) counts[change.action] += 1;
    return {
      commands: [...this.commands],
      report: {
        kind,
        effectiveDate,
        counts,
        changes: [...this.changes],
        unknownSuccessors: [...this.unknownSuccessors],
        warnings: [...this.warnings],
      },
    };
  }
}
