import { ApiProperty } from '@nestjs/swagger';
import { ALL_ROLES, Role } from '@hailong/contracts';

export class CreatedAccountResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  username!: string;

  @ApiProperty({ enum: ALL_ROLES, isArray: true })
  roles!: Role[];

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  unitId!: string | null;
}
