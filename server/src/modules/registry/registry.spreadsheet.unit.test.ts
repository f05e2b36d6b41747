import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { headerLabels, registryColumns } from './registry.format.ts';
import { dateOfSerial, digitsOfNumber, INSTRUCTIONS_SHEET_TITLE, isScientificNotation, readWorkbookRecords, SAVED_AS_NUMBER_REASON, shortScientific, spreadsheetCellText } from './registry.spreadsheet.ts';
import { validateRow } from './registry.validate.ts';
import { importTemplateWorkbook } from './registry.workbook.ts';

const today = '2018-06-30';
const columnIndex = (label: string) => headerLabels.indexOf(label);

// One valid row of the import layout (a household that exited on 2017-11-30), as text.
const validRow = (): string[] => {
  const cells: Record<string, string> = {
    户编号: '44132311320200001', 行政村代码: '441323113202', 户主姓名: '邱国平', 贫困户属性: '一般贫困户', 识别标准: '省定相对贫困标准', 识别年度: '2016',
    脱贫状态: '已脱贫', 脱贫日期: '2017-11-30', 状态变更日期: '', 主要致贫原因: '因残', 其他致贫原因: '', 住房安全等级: 'A', 饮水安全: '是', 通生活用电: '是',
    卫生厕所: '是', 不愁吃不愁穿: '是', 义务教育有保障: '是', 基本医疗有保障: '是', 住房安全有保障: '是', 帮扶责任人: '李永红', 帮扶单位: '惠州市农业局',
    联系电话: '15946221170', 收入年度: '2017', 工资性收入: '8292.22', 生产经营性收入: '4278.74', 财产性收入: '568.67', 转移性收入: '4097.78',
    生产经营性支出: '1804.69', 家庭年人均纯收入: '7716.36', 成员姓名: '邱国平', 身份证号: '441323194704180014', 性别: '男', 与户主关系: '户主', 民族: '汉族',
    文化程度: '小学', 在校生状况: '非在校生', 健康状况: '残疾', 劳动能力: '无劳动力', '务工时间（月）': '0', 享受低保: '否', 参加基本医疗保险: '是', 参加基本养老保险: '是',
  };
  return headerLabels.map((label) => cells[label]!);
};
const withCell = (label: string, value: string) => {
  const row = validRow();
  row[columnIndex(label)] = value;
  return row;
};
const described = (cells: string[]) => validateRow(cells, 2, today).errors.map((error) => `「${error.column}」（${error.value}）：${error.reason}`);

describe('date serials (1900 system with the Lotus leap day, 1904 system)', () => {
  it.each([
    [43069, false, '2017-11-30'],
    [43069.75, false, '2017-11-30'],
    [43069.99999, false, '2017-11-30'],
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [60, false, '1900-02-29'],
    [61, false, '1900-03-01'],
    [0, true, '1904-01-01'],
    [41607, true, '2017-11-30'],
  ])('serial %d (1904: %s) is %s', (serial, is1904, day) => {
    expect(dateOfSerial(serial, is1904)).toBe(day);
  });

  it('is no date for 0 or a negative number in the 1900 system', () => {
    expect(dateOfSerial(0, false)).toBeNull();
    expect(dateOfSerial(-3, true)).toBeNull();
    expect(dateOfSerial(Number.NaN, false)).toBeNull();
  });
});

describe('numbers in digit columns', () => {
  it('keeps the digits of a number that kept them all, and shows the others in scientific notation', () => {
    expect(digitsOfNumber(441323113202)).toBe('441323113202');
    expect(digitsOfNumber(999_999_999_999_999)).toBe('999999999999999');
    expect(digitsOfNumber(44132311320200000)).toBe('4.41323113202E+16');
    expect(digitsOfNumber(441323194704180000)).toBe('4.4132319470418E+17');
  });

  it.each(['4.4132E+17', '4.41323113202E+016', '4,4132E+17', '4.4132e17', '1E+10'])('recognises %s as scientific notation', (raw) => {
    expect(isScientificNotation(raw)).toBe(true);
  });

  it.each(['441323194704180014', '44132319470418001X', 'E+17', '4.4132E', '户编号E1'])('does not take %s for scientific notation', (raw) => {
    expect(isScientificNotation(raw)).toBe(false);
  });

  it('shortens a number for the error report to five significant digits', () => {
    expect(shortScientific('4.4132319470418E+017')).toBe('4.4132E+17');
  });
});

