import { Module } from '@nestjs/common';
import { RegisterUnitController } from './commands/register-unit/register-unit.controller';
import { RegisterUnitHandler } from './commands/register-unit/register-unit.handler';
import { GetUnitController } from './queries/get-unit/get-unit.controller';
import { UnitStore } from './unit.store';

@Module({
  controllers: [RegisterUnitController, GetUnitController],
  providers: [UnitStore, RegisterUnitHandler],
})
export class UnitsModule {}
