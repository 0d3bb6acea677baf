import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class GetReceiptParamsDto {
  @ApiProperty({ format: 'uuid', description: 'The response id intake answered when it accepted the response' })
  @IsUUID()
  responseId!: string;
}
