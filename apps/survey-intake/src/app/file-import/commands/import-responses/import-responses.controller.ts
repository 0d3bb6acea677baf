import { Roles } from '@hailong/contracts';
import { importLayoutOf, readImportHeader, Violation } from '@hailong/intake/domain';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Controller, HttpException, HttpStatus, Inject, Logger, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { once } from 'node:events';
import { pipeline } from 'node:stream';
import { FILE_IMPORT_SETTINGS, FileImportSettings } from '../../file-import-config';
import { ByteMeter, csvRows, FileRow, FORMAT_MEDIA_TYPES, ImportFormat, UnreadableFile, xlsxRows } from '../../file-rows';
import { countsOf, ImportResponsesHandler, RowOutcome } from './import-responses.handler';

/** A refusal of the whole file, before anything is written: the status, what is wrong, and each problem by field. */
export function fileRefused(status: number, message: string, messageVi: string, errors: readonly Omit<Violation, 'rule'>[] | Violation[]) {
  return new HttpException({ statusCode: status, error: HttpStatus[status] ?? 'Error', message, messageVi, errors }, status);
}

const toErrors = (violations: readonly Violation[]) =>
  violations.map((v) => ({ field: v.field, rule: v.rule, reason: v.reason, reasonVi: v.reasonVi }));

/** Which format a Content-Type names; null for any other. */
export function importFormatOf(contentType: string | undefined): ImportFormat | null {
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (media === FORMAT_MEDIA_TYPES.csv || media === 'application/csv') return 'csv';
  if (media === FORMAT_MEDIA_TYPES.xlsx) return 'xlsx';
  return null;
}

interface Stop {
  readonly row: number | null;
  readonly rule: string;
  readonly reason: string;
  readonly reasonVi: string;
}

@ApiTags('file-import')
@ApiBearerAuth()
@Controller('campaigns')
export class ImportResponsesController {
  private readonly logger = new Logger(ImportResponsesController.name);

  constructor(
    private readonly handler: ImportResponsesHandler,
    @Inject(FILE_IMPORT_SETTINGS) private readonly settings: FileImportSettings,
  ) {}

