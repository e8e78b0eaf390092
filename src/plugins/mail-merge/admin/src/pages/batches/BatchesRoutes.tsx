import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../constants';
import { BatchListPage } from './BatchListPage';
import { BatchPage } from './BatchPage';

/** « Envois groupés »: for the users who send them or follow the sent mails (as the server's routes). */
export const BatchesRoutes = () => (
  <Page.Protect permissions={PERMISSIONS.batches}>
    <Routes>
      <Route index element={<BatchListPage />} />
      <Route path=":id" element={<BatchPage />} />
    </Routes>
  </Page.Protect>
);
