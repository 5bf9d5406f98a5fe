// CSV text as RFC 4180 defines it: fields separated by commas, records by CRLF (LF accepted on
// input), fields holding a comma, quote or line break enclosed in double quotes with inner quotes
// doubled. The parser keeps going after a malformed record and says where each problem is.

/** One parsed record with the 1-based line it starts on (quoted fields may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  /** 1-based field number within the record. */
  field: number;
  message: string;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** A field as written: quoted only when it must be. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
}

/** CSV text of `rows` (the first is usually the header), CRLF line ends, a final CRLF. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + (rows.length ? '\r\n' : '');
}

/** Parses CSV text into records; malformed records are reported and skipped, the rest kept. */
export function parseCsv(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let bad: CsvProblem | undefined;
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
        if (!closed)
          bad ??= {
            line: start,
            field: fields.length + 1,
            message: 'a quoted field is never closed (missing ")',
          };
        else if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          bad ??= {
            line,
            field: fields.length + 1,
            message:
              'text after the closing quote of a field (quote the whole field, with inner quotes doubled "")',
          };
          while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"')
            bad ??= {
              line,
              field: fields.length + 1,
              message: 'a quote inside an unquoted field (quote the field and double inner quotes "")',
            };
          value += text[i];
          i++;
        }
      }
      fields.push(value);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    if (bad) problems.push(bad);
    else if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return { records, problems };
}
