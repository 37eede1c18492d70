import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UseInterceptors,
  Inject,
  UnprocessableEntityException,
  ConflictException,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, type Principal, Role, Roles } from '@sigap/auth';
import { CLAIM_NUMBER_PATTERN, ClaimCommands, ClaimsService } from '@sigap/claims';
import { DOCUMENT_STORAGE, DocumentRejectedError, type DocumentStorage, inspectUpload } from '@sigap/storage';
import { type ActorRole, type ClaimState, type DocumentState, TERMINAL_STAGES } from '@sigap/workflows';
import type { FastifyReply } from 'fastify';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClaimAccessService, explainBenefit } from './claim-access.service';
import {
  ApprovalDto,
  AssignmentDto,
  BenefitProposalDto,
  CoverageReviewDto,
  DeathDto,
  DocumentReviewDto,
  DocumentUploadDto,
  InfoAnswerDto,
  ListClaimsQuery,
  PayeeDto,
  PayeeReviewDto,
  ReasonDto,
  RecoveryDto,
  VerificationDto,
} from './dto';
import { command } from './refusal';
import { DocumentUploadInterceptor, type UploadedDocument, UploadedDocumentFile } from '../common/upload';

const STAFF = [Role.KPU_OPERATOR, Role.KPU_APPROVER, Role.BPJS_OFFICER, Role.BPJS_SUPERVISOR, Role.ADMIN];

function claimNumberOf(raw: string): string {
  if (!CLAIM_NUMBER_PATTERN.test(raw)) {
    throw new BadRequestException({
      errors: [{ field: 'claimNumber', message: 'claimNumber must look like SGP-2026-000042' }],
    });
  }
  return raw;
}

/** The case view hides the state's personal parts; the account is already masked by the workflow. */
function caseState(s: ClaimState): Omit<ClaimState, 'timeline'> {
  // the timeline comes from the read model (append-only audit), the rest from the workflow
  const { timeline: _timeline, ...rest } = s;
  return rest;
}

