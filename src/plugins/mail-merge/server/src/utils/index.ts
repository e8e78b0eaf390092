import type { Core } from '@strapi/strapi';
import type { PagesService } from '../services/pages';

type Services = {
  pages: PagesService;
};

/** Typed access to the plugin's services. */
export const getService = <Name extends keyof Services>(name: Name, { strapi }: { strapi: Core.Strapi }) =>
  strapi.plugin('mail-merge').service(name) as Services[Name];
