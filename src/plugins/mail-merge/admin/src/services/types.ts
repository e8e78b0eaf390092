/** Shapes of the plugin's admin API responses (server/src/controllers). */

export type Binding = { page: string; documentId?: string };

export type Extraction = {
  documentId: string;
  title: string;
  description?: string | null;
  query: string;
  columns: string[] | null;
  bindings: Binding[];
};

export type ExtractionInput = { title: string; description: string; query: string; pages: string[] };

export type BrokenTemplate = {
  documentId: string;
  title: string;
  page: string;
  reason: 'unknown-fields' | 'page-unbound';
  fields: string[];
};

export type TestResult = { columns: string[]; rows: Record<string, unknown>[]; truncated: boolean };

export type TemplateProblem = { code: string; fields?: string[] };

export type MinimumConsent = 'interne' | 'limite' | 'public';

export type Template = {
  documentId: string;
  family: string | null;
  title: string;
  description: string;
  recipient: string | null;
  subject: string;
  body: string | null;
  page: string;
  version: number;
  minimumConsent?: MinimumConsent | null;
  extraction: { documentId: string; title: string; columns: string[] } | null;
  valid: boolean;
  problems: TemplateProblem[];
};

export type TemplateInput = {
  family: string;
  title: string;
  description: string;
  recipient: string;
  subject: string;
  body: string;
  page: string;
  extraction: string;
  minimumConsent: MinimumConsent;
};

export type Preview = { to: string[]; subject: string; html: string; text: string; row: Record<string, unknown> };

export type RecordOption = { documentId: string; label: string };
