/*
 * The slice of SuiteQL the sandbox understands: enough for trueshelf's own queries and no more.
 *
 *   SELECT <column | TO_CHAR(column, 'YYYY-MM-DD HH24:MI:SS')> [AS alias], ...
 *   FROM <table>
 *   [WHERE <condition> AND <condition> ...]
 *   [ORDER BY <column> [ASC]]
 *
 * A condition compares a column with an integer or a `TO_DATE('…', 'YYYY-MM-DD HH24:MI:SS')`
 * (=, >, >=, <, <=), or is `column IN (value, ...)` with integers or quoted strings (external
 * ids). Anything else (OR, comments, a second statement, a string compared with =) is refused
 * as NetSuite refuses a bad query.
 */
export const DATETIME_FORMAT = 'YYYY-MM-DD HH24:MI:SS';

export type SelectItem =
  | { readonly kind: 'column'; readonly column: string; readonly alias: string }
  | { readonly kind: 'to_char'; readonly column: string; readonly alias: string };

export type Comparison = '=' | '>' | '>=' | '<' | '<=';

export type Literal =
  | { readonly kind: 'integer'; readonly value: number }
  | { readonly kind: 'datetime'; readonly value: Date };

export type Condition =
  | {
      readonly kind: 'compare';
      readonly column: string;
      readonly op: Comparison;
      readonly value: Literal;
    }
  | {
      readonly kind: 'in';
      readonly column: string;
      readonly values: readonly (number | string)[];
    };

export interface SubsetQuery {
  readonly select: readonly SelectItem[];
  readonly table: string;
  readonly where: readonly Condition[];
  readonly orderBy: string | undefined;
}

/** A query the sandbox cannot run; answered as NetSuite answers an invalid query. */
export class SuiteQlSubsetError extends Error {
  override readonly name = 'SuiteQlSubsetError';
}

type Token =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'symbol'; readonly text: string };

export function parseSuiteQl(q: string): SubsetQuery {
  const parser = new Parser(tokenize(q));

  parser.keyword('SELECT');
  const select = [parser.selectItem()];
  while (parser.takeSymbol(',')) select.push(parser.selectItem());

  parser.keyword('FROM');
  const table = parser.word().toLowerCase();

  const where: Condition[] = [];
  if (parser.takeKeyword('WHERE')) {
    where.push(parser.condition());
    while (parser.takeKeyword('AND')) where.push(parser.condition());
  }

  let orderBy: string | undefined;
  if (parser.takeKeyword('ORDER')) {
    parser.keyword('BY');
    orderBy = parser.word().toLowerCase();
    parser.takeKeyword('ASC');
  }

  parser.end();
  return { select, table, where, orderBy };
}

const TOKEN = /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(-?\d+)|'((?:[^']|'')*)'|(>=|<=|[,()=<>]))/y;

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < q.length) {
    if (/^\s*$/.test(q.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(q);
    if (!match) throw new SuiteQlSubsetError(`unexpected text at ${at}: ${q.slice(at, at + 20)}`);
    if (match[1] !== undefined) tokens.push({ kind: 'word', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'number', text: match[2] });
    else if (match[3] !== undefined)
      tokens.push({ kind: 'string', text: match[3].replaceAll("''", "'") });
    else tokens.push({ kind: 'symbol', text: match[4] ?? '' });
  }
  return tokens;
}

class Parser {
  private at = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  selectItem(): SelectItem {
    const first = this.word();
    if (first.toUpperCase() === 'TO_CHAR' && this.takeSymbol('(')) {
      const column = this.word().toLowerCase();
      this.symbol(',');
      this.format();
      this.symbol(')');
      return { kind: 'to_char', column, alias: this.alias() ?? column };
    }
    const column = first.toLowerCase();
    return { kind: 'column', column, alias: this.alias() ?? column };
  }

  condition(): Condition {
    const column = this.word().toLowerCase();
    if (this.takeKeyword('IN')) {
      this.symbol('(');
      const values = [this.listValue()];
      while (this.takeSymbol(',')) values.push(this.listValue());
      this.symbol(')');
      return { kind: 'in', column, values };
    }

    const op = this.next('symbol', 'a comparison').text;
    if (!['=', '>', '>=', '<', '<='].includes(op)) throw this.refuse(`comparison, not ${op}`);
    return { kind: 'compare', column, op: op as Comparison, value: this.literal() };
  }

  keyword(word: string): void {
    if (!this.takeKeyword(word)) throw this.refuse(word);
  }

  takeKeyword(word: string): boolean {
    const token = this.tokens[this.at];
    if (token?.kind !== 'word' || token.text.toUpperCase() !== word) return false;
    this.at += 1;
    return true;
  }

  takeSymbol(symbol: string): boolean {
    const token = this.tokens[this.at];
    if (token?.kind !== 'symbol' || token.text !== symbol) return false;
    this.at += 1;
    return true;
  }

  word(): string {
    return this.next('word', 'a name').text;
  }

  end(): void {
    const token = this.tokens[this.at];
    if (token !== undefined) throw this.refuse(`the end of the query, not ${token.text}`);
  }

  private literal(): Literal {
    if (this.takeKeyword('TO_DATE')) {
      this.symbol('(');
      const text = this.next('string', 'a datetime string').text;
      this.symbol(',');
      this.format();
      this.symbol(')');
      return { kind: 'datetime', value: parseDatetime(text) };
    }
    return { kind: 'integer', value: this.integer() };
  }

  private listValue(): number | string {
    const token = this.tokens[this.at];
    if (token?.kind !== 'string') return this.integer();
    this.at += 1;
    return token.text;
  }

  private integer(): number {
    const value = Number(this.next('number', 'an integer').text);
    if (!Number.isSafeInteger(value)) throw this.refuse('a safe integer');
    return value;
  }

  private format(): void {
    const format = this.next('string', 'a format').text;
    if (format !== DATETIME_FORMAT) throw this.refuse(`the format '${DATETIME_FORMAT}'`);
  }

  private alias(): string | undefined {
    return this.takeKeyword('AS') ? this.word().toLowerCase() : undefined;
  }

  private symbol(symbol: string): void {
    if (!this.takeSymbol(symbol)) throw this.refuse(`'${symbol}'`);
  }

  private next<K extends Token['kind']>(kind: K, expected: string): Extract<Token, { kind: K }> {
    const token = this.tokens[this.at];
    if (token?.kind !== kind) throw this.refuse(expected);
    this.at += 1;
    return token as Extract<Token, { kind: K }>;
  }

  private refuse(expected: string): SuiteQlSubsetError {
    const token = this.tokens[this.at];
    const seen = token === undefined ? 'the end of the query' : `"${token.text}"`;
    return new SuiteQlSubsetError(`expected ${expected} at token ${this.at + 1}, saw ${seen}`);
  }
}

/** `YYYY-MM-DD HH24:MI:SS`, read in the sandbox account's time zone, which is UTC. */
function parseDatetime(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  const date = match ? new Date(`${text.replace(' ', 'T')}Z`) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new SuiteQlSubsetError(`'${text}' does not match '${DATETIME_FORMAT}'`);
  }
  return date;
}

/** A date as TO_CHAR writes it with `DATETIME_FORMAT`. */
export function formatDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
