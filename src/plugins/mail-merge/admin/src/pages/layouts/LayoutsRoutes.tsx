import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../constants';
import { LayoutEditPage } from './LayoutEditPage';
import { LayoutListPage } from './LayoutListPage';

/** « Mise en page »: read with the templates (templates-read), edited by who manages them. */
export const LayoutsRoutes = () => (
  <Page.Protect permissions={PERMISSIONS.templatesRead}>
    <Routes>
      <Route index element={<LayoutListPage />} />
      <Route path="new" element={<LayoutEditPage key="new" />} />
      <Route path=":id" element={<LayoutEditPage />} />
    </Routes>
  </Page.Protect>
);
