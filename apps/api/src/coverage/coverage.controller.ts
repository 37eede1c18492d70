import {
  BadRequestException,
  Body,
  ForbiddenException,
  Controller,
  Get,
  Header,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, inScope, type Principal, Role, Roles } from '@sigap/auth';
import {
  CoverageReportService,
  CoverageVerificationService,
  RosterImportService,
  toCsv,
  type CoverageVerification,
  type RosterImportJobView,
} from '@sigap/coverage';
import { DomainError } from '@sigap/domain';
import type { FastifyReply as Response, FastifyRequest as Request } from 'fastify';
import { IsIn, IsString, Matches } from 'class-validator';

export class VerifyCoverageDto {
  /** 16-digit NIK: sent in the body, never in a URL (personal data stays out of access logs). */
  @IsString()
  @Matches(/^[0-9 .]{16,22}$/, { message: 'nik must be 16 digits' })
  nik!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'incidentDate must be YYYY-MM-DD' })
  incidentDate!: string;

  @IsIn(['JKK', 'JKM'], { message: 'program must be JKK or JKM' })
  program!: 'JKK' | 'JKM';
}

function domainToHttp(e: unknown): never {
  if (e instanceof DomainError) throw new BadRequestException({ errors: [{ field: e.field, message: e.message }] });
  throw e;
}

function wantsCsv(req: Request, format?: string): boolean {
  if (format !== undefined && format !== 'csv' && format !== 'json')
    throw new BadRequestException({ errors: [{ field: 'format', message: 'format must be csv or json' }] });
  return format === 'csv' || (format === undefined && (req.headers.accept ?? '').includes('text/csv'));
}

const BPJS_STAFF = [Role.BPJS_OFFICER, Role.BPJS_SUPERVISOR, Role.ADMIN];
const ALL_STAFF = [...BPJS_STAFF, Role.KPU_OPERATOR, Role.KPU_APPROVER];

/**
 * A report covers a region inside the caller's scope (ADMIN: any). A Kota Bandung operator may ask for 3273 but not
 * for the whole province 32. A malformed region is left to the report's own validation (400).
 */
function requireRegion(p: Principal, region: string | undefined): void {
  const code = (region ?? '').replace(/\./g, '');
  if (/^\d{2}(\d{2})?$/.test(code) && !inScope(p, code)) {
    throw new ForbiddenException(`region ${region} is outside your scope`);
  }
}

@ApiTags('coverage')
@ApiBearerAuth()
@Controller('api/v1')
export class CoverageController {
  constructor(
    private readonly verification: CoverageVerificationService,
    private readonly reports: CoverageReportService,
    private readonly imports: RosterImportService,
  ) {}

  @Post('rosters/imports')
  @Roles(...BPJS_STAFF)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Upload a roster CSV (body text/csv, UTF-8); returns the import job (poll it for status and rejects)',
  })
  async upload(@Req() req: Request, @Query('fileName') fileName?: string): Promise<RosterImportJobView> {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'text/csv' && type !== 'application/octet-stream')
      throw new BadRequestException({
        errors: [{ field: 'body', message: 'send the roster as the request body with Content-Type: text/csv' }],
      });
    // the body streams straight into the importer: nothing is held in memory
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    const id = await this.imports.start(req.raw, { source: 'API', fileName: fileName ?? null }, () => release());
    // answer once the body has been read: the job is RUNNING (merging) or already finished
    await Promise.race([done, new Promise((r) => req.raw.once('end', r))]);
    return (await this.imports.job(id))!;
  }

  @Get('rosters/imports/:id')
  @Roles(...BPJS_STAFF)
  @ApiOperation({ summary: 'An import job: status, counts and rejects (row, field, reason)' })
  async job(@Param('id', new ParseUUIDPipe()) id: string): Promise<RosterImportJobView> {
    const job = await this.imports.job(id);
    if (!job) throw new NotFoundException(`No roster import ${id}`);
    return job;
  }

  @Post('coverage/verify')
  @Roles(...BPJS_STAFF)
  @HttpCode(200)
  @ApiOperation({ summary: 'Was this NIK an enrolled participant on the incident date, on duty in that term?' })
  async verify(@Body() dto: VerifyCoverageDto): Promise<CoverageVerification> {
    return this.verification.verify(dto.nik, dto.incidentDate, dto.program).catch(domainToHttp);
  }

  @Get('coverage/budget')
  @Roles(...ALL_STAFF)
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'or Accept: text/csv' })
  @ApiOperation({ summary: 'Contribution budget of a region and election event (JSON, or CSV with Accept: text/csv)' })
  @Header('Cache-Control', 'no-store')
  async budget(
    @CurrentUser() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query('region') region: string,
    @Query('event') event: string,
    @Query('format') format?: string,
  ): Promise<unknown> {
    requireRegion(p, region);
    const csv = wantsCsv(req, format);
    const b = await this.reports.budget(region, event).catch(domainToHttp);
    if (!csv) return b;
    void res.type('text/csv').header('Content-Disposition', `attachment; filename="budget-${b.region}-${b.event}.csv"`);
    return toCsv([...b.lines, { role: 'TOTAL', ...b.totals }], ['role', 'headcount', 'personMonths', 'jkk', 'jkm', 'total']);
  }

  @Get('coverage/gaps')
  @Roles(...ALL_STAFF)
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'or Accept: text/csv' })
  @ApiOperation({ summary: 'Coverage gaps per region and role with the budget to close them (JSON or CSV)' })
  @Header('Cache-Control', 'no-store')
  async gaps(
    @CurrentUser() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query('region') region: string,
    @Query('event') event: string,
    @Query('format') format?: string,
  ): Promise<unknown> {
    requireRegion(p, region);
    const csv = wantsCsv(req, format);
    const g = await this.reports.gaps(region, event).catch(domainToHttp);
    if (!csv) return g;
    void res.type('text/csv').header('Content-Disposition', `attachment; filename="gaps-${g.region}-${g.event}.csv"`);
    return toCsv([...g.lines, { region: 'TOTAL', role: '', ...g.totals }], [
      'region',
      'role',
      'workers',
      'covered',
      'uncovered',
      'budgetToClose',
    ]);
  }
}
