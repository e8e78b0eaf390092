import type { errors } from '@strapi/utils';
import type { MinimumConsent } from '../constants';
import type { DocumentParams, Entity } from './common';
import type { LayoutChoice } from './layouts';

export type { MinimumConsent } from '../constants';

/** Why a saved template cannot be sent as it is (the recap flags it « à corriger »). */
export type TemplateProblemCode =
  | 'template.no-extraction'
  | 'template.extraction-not-bound'
  | 'template.unknown-fields'
  | 'template.syntax'
  | 'template.unknown-page';

export interface TemplateProblem {
  code: TemplateProblemCode;
  /** The merge fields the extraction does not provide (`template.unknown-fields`). */
  fields?: string[];
}

/** A mail template (« modèle de mail ») as the admin API sends it, with its problems. */
export interface Template extends Partial<Omit<Entity, 'documentId'>> {
  documentId: string;
  family: string | null;
  title: string;
  description: string;
  recipient: string | null;
  subject: string;
  body: string | null;
  /** A page key of the registry. */
  page: string;
  /** Bumped on every save. */
  version: number;
  minimumConsent?: MinimumConsent | null;
  /** Code of the mutual's notification type, or null. */
  notificationType?: string | null;
  extraction: { documentId: string; title: string; columns: string[] } | null;
  /** The layout it picked (null: the default one, unless withoutLayout). */
  layout: { documentId: string; name: string } | null;
  /** « Sans mise en page »: the body and signature alone in a bare document. */
  withoutLayout: boolean;
  /** No problem: it can be sent. */
  valid: boolean;
  problems: TemplateProblem[];
}

/** The template form, as the admin sends it whole. */
export interface TemplateInput {
  family: string;
  title: string;
  description: string;
  recipient: string;
  subject: string;
  body: string;
  /** A page key. */
  page: string;
  /** The extraction's documentId. */
  extraction: string;
  minimumConsent: MinimumConsent;
  /** A notification type's code, or '' for none. */
  notificationType: string;
  /** « Mise en page »: '' the default layout, 'none' none, else a layout's documentId (absent: unchanged, or the default). */
  layout?: LayoutChoice;
}

/**
 * A template's fields as the server takes them: any may be absent or null (an update keeps the
 * stored value of those absent); the service names every required one left empty.
 */
export type TemplateBody = { [Field in keyof TemplateInput]?: TemplateInput[Field] | null };

/** A template rendered on one record. */
export interface Preview {
  to: string[];
  subject: string;
  /** The complete document as it would leave: the layout around the body and the user's signature. */
  html: string;
  /** Its text part. */
  text: string;
  /** The rendered body alone (sanitised), as the template wrote it: no signature, no layout. */
  body: string;
  /** The record's extraction row the template was rendered on. */
  row: Record<string, unknown>;
}

/**
 * GET /mail-merge/templates?page= — every template (or a page's), with its problems.
 */
export declare namespace GetTemplates {
  export interface Request {
    query: { page?: string };
  }

  export interface Response {
    data: Template[];
    error?: errors.ApplicationError | errors.PolicyError;
  }
}

/**
 * GET /mail-merge/templates/:documentId
 */
export declare namespace GetTemplate {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data: Template;
    error?: errors.ApplicationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/templates — 201.
 */
export declare namespace CreateTemplate {
  export interface Request {
    body: TemplateBody;
  }

  export interface Response {
    data: Template;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * PUT /mail-merge/templates/:documentId — the fields given replace the stored ones; the version is bumped.
 * Given the version the editor opened, a save over someone else's is refused (409) and writes nothing.
 */
export declare namespace UpdateTemplate {
  export interface Request {
    params: DocumentParams;
    /** `version`: the one the editor opened; when another save came in between, a 409 (`template.edited-meanwhile`). */
    body: TemplateBody & { version?: number };
  }

  export interface Response {
    data: Template;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * DELETE /mail-merge/templates/:documentId — 204, no body. Mails sent keep their snapshot.
 */
export declare namespace DeleteTemplate {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data?: never;
    error?: errors.ApplicationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/templates/:documentId/duplicate — 201: a copy, possibly for another page and extraction.
 */
export declare namespace DuplicateTemplate {
  export interface Request {
    params: DocumentParams;
    body: { page?: string; extraction?: string; title?: string };
  }

  export interface Response {
    data: Template;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/templates/preview — a template as being edited (not saved), rendered on a record.
 */
export declare namespace PreviewDraftTemplate {
  export interface Request {
    body: TemplateBody & { record: string };
  }

  export interface Response {
    data: Preview;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/templates/:documentId/preview — a saved template rendered on a record.
 */
export declare namespace PreviewSavedTemplate {
  export interface Request {
    params: DocumentParams;
    body: { record: string };
  }

  export interface Response {
    data: Preview;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}
