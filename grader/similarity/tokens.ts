/**
 * Turns a TypeScript source file into the token stream that similarity is measured on: what a
 * copier cannot change without rewriting the code. Identifiers become one token and literals
 * their kind, so renaming and changed constants hide nothing; comments, whitespace and line
 * breaks are skipped by the scanner, so re-wrapping and added comments hide nothing either.
 */
import { createRequire } from "node:module";
import type * as TS from "typescript";

// Loaded with require: importing TypeScript's 9 MB CommonJS file as a module makes Node scan it
// for export names first, which doubles the command's start-up time.
const ts = createRequire(import.meta.url)("typescript") as typeof TS;

/**
 * The normalised tokens of a file, as parallel arrays (a class of 300 has millions of tokens):
 * token `i` is `codes[i]`, its text lies from `starts[i]` to just before `ends[i]`.
 */
interface Tokens {
  /** The same number for every identifier, every string literal, etc.; keywords and punctuation keep their own. */
  readonly codes: readonly number[];
  /** Offset of each token's first character in the source. */
  readonly starts: readonly number[];
  /** Offset just past each token's last character. */
  readonly ends: readonly number[];
}

const { SyntaxKind } = ts;

/** Tokens after which `/` divides; after anything else it starts a regular expression. */
const ENDS_AN_EXPRESSION = new Set<TS.SyntaxKind>([
  SyntaxKind.Identifier, SyntaxKind.PrivateIdentifier, SyntaxKind.NumericLiteral, SyntaxKind.BigIntLiteral,
  SyntaxKind.StringLiteral, SyntaxKind.RegularExpressionLiteral, SyntaxKind.NoSubstitutionTemplateLiteral,
  SyntaxKind.TemplateTail, SyntaxKind.CloseParenToken, SyntaxKind.CloseBracketToken, SyntaxKind.CloseBraceToken,
  SyntaxKind.ThisKeyword, SyntaxKind.SuperKeyword, SyntaxKind.TrueKeyword, SyntaxKind.FalseKeyword,
  SyntaxKind.NullKeyword, SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken,
]);

/** Brackets a trailing comma can stand before. */
const CLOSERS = new Set<TS.SyntaxKind>([SyntaxKind.CloseParenToken, SyntaxKind.CloseBracketToken, SyntaxKind.CloseBraceToken]);

/**
 * The normalised tokens of `source`, in order. Semicolons and trailing commas are left out: a
 * formatter adds or removes them at will (automatic semicolon insertion, trailing-comma
 * styles), so they are layout, not code.
 */
export function normalisedTokens(source: string): Tokens {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard, source);
  const codes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  // The scanner alone cannot tell where a template's `${…}` ends or whether `/` starts a
  // regular expression (the parser normally tells it), so this tracks both: an open `{` is
  // pushed as false, a template's `${` as true.
  const braces: boolean[] = [];
  let previous: TS.SyntaxKind = SyntaxKind.Unknown;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === SyntaxKind.CloseBraceToken && braces.pop() === true) kind = scanner.reScanTemplateToken(false);
    else if ((kind === SyntaxKind.SlashToken || kind === SyntaxKind.SlashEqualsToken) && !ENDS_AN_EXPRESSION.has(previous)) kind = scanner.reScanSlashToken();
    if (kind === SyntaxKind.OpenBraceToken) braces.push(false);
    else if (kind === SyntaxKind.TemplateHead || kind === SyntaxKind.TemplateMiddle) braces.push(true);
    // After `.` any word is a property name (`map.delete`, `map.get`), whatever the scanner calls it.
    const code = previous === SyntaxKind.DotToken || previous === SyntaxKind.QuestionDotToken ? SyntaxKind.Identifier : normalisedCode(kind);
    previous = kind;
    if (code === SyntaxKind.SemicolonToken) continue;
    if (CLOSERS.has(code) && codes.at(-1) === SyntaxKind.CommaToken) {
      codes.pop();
      starts.pop();
      ends.pop();
    }
    codes.push(code);
    starts.push(scanner.getTokenStart());
    ends.push(scanner.getTokenEnd());
  }
  return { codes, starts, ends };
}

/** `#name` and `name` are one token too: turning a field private is a rename. */
function normalisedCode(kind: TS.SyntaxKind): number {
  return kind === SyntaxKind.PrivateIdentifier ? SyntaxKind.Identifier : kind;
}
