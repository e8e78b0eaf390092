import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../constants';
import { ExtractionEditPage } from './ExtractionEditPage';
import { ExtractionListPage } from './ExtractionListPage';

export const ExtractionsRoutes = () => (
  <Page.Protect permissions={PERMISSIONS.extractionsRead}>
    <Routes>
      <Route index element={<ExtractionListPage />} />
      <Route path="new" element={<ExtractionEditPage />} />
      <Route path=":id" element={<ExtractionEditPage />} />
    </Routes>
  </Page.Protect>
);