@ApiTags('claims')
@ApiBearerAuth()
@ApiConflictResponse({ description: "the workflow refused the step: the validator's reason is in `detail`" })
@Controller('api/v1/claims')
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly commands: ClaimCommands,
    private readonly access: ClaimAccessService,
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  @Get()
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'The work queue: claims in your scope, filtered, sorted and paginated, with the total',
  })
  list(@CurrentUser() p: Principal, @Query() q: ListClaimsQuery) {
    return this.access.list(p, q);
  }

  @Get(':claimNumber')
  @Roles(...STAFF)
  @ApiOperation({
    summary:
      'The case: incident, coverage, determination, document checklist, benefit lines, approvals, payments, timeline',
  })
  async get(@CurrentUser() p: Principal, @Param('claimNumber') raw: string) {
    const claimNumber = claimNumberOf(raw);
    await this.access.requireInScope(p, claimNumber);
    const view = await this.claims.getClaim(claimNumber);
    const [incident, assignee, state] = await Promise.all([
      this.access.incident(claimNumber),
      this.access.assigneeOf(claimNumber),
      this.commands.state(claimNumber).catch(() => undefined),
    ]);
    if (state?.benefit) {
      // each line with its formula and legal basis (libs/domain), Bahasa Indonesia first
      const why = await explainBenefit(this.ds, claimNumber, state.benefit);
      const explain = <L extends { key: string; label: string }>(l: L) => {
        const e = why.get(l.key);
        return e
          ? { ...l, label: e.labelId, labelEn: e.labelEn, formula: e.formula, legalBasis: e.legalBasis }
          : l;
      };
      state.benefit = {
        ...state.benefit,
        lineItems: state.benefit.lineItems.map(explain),
        scheduled: state.benefit.scheduled.map(explain),
      };
    }
    return { ...view, incident, assignee, state: state ? caseState(state) : null };
  }

  @Post(':claimNumber/coverage-review')
  @HttpCode(200)
  @Roles(Role.BPJS_OFFICER)
  @ApiOperation({ summary: 'Confirm "not covered" (→ KPU santunan track) or override with evidence' })
  async coverageReview(
    @CurrentUser() p: Principal,
    @Param('claimNumber') raw: string,
    @Body() dto: CoverageReviewDto,
  ) {
    const n = await this.scoped(p, raw);
    return command(() => this.commands.reviewCoverage(n, { actor: p.username, ...dto }));
  }

  @Post(':claimNumber/verification')
  @HttpCode(200)
  @Roles(Role.BPJS_OFFICER)
  @ApiOperation({
    summary: 'Verify duty and work-relatedness, reject, or ask the reporter for more information',
  })
  async verification(
    @CurrentUser() p: Principal,
    @Param('claimNumber') raw: string,
    @Body() dto: VerificationDto,
  ) {
    const n = await this.scoped(p, raw);
    return command(() => this.commands.verify(n, { actor: p.username, ...dto }));
  }

  @Post(':claimNumber/info-answer')
  @HttpCode(200)
  @Roles(Role.KPU_OPERATOR)
  @ApiOperation({ summary: "The reporter's answer to the officer's question" })
  async infoAnswer(
    @CurrentUser() p: Principal,
    @Param('claimNumber') raw: string,
    @Body() dto: InfoAnswerDto,
  ) {
    const n = await this.scoped(p, raw);
    return command(() => this.commands.answerInfoRequest(n, { actor: p.username, answer: dto.answer }));
  }

  @Post(':claimNumber/documents')
  @HttpCode(201)
  @Roles(Role.KPU_OPERATOR, Role.BPJS_OFFICER)
  @UseInterceptors(DocumentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['documentCode', 'file'],
      properties: {
        documentCode: { type: 'string', example: 'DEATH_CERTIFICATE' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiOperation({ summary: 'Upload a document of the checklist (PDF, JPEG or PNG, at most 10 MB)' })
  async upload(
    @CurrentUser() p: Principal,
    @Param('claimNumber') raw: string,
    @Body() dto: DocumentUploadDto,
    @UploadedDocumentFile() file?: UploadedDocument,
  ) {
    const n = await this.scoped(p, raw);
    return storeUpload(this.storage, this.commands, n, dto.documentCode, p.username, file);
  }

  @Get(':claimNumber/documents/:uploadId/file')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The bytes of an uploaded document (only within your scope)' })
  async file(
    @CurrentUser() p: Principal,
    @Param('claimNumber') raw: string,
    @Param('uploadId', new ParseUUIDPipe()) uploadId: string,
    @Res() res: FastifyReply,
  ) {
    const n = await this.scoped(p, raw);
    const up = await this.access.upload(n, uploadId);
    if (!up) throw new NotFoundException('no such document');
    const bytes = await this.storage.get(up.storageRef);
    void res
      .header('Content-Type', up.contentType)
      .header('Content-Disposition', `inline; filename="${up.fileName}"`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .send(bytes);
  }

  @Post(':claimNumber/documents/:documentCode/review')
  @HttpCode(200)
  @Roles(Role.BPJS_OFFICER)
  @ApiOperation({ summary: 'Accept or reject (with a reason) the latest upload of a document' })
  async review(
    @CurrentUser() p: Principal,
    @Param('claimNumber') raw: string,
    @Param('documentCode') documentCode: string,
    @Body() dto: DocumentReviewDto,
  ) {
    const n = await this.scoped(p, raw);
    return command(() => this.commands.reviewDocument(n, { actor: p.username, documentCode, ...dto }));
  }

  @Post(':claimNumber/benefit/proposal')
  @HttpCode(200)
  @Roles(Role.BPJS_OFFICER)
  @ApiOperation({
    summary: 'Propose the benefit calculated by the rules, with facts and reasoned adjustments',
  })
  async propose(
    @CurrentUser() p: Principal,
    @Param('claimNumber') raw: string,
    @Body() dto: BenefitProposalDto,
  ) {
    const n = await this.scoped(p, raw);
    return command(() =>
      this.commands.proposeBenefit(n, {
        actor: p.username,
        facts: dto.facts as never,
        adjustments: dto.adjustments,
        note: dto.note,
      }),
    );
  }

  @Post(':claimNumber/approval')
  @HttpCode(200)
  @Roles(Role.BPJS_SUPERVISOR, Role.KPU_APPROVER)
  @ApiOperation({
    summary: 'Approve or send back (four-eyes: never the proposer; a second approver above the threshold)',
  })
  async approval(@CurrentUser() p: Principal, @Param('claimNumber') raw: string, @Body() dto: ApprovalDto) {
    const n = await this.scoped(p, raw);
    return command(() =>
      this.commands.decideApproval(n, { actor: p.username, role: p.role as ActorRole, ...dto }),
    );
  }

  @Post(':claimNumber/payee')
  @HttpCode(200)
  @Roles(Role.KPU_OPERATOR, Role.BPJS_OFFICER)
  @ApiOperation({ summary: "The heir's (or worker's) bank account; stored encrypted, shown masked" })
  async payee(@CurrentUser() p: Principal, @Param('claimNumber') raw: string, @Body() dto: PayeeDto) {
    const n = await this.scoped(p, raw);
    return command(() =>
      this.commands.setPayoutAccount({ claimNumber: n, registeredBy: p.username, ...dto }),
    );
  }

  @Post(':claimNumber/payee-review')
  @HttpCode(200)
  @Roles(Role.BPJS_OFFICER, Role.KPU_APPROVER)
  @ApiOperation({
    summary:
      "Decide on an account whose holder name did not match the heir's or worker's (never its designator)",
  })
  async payeeReview(
    @CurrentUser() p: Principal,
    @Param('claimNumber') raw: string,
    @Body() dto: PayeeReviewDto,
  ) {
    const n = await this.scoped(p, raw);
    return command(() => this.commands.reviewPayee(n, { actor: p.username, ...dto }));
  }

  @Post(':claimNumber/withdrawal')
  @HttpCode(200)
  @Roles(Role.KPU_OPERATOR, Role.BPJS_OFFICER)
  @ApiOperation({ summary: 'Withdraw the claim, with a reason' })
  async withdraw(@CurrentUser() p: Principal, @Param('claimNumber') raw: string, @Body() dto: ReasonDto) {
    const n = await this.scoped(p, raw);
    return command(() => this.commands.withdraw(n, { actor: p.username, reason: dto.reason }));
  }

  @Post(':claimNumber/reopen')
  @HttpCode(201)
  @Roles(Role.BPJS_OFFICER, Role.BPJS_SUPERVISOR)
  @ApiOperation({
    summary:
      'Reopen a rejected claim, or a withdrawn one that paid nothing, as a new claim linked to it (once)',
  })
  async reopen(@CurrentUser() p: Principal, @Param('claimNumber') raw: string, @Body() dto: ReasonDto) {
    const n = await this.scoped(p, raw);
    return command(() => this.claims.reopenClaim(n, { actor: p.username, reason: dto.reason }));
  }

  @Post(':claimNumber/assignment')
  @HttpCode(200)
  @Roles(Role.BPJS_OFFICER, Role.BPJS_SUPERVISOR)
  @ApiOperation({ summary: 'Assign the claim (to yourself when no assignee is given; none unassigns)' })
  async assign(@CurrentUser() p: Principal, @Param('claimNumber') raw: string, @Body() dto: AssignmentDto) {
    const n = await this.scoped(p, raw);
    const target = dto.assignee === 'none' ? null : (dto.assignee ?? p.username);
    if (p.role === Role.BPJS_OFFICER && target !== null && target !== p.username) {
      throw new BadRequestException({
        errors: [{ field: 'assignee', message: 'an officer assigns claims to themself' }],
      });
    }
    await this.access.assign(n, target, p.username);
    return { claimNumber: n, assignee: target };
  }

  @Post(':claimNumber/death')
  @HttpCode(202)
  @Roles(Role.KPU_OPERATOR, Role.BPJS_OFFICER)
  @ApiOperation({
    summary: 'The worker of an accident claim died: escalate it in place to JKK death benefits',
  })
  async death(@CurrentUser() p: Principal, @Param('claimNumber') raw: string, @Body() dto: DeathDto) {
    const n = await this.scoped(p, raw);
    await command(() =>
      this.commands.reportDeath(n, { deathDate: dto.deathDate, reportedBy: p.username, reason: dto.reason }),
    );
    return { claimNumber: n, accepted: true };
  }

  @Post(':claimNumber/recovery')
  @HttpCode(200)
  @Roles(Role.BPJS_OFFICER)
  @ApiOperation({ summary: 'The worker recovered: STMB installments stop after this date' })
  async recovery(@CurrentUser() p: Principal, @Param('claimNumber') raw: string, @Body() dto: RecoveryDto) {
    const n = await this.scoped(p, raw);
    return command(() => this.commands.reportRecovery(n, { actor: p.username, ...dto }));
  }

  private async scoped(p: Principal, raw: string): Promise<string> {
    const n = claimNumberOf(raw);
    await this.access.requireInScope(p, n);
    return n;
  }
}

/** Checks the file by its bytes, stores it, records the upload and signals the workflow. */
export async function storeUpload(
  storage: DocumentStorage,
  commands: ClaimCommands,
  claimNumber: string,
  documentCode: string,
  uploadedBy: string,
  file: UploadedDocument | undefined,
  only?: (doc: DocumentState) => boolean,
) {
  if (!file) throw new BadRequestException({ errors: [{ field: 'file', message: 'a file is required' }] });
  const state = await commands.state(claimNumber);
  if (TERMINAL_STAGES.includes(state.stage)) {
    throw new ConflictException({
      message: `the claim is ${state.stage}: no more documents`,
      extra: { refusal: 'NotAllowedInStage' },
    });
  }
  const doc = state.documents.find((d) => d.code === documentCode);
  if (!doc || (only && !only(doc))) {
    throw new UnprocessableEntityException({
      errors: [
        { field: 'documentCode', message: `${documentCode} is not a document this claim expects from you` },
      ],
    });
  }
  if (doc.status === 'ACCEPTED') {
    throw new ConflictException({
      message: `${documentCode} is already accepted`,
      extra: { refusal: 'NotAllowedInStage' },
    });
  }
  let inspected;
  try {
    inspected = inspectUpload(file.buffer, file.originalname);
  } catch (err) {
    if (err instanceof DocumentRejectedError) {
      throw new BadRequestException({ errors: [{ field: err.field, message: err.message }] });
    }
    throw err;
  }
  const stored = await storage.put(file.buffer, inspected.type);
  const r = await commands.uploadDocument({
    claimNumber,
    documentCode,
    uploadedBy,
    content: file.buffer,
    fileName: inspected.fileName,
    contentType: inspected.type,
    storageRef: stored.ref,
  });
  return {
    uploadId: r.uploadId,
    checksumSha256: r.checksumSha256,
    fileName: inspected.fileName,
    contentType: inspected.type,
  };
}
