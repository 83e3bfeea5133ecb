// Reads a server function file (db/functions/<domain>/<name>.sql, see db/functions/README.md) into
// what it declares: its one function (name, arguments, return type, language, volatility,
// SECURITY DEFINER, settings, body), the roles it grants EXECUTE to, whether it revokes it from
// PUBLIC, and the operation types it registers. Strict on purpose: a statement or a function
// clause it does not know is an error, so that nothing a file declares escapes the comparison
// with the database (test/db/function-files.test.ts).
import type { FunctionFile } from '../../db/migrate.ts';

export interface OpTypeRow {
  opType: string;
  roles: string[];
  /** The apply function as written, e.g. "amms_private.op_stock_receive(stations, users, jsonb)". */
  applyFunction: string;
}

export interface DeclaredFunction {
  /** db/functions/<domain>/<name>.sql: the folder and the file name without .sql. */
  domain: string;
  fileName: string;
  schema: string;
  name: string;
  /** Arguments with names, as pg_get_function_arguments prints them (whitespace collapsed). */
  arguments: string;
  /** As pg_get_function_result prints it. */
  returns: string;
  language: string;
  volatility: 'immutable' | 'stable' | 'volatile';
  securityDefiner: boolean;
  /** SET clauses as pg_proc.proconfig holds them: "search_path=pg_catalog, public, pg_temp". */
  config: string[];
  /** The dollar-quoted body, exactly (pg_proc.prosrc). */
  body: string;
  /** Number of CREATE [OR REPLACE] FUNCTION statements in the file. */
  createStatements: number;
  /** Whether the one CREATE statement is CREATE OR REPLACE (a plain CREATE fails on re-apply). */
  orReplace: boolean;
  revokesFromPublic: boolean;
  grantedTo: string[];
  opTypes: OpTypeRow[];
}

interface Statement {
  /** The statement with comments removed, whitespace collapsed, the dollar-quoted body as $BODY$. */
  text: string;
  body: string | undefined;
}

/** Splits SQL into statements, skipping comments and keeping quoted text and bodies whole. */
export function splitStatements(sql: string): Statement[] {
  const statements: Statement[] = [];
  let text = '';
  let body: string | undefined;
  let i = 0;
  const finish = (): void => {
    const collapsed = text.replace(/\s+/g, ' ').trim();
    if (collapsed) statements.push({ text: collapsed, body });
    text = '';
    body = undefined;
  };
  const dollarTag = /\$[A-Za-z_]*\$/y;
  while (i < sql.length) {
    dollarTag.lastIndex = i;
    const tag = dollarTag.exec(sql)?.[0];
    if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      text += ' ';
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw new Error('unterminated /* comment');
      i = end + 2;
      text += ' ';
    } else if (sql.startsWith("'", i)) {
      let end = i + 1;
      for (;;) {
        end = sql.indexOf("'", end);
        if (end === -1) throw new Error('unterminated string literal');
        if (sql[end + 1] === "'") end += 2;
        else break;
      }
      text += sql.slice(i, end + 1);
      i = end + 1;
    } else if (tag) {
      const end = sql.indexOf(tag, i + tag.length);
      if (end === -1) throw new Error(`unterminated ${tag} body`);
      if (body !== undefined) throw new Error('more than one dollar-quoted body in one statement');
      body = sql.slice(i + tag.length, end);
      text += ' $BODY$ ';
      i = end + tag.length;
    } else if (sql.startsWith(';', i)) {
      finish();
      i += 1;
    } else {
      text += sql.charAt(i);
      i += 1;
    }
  }
  finish();
  return statements;
}

/** The text inside the parentheses that open at `open`, and the index after the closing one. */
function balanced(text: string, open: number): { inside: string; after: number } {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')') {
      depth -= 1;
      if (depth === 0) return { inside: text.slice(open + 1, i), after: i + 1 };
    }
  }
  throw new Error('unbalanced parentheses');
}

const normalise = (s: string): string =>
  s.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();

