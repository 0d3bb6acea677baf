import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID, Matches, ValidateNested } from 'class-validator';

export class AssignmentDto {
  @ApiProperty({ format: 'uuid', description: 'A response of the sample' })
  @IsUUID()
  responseId!: string;

  @ApiProperty({ example: 'reinspector-1', description: 'The re-inspector’s staff id (their token’s subject)' })
  @Matches(/^[A-Za-z0-9._:@-]{1,200}$/)
  reinspectorId!: string;
}

export class AssignResponsesRequestDto {
  @ApiProperty({ type: [AssignmentDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => AssignmentDto)
  assignments!: AssignmentDto[];
}
