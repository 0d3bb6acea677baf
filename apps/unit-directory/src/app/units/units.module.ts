import { Module } from '@nestjs/common';
import { ChangeUnitTypeController } from './commands/change-unit-type/change-unit-type.controller';
import { CorrectUnitEventController } from './commands/correct-unit-event/correct-unit-event.controller';
import { ImportReferenceDataController } from './commands/import-reference-data/import-reference-data.controller';
import { DissolveUnitController } from './commands/dissolve-unit/dissolve-unit.controller';
import { MergeUnitsController } from './commands/merge-units/merge-units.controller';
import { MoveUnitController } from './commands/move-unit/move-unit.controller';
import { RegisterUnitController } from './commands/register-unit/register-unit.controller';
import { RenameUnitController } from './commands/rename-unit/rename-unit.controller';
import { SplitUnitController } from './commands/split-unit/split-unit.controller';
import { UnitCommandRunner } from './http/unit-command.runner';
import { GetUnitHistoryController } from './queries/get-unit-history/get-unit-history.controller';
import { GetUnitLineageController } from './queries/get-unit-lineage/get-unit-lineage.controller';
import { GetUnitTreeController } from './queries/get-unit-tree/get-unit-tree.controller';
import { GetUnitController } from './queries/get-unit/get-unit.controller';
import { SearchUnitsController } from './queries/search-units/search-units.controller';
import { DirectoryLog } from './store/directory-log';
import { DirectoryReader } from './store/directory-reader';
import { DirectoryWriter } from './store/directory-writer';

@Module({
  controllers: [
    // Fixed paths before `/units/:unitId`, which would otherwise take "tree" and "merge" for an id.
    SearchUnitsController,
    GetUnitTreeController,
    MergeUnitsController,
    RegisterUnitController,
    GetUnitController,
    GetUnitHistoryController,
    GetUnitLineageController,
    RenameUnitController,
    ChangeUnitTypeController,
    MoveUnitController,
    SplitUnitController,
    DissolveUnitController,
    CorrectUnitEventController,
    ImportReferenceDataController,
  ],
  providers: [DirectoryLog, DirectoryReader, DirectoryWriter, UnitCommandRunner],
  exports: [DirectoryReader],
})
export class UnitsModule {}