  @Post(':campaignId/imports')
  @AllowRoles(Roles.surveyor, Roles.admin)
  @ApiConsumes(FORMAT_MEDIA_TYPES.csv, FORMAT_MEDIA_TYPES.xlsx)
  @ApiBody({
    description: 'The file itself as the body (not multipart): CSV in UTF-8, or XLSX. Layout: docs/file-import.md',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary: 'Import paper forms from a CSV or XLSX file (streamed)',
    description:
      'A header row of column ids (GET /campaigns/{campaignId}/import-template), then one row per form. 200 with a per-row report ' +
      '(accepted with its response id, duplicate of an earlier import, or refused with each field and reason), written as rows are decided. ' +
      'A file that is not this layout, not CSV/XLSX or too large is refused whole (400, 413, 415) before anything is written. ' +
      'Importing the same file again changes nothing: every row is a duplicate.',
  })
  @ApiOkResponse({
    description: '{ importId, campaignId, format, rows: [{ row, formNumber, outcome, responseId | errors }], summary, complete, stopped }',
  })
  async import(
    @Param('campaignId', new ParseUUIDPipe()) campaignIdParam: string,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    const campaignId = campaignIdParam.toLowerCase();
    const format = importFormatOf(request.headers['content-type']);
    if (!format) {
      request.resume();
      throw fileRefused(415, 'send the file as text/csv or as XLSX', 'hãy gửi tệp dạng text/csv hoặc XLSX', [
        {
          field: 'content-type',
          reason: `must be ${FORMAT_MEDIA_TYPES.csv} or ${FORMAT_MEDIA_TYPES.xlsx}`,
          reasonVi: `phải là ${FORMAT_MEDIA_TYPES.csv} hoặc ${FORMAT_MEDIA_TYPES.xlsx}`,
        },
      ]);
    }
    const declared = Number(request.headers['content-length'] ?? '0');
    if (declared > this.settings.maxBytes) {
      // Read and drop a body of a few times the limit, so that the client, still sending, gets the 413
      // rather than a broken pipe; beyond that, close the connection.
      if (declared <= 4 * this.settings.maxBytes) request.resume();
      else response.setHeader('connection', 'close');
      throw this.tooLarge();
    }
    const context = await this.handler.campaign(campaignId);
    if (!context.campaign || !context.questionnaire) {
      request.resume();
      throw fileRefused(404, 'no such campaign', 'không có đợt khảo sát này', [
        { field: 'campaignId', reason: 'no such campaign', reasonVi: 'không có đợt khảo sát này' },
      ]);
    }
    const { campaign } = context;
    if (campaign.status !== 'open' || !campaign.definition.methods.includes('paper')) {
      request.resume();
      const open = campaign.status === 'open';
      throw fileRefused(422, 'this campaign takes no paper forms now', 'đợt khảo sát này hiện không nhận phiếu giấy', [
        open
          ? {
              field: 'campaignId',
              rule: 'method-not-allowed',
              reason: 'the campaign does not use paper forms',
              reasonVi: 'đợt khảo sát không dùng phiếu giấy',
            }
          : {
              field: 'campaignId',
              rule: campaign.status === 'draft' ? 'campaign-not-open' : 'campaign-closed',
              reason: campaign.status === 'draft' ? 'the campaign is not open yet' : 'the campaign is closed',
              reasonVi: campaign.status === 'draft' ? 'đợt khảo sát chưa mở' : 'đợt khảo sát đã đóng',
            },
      ]);
    }

    const meter = new ByteMeter(this.settings.maxBytes);
    // An upload cut off mid-way ends the meter with its error, so reading stops instead of waiting.
    pipeline(request, meter, () => undefined);
    const discard = () => {
      request.unpipe(meter);
      request.resume();
    };
    const rows = (format === 'csv' ? csvRows(meter) : xlsxRows(meter))[Symbol.asyncIterator]();
    const layout = importLayoutOf(context.questionnaire);

    let headerRow: FileRow | null = null;
    try {
      for (;;) {
        const next = await rows.next();
        if (next.done) break;
        if (next.value.cells.some((c) => c.trim() !== '')) {
          headerRow = next.value;
          break;
        }
      }
    } catch (error) {
      discard();
      if (meter.exceeded) throw this.tooLarge();
      if (error instanceof UnreadableFile) {
        throw fileRefused(400, error.message, error.messageVi, [
          { field: 'body', rule: error.rule, reason: error.message, reasonVi: error.messageVi },
        ]);
      }
      throw error;
    }
    if (meter.exceeded) {
      discard();
      throw this.tooLarge();
    }
    if (!headerRow) {
      throw fileRefused(400, 'the file is empty: it needs a header row', 'tệp rỗng: cần có dòng tiêu đề', [
        { field: 'body', rule: 'file-empty', reason: 'no header row', reasonVi: 'không có dòng tiêu đề' },
      ]);
    }
    const header = readImportHeader(headerRow.cells, layout);
    if ('violations' in header) {
      discard();
      throw fileRefused(
        400,
        'the header row is not the campaign’s layout: download the template (GET /campaigns/{campaignId}/import-template)',
        'dòng tiêu đề không đúng mẫu nhập của đợt khảo sát: hãy tải mẫu',
        toErrors(header.violations),
      );
    }

    const session = await this.handler.begin(campaignId, format, header.header, actor, correlationId);
    response.status(200).type('application/json');
    const out = new ReportWriter(response);
    await out.write(
      `{"importId":${JSON.stringify(session.importId)},"campaignId":${JSON.stringify(campaignId)},"format":"${format}","rows":[`,
    );
    const totals = { rows: 0, accepted: 0, duplicates: 0, refused: 0 };
    let stop: Stop | null = null;
    let chunk: FileRow[] = [];
    // Two chunks at a time: one is decided (its transaction on PostgreSQL) while the next is read and
    // decided beside it. Their rows are reported in file order, each chunk once it and the one before
    // it are done; `reported` is the last chunk's report, and fails if that chunk failed.
    let reported: Promise<void> = Promise.resolve();
    let read = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      const rows = chunk;
      chunk = [];
      const earlier = reported;
      const decided = this.handler.chunk(session, rows, earlier);
      reported = (async () => {
        const outcomes = await decided;
        // Committed, so reported even if the chunk before failed (the import stops after it).
        await earlier.catch(() => undefined);
        const counts = countsOf(outcomes);
        totals.rows += counts.rows;
        totals.accepted += counts.accepted;
        totals.duplicates += counts.duplicates;
        totals.refused += counts.refused;
        await out.rows(outcomes);
      })();
      reported.catch(() => undefined);
      await earlier;
    };
    try {
      for (;;) {
        let next: IteratorResult<FileRow>;
        try {
          next = await rows.next();
        } catch (error) {
          stop = this.readingStopped(error, meter, read);
          break;
        }
        if (next.done) {
          if (meter.exceeded) stop = this.readingStopped(null, meter, read);
          break;
        }
        if (!next.value.cells.some((c) => c.trim() !== '')) continue;
        if (read >= this.settings.maxRows) {
          stop = {
            row: next.value.rowNumber,
            rule: 'too-many-rows',
            reason: `a file may hold at most ${this.settings.maxRows} forms: import the rest as another file`,
            reasonVi: `một tệp chỉ được có tối đa ${this.settings.maxRows} phiếu: hãy nhập phần còn lại bằng tệp khác`,
          };
          break;
        }
        read += 1;
        chunk.push(next.value);
        if (chunk.length >= this.settings.chunkRows) await flush();
      }
      // Rows read whole before a cut or broken file are decided like any other.
      await flush();
      await reported;
    } catch (error) {
      // The chunk in flight beside the failed one may have committed: its rows are reported all the same.
      await reported.catch(() => undefined);
      this.logger.error(`import ${session.importId} stopped: ${(error as Error).stack ?? error}`);
      stop = {
        row: null,
        rule: 'internal-error',
        reason: 'the import stopped on an internal error; rows reported above are stored, import the file again for the rest',
        reasonVi: 'việc nhập dừng do lỗi hệ thống; các dòng đã báo ở trên đã được lưu, hãy nhập lại tệp để xử lý phần còn lại',
      };
    }
    discard();
    await this.handler
      .finish(session, meter.digest(), meter.bytes, stop?.rule ?? null)
      .catch((error: Error) => this.logger.error(error.message));
    await out.write(`],"summary":${JSON.stringify(totals)},"complete":${stop === null},"stopped":${JSON.stringify(stop)}}`);
    response.end();
  }

  private tooLarge() {
    const limit = this.settings.maxBytes;
    return fileRefused(413, `the file is larger than ${limit} bytes`, `tệp lớn hơn ${limit} byte`, [
      { field: 'body', rule: 'file-too-large', reason: `at most ${limit} bytes`, reasonVi: `tối đa ${limit} byte` },
    ]);
  }

  private readingStopped(error: unknown, meter: ByteMeter, rowsSoFar: number): Stop {
    if (meter.exceeded) {
      return {
        row: null,
        rule: 'file-too-large',
        reason: `the file is larger than ${this.settings.maxBytes} bytes: rows after the limit were not read`,
        reasonVi: `tệp lớn hơn ${this.settings.maxBytes} byte: các dòng sau giới hạn không được đọc`,
      };
    }
    if (error instanceof UnreadableFile) return { row: null, rule: error.rule, reason: error.message, reasonVi: error.messageVi };
    this.logger.warn(`reading an import stopped after ${rowsSoFar} rows: ${(error as Error)?.message}`);
    return {
      row: null,
      rule: 'upload-interrupted',
      reason: 'the upload stopped before the end of the file; rows reported above are stored',
      reasonVi: 'việc tải tệp bị ngắt trước khi hết tệp; các dòng đã báo ở trên đã được lưu',
    };
  }
}

/** Writes the report as rows are decided, waiting when the client reads slower than the import goes. */
class ReportWriter {
  private first = true;

  constructor(private readonly response: Response) {}

  async write(text: string): Promise<void> {
    if (this.response.destroyed || this.response.writableEnded) return;
    if (this.response.write(text)) return;
    // Whichever comes first; the other wait is taken back, or every pause would leave a listener behind.
    const waits = new AbortController();
    try {
      await Promise.race([once(this.response, 'drain', { signal: waits.signal }), once(this.response, 'close', { signal: waits.signal })]);
    } finally {
      waits.abort();
    }
  }

  async rows(outcomes: readonly RowOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const text = outcomes.map((o) => JSON.stringify(o)).join(',\n');
    await this.write(this.first ? `\n${text}` : `,\n${text}`);
    this.first = false;
  }
}
