import { createEvent, UnitRegistered } from '@hailong/contracts';
import { decideRegisterUnit, DirectoryRuleViolation, evolveUnit, UnitState } from '@hailong/directory/domain';
import { Actor } from '@hailong/platform/auth';
import { unprocessable } from '@hailong/platform/http';
import { OutboxWriter } from '@hailong/platform/messaging';
import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UnitStore } from '../../unit.store';
import { RegisterUnitRequestDto } from './register-unit.request.dto';

export function ruleViolationToHttp(error: DirectoryRuleViolation) {
  return unprocessable([{ field: error.field, rule: error.rule, reason: error.reason, reasonVi: error.reasonVi }]);
}

@Injectable()
export class RegisterUnitHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: UnitStore,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(request: RegisterUnitRequestDto, actor: Actor, correlationId: string): Promise<UnitState> {
    const command = {
      type: 'RegisterUnit' as const,
      unitId: request.unitId ?? randomUUID(),
      code: request.code,
      unitType: request.unitType,
      nameVi: request.nameVi,
      nameEn: request.nameEn,
      parentId: request.parentId ?? null,
      areaCode: request.areaCode ?? null,
      validFrom: request.validFrom,
    };
    try {
      return await this.dataSource.transaction(async (manager) => {
        // One directory writer at a time for code uniqueness across units (a cross-aggregate rule).
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('directory-codes'))`);
        const state = await this.store.load(manager, command.unitId);
        const lookup = await this.store.lookup(manager, command.parentId ? [command.parentId] : [], [command.code]);
        const decided = decideRegisterUnit(command, state, lookup);
        const events = decided.map((e) =>
          createEvent(UnitRegistered, command.unitId, e.data, {
            source: 'unit-directory',
            actor: { id: actor.id, kind: 'staff', roles: actor.roles },
            correlationId,
            occurredAt: `${command.validFrom}T00:00:00+07:00`,
          }),
        );
        const next = decided.reduce<UnitState | null>((s, e) => evolveUnit(s, e), state) as UnitState;
        await this.store.save(manager, next, events);
        await this.outbox.append(manager, events);
        return next;
      });
    } catch (error) {
      if (error instanceof DirectoryRuleViolation) throw ruleViolationToHttp(error);
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: 'the unit changed meanwhile; retry', messageVi: 'đơn vị vừa bị thay đổi; hãy thử lại' });
      }
      throw error;
    }
  }
}

