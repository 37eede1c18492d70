import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  IsArray,
} from 'class-validator';
import { PlainText, PlainTextValues } from '../common/plain-text';

const REASON = { minLength: 5, maxLength: 2000 };

export class ListClaimsQuery {
  @ApiPropertyOptional({ example: 'DOCUMENTS' })
  @IsOptional()
  @Matches(/^[A-Z_]{3,40}$/, { message: 'stage must be a stage code such as DOCUMENTS' })
  stage?: string;

  @ApiPropertyOptional({
    description: 'province (2) or kab/kota (4) code, narrows your own scope',
    example: '3273',
  })
  @IsOptional()
  @Matches(/^\d{2}(\d{2})?$/, { message: 'region must be a 2- or 4-digit region code' })
  region?: string;

  @ApiPropertyOptional({
    enum: ['JKM_DEATH', 'JKK_DEATH', 'JKK_ACCIDENT', 'KPU_DEATH', 'KPU_INJURY', 'KPU_SANTUNAN'],
  })
  @IsOptional()
  @IsIn(['JKM_DEATH', 'JKK_DEATH', 'JKK_ACCIDENT', 'KPU_DEATH', 'KPU_INJURY', 'KPU_SANTUNAN'])
  program?: string;

  @ApiPropertyOptional({ description: "a user name, or 'me', or 'none'", example: 'me' })
  @IsOptional()
  @Matches(/^[a-z0-9._-]{2,64}$/, { message: 'assignee must be a user name, me or none' })
  assignee?: string;

