import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsLocalDate } from '@hailong/platform/http';

const CSV_LIMIT = 200_000;

class ImportOptionsDto {
  @ApiPropertyOptional({ default: false, description: 'Report what would change and write nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

class CsvImportDto extends ImportOptionsDto {
  @ApiProperty({ description: 'The file, as text (UTF-8, comma-separated, with its header line)' })
  @IsString()
  @Length(1, CSV_LIMIT)
  csv!: string;
}

/** `vinh-phuc-admin-units-pre2025.csv`: the province, its districts and communes, as police units. */
export class ImportAdminUnitsRequestDto extends CsvImportDto {
  @IsLocalDate('First day the imported units are valid')
  validFrom!: string;
}

/** `vinh-phuc-commune-mergers-2024.csv`: communes merged away, some with an unknown successor. */
export class ImportCommuneMergersRequestDto extends CsvImportDto {
  @IsLocalDate()
  effectiveDate!: string;
}

/** `vinh-phuc-commune-reorganization-2025-07-01.csv`: the new province and its new communes. */
export class ImportProvinceReorganizationRequestDto extends CsvImportDto {
  @IsLocalDate()
  effectiveDate!: string;
}

/** Every district police of a province dissolved: communes under the provincial police, procedures to it. */
export class DissolveDistrictPoliceRequestDto extends ImportOptionsDto {
  @ApiProperty({ example: '26', description: 'The province (GSO code) whose district police are dissolved' })
  @Matches(/^[0-9]{2}$/)
  provinceCode!: string;

  @IsLocalDate()
  effectiveDate!: string;
}
