import type { errors } from '@strapi/utils';
import type { DocumentParams, Entity } from './common';

/** The Media Library file of a layout's logo. */
export interface LayoutLogo {
  id: number;
  name: string;
  /** Absolute URL, as mails point to it. */
  url: string;
}

/** « Mise en page »: the mutual's letterhead around a mail, as the admin API sends it. */
export interface Layout extends Partial<Omit<Entity, 'documentId'>> {
  documentId: string;
  name: string;
  /** null when none, or when its file was deleted from the Media Library. */
  logo: LayoutLogo | null;
  /** The name line of the header (the alternative text of the logo too); empty: the layout's name. */
  headerTitle: string | null;
  /** Footer texts: simple HTML (links, bold…), line breaks kept; sanitised when a mail is composed. */
  footerAddress: string | null;
  footerLegal: string | null;
  /** The line on the use of the member's contact details (RGPD). */
  footerGdpr: string | null;
  /** `#rrggbb`. */
  primaryColor: string;
  textColor: string;
  backgroundColor: string;
  /** The layout of templates that choose none; at most one is. */
  isDefault: boolean;
  /** Bumped on every save. */
  version: number;
}

/** The layout form, as the admin sends it whole. */
export interface LayoutInput {
  name: string;
  /** A Media Library file id, or null for no logo. */
  logo: number | null;
  headerTitle: string;
  footerAddress: string;
  footerLegal: string;
  footerGdpr: string;
  primaryColor: string;
  textColor: string;
  backgroundColor: string;
  isDefault: boolean;
}

/** A layout's fields as the server takes them: an update keeps the stored value of those absent. */
export type LayoutBody = { [Field in keyof LayoutInput]?: LayoutInput[Field] | null };

/**
 * A template's « Mise en page » as the template form sends it: LAYOUT_CHOICE.default ('') the
 * default layout, LAYOUT_CHOICE.none ('none') « sans mise en page », else a layout's documentId.
 */
export type LayoutChoice = string;

/** A mail composed in a layout: the complete HTML document and its text part. */
export interface ComposedMail {
  html: string;
  text: string;
}

/**
 * GET /mail-merge/layouts — every layout, the default first.
 */
export declare namespace GetLayouts {
  export interface Request {
    query: Record<string, never>;
  }

  export interface Response {
    data: Layout[];
    error?: errors.ApplicationError | errors.PolicyError;
  }
}

/**
 * GET /mail-merge/layouts/:documentId
 */
export declare namespace GetLayout {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data: Layout;
    error?: errors.ApplicationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/layouts — 201. A colour that is not `#rrggbb`, or a logo that is not an image
 * of the Media Library, is a 400 and nothing is saved.
 */
export declare namespace CreateLayout {
  export interface Request {
    body: LayoutBody;
  }

  export interface Response {
    data: Layout;
    error?: errors.ApplicationError | errors.ValidationError | errors.PolicyError;
  }
}

/**
 * PUT /mail-merge/layouts/:documentId — the fields given replace the stored ones; the version is bumped.
 */
export declare namespace UpdateLayout {
  export interface Request {
    params: DocumentParams;
    body: LayoutBody;
  }

  export interface Response {
    data: Layout;
    error?: errors.ApplicationError | errors.ValidationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * DELETE /mail-merge/layouts/:documentId — 204. Templates that used it take the default layout.
 */
export declare namespace DeleteLayout {
  export interface Request {
    params: DocumentParams;
  }

  export interface Response {
    data?: never;
    error?: errors.ApplicationError | errors.NotFoundError | errors.PolicyError;
  }
}

/**
 * POST /mail-merge/layouts/preview — the layout as being edited (not saved) around a sample
 * body and the current user's signature: exactly as a mail would leave.
 */
export declare namespace PreviewLayout {
  export interface Request {
    body: LayoutBody;
  }

  export interface Response {
    data: ComposedMail;
    error?: errors.ApplicationError | errors.ValidationError | errors.PolicyError;
  }
}
