import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * Free text (chronology, place, reasons, notes, questions, answers, names) is plain text: data for people to read,
 * never markup, script or SQL. Every request DTO's free-text field carries `@PlainText()`; a value that breaks one of
 * the rules below is refused with 400 and a message naming the field and the rule ("chronology may not contain
 * ..."). SQL text would be harmless in the database (every query is parameterised), but it is refused all the same:
 * it is never what a KPU operator, an officer or a family means to write, and it travels on to other systems
 * (exports, the bank, the web app).
 *
 * The rules are shapes, not words: ordinary Indonesian text passes (apostrophes in names such as Ma'ruf or Nur'aini,
 * hyphens, commas, periods, slashes as in "RT 03/RW 05", parentheses, "Jl.", numbers, colons, quotes, and line breaks
 * in multi-line fields). They are checked in order; the first one broken gives the message.
 */
export interface PlainTextRule {
  /** a stable name, used by the tests */
  readonly id: string;
  /** what is refused: the value is refused when this matches */
  readonly refuses: RegExp;
  /** completes "<field> ..." */
  readonly message: string;
}

/** C0 and C1 control characters, DEL, and the invisible bidi overrides/isolates that can reorder what is shown */
const CONTROL = '\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069';

export const PLAIN_TEXT_RULES: readonly PlainTextRule[] = [
  // markup: no tag, comment or attribute can be written without < or >
  { id: 'markup', refuses: /[<>]/, message: 'may not contain < or > (markup is not accepted)' },
  // script links: javascript:/vbscript: URLs and data:text/html documents run code when followed
  {
    id: 'script-url',
    refuses: /\b(?:java|vb)\s*script\s*:|\bdata\s*:\s*text\/html/i,
    message: 'may not contain a javascript:, vbscript: or data:text/html link',
  },
  // HTML event handlers (onerror=, onload =, ...): the known event names only, so that Indonesian words such as
  // "ongkos=..." or "onderdil=..." stay text
  {
    id: 'event-handler',
    refuses:
      /\bon(?:abort|auxclick|after\w*|animation\w*|before\w*|blur|cancel|canplay\w*|change|click|close|context\w*|copy|cut|dblclick|drag\w*|drop|durationchange|emptied|ended|error|focus\w*|formdata|hashchange|input|invalid|key\w+|load\w*|message\w*|mouse\w+|page\w+|paste|pause|play\w*|pointer\w+|popstate|progress|ratechange|reset|resize|scroll\w*|search|seek\w+|select\w*|show|stalled|storage|submit|suspend|timeupdate|toggle|touch\w+|transition\w+|unload|volumechange|waiting|wheel)\s*=/i,
    message: 'may not contain an HTML event handler such as onerror=',
  },
  // SQL: a statement terminator followed by a statement keyword ("'; DROP TABLE ...", "1; SELECT ...")
  {
    id: 'sql-statement',
    refuses:
      /;\s*(?:select|insert|update|delete|drop|alter|create|truncate|exec|execute|grant|revoke|shutdown|declare|union|copy)\b/i,
    message: "may not contain ';' followed by an SQL statement (such as '; DROP')",
  },
  // SQL line comments cutting off the rest of a query: "--" right after a single quote or ';' (closing parentheses
  // between allowed: "admin'--", "1') --"), or ending a line; a dash between words ("Jl. Merdeka -- depan pasar",
  // "12--14 Februari", a quotation "pulang" -- lalu ...) stays text
  {
    id: 'sql-line-comment',
    refuses: /[';]\)*\s*--|--[ \t]*$/m,
    message: 'may not contain an SQL comment (-- after a quote or at the end of a line)',
  },
  // SQL block comments, also used to hide spaces between keywords ("UNION/**/SELECT")
  { id: 'sql-block-comment', refuses: /\/\*|\*\//, message: 'may not contain /* or */' },
  // SQL tautologies: OR/AND followed by a comparison of a value with itself (' OR '1'='1, or 1=1, and 'a'='a),
  // or of two empty strings (' OR ''=')
  {
    id: 'sql-tautology',
    refuses: /\b(?:or|and)\s+(?:(['"]?)(\w+)\1\s*(?:=|like\b)\s*['"]?\2(?!\w)|(['"])\3\s*=\s*['"])/i,
    message: "may not contain an SQL condition such as ' OR '1'='1",
  },
  // SQL UNION SELECT, which appends another table's rows to a query's answer
  {
    id: 'sql-union',
    refuses: /\bunion\s+(?:all\s+|distinct\s+)?select\b/i,
    message: 'may not contain UNION SELECT',
  },
  // SQL probes: time delays and catalogue reads used by blind injection
  {
    id: 'sql-probe',
    refuses: /\b(?:pg_sleep|waitfor\s+delay|xp_cmdshell|information_schema|pg_catalog)\b/i,
    message: 'may not contain SQL functions or catalogue names (pg_sleep, information_schema, ...)',
  },
];

/** Control characters: none in a one-line field; in a multi-line field, only line breaks (\n, \r\n) and tabs. */
const CONTROL_RULES: Record<'single' | 'multi', PlainTextRule> = {
  single: {
    id: 'control',
    refuses: new RegExp(`[${CONTROL}]`, 'u'),
    message: 'may not contain control characters (line breaks and tabs included: this field is one line)',
  },
  multi: {
    id: 'control',
    refuses: new RegExp(`(?!\\r\\n)(?![\\n\\t])[${CONTROL}]`, 'u'),
    message: 'may not contain control characters other than line breaks and tabs',
  },
};

export interface PlainTextOptions {
  /** line breaks and tabs allowed (chronology, reasons, notes, questions, answers); default one line */
  multiline?: boolean;
}

/** The first rule the text breaks, or undefined when it is plain text. */
export function plainTextViolation(text: string, options: PlainTextOptions = {}): PlainTextRule | undefined {
  const control = CONTROL_RULES[options.multiline ? 'multi' : 'single'];
  if (control.refuses.test(text)) return control;
  return PLAIN_TEXT_RULES.find((r) => r.refuses.test(text));
}

/**
 * A free-text string field: refuses markup, script links, event handlers, control characters and SQL injection
 * shapes (PLAIN_TEXT_RULES). A value that is not a string is left to @IsString.
 */
export const PlainText = (options: PlainTextOptions = {}, validationOptions?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'plainText',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !plainTextViolation(value, options),
        defaultMessage: (args?: ValidationArguments) => {
          const rule = typeof args?.value === 'string' ? plainTextViolation(args.value, options) : undefined;
          return `${args?.property ?? 'value'} ${rule?.message ?? 'must be plain text'}`;
        },
      },
    },
    validationOptions,
  );

const MAX_DEPTH = 8;
const TOO_DEEP: PlainTextRule = {
  id: 'depth',
  refuses: /$^/,
  message: `may not nest deeper than ${MAX_DEPTH} levels`,
};

/** The first string (key or value, at any depth) of a JSON value that is not one-line plain text. */
export function plainTextViolationIn(
  value: unknown,
  path = '',
  depth = 0,
): { path: string; rule: PlainTextRule } | undefined {
  if (typeof value === 'string') {
    const rule = plainTextViolation(value);
    return rule && { path, rule };
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return { path, rule: TOO_DEEP };
  for (const [k, v] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`;
    const rule = Array.isArray(value) ? undefined : plainTextViolation(k);
    if (rule) return { path: at, rule };
    const inner = plainTextViolationIn(v, at, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * An object field whose strings are data (benefit facts, case facts): every key and every string value, at any
 * depth, must be one-line plain text. The message names the path (`facts.outcome may not contain ...`).
 */
export const PlainTextValues = (validationOptions?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'plainTextValues',
      validator: {
        validate: (value: unknown) => !plainTextViolationIn(value),
        defaultMessage: (args?: ValidationArguments) => {
          const found = plainTextViolationIn(args?.value, args?.property ?? 'value');
          return `${found?.path ?? args?.property} ${found?.rule.message ?? 'must hold plain text only'}`;
        },
      },
    },
    validationOptions,
  );
