import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../constants';
import { ExtractionEditPage } from './ExtractionEditPage';
import { ExtractionListPage } from './ExtractionListPage';

export const ExtractionsRoutes = () => (
  <Page.Protect permissions={PERMISSIONS.extractionsRead}>
    <Routes>
      <Route index element={<ExtractionListPage />} />
      {/* Its own key: « Ajouter une extraction » from an extraction opens an empty form. */}
      <Route path="new" element={<ExtractionEditPage key="new" />} />
      <Route path=":id" element={<ExtractionEditPage />} />
    </Routes>
  </Page.Protect>
);
