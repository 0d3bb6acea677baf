import { DirectoryEvent, latestState } from '@hailong/directory/history';
import { applyPlan } from './apply-plan';
import { parseCommuneMergersCsv, planCommuneMergers } from './commune-mergers';
import { idOf, sequentialIds, smallDirectory } from './spec-fixtures';

const HEADER = 'old_code,old_name,successor_code,successor_name_after_merger,basis';
const MERGERS = `${HEADER}
08734,Phường Trưng Trắc,08740,Phường Hai Bà Trưng,inferred: Trưng Trắc and Trưng Nhị form Hai Bà Trưng
08749,Xã Ngọc Thanh,08740,Phường Hai Bà Trưng,made up for this specification
08725,Xã Định Trung,,,unknown: merged into a neighbour
`;
const options = { effectiveDate: '2025-01-01' };

describe('parseCommuneMergersCsv', () => {
  it('reads a successor with its name after the merger, or none', () => {
    const [trungTrac, , dinhTrung] = parseCommuneMergersCsv(MERGERS);
    expect(trungTrac).toEqual({
      line: 2,
      oldCode: '08734',
      oldName: 'Phường Trưng Trắc',
      successor: { code: '08740', nameAfter: 'Phường Hai Bà Trưng' },
      basis: 'inferred: Trưng Trắc and Trưng Nhị form Hai Bà Trưng',
    });
    expect(dinhTrung).toMatchObject({ line: 4, successor: null });
  });

  it.each([
    ['a successor code without its name', '08725,Xã Định Trung,08740,,x', 'successor_name_after_merger'],
    ['a successor name without its code', '08725,Xã Định Trung,,Phường X,x', 'successor_code'],
    ['an old code that is not a commune code', '8725,Xã Định Trung,,,x', 'old_code'],
    ['an old name that is not a commune', '08725,Huyện Định Trung,,,x', 'old_name'],
    ['a successor name that is not a commune', '08725,Xã Định Trung,08740,Định Trung,x', 'successor_name_after_merger'],
    ['no basis', '08725,Xã Định Trung,,,', 'basis'],
    ['a commune succeeding itself', '08725,Xã Định Trung,08725,Xã Định Trung,x', 'successor_code'],
    ['a successor that is merged away itself', '08707,Phường Tích Sơn,08734,Phường Trưng Trắc,x', 'successor_code'],
    ['a second name for the same successor', '08707,Phường Tích Sơn,08740,Phường Trưng Nhị,x', 'successor_name_after_merger'],
    ['an old commune listed twice', '08734,Phường Trưng Trắc,,,x', 'old_code'],
  ])('refuses %s on its line', (_, row, field) => {
    expect(() => parseCommuneMergersCsv(`${MERGERS}${row}\n`)).toThrow(
      expect.objectContaining({
        name: 'ImportFormatError',
        line: 5,
        field,
        reasonVi: expect.stringMatching(/\S/),
      }),
    );
  });
});

