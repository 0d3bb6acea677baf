import { badRequest } from '@hailong/platform/http';
import { Injectable, PipeTransform } from '@nestjs/common';

/** A questionnaire id in a path: letters, digits, '.', '_' or '-', at most 32. */
@Injectable()
export class QuestionnaireIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(value)) {
      throw badRequest([
        {
          field: 'questionnaireId',
          reason: 'questionnaireId must be 1–32 letters, digits, ".", "_" or "-"',
          reasonVi: 'questionnaireId không đúng định dạng',
        },
      ]);
    }
    return value;
  }
}
