import type { errors } from '@strapi/utils';

/** « Mon profil d'envoi »: the current user's sender address and signature (HTML). */
export interface Profile {
  email: string | null;
  signature: string;
}

/**
 * GET /mail-merge/profile — always the current user's own profile.
 */
export declare namespace GetProfile {
  export interface Request {
    query: Record<string, never>;
  }

  export interface Response {
    data: Profile;
    error?: errors.ApplicationError | errors.PolicyError;
  }
}

/**
 * PUT /mail-merge/profile — the address must be in an allowed domain; the signature is sanitised.
 */
export declare namespace UpdateProfile {
  export interface Request {
    body: { email?: string | null; signature?: string | null };
  }

  export interface Response {
    data: Profile;
    error?: errors.ApplicationError | errors.ValidationError | errors.PolicyError;
  }
}