describe('planCommuneMergers', () => {
  it('merges the communes of one successor in one command, renames the successor, and dissolves those with no known successor', () => {
    const directory = smallDirectory();
    const { commands } = planCommuneMergers(directory, MERGERS, options, sequentialIds());
    expect(commands).toEqual([
      {
        type: 'MergeUnits',
        unitIds: [idOf(directory, '08734'), idOf(directory, '08749')],
        successorId: idOf(directory, '08740'),
        effectiveDate: '2025-01-01',
      },
      {
        type: 'RenameUnit',
        unitId: idOf(directory, '08740'),
        nameVi: 'Công an phường Hai Bà Trưng',
        nameEn: 'Hai Ba Trung Ward Police',
        effectiveDate: '2025-01-01',
      },
      {
        type: 'DissolveUnit',
        unitId: idOf(directory, '08725'),
        successorUnknown: true,
        effectiveDate: '2025-01-01',
      },
    ]);
  });

  it('reports each change and lists the communes whose successor is unknown, with the basis', () => {
    const { report } = planCommuneMergers(smallDirectory(), MERGERS, options, sequentialIds());
    expect(report.counts).toEqual({ registered: 0, renamed: 1, moved: 0, merged: 2, dissolved: 1, unchanged: 0 });
    expect(report.unknownSuccessors).toEqual([
      { code: '08725', nameVi: 'Công an xã Định Trung', basis: 'unknown: merged into a neighbour' },
    ]);
    expect(report.changes.map((c) => `${c.action} ${c.code} ${c.nameVi}`)).toEqual([
      'merged 08734 Công an phường Trưng Trắc',
      'merged 08749 Công an xã Ngọc Thanh',
      'renamed 08740 Công an phường Hai Bà Trưng',
      'dissolved 08725 Công an xã Định Trung',
    ]);
    expect(report.changes[0].detail).toBe(
      'into 08740 Công an phường Hai Bà Trưng; basis: inferred: Trưng Trắc and Trưng Nhị form Hai Bà Trưng',
    );
    expect(report.warnings).toEqual([]);
  });

  it("leaves the successor's name alone when the merger keeps it", () => {
    const keepsName = MERGERS.replace(/Phường Hai Bà Trưng/g, 'Phường Trưng Nhị');
    const { commands } = planCommuneMergers(smallDirectory(), keepsName, options, sequentialIds());
    expect(commands.map((c) => c.type)).toEqual(['MergeUnits', 'DissolveUnit']);
  });

  it('plans commands the directory accepts, and nothing more once they are applied', () => {
    const directory = smallDirectory();
    const first = planCommuneMergers(directory, MERGERS, options, sequentialIds());
    const { histories } = applyPlan(directory, first.commands);
    const again = planCommuneMergers(histories, MERGERS, options, sequentialIds());
    expect(again.commands).toEqual([]);
    expect(again.report.counts).toEqual({ registered: 0, renamed: 0, moved: 0, merged: 0, dissolved: 0, unchanged: 3 });
    expect(again.report.warnings).toEqual([]);
    expect(again.report.unknownSuccessors).toEqual([]);
  });

  it('merges only what is left when part of the file was applied before', () => {
    const directory = smallDirectory();
    const firstRow = MERGERS.split('\n').slice(0, 2).join('\n');
    const { histories } = applyPlan(directory, planCommuneMergers(directory, firstRow, options, sequentialIds()).commands);
    const { commands, report } = planCommuneMergers(histories, MERGERS, options, sequentialIds());
    expect(commands.map((c) => c.type)).toEqual(['MergeUnits', 'DissolveUnit']);
    expect(commands[0]).toMatchObject({ unitIds: [idOf(directory, '08749')] });
    expect(report.counts.unchanged).toBe(1);
  });

  it('warns about, and skips, communes the directory does not have on the day before', () => {
    const rows = `${HEADER}\n08999,Xã Không Có,08740,Phường Trưng Nhị,x\n08734,Phường Trưng Trắc,08998,Xã Không Có,x\n`;
    const { commands, report } = planCommuneMergers(smallDirectory(), rows, options, sequentialIds());
    expect(commands).toEqual([]);
    expect(report.warnings).toEqual([
      'line 2: no commune police with code 08999 is valid on 2024-12-31; row skipped',
      'line 3: no commune police with code 08998 is valid on 2024-12-31; its mergers skipped',
    ]);
  });

  it('leaves alone a commune changed after the merger date, rather than plan a command the directory refuses', () => {
    const directory = smallDirectory();
    const laterRename: DirectoryEvent = {
      type: 'UnitRenamed',
      data: { unitId: idOf(directory, '08725'), nameVi: 'Công an xã X', nameEn: 'X Commune Police', effectiveDate: '2025-02-01' },
    };
    const changed = directory.map((h) => (latestState(h)?.code === '08725' ? [...h, laterRename] : h));
    const { commands, report } = planCommuneMergers(changed, MERGERS, options, sequentialIds());
    expect(commands.map((c) => c.type)).toEqual(['MergeUnits', 'RenameUnit']);
    expect(report.warnings).toEqual(['line 4: 08725 Công an xã Định Trung left alone: it was changed on 2025-02-01']);
    expect(() => applyPlan(changed, commands)).not.toThrow();
  });
});
