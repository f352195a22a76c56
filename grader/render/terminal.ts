/**
 * Renders a lesson for the terminal by walking markdown-it's tokens: headings, emphasis,
 * lists, block quotes, tables and highlighted code. With colour off the same layout comes out
 * as plain text, so a pipe or NO_COLOR gets readable output without escape codes.
 */
import { stripVTControlCharacters } from "node:util";
import hljs from "highlight.js";
import pc from "picocolors";
import type { Token } from "markdown-it";
import { exerciseRelativePath } from "../core/layout.ts";
import { createMarkdown, exerciseOfLink } from "./markdown.ts";

/** How to render. */
interface TerminalOptions {
  /** Use ANSI colours and styles. */
  readonly color: boolean;
  /** Wrap paragraphs at this many columns. */
  readonly width: number;
}

type Colors = ReturnType<typeof pc.createColors>;

/** Renders lesson markdown to terminal text. */
export function renderLessonForTerminal(source: string, options: TerminalOptions): string {
  const tokens = createMarkdown().parse(source, {});
  const renderer = new TerminalRenderer(pc.createColors(options.color), Math.max(40, options.width));
  return renderer.render(tokens);
}

/** highlight.js scope → terminal style. */
const SCOPE_STYLES: Record<string, keyof Colors> = {
  keyword: "magenta",
  built_in: "cyan",
  type: "cyan",
  literal: "yellow",
  number: "yellow",
  string: "green",
  comment: "gray",
  title: "blue",
  "title.class_": "blue",
  "title.function_": "blue",
  params: "reset",
  attr: "yellow",
  symbol: "yellow",
  meta: "gray",
};

class TerminalRenderer {
  private readonly lines: string[] = [];
  private readonly prefixes: string[] = [];
  private readonly lists: { ordered: boolean; next: number }[] = [];
  private pendingBullet: string | undefined;

  constructor(
    private readonly c: Colors,
    private readonly width: number,
  ) {}