  @ApiPropertyOptional({ description: 'only claims past their payment deadline' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['createdAt', 'updatedAt', 'paymentDeadline'], default: 'createdAt' })
  @IsOptional()
  @IsIn(['createdAt', 'updatedAt', 'paymentDeadline'])
  sort?: 'createdAt' | 'updatedAt' | 'paymentDeadline';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class CoverageReviewDto {
  @ApiProperty({ enum: ['CONFIRM_NOT_COVERED', 'OVERRIDE_COVERED'] })
  @IsIn(['CONFIRM_NOT_COVERED', 'OVERRIDE_COVERED'])
  decision!: 'CONFIRM_NOT_COVERED' | 'OVERRIDE_COVERED';

  @ApiProperty({ example: 'Tidak terdaftar di PKS Kota Bandung 2024' })
  @IsString()
  @MinLength(REASON.minLength)
  @MaxLength(REASON.maxLength)
  @PlainText({ multiline: true })
  reason!: string;

  @ApiPropertyOptional({ description: 'OVERRIDE_COVERED: reference of the evidence' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @PlainText()
  evidence?: string;
}

export class VerificationDto {
  @ApiProperty({ enum: ['ACCEPT', 'REJECT', 'REQUEST_INFO'] })
  @IsIn(['ACCEPT', 'REJECT', 'REQUEST_INFO'])
  decision!: 'ACCEPT' | 'REJECT' | 'REQUEST_INFO';

  @ApiPropertyOptional({ description: 'ACCEPT: the worker was on duty' })
  @IsOptional()
  @IsBoolean()
  onDuty?: boolean;

  @ApiPropertyOptional({ description: 'ACCEPT of a death: caused by work (JKK) or not (JKM)' })
  @IsOptional()
  @IsBoolean()
  workRelated?: boolean;

  @ApiProperty({ example: 'SK KPPS dan surat tugas TPS 012 sesuai' })
  @IsString()
  @MinLength(REASON.minLength)
  @MaxLength(REASON.maxLength)
  @PlainText({ multiline: true })
  reason!: string;

  @ApiPropertyOptional({ description: 'REQUEST_INFO: the question for the reporter' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @PlainText({ multiline: true })
  question?: string;

  @ApiPropertyOptional({ description: 'facts that shape the checklist', example: { heirIsSpouse: true } })
  @IsOptional()
  @IsObject()
  @PlainTextValues()
  caseFacts?: Record<string, boolean>;
}

export class InfoAnswerDto {
  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(4000)
  @PlainText({ multiline: true })
  answer!: string;
}

export class DocumentUploadDto {
  @ApiProperty({ example: 'DEATH_CERTIFICATE' })
  @Matches(/^[A-Z0-9_]{2,48}$/, {
    message: 'documentCode must be a checklist code such as DEATH_CERTIFICATE',
  })
  documentCode!: string;
}

export class DocumentReviewDto {
  @ApiProperty({ enum: ['ACCEPT', 'REJECT'] })
  @IsIn(['ACCEPT', 'REJECT'])
  decision!: 'ACCEPT' | 'REJECT';

  @ApiPropertyOptional({ description: 'required to reject' })
  @IsOptional()
  @IsString()
  @MaxLength(REASON.maxLength)
  @PlainText({ multiline: true })
  reason?: string;
}

class AdjustmentDto {
  @ApiProperty({ example: 'TRANSPORT:LAND' })
  @Matches(/^[A-Z0-9_:.-]{2,80}$/)
  key!: string;

  @ApiProperty({ example: 4500000 })
  @IsInt()
  @Min(0)
  @Max(10_000_000_000)
  amount!: number;

  @ApiProperty()
  @IsString()
  @MinLength(REASON.minLength)
  @MaxLength(REASON.maxLength)
  @PlainText({ multiline: true })
  reason!: string;
}

export class BenefitProposalDto {
  @ApiPropertyOptional({
    description: 'facts beyond coverage (outcome, STMB period, costs, children, KPU event)',
  })
  @IsOptional()
  @IsObject()
  @PlainTextValues()
  facts?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [AdjustmentDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AdjustmentDto)
  adjustments?: AdjustmentDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @PlainText({ multiline: true })
  note?: string;
}

export class ApprovalDto {
  @ApiProperty({ enum: ['APPROVE', 'SEND_BACK'] })
  @IsIn(['APPROVE', 'SEND_BACK'])
  decision!: 'APPROVE' | 'SEND_BACK';

  @ApiPropertyOptional({ description: 'required to send back' })
  @IsOptional()
  @IsString()
  @MaxLength(REASON.maxLength)
  @PlainText({ multiline: true })
  reason?: string;
}

export class PayeeDto {
  @ApiProperty({ description: 'bank code', example: 'BNI' })
  @Matches(/^[A-Z0-9]{2,12}$/, { message: 'bankCode must be 2-12 capital letters or digits' })
  bankCode!: string;

  @ApiProperty({ description: 'account number (stored encrypted, shown masked)', example: '0123456789' })
  @Matches(/^\d{6,20}$/, { message: 'accountNumber must be 6 to 20 digits' })
  accountNumber!: string;

  @ApiProperty({ description: 'account holder (the heir or the worker)', example: 'Siti Aminah' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  @Matches(/^[\p{L} .,'-]+$/u, { message: "holderName may contain letters, spaces and . , ' - only" })
  @PlainText()
  holderName!: string;
}

export class ReasonDto {
  @ApiProperty()
  @IsString()
  @MinLength(REASON.minLength)
  @MaxLength(REASON.maxLength)
  @PlainText({ multiline: true })
  reason!: string;
}

export class PayeeReviewDto {
  @ApiProperty({
    enum: ['ACCEPT', 'REJECT_ACCOUNT'],
    description:
      'ACCEPT: pay this account despite the holder-name mismatch; REJECT_ACCOUNT: a new account is needed',
  })
  @IsIn(['ACCEPT', 'REJECT_ACCOUNT'])
  decision!: 'ACCEPT' | 'REJECT_ACCOUNT';

  @ApiProperty({
    description: 'why (e.g. the heir certificate shows the same person under another spelling)',
  })
  @IsString()
  @MinLength(REASON.minLength)
  @MaxLength(REASON.maxLength)
  @PlainText({ multiline: true })
  reason!: string;
}

export class AssignmentDto {
  @ApiPropertyOptional({ description: "user name to assign to; omit for yourself; 'none' to unassign" })
  @IsOptional()
  @Matches(/^[a-z0-9._-]{3,64}$/)
  assignee?: string;
}

export class DeathDto {
  @ApiProperty({ example: '2024-02-20' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deathDate must be YYYY-MM-DD' })
  deathDate!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(REASON.maxLength)
  @PlainText({ multiline: true })
  reason?: string;
}

export class RecoveryDto {
  @ApiProperty({ example: '2024-05-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'recoveredOn must be YYYY-MM-DD' })
  recoveredOn!: string;

  @ApiProperty()
  @IsString()
  @MinLength(REASON.minLength)
  @MaxLength(REASON.maxLength)
  @PlainText({ multiline: true })
  reason!: string;
}
