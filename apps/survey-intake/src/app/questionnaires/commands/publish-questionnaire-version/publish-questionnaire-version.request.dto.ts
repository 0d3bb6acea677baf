import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class PublishQuestionnaireVersionRequestDto {
  @ApiProperty({
    description:
      'The whole content of the new version (titles, rating scale, factors and items, expectation scale and items, profile, procedures), ' +
      'every label in Vietnamese (vi) and English (en). Checked against the QuestionnaireVersionPublished contract.',
  })
  @IsObject()
  content!: Record<string, unknown>;
}
