import { describe, expect, it } from 'vitest';
import { bootError, setupStrapi } from './helpers/strapi';

const setPages = (pages: unknown) => ({ pages });

/** A bad page registry stops start-up with a message an administrator can act on. */
describe('plugin configuration', () => {
  it('refuses a page without a content type uid, naming the field', async () => {
    const error = await bootError(
      setPages([{ key: 'beneficiaries', module: 'Fichier', page: 'Gestion des bénéficiaires', contentType: 'beneficiary' }])
    );
    expect(error?.message).toMatch(/mail-merge/);
    expect(error?.message).toMatch(/contentType must be a content type uid/);
  });

  it('refuses duplicate page keys and missing labels, listing every problem', async () => {
    const error = await bootError(
      setPages([
        { key: 'structures', module: 'Fichier', page: 'Gestion des structures', contentType: 'api::structure.structure' },
        { key: 'structures', module: 'Fichier', contentType: 'api::structure.structure' },
      ])
    );
    expect(error?.message).toMatch(/page keys must be unique/);
    expect(error?.message).toMatch(/page is a required field/);
  });

  it('starts with a valid registry of its own', async () => {
    const error = await bootError(
      setPages([{ key: 'structures', module: 'Fichier', page: 'Gestion des structures', contentType: 'api::structure.structure' }])
    );
    expect(error).toBeNull();
  });

  it('refuses a page whose content type or recipient field does not exist', async () => {
    const error = await bootError(
      setPages([
        { key: 'contracts', module: 'Fichier', page: 'Contrats', contentType: 'api::contract.contract' },
        {
          key: 'structures',
          module: 'Fichier',
          page: 'Gestion des structures',
          contentType: 'api::structure.structure',
          defaultRecipients: [{ field: 'mail', label: 'Mail' }],
        },
      ])
    );
    expect(error?.message).toMatch(/content type "api::contract.contract" does not exist/);
    expect(error?.message).toMatch(/field "mail" does not exist on api::structure.structure/);
  });

  it('refuses to start in production without its secrets, naming the missing one', async () => {
    await expect(setupStrapi({ env: { NODE_ENV: 'production', ADMIN_JWT_SECRET: '' } })).rejects.toThrow(
      /ADMIN_JWT_SECRET is not set/
    );
    // The members' space signs its tokens with JWT_SECRET: required in production like the others.
    await expect(setupStrapi({ env: { NODE_ENV: 'production', ADMIN_JWT_SECRET: 'test-admin-jwt-secret', JWT_SECRET: '' } })).rejects.toThrow(
      /production: JWT_SECRET is not set\./
    );
  });
});
