import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../constants';
import { TemplateEditPage } from './TemplateEditPage';
import { TemplateListPage } from './TemplateListPage';

export const TemplatesRoutes = () => (
  <Page.Protect permissions={PERMISSIONS.templatesRead}>
    <Routes>
      <Route index element={<TemplateListPage />} />
      {/* Its own key: « Ajouter un mail » from a mail opens an empty form, not the mail it leaves. */}
      <Route path="new" element={<TemplateEditPage key="new" />} />
      <Route path=":id" element={<TemplateEditPage />} />
    </Routes>
  </Page.Protect>
);
