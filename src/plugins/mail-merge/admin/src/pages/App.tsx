import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../constants';
import { HomePage } from './HomePage';

export const App = () => (
  <Page.Protect permissions={PERMISSIONS.main}>
    <Routes>
      <Route index element={<HomePage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Page.Protect>
);