function parseCreate(statement: Statement, fn: Partial<DeclaredFunction>): void {
  const head = /^CREATE (OR REPLACE )?FUNCTION ([a-z_][a-z0-9_]*\.)?([a-z_][a-z0-9_]*) ?\(/i.exec(
    statement.text,
  );
  if (!head) throw new Error(`cannot read the function name in "${statement.text.slice(0, 80)}"`);
  fn.orReplace = Boolean(head[1]);
  fn.schema = head[2] ? head[2].slice(0, -1) : 'public';
  fn.name = head[3] ?? '';
  const args = balanced(statement.text, head[0].length - 1);
  fn.arguments = normalise(args.inside);
  let rest = statement.text.slice(args.after).trim();
  const returns = /^RETURNS (.+?) (?=(LANGUAGE|IMMUTABLE|STABLE|VOLATILE|SECURITY|SET|AS)\b)/i.exec(rest);
  if (!returns?.[1]) throw new Error(`${fn.name}: no RETURNS clause`);
  fn.returns = normalise(returns[1]);
  rest = rest.slice(returns[0].length);
  fn.volatility = 'volatile';
  fn.securityDefiner = false;
  fn.config = [];
  while (rest) {
    let m: RegExpExecArray | null;
    if ((m = /^LANGUAGE ([a-z]+) ?/i.exec(rest))) fn.language = (m[1] ?? '').toLowerCase();
    else if ((m = /^(IMMUTABLE|STABLE|VOLATILE) ?/i.exec(rest)))
      fn.volatility = (m[1] ?? '').toLowerCase() as DeclaredFunction['volatility'];
    else if ((m = /^SECURITY (DEFINER|INVOKER) ?/i.exec(rest)))
      fn.securityDefiner = (m[1] ?? '').toUpperCase() === 'DEFINER';
    else if (
      (m =
        /^SET ([a-z_.]+) ?(?:=|TO) ?(.+?) (?=(LANGUAGE|IMMUTABLE|STABLE|VOLATILE|SECURITY|SET|AS)\b)/i.exec(
          rest,
        ))
    )
      fn.config.push(`${m[1] ?? ''}=${m[2] ?? ''}`);
    else if ((m = /^AS \$BODY\$$/i.exec(rest))) fn.body = statement.body;
    else
      throw new Error(
        `${fn.name}: unsupported clause "${rest.slice(0, 40)}" (the test compares LANGUAGE, volatility, SECURITY, SET and AS only)`,
      );
    rest = rest.slice(m[0].length).trim();
    if (m[0].startsWith('AS') && rest) throw new Error(`${fn.name}: text after the body`);
  }
  if (fn.body === undefined) throw new Error(`${fn.name}: no AS $$...$$ body`);
  if (!fn.language) throw new Error(`${fn.name}: no LANGUAGE`);
}

const GRANT = /^(GRANT|REVOKE) EXECUTE ON FUNCTION ([a-z_][a-z0-9_.]*) ?\((.*)\) (TO|FROM) (.+)$/i;
const OP_TYPE =
  /^INSERT INTO amms_private\.op_types \(op_type, roles, apply_function\) VALUES \('([^']+)', '\{([^}]*)\}', '([^']+)'\) ON CONFLICT \(op_type\) DO UPDATE SET roles = excluded\.roles, apply_function = excluded\.apply_function$/i;

/** Reads a function file; throws an Error naming the file and the problem. */
export function parseFunctionFile(file: FunctionFile): DeclaredFunction {
  const parts = file.path.split('/');
  const fn: Partial<DeclaredFunction> = {
    domain: parts.length === 2 ? parts[0] : '',
    fileName: (parts[parts.length - 1] ?? '').replace(/\.sql$/, ''),
    createStatements: 0,
    revokesFromPublic: false,
    grantedTo: [],
    opTypes: [],
  };
  try {
    for (const statement of splitStatements(file.sql)) {
      const { text } = statement;
      let m: RegExpExecArray | null;
      if (/^CREATE (OR REPLACE )?FUNCTION\b/i.test(text)) {
        fn.createStatements = (fn.createStatements ?? 0) + 1;
        if (fn.createStatements === 1) parseCreate(statement, fn);
      } else if ((m = GRANT.exec(text))) {
        const roles = (m[5] ?? '').split(',').map((r) => r.trim());
        if ((m[1] ?? '').toUpperCase() === 'REVOKE') {
          if (roles.some((r) => r.toUpperCase() === 'PUBLIC')) fn.revokesFromPublic = true;
        } else fn.grantedTo?.push(...roles);
      } else if ((m = OP_TYPE.exec(text))) {
        fn.opTypes?.push({
          opType: m[1] ?? '',
          roles: (m[2] ?? '').split(',').filter(Boolean),
          applyFunction: m[3] ?? '',
        });
      } else if (!/^COMMENT ON FUNCTION\b/i.test(text)) {
        throw new Error(
          `unexpected statement "${text.slice(0, 60)}": a function file holds its CREATE OR REPLACE FUNCTION, REVOKE/GRANT/COMMENT lines and, for an operation, its op_types row (INSERT ... ON CONFLICT (op_type) DO UPDATE SET roles = excluded.roles, apply_function = excluded.apply_function)`,
        );
      }
    }
    if (fn.createStatements === 0) throw new Error('no CREATE OR REPLACE FUNCTION');
  } catch (error) {
    throw new Error(`db/functions/${file.path}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return fn as DeclaredFunction;
}
