import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { PlainText } from '../common/plain-text';

const stripDots = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/\./g, '') : value;

/** The first report of an incident during duty (laporan tahap I), filed by KPU staff. */
export class CreateIncidentDto {
  @ApiProperty({ description: "The worker's 16-digit NIK", example: '3273014107900001' })
  @Matches(/^\d{16}$/, { message: 'workerNik must be exactly 16 digits' })
  workerNik!: string;

  @ApiProperty({ enum: ['ACCIDENT', 'DEATH'], example: 'DEATH' })
  @IsIn(['ACCIDENT', 'DEATH'], { message: 'incidentType must be ACCIDENT or DEATH' })
  incidentType!: 'ACCIDENT' | 'DEATH';

  @ApiProperty({
    description: 'When it happened (ISO 8601 with offset)',
    example: '2024-02-14T21:30:00+07:00',
  })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'occurredAt must be an ISO 8601 date-time' })
  @Matches(/T.*(Z|[+-]\d{2}:\d{2})$/, { message: 'occurredAt must carry a time and a time zone offset' })
  occurredAt!: string;

  @ApiProperty({
    description:
      'Kemendagri region code of the place of duty: kab/kota (4), kecamatan (6) or desa (10 digits); dots allowed',
    example: '32.73.01.1001',
  })
  @Transform(stripDots)
  @IsString()
  @Matches(/^\d{4}(\d{2}(\d{4})?)?$/, {
    message: 'regionCode must be a kab/kota, kecamatan or desa code (4, 6 or 10 digits)',
  })
  regionCode!: string;

  @ApiPropertyOptional({ description: 'Polling-station number within the desa', example: 12 })
  @IsOptional()
  @IsInt({ message: 'tpsNumber must be a whole number' })
  @Min(1, { message: 'tpsNumber must be at least 1' })
  tpsNumber?: number;

  @ApiPropertyOptional({ example: 'TPS 012, Kelurahan Sukamaju' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @PlainText()
  place?: string;

  @ApiPropertyOptional({ example: 'Collapsed while counting ballots; taken to RSUD at 22:10.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @PlainText({ multiline: true })
  chronology?: string;

  @ApiPropertyOptional({ description: 'Role of the ad-hoc worker', example: 'KPPS_ANGGOTA' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][A-Z_]{1,23}$/, { message: 'workerRole must be a role code such as KPPS_ANGGOTA' })
  workerRole?: string;

  @ApiPropertyOptional({
    description: 'What duty the worker was doing',
    example: 'Counting ballots at the TPS',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @PlainText({ multiline: true })
  onDutyContext?: string;

  @ApiPropertyOptional({ example: 'RSUD Kota Bandung' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @PlainText()
  healthFacility?: string;

  @ApiPropertyOptional({ description: 'Who reports (name)', example: 'Siti Rahma' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[\p{L} .,'-]+$/u, { message: "reporterName may contain letters, spaces and . , ' - only" })
  @PlainText()
  reporterName?: string;

  @ApiPropertyOptional({ example: '081234567890' })
  @IsOptional()
  @Matches(/^\+?\d{8,15}$/, { message: 'reporterPhone must be 8 to 15 digits' })
  reporterPhone?: string;

  @ApiPropertyOptional({
    description: 'Relation to the worker (KPU staff, family, health facility, ...)',
    example: 'KPU_STAFF',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @PlainText()
  reporterRelation?: string;
}

export class FiledClaimDto {
  @ApiProperty({ example: 'SGP-2026-000042' })
  claimNumber!: string;

  @ApiProperty({
    description:
      'Shown once: hand it to the family for tracking. null when the report joined an existing claim',
    example: 'K7M2Q9XH4T',
    nullable: true,
    type: String,
  })
  trackingCode!: string | null;

  @ApiProperty({
    description: 'A second report of the same worker and incident day joined the existing claim',
    example: false,
  })
  joined!: boolean;

  @ApiProperty({ example: 'REPORTED' })
  stage!: string;

  @ApiProperty({ description: 'Filed later than 2 x 24 h after the incident', example: false })
  lateReport!: boolean;
}