describe('XLSX cell values read for their column', () => {
  const column = (label: string) => {
    const entry = registryColumns[columnIndex(label)]!;
    return { kind: entry.kind, isDigits: ['户编号', '行政村代码', '联系电话', '身份证号'].includes(label) };
  };

  it('reads a date serial, a Date and text in a date column', () => {
    expect(spreadsheetCellText(43069, column('脱贫日期'), false)).toBe('2017-11-30');
    expect(spreadsheetCellText(41607, column('脱贫日期'), true)).toBe('2017-11-30');
    expect(spreadsheetCellText(new Date(Date.UTC(2017, 10, 30)), column('脱贫日期'), false)).toBe('2017-11-30');
    expect(spreadsheetCellText('2017/11/30', column('脱贫日期'), false)).toBe('2017/11/30');
  });

  it('reads numbers in digit columns as digits or, when digits were lost, in scientific notation', () => {
    expect(spreadsheetCellText(441323113202, column('行政村代码'), false)).toBe('441323113202');
    expect(spreadsheetCellText(441323194704180000, column('身份证号'), false)).toBe('4.4132319470418E+17');
    expect(spreadsheetCellText('441323194704180014', column('身份证号'), false)).toBe('441323194704180014');
  });

  it('reads amounts without formula noise, TRUE/FALSE as 是/否, formulas by their result, rich text as its text', () => {
    expect(spreadsheetCellText(1234.5600000000002, column('工资性收入'), false)).toBe('1234.56');
    expect(spreadsheetCellText(true, column('饮水安全'), false)).toBe('是');
    expect(spreadsheetCellText({ formula: 'A1*2', result: 2017 }, column('收入年度'), false)).toBe('2017');
    expect(spreadsheetCellText({ richText: [{ text: '邱' }, { text: '国平' }] }, column('户主姓名'), false)).toBe('邱国平');
  });
});

describe('the validator on what a spreadsheet program saved', () => {
  it('accepts the row as it is', () => {
    expect(validateRow(validRow(), 2, today).errors).toEqual([]);
  });

  it('refuses a 身份证号 in scientific notation, saying what happened and what to do, without showing the number', () => {
    expect(described(withCell('身份证号', '4.4132319470418E+017'))).toEqual([`「身份证号」（4.4132E+17）：${SAVED_AS_NUMBER_REASON}`]);
  });

  it('refuses a 身份证号 cut to 15 digits and padded with zeros, and only then', () => {
    expect(described(withCell('身份证号', '441323194704180000'))).toEqual([`「身份证号」（441323****0000）：${SAVED_AS_NUMBER_REASON}`]);
    expect(described(withCell('身份证号', '441323194704180015'))[0]).toMatch(/校验码错误/);
  });

  it('refuses a 户编号, 行政村代码 or 联系电话 in scientific notation', () => {
    expect(described(withCell('户编号', '4.41323113202E+016'))).toEqual([`「户编号」（4.41323113202E+016）：${SAVED_AS_NUMBER_REASON}`]);
    expect(described(withCell('行政村代码', '4.41323E+11'))).toEqual([`「行政村代码」（4.41323E+11）：${SAVED_AS_NUMBER_REASON}`]);
    expect(described(withCell('联系电话', '1.59462E+10'))).toEqual([`「联系电话」（1.59462E+10）：${SAVED_AS_NUMBER_REASON}`]);
  });

  it('reads a date serial in a CSV date column as its date', () => {
    const { row, errors } = validateRow(withCell('脱贫日期', '43069'), 2, today);
    expect(errors).toEqual([]);
    expect(row?.exit_date).toBe('2017-11-30');
  });
});

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function recordsOf(bytes: Buffer): Promise<string[][]> {
  const records: string[][] = [];
  for await (const { cells } of readWorkbookRecords(Readable.from([bytes]))) records.push(cells);
  return records;
}