  render(tokens: Token[]): string {
    for (let index = 0; index < tokens.length; index += 1) index = this.block(tokens, index);
    return `${this.lines.join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
  }

  /** Renders the block starting at `index`; returns the index of its last token. */
  private block(tokens: Token[], index: number): number {
    const token = tokens[index]!;
    switch (token.type) {
      case "heading_open":
        this.heading(Number(token.tag.slice(1)), this.inline(tokens[index + 1]!));
        return index + 2;
      case "paragraph_open":
        this.paragraph(this.inline(tokens[index + 1]!));
        return index + 2;
      case "bullet_list_open":
      case "ordered_list_open":
        this.lists.push({ ordered: token.type === "ordered_list_open", next: Number(token.attrGet("start") ?? 1) });
        return index;
      case "bullet_list_close":
      case "ordered_list_close":
        this.lists.pop();
        if (this.lists.length === 0) this.blank();
        return index;
      case "list_item_open": {
        const list = this.lists.at(-1)!;
        this.pendingBullet = list.ordered ? `${list.next++}. ` : "• ";
        this.prefixes.push(" ".repeat(this.pendingBullet.length));
        return index;
      }
      case "list_item_close":
        this.prefixes.pop();
        return index;
      case "blockquote_open":
        this.prefixes.push(this.c.gray("│ "));
        return index;
      case "blockquote_close":
        this.prefixes.pop();
        this.blank();
        return index;
      case "fence":
      case "code_block":
        this.code(token.content, token.info.trim().split(/\s+/)[0] ?? "");
        return index;
      case "table_open":
        return this.table(tokens, index);
      case "hr":
        this.emit(this.c.gray("─".repeat(Math.min(this.width, 60))));
        this.blank();
        return index;
      case "html_block":
        this.html(token.content);
        return index;
      default:
        return index;
    }
  }

  private heading(level: number, text: string): void {
    this.blank();
    if (level === 1) {
      this.emit(this.c.bold(this.c.cyan(text)));
      this.emit(this.c.cyan("═".repeat(Math.min(visibleLength(text), this.width))));
    } else if (level === 2) {
      this.emit(this.c.bold(text));
      this.emit(this.c.gray("─".repeat(Math.min(visibleLength(text), this.width))));
    } else {
      this.emit(this.c.bold(text));
    }
    this.blank();
  }

  private paragraph(text: string): void {
    const indent = visibleLength(this.prefixes.join(""));
    for (const line of wrap(text, this.width - indent)) this.emit(line);
    if (this.lists.length === 0) this.blank();
  }

  private code(content: string, language: string): void {
    const highlighted = this.highlight(content.replace(/\n$/, ""), language);
    for (const line of highlighted.split("\n")) this.emit(`  ${line}`);
    this.blank();
  }

  private highlight(code: string, language: string): string {
    if (!this.c.isColorSupported || !language || !hljs.getLanguage(language)) return code;
    return htmlToAnsi(hljs.highlight(code, { language, ignoreIllegals: true }).value, this.c);
  }

  private html(content: string): void {
    // Quiz answers use <details><summary>Answer</summary> … </details>: show a label, drop the tags.
    const summary = /<summary>([\s\S]*?)<\/summary>/.exec(content);
    if (summary) this.emit(this.c.italic(`${summary[1]!.trim()}:`));
    const rest = decodeEntities(content.replace(/<summary>[\s\S]*?<\/summary>/g, "").replace(/<[^>]+>/g, "")).trim();
    if (rest) this.paragraph(rest);
  }

  private table(tokens: Token[], start: number): number {
    const rows: string[][] = [];
    let index = start;
    for (; tokens[index]!.type !== "table_close"; index += 1) {
      const token = tokens[index]!;
      if (token.type === "tr_open") rows.push([]);
      if (token.type === "inline") rows.at(-1)!.push(this.inline(token));
    }
    const columns = Math.max(...rows.map((row) => row.length));
    const natural = Array.from({ length: columns }, (_, column) => Math.max(3, ...rows.map((row) => visibleLength(row[column] ?? ""))));
    const widths = fitColumns(natural, this.width - 3 * columns - 1 - visibleLength(this.prefixes.join("")));
    const border = (left: string, middle: string, right: string) => this.c.gray(left + widths.map((width) => "─".repeat(width + 2)).join(middle) + right);
    this.emit(border("┌", "┬", "┐"));
    rows.forEach((row, rowIndex) => {
      const cells = widths.map((width, column) => wrap(row[column] ?? "", width));
      const height = Math.max(...cells.map((cell) => cell.length));
      for (let line = 0; line < height; line += 1) {
        const text = cells.map((cell, column) => padVisible(cell[line] ?? "", widths[column]!)).map((cell) => (rowIndex === 0 ? this.c.bold(cell) : cell));
        this.emit(`${this.c.gray("│")} ${text.join(` ${this.c.gray("│")} `)} ${this.c.gray("│")}`);
      }
      if (rowIndex === 0) this.emit(border("├", "┼", "┤"));
    });
    this.emit(border("└", "┴", "┘"));
    this.blank();
    return index;
  }

  /** Renders inline children (emphasis, code, links) to one styled string. */
  private inline(token: Token): string {
    let out = "";
    const styles: ((text: string) => string)[] = [];
    let link: string | undefined;
    const styled = (text: string) => styles.reduce((acc, style) => style(acc), text);
    for (const child of token.children ?? []) {
      switch (child.type) {
        case "text":
          out += styled(child.content);
          break;
        case "code_inline":
          out += this.c.cyan(child.content);
          break;
        case "strong_open":
          styles.push(this.c.bold);
          break;
        case "em_open":
          styles.push(this.c.italic);
          break;
        case "strong_close":
        case "em_close":
          styles.pop();
          break;
        case "link_open":
          link = String(child.attrGet("href") ?? "");
          styles.push(this.c.underline);
          break;
        case "link_close": {
          styles.pop();
          const exercise = link ? exerciseOfLink(link) : undefined;
          if (exercise) out += this.c.dim(` (exercises/${exerciseRelativePath(exercise)} · npx workbook hint ${exercise.id})`);
          else if (link && !link.startsWith("#")) out += this.c.dim(` <${link}>`);
          link = undefined;
          break;
        }
        case "softbreak":
          out += " ";
          break;
        case "hardbreak":
          out += "\n";
          break;
        case "html_inline":
          break;
        default:
          out += styled(child.content);
      }
    }
    return out;
  }

  private emit(text: string): void {
    const prefix = this.prefixes.join("");
    if (this.pendingBullet !== undefined) {
      const bulletPrefix = this.prefixes.slice(0, -1).join("") + this.c.cyan(this.pendingBullet);
      this.pendingBullet = undefined;
      this.lines.push(bulletPrefix + text);
      return;
    }
    this.lines.push(prefix + text);
  }

  private blank(): void {
    if (this.lines.length > 0 && this.lines.at(-1) !== "") this.lines.push("");
  }
}

/** Shrinks the widest columns until the table fits `available` characters. */
function fitColumns(natural: number[], available: number): number[] {
  const widths = [...natural];
  while (widths.reduce((sum, width) => sum + width, 0) > available) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 8) break;
    widths[widest]! -= 1;
  }
  return widths;
}

/** Word-wraps styled text to `width` visible columns. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      if (line !== "" && visibleLength(line) + 1 + visibleLength(word) > width) {
        lines.push(line);
        line = word;
      } else {
        line = line === "" ? word : `${line} ${word}`;
      }
    }
    lines.push(line);
  }
  return lines;
}

function visibleLength(text: string): number {
  return stripVTControlCharacters(text).length;
}

function padVisible(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - visibleLength(text)));
}

/** Turns highlight.js's `<span class="hljs-…">` markup into ANSI styles. */
function htmlToAnsi(html: string, c: Colors): string {
  const stack: (keyof Colors | undefined)[] = [];
  let out = "";
  for (const part of html.split(/(<span class="[^"]*">|<\/span>)/)) {
    const open = /^<span class="([^"]*)">$/.exec(part);
    if (open) {
      const scope = open[1]!.split(" ")[0]!.replace(/^hljs-/, "");
      stack.push(SCOPE_STYLES[scope]);
    } else if (part === "</span>") {
      stack.pop();
    } else if (part) {
      const style = stack.findLast((entry) => entry !== undefined);
      const text = decodeEntities(part);
      out += style ? (c[style] as (input: string) => string)(text) : text;
    }
  }
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
}
