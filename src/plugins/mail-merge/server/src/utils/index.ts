import type { Core } from '@strapi/strapi';
import type { ExtractionsService } from '../services/extractions';
import type { PagesService } from '../services/pages';
import type { RecordsService } from '../services/records';
import type { RenderService } from '../services/render';
import type { TemplatesService } from '../services/templates';

type Services = {
  extractions: ExtractionsService;
  pages: PagesService;
  records: RecordsService;
  render: RenderService;
  shipped: { install: () => Promise<string[]> };
  templates: TemplatesService;
};

/** Typed access to the plugin's services. */
export const getService = <Name extends keyof Services>(name: Name, { strapi }: { strapi: Core.Strapi }) =>
  strapi.plugin('mail-merge').service(name) as Services[Name];
