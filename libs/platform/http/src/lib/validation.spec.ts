import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { createValidationPipe } from './validation';

class Answer {
  @IsInt() @Min(1) @Max(5) level!: number;
}
class Body {
  @IsUUID() unitId!: string;
  @ValidateNested({ each: true }) @Type(() => Answer) answers!: Answer[];
}

async function refusal(value: unknown) {
  try {
    await createValidationPipe().transform(value, { type: 'body', metatype: Body });
  } catch (error) {
    return (error as { getResponse(): { errors: { field: string; reason: string; reasonVi: string }[] } }).getResponse();
  }
  throw new Error('expected a refusal');
}

describe('validation errors', () => {
  it('name the nested field and the reason in English and Vietnamese', async () => {
    const body = await refusal({ unitId: '6c1f0c3e-8a43-4c1e-9d3b-1c7a9e0f5b21', answers: [{ level: 9 }] });
    expect(body.errors).toEqual([
      {
        field: 'answers.0.level',
        reason: 'level must not be greater than 5',
        reasonVi: 'answers.0.level lớn hơn giá trị lớn nhất cho phép',
      },
    ]);
  });

  it('refuse fields the DTO does not declare', async () => {
    const body = await refusal({ unitId: '6c1f0c3e-8a43-4c1e-9d3b-1c7a9e0f5b21', answers: [], __proto__x: 1 });
    expect(body.errors.map((e) => e.field)).toEqual(['__proto__x']);
  });

  it('report every bad field, not only the first', async () => {
    const body = await refusal({ unitId: 'nope', answers: [{ level: 0 }] });
    expect(body.errors.map((e) => e.field).sort()).toEqual(['answers.0.level', 'unitId']);
  });
});

describe('the validation pipe and deeply nested values', () => {
  it('refuses a value nested 20,000 deep with a 400 naming the body instead of overflowing the stack', async () => {
    let body: unknown = 1;
    for (let i = 0; i < 20_000; i += 1) body = { a: body };
    const pipe = createValidationPipe();
    await expect(pipe.transform(body, { type: 'body', metatype: Object })).rejects.toMatchObject({
      response: { statusCode: 400, errors: [{ field: 'body', reason: 'nests deeper than 32 levels' }] },
    });
  });

  it('leaves the values of custom parameter decorators alone, however deep (a request context holding the response)', async () => {
    const context: Record<string, unknown> = {};
    context['self'] = context;
    const pipe = createValidationPipe();
    await expect(pipe.transform(context, { type: 'custom' })).resolves.toBe(context);
  });
});
