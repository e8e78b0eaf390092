import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../constants';
import { TemplateEditPage } from './TemplateEditPage';
import { TemplateListPage } from './TemplateListPage';

export const TemplatesRoutes = () => (
  <Page.Protect permissions={PERMISSIONS.templatesRead}>
    <Routes>
      <Route index element={<TemplateListPage />} />
      <Route path="new" element={<TemplateEditPage />} />
      <Route path=":id" element={<TemplateEditPage />} />
    </Routes>
  </Page.Protect>
);