describe('reading a workbook', () => {
  it('reads date serials in the workbook’s date system and numbers that lost digits as such', async () => {
    for (const is1904 of [false, true]) {
      const bytes = await workbookBytes((workbook) => {
        workbook.properties.date1904 = is1904;
        const sheet = workbook.addWorksheet('Sheet1');
        sheet.addRow(headerLabels);
        const row = validRow().map((cell): ExcelJS.CellValue => (/^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell || null));
        row[columnIndex('脱贫日期')] = is1904 ? 41607 : 43069;
        sheet.addRow(row);
      });
      const [header, cells] = await recordsOf(bytes);
      expect(header).toEqual(headerLabels);
      expect(cells![columnIndex('脱贫日期')]).toBe('2017-11-30');
      expect(cells![columnIndex('行政村代码')]).toBe('441323113202');
      expect(cells![columnIndex('身份证号')]).toBe('4.4132319470418E+17');
      expect(cells![columnIndex('户编号')]).toBe('4.41323113202E+16');
      expect(described(cells!)).toEqual([`「户编号」（4.41323113202E+16）：${SAVED_AS_NUMBER_REASON}`, `「身份证号」（4.4132E+17）：${SAVED_AS_NUMBER_REASON}`]);
    }
  });

  it('keeps Chinese text whole where the unzipped XML is cut into chunks, in shared strings and in inline strings', async () => {
    // Thousands of rows of three-byte characters: many a character falls across a 16 KB chunk of the inflated XML.
    const rows = Array.from({ length: 3000 }, (_, index) => [`惠东县多祝镇第${index}户`, `${'帮扶'.repeat(index % 7)}惠州市农业局`]);
    const shared = await workbookBytes((workbook) => workbook.addWorksheet('Sheet1').addRows(rows));
    const inlineStream = new PassThrough();
    const collected: Buffer[] = [];
    inlineStream.on('data', (chunk: Buffer) => collected.push(chunk));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: inlineStream, useSharedStrings: false });
    const sheet = writer.addWorksheet('Sheet1');
    for (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await writer.commit();
    for (const bytes of [shared, Buffer.concat(collected)]) {
      const records = await recordsOf(bytes);
      expect(records.filter((cells, index) => cells.join() !== rows[index]!.join())).toEqual([]);
      expect(records).toHaveLength(rows.length);
    }
  });

  it('skips the template’s 填写说明 sheet wherever it stands', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet(INSTRUCTIONS_SHEET_TITLE).addRow([INSTRUCTIONS_SHEET_TITLE]);
      const sheet = workbook.addWorksheet('建档立卡');
      sheet.addRow(headerLabels);
      sheet.addRow(validRow());
    });
    const records = await recordsOf(bytes);
    expect(records).toEqual([headerLabels, validRow()]);
  });
});

describe('the import template', () => {
  it('has the header row of the import format, text-formatted digit columns and the 填写说明 sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await importTemplateWorkbook()) as never);
    const [sheet, instructions] = workbook.worksheets;
    expect(sheet!.getRow(1).values).toEqual([undefined, ...headerLabels]);
    for (const label of ['户编号', '行政村代码', '联系电话', '身份证号']) expect(sheet!.getColumn(columnIndex(label) + 1).numFmt).toBe('@');
    expect(sheet!.getColumn(columnIndex('脱贫日期') + 1).numFmt).toBe('yyyy-mm-dd');
    expect(instructions!.name).toBe('填写说明');
    expect(instructions!.getCell('A1').value).toBe('填写说明');
    const stream = new PassThrough();
    stream.end(await importTemplateWorkbook());
    const records: string[][] = [];
    for await (const { cells } of readWorkbookRecords(stream)) records.push(cells);
    expect(records).toEqual([headerLabels]);
  });
});
