/**
 * The part of html-to-text (10.x) the server uses (services/render.ts): the package ships no
 * types and @types/html-to-text is not installed. The options the plugin passes are named; the
 * others of its documentation are accepted as they are.
 */
declare module 'html-to-text' {
  /** How the elements a selector matches are written (`skip`, `inline`, `anchor`…). */
  export interface SelectorDefinition {
    selector: string;
    format?: string;
    options?: Record<string, unknown>;
  }

  export interface HtmlToTextOptions {
    wordwrap?: number | false | null;
    limits?: { ellipsis?: string; maxBaseElements?: number; maxChildNodes?: number; maxDepth?: number; maxInputLength?: number };
    selectors?: SelectorDefinition[];
    [option: string]: unknown;
  }

  /** A converter built once for these options (convert() builds one on every call). */
  export function compile(options?: HtmlToTextOptions): (html: string, metadata?: unknown) => string;

  export function convert(html: string, options?: HtmlToTextOptions, metadata?: unknown): string;
}
